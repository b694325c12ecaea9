/* preview/page.c: sanitizes an HTML article to what the WeChat editor keeps
 * and wraps it in the phone-width preview page (see preview.h and
 * docs/preview.md). Depends on util, diag, text and the private tokenizer.
 * Invariants: the output is balanced (every kept element is closed), holds
 * no script, no event attribute and no URL other than an https link, and
 * depends on nothing but the input and the options. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "qexplain/preview.h"
#include "qexplain/text.h"

enum action {
    KEEP,        /* kept, with its style (and an https href on <a>) */
    RENAME,      /* kept under another name, silently */
    UNWRAP,      /* document structure: tag dropped silently, content kept */
    HIDE,        /* head matter: dropped with its content, silently */
    DROP,        /* dropped with its content, with a warning */
    STRIP        /* anything else: tag dropped with a warning, content kept */
};

static const struct {
    const char *name;
    enum action act;
    const char *out;
} elements[] = {
    {"a", KEEP, "a"}, {"article", RENAME, "section"}, {"b", RENAME, "strong"},
    {"blockquote", KEEP, "blockquote"}, {"body", UNWRAP, NULL}, {"br", KEEP, "br"},
    {"code", KEEP, "code"}, {"div", RENAME, "section"}, {"em", KEEP, "em"},
    {"footer", RENAME, "section"}, {"h1", KEEP, "h1"}, {"h2", KEEP, "h2"}, {"h3", KEEP, "h3"},
    {"h4", KEEP, "h4"}, {"h5", KEEP, "h5"}, {"h6", KEEP, "h6"}, {"head", UNWRAP, NULL},
    {"header", RENAME, "section"}, {"hr", KEEP, "hr"}, {"html", UNWRAP, NULL},
    {"i", RENAME, "em"}, {"li", KEEP, "li"}, {"main", RENAME, "section"}, {"meta", HIDE, NULL},
    {"ol", KEEP, "ol"}, {"p", KEEP, "p"}, {"pre", KEEP, "pre"}, {"section", KEEP, "section"},
    {"span", KEEP, "span"}, {"strong", KEEP, "strong"}, {"table", KEEP, "table"},
    {"tbody", KEEP, "tbody"}, {"td", KEEP, "td"}, {"th", KEEP, "th"}, {"thead", KEEP, "thead"},
    {"title", HIDE, NULL}, {"tr", KEEP, "tr"}, {"u", KEEP, "u"}, {"ul", KEEP, "ul"},
    /* Dropped with their content: scripts, embedded documents, media, forms. */
    {"applet", DROP, NULL}, {"audio", DROP, NULL}, {"base", DROP, NULL}, {"button", DROP, NULL},
    {"canvas", DROP, NULL}, {"embed", DROP, NULL}, {"form", DROP, NULL}, {"frame", DROP, NULL},
    {"frameset", DROP, NULL}, {"iframe", DROP, NULL}, {"img", DROP, NULL}, {"input", DROP, NULL},
    {"link", DROP, NULL}, {"math", DROP, NULL}, {"noembed", DROP, NULL},
    {"noframes", DROP, NULL}, {"noscript", DROP, NULL}, {"object", DROP, NULL},
    {"script", DROP, NULL}, {"select", DROP, NULL}, {"style", DROP, NULL}, {"svg", DROP, NULL},
    {"template", DROP, NULL}, {"textarea", DROP, NULL}, {"video", DROP, NULL},
    {"xmp", DROP, NULL},
};

static const char *const void_elements[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                            "input", "link", "meta", "param", "source",
                                            "track", "wbr"};
static const char *const raw_elements[] = {"iframe", "noembed", "noframes", "noscript", "script",
                                           "style", "textarea", "title", "xmp"};

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}
#define IN_LIST(name, list) in_list(name, list, sizeof list / sizeof list[0])

static enum action lookup(const char *name, const char **out)
{
    for (size_t i = 0; i < sizeof elements / sizeof elements[0]; i++)
        if (strcmp(name, elements[i].name) == 0) {
            *out = elements[i].out;
            return elements[i].act;
        }
    *out = NULL;
    return STRIP;
}

struct san {
    struct qx_buf *out;
    const char *file;
    struct qx_linemap lm;
    struct qx_diags *d;
    struct html_lexer lx;
    const char *stack[QX_PREVIEW_MAX_DEPTH];
    size_t depth;
    int require_indent;
    /* The paragraph whose first text decides its indent. */
    int para_open, para_indent, para_seen;
    size_t para_pos, para_depth;
    struct qx_strvec dropped;
    struct qx_buf decoded;
};

static void warn(struct san *s, size_t pos, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn(struct san *s, size_t pos, const char *rule, const char *fmt, ...)
{
    unsigned line, col;
    qx_linemap_pos(&s->lm, pos, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(s->d, s->file, line, col, QX_SEV_WARNING, rule, fmt, ap);
    va_end(ap);
    g->byte = pos;
}

static void add_escaped_attr(struct qx_buf *b, const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (v[i]) {
        case '&': qx_buf_adds(b, "&amp;"); break;
        case '"': qx_buf_adds(b, "&quot;"); break;
        case '<': qx_buf_adds(b, "&lt;"); break;
        case '>': qx_buf_adds(b, "&gt;"); break;
        default: qx_buf_addc(b, v[i]);
        }
    }
}

/* Decoded copy of an attribute value, in s->decoded. */
static const char *decode(struct san *s, const struct html_attr *a, size_t *n)
{
    qx_buf_reset(&s->decoded);
    qx_buf_add(&s->decoded, a->val ? a->val : "", a->val ? a->val_len : 0);
    *n = html_decode_attr(s->decoded.data, s->decoded.data, s->decoded.len);
    return s->decoded.data;
}

/* The attributes of a kept element: style filtered, an https href on <a>. */
static void emit_attrs(struct san *s, const struct html_tok *t, const char *out_name, int *indent)
{
    struct qx_buf style;
    qx_buf_init(&style);
    for (size_t i = 0; i < t->nattrs; i++) {
        const struct html_attr *a = &t->attrs[i];
        size_t n;
        if (html_ieq(a->name, a->name_len, "style")) {
            const char *v = decode(s, a, &n);
            qx_strvec_release(&s->dropped);
            qx_preview_style(&style, v, n, indent, &s->dropped);
            for (size_t k = 0; k < s->dropped.n; k++)
                warn(s, a->pos, "preview.dropped",
                     "dropped style property '%s' of <%s> (the WeChat editor does not keep it)",
                     s->dropped.items[k], t->name);
        } else if (html_ieq(a->name, a->name_len, "href") && strcmp(out_name, "a") == 0) {
            const char *v = decode(s, a, &n);
            if (n > 8 && html_ieq(v, 8, "https://")) {
                qx_buf_adds(s->out, " href=\"");
                add_escaped_attr(s->out, v, n);
                qx_buf_addc(s->out, '"');
            } else {
                warn(s, a->pos, "preview.dropped", "dropped href of <a>: only https links are kept");
            }
        } else {
            warn(s, a->pos, "preview.dropped",
                 "dropped attribute '%.*s' of <%s> (the WeChat editor keeps only style)",
                 (int)(a->name_len > 64 ? 64 : a->name_len), a->name, t->name);
        }
    }
    if (t->extra_attrs)
        warn(s, t->pos, "preview.dropped", "dropped %zu more attributes of <%s>", t->extra_attrs,
             t->name);
    if (style.len) {
        qx_buf_adds(s->out, " style=\"");
        add_escaped_attr(s->out, style.data, style.len);
        qx_buf_addc(s->out, '"');
    }
    qx_buf_release(&style);
}

static void close_to(struct san *s, size_t depth)
{
    while (s->depth > depth) {
        s->depth--;
        qx_buf_addf(s->out, "</%s>", s->stack[s->depth]);
        if (s->para_open && s->depth < s->para_depth)
            s->para_open = 0;
    }
}

static int start_tag(struct san *s, const struct html_tok *t)
{
    const char *out_name = NULL;
    enum action act = t->name[0] ? lookup(t->name, &out_name) : STRIP;
    int is_void = IN_LIST(t->name, void_elements);
    if (act == HIDE || act == DROP) {
        if (act == DROP && strcmp(t->name, "img") == 0)
            warn(s, t->pos, "preview.dropped",
                 "dropped <img> (the preview loads nothing; add images in the WeChat editor)");
        else if (act == DROP)
            warn(s, t->pos, "preview.dropped", "dropped <%s>%s (the WeChat editor removes it)",
                 t->name, is_void ? "" : " and its content");
        if (IN_LIST(t->name, raw_elements)) {
            html_skip_raw(&s->lx, t->name);
        } else if (!is_void && !t->self_closing) {
            /* Skip to the matching end tag, counting nested ones. */
            size_t nest = 1;
            struct html_tok u;
            while (nest) {
                html_next(&s->lx, &u);
                if (u.kind == HTML_EOF)
                    break;
                if (u.kind == HTML_START && strcmp(u.name, t->name) == 0 && !u.self_closing)
                    nest++;
                else if (u.kind == HTML_END && strcmp(u.name, t->name) == 0)
                    nest--;
            }
        }
        return 0;
    }
    if (act == UNWRAP)
        return 0;
    if (act == STRIP) {
        warn(s, t->pos, "preview.dropped",
             "dropped the <%s> tag and kept its text (the WeChat editor does not keep it)",
             t->name[0] ? t->name : "?");
        return 0;
    }
    if (!is_void && s->depth >= QX_PREVIEW_MAX_DEPTH) {
        unsigned line, col;
        qx_linemap_pos(&s->lm, t->pos, &line, &col);
        qx_diags_add(s->d, s->file, line, col, QX_SEV_ERROR, "preview.depth",
                     "elements nested deeper than %d", QX_PREVIEW_MAX_DEPTH);
        return QX_EINPUT;
    }
    int indent = 0;
    qx_buf_addf(s->out, "<%s", out_name);
    emit_attrs(s, t, out_name, &indent);
    qx_buf_addc(s->out, '>');
    if (is_void)
        return 0;
    s->stack[s->depth++] = out_name;
    if (strcmp(out_name, "p") == 0) {
        s->para_open = 1;
        s->para_indent = indent;
        s->para_seen = 0;
        s->para_pos = t->pos;
        s->para_depth = s->depth;
    }
    if (t->self_closing)
        close_to(s, s->depth - 1);
    return 0;
}

static void end_tag(struct san *s, const struct html_tok *t)
{
    const char *out_name = NULL;
    enum action act = t->name[0] ? lookup(t->name, &out_name) : STRIP;
    if (act != KEEP && act != RENAME)
        return;
    for (size_t k = s->depth; k > 0; k--)
        if (strcmp(s->stack[k - 1], out_name) == 0) {
            close_to(s, k - 1);
            return;
        }
}

/* Counts leading U+3000, written literally or as a character reference. */
static unsigned ideographic_spaces(const char *p, size_t n)
{
    static const char *const forms[] = {"\xE3\x80\x80", "&#12288;", "&#x3000;", "&#X3000;"};
    unsigned count = 0;
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        for (; k < sizeof forms / sizeof forms[0]; k++) {
            size_t m = strlen(forms[k]);
            if (n - i >= m && memcmp(p + i, forms[k], m) == 0) {
                i += m;
                count++;
                break;
            }
        }
        if (k == sizeof forms / sizeof forms[0])
            break;
    }
    return count;
}

