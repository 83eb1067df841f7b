#!/usr/bin/env bash
# Fault suite for the undo journal (issue 9; docs/journal.md). Bounded: RUNS rounds (default 3) of
# LINKS links (default 3000) for the kill and concurrency cases, then one pass of each fault case.
#   kill:        kill -9 a `repair --apply` at a random moment, undo until done: exact state;
#                kill -9 its undo at a random moment, undo again: exact state;
#                kill -9 an `rm` of every link, `rm --undo`: exact state.
#   concurrent:  two repairs at once on one journal (one planned record per link, none lost), then
#                two undos at once: exact state.
#   torn:        a torn last line (a crash mid-write) before the next run: reported, the next run's
#                first record survives, both runs undone exactly.
#   corrupt:     a line that is not JSON and one with a null path: reported with their line
#                numbers and skipped; the run is undone exactly.
#   untrusted:   the journal owned by another user, group-writable, or in a world-writable folder:
#                repair --apply and --undo refuse (exit 5) and change nothing.
#   full:        the journal on a tiny tmpfs that fills midway: repair says "no space left",
#                exits 8, every changed link has its record; undo on the full disk keeps the run
#                open; after space is freed undo restores everything.
#   read-only:   the tree remounted read-only midway through a repair, then undo on it read-only:
#                clear errors (exit 8), the run is NOT marked undone; remounted read-write, undo
#                restores everything.
# Counted (all must be 0; the last line prints them): links lost or not restored, stray
# .linkctl-* temporaries, wrong exit codes, records lost, untrusted journals used, bad lines not
# reported, runs marked undone that were not, unclear errors.
# LINKCTL (default: the Debug build's dll) is the command to test, as in tests/race/run.sh.
# Needs root (mounts, chown). Usage: tests/race/journal-kill.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
links=${LINKS:-3000}
linkctl=${LINKCTL:-"dotnet src/Linkctl.Cli/bin/Debug/net10.0/linkctl.dll"}
[ "$(id -u)" -eq 0 ] || { echo "journal-kill: must run as root (mounts, another user's journal)" >&2; exit 1; }
work=$(mktemp -d /tmp/linkctl-journal-kill.XXXXXX)
chmod 755 "$work"
mounts=()
cleanup() {
    for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 0700 "$work/state"
export NO_COLOR=1
journal=$work/state/journal.jsonl
export LINKCTL_JOURNAL=$journal
lc() { $linkctl "$@"; }
# What is killed is linkctl itself: started directly with & (not through lc, whose subshell a
# kill -9 would leave linkctl running).

lost=0 stray=0 wrong_exit=0 records_lost=0 untrusted_used=0 not_reported=0 wrongly_undone=0 unclear=0 rounds=0

make_tree() { # $1 folder [$2 links]
    rm -rf "$1"; mkdir -p "$1"
    python3 - "$1" "${2:-$links}" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 500}")
    if i % 500 == 0:
        os.mkdir(d)
    os.symlink(f"/old/x{i}", os.path.join(d, f"l{i}"))
PY
}
# Links lost or not back at their original target (l<i> must store /old/x<i>), for a tree of $2 links.
not_exact() { # $1 tree [$2 links]
    local n=${2:-$links}
    find "$1" -type l -name 'l*' -printf '%f %l\n' | awk -v n="$n" '
        { if ($2 == "/old/x" substr($1, 2)) good++ }
        END { print n - good }'
}
strays_in() { find "$1" -name '.linkctl-*' | wc -l; }
check_exact() { # $1 tree [$2 links] : counts what is not restored and the strays
    lost=$((lost + $(not_exact "$1" "${2:-$links}")))
    stray=$((stray + $(strays_in "$1")))
}
expect() { # $1 name $2 wanted-exit $3 got-exit
    if [ "$2" != "$3" ]; then
        wrong_exit=$((wrong_exit + 1))
        echo "journal-kill: $1: exit $3, wanted $2" >&2
    fi
}
random_sleep() { sleep "$(python3 -c 'import random; print(random.uniform(0.3, 2.5))')"; }
# Undo `repair` runs until there is nothing left (exit 1); each try must exit 0. At most $1 tries.
undo_all() { # $1 tries [$2 verb: repair|rm]
    local verb=${2:-repair} rc
    for _ in $(seq "${1:-5}"); do
        if [ "$verb" = repair ]; then lc repair --undo --apply >/dev/null 2>>"$work/undo.err"; rc=$?
        else lc rm --undo >/dev/null 2>>"$work/undo.err"; rc=$?; fi
        [ "$rc" = 1 ] && return 0
        expect "undo ($verb)" 0 "$rc"
    done
    echo "journal-kill: undo ($verb) did not converge" >&2
    wrong_exit=$((wrong_exit + 1))
}
# After each case: the counts so far, so a failure points at its case.
case_done() { echo "journal-kill: after $1: lost=$lost stray=$stray wrong_exit=$wrong_exit records_lost=$records_lost untrusted_used=$untrusted_used not_reported=$not_reported wrongly_undone=$wrongly_undone unclear=$unclear"; }
undone_marks() { grep -c '"action":"undo_run"' "$journal" 2>/dev/null || true; }

