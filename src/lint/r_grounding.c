/* r_grounding: named sources (sources.known) and, through numfmt's figure
 * tracer, figures (figures.traceable). A named report, audit, standard,
 * publication or institution is known when one of its Latin words (three
 * letters or more) occurs in the title, authors, venue or URL of a fact's
 * source, or when the whole name occurs in a fact's Chinese claim or caveat.
 * Unnamed reports ("一份报告显示") are findings too: the reader cannot check
 * them. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint_int.h"
#include "qexplain/figures.h"

static const char std_rx[] = "(?:GB/T|GB|ISO/IEC|ISO|IEEE)[ ]?[0-9][0-9.\\-]*";
static const char book_rx[] = "《([^》\\n]{1,60})》";
/* Both patterns start at a fixed word; the name before it is found by a
 * bounded backward scan (no unbounded lazy prefix in the pattern). */
static const char says_rx[] = "(?:报告|白皮书|审计|调查|评测|研究|日志)(?:结果)?(?:显示|指出|发现|称|表明|认为)";
static const char inst_rx[] = "研究院|研究所|测试中心|检测中心|委员会|协会|联盟|信通院|CAICT|NIAQC";
static const char book_kinds[] = "报告|白皮书|标准|指南|规范|审计|论文|蓝皮书";

static int ci_contains(const char *hay, const char *needle, size_t nn)
{
    if (!hay)
        return 0;
    size_t hn = strlen(hay);
    for (size_t i = 0; i + nn <= hn; i++)
        if (strncasecmp(hay + i, needle, nn) == 0)
            return 1;
    return 0;
}

