/* r_structure: the article has the sections of the skill's
 * qexplain.sections, in order, each with the paragraphs, sentences,
 * questions (sentences ending in ？) and items (paragraphs whose start
 * matches a pattern) its `needs` ask for. Sections are found by their
 * heading lines; a section without a heading continues the previous one and
 * starts after that one's upper bound of paragraphs (docs/skill-format.md).
 * Figures per section are counted by numfmt's scanner. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"
#include "qexplain/numfmt.h"

/* The heading text without indentation, '#' markers, '**' and trailing space. */
static void heading_text(const struct lx_doc *d, const struct lx_block *b, size_t *s, size_t *e)
{
    const char *t = d->t;
    size_t i = b->start, j = b->end;
    while (i < j && (t[i] == ' ' || t[i] == '#' || t[i] == '*' || t[i] == '\t'))
        i++;
    while (i + 3 <= j && memcmp(t + i, "\xE3\x80\x80", 3) == 0)
        i += 3;
    while (j > i && (t[j - 1] == ' ' || t[j - 1] == '*' || t[j - 1] == '\t' || t[j - 1] == '#'))
        j--;
    *s = i;
    *e = j;
}

static int heading_is(const struct lx_doc *d, const struct lx_block *b, const char *h)
{
    size_t s, e;
    heading_text(d, b, &s, &e);
    return strlen(h) == e - s && memcmp(d->t + s, h, e - s) == 0;
}

static char *range_text(const struct qx_lint_range *r)
{
    if (r->hi == UINT_MAX)
        return qx_asprintf("at least %u", r->lo);
    if (r->lo == r->hi)
        return qx_asprintf("exactly %u", r->lo);
    return qx_asprintf("%u to %u", r->lo, r->hi);
}

static int in_range(const struct qx_lint_range *r, size_t v)
{
    return !r->set || (v >= r->lo && v <= r->hi);
}

struct span {
    size_t b0, b1;    /* paragraph blocks [b0, b1) */
    size_t at, atlen; /* where to report */
};

static void check_count(struct lx_doc *d, const struct span *sp, const struct qx_lint_section *sec,
                        const struct qx_lint_range *r, size_t v, const char *what)
{
    if (in_range(r, v))
        return;
    char *want = range_text(r);
    lx_report(d, QX_R_STRUCTURE, sp->at, sp->atlen, NULL, "section '%s' has %zu %s; skill '%s' requires %s", sec->id,
              v, what, d->o->skill_name ? d->o->skill_name : "?", want);
    free(want);
}

/* Figures of the paragraphs [b0, b1): counted by the figure rule when it
 * ran, else scanned here. */
static size_t count_figures(const struct lx_doc *d, size_t b0, size_t b1)
{
    size_t count = 0;
    struct qx_figure *figs = NULL;
    size_t cap = 0;
    for (size_t bi = b0; bi < b1; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading)
            continue;
        if (d->block_figs) {
            count += d->block_figs[bi];
            continue;
        }
        size_t n = 0;
        qx_numfmt_scan(d->t + b->start, b->end - b->start, &figs, &n, &cap);
        for (size_t i = 0; i < n; i++)
            if (!qx_figure_exempt(&figs[i]) && lx_prose(d, b->start + figs[i].byte))
                count++;
    }
    free(figs);
    return count;
}

static void check_section(struct lx_doc *d, const struct qx_lint_section *sec, const struct span *sp)
{
    size_t paras = 0, sents = 0, questions = 0, items = 0;
    struct qx_rx *rx = NULL;
    if (sec->items.set && sec->items_pattern && qx_rx_compile(&rx, sec->items_pattern, 0, "skill", d->err))
        d->failed = 1;
    for (size_t bi = sp->b0; bi < sp->b1; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading)
            continue;
        paras++;
        sents += b->nsent;
        for (size_t k = 0; k < b->nsent; k++)
            questions += d->sents[b->sent0 + k].question;
        if (rx) {
            size_t ts = lx_block_text_start(d, b), ms, me;
            if (qx_rx_find(rx, d->t + ts, b->end - ts, 0, &ms, &me) == 1 && ms == 0)
                items++;
        }
    }
    check_count(d, sp, sec, &sec->paragraphs, paras, "paragraphs");
    check_count(d, sp, sec, &sec->sentences, sents, "sentences");
    check_count(d, sp, sec, &sec->questions, questions, "questions (sentences ending in ？)");
    if (sec->items.set) {
        char *what = qx_asprintf("paragraphs starting with '%s'", sec->items_pattern);
        check_count(d, sp, sec, &sec->items, items, what);
        free(what);
    }
    if (sec->figures.set && sp->b1 > sp->b0)
        check_count(d, sp, sec, &sec->figures, count_figures(d, sp->b0, sp->b1), "figures");
    qx_rx_free(rx);
}

