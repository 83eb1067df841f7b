#!/usr/bin/env bash
# Benchmark `linkctl rm -r` against `rm -rf` on the same generated tree (issue 12: goal within 1.5x).
#
#   bench/rm-tree.sh                    # 100,000 entries, 5 paired runs
#   ENTRIES=200000 RUNS=3 bench/rm-tree.sh
#
# Each run generates the tree once (bench/make_tree.py: files, folders, every kind of link, hard
# links, odd names) into a master copy, then for each tool copies it (cp -a keeps links as links
# and hard links as hard links) and times only the delete. The order alternates per run so neither
# tool always meets a warmer cache. Environment: ENTRIES (default 100000), RUNS (default 5), SEED,
# BENCH_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench; as root, TMPFS=1 mounts a
# tmpfs there for the trees, since making 100k files on a slow disk takes minutes),
# SKIP_BUILD=1 to reuse the last native AOT publish (the build users get, as bench/run.sh).
set -euo pipefail

entries=${ENTRIES:-100000}
runs=${RUNS:-5}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

work="$bench_dir/rm-tree"
mkdir -p "$work"
mounted=0
if [[ "${TMPFS:-0}" == 1 ]]; then
    mount -t tmpfs -o size=2g tmpfs "$work"
    mounted=1
fi
cleanup() {
    rm -rf -- "$work/master" "$work/victim"
    if [[ $mounted == 1 ]]; then umount "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
# Seconds of one delete of a fresh copy of the master tree.
timed() { # NAME COMMAND...
    local name=$1
    shift
    rm -rf -- "$work/victim"
    cp -a -- "$work/master" "$work/victim"
    sync
    local start end
    start=$(now)
    "$@" >/dev/null 2>"$work/stderr" || { echo "   $name failed: $(head -3 "$work/stderr")" >&2; exit 1; }
    end=$(now)
    if [[ -e "$work/victim" ]]; then echo "   $name left $work/victim behind" >&2; exit 1; fi
    echo "$end - $start" | bc
}

echo "== $entries entries per tree, $runs paired runs, $(df -T "$work" | awk 'NR==2 {print $2}') at $work" >&2
printf 'run\trm -rf (s)\tlinkctl rm -r (s)\tratio\n'
total_rm=0 total_linkctl=0
for run in $(seq "$runs"); do
    rm -rf -- "$work/master"
    python3 "$here/make_tree.py" "$work/master" --entries "$entries" --seed "$((seed + run))" >"$work/master.json"
    if (( run % 2 )); then
        t_rm=$(timed "rm -rf" rm -rf -- "$work/victim")
        t_linkctl=$(timed "linkctl rm -r" "$linkctl" rm -r --yes "$work/victim")
    else
        t_linkctl=$(timed "linkctl rm -r" "$linkctl" rm -r --yes "$work/victim")
        t_rm=$(timed "rm -rf" rm -rf -- "$work/victim")
    fi
    printf '%s\t%.3f\t%.3f\t%.2f\n' "$run" "$t_rm" "$t_linkctl" "$(echo "$t_linkctl / $t_rm" | bc -l)"
    total_rm=$(echo "$total_rm + $t_rm" | bc -l)
    total_linkctl=$(echo "$total_linkctl + $t_linkctl" | bc -l)
done
printf 'all\t%.3f\t%.3f\t%.2f\n' "$total_rm" "$total_linkctl" "$(echo "$total_linkctl / $total_rm" | bc -l)"
