/* diff: a unified diff of two texts by lines (Myers' O(ND) algorithm with
 * a bounded edit distance; past the bound the changed middle is shown as one
 * hunk). Used by `lint --fix-dry-run`. Depends on util only. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

#define DIFF_MAX_D 2000
#define CONTEXT 3

struct lines {
    const char **p;
    size_t *n; /* length including the newline */
    size_t count, cap_p, cap_n;
};

static void split(struct lines *l, const char *s, size_t len)
{
    memset(l, 0, sizeof *l);
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : len;
        l->p = qx_grow(l->p, &l->cap_p, l->count + 1, sizeof *l->p);
        l->n = qx_grow(l->n, &l->cap_n, l->count + 1, sizeof *l->n);
        l->p[l->count] = s + i;
        l->n[l->count++] = e - i;
        i = e;
    }
}

static int same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->n[i] == b->n[j] && memcmp(a->p[i], b->p[j], a->n[i]) == 0;
}

/* op per line of the edit script: ' ' keep, '-' delete (a), '+' insert (b) */
struct op {
    char kind;
    size_t line; /* index in a (' ', '-') or b ('+') */
};

/* Myers with a saved V per step; returns 0 and the script, or -1 when the
 * distance exceeds DIFF_MAX_D. */
static int myers(const struct lines *a, size_t a0, size_t a1, const struct lines *b, size_t b0, size_t b1,
                 struct op **ops, size_t *nops)
{
    long n = (long)(a1 - a0), m = (long)(b1 - b0), max = n + m;
    if (max > DIFF_MAX_D)
        max = DIFF_MAX_D;
    long off = max + 1;
    size_t width = (size_t)(2 * max + 3);
    long *v = qx_calloc(width, sizeof *v);
    long **trace = qx_calloc((size_t)max + 2, sizeof *trace);
    long dfound = -1;
    for (long dd = 0; dd <= max && dfound < 0; dd++) {
        trace[dd] = qx_malloc(width * sizeof *v);
        for (long k = -dd; k <= dd; k += 2) {
            long x;
            if (k == -dd || (k != dd && v[off + k - 1] < v[off + k + 1]))
                x = v[off + k + 1];
            else
                x = v[off + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && same(a, a0 + (size_t)x, b, b0 + (size_t)y)) {
                x++;
                y++;
            }
            v[off + k] = x;
            if (x >= n && y >= m) {
                dfound = dd;
                break;
            }
        }
        memcpy(trace[dd], v, width * sizeof *v);
    }
    int rc = -1;
    if (dfound >= 0) {
        size_t cap = (size_t)(n + m + 1), k2 = 0;
        struct op *rev = qx_malloc(cap * sizeof *rev);
        long x = n, y = m;
        for (long dd = dfound; dd > 0; dd--) {
            long *pv = trace[dd - 1];
            long k = x - y, pk;
            if (k == -dd || (k != dd && pv[off + k - 1] < pv[off + k + 1]))
                pk = k + 1;
            else
                pk = k - 1;
            long px = pv[off + pk], py = px - pk;
            while (x > px && y > py) {
                rev[k2].kind = ' ';
                rev[k2++].line = a0 + (size_t)--x;
                y--;
            }
            if (x == px) {
                rev[k2].kind = '+';
                rev[k2++].line = b0 + (size_t)--y;
            } else {
                rev[k2].kind = '-';
                rev[k2++].line = a0 + (size_t)--x;
            }
        }
        while (x > 0 && y > 0) {
            rev[k2].kind = ' ';
            rev[k2++].line = a0 + (size_t)--x;
            y--;
        }
        *ops = qx_malloc((k2 + 1) * sizeof **ops);
        for (size_t i = 0; i < k2; i++)
            (*ops)[i] = rev[k2 - 1 - i];
        *nops = k2;
        free(rev);
        rc = 0;
    }
    for (long dd = 0; dd <= max + 1; dd++)
        free(trace[dd]);
    free(trace);
    free(v);
    return rc;
}

static void emit_line(struct qx_buf *out, char kind, const char *p, size_t n)
{
    qx_buf_addc(out, kind);
    qx_buf_add(out, p, n);
    if (!n || p[n - 1] != '\n')
        qx_buf_adds(out, "\n\\ No newline at end of file\n");
}

void qx_lint_diff(struct qx_buf *out, const char *name, const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return;
    struct lines la, lb;
    split(&la, a, alen);
    split(&lb, b, blen);
    size_t pre = 0;
    while (pre < la.count && pre < lb.count && same(&la, pre, &lb, pre))
        pre++;
    size_t suf = 0;
    while (suf < la.count - pre && suf < lb.count - pre && same(&la, la.count - 1 - suf, &lb, lb.count - 1 - suf))
        suf++;
    /* full script: prefix keeps, middle diff, suffix keeps */
    struct op *mid = NULL;
    size_t nmid = 0;
    size_t total = 0;
    struct op *ops = qx_malloc((la.count + lb.count + 1) * sizeof *ops);
    for (size_t i = 0; i < pre; i++)
        ops[total++] = (struct op){' ', i};
    if (myers(&la, pre, la.count - suf, &lb, pre, lb.count - suf, &mid, &nmid) == 0) {
        memcpy(ops + total, mid, nmid * sizeof *mid);
        total += nmid;
    } else {
        for (size_t i = pre; i < la.count - suf; i++)
            ops[total++] = (struct op){'-', i};
        for (size_t j = pre; j < lb.count - suf; j++)
            ops[total++] = (struct op){'+', j};
    }
    for (size_t i = 0; i < suf; i++)
        ops[total++] = (struct op){' ', la.count - suf + i};
    free(mid);

    qx_buf_addf(out, "--- a/%s\n+++ b/%s\n", name, name);
    /* line numbers before each op */
    size_t *ai = qx_malloc((total + 1) * sizeof *ai), *bi = qx_malloc((total + 1) * sizeof *bi);
    size_t x = 0, y = 0;
    for (size_t i = 0; i < total; i++) {
        ai[i] = x;
        bi[i] = y;
        if (ops[i].kind != '+')
            x++;
        if (ops[i].kind != '-')
            y++;
    }
    ai[total] = x;
    bi[total] = y;
    for (size_t i = 0; i < total;) {
        if (ops[i].kind == ' ') {
            i++;
            continue;
        }
        size_t s = i >= CONTEXT ? i - CONTEXT : 0;
        size_t e = i;
        /* extend while changes are within 2*CONTEXT of each other */
        for (;;) {
            while (e < total && ops[e].kind != ' ')
                e++;
            size_t k = e;
            while (k < total && ops[k].kind == ' ' && k - e < 2 * CONTEXT)
                k++;
            if (k < total && ops[k].kind != ' ')
                e = k;
            else
                break;
        }
        e = e + CONTEXT < total ? e + CONTEXT : total;
        size_t na = ai[e] - ai[s], nb = bi[e] - bi[s];
        qx_buf_addf(out, "@@ -%zu,%zu +%zu,%zu @@\n", na ? ai[s] + 1 : ai[s], na, nb ? bi[s] + 1 : bi[s], nb);
        for (size_t k = s; k < e; k++) {
            const struct lines *l = ops[k].kind == '+' ? &lb : &la;
            emit_line(out, ops[k].kind, l->p[ops[k].line], l->n[ops[k].line]);
        }
        i = e;
    }
    free(ai);
    free(bi);
    free(ops);
    free(la.p);
    free(la.n);
    free(lb.p);
    free(lb.n);
}
