#!/usr/bin/env bash
# The race suite of issue 9: root's linkctl against another user who swaps names with
# renameat2(RENAME_EXCHANGE) in a loop (exchanger.c, run through setpriv as nobody).
# Cases: rm LINK vs a regular file exchanged with it; new --force vs the same; repair
# --prune-broken and --retarget with the attacker's folder under ROOT exchanged with a link out of
# ROOT. Counts per case: runs, files lost, entries outside ROOT changed, stray temporary names,
# wrong exit codes; all must be 0. RACE_RUNS (default 25, about 2 minutes) runs per case; LINKCTL (default: the built
# CLI) is the command to test. Needs root (to act as another user), gcc, setpriv.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${RACE_RUNS:-25}
linkctl=${LINKCTL:-"dotnet src/Linkctl.Cli/bin/Debug/net10.0/linkctl.dll"}
[ "$(id -u)" -eq 0 ] || { echo "race: must run as root (the attacker runs as nobody)" >&2; exit 1; }
work=$(mktemp -d /tmp/linkctl-race.XXXXXX)
chmod 755 "$work"
attacker=0
# Only our own attacker, by its id (kill 0 would signal the whole process group).
trap '[ "$attacker" -gt 0 ] && kill "$attacker" 2>/dev/null; rm -rf "$work"' EXIT
gcc -O2 -o "$work/exchanger" tests/race/exchanger.c || exit 1
nobody=$(id -u nobody)
bad_total=0

attack() { # $1 $2: the two names; runs as nobody until killed
  setpriv --reuid="$nobody" --regid="$(id -g nobody)" --clear-groups "$work/exchanger" "$1" "$2" &
  attacker=$!
  started
}
stop() { kill "$attacker" 2>/dev/null; wait "$attacker" 2>/dev/null; attacker=0; }
# The attacker must be running before linkctl starts, or a run proves nothing.
started() { for _ in $(seq 50); do [ -e "/proc/$attacker" ] && grep -q exchanger "/proc/$attacker/cmdline" 2>/dev/null && return; sleep 0.01; done; }
strays() { find "$1" -name '.linkctl*' 2>/dev/null | wc -l; }
report() { # name runs lost outside strays wrongexit
  echo "race: $1: runs=$2 files_lost=$3 outside_root_changed=$4 stray_temp_names=$5 wrong_exit_codes=$6"
  bad_total=$((bad_total + $3 + $4 + $5 + $6))
}

# rm LINK while LINK is exchanged with a regular file.
case_rm() {
  local lost=0 outside=0 stray=0 wrong=0 d
  for i in $(seq "$runs"); do
    d=$work/rm$i; mkdir "$d"; chown nobody "$d"
    echo precious >"$d/file"; ln -s file "$d/link"; chown -h nobody "$d/link" "$d/file"
    attack "$d/link" "$d/file"
    $linkctl rm "$d/link" >/dev/null 2>&1; rc=$?
    stop
    # The precious regular file must still exist (under either name); the only change allowed is the link gone.
    found=$(find "$d" -type f -exec grep -lx precious {} + 2>/dev/null | wc -l)
    [ "$found" -eq 1 ] || lost=$((lost + 1))
    [ "$(strays "$d")" -eq 0 ] || stray=$((stray + 1))
    case $rc in
      0) [ "$(find "$d" -type l | wc -l)" -eq 0 ] || wrong=$((wrong + 1)) ;;
      4) [ "$(find "$d" -type l | wc -l)" -eq 1 ] || wrong=$((wrong + 1)) ;;
      *) wrong=$((wrong + 1)) ;;
    esac
  done
  report "rm link vs regular-file exchange" "$runs" "$lost" "$outside" "$stray" "$wrong"
}

# new --force LINK while LINK is exchanged with a regular file.
case_force() {
  local lost=0 outside=0 stray=0 wrong=0 d
  for i in $(seq "$runs"); do
    d=$work/force$i; mkdir "$d"; chown nobody "$d"
    echo precious >"$d/file"; ln -s old "$d/link"; chown -h nobody "$d/link" "$d/file"
    attack "$d/link" "$d/file"
    $linkctl new --force "$d/link" new >/dev/null 2>&1; rc=$?
    stop
    found=$(find "$d" -type f -exec grep -lx precious {} + 2>/dev/null | wc -l)
    [ "$found" -eq 1 ] || lost=$((lost + 1))
    [ "$(strays "$d")" -eq 0 ] || stray=$((stray + 1))
    case $rc in
      0) [ "$(find "$d" -type l -lname new | wc -l)" -eq 1 ] || wrong=$((wrong + 1)) ;;
      3|4|7|8) ;;
      *) wrong=$((wrong + 1)) ;;
    esac
  done
  report "new --force vs regular-file exchange" "$runs" "$lost" "$outside" "$stray" "$wrong"
}

# repair with the attacker's folder under ROOT exchanged with a link to a folder outside ROOT.
case_repair() { # $1: prune|retarget
  local lost=0 outside=0 stray=0 wrong=0 r o
  for i in $(seq "$runs"); do
    r=$work/$1root$i; o=$work/$1out$i
    mkdir -p "$r/user" "$o"; chmod 1777 "$r"; chown nobody "$r/user"
    ln -s /old/missing "$r/user/link"; chown -h nobody "$r/user/link"
    ln -s /old/missing "$o/link"; ln -s "$o" "$r/swap"; chown -h nobody "$r/swap"
    before=$(stat -c '%i %N' "$o/link")
    attack "$r/user" "$r/swap"
    if [ "$1" = prune ]; then
      $linkctl repair "$r" --prune-broken --apply >/dev/null 2>&1; rc=$?
    else
      $linkctl repair "$r" --retarget /old /new --allow-missing --apply >/dev/null 2>&1; rc=$?
    fi
    stop
    [ "$(stat -c '%i %N' "$o/link" 2>/dev/null)" = "$before" ] || outside=$((outside + 1))
    [ "$(ls -A "$o")" = link ] || outside=$((outside + 1))
    [ "$(strays "$r")$(strays "$o")" = 00 ] || stray=$((stray + 1))
    case $rc in 0|1|4|8) ;; *) wrong=$((wrong + 1)) ;; esac
  done
  report "repair --$1 with ROOT's folder exchanged for a link out of ROOT" "$runs" "$lost" "$outside" "$stray" "$wrong"
}

start=$SECONDS
case_rm
case_force
case_repair prune
case_repair retarget
echo "race: all cases: $((SECONDS - start)) s, total of bad counts: $bad_total"
[ "$bad_total" -eq 0 ]
