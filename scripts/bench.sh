#!/usr/bin/env bash
# The performance benchmark of issue 6: builds the release binary, installs the peers it
# measures against (fzf, GNU time, tmux) when missing, and runs `cargo bench --bench perf`.
# The Markdown table goes to stdout and to target/bench-report.md; progress to stderr.
# ERRKB_BENCH_1M=0 skips the 1M-record rows. Synthetic KBs are kept in target/bench-kb/.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v fzf >/dev/null 2>&1 || missing+=(fzf)
[ -x /usr/bin/time ] || missing+=(time)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >&2
fi

target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
cargo build --release
echo "machine: $(nproc) cores; $(free -h | awk '/^Mem:/ {print $2 " RAM, " $7 " available"}'); fzf $(fzf --version | cut -d' ' -f1)" >&2
cargo bench --bench perf | tee "$target/bench-report.md"
