# qexplain generate: options, output formats, atomic writes, error paths.
$ qexplain generate --help
~ usage: qexplain generate --skill NAME
~ --no-lint

$ qexplain generate
? 2
!~ option '--skill' is required

$ qexplain generate --skill public-sector --bogus
? 2
!~ unknown option '--bogus'

$ qexplain generate --skill public-sector --format markdown
? 2
!~ unknown format 'markdown'

$ qexplain generate --skill no-such-skill
? 2
!~ no-such-skill

# A method no cited fact supports: exit 3, naming the missing evidence.
$ qexplain generate --skill public-sector --methods tir
? 3
!~ no cited fact supports 'tir'
!~ no public evidence

$ qexplain generate --skill public-sector --methods awq,tir -o out.txt
? 3
!~ no cited fact supports 'tir'

$ test ! -e out.txt && echo absent
> absent

$ qexplain generate --skill public-sector --methods awq,awq
? 2
!~ method 'awq' is listed twice

$ qexplain generate --skill public-sector --methods 'AWQ;x'
? 2
!~ invalid method

$ qexplain generate --skill public-sector --methods awq,gptq,qlora,int4
? 2
!~ features 1 to 3 methods, not 4

$ qexplain generate --skill non-experts --methods awq
? 2
!~ features 3 to 3 methods, not 1

$ qexplain generate --skill public-sector --variant 0
? 2
!~ invalid variant '0'

$ qexplain generate --skill public-sector --variant two
? 2
!~ invalid variant 'two'

$ qexplain generate --skill public-sector --variant 4
? 2
!~ variant 4 is out of range: skill 'quantized-llm-reporting-for-public-sector' has variants 1 to 3

# The default article: four numbered sections and the synthesis, no markup.
$ qexplain generate --skill public-sector
^ ^一、用日常工作理解量化$
^ ^二、前沿事实与对比数据$
^ ^三、请您自行核对的三个问题$
^ ^四、给决策者的一句话$
~ 目前没有公开、可核查的政务部署记录
~ AWQ（激活感知权重量化）

$ qexplain generate --skill wechat --variant 2
^ ^　　没想到
^ ^　　误区一：
^ ^七、数据来源$

$ qexplain generate --skill non-experts --methods awq,gguf,qlora
^ ^其一，
^ ^第三点，

# -o writes atomically and prints nothing; the file equals stdout.
$ qexplain generate --skill public-sector -o a.txt && qexplain generate --skill public-sector > b.txt && cmp a.txt b.txt && wc -c < a.txt | tr -d ' ' | grep -v '^0$' >/dev/null && echo same
> same

$ qexplain generate --skill wechat --variant 3 --format json -o a.json && python3 -c "import json; d=json.load(open('a.json')); print(d['alias'], len(d['sections']), all(p['facts'] is not None for s in d['sections'] for p in s['paragraphs']))"
> wechat 7 True

$ qexplain generate --skill wechat --format html | grep -c '<script'
> 0
? 1

$ qexplain generate --skill wechat --format html
~ <!DOCTYPE html>
~ <p style="margin:0 0 1em 0;text-indent:2em;">
~ <h3 style=

$ qexplain generate --skill public-sector --trace t.json > /dev/null && python3 -c "import json; d=json.load(open('t.json')); p=[x for x in d['paragraphs'] if x['figures']]; print(len(p) > 5, all(f['fact'] and f['display'] for x in p for f in x['figures']), all('locator' in f['source'] for f in d['facts']))"
> True True True

$ qexplain generate --skill public-sector -o no/such/dir/a.txt
? 4
!~ no/such/dir

$ qexplain generate --skill public-sector > /dev/full
? 4
!~ cannot write to standard output

# A template set that breaks a house rule is linted and not emitted.
$ cp -r $SRC/skills $SRC/facts $SRC/templates . && sed -i 's/一半到三分之一/42%/' templates/public-sector/truth.mustache && qexplain --data-dir . generate --skill public-sector -o bad.txt
? 1
!~ [figures.traceable]
!~ nothing was written

$ test ! -e bad.txt && echo absent
> absent

# --no-lint is for template authors: the same article is written.
$ qexplain --data-dir . generate --skill public-sector --no-lint | grep -c '42%'
> 1

# A template naming a value the fact base lacks fails, it is not left blank.
$ sed -i 's/bf16_memory}}降到/bf16_memry}}降到/' templates/analogies/postal-sorting.json && qexplain --data-dir . generate --skill public-sector --variant 3 --no-lint
? 3
!~ postal-sorting.json#postal-sorting.awq.mapping: error: 'bf16_memry' names a fact, value or term that the fact base does not have

$ cp $SRC/templates/analogies/postal-sorting.json templates/analogies/ && echo restored
> restored

$ printf '{{#methods}}\n' > templates/public-sector/truth.mustache && qexplain --data-dir . generate --skill public-sector --no-lint
? 3
!^ truth.mustache:1:\d+: error:

$ rm templates/public-sector/truth.mustache && qexplain --data-dir . generate --skill public-sector --no-lint
? 3
!~ no template

$ printf '{"variants": 3, "colour": 1}\n' > templates/public-sector/article.json && qexplain --data-dir . generate --skill public-sector
? 3
!^ article.json:1:\d+: error: unknown key 'colour'
