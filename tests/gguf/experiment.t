# qexplain experiment run on the tiny generated models, end to end. The
# evaluator is switched off (QEXPLAIN_NODE_MODULES=) so that the output is
# deterministic; tests/gguf/perplexity.sh runs it with perplexity.
$ "$QX_BUILD"/tests/gguf_mkfixture .

$ printf '%s\n' 'name: tiny-check' 'title: tiny model check' 'models:' '  - path: tiny-llama.gguf' '    name: tiny F32' '  - tiny-llama-bf16.gguf' 'targets: [ffn_norm@0, ffn_norm, ffn]' 'schemes: [bf16, q8_0, int4:g32]' 'metrics: [precision, diff, perplexity]' 'evaluation: {text: eval.txt, ctx: 128, threads: 1}' 'year: 2026' > plan.yaml

$ QEXPLAIN_NODE_MODULES= qexplain experiment run plan.yaml --out out
> wrote out/report.txt, out/results.json, out/commands.log, out/facts.json

$ ls out
> commands.log
> facts.json
> report.txt
> results.json

$ head -3 out/report.txt
> 实验：tiny model check（tiny-check）
> 工具：qexplain 0.1.0；计划文件：plan.yaml
> 

$ cat out/report.txt
~   SHA-256 24213b0ee58eb4132f3b29db36a2a1c92caefe7ff03400a3b6f85e623568ac60，472544字节，21个张量，平均每个权重32.0000位
~       ffn_norm：2/2个张量已能用BF16精确表示——做BF16模拟量化不会改变任何数值
~     bf16：128个数值中改变了0个；困惑度：无法评测（no llama-perplexity 
~       这不是结果：没有任何数值改变，这些权重本来就能用该格式精确表示（见精度分析）
~     q8_0：49152个数值中改变了49150个，相对均方根误差 0.00525，信噪比 45.60 dB，余弦相似度 0.999986；困惑度：无法评测（no llama-perplexity 
~       ffn_gate：2/2个张量已能用BF16精确表示——做BF16模拟量化不会改变任何数值
~     q8_0：49152个数值中改变了36237个，写回时47400个数值被二次舍入
~   - 有5个变体没有改变任何数值：它们不能说明量化的影响；请用全精度权重验证工具

$ python3 -c 'import json; r=json.load(open("out/results.json")); m=r["models"][1]; t=m["targets"][2]; v=t["variants"][1]; print(r["plan"], r["year"], m["sha256"][:12], m["effective_bpw"], t["precision"]["tensors_bf16_exact"], v["scheme"], v["values_changed"], v["double_rounded"], v["zero_change"], v["perplexity"]["available"], len(r["commands"]))'
> tiny-check 2026 9d5b8c5166fd 16.0441 6 q8_0 36237 47400 False False 66

$ cat out/commands.log
~ # qexplain experiment run plan.yaml --out out
~ qexplain gguf precision tiny-llama.gguf --target 'ffn_norm@0'
~ qexplain gguf fakequant tiny-llama-bf16.gguf out/variants/m2-tiny-llama-bf16-gguf.ffn.q8_0.gguf --target 'ffn' --to q8_0
~ qexplain gguf diff tiny-llama.gguf out/variants/m1-tiny-llama-gguf.ffn.int4-g32-sym.gguf --target 'ffn'

# every fact has a measured source: the model's SHA-256 and the command
$ python3 -c 'import json; f=json.load(open("out/facts.json")); print(len(f)); print(f[0]["id"]); print(f[0]["claim_zh"]); print(f[0]["source"]["url"]); print(f[0]["source"]["locator"]); print(sorted(set(t for x in f for t in x["terms"])))'
> 24
> exp.tiny-check.m1.ffn-norm-0.precision
> 在所测GGUF模型文件中，第0层的前馈网络前的归一化权重共1个张量全部已能用BF16精确表示，对它们做BF16模拟量化不会改变任何数值。
> urn:sha256:24213b0ee58eb4132f3b29db36a2a1c92caefe7ff03400a3b6f85e623568ac60
> results.json models[0].targets[0].precision; command: qexplain gguf precision tiny-llama.gguf --target 'ffn_norm@0'
> ['BF16', 'GGUF', 'INT4', 'Q8_0']