static void text(struct san *s, const struct html_tok *t)
{
    const char *p = s->lx.s + t->pos;
    size_t n = t->len;
    /* White space between document-level tags (<html>, <head> ...) is noise. */
    if (s->depth == 0 && strspn(p, " \t\r\n") >= n)
        return;
    /* Only a text token's first byte can be '<' (one that starts no tag). */
    if (*p == '<') {
        qx_buf_adds(s->out, "&lt;");
        qx_buf_add(s->out, p + 1, n - 1);
    } else {
        qx_buf_add(s->out, p, n);
    }
    if (!s->para_open || s->para_seen || !s->require_indent)
        return;
    while (n && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) {
        p++;
        n--;
    }
    if (n == 0)
        return;
    s->para_seen = 1;
    if (!s->para_indent && ideographic_spaces(p, n) < 2)
        warn(s, s->para_pos, "preview.indent",
             "paragraph has no first-line indent; the skill asks for two full-width spaces "
             "or text-indent:2em");
}

static int sanitize(struct san *s)
{
    struct html_tok t;
    for (;;) {
        html_next(&s->lx, &t);
        switch (t.kind) {
        case HTML_EOF: close_to(s, 0); return 0;
        case HTML_TEXT: text(s, &t); break;
        case HTML_START: {
            int err = start_tag(s, &t);
            if (err)
                return err;
            break;
        }
        case HTML_END: end_tag(s, &t); break;
        case HTML_SKIP: break;
        }
    }
}

