/* diag: storage and ordering of diagnostics, and the one-line format shared
 * by every command. Renderers for machine formats live beside it. */
#include "qexplain/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void qx_diags_init(struct qx_diags *d)
{
    d->items = NULL;
    d->n = 0;
    d->cap = 0;
}

static void diag_release(struct qx_diag *g)
{
    free(g->file);
    free(g->rule);
    free(g->message);
    free(g->fix);
    free(g->fingerprint);
}

void qx_diags_clear(struct qx_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        diag_release(&d->items[i]);
    d->n = 0;
}

void qx_diags_release(struct qx_diags *d)
{
    qx_diags_clear(d);
    free(d->items);
    qx_diags_init(d);
}

struct qx_diag *qx_diags_vadd(struct qx_diags *d, const char *file, unsigned line, unsigned col,
                              enum qx_severity sev, const char *rule, const char *fmt, va_list ap)
{
    d->items = qx_grow(d->items, &d->cap, d->n + 1, sizeof *d->items);
    struct qx_diag *g = &d->items[d->n++];
    memset(g, 0, sizeof *g);
    g->file = file ? qx_strdup(file) : NULL;
    g->line = line;
    g->col = col;
    g->sev = sev;
    g->rule = qx_strdup(rule ? rule : "error");
    g->message = qx_vasprintf(fmt, ap);
    return g;
}

struct qx_diag *qx_diags_add(struct qx_diags *d, const char *file, unsigned line, unsigned col,
                             enum qx_severity sev, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct qx_diag *g = qx_diags_vadd(d, file, line, col, sev, rule, fmt, ap);
    va_end(ap);
    return g;
}

void qx_diag_set_fix(struct qx_diag *g, const char *replacement)
{
    free(g->fix);
    g->fix = replacement ? qx_strdup(replacement) : NULL;
}

void qx_diags_move(struct qx_diags *dst, struct qx_diags *src)
{
    if (!src->n)
        return;
    dst->items = qx_grow(dst->items, &dst->cap, dst->n + src->n, sizeof *dst->items);
    memcpy(dst->items + dst->n, src->items, src->n * sizeof *src->items);
    dst->n += src->n;
    src->n = 0;
}

size_t qx_diags_count(const struct qx_diags *d, enum qx_severity at_least)
{
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].sev >= at_least)
            c++;
    return c;
}

static int cmp_diag(const struct qx_diag *a, const struct qx_diag *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

void qx_diags_sort(struct qx_diags *d)
{
    /* Insertion-merge sort would do; a stable bottom-up merge keeps equal
     * items in the order rules emitted them, which keeps output deterministic. */
    if (d->n < 2)
        return;
    struct qx_diag *tmp = qx_malloc(d->n * sizeof *tmp);
    for (size_t w = 1; w < d->n; w *= 2) {
        for (size_t lo = 0; lo < d->n; lo += 2 * w) {
            size_t mid = lo + w < d->n ? lo + w : d->n;
            size_t hi = lo + 2 * w < d->n ? lo + 2 * w : d->n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp_diag(&d->items[j], &d->items[i]) < 0 ? d->items[j++] : d->items[i++];
            while (i < mid)
                tmp[k++] = d->items[i++];
            while (j < hi)
                tmp[k++] = d->items[j++];
        }
        memcpy(d->items, tmp, d->n * sizeof *tmp);
    }
    free(tmp);
}

const char *qx_severity_name(enum qx_severity s)
{
    switch (s) {
    case QX_SEV_ERROR: return "error";
    case QX_SEV_WARNING: return "warning";
    default: return "note";
    }
}

void qx_diag_format_line(struct qx_buf *out, const struct qx_diag *g)
{
    const char *file = g->file ? g->file : "qexplain";
    if (g->line)
        qx_buf_addf(out, "%s:%u:%u: %s: %s [%s]", file, g->line, g->col, qx_severity_name(g->sev),
                    g->message, g->rule);
    else
        qx_buf_addf(out, "%s: %s: %s [%s]", file, qx_severity_name(g->sev), g->message, g->rule);
}