# the variants are removed unless keep_variants is true
$ ls out/variants 2>&1 | head -1
~ No such file or directory

# the commands in commands.log reproduce the numbers
$ qexplain gguf fakequant tiny-llama.gguf v.gguf --target 'ffn' --to q8_0 | tail -1
> q8_0: 6 tensors fake-quantized, 0 skipped; values changed: 49150 of 49152

$ QEXPLAIN_NODE_MODULES= qexplain experiment run plan.yaml --out out --lang en | tail -0 && head -1 out/report.txt && grep -c 'NOT A RESULT' out/report.txt
> Experiment: tiny model check (tiny-check)
> 5

# ---- errors ----
$ qexplain experiment
? 2
!~ missing subcommand (run)

$ qexplain experiment run plan.yaml
? 2
!~ run needs PLAN.yaml and --out DIR

$ qexplain experiment run plan.yaml --out o --lang fr
? 2
!~ unknown language 'fr'

$ qexplain experiment --help
~ usage: qexplain experiment run PLAN.yaml --out DIR [--lang zh|en] [--progress]

$ printf 'name: x\nmodels: [tiny-llama.gguf]\ntargets: [ffn]\nschemes: [q8_0]\nfrobnicate: 1\n' > bad1.yaml && qexplain experiment run bad1.yaml --out o1
? 3
! bad1.yaml:5:1: error: unknown key 'frobnicate' (use name, title, models, targets, schemes, metrics, evaluation, keep_variants, year) [plan]

$ printf 'name: x\nmodels: [tiny-llama.gguf]\ntargets: [ffn]\nschemes: [q3_K, int9]\n' > bad2.yaml && qexplain experiment run bad2.yaml --out o2
? 3
!~ bad2.yaml:4:11: error: unknown scheme 'q3_K' [plan]
!~ bad2.yaml:4:17: error: unknown scheme 'int9' [plan]

$ printf 'name: x\nmodels: [tiny-llama.gguf]\ntargets: ["blk.("]\nschemes: [q8_0]\nmetrics: [perplexity]\n' > bad3.yaml && qexplain experiment run bad3.yaml --out o3
? 3
!~ invalid target: target 'blk.(' is neither a group nor a valid regular expression
!~ metric perplexity needs evaluation.text

$ printf 'name: x\nmodels: [nope.gguf]\ntargets: [ffn]\nschemes: [q8_0]\n' > bad4.yaml && qexplain experiment run bad4.yaml --out o4; ls o4
? 2
!~ nope.gguf: error: cannot read model 'nope.gguf' of the plan [io]
!~ cannot access 'o4'

$ printf 'name: [x\n' > bad5.yaml && qexplain experiment run bad5.yaml --out o5
? 3
!^ ^bad5.yaml:\d+:\d+: error: 

# the shipped example plans parse; their models are not in the repository
$ qexplain experiment run $SRC/docs/examples/experiments/ffn-norm-bf16.yaml --out o6
? 4
!~ docs/examples/experiments/models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf: error: cannot read model 'TinyLlama 1.1B Chat v1.0 (Q4_K_M)' of the plan [io]
!~ docs/examples/experiments/models/Llama-3.2-1B-Instruct-f16.gguf: error: cannot read model

$ qexplain experiment run $SRC/docs/examples/experiments/attn-qkv-int8.yaml --out o7
? 4
!~ cannot read model 'Qwen2-1.5B-Instruct (F16)' of the plan

$ qexplain experiment run $SRC/docs/examples/experiments/embed-int4.yaml --out o8
? 4
!~ cannot read model 'Llama-3.2-1B-Instruct (F16)' of the plan
