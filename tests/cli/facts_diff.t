# qexplain facts diff OLD NEW: a copy of the valid fixture base, edited the
# way a maintainer would, compared with the original.

$ cp -r $SRC/tests/fixtures/facts/valid $TMP/old && cp -r $TMP/old $TMP/same && qexplain facts diff $TMP/old $TMP/same
> no differences
$ qexplain facts diff $TMP/old $TMP/same --format json
> {
> 	"facts":	{
> 		"added":	[],
> 		"removed":	[],
> 		"changed":	[]
> 	},
> 	"glossary":	{
> 		"added":	[],
> 		"removed":	[],
> 		"changed":	[]
> 	}
> }

# The new base: ChatGLM-6B's INT8 figure taken from the Chinese README (8 GB)
# instead of the English one (10 GB), a display dropped, the GGUF fact
# removed, a glossary explanation reworded, and a new glossary entry.
$ cp -r $TMP/old $TMP/new && cd $TMP/new && sed -i 's/"INT8 inference (en README)", "value": 10,/"INT8 inference (zh README)", "value": 8,/; s/, "display": "8.21吉字节"//' memory.json && sed -i 's/1吉字节约等于10亿个字节/1吉字节等于10亿个字节/' glossary.json && sed -i 's/^  {"term": "AWQ"/  {"term": "Accelerate", "full": "Hugging Face Accelerate", "label_zh": "Accelerate工具库", "explain_zh": "帮助加载和运行模型的开源库。", "kind": "software"},\n  {"term": "AWQ"/' glossary.json && rm format.json && qexplain facts check --dir .
> facts check: 4 facts and 24 glossary entries, no problems

$ qexplain facts diff $TMP/old $TMP/new
? 1
> removed fact 'gguf-spec-magic-version'
> changed fact 'chatglm-6b-memory'
>   values[int8_infer].name: "INT8 inference (en README)" -> "INT8 inference (zh README)"
>   values[int8_infer].value: 10 -> 8
> changed fact 'qwen-inference-speed-memory'
>   values[int4_mem].display: "8.21吉字节" -> (absent)
> added glossary entry 'Accelerate'
> changed glossary entry 'GB'
>   explain_zh: "存储容量单位，1吉字节约等于10亿个字节。" -> "存储容量单位，1吉字节等于10亿个字节。"
> facts: 0 added, 1 removed, 2 changed; glossary: 1 added, 0 removed, 1 changed

$ qexplain facts diff $TMP/new $TMP/old
? 1
~ added fact 'gguf-spec-magic-version'
~   values[int8_infer].value: 8 -> 10
~   values[int4_mem].display: (absent) -> "8.21吉字节"
~ removed glossary entry 'Accelerate'
~ facts: 1 added, 0 removed, 2 changed; glossary: 0 added, 1 removed, 1 changed

$ qexplain facts diff --format json $TMP/old $TMP/new | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["facts"]; c=f["changed"]; print(f["added"], f["removed"], [x["id"] for x in c]); print(c[0]["fields"][1]); print(c[1]["fields"][0]); print(d["glossary"]["added"], d["glossary"]["changed"][0]["term"])'
? 0
> [] ['gguf-spec-magic-version'] ['chatglm-6b-memory', 'qwen-inference-speed-memory']
> {'field': 'values[int8_infer].value', 'old': 10, 'new': 8}
> {'field': 'values[int4_mem].display', 'old': '8.21吉字节'}
> ['Accelerate'] GB

# errors: a directory that does not load (3), one that does not exist (4),
# usage (2)
$ cd $SRC/tests/fixtures/facts && qexplain facts diff valid broken
? 3
!~ broken/json.json:12:5: error: expected ',' or '}' [facts.json]
$ qexplain facts diff $TMP/old $TMP/nowhere
? 4
!~ nowhere
$ qexplain facts diff $TMP/old
? 2
!~ qexplain facts diff: expected two directories, OLD and NEW
$ qexplain facts diff a b c
? 2
!~ unexpected argument 'c'
$ qexplain facts diff --dir x a b
? 2
!~ unknown option '--dir'
