# qexplain batch: incremental, atomic regeneration from a manifest (issue 5).
# Each case works on a copy of the shipped data in $TMP/data.

$ cp -r "$SRC/skills" "$SRC/templates" "$SRC/facts" . && mkdir data && mv skills templates facts data/ && printf 'articles:\n  - out: out/ps.txt\n    skill: public-sector\n  - out: out/wx.txt\n    skill: wechat\n  - out: out/ne.html\n    skill: non-experts\n    format: html\n  - out: out/ne-json.json\n    skill: non-experts\n    methods: [awq, gptq, gguf]\n    variant: 2\n    format: json\n' > m.yaml && qexplain --data-dir data batch m.yaml --no-progress
> batch: 4 regenerated, 0 unchanged, 0 failed

# Written articles equal what generate prints
$ qexplain --data-dir data generate --skill public-sector | cmp - out/ps.txt && echo same
> same

# Nothing changed: nothing regenerated, and it says so
$ qexplain --data-dir data batch m.yaml
> batch: nothing to do, 4 articles up to date

$ qexplain --data-dir data batch --check m.yaml
> batch: 0 stale, 4 up to date

# One fact changes: exactly the articles citing it are stale, then rebuilt
$ python3 "$SRC/tests/tools/setfact.py" data/facts qwen-inference-speed-memory int4_memory 8.2 && qexplain --data-dir data batch --check m.yaml
? 1
> stale out/ps.txt: fact 'qwen-inference-speed-memory' changed
> stale out/wx.txt: fact 'qwen-inference-speed-memory' changed
> batch: 2 stale, 2 up to date

$ qexplain --data-dir data batch --dry-run m.yaml
> would regenerate out/ps.txt: fact 'qwen-inference-speed-memory' changed
> would regenerate out/wx.txt: fact 'qwen-inference-speed-memory' changed
> batch: 2 stale, 2 up to date

# Back to the old value: nothing is stale any more
$ python3 "$SRC/tests/tools/setfact.py" data/facts qwen-inference-speed-memory int4_memory 8.21 && qexplain --data-dir data batch --check m.yaml
> batch: 0 stale, 4 up to date

# A fact no article cites changes nothing
$ python3 "$SRC/tests/tools/setfact.py" data/facts chatglm2-6b-int4-mmlu-ceval int8_memory 8.2 && qexplain --data-dir data batch --check m.yaml
> batch: 0 stale, 4 up to date

# A template change makes only that skill's articles stale
$ echo >> data/templates/non-experts/article.json && qexplain --data-dir data batch --check m.yaml
? 1
> stale out/ne.html: dir 'templates/non-experts' changed
> stale out/ne-json.json: dir 'templates/non-experts' changed
> batch: 2 stale, 2 up to date

$ qexplain --data-dir data batch m.yaml --jobs 2
> batch: 2 regenerated, 2 unchanged, 0 failed

# An edited or deleted output is repaired
$ echo tampered >> out/wx.txt; rm out/ps.txt; qexplain --data-dir data batch --check m.yaml
? 1
> stale out/ps.txt: output missing
> stale out/wx.txt: output differs from the last generated one
> batch: 2 stale, 2 up to date

$ qexplain --data-dir data batch m.yaml && qexplain --data-dir data generate --skill wechat | cmp - out/wx.txt && echo repaired
> batch: 2 regenerated, 2 unchanged, 0 failed
> repaired

# A failing article keeps its old file; the others go on; exit 1
$ cp out/ne-json.json keep.json && sed -i 's/methods: \[awq, gptq, gguf\]/methods: [awq, gptq, tir]/' m.yaml && qexplain --data-dir data batch m.yaml --force
? 1
> failed out/ne-json.json
> batch: 3 regenerated, 0 unchanged, 1 failed
!~ tir

$ cmp keep.json out/ne-json.json && echo kept
> kept

# Manifest errors carry file:line:column and exit 3
$ printf 'articles:\n  - out: a.txt\n    skil: wechat\n' > bad.yaml; qexplain batch bad.yaml
? 3
!~ bad.yaml:3:5: error: unknown key 'skil'

$ printf 'articles:\n  - out: a.txt\n    skill: nope\n' > bad2.yaml; qexplain batch bad2.yaml
? 3
! bad2.yaml:2:5: error: unknown skill 'nope' [manifest.skill]

$ printf 'articles: [\n' > bad3.yaml; qexplain batch bad3.yaml
? 3
!~ bad3.yaml:

# Usage errors
$ qexplain batch
? 2
!~ missing MANIFEST.yaml

$ qexplain batch m.yaml --jobs 0
? 2
!~ '--jobs' needs a number from 1 to 256

$ qexplain batch m.yaml --check --dry-run
? 2

$ qexplain batch --help
~ usage: qexplain batch MANIFEST.yaml

# facts diff --manifest names the articles each change affects (from the lock)
$ cp -r data/facts newfacts && python3 "$SRC/tests/tools/setfact.py" newfacts qwen-inference-speed-memory int4_memory 8.2 && qexplain facts diff data/facts newfacts --manifest m.yaml
? 1
> changed fact 'qwen-inference-speed-memory'
>   affects out/ps.txt
>   affects out/wx.txt
>   values[int4_memory].value: 8.21 -> 8.2
> facts: 0 added, 0 removed, 1 changed; glossary: 0 added, 0 removed, 0 changed

$ qexplain facts diff data/facts newfacts --manifest m.yaml --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['facts']['changed'][0]['affects'])"
> ['out/ps.txt', 'out/wx.txt']

$ qexplain facts diff data/facts newfacts --manifest nope.yaml
? 4
!~ nope.yaml
