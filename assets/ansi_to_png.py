#!/usr/bin/python3
"""Render a `tmux capture-pane -e -p` capture (text with SGR colour codes) to a PNG.

Usage: ansi_to_png.py CAPTURE.ansi OUT.png [COLUMNS]
Needs Pillow (Debian: python3-pil) and DejaVu Sans Mono (fonts-dejavu-core).
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 16
BG, FG = (24, 26, 33), (214, 218, 226)
BASE = [(40, 42, 54), (235, 87, 87), (80, 200, 120), (230, 200, 90), (98, 150, 240), (200, 120, 220), (90, 200, 220), (200, 204, 212)]
BRIGHT = [(110, 114, 128), (255, 120, 120), (130, 235, 150), (255, 225, 120), (140, 180, 255), (230, 150, 250), (130, 230, 240), (255, 255, 255)]


def xterm(n):
    if n < 8:
        return BASE[n]
    if n < 16:
        return BRIGHT[n - 8]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def apply(state, codes):
    codes = codes or [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=False, dim=False, reverse=False, underline=False)
        elif c == 1:
            state["bold"] = True
        elif c == 2:
            state["dim"] = True
        elif c == 4:
            state["underline"] = True
        elif c == 7:
            state["reverse"] = True
        elif c == 22:
            state.update(bold=False, dim=False)
        elif c == 24:
            state["underline"] = False
        elif c == 27:
            state["reverse"] = False
        elif 30 <= c <= 37:
            state["fg"] = BASE[c - 30]
        elif 90 <= c <= 97:
            state["fg"] = BRIGHT[c - 90]
        elif 40 <= c <= 47:
            state["bg"] = BASE[c - 40]
        elif 100 <= c <= 107:
            state["bg"] = BRIGHT[c - 100]
        elif c == 39:
            state["fg"] = None
        elif c == 49:
            state["bg"] = None
        elif c in (38, 48) and i + 1 < len(codes):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                state[key] = xterm(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                state[key] = tuple(codes[i + 2:i + 5])
                i += 4
        i += 1


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    font, bold = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    cell_w, cell_h = round(font.getlength("M")), SIZE + 4
    lines = text.rstrip("\n").split("\n")
    image = Image.new("RGB", (columns * cell_w + 16, len(lines) * cell_h + 16), BG)
    draw = ImageDraw.Draw(image)
    state = dict(fg=None, bg=None, bold=False, dim=False, reverse=False, underline=False)
    for row, line in enumerate(lines):
        col = 0
        for part in re.split(r"(\x1b\[[0-9;]*m)", line):
            if part.startswith("\x1b["):
                apply(state, [int(x) if x else 0 for x in part[2:-1].split(";")])
                continue
            for ch in part:
                wide = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
                fg, bg = state["fg"] or FG, state["bg"] or BG
                if state["reverse"]:
                    fg, bg = bg, fg
                if state["dim"]:
                    fg = tuple((a + b) // 2 for a, b in zip(fg, BG))
                x, y = 8 + col * cell_w, 8 + row * cell_h
                draw.rectangle([x, y, x + wide * cell_w - 1, y + cell_h - 1], fill=bg)
                draw.text((x, y + 1), ch, font=bold if state["bold"] else font, fill=fg)
                if state["underline"]:
                    draw.line([x, y + cell_h - 2, x + wide * cell_w - 1, y + cell_h - 2], fill=fg)
                col += wide
    image.save(sys.argv[2])


if __name__ == "__main__":
    main()
