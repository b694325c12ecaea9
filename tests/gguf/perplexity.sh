#!/usr/bin/env bash
# Real perplexity evaluation of the tiny random LLaMA through node-llama-cpp
# (or llama-perplexity on PATH). On random weights the value means nothing,
# so this asserts determinism (same file, same digits) and the ordering of
# magnitudes GGUF.md §7.5 describes: |ΔPPL(Q8_0 on ffn)| < |ΔPPL(Q4_0 on all
# matrices)|. Exits 77 (skipped) without an evaluator.
#   perplexity.sh QEXPLAIN MKFIXTURE
set -euo pipefail
qx=$1
mk=$2
if ! command -v llama-perplexity >/dev/null 2>&1; then
    if ! command -v node >/dev/null 2>&1 || [ -z "${QEXPLAIN_NODE_MODULES:-}" ] ||
        [ ! -f "$QEXPLAIN_NODE_MODULES/node-llama-cpp/package.json" ]; then
        echo "SKIP: no llama-perplexity and no node-llama-cpp (tests/gguf/install-oracles.sh)"
        exit 77
    fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
"$mk" .
ppl() {
    "$qx" gguf perplexity "$1" --text eval.txt --ctx 128 --threads 1 |
        sed -n 's/^perplexity: \([0-9.]*\) +\/- .*/\1/p'
}
base=$(ppl tiny-llama.gguf)
again=$(ppl tiny-llama.gguf)
echo "baseline: $base, again: $again"
[ -n "$base" ] && [ "$base" = "$again" ] || { echo "FAIL: not deterministic"; exit 1; }
"$qx" gguf fakequant tiny-llama.gguf q8.gguf --target ffn --to q8_0 >/dev/null
"$qx" gguf fakequant tiny-llama.gguf q4.gguf --target matmul --to q4_0 >/dev/null
p8=$(ppl q8.gguf)
p4=$(ppl q4.gguf)
echo "q8_0 on ffn: $p8, q4_0 on all matrices: $p4"
python3 - "$base" "$p8" "$p4" <<'PY'
import sys
b, q8, q4 = map(float, sys.argv[1:])
d8, d4 = abs(q8 - b), abs(q4 - b)
print(f"|dPPL| q8_0 {d8:.4f}, q4_0 {d4:.4f}")
sys.exit(0 if d8 < d4 and d4 > 0 else 1)
PY
# the experiment runner with a real evaluator: every variant gets a number
printf '%s\n' 'name: tiny-ppl' 'models: [tiny-llama.gguf]' 'targets: [ffn]' 'schemes: [q8_0, q4_0]' \
    'evaluation: {text: eval.txt, ctx: 128, threads: 1}' > plan.yaml
"$qx" experiment run plan.yaml --out out >/dev/null
for f in report.txt results.json commands.log facts.json; do [ -s "out/$f" ] || { echo "FAIL: out/$f"; exit 1; }; done
python3 - <<'PY'
import json, sys
r = json.load(open("out/results.json"))
m = r["models"][0]
vs = m["targets"][0]["variants"]
ok = m["perplexity"]["available"] and all(v["perplexity"]["available"] for v in vs)
facts = json.load(open("out/facts.json"))
ppl_facts = [f for f in facts if f["id"].endswith(".perplexity")]
print("experiment perplexities:", m["perplexity"]["ppl"], [v["perplexity"]["ppl"] for v in vs], len(ppl_facts), "perplexity facts")
sys.exit(0 if ok and len(ppl_facts) == 2 else 1)
PY
echo "PASS"