static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"qexplain preview\">\n";

static const char page_style[] =
    "<style>\n"
    "html{background:#ededed;}\n"
    "body{margin:0;}\n"
    "#qx-phone{box-sizing:border-box;width:375px;max-width:100%;min-height:100vh;"
    "margin:0 auto;padding:20px 16px;background:#ffffff;color:#333333;font-size:17px;"
    "line-height:1.6;overflow-wrap:break-word;font-family:-apple-system,BlinkMacSystemFont,"
    "\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",sans-serif;}\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<div id=\"qx-phone\">\n";

static const char page_tail[] = "\n</div>\n</body>\n</html>\n";

int qx_preview_page(struct qx_buf *out, const char *file, const char *html, size_t len,
                    const struct qx_preview_opts *opts, struct qx_diags *d)
{
    if (len > QX_PREVIEW_MAX_BYTES) {
        qx_diags_add(d, file, 0, 0, QX_SEV_ERROR, "preview.size",
                     "article is larger than %zu MiB", QX_PREVIEW_MAX_BYTES >> 20);
        return QX_ELIMIT;
    }
    struct san s = {.file = file, .d = d, .lx = {.s = html, .len = len},
                    .require_indent = opts && opts->require_indent};
    qx_linemap_init(&s.lm, html, len);
    size_t bad;
    if (!qx_text_utf8_valid(html, len, &bad)) {
        unsigned line, col;
        qx_linemap_pos(&s.lm, bad, &line, &col);
        qx_diags_add(d, file, line, col, QX_SEV_ERROR, "encoding", "invalid UTF-8 byte 0x%02X",
                     (unsigned char)html[bad]);
        qx_linemap_release(&s.lm);
        return QX_EINPUT;
    }
    struct qx_buf body;
    qx_buf_init(&body);
    qx_buf_init(&s.decoded);
    qx_strvec_init(&s.dropped);
    s.out = &body;
    int err = sanitize(&s);
    if (!err) {
        const char *title = opts && opts->title ? opts->title : "qexplain preview";
        qx_buf_adds(out, page_head);
        qx_buf_adds(out, "<title>");
        add_escaped_attr(out, title, strlen(title));
        qx_buf_adds(out, "</title>\n");
        qx_buf_adds(out, page_style);
        qx_buf_add(out, body.data, body.len);
        qx_buf_adds(out, page_tail);
    }
    qx_strvec_release(&s.dropped);
    qx_buf_release(&s.decoded);
    qx_buf_release(&body);
    qx_linemap_release(&s.lm);
    return err;
}
