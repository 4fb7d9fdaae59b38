#!/usr/bin/env bash
# Makes assets/screenshot.{ansi,txt,png} from a real run: errkb in a 120x35 tmux window,
# diagnosing a pasted Python traceback, the second workaround copied.
# Usage: assets/screenshot.sh [path/to/errkb]   (needs tmux; the PNG needs python3-pil)
set -euo pipefail
cd "$(dirname "$0")"
BIN=$(realpath "${1:-../target/release/errkb}")
tm() { tmux -u -L errkb-shot -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null || true' EXIT
tm new-session -d -s shot -x 120 -y 35 "env -u DISPLAY LC_ALL=C.UTF-8 TERM=xterm-256color $BIN"
tm set -g set-clipboard on
until tm capture-pane -p -t shot | grep -q 'database/'; do sleep 0.05; done
tm set-buffer -b trace "$(printf '%s\n' 'Traceback (most recent call last):' \
  '  File "/srv/app/cache.py", line 42, in get' '    return self.client.get(key)' \
  'redis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001')"
tm paste-buffer -p -d -b trace -t shot
until tm capture-pane -p -t shot | grep -q '▶ .*redis-cluster-moved'; do sleep 0.05; done
tm send-keys -t shot Tab 2 y
until tm capture-pane -p -t shot | grep -q 'OSC 52'; do sleep 0.05; done
tm capture-pane -e -p -t shot > screenshot.ansi
tm capture-pane -p -t shot > screenshot.txt
/usr/bin/python3 ansi_to_png.py screenshot.ansi screenshot.png 120
echo "wrote assets/screenshot.png"
