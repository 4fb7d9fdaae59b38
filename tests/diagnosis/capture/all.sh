#!/usr/bin/env bash
# Rebuild every case file under tests/diagnosis/cases/ by running the programs.
# Usage: bash tests/diagnosis/capture/all.sh [script-name ...]
# Work happens in $CAPTURE_WORK (default /tmp/capture/work); every server a
# script starts listens on 127.0.0.1 and is stopped by that script.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPTS=(python pip node typescript rust go java gcc cmake git postgresql mysql redis
         nginx tls docker shell kubernetes terraform ssh pytorch synthetic)
[ $# -gt 0 ] && SCRIPTS=("$@")
failed=()
for s in "${SCRIPTS[@]}"; do
    echo "== $s"
    if ! bash "$HERE/$s.sh"; then
        failed+=("$s")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "scripts that exited non-zero: ${failed[*]}" >&2
    exit 1
fi
