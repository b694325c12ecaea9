# qexplain skills list | show | match on the shipped skills (skills/*.md),
# plus --help and usage errors (exit 2).

$ qexplain skills --help
~ usage: qexplain skills list [--format text|json]
~ match   rank the skills whose triggers match PHRASE (exit 1 if none does)

$ qexplain help skills
~ usage: qexplain skills list [--format text|json]

$ qexplain skills list --help
~ usage: qexplain skills list [--format text|json]
~ name, alias, version and description

$ qexplain skills show --help
~ usage: qexplain skills show NAME|PATH [--format text|json]

$ qexplain skills match -h
~ usage: qexplain skills match "PHRASE" [--format text|json]
~ Exits 1 when nothing matches.

$ qexplain skills list
> NAME                                              ALIAS          VERSION  DESCRIPTION
> quantization-explainer-for-non-experts            non-experts    0.1.0    A reusable skill for explaining model quantization to non-te…
> quantized-llm-reporting-for-public-sector         public-sector  0.1.1    Generates accessible, technically grounded reports on large …
> wechat-public-account-llm-quantization-explainer  wechat         0.1.3    Generates WeChat Official Account articles that explain larg…

$ qexplain skills list 2>&1 >/dev/null | wc -c
> 0

$ qexplain skills list --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([(s["alias"], s["version"], s["file"], len(s["description"]) > 100) for s in d])'
> [('non-experts', '0.1.0', 'non-experts.md', True), ('public-sector', '0.1.1', 'public-sector.md', True), ('wechat', '0.1.3', 'wechat.md', True)]

$ qexplain skills list --format=text | wc -l
> 4

# show: by alias, by full name, by unique substring; front-matter in file order.
$ qexplain skills show public-sector
^ ^\t"name":\t"quantized-llm-reporting-for-public-sector",$
^ ^\t\t"alias":\t"public-sector",$
^ ^\t\t\t\t"heading":\t"四、给决策者的一句话",$
^ ^\t\t\t"paragraph.max_sentences":\t3,$
~ body: 33 lines from line 91

$ qexplain skills show public-sector | tail -1
> body: 33 lines from line 91

$ qexplain skills show wechat-public-account-llm-quantization-explainer --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); fm=d["front_matter"]; q=fm["qexplain"]; print(d["name"], d["file"], d["body_line"], d["body_lines"]); print(list(fm)); print([s["id"] for s in q["sections"]]); print(q["lint"]["markdown"], q["lint"]["indent"], q["lint"]["divider"], q["lint"]["deid.dates"])'
> wechat-public-account-llm-quantization-explainer wechat.md 96 38
> ['id', 'name', 'description', 'version', 'tags', 'triggers', 'qexplain']
> ['scenario', 'analogy', 'steps', 'challenges', 'use-cases', 'misuses', 'sources']
> bold-and-h3 two-fullwidth-spaces error error

$ qexplain skills show non-experts --format json | python3 -c 'import json,sys; q=json.load(sys.stdin)["front_matter"]["qexplain"]; print(q["methods"], q["analogy_domains"]); print([s.get("heading") for s in q["sections"]]); print(q["lint"]["generic-advice"], q["lint"]["jargon"], q["lint"]["acronym"])'
> ['awq', 'gptq', 'gguf', 'qlora'] ['video-re-encoding', 'book-re-editing', 'usb-storage', 'engine-tuning']
> ['一、卡在哪里', '二、用一个比方理解量化', '三、为什么是现在', '四、最近新在哪里', '五、再打一个比方']
> error error explain-first

$ qexplain skills show experts | tail -1
> body: 33 lines from line 85

# match: the WeChat skill is first for "写公众号文章".
$ qexplain skills match "写公众号文章"
> 1.000  wechat-public-account-llm-quantization-explainer  wechat  "写公众号文章"

$ qexplain skills match "帮我写公众号文章" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["alias"], d[0]["trigger"], 0.5 < d[0]["score"] < 1)'
> wechat 写公众号文章 True

$ qexplain skills match "explain LLM quantization to government staff"
> 0.751  quantized-llm-reporting-for-public-sector  public-sector  "explain LLM quantization to government staff using real-life analogies"
> 0.250  quantization-explainer-for-non-experts  non-experts  "explain quantization simply"
> 0.083  wechat-public-account-llm-quantization-explainer  wechat  "通俗解释LLM推理优化"

$ qexplain skills match "天气预报"
? 1
! qexplain: no skill matches '天气预报'

$ qexplain skills match "天气预报" --format json
? 1
> []

# usage errors: exit 2
$ qexplain skills
? 2
! qexplain skills: missing subcommand (list, show or match)
! see 'qexplain skills --help'

$ qexplain skills frob
? 2
!~ unknown subcommand 'frob' (expected list, show or match)

$ qexplain skills show
? 2
! qexplain skills show: missing NAME or PATH
! see 'qexplain skills show --help'

$ qexplain skills match
? 2
!~ missing PHRASE

$ qexplain skills show a b
? 2
!~ unexpected argument 'b'

$ qexplain skills list extra
? 2
!~ qexplain skills list: unexpected argument 'extra'

$ qexplain skills list --format yaml
? 2
!~ unknown format 'yaml' (expected text or json)

$ qexplain skills match x --format
? 2
!~ option '--format' requires a value

$ qexplain skills list --bogus
? 2
!~ unknown option '--bogus'

# unknown and ambiguous names: exit 2 with the candidates
$ qexplain skills show nope
? 2
! qexplain: error: unknown skill 'nope'; available: quantization-explainer-for-non-experts (non-experts), quantized-llm-reporting-for-public-sector (public-sector), wechat-public-account-llm-quantization-explainer (wechat) [skill.unknown]

$ qexplain skills show quantiz
? 2
! qexplain: error: skill name 'quantiz' is ambiguous; candidates: quantization-explainer-for-non-experts (non-experts), quantized-llm-reporting-for-public-sector (public-sector), wechat-public-account-llm-quantization-explainer (wechat) [skill.ambiguous]

# output errors: exit 4
$ qexplain skills list > /dev/full
? 4
!~ cannot write to standard output
