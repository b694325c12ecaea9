# qexplain preview: the WeChat phone preview page (src/preview/, docs/preview.md).

$ qexplain preview --help
~ usage: qexplain preview [--skill NAME] [-o FILE] ARTICLE.html|-

$ qexplain preview
? 2
! qexplain preview: an article file (or '-') is required
! see 'qexplain preview --help'

$ qexplain preview --bogus a.html
? 2
!~ unknown option '--bogus'

$ qexplain preview a.html b.html
? 2
!~ unexpected argument 'b.html'

$ qexplain preview --skill
? 2
!~ option '--skill' requires a value

$ printf '<p>好</p>\n' > $TMP/ok.html && qexplain preview --skill nope $TMP/ok.html
? 2
!~ unknown skill 'nope'

$ qexplain preview $TMP/missing.html
? 4
!~ missing.html

# Everything the WeChat editor does not keep is dropped, each with a warning
# at its line and column; text survives, tags become what WeChat keeps.
$ printf '%s\n' '<section class="x" style="position:fixed;color:#333;background-image:url(http://e/x.png)">' '<script>alert(1)</script><style>p{color:red}</style>' '<p onclick="go()" style="font-size:15px;display:flex">一段<font color="red">文字</font>。</p>' '<img src="https://e/x.png"><a href="http://e/">链接</a><a href="https://e/">安全</a>' '<div><b>粗</b><i>斜</i></div>' > $TMP/dirty.html && qexplain preview $TMP/dirty.html | sed -n '/qx-phone">/,$p'
> <div id="qx-phone">
> <section style="color:#333;">
>
> <p style="font-size:15px;">一段文字。</p>
> <a>链接</a><a href="https://e/">安全</a>
> <section><strong>粗</strong><em>斜</em></section>
> </section>
> </div>
> </body>
> </html>
!^ dirty.html:1:10: warning: dropped attribute 'class' of <section> \(the WeChat editor keeps only style\) \[preview.dropped\]
!^ dirty.html:1:20: warning: dropped style property 'position' of <section>
!^ dirty.html:1:20: warning: dropped style property 'background-image' of <section>
!^ dirty.html:2:1: warning: dropped <script> and its content
!^ dirty.html:2:26: warning: dropped <style> and its content
!^ dirty.html:3:4: warning: dropped attribute 'onclick' of <p>
!^ dirty.html:3:19: warning: dropped style property 'display' of <p>
!^ dirty.html:3:57: warning: dropped the <font> tag and kept its text
!^ dirty.html:4:1: warning: dropped <img> \(the preview loads nothing
!^ dirty.html:4:31: warning: dropped href of <a>: only https links are kept

# The page: no script anywhere, a policy that forbids them, phone width.
$ qexplain preview $TMP/dirty.html 2>/dev/null | grep -ci -e '<script' -e 'onclick' -e 'url(' -e 'position'
? 1
> 0
$ qexplain preview $TMP/ok.html | grep -c -e "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"" -e 'width:375px' -e '<title>qexplain preview</title>'
> 3

# Entities in style values are decoded before filtering and escaped again.
$ printf '%s\n' '<p style="font-family:&quot;A;B&quot;, serif;COLOR: red ;">字</p>' | qexplain preview - | grep '<p'
> <p style="font-family:&quot;A;B&quot;, serif;color:red;">字</p>

# Unclosed elements are closed; stray end tags are dropped; a lone '<' is text.
$ printf '<section><p>一 < 二</span>\n' | qexplain preview - | sed -n '/qx-phone">/,/<\/div>/p'
> <div id="qx-phone">
> <section><p>一 &lt; 二
> </p></section>
> </div>

# Indents: with a skill that asks for them, paragraphs need two U+3000 or a
# text-indent; a skill without them checks nothing.
$ printf '%s\n' '<p>没有缩进。</p>' '<p style="text-indent:2em">有缩进。</p>' '<p>　　全角空格。</p>' '<p>&#12288;&#12288;实体。</p>' '<p><span>　　</span></p>' > $TMP/indent.html && cd $TMP && qexplain preview --skill wechat indent.html > /dev/null
! indent.html:1:1: warning: paragraph has no first-line indent; the skill asks for two full-width spaces or text-indent:2em [preview.indent]
$ qexplain preview --skill public-sector $TMP/indent.html | grep -c '<title>quantized-llm-reporting-for-public-sector</title>'
> 1

# Invalid input: nothing on stdout, nothing written with -o.
$ cd $TMP && printf '<p>好\377</p>\n' > bad.html && qexplain preview -o bad-out.html bad.html; ls bad-out.html
? 2
! bad.html:1:5: error: invalid UTF-8 byte 0xFF [encoding]
! ls: cannot access 'bad-out.html': No such file or directory
$ python3 -c "print('<span>' * 70 + '字')" | qexplain preview -
? 3
! <stdin>:1:385: error: elements nested deeper than 64 [preview.depth]

# -o writes atomically, the same bytes as stdout, and runs are deterministic.
$ qexplain generate --skill wechat --format html -o $TMP/wx.html 2>/dev/null && qexplain preview --skill wechat -o $TMP/wx-page.html $TMP/wx.html && qexplain preview --skill wechat - < $TMP/wx.html | cmp - $TMP/wx-page.html && echo same
> same
$ grep -c '<p style="margin:0 0 1em 0;text-indent:2em;">' $TMP/wx-page.html
> 43
$ qexplain preview -o /nonexistent-dir/page.html $TMP/ok.html
? 4
!~ /nonexistent-dir/page.html
