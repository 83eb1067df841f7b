#!/usr/bin/env bash
# Benchmark `linkctl copy` against `cp -a` on one generated tree (issue 13: goal within 1.3x).
#
#   bench/copy-tree.sh                  # 100,000 entries, 5 runs each
#   ENTRIES=20000 RUNS=3 bench/copy-tree.sh
#
# Environment: ENTRIES (default 100000), RUNS (default 5), BENCH_DIR (generated trees and the
# published binary are cached there; default ${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench),
# SEED (default 1), SKIP_BUILD=1 to reuse the last published (native AOT) binary.
# Both tools copy the same cached tree (files with data, folders, relative/absolute/dangling/
# cyclic/ancestor links, hard links, odd names) into a fresh DST on the same file system; DST is
# removed after each run, outside the timing. Prints each median and the ratio linkctl / cp -a.
set -euo pipefail

entries=${ENTRIES:-100000}
runs=${RUNS:-5}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
src=$(tree_for "$entries")
echo "== tree: $src ($(tr -d ' \n' <"$src.json"))" >&2
dst="$bench_dir/copy-dst"
rm -rf "$dst" "$dst.cp"

# One correctness pass first: linkctl's copy must be complete and hold what cp -a's holds
# (same names, types, sizes; inner absolute links differ on purpose: they lead into DST).
"$linkctl" copy "$src" "$dst" >"$bench_dir/copy-summary.txt"
cat "$bench_dir/copy-summary.txt" >&2
cp -a "$src" "$dst.cp"
# Sizes of files only: a rewritten link's text (and so its size) differs on purpose, a folder's size is the file system's.
manifest() { (cd "$1" && find . \( -type f -printf 'f %s %n %P\n' \) -o -printf '%y %P\n' | LC_ALL=C sort); }
if ! diff <(manifest "$dst") <(manifest "$dst.cp") >"$bench_dir/copy-diff.txt"; then
    echo "   linkctl copy and cp -a differ (names, types or sizes): $bench_dir/copy-diff.txt" >&2
    exit 1
fi
rm -rf "$dst" "$dst.cp"

once() { # command... -> wall seconds of one run; DST removed afterwards, outside the timing
    local t0 t1
    sync
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    rm -rf "$dst"
    echo "$t1 - $t0" | bc
}

echo "== warming the cache" >&2
cp -a "$src" "$dst"; rm -rf "$dst"

# Interleaved, so load on a shared machine falls on both alike.
lc=(); cpa=()
for _ in $(seq "$runs"); do
    lc+=("$(once "$linkctl" copy "$src" "$dst")")
    cpa+=("$(once cp -a "$src" "$dst")")
done
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
l=$(med "${lc[@]}"); c=$(med "${cpa[@]}")
echo "linkctl copy: median ${l}s over $runs runs (${lc[*]})"
echo "cp -a:        median ${c}s over $runs runs (${cpa[*]})"
echo "ratio linkctl/cp -a: $(echo "scale=2; $l / $c" | bc)"