static int known(const struct lx_doc *d, size_t s, size_t e)
{
    const struct qx_facts *f = d->o->facts;
    const char *t = d->t;
    for (size_t i = s; i < e;) {
        if (!lx_is_ascii_alpha((unsigned char)t[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < e && lx_is_ascii_alnum((unsigned char)t[j]))
            j++;
        if (j - i >= 3) {
            for (size_t k = 0; k < f->n; k++) {
                const struct qx_fact_source *src = &f->facts[k].source;
                if (ci_contains(src->title, t + i, j - i) || ci_contains(src->authors, t + i, j - i) ||
                    ci_contains(src->venue, t + i, j - i) || ci_contains(src->url, t + i, j - i))
                    return 1;
            }
        }
        i = j;
    }
    char *name = qx_strndup(t + s, e - s);
    int hit = 0;
    for (size_t k = 0; k < f->n && !hit; k++)
        hit = (f->facts[k].claim_zh && strstr(f->facts[k].claim_zh, name)) ||
              (f->facts[k].caveat_zh && strstr(f->facts[k].caveat_zh, name));
    free(name);
    return hit;
}

static void report_source(struct lx_doc *d, size_t ms, size_t me, size_t ns, size_t ne, const char *kind)
{
    char *q = lx_quote(d, ms, me - ms);
    if (ne <= ns)
        lx_report(d, QX_R_SOURCES_KNOWN, ms, me - ms, NULL,
                  "'%s' cites an unnamed %s; cite a source that is in the fact base", q, kind);
    else if (!known(d, ns, ne))
        lx_report(d, QX_R_SOURCES_KNOWN, ms, me - ms, NULL,
                  "%s '%s' is not a source in the fact base; cite a fact's source or drop the claim", kind, q);
    free(q);
}

static int generic_name(const struct lx_doc *d, size_t s, size_t e)
{
    static const char *generic[] = {"一份", "一项", "某", "某份", "某项", "有", "相关", "最新", "内部", "据", "根据", "该", "这份", "这项", "多项", "多份", "一些"};
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
        if (strlen(generic[i]) == e - s && memcmp(d->t + s, generic[i], e - s) == 0)
            return 1;
    return 0;
}

/* Start of the name ending at e: up to max Han, Latin or digit characters,
 * stopping at punctuation, space or a block start. */
static size_t name_start(const struct lx_doc *d, size_t e, size_t max)
{
    size_t s = e, k = 0, ps;
    while (s > d->base && k < max) {
        uint32_t c = lx_cp_before(d->t, s, &ps);
        if (!(lx_is_han(c) || lx_is_ascii_alnum(c) || c == 0xB7) || !lx_prose(d, ps))
            break;
        s = ps;
        k++;
    }
    return s;
}

static void sources(struct lx_doc *d)
{
    struct qx_rx *rx;
    size_t ms, me, from, g0, g1;
    rx = lx_rx(d, std_rx, 0);
    for (from = d->base; lx_find(d, rx, from, d->len, &ms, &me); from = me)
        report_source(d, ms, me, ms, me, "standard");
    rx = lx_rx(d, book_rx, 0);
    struct qx_rx *kinds = lx_rx(d, book_kinds, 0);
    for (from = d->base; lx_find(d, rx, from, d->len, &ms, &me); from = me) {
        size_t ks, ke;
        if (qx_rx_group(rx, 1, &g0, &g1) && qx_rx_find(kinds, d->t, g1, g0, &ks, &ke) == 1)
            report_source(d, ms, me, g0, g1, "publication");
    }
    /* spans of report findings, so that an institution inside one ("信通院
     * 报告显示") is not reported twice; bounded, matches come in order */
    size_t rep_s[64], rep_e[64], nrep = 0;
    rx = lx_rx(d, says_rx, 0);
    for (from = d->base; lx_find(d, rx, from, d->len, &ms, &me); from = me) {
        g1 = ms;
        if (g1 >= 3 && memcmp(d->t + g1 - 3, "的", 3) == 0)
            g1 -= 3;
        g0 = name_start(d, g1, 24);
        /* drop leading connectives: 据, 根据, 一份 ... */
        static const char *lead[] = {"根据", "据", "一份", "一项", "某份", "某项", "某", "该", "这份"};
        for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
            size_t ln = strlen(lead[i]);
            if (g1 - g0 >= ln && memcmp(d->t + g0, lead[i], ln) == 0) {
                g0 += ln;
                break;
            }
        }
        if (generic_name(d, g0, g1))
            g0 = g1;
        report_source(d, g0 < g1 ? g0 : ms, me, g0, g1, "report");
        if (nrep < 64) {
            rep_s[nrep] = g0 < g1 ? g0 : ms;
            rep_e[nrep++] = me;
        }
    }
    rx = lx_rx(d, inst_rx, 0);
    for (from = d->base; lx_find(d, rx, from, d->len, &ms, &me); from = me) {
        int whole = lx_is_ascii_alpha((unsigned char)d->t[ms]) || (me - ms == 9 && memcmp(d->t + ms, "信通院", 9) == 0);
        size_t ns = whole ? ms : name_start(d, ms, 12);
        if (ns == ms && !whole)
            continue; /* "委员会" alone names nobody */
        int inside = 0;
        for (size_t k = 0; k < nrep && !inside; k++)
            inside = ns >= rep_s[k] && me <= rep_e[k];
        if (inside)
            continue;
        report_source(d, ns, me, ns, me, "institution");
    }
}

/* figures.traceable: every figure of a block's prose, traced by numfmt's
 * index (one binary search each); the message names the nearest fact. */
static void figures(struct lx_doc *d)
{
    struct qx_figures_index *ix = qx_figures_index_new(d->o->facts);
    struct qx_figure *figs = NULL;
    size_t cap = 0;
    struct qx_buf msg;
    qx_buf_init(&msg);
    d->block_figs = qx_calloc(d->nblocks + 1, sizeof *d->block_figs);
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const struct lx_block *b = &d->blocks[bi];
        if (b->heading)
            continue;
        size_t n = 0;
        const char *base = d->t + b->start;
        qx_numfmt_scan(base, b->end - b->start, &figs, &n, &cap);
        for (size_t i = 0; i < n; i++) {
            const struct qx_figure *f = &figs[i];
            if (qx_figure_exempt(f) || !lx_prose(d, b->start + f->byte))
                continue;
            d->block_figs[bi]++; /* the structure rule counts them per section */
            struct qx_trace t;
            if (qx_trace_ok(qx_figures_index_trace(ix, f, &t)))
                continue;
            qx_buf_reset(&msg);
            qx_figures_message(&msg, base, f, &t);
            lx_report(d, QX_R_FIGURES_TRACEABLE, b->start + f->byte, f->len, NULL, "%s", msg.data);
        }
    }
    qx_buf_release(&msg);
    free(figs);
    qx_figures_index_free(ix);
}

void lx_rules_grounding(struct lx_doc *d)
{
    if (!d->o->facts)
        return;
    if (lx_on(d, QX_R_SOURCES_KNOWN))
        sources(d);
    if (lx_on(d, QX_R_FIGURES_TRACEABLE))
        figures(d);
}
