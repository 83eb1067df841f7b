#!/usr/bin/env bash
# Fault suite for the undo journal (issue 9; docs/journal.md). Bounded: RUNS (default 5) rounds
# of LINKS (default 3000) links. Each round:
#   1. kill -9 a `repair --retarget --apply` at a random moment, then `repair --undo --apply`
#      must restore the exact state (every link stores its original target);
#   2. a full repair, then kill -9 its undo at a random moment, then undo again: exact state;
#   3. two repairs (on two trees) at once on one journal, then two undos at once: exact state,
#      and the journal holds one planned record per link (none lost).
# Counted: runs, links not restored, stray .linkctl-* temporaries, bad journal lines, wrong exit codes.
# All must be 0; the last line prints the counts. Usage: tests/race/journal-kill.sh [LINKCTL-DLL]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
links=${LINKS:-3000}
dll=${1:-}
if [[ -z "$dll" ]]; then
    out=$(mktemp -d)/publish
    dotnet publish "$repo/src/Linkctl.Cli" -c Release -o "$out" >/dev/null 2>&1 || { echo "journal-kill: build failed"; exit 2; }
    dll="$out/linkctl.dll"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 0700 "$work/state"
export LINKCTL_JOURNAL="$work/state/journal.jsonl" NO_COLOR=1
linkctl() { dotnet "$dll" "$@"; }

make_tree() { # $1 folder
    rm -rf "$1"; mkdir -p "$1"
    python3 - "$1" "$links" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 500}")
    if i % 500 == 0:
        os.mkdir(d)
    os.symlink(f"/old/x{i}", os.path.join(d, f"l{i}"))
PY
}
# Links whose target is not the original one, and stray temporaries.
not_restored() { find "$1" -type l ! -lname '/old/x*' | wc -l; }
missing() { echo $(( links - $(find "$1" -type l -lname '/old/x*' | wc -l) )); }
stray_of() { find "$1" -name '.linkctl-*' | wc -l; }

rounds=0 lost=0 stray=0 wrong_exit=0 bad_lines=0
undo_all() { # undo until nothing is left (exit 1), at most 5 tries
    for _ in 1 2 3 4 5; do
        linkctl repair --undo --apply >/dev/null 2>>"$work/undo.err"; rc=$?
        [[ $rc == 1 ]] && return 0
        [[ $rc == 0 ]] || { wrong_exit=$((wrong_exit + 1)); }
    done
}
check() { # $1 tree
    lost=$((lost + $(not_restored "$1") + $(missing "$1")))
    stray=$((stray + $(stray_of "$1")))
}

for ((r = 1; r <= runs; r++)); do
    rm -f "$LINKCTL_JOURNAL"
    # 1. kill -9 during the repair.
    make_tree "$work/a"
    linkctl repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1 &
    pid=$!; sleep "$(python3 -c 'import random; print(random.uniform(0.3, 3.0))')"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    undo_all; check "$work/a"
    # 2. kill -9 during the undo.
    linkctl repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1 || wrong_exit=$((wrong_exit + 1))
    linkctl repair --undo --apply >/dev/null 2>&1 &
    pid=$!; sleep "$(python3 -c 'import random; print(random.uniform(0.3, 3.0))')"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    undo_all; check "$work/a"
    # 3. two repairs, then two undos, at once on one journal.
    rm -f "$LINKCTL_JOURNAL"
    make_tree "$work/b"
    linkctl repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1 & p1=$!
    linkctl repair --retarget /old /new --allow-missing --apply "$work/b" >/dev/null 2>&1 & p2=$!
    wait $p1 || wrong_exit=$((wrong_exit + 1)); wait $p2 || wrong_exit=$((wrong_exit + 1))
    planned=$(grep -c '"action":"retarget"' "$LINKCTL_JOURNAL")
    lost=$((lost + 2 * links - planned))
    linkctl repair --undo --apply >/dev/null 2>&1 & p1=$!
    linkctl repair --undo --apply >/dev/null 2>&1 & p2=$!
    wait $p1; wait $p2
    undo_all; check "$work/a"; check "$work/b"
    bad_lines=$((bad_lines + $(grep -c 'line [0-9]*:' "$work/undo.err" 2>/dev/null || true)))
    rounds=$((rounds + 1))
done
echo "journal-kill: runs=$rounds links_per_run=$links links_lost_or_not_restored=$lost stray_temporaries=$stray wrong_exit_codes=$wrong_exit bad_journal_lines_reported=$bad_lines"
[[ $lost == 0 && $stray == 0 && $wrong_exit == 0 ]]
