# The three article seeds (copies of ../shared/seeds/, unmodified) load via
# `skills show PATH`: front-matter as JSON, body line count, no qexplain block.

$ cd $SRC/tests/fixtures/skills/seeds && qexplain skills show quantized-llm-reporting-for-public-sector.md
^ ^\t"id":\t"05c4508a-233a-4262-b7a4-7cbebf9becc4",$
^ ^\t"version":\t"0.1.1",$
~ "make AWQ and QLoRA understandable to non-engineers using work-based metaphors"
~ body: 33 lines from line 22

$ cd $SRC/tests/fixtures/skills/seeds && qexplain skills show ./wechat-public-account-llm-quantization-explainer.md --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["name"], d["body_line"], d["body_lines"], list(d["front_matter"]), d["front_matter"]["triggers"][0])'
> wechat-public-account-llm-quantization-explainer 22 38 ['id', 'name', 'description', 'version', 'tags', 'triggers'] 写公众号文章

$ qexplain skills show $SRC/tests/fixtures/skills/seeds/quantization-explainer-for-non-experts.md | tail -1
> body: 33 lines from line 19

# Each shipped skill is its seed, byte for byte, plus the qexplain: block
# inserted before the closing '---'.
$ cd $SRC && for s in public-sector:quantized-llm-reporting-for-public-sector wechat:wechat-public-account-llm-quantization-explainer non-experts:quantization-explainer-for-non-experts; do diff tests/fixtures/skills/seeds/${s#*:}.md skills/${s%%:*}.md | grep -c '^<'; diff tests/fixtures/skills/seeds/${s#*:}.md skills/${s%%:*}.md | head -2 | tail -1; done
> 0
> > qexplain:
> 0
> > qexplain:
> 0
> > qexplain:
