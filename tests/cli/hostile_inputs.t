# Hostile inputs (issue 7): each gets one precise line and a documented exit
# code, never a crash. Files are made in $TMP by each case.

# Empty file, lone BOM
$ : > e.md; qexplain skills show ./e.md
? 3
! ./e.md:1:1: error: no front-matter: the first line must be '---' [skill.front-matter]

$ printf '\357\273\277' > bom.md; qexplain skills show ./bom.md
? 3
! ./bom.md:1:1: error: no front-matter: the first line must be '---' [skill.front-matter]

# Invalid UTF-8 at the start, in the middle, at the end
$ printf '\377---\nname: a\n---\n' > u1.md; qexplain skills show ./u1.md
? 3
! ./u1.md:1:1: error: invalid UTF-8 byte 0xFF [utf8]

$ printf -- '---\nname: a\303\n---\n' > u2.md; qexplain skills show ./u2.md
? 3
! ./u2.md:2:8: error: invalid UTF-8 byte 0xC3 [utf8]

$ printf -- '---\nname: a\n---\nbody\344' > u3.md; qexplain skills show ./u3.md
? 3
! ./u3.md:4:5: error: invalid UTF-8 byte 0xE4 [utf8]

# NUL byte
$ printf -- '---\nname: a\000b\n---\n' > nul.md; qexplain skills show ./nul.md
? 3
! ./nul.md:2:8: error: NUL byte in a skill file [skill.nul]

# Nesting past the limit, YAML and JSON
$ python3 -c "print('---\nname: x\nq: ' + '['*100 + ']'*100 + '\n---')" > deep.md; qexplain skills show ./deep.md
? 3
! ./deep.md:3:67: error: nesting deeper than 64 levels [yaml.depth]

$ python3 -c "print('['*100 + ']'*100)" > deep.json; echo 'x' > t.mustache; qexplain template render t.mustache --context deep.json
? 3
! deep.json:1:65: error: nesting deeper than 64 levels [json.depth]

# An alias bomb is refused before any expansion
$ printf -- '---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n---\n' > bomb.md; qexplain skills show ./bomb.md
? 3
! ./bomb.md:2:4: error: anchors ('&a') are not supported; repeat the value [yaml.anchor]

# Duplicate keys, YAML and JSON
$ printf -- '---\nname: a\nname: b\n---\n' > dup.md; qexplain skills show ./dup.md
? 3
!~ ./dup.md:3:1: error: duplicate key 'name'

$ printf '{"a": 1,\n "a": 2}' > dup.json; qexplain template render t.mustache --context dup.json
? 3
! dup.json:2:2: error: duplicate key 'a' [json.duplicate-key]

# Templates recursing through partials; partial names with '..' or '/'
$ printf '{{>t2}}' > t1.mustache; printf '{{>t1}}' > t2.mustache; echo '{}' > c.json; qexplain template render t1.mustache --context c.json
? 3
!~ partial

$ printf '{{>../etc/passwd}}' > esc.mustache; qexplain template render esc.mustache --context c.json
? 3
!~ ..

$ printf '{{>/etc/passwd}}' > abs.mustache; qexplain template render abs.mustache --context c.json
? 3
!~ /etc/passwd

# A directory where a file is expected; an unreadable file (EIO even as root)
$ mkdir -p d.md; qexplain skills show ./d.md
? 4
! ./d.md: error: cannot read: Is a directory [io]

$ qexplain skills show /proc/self/mem
? 4
! /proc/self/mem: error: cannot read: Input/output error [io]

# Output to a full disk
$ echo 'hi' > ok.mustache; qexplain template render ok.mustache --context c.json -o /dev/full
? 4
!~ /dev/full
