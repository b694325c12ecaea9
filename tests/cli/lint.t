# qexplain lint: usage, exit codes, formats, fixes, suppression, baselines,
# input edge cases and structure. Fixtures: tests/lint/. The fact base is the
# shipped one ($SRC/facts).

$ qexplain lint --help
~ usage: qexplain lint [--skill NAME] [--format human|json|sarif|rdjson|github]
~ exit status: 0 no error-level finding, 1 error-level findings (--fix-dry-run:

$ qexplain lint
? 2
!~ no input: give FILE... or '-' for standard input

$ qexplain lint --bogus x.txt
? 2
!~ unknown option '--bogus'

$ qexplain lint --format xml x.txt
? 2
!~ unknown format 'xml'; use human, json, sarif, rdjson or github

$ qexplain lint --fix --fix-dry-run x.txt
? 2
!~ '--fix' and '--fix-dry-run' cannot be combined

$ qexplain lint --disable nosuch x.txt
? 2
!~ unknown rule 'nosuch'; see 'qexplain lint --list-rules'

$ qexplain lint --skill nosuchskill x.txt
? 2
!~ nosuchskill

$ qexplain lint --facts $SRC/facts missing.txt
? 4
!~ missing.txt

# The messy article: every violation once, at its place, with the line and a caret.
$ cd $TMP && cp $SRC/tests/lint/messy.md . && qexplain lint --facts $SRC/facts messy.md
? 1
> messy.md:1:1: error: markdown heading marker is not allowed; only **bold** and ### headings are allowed; write a plain line [markdown]
>     1 | # 大模型量化入门 🚀
>       | ^~
>       = suggestion: remove it
> messy.md:1:11: error: emoji '🚀' is not allowed; say it in words or drop it [emoji]
>     1 | # 大模型量化入门 🚀
>       |                  ^~
> messy.md:3:7: error: half-width ':' in Chinese text; use '：' [punct.fullwidth]
>     3 | **要点**:量化,让大模型变小.
>       |         ^
>       = suggestion: '：'
> messy.md:3:10: error: half-width ',' in Chinese text; use '，' [punct.fullwidth]
>     3 | **要点**:量化,让大模型变小.
>       |              ^
>       = suggestion: '，'
> messy.md:3:17: error: half-width '.' in Chinese text; use '。' [punct.fullwidth]
>     3 | **要点**:量化,让大模型变小.
>       |                           ^
>       = suggestion: '。'
> messy.md:5:1: error: list marker '-' at line start; write sentences (use —— and line breaks for rhythm) [bullets]
>     5 | - INT4量化后,显存减少77%!!
>       | ^
> messy.md:5:3: error: 'INT4' is not explained at its first use; write 'INT4（4位整数）' or use the plain label [acronym]
>     5 | - INT4量化后,显存减少77%!!
>       |   ^~~~
>       = suggestion: 'INT4（4位整数）'
> messy.md:5:10: error: half-width ',' in Chinese text; use '，' [punct.fullwidth]
>     5 | - INT4量化后,显存减少77%!!
>       |             ^
>       = suggestion: '，'
> messy.md:5:15: error: figure '77%' rounds qwen2-72b-gptq-awq-accuracy.awq_ifeval (76.9分) without saying so: write 约 before it or give the exact value [figures.traceable]
>     5 | - INT4量化后,显存减少77%!!
>       |                      ^~~
> messy.md:5:18: error: exclamation mark; state the point calmly with '。' [punct.exclamation]
>     5 | - INT4量化后,显存减少77%!!
>       |                         ^~
> messy.md:6:1: error: list marker '-' at line start; write sentences (use —— and line breaks for rhythm) [bullets]
>     6 | - 延迟只有5s...
>       | ^
> messy.md:6:7: error: figure '5s' matches no fact; nearest: qwen-qlora-memory-speed.qwen7b_qlora_step (每步3.0秒) [figures.traceable]
>     6 | - 延迟只有5s...
>       |           ^~
> messy.md:6:8: error: unit 's' after a number; write '5秒' [units.latin]
>     6 | - 延迟只有5s...
>       |            ^
>       = suggestion: '秒'
> messy.md:6:9: error: ellipsis must be '……' (two U+2026) [punct.ellipsis]
>     6 | - 延迟只有5s...
>       |             ^~~
>       = suggestion: '……'
> messy.md:8:2: error: report '信通院报告显示' is not a source in the fact base; cite a fact's source or drop the claim [sources.known]
>     8 | 据信通院报告显示，大多数模型量化后几乎无损。详见[原文](https://example.org/quant)。
>       |   ^~~~~~~~~~~~~~
> messy.md:8:10: error: '大多数模型': name the models and cite the measurement [generalisation]
>     8 | 据信通院报告显示，大多数模型量化后几乎无损。详见[原文](https://example.org/quant)。
>       |                   ^~~~~~~~~~
> messy.md:8:25: error: markdown link is not allowed; only **bold** and ### headings are allowed; keep the text only [markdown]
>     8 | 据信通院报告显示，大多数模型量化后几乎无损。详见[原文](https://example.org/quant)。
>       |                                                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
>       = suggestion: '原文'
> messy.md:10:76: error: '--' used as a dash; use '——' [punct.dash]
>    10 | Qwen-7B（通义千问7B）的显存从16.99吉字节降到8.21吉字节，约减少52%。AWQ（激活感知权重量化）在显卡上的解码速度约为原来的2.7倍--这是革命性的进步。
>       |                                                                                                                            ^~
>       = suggestion: '——'
> messy.md:10:80: error: '革命性': say what changed, with a figure [buzzwords]
>    10 | Qwen-7B（通义千问7B）的显存从16.99吉字节降到8.21吉字节，约减少52%。AWQ（激活感知权重量化）在显卡上的解码速度约为原来的2.7倍--这是革命性的进步。
>       |                                                                                                                                  ^~~~~~
> messy.md:12:3: error: traditional characters '後'; write Simplified Chinese '后' [simplified]
>    12 | 量化後的模型还能跑在`llama.cpp`里。功耗18W，效果惊人。
>       |     ^~
>       = suggestion: '后'
> messy.md:12:11: error: markdown code span is not allowed; only **bold** and ### headings are allowed; keep the text only [markdown]
>    12 | 量化後的模型还能跑在`llama.cpp`里。功耗18W，效果惊人。
>       |                     ^~~~~~~~~~~
>       = suggestion: 'llama.cpp'
> messy.md:12:26: error: figure '18W' matches no fact [figures.traceable]
>    12 | 量化後的模型还能跑在`llama.cpp`里。功耗18W，效果惊人。
>       |                                        ^~~
> messy.md:12:28: error: unit 'W' after a number; write '18瓦' [units.latin]
>    12 | 量化後的模型还能跑在`llama.cpp`里。功耗18W，效果惊人。
>       |                                          ^
>       = suggestion: '瓦'
> messy.md:12:32: error: '惊人': give the figure instead [subjective]
>    12 | 量化後的模型还能跑在`llama.cpp`里。功耗18W，效果惊人。
>       |                                                 ^~~~
> 24 errors, 0 warnings

# The clean article: nothing under its skill, nothing under the default profile.
$ qexplain lint --facts $SRC/facts --skill wechat $SRC/tests/lint/clean-wechat.txt
$ qexplain lint --facts $SRC/facts $SRC/tests/lint/clean-wechat.txt

# Exit 1 on error-level findings in every format; each machine format parses.
$ cd $TMP && qexplain lint --facts $SRC/facts --format json messy.md > m.json; echo "rc=$?"; python3 -c "import json; d=json.load(open('m.json')); f=d['findings']; print(len(f), d['summary']); g=[x for x in f if x['rule']=='emoji'][0]; print(g['line'], g['column'], g['byte'], g['length'], g['end_column'])"
> rc=1
> 24 {'errors': 24, 'warnings': 0}
> 1 11 24 4 12

$ cd $TMP && qexplain lint --facts $SRC/facts --format sarif messy.md > m.sarif; echo "rc=$?"; python3 -c "import json; d=json.load(open('m.sarif')); r=d['runs'][0]; print(d['version'], r['columnKind'], len(r['results'])); rules={x['id']:x for x in r['tool']['driver']['rules']}; print(len(rules), 'source' in rules['acronym']['help']['text'].lower(), rules['punct.fullwidth']['properties']['fixable']); x=[x for x in r['results'] if x['ruleId']=='units.latin'][0]; g=x['locations'][0]['physicalLocation']['region']; print(x['level'], g['startLine'], g['startColumn'], g['byteOffset'], x['fixes'][0]['artifactChanges'][0]['replacements'][0]['insertedContent']['text']); print(all(r['tool']['driver']['rules'][x['ruleIndex']]['id']==x['ruleId'] for x in r['results']))"
> rc=1
> 2.1.0 unicodeCodePoints 24
> 37 True True
> error 6 8 118 秒
> True

$ cd $TMP && qexplain lint --facts $SRC/facts --format rdjson messy.md > m.rd; echo "rc=$?"; python3 -c "import json; d=json.load(open('m.rd')); x=[x for x in d['diagnostics'] if x['code']['value']=='emoji'][0]; print(d['source']['name'], len(d['diagnostics']), x['severity'], x['location']['range'])"
> rc=1
> qexplain 24 ERROR {'start': {'line': 1, 'column': 25}, 'end': {'line': 1, 'column': 29}}

$ cd $TMP && qexplain lint --facts $SRC/facts --format github messy.md | sed -n 2p; echo "rc=${PIPESTATUS[0]}"
> ::error file=messy.md,line=1,col=11,endLine=1,endColumn=12,title=emoji::emoji '🚀' is not allowed; say it in words or drop it
> rc=1

$ cd $TMP && qexplain lint --facts $SRC/facts --format json $SRC/tests/lint/clean-wechat.txt | python3 -c "import json,sys; print(json.load(sys.stdin))"
> {'version': 1, 'findings': [], 'summary': {'errors': 0, 'warnings': 0}}

$ qexplain lint --facts $SRC/facts --format sarif $SRC/tests/lint/clean-wechat.txt | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['runs'][0]['results'])"
> []

# Warnings alone exit 0.
$ qexplain lint --facts $SRC/facts -
< 值得注意的是，显存减少了。
? 0
~ <stdin>:1:1: warning: '值得注意的是': drop it and state the point [model-tells]

# Standard input, BOM and CRLF: columns count characters, the BOM is no column.
$ printf '\xef\xbb\xbf量化,让模型变小。\r\n第二行很好。\r\n' | qexplain lint --facts $SRC/facts --format json - | python3 -c "import json,sys; f=json.load(sys.stdin)['findings']; print([(x['rule'], x['line'], x['column'], x['byte']) for x in f])"
> [('punct.fullwidth', 1, 3, 9)]

# Invalid UTF-8 is a finding at the exact byte, and the rest is still linted.
$ printf '量化\xff模型,很好。\n' | qexplain lint --facts $SRC/facts --format json - | python3 -c "import json,sys; f=json.load(sys.stdin)['findings']; print([(x['rule'], x['line'], x['column'], x['byte'], x['length']) for x in f])"
> [('encoding', 1, 3, 6, 1), ('punct.fullwidth', 1, 6, 13, 1)]

# --fix: atomic, idempotent, and what it cannot fix is still reported.
$ cd $TMP && cp messy.md fixed.md && qexplain lint --facts $SRC/facts --fix fixed.md > /dev/null; echo "rc=$?"; cp fixed.md once.md; qexplain lint --facts $SRC/facts --fix fixed.md > /dev/null; cmp once.md fixed.md && echo idempotent; cat fixed.md
> rc=1
> idempotent
> 大模型量化入门 🚀
>
> **要点**：量化，让大模型变小。
>
> - INT4量化后，显存减少77%!!
> - 延迟只有5秒……
>
> 据信通院报告显示，大多数模型量化后几乎无损。详见原文。
>
> Qwen-7B（通义千问7B）的显存从16.99吉字节降到8.21吉字节，约减少52%。AWQ（激活感知权重量化）在显卡上的解码速度约为原来的2.7倍——这是革命性的进步。
>
> 量化後的模型还能跑在llama.cpp里。功耗18瓦，效果惊人。

$ cd $TMP && qexplain lint --facts $SRC/facts fixed.md | grep -c '^fixed.md'
> 14

# --fix-dry-run: a unified diff, nothing written, exit 1 while fixes are pending.
$ cd $TMP && cp messy.md dry.md && qexplain lint --facts $SRC/facts --fix-dry-run dry.md > d.patch; echo "rc=$?"; cmp messy.md dry.md && echo unchanged; head -5 d.patch; patch -s dry.md < d.patch && cmp dry.md once.md && echo applies
> rc=1
> unchanged
> --- a/dry.md
> +++ b/dry.md
> @@ -1,12 +1,12 @@
> -# 大模型量化入门 🚀
> +大模型量化入门 🚀
> applies

$ qexplain lint --facts $SRC/facts --fix-dry-run $SRC/tests/lint/clean-wechat.txt

# --fix on standard input prints the fixed text.
$ qexplain lint --facts $SRC/facts --fix -
< 量化,让模型变小.
> 量化，让模型变小。

# Inline suppression: with a reason it silences; without a reason, or unused, it is a finding.
$ qexplain lint --facts $SRC/facts -
< <!-- qexplain-disable-next-line emoji 引用原标题 -->
< 加速🚀
? 0

$ qexplain lint --facts $SRC/facts -
< <!-- qexplain-disable-next-line emoji -->
< 加速🚀
? 1
~ <stdin>:1:1: error: suppression has no reason; write one after the rule id [suppression]

$ qexplain lint --facts $SRC/facts -
< <!-- qexplain-disable emoji 整段引用 -->
< 加速🚀
< 再加速🚀
< <!-- qexplain-enable emoji -->
< 第三次🚀
? 1
~ <stdin>:5:4: error: emoji '🚀' is not allowed; say it in words or drop it [emoji]

$ qexplain lint --facts $SRC/facts -
< <!-- qexplain-disable-next-line emoji 没有表情 -->
< 一行普通的文字。
? 1
~ <stdin>:1:1: error: suppression of 'emoji' matches no finding; remove it [suppression]

# Baselines: the first run records, later runs report only new findings.
$ cd $TMP && cp messy.md b.md && qexplain lint --facts $SRC/facts --baseline base.json b.md
!~ wrote baseline 'base.json' with 24 findings

$ cd $TMP && qexplain lint --facts $SRC/facts --baseline base.json b.md

$ cd $TMP && printf '\n新的一行！\n' >> b.md && qexplain lint --facts $SRC/facts --baseline base.json b.md
? 1
~ b.md:14:5: error: exclamation mark; state the point calmly with '。' [punct.exclamation]

$ cd $TMP && echo '{"version": 2}' > bad.json && qexplain lint --facts $SRC/facts --baseline bad.json b.md
? 3
!~ bad.json:1:1: error: not a qexplain baseline

# --disable and --enable.
$ qexplain lint --facts $SRC/facts --disable emoji -
< 加速🚀
? 0

$ qexplain lint --facts $SRC/facts --enable address.nin -
< 你可以先核对显存。
? 1
~ <stdin>:1:1: error: address the reader as '您', not '你' [address.nin]

# The skill profile: public-sector asks for 您 and explains terms per section.
$ qexplain lint --facts $SRC/facts --skill public-sector --disable structure -
< 你可以先核对显存。
? 1
~ [address.nin]

# A skill whose lint block has an unknown rule or a bad value: exit 3 at its line and column.
$ cd $TMP && sed 's/^    emoji: error$/    emojis: error/; s/^    paragraph.max_sentences: 3$/    paragraph.max_sentences: lots/' $SRC/skills/public-sector.md > bad-skill.md && qexplain lint --facts $SRC/facts --skill ./bad-skill.md messy.md
? 3
!^ bad-skill.md:\d+:\d+: error: unknown lint rule 'emojis'
!^ bad-skill.md:\d+:\d+: error: invalid value for lint rule 'paragraph.max_sentences': expected a positive integer

# Structure: a missing 没想到 item, and a missing section.
$ cd $TMP && grep -v '没想到8位' $SRC/tests/lint/clean-wechat.txt > s1.txt && qexplain lint --facts $SRC/facts --skill wechat s1.txt
? 1
~ s1.txt:21:1: error: section 'challenges' has 2 paragraphs starting with '^没想到'; skill 'wechat' requires 3 to 5 [structure]

$ cd $TMP && sed '/^五、/,/^六、/{/^六、/!d}' $SRC/tests/lint/clean-wechat.txt > s2.txt && qexplain lint --facts $SRC/facts --skill wechat s2.txt
? 1
~ missing section '五、哪些行业在用，效果如何' before this heading [structure]

# --list-rules prints the table of docs/lint-rules.md.
$ qexplain lint --list-rules > rules.md && python3 -c "import sys; d=open(sys.argv[1]).read(); t=d.split('<!-- rules-table -->\n')[1].split('<!-- /rules-table -->')[0]; print(t == open('rules.md').read())" $SRC/docs/lint-rules.md
> True