# ---- kill and concurrency, RUNS rounds
for ((r = 1; r <= runs; r++)); do
    rm -f "$journal"
    make_tree "$work/a"
    # kill -9 during the repair; the undo converges to the exact state.
    $linkctl repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1 &
    pid=$!; random_sleep; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    undo_all 5; check_exact "$work/a"; case_done "kill -9 in repair (round $r)"
    # kill -9 during the undo; the next undo converges.
    lc repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1; expect "repair" 0 $?
    $linkctl repair --undo --apply >/dev/null 2>&1 &
    pid=$!; random_sleep; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    undo_all 5; check_exact "$work/a"; case_done "kill -9 in undo (round $r)"
    # kill -9 during rm of every link; rm --undo puts back every one it removed.
    # shellcheck disable=SC2046
    $linkctl rm $(find "$work/a" -type l -name 'l*') >/dev/null 2>&1 &
    pid=$!; random_sleep; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    undo_all 3 rm; check_exact "$work/a"; case_done "kill -9 in rm (round $r)"
    # two repairs at once, then two undos at once, on one journal.
    rm -f "$journal"
    make_tree "$work/b"
    lc repair --retarget /old /new --allow-missing --apply "$work/a" >/dev/null 2>&1 & p1=$!
    lc repair --retarget /old /new --allow-missing --apply "$work/b" >/dev/null 2>&1 & p2=$!
    wait $p1; expect "concurrent repair" 0 $?; wait $p2; expect "concurrent repair" 0 $?
    planned=$(grep -c '"action":"retarget"' "$journal")
    records_lost=$((records_lost + 2 * links - planned))
    lc repair --undo --apply >/dev/null 2>&1 & p1=$!
    lc repair --undo --apply >/dev/null 2>&1 & p2=$!
    wait $p1; expect "concurrent undo" 0 $?; wait $p2; expect "concurrent undo" 0 $?
    undo_all 3; check_exact "$work/a"; check_exact "$work/b"; case_done "two repairs, two undos (round $r)"
    rounds=$((rounds + 1))
done

# ---- torn last line: a crash mid-write before the next run
small=200
rm -f "$journal"
make_tree "$work/t1" $small; make_tree "$work/t2" $small
lc repair --retarget /old /new --allow-missing --apply "$work/t1" >/dev/null 2>&1; expect "torn: first repair" 0 $?
printf '{"run_id":"20261203T000000Z-torn","time":"2026-12-03T00:00:00Z","command":"repair","act' >>"$journal"
lc repair --retarget /old /new --allow-missing --apply "$work/t2" >"$work/torn.out" 2>"$work/torn.err"; expect "torn: second repair" 0 $?
grep -q 'torn record' "$work/torn.err" || { not_reported=$((not_reported + 1)); echo "journal-kill: torn tail not reported" >&2; }
planned=$(grep -c '"action":"retarget"' "$journal")
records_lost=$((records_lost + 2 * small - planned))
lc repair --undo --apply >/dev/null 2>"$work/torn-undo.err"; expect "torn: undo" 0 $?
grep -q 'line [0-9]*: not a journal record' "$work/torn-undo.err" || { not_reported=$((not_reported + 1)); echo "journal-kill: torn line not reported by undo" >&2; }
undo_all 3; check_exact "$work/t1" $small; check_exact "$work/t2" $small; case_done "torn last line"

# ---- corrupt lines: not JSON, and a null path, in the middle of a run
rm -f "$journal"
make_tree "$work/c" $small
lc repair --retarget /old /new --allow-missing --apply "$work/c" >/dev/null 2>&1; expect "corrupt: repair" 0 $?
python3 - "$journal" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().splitlines(True)
middle = len(lines) // 2
lines[middle:middle] = ["this is not json\n", '{"run_id":"x","time":"2026-12-03T00:00:00Z","command":"repair","action":"retarget","path":null}\n']
open(path, "w", encoding="utf-8").writelines(lines)
PY
lc repair --undo --apply >/dev/null 2>"$work/corrupt.err"; expect "corrupt: undo" 0 $?
[ "$(grep -c 'line [0-9]*:.*skipped' "$work/corrupt.err")" -ge 2 ] || { not_reported=$((not_reported + 1)); echo "journal-kill: corrupt lines not reported" >&2; }
undo_all 2; check_exact "$work/c" $small; case_done "corrupt lines"

# ---- untrusted journals: refused before anything changes, for apply and undo
untrusted_case() { # $1 name; the journal is made untrusted by the caller, restored after
    local before rc
    make_tree "$work/u" $small
    before=$(find "$work/u" -type l -lname '/new/*' | wc -l)
    lc repair --retarget /old /new --allow-missing --apply "$work/u" >/dev/null 2>"$work/untrusted.err"; rc=$?
    [ "$rc" = 5 ] || { untrusted_used=$((untrusted_used + 1)); echo "journal-kill: $1: repair --apply exit $rc, wanted 5" >&2; }
    lc repair --undo --apply >/dev/null 2>>"$work/untrusted.err"; rc=$?
    [ "$rc" = 5 ] || { untrusted_used=$((untrusted_used + 1)); echo "journal-kill: $1: undo exit $rc, wanted 5" >&2; }
    [ "$(find "$work/u" -type l -lname '/new/*' | wc -l)" = "$before" ] || { untrusted_used=$((untrusted_used + 1)); echo "journal-kill: $1: links changed" >&2; }
    grep -q 'refusing the undo journal' "$work/untrusted.err" || { unclear=$((unclear + 1)); echo "journal-kill: $1: no clear refusal" >&2; }
}
rm -f "$journal"
make_tree "$work/u0" $small
lc repair --retarget /old /new --allow-missing --apply "$work/u0" >/dev/null 2>&1; expect "untrusted: repair" 0 $?
chown nobody "$journal"; untrusted_case "journal owned by nobody"; chown root "$journal"
chmod 0620 "$journal"; untrusted_case "group-writable journal"; chmod 0600 "$journal"
chmod 0777 "$work/state"; untrusted_case "world-writable journal folder"; chmod 0700 "$work/state"
undo_all 2; check_exact "$work/u0" $small; check_exact "$work/u" $small; case_done "untrusted journals"

# ---- full file system: the journal on a tmpfs that fills midway
full=$work/full
mkdir "$full"
if mount -t tmpfs -o size=256k,mode=0700 tmpfs "$full"; then
    mounts+=("$full")
    export LINKCTL_JOURNAL=$full/journal.jsonl
    make_tree "$work/f" 1500
    lc repair --retarget /old /new --allow-missing --apply "$work/f" >"$work/full.err" 2>&1; rc=$?
    expect "full: repair" 8 "$rc"
    grep -qi 'no space left' "$work/full.err" || { unclear=$((unclear + 1)); echo "journal-kill: full: no 'no space left'" >&2; }
    # Every changed link has its record (a change is made only after its record is durable).
    changed=$(find "$work/f" -type l -lname '/new/*' | wc -l)
    recorded=$(grep -c '"action":"retarget"' "$LINKCTL_JOURNAL")
    [ "$changed" -gt 0 ] && [ "$changed" -lt 1500 ] || echo "journal-kill: full: the disk did not fill midway ($changed of 1500 changed)" >&2
    [ "$changed" -le "$recorded" ] || { records_lost=$((records_lost + changed - recorded)); echo "journal-kill: full: $changed changed, $recorded recorded" >&2; }
    # Undo on the still-full disk (the journal filled it): the links go back, but the run cannot
    # be marked undone, so it stays open.
    dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
    lc repair --undo --apply >"$work/full-undo.err" 2>&1; rc=$?
    [ "$rc" != 0 ] || { wrongly_undone=$((wrongly_undone + 1)); echo "journal-kill: full: undo on a full disk exited 0" >&2; }
    grep -q '"action":"undo_run"' "$LINKCTL_JOURNAL" && { wrongly_undone=$((wrongly_undone + 1)); echo "journal-kill: full: run marked undone on a full disk" >&2; }
    grep -qi 'no space left' "$work/full-undo.err" || { unclear=$((unclear + 1)); echo "journal-kill: full: undo said no 'no space left'" >&2; }
    rm -f "$full/filler"
    mount -o remount,size=4m "$full"
    undo_all 3; check_exact "$work/f" 1500; case_done "full file system"
    export LINKCTL_JOURNAL=$journal
