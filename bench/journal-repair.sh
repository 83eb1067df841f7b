#!/usr/bin/env bash
# The cost of the undo journal: `linkctl repair --retarget --apply` on N links against the same
# renames done with no journal at all (make a temporary link beside each one, rename it over).
# The goal (issue 9, docs/journal.md): repair with its journal takes at most 2x the bare renames.
#
#   bench/journal-repair.sh                      # 50,000 links in a folder on the work disk
#   LINKS=50000 BENCH_FS=tmpfs bench/journal-repair.sh   # on a fresh tmpfs (needs root)
#
# Environment: LINKS (default 50000), BENCH_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench),
# BENCH_FS ("disk" default, or "tmpfs"), SKIP_BUILD=1 to reuse the last build, LINKCTL_EXE to time that
# executable (the native AOT build) instead. Prints one line: wall and CPU (user+sys) seconds of both.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
links=${LINKS:-50000}
bench_dir=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench}
out="$bench_dir/journal-publish"
mkdir -p "$bench_dir"
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$out/linkctl.dll" ]]; then
    echo "== building linkctl (Release)" >&2
    dotnet publish "$repo/src/Linkctl.Cli" -c Release -o "$out" >"$bench_dir/journal-publish.log" 2>&1
fi

work=$(mktemp -d "$bench_dir/journal-XXXXXX")
cleanup() { [[ "${BENCH_FS:-disk}" == tmpfs ]] && umount "$work" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [[ "${BENCH_FS:-disk}" == tmpfs ]]; then
    mount -t tmpfs -o size=512m,mode=0700 tmpfs "$work"
fi
fs=$(stat -f -c %T "$work")

make_links() {
    rm -rf "$work/root" "$work/state"
    mkdir -p "$work/root" "$work/state"
    chmod 0700 "$work/state"
    python3 - "$work/root" "$links" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 1000}")
    if i % 1000 == 0:
        os.mkdir(d)
    os.symlink(f"/old/x{i}", os.path.join(d, f"l{i}"))
PY
    sync
}

# Wall and CPU (user+sys) seconds of a command, from GNU time: on a shared, loaded machine the
# CPU time is the steadier of the two.
timed() { # $1: result variable prefix; the rest: the command
    local prefix=$1; shift
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@"
    read -r wall user sys <"$work/time"
    printf -v "${prefix}_wall" '%s' "$wall"
    printf -v "${prefix}_cpu" '%s' "$(echo "$user + $sys" | bc)"
}

# Baseline: the same renames with no journal (python: symlink beside, rename over; no fsync).
make_links
timed bare python3 - "$work/root" <<'PY'
import os, sys
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        p = os.path.join(folder, name)
        t = os.readlink(p)
        tmp = os.path.join(folder, ".bench-" + name)
        os.symlink("/new" + t[4:], tmp)
        os.rename(tmp, p)
PY

make_links
export LINKCTL_JOURNAL="$work/state/journal.jsonl"
if [[ -n "${LINKCTL_EXE:-}" ]]; then
    timed repair "$LINKCTL_EXE" repair --retarget /old /new --allow-missing --apply "$work/root" >/dev/null 2>&1
else
    timed repair dotnet "$out/linkctl.dll" repair --retarget /old /new --allow-missing --apply "$work/root" >/dev/null 2>&1
fi
records=$(wc -l <"$work/state/journal.jsonl")
changed=$(find "$work/root" -type l -lname '/new/*' | wc -l)
stray=$(find "$work/root" -name '.linkctl-*' | wc -l)
wall_ratio=$(echo "scale=2; $repair_wall / $bare_wall" | bc)
cpu_ratio=$(echo "scale=2; $repair_cpu / $bare_cpu" | bc)
echo "fs=$fs links=$links bare_renames_wall_s=$bare_wall repair_apply_wall_s=$repair_wall wall_ratio=$wall_ratio bare_cpu_s=$bare_cpu repair_cpu_s=$repair_cpu cpu_ratio=$cpu_ratio journal_records=$records changed=$changed stray_temporaries=$stray load=$(cut -d' ' -f1 /proc/loadavg)"
