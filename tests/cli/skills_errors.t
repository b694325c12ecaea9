# Every error path of skill files: exit 3 with file:line:column (or exit 4
# for I/O), one line per problem, nothing on stdout.

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/no-close.md
? 3
! bad/no-close.md:1:1: error: the front-matter opened here has no closing '---' line [skill.front-matter]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/no-close.md 2>/dev/null | wc -c
> 0

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/no-open.md
? 3
! bad/no-open.md:1:1: error: no front-matter: the first line must be '---' [skill.front-matter]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/syntax.md
? 3
! bad/syntax.md:4:12: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3 column 7) [yaml.syntax]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/unknown-key.md
? 3
! bad/unknown-key.md:8:3: error: unknown key 'colour' in 'qexplain'; allowed: alias, language, methods, analogy_domains, sections, lint [skill.unknown-key]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/wrong-type.md --format json
? 3
! bad/wrong-type.md:6:3: error: 'qexplain.methods' must be a list of names [skill.type]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/needs.md
? 3
! bad/needs.md:9:9: error: 'qexplain.sections[0].needs.paragraphs' must be a range: an integer, "N", "N..M" or "N.." [skill.type]
! bad/needs.md:10:9: error: missing key 'pattern' in 'qexplain.sections[0].needs.items' [skill.missing-key]
! bad/needs.md:11:9: error: unknown key 'words' in 'qexplain.sections[0].needs'; allowed: methods, facts_per_method, analogies, bridge_sentences, paragraphs, sentences, questions, figures, items [skill.unknown-key]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/lint.md
? 3
! bad/lint.md:8:5: error: 'qexplain.lint.markdown' must be a severity or a parameter (a scalar) [skill.type]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/missing.md
? 3
! bad/missing.md:2:1: error: missing key 'name' in the front-matter [skill.missing-key]
! bad/missing.md:3:1: error: 'version' must be a string (quote it) [skill.type]
! bad/missing.md:4:1: error: missing key 'sections' in 'qexplain' [skill.missing-key]
! bad/missing.md:5:3: error: 'qexplain.alias' must be a lower-case name ([a-z0-9][a-z0-9_-]*), not 'Bad Alias' [skill.value]
! bad/missing.md:6:3: error: 'qexplain.language' must be 'zh-Hans', the only language qexplain writes [skill.value]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/not-mapping.md
? 3
! bad/not-mapping.md:2:1: error: the front-matter must be a mapping of keys to values [skill.type]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/alias.md
? 3
! bad/alias.md:3:14: error: aliases ('*n') are not supported; repeat the value [yaml.alias]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/anchor.md
? 3
! bad/anchor.md:2:7: error: anchors ('&n') are not supported; repeat the value [yaml.anchor]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/dup-key.md
? 3
! bad/dup-key.md:4:1: error: duplicate key 'version' [yaml.duplicate-key]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/utf8.md
? 3
! bad/utf8.md:3:18: error: invalid UTF-8 byte 0xE9 [utf8]

$ cd $SRC/tests/fixtures/skills && qexplain skills show bad/nul.md
? 3
! bad/nul.md:4:3: error: NUL byte in a skill file [skill.nul]

# A warning for an unknown top-level key; the skill still loads.
$ cd $SRC/tests/fixtures/skills && qexplain skills show good/extra-top-key.md
! good/extra-top-key.md:3:1: warning: unknown key 'author' is ignored; known keys: id, name, description, version, tags, triggers, qexplain [skill.unknown-key]
~ "author":	"someone"

$ cd $SRC/tests/fixtures/skills && qexplain skills show good/crlf-bom.md
~ "triggers":	["带 BOM 的文件"]
> {
> 	"name":	"crlf-bom",
> 	"triggers":	["带 BOM 的文件"]
> }
> body: 1 line from line 6

# I/O: exit 4
$ qexplain skills show no/such/skill.md
? 4
!~ no/such/skill.md: error: cannot open

$ qexplain --data-dir $TMP/nowhere skills list
? 4
!~ nowhere/skills: error: cannot open directory

# A data directory with a broken skill: list and match fail (exit 3) and
# print nothing; show still finds the good skill and reports the broken
# file only when the name is unknown.
$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-broken skills list
? 3
! data-broken/skills/broken.md:3:61: error: unknown key 'colour' in 'qexplain.sections[0]'; allowed: id, heading, needs, optional [skill.unknown-key]

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-broken skills list 2>/dev/null | wc -c
> 0

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-broken skills match alpha
? 3
!~ data-broken/skills/broken.md:3:61: error:

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-broken skills show a | tail -1
> body: 1 line from line 15

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-broken skills show br
? 3
! data-broken/skills/broken.md:3:61: error: unknown key 'colour' in 'qexplain.sections[0]'; allowed: id, heading, needs, optional [skill.unknown-key]
! qexplain: error: unknown skill 'br'; available: report-alpha (a) [skill.unknown]

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-dup skills list
? 3
! data-dup/skills/alpha2.md:9:3: error: 'a' already names the skill in 'data-dup/skills/alpha.md' [skill.duplicate]

# Resolution on a small set: alias before substring, ambiguity listed.
$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-ok skills list
> NAME            ALIAS  VERSION  DESCRIPTION
> report-alpha    a      1.0      first test skill
> report-beta     b      2.0      second test skill
> gamma-seedlike  -      -        a seed-shaped skill without qexplain

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-ok skills show b --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])'
> report-beta

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-ok skills show report
? 2
! qexplain: error: skill name 'report' is ambiguous; candidates: report-alpha (a), report-beta (b) [skill.ambiguous]

$ cd $SRC/tests/fixtures/skills && qexplain --data-dir data-ok skills match "贝塔报告"
> 0.767  report-beta  b  "贝塔报告写作"
> 0.143  report-alpha  a  "阿尔法报告"