void lx_rules_structure(struct lx_doc *d)
{
    const struct qx_lint_sections *ss = d->o->sections;
    if (!lx_on(d, QX_R_STRUCTURE) || !ss || !ss->n)
        return;
    const char *skill = d->o->skill_name ? d->o->skill_name : "?";
    size_t next = 0; /* next skill section expected */
    size_t *found = qx_malloc(ss->n * sizeof *found); /* heading block of each headed section */
    for (size_t i = 0; i < ss->n; i++)
        found[i] = SIZE_MAX;
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (!b->heading || b->title)
            continue;
        size_t k = next;
        while (k < ss->n && !(ss->v[k].heading && heading_is(d, b, ss->v[k].heading)))
            k++;
        if (k == ss->n) {
            size_t hs, he;
            heading_text(d, b, &hs, &he);
            char *q = lx_quote(d, hs, he - hs);
            size_t want = next;
            while (want < ss->n && !ss->v[want].heading)
                want++;
            if (want < ss->n)
                lx_report(d, QX_R_STRUCTURE, b->start, b->end - b->start, ss->v[want].heading,
                          "heading '%s' is not the next section of skill '%s'; expected '%s'", q, skill,
                          ss->v[want].heading);
            else
                lx_report(d, QX_R_STRUCTURE, b->start, b->end - b->start, NULL,
                          "heading '%s' is not a section of skill '%s'", q, skill);
            free(q);
            continue;
        }
        for (size_t m = next; m < k; m++)
            if (ss->v[m].heading && !ss->v[m].optional)
                lx_report(d, QX_R_STRUCTURE, b->start, 0, NULL, "missing section '%s' before this heading", ss->v[m].heading);
        found[k] = bi;
        next = k + 1;
    }
    for (size_t m = next; m < ss->n; m++)
        if (ss->v[m].heading && !ss->v[m].optional)
            lx_report(d, QX_R_STRUCTURE, d->len, 0, NULL, "missing section '%s' required by skill '%s'",
                      ss->v[m].heading, skill);

    /* check each group: a headed section (or the preamble) and the headless
     * sections after it */
    for (size_t g = 0; g < ss->n;) {
        size_t ge = g + 1;
        while (ge < ss->n && !ss->v[ge].heading)
            ge++;
        struct span sp;
        if (ss->v[g].heading) {
            if (found[g] == SIZE_MAX) {
                g = ge;
                continue;
            }
            sp.b0 = found[g] + 1;
            sp.at = d->blocks[found[g]].start;
            sp.atlen = d->blocks[found[g]].end - sp.at;
        } else {
            sp.b0 = 0;
            sp.at = d->base;
            sp.atlen = 0;
        }
        size_t end = sp.b0;
        while (end < d->nblocks && !(d->blocks[end].heading && !d->blocks[end].title))
            end++;
        /* split the paragraphs among the group's sections */
        for (size_t k = g; k < ge; k++) {
            const struct qx_lint_section *sec = &ss->v[k];
            size_t left = end > sp.b0 ? end - sp.b0 : 0;
            size_t take = left;
            if (k + 1 < ge) {
                size_t followers = ge - k - 1;
                take = sec->paragraphs.set && sec->paragraphs.hi != UINT_MAX ? sec->paragraphs.hi
                                                                            : (left > followers ? left - followers : 0);
                if (take > left)
                    take = left;
            }
            sp.b1 = sp.b0 + take;
            if (k > g) {
                sp.at = sp.b0 < d->nblocks ? d->blocks[sp.b0].start : d->len;
                sp.atlen = 0;
                if (take == 0 && !sec->optional) {
                    lx_report(d, QX_R_STRUCTURE, sp.at, 0, NULL, "missing section '%s' required by skill '%s'",
                              sec->id, skill);
                    continue;
                }
            }
            check_section(d, sec, &sp);
            sp.b0 = sp.b1;
        }
        g = ge;
    }
    free(found);
}
