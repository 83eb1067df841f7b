# Sourced by the bench scripts (run.sh, rm-tree.sh, copy-tree.sh): the shared settings, the build
# users get (native AOT for linux-x64, as the release workflow publishes it) and the cached trees.
# The caller sets `entries` and `runs` defaults first; SEED, BENCH_DIR and SKIP_BUILD are read here.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
seed=${SEED:-1}
bench_dir=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/linkctl-bench}
out="$bench_dir/publish"
linkctl="$out/linkctl"
mkdir -p "$bench_dir"

if [[ "${SKIP_BUILD:-0}" != 1 || ! -x "$linkctl" ]]; then
    echo "== building linkctl (Release, linux-x64, native AOT, as released)" >&2
    dotnet publish "$repo/src/Linkctl.Cli" -c Release -r linux-x64 -o "$out" >"$bench_dir/publish.log" 2>&1 || {
        echo "   publish failed: $bench_dir/publish.log" >&2; exit 1; }
fi

tree_for() { # N -> path of a cached tree with N entries (bench/make_tree.py, seed $seed), made once
    local n=$1 dir="$bench_dir/tree-$1-seed$seed"
    if [[ ! -f "$dir.json" ]]; then
        echo "== generating $n entries in $dir (once; cached)" >&2
        rm -rf "$dir"
        python3 "$here/make_tree.py" "$dir" --entries "$n" --seed "$seed" >"$dir.json.tmp"
        mv "$dir.json.tmp" "$dir.json"
    fi
    echo "$dir"
}
