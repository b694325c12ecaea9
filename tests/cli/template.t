# qexplain template render: rendering, partials, escaping, -o, --help, usage errors.
# Fixtures are written into $TMP by the first cases.
$ mkdir -p t parts && printf 'Hello {{name}}!\n{{#items}}\n  - {{.}}\n{{/items}}\n{{^none}}\nno none\n{{/none}}\n  {{>foot}}\n' > t/page.mustache && printf 'bye {{name}}\n{{! a comment }}\n' > t/foot.mustache && printf 'parts:{{name}}\n' > parts/foot.mustache
$ printf '{"name": "<Ann & Bo>", "items": [1, 2.5, "三"], "none": []}' > ctx.json

# partials come from the template's directory by default; a standalone
# partial is indented; {{x}} is HTML-escaped
$ qexplain template render t/page.mustache --context ctx.json
> Hello &lt;Ann &amp; Bo&gt;!
>   - 1
>   - 2.5
>   - 三
> no none
>   bye &lt;Ann &amp; Bo&gt;

$ qexplain template render t/page.mustache --context=ctx.json --partials parts --escape none
> Hello <Ann & Bo>!
>   - 1
>   - 2.5
>   - 三
> no none
>   parts:<Ann & Bo>

# the context may come from standard input
$ printf '{"name": "stdin"}' | qexplain template render t/foot.mustache --context -
> bye stdin

# -o writes the file and nothing to stdout
$ qexplain template render t/foot.mustache --context ctx.json -o out.txt && cat out.txt
> bye &lt;Ann &amp; Bo&gt;

$ qexplain template render t/foot.mustache --context ctx.json --output out2.txt
^ \A\Z

$ cat out2.txt
> bye &lt;Ann &amp; Bo&gt;

# set delimiters and inheritance (the parent tag shares its line with text,
# so it is not standalone and its line end stays)
$ printf '{{=<%% %%>=}}<%%name%%> {{name}}\n' > delim.mustache && qexplain template render delim.mustache --context ctx.json
> &lt;Ann &amp; Bo&gt; {{name}}

$ printf '<h1>{{$title}}untitled{{/title}}</h1>\n' > t/base.mustache && printf '{{<base}}{{$title}}{{{name}}}{{/title}}{{/base}}\n' > t/child.mustache && qexplain template render t/child.mustache --context ctx.json
> <h1><Ann & Bo></h1>
>

# output is byte-identical across runs
$ qexplain template render t/page.mustache --context ctx.json > r1 && qexplain template render t/page.mustache --context ctx.json > r2 && cmp r1 r2 && echo same
> same

$ qexplain template --help
~ usage: qexplain template render FILE --context JSON_FILE

$ qexplain template render --help
~ --partials DIR
~ -o, --output OUT
~ Not supported: lambdas, dynamic names

$ qexplain help template
~ usage: qexplain template render

$ qexplain template
? 2
! qexplain template: missing subcommand: expected 'render'
! see 'qexplain template --help'

$ qexplain template show x
? 2
!~ unknown subcommand 'show': expected 'render'

$ qexplain template render --context ctx.json
? 2
!~ render needs a template FILE

$ qexplain template render t/page.mustache
? 2
!~ render needs --context JSON_FILE

$ qexplain template render t/page.mustache --context
? 2
!~ option '--context' requires a value

$ qexplain template render t/page.mustache --context ctx.json --bogus
? 2
!~ unknown option '--bogus'

$ qexplain template render t/page.mustache t/foot.mustache --context ctx.json
? 2
!~ unexpected argument 't/foot.mustache'

$ qexplain template render t/page.mustache --context ctx.json --escape xml
? 2
!~ --escape must be 'html' or 'none', not 'xml'

$ qexplain template render - --context -
? 2
!~ FILE and --context cannot both be standard input
