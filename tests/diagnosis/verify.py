#!/usr/bin/env python3
"""Check tests/diagnosis/cases.json against the case files and the public KB.

usage: python3 tests/diagnosis/verify.py [--kb DIR] [-v]

DIR defaults to $DEADENDS_CANONS, else the first of ../shared/corpora/deadends/canons
(relative to the repo) or /work/shared/corpora/deadends/canons that exists.
Exits non-zero when a hard requirement fails; -v also prints, for information,
KB records whose error.regex matches a negative case (to review by hand) and
positive cases where none of the listed records' regexes matches the text.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

TRACE = re.compile(
    r'^\s+File ".*", line \d+'            # Python
    r'|^\s+at [\w$.<>/\[\] ]+\(.*\)$'     # Java / Node
    r'|^\s+at (async )?[\w.<>$]+ \(|^\s+at node:|^\s+at file://'
    r'|^Caused by: '
    r'|^goroutine \d+ \['                 # Go
    r'|^\s+#\d+ 0x[0-9a-f]+ in '          # ASan
    r'|^\s+\d+: .*(::|0x)'                # Rust backtrace / V8 native stack
    r'|error\[E\d{4}\]',                  # rustc diagnostics
    re.M,
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def kb_dir(arg):
    cands = [arg, os.environ.get("DEADENDS_CANONS"),
             os.path.join(os.path.dirname(REPO), "shared/corpora/deadends/canons"),
             "/work/shared/corpora/deadends/canons"]
    for c in cands:
        if c and os.path.isdir(c):
            return c
    sys.exit("KB directory not found; pass --kb")


def load_kb(d):
    kb = {}
    for f in glob.glob(os.path.join(d, "**", "*.json"), recursive=True):
        try:
            rec = json.load(open(f, encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(rec, dict) and "id" in rec:
            kb[rec["id"]] = rec
    return kb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    kb = load_kb(kb_dir(a.kb))
    cases = json.load(open(os.path.join(HERE, "cases.json"), encoding="utf-8"))
    errors = []
    per_domain = collections.Counter()
    neg = traces = ansi = zh = synth = 0
    seen = set()
    for c in cases:
        for k in ("name", "file", "domain", "synthetic", "negative", "deadends", "builtin", "note"):
            if k not in c:
                errors.append(f"{c.get('name')}: missing field {k}")
        if c["name"] in seen:
            errors.append(f"duplicate name {c['name']}")
        seen.add(c["name"])
        path = os.path.join(HERE, c["file"])
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            errors.append(f"{c['name']}: file missing or empty: {c['file']}")
            continue
        text = open(path, encoding="utf-8", errors="replace").read()
        for i in c["deadends"]:
            if i not in kb:
                errors.append(f"{c['name']}: unknown KB id {i}")
        if c["negative"] != (len(c["deadends"]) == 0):
            errors.append(f"{c['name']}: negative flag disagrees with deadends")
        per_domain[c["domain"]] += 1
        neg += c["negative"]
        synth += c["synthetic"]
        if not c["synthetic"]:
            lines = text.count("\n") + (not text.endswith("\n"))
            if lines >= 20 and len(TRACE.findall(text)) >= 3:
                traces += 1
            ansi += "\x1b[" in text
            zh += bool(CJK.search(text))
        if a.v:
            hits = []
            for rid, rec in kb.items():
                rx = (rec.get("error") or {}).get("regex")
                if not rx:
                    continue
                try:
                    if re.search(rx, text):
                        hits.append(rid)
                except re.error:
                    pass
            if c["negative"] and hits:
                print(f"[info] negative {c['name']}: regex hits {hits[:6]}")
            if not c["negative"] and not set(hits) & set(c["deadends"]):
                print(f"[info] positive {c['name']}: no listed record's regex matches")
    print(f"cases: {len(cases)}  domains: {len(per_domain)}")
    for d, n in sorted(per_domain.items()):
        print(f"  {d:12s} {n}")
    print(f"negatives: {neg}  synthetic: {synth}  traces(20+ lines): {traces}  ANSI: {ansi}  Chinese: {zh}")
    checks = [(len(cases) >= 90, "at least 90 cases"), (len(per_domain) >= 12, "at least 12 domains"),
              (neg >= 12, "at least 12 negatives"), (traces >= 10, "at least 10 traces of 20+ lines"),
              (ansi >= 5, "at least 5 ANSI cases"), (zh >= 3, "at least 3 Chinese cases"),
              (synth <= 10, "at most 10 synthetic cases")]
    for ok, what in checks:
        if not ok:
            errors.append("requirement failed: " + what)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
