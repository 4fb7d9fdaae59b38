# Shared helpers for the capture scripts. Source it, do not run it.
#
#   cap DOMAIN NAME CMD [ARGS...]
#       runs CMD (a shell function or a program) in a subshell and writes its
#       combined stdout+stderr, byte for byte, to cases/DOMAIN/NAME.txt
#   fresh DIR      recreate $WORK/DIR empty and cd into it
#   wait_port PORT [SECONDS]   wait until something listens on 127.0.0.1:PORT
#
# Everything runs under $WORK (default /tmp/capture/work), never in the repo.
set -u
CAPTURE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIAG_DIR="$(dirname "$CAPTURE_DIR")"
CASES="$DIAG_DIR/cases"
WORK="${CAPTURE_WORK:-/tmp/capture/work}"
mkdir -p "$WORK" "$CASES"
export PYTHONUNBUFFERED=1
export LANG=C.UTF-8
unset LC_ALL LANGUAGE PIP_FIND_LINKS
export GIT_CONFIG_NOSYSTEM=1

cap() {
    local d=$1 n=$2
    shift 2
    mkdir -p "$CASES/$d"
    ( "$@" ) >"$CASES/$d/$n.txt" 2>&1 </dev/null
    local rc=$?
    printf '[%s/%s] rc=%s lines=%s\n' "$d" "$n" "$rc" "$(wc -l <"$CASES/$d/$n.txt")"
}

fresh() {
    rm -rf "${WORK:?}/$1"
    mkdir -p "$WORK/$1"
    cd "$WORK/$1" || exit 1
}

wait_port() {
    local port=$1 secs=${2:-20} i
    for ((i = 0; i < secs * 10; i++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "port $port did not open" >&2
    return 1
}

# A Python virtualenv with the few packages some cases need (from PyPI).
capture_venv() {
    local v="${CAPTURE_VENV:-/tmp/capture/venv}"
    if [ ! -x "$v/bin/python" ] || ! "$v/bin/python" -c 'import pytest, requests, redis, psycopg2' 2>/dev/null; then
        python3 -m venv "$v" >/dev/null
        "$v/bin/pip" install -q pytest requests redis psycopg2-binary >/dev/null 2>&1
    fi
    VPY="$v/bin/python"
}
