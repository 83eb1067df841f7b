#!/usr/bin/env bash
# Benchmark `linkctl list` against the tools people use today, on one generated tree.
#
#   bench/run.sh                 # 1,000,000 entries, 10 runs each
#   ENTRIES=200000 RUNS=5 bench/run.sh
#
# Environment: ENTRIES (default 1000000), RUNS (default 10), BENCH_DIR (where generated trees
# are cached; default ${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench), SEED (default 1),
# SKIP_BUILD=1 to reuse the last published (native AOT) binary, MEMORY_SIZES (default "100000 $ENTRIES").
# Needs python3, bfs, fd (fdfind on Debian), find, symlinks; hyperfine and GNU time are used
# when present (apt-get install hyperfine time); with a C compiler it also times
# bench/syscall-floor.c, the system calls linkctl list makes with nothing else around them.
set -euo pipefail

entries=${ENTRIES:-1000000}
runs=${RUNS:-10}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

root=$(tree_for "$entries")
echo "== tree: $root ($(tr -d ' \n' <"$root.json"))" >&2

fd_bin=$(command -v fd || command -v fdfind || true)
names=("linkctl list --json" "bfs -type l" "find -type l -printf" "find -xtype l" "symlinks -rv")
cmds=("$linkctl list --json $root"
      "bfs $root -type l"
      "find $root -type l -printf '%p\n'"
      "find $root -xtype l"
      "symlinks -rv $root")
if [[ -n "$fd_bin" ]]; then
    names+=("fd -t l -uu")
    cmds+=("$fd_bin -t l -uu . $root")
fi
# The floor: linkctl's system calls alone (one thread, no output), and bfs's (names only).
cc_bin=$(command -v cc || command -v gcc || true)
if [[ -n "$cc_bin" ]] && "$cc_bin" -O2 -o "$bench_dir/syscall-floor" "$here/syscall-floor.c" 2>"$bench_dir/syscall-floor.log"; then
    names+=("floor: linkctl's calls" "floor: names only")
    cmds+=("$bench_dir/syscall-floor $root" "$bench_dir/syscall-floor $root names")
fi

echo "== warming the cache" >&2
for c in "${cmds[@]}"; do bash -c "$c" >/dev/null 2>&1 || true; done

declare -A median
if command -v hyperfine >/dev/null; then
    json="$bench_dir/hyperfine.json"
    args=()
    for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]} >/dev/null 2>&1 || true"); done
    hyperfine -N --style basic --warmup 1 --runs "$runs" --export-json "$json" "${args[@]}" >&2 2>&1 || \
        hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" "${args[@]}" >&2
    while IFS=$'\t' read -r name med; do median[$name]=$med; done < <(python3 -c '
import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"] + "\t" + str(r["median"]))' "$json")
else
    for i in "${!cmds[@]}"; do
        times=()
        for ((r = 0; r < runs; r++)); do
            s=$(date +%s.%N); bash -c "${cmds[$i]}" >/dev/null 2>&1 || true; e=$(date +%s.%N)
            times+=("$(echo "$e - $s" | bc -l)")
        done
        median[${names[$i]}]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    done
fi

echo
echo "entries: $entries   runs: $runs   cores: $(nproc)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
base=${median["linkctl list --json"]}
printf '%-24s %10s %18s\n' tool "median s" "tool / linkctl"
for n in "${names[@]}"; do
    m=${median[$n]}
    printf '%-24s %10.3f %17.2fx\n' "$n" "$m" "$(echo "$m / $base" | bc -l)"
done

# Paired runs (each round runs every tool once, in turn, so load changes hit them alike) under
# GNU time: wall, CPU (user + sys) and peak RSS per tool; medians, and the ratios to bfs that
# issue 14's goal is stated in (linkctl at most 0.7x bfs's wall, at most bfs's CPU).
if [[ -x /usr/bin/time ]]; then
    samples="$bench_dir/paired.tsv"
    : >"$samples"
    for ((r = 0; r < runs; r++)); do
        for i in "${!cmds[@]}"; do
            # A tool that exits non-zero (find reports the tree's link loops, exit 1) still has its
            # figures: GNU time prints them last. Without `|| true`, set -e ended the script here.
            m=$( { /usr/bin/time -f '%e %U %S %M' bash -c "exec ${cmds[$i]} >/dev/null 2>/dev/null" || true; } 2>&1 | tail -1)
            printf '%s\t%s\n' "${names[$i]}" "$m" >>"$samples"
        done
    done
    echo
    echo "paired runs under GNU time ($runs rounds; medians):"
    python3 - "$samples" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, fig = line.rstrip("\n").split("\t")
    e, u, s, m = fig.split()
    rows.setdefault(name, []).append((float(e), float(u) + float(s), int(m)))
med = {n: tuple(statistics.median(x[k] for x in v) for k in range(3)) for n, v in rows.items()}
b = med.get("bfs -type l")
print(f"{'tool':24} {'wall s':>8} {'cpu s':>8} {'max RSS MB':>11} {'wall/bfs':>9} {'cpu/bfs':>8}")
for n, (w, c, m) in med.items():
    # GNU time counts in hundredths: on a small tree bfs can take 0.00 s.
    print(f"{n:24} {w:8.2f} {c:8.2f} {m / 1024:11.1f} {w / max(b[0], 0.01):8.2f}x {c / max(b[1], 0.01):7.2f}x")
PY
fi

# Links found must agree with find before any figure means anything.
found=$("$linkctl" list --json "$root" | wc -l)
expected=$(find "$root" -type l -print0 | tr -cd '\0' | wc -c)
echo "links: linkctl $found, find -type l $expected"

if [[ -x /usr/bin/time ]]; then
    echo
    echo "peak memory of linkctl list --json (GNU time, max RSS):"
    for n in ${MEMORY_SIZES:-100000 $entries}; do
        t=$(tree_for "$n")
        rss=$( { /usr/bin/time -f '%M' "$linkctl" list --json "$t" >/dev/null; } 2>&1 | tail -1)
        printf '  %10s entries: %8s KiB\n' "$n" "$rss"
    done
    # The same tree three times in one run: 3x the entries walked, same folders depth and fanout.
    rss=$( { /usr/bin/time -f '%M' "$linkctl" list --json "$root" "$root" "$root" >/dev/null; } 2>&1 | tail -1)
    printf '  %10s entries: %8s KiB (the %s-entry tree walked 3 times in one run)\n' "$((3 * entries))" "$rss" "$entries"
else
    echo "(install GNU time for the memory figures: apt-get install time)"
fi
