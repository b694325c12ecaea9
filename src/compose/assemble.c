/* assemble: turns the rendered text of one section into paragraphs. Splits
 * at blank lines, joins the lines of a paragraph, writes each glossary term
 * in its first-use form ("AWQ（激活感知权重量化）") or its later form, and
 * moves each figure marker into the paragraph's cites. Depends on facts and
 * text. Invariant: no marker byte and no other C0 control survives. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/text.h"

/* The glossary entry of a spelling: its term or one of its aliases. */
static const struct qx_gloss *gloss_of(const struct qx_facts *f, const char *spelling)
{
    for (size_t i = 0; i < f->ngloss; i++) {
        if (strcmp(f->gloss[i].term, spelling) == 0)
            return &f->gloss[i];
        if (qx_strvec_contains(&f->gloss[i].aliases, spelling))
            return &f->gloss[i];
    }
    return NULL;
}

const char *cx_term_note(const struct term_state *ts, const struct qx_gloss *g)
{
    for (size_t i = 0; ts->notes && i < ts->notes->n; i += 2)
        if (strcmp(ts->notes->items[i], g->term) == 0)
            return ts->notes->items[i + 1];
    return NULL;
}

static void write_term(struct qx_buf *out, const char *spelling, const struct qx_gloss *g,
                       struct term_state *ts)
{
    if (ts->mode == 1) {
        qx_buf_adds(out, g->label_zh);
        return;
    }
    qx_buf_adds(out, spelling);
    if (ts->mode == 2 || qx_strvec_contains(&ts->seen, g->term))
        return;
    qx_strvec_push(&ts->seen, g->term);
    const char *note = cx_term_note(ts, g);
    /* The English spelling helps only when it is short and plain. */
    int full = ts->form == TERMS_FULL_LABEL && g->full && g->full[0] && strcmp(g->full, g->term) != 0 &&
               strlen(g->full) <= 40 && !strchr(g->full, '(') && g->kind &&
               (strcmp(g->kind, "method") == 0 || strcmp(g->kind, "format") == 0);
    if (note)
        qx_buf_addf(out, "（%s）", note);
    else if (full)
        qx_buf_addf(out, "（%s，%s）", g->full, g->label_zh);
    else
        qx_buf_addf(out, "（%s）", g->label_zh);
}

static void para_cite(struct qx_para *p, const char *fact, size_t flen, const char *key, size_t klen,
                      const char *disp, size_t dlen)
{
    p->cites = qx_grow(p->cites, &p->cap, p->ncites + 1, sizeof *p->cites);
    struct qx_cite *c = &p->cites[p->ncites++];
    c->fact = qx_strndup(fact, flen);
    c->key = qx_strndup(key, klen);
    c->display = qx_strndup(disp, dlen);
    if (!qx_strvec_contains(&p->facts, c->fact))
        qx_strvec_push(&p->facts, c->fact);
}

static int broken(struct qx_diags *d, const char *where, const char *what)
{
    qx_diags_add(d, where, 0, 0, QX_SEV_ERROR, "template.marker", "%s in the rendered text", what);
    return QX_EINPUT;
}

/* Resolves the markers of one joined paragraph. */
static int resolve(struct qx_para *p, const char *s, size_t len, struct term_state *ts,
                   const struct qx_facts *f, const char *where, struct qx_diags *d)
{
    struct qx_buf out;
    qx_buf_init(&out);
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)TERM_OPEN) {
            const char *end = memchr(s + i, TERM_CLOSE, len - i);
            if (!end) {
                rc = broken(d, where, "an unterminated term marker");
                break;
            }
            char *spelling = qx_strndup(s + i + 1, (size_t)(end - s - i - 1));
            const struct qx_gloss *g = gloss_of(f, spelling);
            if (g)
                write_term(&out, spelling, g, ts);
            free(spelling);
            if (!g) {
                rc = broken(d, where, "a term missing from the glossary");
                break;
            }
            i = (size_t)(end - s) + 1;
        } else if (c == (unsigned char)FIG_OPEN) {
            const char *sep = memchr(s + i, FIG_SEP, len - i);
            const char *txt = sep ? memchr(sep, FIG_TEXT, len - (size_t)(sep - s)) : NULL;
            const char *end = txt ? memchr(txt, FIG_CLOSE, len - (size_t)(txt - s)) : NULL;
            if (!end) {
                rc = broken(d, where, "an unterminated figure marker");
                break;
            }
            para_cite(p, s + i + 1, (size_t)(sep - s - i - 1), sep + 1, (size_t)(txt - sep - 1),
                      txt + 1, (size_t)(end - txt - 1));
            qx_buf_add(&out, txt + 1, (size_t)(end - txt - 1));
            i = (size_t)(end - s) + 1;
        } else if (c < 0x20 || c == 0x7f) {
            rc = broken(d, where, "a control character");
        } else {
            qx_buf_addc(&out, (char)c);
            i++;
        }
    }
    if (rc == 0 && !qx_text_utf8_valid(out.data, out.len, NULL))
        rc = broken(d, where, "invalid UTF-8");
    p->text = qx_buf_detach(&out, NULL);
    return rc;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static int ascii_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Appends a trimmed line; a space only where two Latin words would touch. */
static void join_line(struct qx_buf *b, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n == 0)
        return;
    if (b->len && ascii_word(b->data[b->len - 1]) && ascii_word(s[0]))
        qx_buf_addc(b, ' ');
    qx_buf_add(b, s, n);
}

static int flush(struct qx_article_section *sec, struct qx_buf *raw, struct term_state *ts,
                 const struct qx_facts *f, const char *where, struct qx_diags *d)
{
    if (raw->len == 0)
        return 0;
    sec->paras = qx_grow(sec->paras, &sec->cap, sec->n + 1, sizeof *sec->paras);
    struct qx_para *p = &sec->paras[sec->n++];
    memset(p, 0, sizeof *p);
    qx_strvec_init(&p->facts);
    int rc = resolve(p, raw->data, raw->len, ts, f, where, d);
    qx_buf_reset(raw);
    return rc;
}

int cx_assemble(struct qx_article_section *sec, const char *text, size_t len, struct term_state *ts,
                const struct qx_facts *f, const char *where, struct qx_diags *d)
{
    struct qx_buf raw;
    qx_buf_init(&raw);
    int rc = 0;
    size_t i = 0;
    while (i < len && rc == 0) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - text - i) : len - i;
        if (is_blank(text + i, n))
            rc = flush(sec, &raw, ts, f, where, d);
        else
            join_line(&raw, text + i, n);
        i += n + 1;
    }
    if (rc == 0)
        rc = flush(sec, &raw, ts, f, where, d);
    qx_buf_release(&raw);
    return rc;
}
