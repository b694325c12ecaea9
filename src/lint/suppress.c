/* suppress: inline suppressions in HTML comments.
 *   <!-- qexplain-disable RULE[,RULE...] 原因 -->            alone on a line: until
 *        a matching <!-- qexplain-enable RULE --> or the end of the file;
 *        after text on a line: that line only
 *   <!-- qexplain-disable-next-line RULE[,RULE...] 原因 -->  the next text line
 * A suppression without a reason, naming an unknown rule, or suppressing
 * nothing (while its rule is on) is itself a finding of rule "suppression".
 * Depends on the document model only. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

static size_t trim_left(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\n' || t[s] == '\r'))
        s++;
    return s;
}

static size_t trim_right(const char *t, size_t s, size_t e)
{
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n' || t[e - 1] == '\r'))
        e--;
    return e;
}

static size_t line_of(const struct lx_doc *d, size_t byte)
{
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid].start <= byte)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void add_supp(struct lx_doc *d, int rule, size_t from, size_t to, const struct lx_comment *c)
{
    d->supp = qx_grow(d->supp, &d->supp_cap, d->nsupp + 1, sizeof *d->supp);
    struct lx_supp *s = &d->supp[d->nsupp++];
    s->rule = rule;
    s->from = from;
    s->to = to;
    s->cstart = c->start;
    s->cend = c->end;
    s->used = 0;
}

static void directive(struct lx_doc *d, const struct lx_comment *c)
{
    const char *t = d->t;
    size_t s = trim_left(t, c->start + 4, c->end);
    size_t e = c->end >= c->start + 7 ? trim_right(t, s, c->end - 3) : s;
    static const char prefix[] = "qexplain-";
    if (e - s < sizeof prefix - 1 || memcmp(t + s, prefix, sizeof prefix - 1) != 0)
        return;
    size_t w = s;
    while (w < e && t[w] != ' ' && t[w] != '\t')
        w++;
    size_t kw = s + sizeof prefix - 1;
    enum { DISABLE, NEXT_LINE, ENABLE } kind;
    if (w - kw == 7 && memcmp(t + kw, "disable", 7) == 0)
        kind = DISABLE;
    else if (w - kw == 17 && memcmp(t + kw, "disable-next-line", 17) == 0)
        kind = NEXT_LINE;
    else if (w - kw == 6 && memcmp(t + kw, "enable", 6) == 0)
        kind = ENABLE;
    else {
        char *q = lx_quote(d, s, w - s);
        lx_report(d, QX_R_SUPPRESSION, c->start, c->end - c->start, NULL,
                  "unknown directive '%s'; use qexplain-disable, qexplain-disable-next-line or qexplain-enable", q);
        free(q);
        return;
    }
    size_t rs = trim_left(t, w, e), re = rs;
    while (re < e && t[re] != ' ' && t[re] != '\t')
        re++;
    size_t reason = trim_left(t, re, e);
    if (rs == re) {
        lx_report(d, QX_R_SUPPRESSION, c->start, c->end - c->start, NULL, "suppression names no rule");
        return;
    }
    if (kind != ENABLE && reason >= e)
        lx_report(d, QX_R_SUPPRESSION, c->start, c->end - c->start, NULL,
                  "suppression has no reason; write one after the rule id");
    /* the span the suppression covers */
    size_t li = line_of(d, c->start);
    size_t from = 0, to = 0;
    if (kind == NEXT_LINE) {
        size_t lj = line_of(d, c->end > c->start ? c->end - 1 : c->end) + 1;
        while (lj < d->nlines && (d->lines[lj].kind == LX_L_BLANK || d->lines[lj].kind == LX_L_COMMENT))
            lj++;
        if (lj < d->nlines) {
            from = d->lines[lj].start;
            to = d->lines[lj].next;
        }
    } else if (kind == DISABLE && !c->alone) {
        from = d->lines[li].start;
        to = d->lines[li].next > d->lines[li].end ? d->lines[li].next : d->lines[li].end + 1;
    } else if (kind == DISABLE) {
        from = c->end;
        to = d->len + 1;
    }
    for (size_t p = rs; p < re;) {
        size_t q = p;
        while (q < re && t[q] != ',')
            q++;
        char *id = qx_strndup(t + p, q - p);
        int r = strcmp(id, "all") == 0 ? -1 : qx_lint_rule_find(id);
        if (r < 0 && strcmp(id, "all") != 0) {
            lx_report(d, QX_R_SUPPRESSION, c->start, c->end - c->start, NULL, "suppression names unknown rule '%s'",
                      id);
        } else if (kind == ENABLE) {
            for (size_t k = 0; k < d->nsupp; k++)
                if (d->supp[k].rule == r && d->supp[k].to == d->len + 1 && d->supp[k].from <= c->start)
                    d->supp[k].to = c->start;
        } else if (to > from) {
            add_supp(d, r, from, to, c);
        }
        free(id);
        p = q + 1;
    }
}

void lx_suppress_parse(struct lx_doc *d)
{
    for (size_t i = 0; i < d->ncomments; i++)
        directive(d, &d->comments[i]);
}

void lx_suppress_apply(struct lx_doc *d, size_t first)
{
    if (!d->nsupp)
        return;
    struct qx_diags *o = d->out;
    size_t w = first;
    for (size_t i = first; i < o->n; i++) {
        struct qx_diag *g = &o->items[i];
        int drop = 0;
        int r = qx_lint_rule_find(g->rule);
        if (r != QX_R_SUPPRESSION && r != QX_R_ENCODING) {
            for (size_t k = 0; k < d->nsupp; k++) {
                struct lx_supp *s = &d->supp[k];
                if ((s->rule == -1 || s->rule == r) && g->byte >= s->from && g->byte < s->to) {
                    s->used = 1;
                    drop = 1;
                }
            }
        }
        if (drop) {
            free(g->file);
            free(g->rule);
            free(g->message);
            free(g->fix);
            free(g->fingerprint);
        } else {
            o->items[w++] = *g;
        }
    }
    o->n = w;
    for (size_t k = 0; k < d->nsupp; k++) {
        struct lx_supp *s = &d->supp[k];
        if (s->used || (s->rule >= 0 && !lx_on(d, (enum qx_lint_rule)s->rule)))
            continue;
        lx_report(d, QX_R_SUPPRESSION, s->cstart, s->cend - s->cstart, NULL,
                  "suppression of '%s' matches no finding; remove it",
                  s->rule >= 0 ? qx_lint_rule_info((enum qx_lint_rule)s->rule)->id : "all");
    }
}
