# qexplain template render: bad templates, bad contexts, partial confinement,
# limits and I/O errors. One line per problem with file:line:column; nothing
# is written on failure.
$ printf '{"x": "v", "a": [1]}' > ctx.json && printf 'kept\n' > out.txt

$ printf 'line one\n{{#a}}\n  {{x\n' > unclosed.mustache && qexplain template render unclosed.mustache --context ctx.json -o out.txt
? 3
! unclosed.mustache:3:3: error: tag is not closed: no '}}' follows [tmpl.unclosed-tag]

# -o left the old file alone
$ cat out.txt
> kept

$ printf '{{#a}}\n  {{/b}}\n' > mismatch.mustache && qexplain template render mismatch.mustache --context ctx.json
? 3
! mismatch.mustache:2:3: error: closing tag '/b' does not match the open section 'a' [tmpl.section-mismatch]
! mismatch.mustache:1:1: note: section 'a' opened here [tmpl.section-mismatch]

$ printf '中文 {{#a}}\n' > open.mustache && qexplain template render open.mustache --context ctx.json
? 3
! open.mustache:1:4: error: section 'a' is never closed [tmpl.unclosed-section]

$ printf 'x\n{{/a}}' > close.mustache && qexplain template render close.mustache --context ctx.json
? 3
! close.mustache:2:1: error: closing tag '/a' has no open section [tmpl.unexpected-close]

$ printf '  {{=<%% =}}\n' > delim.mustache && qexplain template render delim.mustache --context ctx.json
? 3
! delim.mustache:1:3: error: set-delimiter tag '{{=<% =}}' needs two delimiters separated by a space [tmpl.delimiter]

$ printf '{{a b}}' > name.mustache && qexplain template render name.mustache --context ctx.json
? 3
! name.mustache:1:1: error: tag name 'a b' contains white space [tmpl.name]

$ printf '{{>*dyn}}' > dyn.mustache && qexplain template render dyn.mustache --context ctx.json
? 3
! dyn.mustache:1:1: error: dynamic partial name '*dyn' is not supported [tmpl.unsupported]

# an error inside a partial points into the partial
$ mkdir -p p && printf 'a {{>inner}}\n' > p/outer.mustache && printf 'ok\n{{#s}}\n' > p/inner.mustache && qexplain template render p/outer.mustache --context ctx.json
? 3
! p/inner.mustache:2:1: error: section 's' is never closed [tmpl.unclosed-section]

# partial names stay inside the partials directory
$ printf 'secret\n' > secret.mustache && printf '[{{>../secret}}]' > p/up.mustache && qexplain template render p/up.mustache --context ctx.json
? 3
! p/up.mustache:1:2: error: cannot load partial '../secret': the name contains '..' [tmpl.partial]

$ printf '[{{</etc/passwd}}{{//etc/passwd}}]' > p/abs.mustache && qexplain template render p/abs.mustache --context ctx.json
? 3
!~ p/abs.mustache:1:2: error: cannot load partial '/etc/passwd': the name is an absolute path [tmpl.partial]

$ printf '[{{>a\\b}}]' > p/bs.mustache && qexplain template render p/bs.mustache --context ctx.json
? 3
!~ the name contains a backslash [tmpl.partial]

$ ln -s ../secret.mustache p/link.mustache && printf '[{{>link}}]' > p/sym.mustache && qexplain template render p/sym.mustache --context ctx.json
? 3
!~ p/sym.mustache:1:2: error: cannot load partial 'link': 'p/link.mustache' leads outside 'p' [tmpl.partial]

# a missing partial renders as nothing (the spec's rule), with a warning
$ printf 'x {{>gone}}\n' > p/miss.mustache && qexplain template render p/miss.mustache --context ctx.json
> x 
! p/miss.mustache:1:3: warning: partial 'gone' not found (no file 'p/gone.mustache'); it renders as nothing [tmpl.partial-missing]

# recursion is bounded
$ printf 'r\n{{>self}}' > p/self.mustache && qexplain template render p/self.mustache --context ctx.json -o out.txt
? 3
!~ p/self.mustache:2:1: error: partial nesting exceeds the limit of 32 [tmpl.partial-depth]

$ cat out.txt
> kept

# bad context
$ printf '{"x": 1,\n  "x": 2}' > dup.json && qexplain template render p/miss.mustache --context dup.json
? 3
!~ dup.json:2:3: error: duplicate key 'x'

$ printf '{"x": [1,\n' > trunc.json && qexplain template render p/miss.mustache --context trunc.json
? 3
!^ ^trunc\.json:\d+:\d+: error:

# I/O
$ qexplain template render nope.mustache --context ctx.json
? 4
!~ nope.mustache

$ qexplain template render p/miss.mustache --context nope.json
? 4
!~ nope.json

$ qexplain template render p/miss.mustache --context ctx.json --partials nodir
? 4
! nodir: error: partials directory is not a directory [io]

$ qexplain template render p/outer.mustache --context ctx.json --partials p -o no/such/dir/out.txt
? 3
!~ p/inner.mustache:2:1

$ printf 'fine\n' > fine.mustache && qexplain template render fine.mustache --context ctx.json -o no/such/dir/out.txt
? 4
!~ no/such/dir/out.txt

$ qexplain template render fine.mustache --context ctx.json > /dev/full
? 4
!~ cannot write to standard output
