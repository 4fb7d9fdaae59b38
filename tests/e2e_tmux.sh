#!/usr/bin/env bash
# End-to-end test of the errkb browser in a real terminal: tmux on a private socket drives the
# binary with send-keys and bracketed pastes, polls capture-pane until a pattern shows (never a
# blind sleep), and reads OSC 52 copies from tmux's buffer (set-clipboard on).
#
# Usage: tests/e2e_tmux.sh [path/to/errkb]   (default: target/release/errkb; builds nothing)
set -euo pipefail

BIN=$(realpath "${1:-target/release/errkb}")
[[ -x "$BIN" ]] || { echo "e2e: no binary at $BIN" >&2; exit 2; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 2; }

SOCKET="errkb-e2e-$$"
WORK=$(mktemp -d)
TIMEOUT=${E2E_TIMEOUT:-10}
tm() { tmux -u -L "$SOCKET" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

screen() { tm capture-pane -p -t e2e; }
fail() {
  echo "FAIL: $*" >&2
  echo "---- screen ----" >&2
  screen >&2 || true
  exit 1
}
pass() { echo "ok: $*"; }

# wait_for PATTERN [what]: polls the screen until the extended regex PATTERN shows.
wait_for() {
  local deadline=$((SECONDS + TIMEOUT))
  until screen | grep -Eq -- "$1"; do
    ((SECONDS < deadline)) || fail "timed out waiting for /$1/ (${2:-})"
    sleep 0.05
  done
}

# wait_gone PATTERN: polls until PATTERN is no longer on screen.
wait_gone() {
  local deadline=$((SECONDS + TIMEOUT))
  while screen | grep -Eq -- "$1"; do
    ((SECONDS < deadline)) || fail "timed out waiting for /$1/ to go"
    sleep 0.05
  done
}

# list_rows FIRST LAST: rows FIRST..LAST (1-based screen lines) of the result list only.
list_rows() { screen | sed -n "${1},${2}p" | sed 's/[┃│]\{2\}.*//'; }

# The shell is back in cooked mode with the cursor visible and mouse reporting off.
check_terminal_restored() {
  rm -f "$WORK/stty"
  tm send-keys -t e2e "stty -a > $WORK/stty.tmp && mv $WORK/stty.tmp $WORK/stty" Enter
  local deadline=$((SECONDS + TIMEOUT))
  until [[ -s "$WORK/stty" ]]; do
    ((SECONDS < deadline)) || fail "stty did not run: is the shell back?"
    sleep 0.05
  done
  grep -Eq '(^| )icanon' "$WORK/stty" && ! grep -q -- '-icanon' "$WORK/stty" || fail "icanon is off after quitting"
  grep -Eq '(^| )echo( |$)' "$WORK/stty" || fail "echo is off after quitting"
  [[ $(tm display -p -t e2e '#{cursor_flag}') == 1 ]] || fail "the cursor is hidden after quitting"
  [[ $(tm display -p -t e2e '#{alternate_on}') == 0 ]] || fail "still on the alternate screen"
  [[ $(tm display -p -t e2e '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}') == 000 ]] \
    || fail "mouse reporting left on"
  pass "terminal restored ($1): cooked mode, echo, cursor visible, mouse off"
}

# A plain shell in a 120x35 window, English locale, no X display (so copies go through OSC 52).
tm new-session -d -s e2e -x 120 -y 35 \
  "env -u DISPLAY -u WAYLAND_DISPLAY LC_ALL=C.UTF-8 LANG=C.UTF-8 PS1='e2e\$ ' bash --norc --noprofile"
tm set -g set-clipboard on
wait_for 'e2e\$' "shell prompt"

# 1. The browser shows the KB.
tm send-keys -t e2e "$BIN" Enter
wait_for 'SEARCH' "query line"
wait_for 'database/redis-cluster-moved-redirect' "the built-in KB"
pass "the list shows the KB"

# 2. Typing `moved` keeps the Redis MOVED record at the top and shows it.
tm send-keys -t e2e -l moved
wait_for '› moved ' "typed query"
wait_for '^┃▶ database/redis-cluster-moved-redirect' "the MOVED record selected"
top=$(list_rows 3 3)
grep -q 'database/redis-cluster-moved-redirect' <<<"$top" || fail "the MOVED record is not on top:$top"
pass "typing 'moved' puts database/redis-cluster-moved-redirect on top"

# 3. F2: Chinese labels and the Chinese root cause.
tm send-keys -t e2e F2
wait_for '根本原因' "Chinese label"
wait_for 'Redis集群客户端将命令发送到了错误的节点' "Chinese root cause"
pass "F2 shows Chinese labels and root cause"
tm send-keys -t e2e F2
wait_for 'Root cause' "back to English"

# 4. A bracketed paste of the error ranks the MOVED record first in diagnose mode.
tm set-buffer -b errkb-paste 'redis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001'
tm paste-buffer -p -d -b errkb-paste -t e2e
wait_for 'DIAGNOSE' "diagnose mode"
wait_for '^┃▶ +[0-9]+% database/redis-cluster-moved-redirect' "the MOVED record ranked first"
pass "pasting the error ranks the MOVED record first"

# 5. The second workaround's command, filled with the pasted values, reaches tmux via OSC 52.
tm send-keys -t e2e Tab 2 y
deadline=$((SECONDS + TIMEOUT))
until [[ $(tm show-buffer 2>/dev/null || true) == 'redis-cli -h 10.0.0.7 -p 7001 GET mykey' ]]; do
  ((SECONDS < deadline)) || fail "tmux buffer holds '$(tm show-buffer 2>/dev/null || true)'"
  sleep 0.05
done
wait_for 'OSC 52' "the toast"
pass "y copied 'redis-cli -h 10.0.0.7 -p 7001 GET mykey' through OSC 52"

# 6. Quit from the detail pane; the shell is back as it was.
tm send-keys -t e2e q
wait_gone 'DIAGNOSE'
check_terminal_restored "after q"

# 7. Piped input opens in diagnose mode, keys come from the terminal.
tm send-keys -t e2e "clear; echo 'MOVED 12 10.1.1.1:7000' | $BIN; echo rc=\$?" Enter
wait_for 'DIAGNOSE +› MOVED 12 10.1.1.1:7000' "diagnose mode on the piped text"
wait_for '^┃▶ +[0-9]+% database/redis-cluster-moved-redirect' "the MOVED record ranked first"
pass "piped input opens in diagnose mode"

# 8. Resizing to 20x5 and back does not crash.
tm resize-window -t e2e -x 20 -y 5
wait_for 'Terminal too' "the too-small message"
tm resize-window -t e2e -x 120 -y 35
wait_for 'DIAGNOSE' "redrawn after the resize"
pass "resize to 20x5 and back"

# 9. Quit (q works while diagnosing) with exit status 0.
tm send-keys -t e2e q
wait_for '^rc=0' "exit status 0"
check_terminal_restored "after piped input"

# 10. Ctrl-z suspends (terminal restored), fg resumes with a full redraw.
tm send-keys -t e2e "clear; $BIN" Enter
wait_for 'SEARCH' "the browser"
tm send-keys -t e2e C-z
wait_for 'Stopped' "the job stopped"
check_terminal_restored "after Ctrl-z"
tm send-keys -t e2e "clear; fg" Enter
wait_for 'SEARCH' "redrawn after fg"
wait_for '^┃▶ database/' "the list after fg"
tm send-keys -t e2e C-c
wait_gone 'SEARCH'
pass "Ctrl-z suspends and fg resumes"

# 11. --print: Enter on a workaround prints its command to stdout, which $(...) captures.
tm send-keys -t e2e "clear; cmd=\$($BIN --print); echo \"got:\$cmd\"" Enter
wait_for 'SEARCH' "the browser"
tm send-keys -t e2e -l moved
wait_for '^┃▶ database/redis-cluster-moved-redirect' "the MOVED record selected"
tm send-keys -t e2e Enter 2 Enter
wait_for '^got:redis-cli -h 192.168.1.10 -p 6379 GET mykey$' "the printed command"
pass "--print prints the command for \$(...)"

echo "e2e: all checks passed"
