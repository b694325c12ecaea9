/* figures: figure-to-fact tracing for the figures.traceable rule. Every
 * numeric fact value goes into a sorted list per unit family (and per
 * "per" part: ms/token, s/iter ...), converted to the family's base unit,
 * plus a "plain" list of the bare numbers a writer would print; a figure
 * is judged against the values within its rounding window found by binary
 * search. Depends on facts.h (struct fields only, no loader) and numfmt.
 * Invariants: the index borrows the facts; lookups never allocate; ties are
 * broken by fact order, then value order, so results are deterministic. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/figures.h"

/* Candidates judged per lookup: a bound on the work for coarse figures
 * ("约1000") against a crowded family. */
#define MAX_CANDIDATES 1024
/* Entries looked at on each side when naming the nearest value. */
#define NEAREST_WALK 32

struct entry {
    double v;     /* in the family's base unit, >= 0 */
    size_t order; /* fact index << 16 | value index */
    const struct qx_fact *fact;
    const struct qx_fact_value *val;
    int range_end;  /* 1, 2: lower, upper end of a "3-4" value */
    const char *zh; /* the value's unit word (numfmt's table) */
};

struct list {
    struct entry *e;
    size_t n, cap;
};

struct qx_figures_index {
    struct list lists[QX_FAM_COUNT_][QX_PER_COUNT_];
};

int qx_trace_ok(enum qx_trace_status s)
{
    return s == QX_TRACE_EXEMPT || s == QX_TRACE_EXACT || s == QX_TRACE_ROUNDED || s == QX_TRACE_BOUND;
}

static void push(struct list *l, double v, size_t order, const struct qx_fact *f,
                 const struct qx_fact_value *val, int range_end)
{
    l->e = qx_grow(l->e, &l->cap, l->n + 1, sizeof *l->e);
    l->e[l->n++] = (struct entry){fabs(v), order, f, val, range_end, qx_numfmt_unit_zh(val->unit)};
}

static void add(struct qx_figures_index *ix, const struct qx_unit *u, double v, size_t order,
                const struct qx_fact *f, const struct qx_fact_value *val, int range_end)
{
    push(&ix->lists[u->family][0], v * u->factor, order, f, val, range_end);
    if (u->per != QX_PER_NONE)
        push(&ix->lists[u->family][u->per], v * u->factor, order, f, val, range_end);
    if (u->family == QX_FAM_PLAIN)
        return;
    /* what a writer prints without the unit: 8.21, 51.7 (and 0.517) */
    struct list *plain = &ix->lists[QX_FAM_PLAIN][0];
    push(plain, u->percent ? v * 100 : v, order, f, val, range_end);
    if (u->percent)
        push(plain, v, order, f, val, range_end);
}

/* Numbers inside a text value: "3-4" and "1.52-1.69" are ranges, "2 vs 1"
 * holds two values; statuses ("OOM") and magic bytes hold none. */
static void add_text(struct qx_figures_index *ix, const struct qx_unit *u, const char *s, size_t order,
                     const struct qx_fact *f, const struct qx_fact_value *val)
{
    const char *vs = strstr(s, " vs ");
    const char *dash = strchr(s, '-');
    double a, b;
    if (vs && qx_numfmt_parse(s, (size_t)(vs - s), &a) == 0 &&
        qx_numfmt_parse(vs + 4, strlen(vs + 4), &b) == 0) {
        add(ix, u, a, order, f, val, 0);
        add(ix, u, b, order, f, val, 0);
    } else if (dash && dash > s && qx_numfmt_parse(s, (size_t)(dash - s), &a) == 0 &&
               qx_numfmt_parse(dash + 1, strlen(dash + 1), &b) == 0) {
        add(ix, u, a, order, f, val, 1);
        add(ix, u, b, order, f, val, 2);
    }
}

