# qexplain facts: help, check, list, show and their usage errors, on the
# fixture bases of tests/fixtures/facts/ (valid/ is a small real base).

$ qexplain facts --help
~ usage: qexplain facts check [--dir DIR]
~ qexplain facts diff OLD NEW [--format text|json]
~ check   validate the fact base
$ qexplain help facts
~ usage: qexplain facts check [--dir DIR]
$ qexplain facts check --help
~ usage: qexplain facts check [--dir DIR]
~ exit status: 0 no problems, 3 problems found, 4 the directory cannot be read
$ qexplain facts list -h
~ --topic T        only facts tagged T (repeat: all of them)
$ qexplain facts show --help
~ exit status: 0 shown, 3 no such fact (the nearest id is suggested)
$ qexplain facts diff --help
~ exit status: 0 identical, 1 different, 3 a directory does not load, 4 I/O error

# usage errors: exit 2
$ qexplain facts
? 2
! qexplain facts: missing subcommand (check, list, show or diff)
! see 'qexplain facts --help'
$ qexplain facts frob
? 2
!~ qexplain facts: unknown subcommand 'frob' (check, list, show or diff)
$ qexplain facts check --bogus
? 2
! qexplain facts check: unknown option '--bogus'
! see 'qexplain facts check --help'
$ qexplain facts check extra
? 2
!~ qexplain facts check: unexpected argument 'extra'
$ qexplain facts check --dir
? 2
!~ option '--dir' requires a value
$ qexplain facts check --topic memory
? 2
!~ unknown option '--topic'
$ qexplain facts list --format yaml
? 2
!~ qexplain facts list: unknown format 'yaml' (use text or json)
$ qexplain facts list --topic memroy --dir $SRC/tests/fixtures/facts/valid
? 2
!~ unknown topic 'memroy'
$ qexplain facts show
? 2
!~ qexplain facts show: missing fact id
$ qexplain facts show a b
? 2
!~ unexpected argument 'b'

# check: a clean base
$ qexplain facts check --dir $SRC/tests/fixtures/facts/valid
> facts check: 5 facts and 23 glossary entries, no problems
$ qexplain facts check --dir=$SRC/tests/fixtures/facts/valid
> facts check: 5 facts and 23 glossary entries, no problems

# the default directory is facts/ of the data directory
$ mkdir -p $TMP/data && cp -r $SRC/tests/fixtures/facts/valid $TMP/data/facts && qexplain --data-dir $TMP/data facts check
> facts check: 5 facts and 23 glossary entries, no problems
$ QEXPLAIN_DATA=$TMP/data qexplain facts list --topic format
> gguf-spec-magic-version  format,gguf  GGUF是GGML和llama.cpp使用的模型文件格式，不是量化算法；文件以“GGUF”四个字节开头，规范中的格式版本是3。

# check: I/O errors exit 4
$ qexplain facts check --dir $TMP/nowhere
? 4
!~ nowhere
$ qexplain facts list --dir $TMP/nowhere
? 4

# list
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid
> chatglm-6b-memory  memory,int4,int8,chinese-model,hardware  据ChatGLM-6B的英文说明，推理时FP16版本至少需要13GB显存，INT8版本10GB，INT4版本只要6GB。
> gguf-spec-magic-version  format,gguf  GGUF是GGML和llama.cpp使用的模型文件格式，不是量化算法；文件以“GGUF”四个字节开头，规范中的格式版本是3。
> qwen-inference-speed-memory  speed,memory,gptq,int4,int8,chinese-model,hardware  通义千问团队在一块NVIDIA A100显卡上实测Qwen-7B生成2048个token：BF16版本每秒生成40.93个token、占用16.99GB显存；Int4版本每秒50.09个token、占用8.21GB，显存约少52%；Int8版本反而比BF16慢，每秒37.47个token。
> qwen14b-72b-chat-int4  accuracy,chinese-benchmark,gptq,int4,chinese-model  通义千问团队的测试中，较大的模型量化到Int4后几乎不掉分：Qwen-72B-Chat的C-Eval成绩保持80.1分不变，MMLU从74.4分降到73.4分。
> tinychat-4090-decode  speed,awq,int4,hardware  在NVIDIA RTX 4090显卡上用AWQ作者的TinyChat逐个生成token时，LLaMA-3-8B每个token的耗时从FP16的17.07毫秒降到INT4的6.39毫秒，官方给出的加速为2.69倍。
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --topic memory --topic gptq
^ \Aqwen-inference-speed-memory  [^\n]*\n\Z
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --method awq
^ \Atinychat-4090-decode  [^\n]*\n\Z
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --method GPTQ --topic accuracy
^ \Aqwen14b-72b-chat-int4  [^\n]*\n\Z
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --topic fp8
^ \A\Z
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --format json | python3 -c 'import json,sys; a=json.load(sys.stdin); print(len(a), [f["id"] for f in a][0], all(f["source"]["locator"] and f["claim_zh"] for f in a))'
> 5 chatglm-6b-memory True
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid --format=json --topic gguf | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["values"][1]["value"], list(a[0])[:3])'
> 0x47 0x47 0x55 0x46 ['id', 'claim_zh', 'claim_en']
$ qexplain facts list --dir $SRC/tests/fixtures/facts/valid > /dev/full
? 4
!~ cannot write to standard output

