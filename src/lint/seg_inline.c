/* seg_inline: the Markdown inside a line — code spans, links, images,
 * autolinks, bold and italic markers — and HTML comments anywhere; marks
 * their bytes in the document mask and records them for the markdown rule.
 * Every closer is looked for within MD_REACH bytes, so an unclosed marker
 * costs a bounded scan (linear on any input). Depends on the document model. */
#include <string.h>

#include "lint_int.h"

void lx_md_add(struct lx_doc *d, enum lx_md_kind k, size_t s, size_t e, size_t is, size_t ie)
{
    d->md = qx_grow(d->md, &d->md_cap, d->nmd + 1, sizeof *d->md);
    struct lx_md *m = &d->md[d->nmd++];
    m->kind = k;
    m->start = s;
    m->end = e;
    m->inner_start = is;
    m->inner_end = ie;
    m->level = 0;
}

void lx_mark(struct lx_doc *d, size_t s, size_t e, unsigned char m)
{
    if (e > s)
        memset(d->mask + s, m, e - s);
}

#define MD_REACH 4096

/* Inline Markdown on one text line: code spans, images, links, autolinks,
 * bold and italic markers. */
void lx_inline_md(struct lx_doc *d, size_t s, size_t e)
{
    const char *t = d->t;
    for (size_t i = s; i < e; i++) {
        if (d->mask[i] != LX_M_PROSE)
            continue;
        char c = t[i];
        if (c == '`') {
            size_t k = i;
            while (k < e && t[k] == '`')
                k++;
            size_t run = k - i;
            const char *close = NULL;
            /* closers are looked for within MD_REACH bytes: an unclosed
             * marker costs a bounded scan, never the rest of a long line */
            for (size_t j = k; j + run <= e && j < k + MD_REACH; j++) {
                if (t[j] == '`') {
                    size_t r = j;
                    while (r < e && t[r] == '`')
                        r++;
                    if (r - j == run) {
                        close = t + j;
                        break;
                    }
                    j = r;
                }
            }
            if (!close) {
                i = k - 1;
                continue;
            }
            size_t cs = (size_t)(close - t);
            lx_md_add(d, LX_MD_CODE, i, cs + run, k, cs);
            lx_mark(d, i, k, LX_M_MARK);
            lx_mark(d, k, cs, LX_M_CODE);
            lx_mark(d, cs, cs + run, LX_M_MARK);
            i = cs + run - 1;
        } else if ((c == '[' || (c == '!' && i + 1 < e && t[i + 1] == '['))) {
            size_t lb = c == '!' ? i + 1 : i;
            size_t j = lb + 1;
            while (j < e && j < lb + MD_REACH && t[j] != ']' && t[j] != '[')
                j++;
            if (j + 1 >= e || t[j] != ']' || t[j + 1] != '(')
                continue;
            size_t k = j + 2;
            while (k < e && k < j + MD_REACH && t[k] != ')' && t[k] != ' ')
                k++;
            if (k >= e || t[k] != ')')
                continue;
            lx_md_add(d, c == '!' ? LX_MD_IMAGE : LX_MD_LINK, i, k + 1, lb + 1, j);
            if (c == '!')
                lx_mark(d, i, k + 1, LX_M_URL);
            else {
                lx_mark(d, i, lb + 1, LX_M_MARK);
                lx_mark(d, j, j + 2, LX_M_MARK);
                lx_mark(d, j + 2, k, LX_M_URL);
                lx_mark(d, k, k + 1, LX_M_MARK);
            }
            i = c == '!' ? k : lb;
        } else if (c == '<' && i + 8 < e &&
                   (memcmp(t + i + 1, "http://", 7) == 0 || memcmp(t + i + 1, "https://", 8) == 0)) {
            size_t k = i + 1;
            while (k < e && t[k] != '>' && t[k] != ' ')
                k++;
            if (k < e && t[k] == '>') {
                lx_md_add(d, LX_MD_AUTOLINK, i, k + 1, i + 1, k);
                lx_mark(d, i, k + 1, LX_M_URL);
                i = k;
            }
        } else if ((c == '*' || c == '_') && i + 1 < e && t[i + 1] == c) {
            /* **bold** / __bold__: the closing pair on the same line, with
             * no space just inside either marker. */
            size_t k = i + 2;
            /* A longer run (***, ____) is not a bold marker: treating it as
             * one would let --fix peel it two characters per pass. */
            if (k >= e || t[k] == ' ' || t[k] == c || (i > s && t[i - 1] == c))
                continue;
            size_t j = k;
            while (j + 1 < e && j < k + MD_REACH && !(t[j] == c && t[j + 1] == c && d->mask[j] == LX_M_PROSE))
                j++;
            if (j + 1 >= e || j >= k + MD_REACH || j == k || t[j - 1] == ' ' || t[j - 1] == c ||
                (j + 2 < e && t[j + 2] == c))
                continue;
            if (c == '_' && ((i > s && lx_is_ascii_alnum((unsigned char)t[i - 1])) ||
                             (j + 2 < e && lx_is_ascii_alnum((unsigned char)t[j + 2]))))
                continue;
            lx_md_add(d, LX_MD_BOLD, i, j + 2, k, j);
            lx_mark(d, i, k, LX_M_MARK);
            lx_mark(d, j, j + 2, LX_M_MARK);
            i = k - 1;
        } else if (c == '*' && i + 1 < e && t[i + 1] != ' ' && t[i + 1] != '*' &&
                   !(i > s && t[i - 1] == '*')) {
            size_t j = i + 1;
            while (j < e && j < i + MD_REACH && !(t[j] == '*' && d->mask[j] == LX_M_PROSE))
                j++;
            if (j >= e || j >= i + MD_REACH || t[j - 1] == ' ' || (j + 1 < e && t[j + 1] == '*'))
                continue;
            lx_md_add(d, LX_MD_ITALIC, i, j + 1, i + 1, j);
            lx_mark(d, i, i + 1, LX_M_MARK);
            lx_mark(d, j, j + 1, LX_M_MARK);
        }
    }
}

void lx_comments(struct lx_doc *d)
{
    const char *t = d->t;
    size_t i = d->base;
    while (i + 4 <= d->len) {
        const char *p = memchr(t + i, '<', d->len - i);
        if (!p)
            break;
        size_t s = (size_t)(p - t);
        if (s + 4 > d->len || memcmp(p, "<!--", 4) != 0 || d->mask[s] != LX_M_PROSE) {
            i = s + 1;
            continue;
        }
        size_t e = d->len;
        for (size_t j = s + 4; j + 3 <= d->len; j++) {
            if (t[j] == '-' && memcmp(t + j, "-->", 3) == 0) {
                e = j + 3;
                break;
            }
        }
        lx_mark(d, s, e, LX_M_COMMENT);
        d->comments = qx_grow(d->comments, &d->comments_cap, d->ncomments + 1, sizeof *d->comments);
        struct lx_comment *c = &d->comments[d->ncomments++];
        c->start = s;
        c->end = e;
        size_t ls = s;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        size_t le = e;
        while (le < d->len && t[le] != '\n')
            le++;
        c->alone = lx_blank_span(t, ls < d->base ? d->base : ls, s) && lx_blank_span(t, e, le);
        i = e;
    }
}