static int cmp_entry(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

struct qx_figures_index *qx_figures_index_new(const struct qx_facts *facts)
{
    struct qx_figures_index *ix = qx_calloc(1, sizeof *ix);
    for (size_t i = 0; facts && i < facts->n; i++) {
        const struct qx_fact *f = &facts->facts[i];
        for (size_t k = 0; k < f->nvalues; k++) {
            const struct qx_fact_value *val = &f->values[k];
            const struct qx_unit *u = qx_numfmt_unit(val->unit);
            size_t order = i << 16 | (k & 0xFFFF);
            if (!u || u->family == QX_FAM_NONE)
                continue;
            if (val->is_number && isfinite(val->value))
                add(ix, u, val->value, order, f, val, 0);
            else if (!val->is_number && val->text)
                add_text(ix, u, val->text, order, f, val);
        }
    }
    for (int a = 0; a < QX_FAM_COUNT_; a++)
        for (int b = 0; b < QX_PER_COUNT_; b++)
            if (ix->lists[a][b].n > 1)
                qsort(ix->lists[a][b].e, ix->lists[a][b].n, sizeof(struct entry), cmp_entry);
    return ix;
}

void qx_figures_index_free(struct qx_figures_index *ix)
{
    if (!ix)
        return;
    for (int a = 0; a < QX_FAM_COUNT_; a++)
        for (int b = 0; b < QX_PER_COUNT_; b++)
            free(ix->lists[a][b].e);
    free(ix);
}

/* First entry with v >= x. */
static size_t lower_bound(const struct list *l, double x)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->e[mid].v < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One end of a figure, in the family's base unit. */
struct end {
    double f, step, coarse;
    int approx, bound, range_end;
    const char *zh; /* the figure's unit word as numfmt prints it */
};

static double rel_diff(double a, double b)
{
    double m = fmax(fabs(a), fabs(b));
    return m > 0 ? fabs(a - b) / m : 0;
}

static int rank(enum qx_trace_status s)
{
    switch (s) {
    case QX_TRACE_EXEMPT:
    case QX_TRACE_EXACT: return 0;
    case QX_TRACE_ROUNDED:
    case QX_TRACE_BOUND: return 1;
    case QX_TRACE_QUALIFIER: return 2;
    case QX_TRACE_NEEDS_APPROX: return 3;
    default: return 4;
    }
}

/* The rule of docs/numbers.md, "Tolerance". */
static enum qx_trace_status judge(const struct end *x, const struct entry *e)
{
    double f = x->f, v = e->v;
    double eps = 1e-9 * fmax(f, v) + 1e-12;
    enum qx_fact_qualifier q = e->val->qual;
    int q_upper = q == QX_QUAL_AT_MOST || q == QX_QUAL_UP_TO;
    if (x->range_end ? e->range_end != 0 && e->range_end != x->range_end : e->range_end != 0)
        return QX_TRACE_NONE;
    if (x->bound > 0)
        return !q_upper && v >= f - eps && v < f + x->coarse - eps ? QX_TRACE_BOUND : QX_TRACE_NONE;
    if (x->bound < 0)
        return q != QX_QUAL_MORE_THAN && v <= f + eps && v > f - x->coarse + eps ? QX_TRACE_BOUND
                                                                                 : QX_TRACE_NONE;
    double d = fabs(f - v);
    int bounded = q == QX_QUAL_MORE_THAN || q_upper;
    if (d <= eps)
        return bounded || (q == QX_QUAL_APPROX && !x->approx) ? QX_TRACE_QUALIFIER : QX_TRACE_EXACT;
    if (d <= x->step / 2 + eps || d <= x->coarse / 2 + eps) {
        if (!x->approx)
            return QX_TRACE_NEEDS_APPROX;
        return bounded ? QX_TRACE_QUALIFIER : QX_TRACE_ROUNDED;
    }
    return QX_TRACE_NONE;
}

struct best {
    enum qx_trace_status st;
    const struct entry *e;
    double rel;
    int affinity; /* 2 * qualifier agreement + unit-word affinity */
};

/* 1 when the value prints with the figure's unit word (a "%" figure and a
 * ratio, a GB figure and a GB value): preferred among equal matches, so the
 * message names 51.7% rather than 51.72分 for "52%". */
static int affinity(const struct end *x, const struct entry *e)
{
    return x->zh && e->zh && strcmp(x->zh, e->zh) == 0;
}

/* 1 when the value's qualifier says what the figure's marker says: for
 * "不超过1%", a value "at most 1%" beats a plain 1%. */
static int agrees(const struct end *x, const struct entry *e)
{
    enum qx_fact_qualifier q = e->val->qual;
    return (x->bound > 0 && q == QX_QUAL_MORE_THAN) ||
           (x->bound < 0 && (q == QX_QUAL_AT_MOST || q == QX_QUAL_UP_TO)) ||
           (!x->bound && x->approx && q == QX_QUAL_APPROX);
}

static int better(enum qx_trace_status st, int aff, double r, const struct entry *e, const struct best *b)
{
    if (!b->e || rank(st) != rank(b->st))
        return !b->e || rank(st) < rank(b->st);
    if ((aff >> 1) != (b->affinity >> 1))
        return (aff >> 1) > (b->affinity >> 1);
    if (aff != b->affinity)
        return aff > b->affinity;
    if (r != b->rel)
        return r < b->rel;
    return e->order < b->e->order;
}

static void lookup(const struct list *l, const struct end *x, struct best *b)
{
    b->st = QX_TRACE_NONE;
    b->e = NULL;
    b->rel = INFINITY;
    b->affinity = 0;
    if (!l->n)
        return;
    double w = fmax(x->coarse, x->step) * (1 + 1e-9) + 1e-12 + 1e-9 * x->f;
    size_t i = lower_bound(l, x->f - w);
    for (size_t k = 0; i < l->n && l->e[i].v <= x->f + w && k < MAX_CANDIDATES; i++, k++) {
        enum qx_trace_status st = judge(x, &l->e[i]);
        if (st == QX_TRACE_NONE)
            continue;
        double r = rel_diff(x->f, l->e[i].v);
        int aff = agrees(x, &l->e[i]) << 1 | affinity(x, &l->e[i]);
        if (better(st, aff, r, &l->e[i], b)) {
            b->st = st;
            b->e = &l->e[i];
            b->rel = r;
            b->affinity = aff;
        }
    }
    if (b->e)
        return;
    /* The nearest value by relative difference, preferring values with the
     * figure's unit word: walk out from f a bounded number of entries (the
     * relative difference grows monotonically on each side). */
    size_t j = lower_bound(l, x->f);
    size_t from = j > NEAREST_WALK ? j - NEAREST_WALK : 0;
    size_t to = l->n - j > NEAREST_WALK ? j + NEAREST_WALK : l->n;
    for (size_t c = from; c < to; c++) {
        double r = rel_diff(x->f, l->e[c].v);
        int aff = affinity(x, &l->e[c]);
        if (!b->e || aff > b->affinity ||
            (aff == b->affinity && (r < b->rel || (r == b->rel && l->e[c].order < b->e->order)))) {
            b->e = &l->e[c];
            b->rel = r;
            b->affinity = aff;
        }
    }
}

static void set_end(struct end *x, double value, double step, int tzeros, double factor,
                    const struct qx_figure *fig, int range_end)
{
    x->zh = fig->unit[0] ? qx_numfmt_unit_zh(fig->unit) : NULL; /* bare numbers: no preference */
    x->f = fabs(value) * factor;
    x->step = step * factor;
    x->coarse = x->step * pow(10, tzeros);
    x->approx = fig->approx;
    x->bound = fig->bound;
    x->range_end = range_end;
}

enum qx_trace_status qx_figures_index_trace(const struct qx_figures_index *ix, const struct qx_figure *fig,
                                            struct qx_trace *out)
{
    memset(out, 0, sizeof *out);
    out->status = QX_TRACE_NONE;
    if (qx_figure_exempt(fig)) {
        out->status = QX_TRACE_EXEMPT;
        return out->status;
    }
    const struct qx_unit *u = fig->unit[0] ? qx_numfmt_unit(fig->unit) : qx_numfmt_unit("count");
    if (!u || u->family == QX_FAM_NONE)
        return out->status;
    const struct list *l = &ix->lists[u->family][u->per];
    int range = fig->kind == QX_FIG_RANGE;
    struct end lo, hi;
    struct best bl, bh;
    set_end(&lo, fig->value, fig->step, fig->tzeros, u->factor, fig, range ? 1 : 0);
    lookup(l, &lo, &bl);
    if (bl.st == QX_TRACE_NONE && strcmp(fig->unit, "tokens") == 0 && !range) {
        /* "2048个词元" is a count of tokens: a plain count value backs it */
        struct best bp;
        struct end pe = lo;
        pe.zh = "";
        lookup(&ix->lists[QX_FAM_PLAIN][0], &pe, &bp);
        if (bp.st != QX_TRACE_NONE)
            bl = bp;
    }
    bh = bl;
    if (range) {
        set_end(&hi, fig->value_hi, fig->step_hi, fig->tzeros_hi, u->factor, fig, 2);
        lookup(l, &hi, &bh);
    }
    const struct best *worst = rank(bh.st) > rank(bl.st) ? &bh : &bl;
    out->status = worst->st;
    if (bl.e) {
        out->fact = bl.e->fact;
        out->value = bl.e->val;
        out->rel = bl.rel;
    }
    if (bh.e) {
        out->fact_hi = bh.e->fact;
        out->value_hi = bh.e->val;
    }
    if (range && bl.st == QX_TRACE_NONE && bl.e == NULL && bh.e) {
        out->fact = bh.e->fact;
        out->value = bh.e->val;
    }
    if (range && out->status == QX_TRACE_NONE && bl.st != QX_TRACE_NONE && bh.e) {
        /* the lower end matched: name the upper end's nearest */
        out->fact = bh.e->fact;
        out->value = bh.e->val;
        out->rel = bh.rel;
    }
    return out->status;
}

enum qx_trace_status qx_figures_check(const struct qx_figure *fig, const struct qx_fact_value *v)
{
    if (qx_figure_exempt(fig))
        return QX_TRACE_EXEMPT;
    /* a one-value fact base, indexed like any other */
    struct qx_fact fact;
    struct qx_facts facts;
    memset(&fact, 0, sizeof fact);
    memset(&facts, 0, sizeof facts);
    fact.values = (struct qx_fact_value *)v;
    fact.nvalues = 1;
    facts.facts = &fact;
    facts.n = 1;
    struct qx_trace t;
    return qx_figures_trace(&facts, fig, &t);
}

enum qx_trace_status qx_figures_trace(const struct qx_facts *facts, const struct qx_figure *fig,
                                      struct qx_trace *out)
{
    struct qx_figures_index *ix = qx_figures_index_new(facts);
    enum qx_trace_status st = qx_figures_index_trace(ix, fig, out);
    qx_figures_index_free(ix);
    return st;
}

void qx_figures_describe(struct qx_buf *out, const struct qx_fact *fact, const struct qx_fact_value *v)
{
    qx_buf_adds(out, fact && fact->id ? fact->id : "?");
    qx_buf_addc(out, '.');
    qx_buf_adds(out, v->key ? v->key : v->name ? v->name : "?");
    qx_buf_adds(out, " (");
    if (v->display)
        qx_buf_adds(out, v->display);
    else if (!v->is_number || qx_numfmt_format(out, v->value, v->unit, -1, (int)v->qual) != 0) {
        qx_buf_adds(out, v->is_number ? "" : v->text ? v->text : "");
        if (!v->is_number && v->unit && qx_numfmt_unit_zh(v->unit))
            qx_buf_adds(out, qx_numfmt_unit_zh(v->unit));
    }
    qx_buf_addc(out, ')');
}

void qx_figures_message(struct qx_buf *out, const char *text, const struct qx_figure *fig,
                        const struct qx_trace *t)
{
    qx_buf_addf(out, "figure '%.*s' ", (int)fig->len, text + fig->byte);
    switch (t->status) {
    case QX_TRACE_EXEMPT: qx_buf_adds(out, "is exempt (year, date, ordinal or count)"); return;
    case QX_TRACE_EXACT:
    case QX_TRACE_ROUNDED:
    case QX_TRACE_BOUND: qx_buf_adds(out, "matches "); break;
    case QX_TRACE_QUALIFIER: qx_buf_adds(out, "drops the qualifier of "); break;
    case QX_TRACE_NEEDS_APPROX:
        qx_buf_adds(out, "rounds ");
        qx_figures_describe(out, t->fact, t->value);
        qx_buf_adds(out, " without saying so: write 约 before it or give the exact value");
        return;
    case QX_TRACE_NONE:
        qx_buf_adds(out, "matches no fact");
        if (t->value) {
            qx_buf_adds(out, "; nearest: ");
            qx_figures_describe(out, t->fact, t->value);
        }
        return;
    }
    qx_figures_describe(out, t->fact, t->value);
    if (fig->kind == QX_FIG_RANGE && t->value_hi && t->value_hi != t->value) {
        qx_buf_adds(out, " to ");
        qx_figures_describe(out, t->fact_hi, t->value_hi);
    }
}

size_t qx_figures_check_displays(const struct qx_facts *facts, struct qx_diags *d)
{
    size_t errors = 0;
    struct qx_figure *figs = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < facts->n; i++) {
        const struct qx_fact *f = &facts->facts[i];
        for (size_t k = 0; k < f->nvalues; k++) {
            const struct qx_fact_value *v = &f->values[k];
            if (!v->display || !v->is_number)
                continue;
            size_t n = 0;
            qx_numfmt_scan(v->display, strlen(v->display), &figs, &n, &cap);
            int ok = n > 0;
            for (size_t j = 0; j < n && ok; j++) {
                enum qx_trace_status st = qx_figures_check(&figs[j], v);
                /* A display may add exempt figures (a bit width, a count). */
                ok = st == QX_TRACE_EXEMPT || qx_trace_ok(st);
            }
            if (!ok) {
                qx_diags_add(d, f->file, v->line, v->col, QX_SEV_ERROR, "facts.display",
                             "display '%s' of '%s.%s' does not say its value %.15g", v->display, f->id,
                             v->key, v->value);
                errors++;
            }
        }
    }
    free(figs);
    return errors;
}
