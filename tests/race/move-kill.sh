#!/usr/bin/env bash
# Fault suite for linkctl move (issue 13; docs/journal.md, "move"). Bounded: RUNS rounds (default 4) of a
# move of ENTRIES entries (default 20000: files, folders, relative and absolute links, hard links) from one
# tmpfs to another, killed with kill -9 at a random moment, then `move --resume` (even rounds) or
# `move --undo` (odd rounds), repeated until the journal says done. A manifest of every path, kind, link
# target and SHA-256 is taken before; after resume it must match DEST exactly (and SRC must be a link to
# DEST), after undo it must match SRC exactly (and DEST must not exist). Counted (all must be 0; the last
# line prints them): entries lost, entries changed, stray .linkctl-* temporaries, wrong exit codes.
# LINKCTL (default: the Debug build's dll) is the command to test. Needs root (mounts).
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-4}
entries=${ENTRIES:-20000}
linkctl=${LINKCTL:-"dotnet src/Linkctl.Cli/bin/Debug/net10.0/linkctl.dll"}
[ "$(id -u)" -eq 0 ] || { echo "move-kill: must run as root (mounts)" >&2; exit 1; }
work=$(mktemp -d /tmp/linkctl-move-kill.XXXXXX)
mounts=()
cleanup() { for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -m 0700 "$work/state" "$work/a" "$work/b"
for m in a b; do mount -t tmpfs -o size=1g tmpfs "$work/$m" && mounts+=("$work/$m"); done
export NO_COLOR=1 LINKCTL_JOURNAL=$work/state/journal.jsonl
lost=0 changed=0 stray=0 wrong_exit=0 rounds=0

make_tree() { # $1 folder
    python3 - "$1" "$entries" <<'PY'
import os, sys, random
root, n = sys.argv[1], int(sys.argv[2])
os.mkdir(root)
made, d = 0, root
while made < n:
    if made % 200 == 0:
        d = os.path.join(root, f"d{made // 200}"); os.mkdir(d); made += 1; continue
    k = made % 10
    p = os.path.join(d, f"e{made}")
    if k < 6:
        with open(p, "wb") as f: f.write(os.urandom(random.randint(0, 3000)))
    elif k == 6: os.symlink(f"../d0/e1", p)
    elif k == 7: os.symlink(f"{root}/d0/e2", p)
    elif k == 8: os.symlink("/nowhere/x", p)
    else: os.link(os.path.join(d, f"e{made - 9}"), p) if os.path.isfile(os.path.join(d, f"e{made - 9}")) else open(p, "w").close()
    made += 1
PY
}
manifest() { # $1 folder: relative path, kind, link text, sha256 (follows nothing)
    (cd "$1" && find . -mindepth 1 -printf '%P\t%y\t%l\n' | sort | while IFS=$'\t' read -r p y l; do
        if [ "$y" = f ]; then printf '%s\t%s\t%s\t%s\n' "$p" "$y" "" "$(sha256sum < "$p" | cut -c1-64)"; else printf '%s\t%s\t%s\t\n' "$p" "$y" "$l"; fi
    done)
}
compare() { # $1 expected manifest $2 folder : adds to lost and changed
    manifest "$2" > "$work/after"
    local l c
    l=$(comm -23 <(cut -f1 "$1") <(cut -f1 "$work/after") | wc -l)
    c=$(comm -12 <(cut -f1 "$1") <(cut -f1 "$work/after") | wc -l)
    c=$(( $(cut -f1 "$1" | wc -l) - l - $(comm -12 <(sort "$1") <(sort "$work/after") | wc -l) ))
    lost=$((lost + l)); changed=$((changed + c))
    [ "$l" -eq 0 ] && [ "$c" -eq 0 ] || echo "move-kill: round $rounds: $l lost, $c changed in $2" >&2
}
strays() { find "$work/a" "$work/b" -maxdepth 1 -name '.linkctl-*' | wc -l; }

for ((r = 0; r < runs; r++)); do
    rounds=$((rounds + 1))
    rm -rf "$work/a/src" "$work/b/dst" "$work/a"/.linkctl-* "$work/b"/.linkctl-* "$LINKCTL_JOURNAL"
    make_tree "$work/a/src"
    manifest "$work/a/src" > "$work/before"
    $linkctl move "$work/a/src" "$work/b/dst" > "$work/out" 2>&1 &
    pid=$!
    sleep "$(python3 -c 'import random; print(random.uniform(0.8, 6.0))')"
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    if ((r % 2 == 0)); then verb=--resume; else verb=--undo; fi
    code=0
    for ((i = 0; i < 5; i++)); do
        $linkctl move $verb > "$work/out" 2>&1; code=$?
        [ "$code" -eq 0 ] || [ "$code" -eq 1 ] && break
    done
    # 0: finished now; 1: nothing left to do (the kill came after the last step, or before the first record)
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then wrong_exit=$((wrong_exit + 1)); echo "move-kill: $verb exit $code: $(tail -3 "$work/out")" >&2; fi
    if [ "$verb" = --resume ] && [ -L "$work/a/src" ]; then
        compare "$work/before" "$work/b/dst"
        [ "$(readlink "$work/a/src")" = "$work/b/dst" ] || { changed=$((changed + 1)); echo "move-kill: SRC is not the link to DEST" >&2; }
    elif [ "$verb" = --resume ]; then
        # Killed before the plan was journalled: nothing moved, SRC whole.
        compare "$work/before" "$work/a/src"
    else
        # Undo: SRC a folder again, exactly; an undo after a kill before the plan says nothing to do.
        compare "$work/before" "$work/a/src"
        [ -e "$work/b/dst" ] && { changed=$((changed + 1)); echo "move-kill: DEST left after undo" >&2; }
    fi
    stray=$((stray + $(strays)))
    echo "move-kill: round $rounds ($verb): exit $code, $(tail -1 "$work/out" | cut -c1-100)"
done
echo "move-kill: $rounds rounds of $entries entries: lost=$lost changed=$changed stray=$stray wrong_exit=$wrong_exit"
[ $((lost + changed + stray + wrong_exit)) -eq 0 ]