else
    echo "journal-kill: cannot mount a tmpfs (full-disk case not run)" >&2
    unclear=$((unclear + 1))
fi

# ---- read-only file system midway: the tree's mount remounted read-only during the repair
ro=$work/ro
mkdir "$ro"
rm -f "$journal"
if mount -t tmpfs -o size=64m tmpfs "$ro"; then
    mounts+=("$ro")
    chmod 755 "$ro"
    make_tree "$ro/tree"
    lc repair --retarget /old /new --allow-missing --apply "$ro/tree" >"$work/ro.err" 2>&1 &
    pid=$!
    # Remount when the repair has started changing links, not before.
    for _ in $(seq 200); do
        [ "$(find "$ro/tree" -type l -lname '/new/*' -print -quit | wc -l)" = 1 ] && break
        sleep 0.02
    done
    # A remount that fails (EBUSY while a file there is open for writing) leaves the tree writable:
    # then nothing below is about a read-only file system, and it is not counted.
    remounted=0
    mount -o remount,ro "$ro" && remounted=1
    wait "$pid"; rc=$?
    if [ "$remounted" = 0 ] && ! mount -o remount,ro "$ro"; then
        echo "journal-kill: read-only: the tree could not be remounted read-only (not counted)" >&2
    else
        remounted=1
    fi
    changed=$(find "$ro/tree" -type l -lname '/new/*' | wc -l)
    if [ "$changed" -lt "$links" ]; then
        expect "read-only: repair" 8 "$rc"
        grep -q 'read-only\|EROFS' "$work/ro.err" || { unclear=$((unclear + 1)); echo "journal-kill: read-only: no clear reason" >&2; }
    else
        echo "journal-kill: read-only: the repair finished before the remount (not counted)" >&2
    fi
    marks=$(undone_marks)
    lc repair --undo --apply >/dev/null 2>"$work/ro-undo.err"; rc=$?
    if [ "$changed" -gt 0 ] && [ "$remounted" = 1 ]; then
        expect "read-only: undo" 8 "$rc"
        [ "$(undone_marks)" = "$marks" ] || { wrongly_undone=$((wrongly_undone + 1)); echo "journal-kill: read-only: run marked undone" >&2; }
        grep -q 'NOT marked undone' "$work/ro-undo.err" || { unclear=$((unclear + 1)); echo "journal-kill: read-only: undo did not say the run stays open" >&2; }
    fi
    mount -o remount,rw "$ro"
    undo_all 3; check_exact "$ro/tree"; case_done "read-only file system"
else
    echo "journal-kill: cannot mount a tmpfs (read-only case not run)" >&2
    unclear=$((unclear + 1))
fi

bad_lines=$(grep -c 'line [0-9]*:' "$work/undo.err" 2>/dev/null || true)
echo "journal-kill: rounds=$rounds links_per_round=$links links_lost_or_not_restored=$lost stray_temporaries=$stray wrong_exit_codes=$wrong_exit records_lost=$records_lost untrusted_journals_used=$untrusted_used bad_lines_not_reported=$not_reported runs_wrongly_marked_undone=$wrongly_undone unclear_errors=$unclear (journal lines reported in kill rounds: ${bad_lines:-0})"
[ $((lost + stray + wrong_exit + records_lost + untrusted_used + not_reported + wrongly_undone + unclear)) -eq 0 ]
