#!/usr/bin/env bash
# Batch benchmark (issue 5): a cold batch of N articles (default 1000), a no-op
# rerun, and --check, each as articles per second; the baseline in the same
# run is the naive loop (one `qexplain generate -o` process per article).
# Usage: bench/batch/bench_batch.sh [BUILD_DIR] [N]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
qx=$(cd "${1:-$src/build}" && pwd)/qexplain
n=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Cycle through the example manifest's 54 articles with distinct outputs.
python3 - "$src/docs/examples/manifest.yaml" "$work/m.yaml" "$n" <<'PY'
import sys, re
text = open(sys.argv[1]).read().split("articles:\n", 1)[1]
items = [i for i in re.split(r"(?m)^  - ", text) if i.strip()]
n = int(sys.argv[3])
with open(sys.argv[2], "w") as f:
    f.write("articles:\n")
    for k in range(n):
        it = items[k % len(items)]
        it = re.sub(r"out: articles/(\S+)\.txt", lambda m: f"out: out/{k:05d}-{m.group(1)}.txt", it)
        f.write("  - " + it)
PY
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
rate() { printf '%-34s %8.3f s %10.1f articles/s\n' "$1" "$2" "$(echo "$n / $2" | bc -l)"; }
echo "qexplain batch benchmark: $n articles, $(nproc) cores"
cold=$(t "$qx" --data-dir "$src" batch "$work/m.yaml" --no-progress)
rate "cold batch (--jobs $(nproc))" "$cold"
noop=$(t "$qx" --data-dir "$src" batch "$work/m.yaml" --no-progress)
rate "no-op rerun" "$noop"
check=$(t "$qx" --data-dir "$src" batch --check "$work/m.yaml")
rate "batch --check" "$check"
# Baseline: one process per article, as a shell loop would do it.
python3 - "$work/m.yaml" > "$work/cmds" <<'PY'
import sys, re
for it in re.split(r"(?m)^  - ", open(sys.argv[1]).read().split("articles:\n", 1)[1]):
    if not it.strip(): continue
    out = re.search(r"out: (\S+)", it).group(1); skill = re.search(r"skill: (\S+)", it).group(1)
    methods = ",".join(x.strip() for x in re.search(r"methods: \[(.*)\]", it).group(1).split(","))
    v = re.search(r"variant: (\d+)", it).group(1)
    print(f"--skill {skill} --methods {methods} --variant {v} -o base/{out.replace('/', '_')}")
PY
mkdir -p "$work/base"
s=$(date +%s.%N)
(cd "$work" && while read -r args; do "$qx" --data-dir "$src" generate $args 2>/dev/null; done < cmds)
base=$(echo "$(date +%s.%N) - $s" | bc -l)
rate "baseline: one generate per article" "$base"
printf 'cold batch is %.1fx the baseline\n' "$(echo "$base / $cold" | bc -l)"