# list and show refuse a base that does not load
$ cd $SRC/tests/fixtures/facts && qexplain facts list --dir broken
? 3
!~ broken/json.json:12:5: error: expected ',' or '}' [facts.json]
$ cd $SRC/tests/fixtures/facts && qexplain facts show chatglm-6b-memory --dir broken
? 3
!~ broken/schema.json:48:5: error: unknown field 'claim' in fact [facts.schema]

# show
$ cd $SRC/tests/fixtures/facts && qexplain facts show qwen-inference-speed-memory --dir valid
> id:        qwen-inference-speed-memory
> claim_zh:  通义千问团队在一块NVIDIA A100显卡上实测Qwen-7B生成2048个token：BF16版本每秒生成40.93个token、占用16.99GB显存；Int4版本每秒50.09个token、占用8.21GB，显存约少52%；Int8版本反而比BF16慢，每秒37.47个token。
> claim_en:  Qwen official profile generating 2048 tokens on one A100-SXM4-80G (AutoGPTQ kernels): Qwen-7B BF16 40.93 tok/s and 16.99 GB; Int8 37.47 tok/s and 11.20 GB; Int4 50.09 tok/s and 8.21 GB. Int4 cuts measured memory by ~52% and Int8 is slower than BF16.
> topics:    speed, memory, gptq, int4, int8, chinese-model, hardware
> method:    GPTQ (AutoGPTQ) Int4/Int8
> model:     Qwen-7B(-Chat)
> hardware:  NVIDIA A100-SXM4-80G
> metric:    tokens/s; GPU memory (GB)
> baseline:  BF16
> values:
>   bf16_speed = 40.93 tokens/s  name: BF16 speed
>   bf16_mem = 16.99 GB  name: BF16 memory
>   int8_speed = 37.47 tokens/s  name: Int8 speed
>   int8_mem = 11.20 GB  name: Int8 memory
>   int4_speed = 50.09 tokens/s  name: Int4 speed
>   int4_mem = 8.21 GB  display: 8.21吉字节  name: Int4 memory
>   load_slowdown = 20 % [approx]  name: from_pretrained slowdown
> derived:
>   int4_cut = 0.517 ratio  expr: 1 - int4_mem / bf16_mem  display: 约52%  name: Int4 memory reduction
> source:
>   title:   Qwen (QwenLM/Qwen) README: Quantization
>   authors: Qwen Team, Alibaba Cloud
>   year:    2023
>   venue:   GitHub QwenLM/Qwen
>   url:     https://github.com/QwenLM/Qwen
>   locator: README.md lines 529-616 (Inference Performance table and notes)
> caveat:    Measured with AutoGPTQ kernels. Int8 is slower than BF16; the ~52% Int4 memory cut is arithmetic on the printed GB values.
> caveat_zh: 这是用AutoGPTQ内核测得的结果；约52%的降幅是按表中两个GB数值算出来的。
> terms:     NVIDIA, Qwen, token, BF16, GB, INT4, INT8, AutoGPTQ
> file:      valid/memory.json:2:3
$ qexplain facts show gguf-spec-magic-version --dir $SRC/tests/fixtures/facts/valid
~   magic = "0x47 0x47 0x55 0x46" bytes  name: magic
~   locator: docs/gguf.md line 5 (successor)
$ qexplain facts show tinychat-4090-decode --format json --dir $SRC/tests/fixtures/facts/valid | python3 -c 'import json,sys; f=json.load(sys.stdin); print(f["id"], f["source"]["arxiv"], f["values"][3]["value"], "derived" in f)'
> tinychat-4090-decode 2306.00978 OOM False

# show: unknown ids exit 3, with the nearest id when one is close
$ qexplain facts show qwen-infrence --dir $SRC/tests/fixtures/facts/valid
? 3
! qexplain: error: unknown fact 'qwen-infrence'; did you mean 'qwen-inference-speed-memory'?
$ qexplain facts show tinychat-4090-decod --dir $SRC/tests/fixtures/facts/valid
? 3
! qexplain: error: unknown fact 'tinychat-4090-decod'; did you mean 'tinychat-4090-decode'?
$ qexplain facts show qwen14b-72b-chat-int8 --dir $SRC/tests/fixtures/facts/valid
? 3
! qexplain: error: unknown fact 'qwen14b-72b-chat-int8'; did you mean 'qwen14b-72b-chat-int4'?
$ qexplain facts show zzzzzzzzzzzz --dir $SRC/tests/fixtures/facts/valid
? 3
! qexplain: error: unknown fact 'zzzzzzzzzzzz' (see 'qexplain facts list')
