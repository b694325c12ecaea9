/* fix: applies the replacements of fixable findings, and the fix loop that
 * re-lints until no fixable finding is left (so fix(fix(x)) == fix(x)).
 * Overlapping replacements are deferred to the next pass, never merged.
 * Depends on the engine (qx_lint_text) and the rule table. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

struct edit {
    size_t byte, len;
    const char *fix;
};

static int cmp_edit(const void *a, const void *b)
{
    const struct edit *x = a, *y = b;
    if (x->byte != y->byte)
        return x->byte < y->byte ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int fixable(const struct qx_diag *g)
{
    int r = qx_lint_rule_find(g->rule);
    return r >= 0 && g->fix && qx_lint_rule_info((enum qx_lint_rule)r)->fixable;
}

size_t qx_lint_apply_fixes(struct qx_buf *out, const char *text, size_t len, const struct qx_diags *d,
                           const char *file)
{
    struct edit *ed = NULL;
    size_t n = 0, cap = 0, applied = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        if (!fixable(g) || g->byte + g->len > len || (file && g->file && strcmp(file, g->file) != 0))
            continue;
        ed = qx_grow(ed, &cap, n + 1, sizeof *ed);
        ed[n].byte = g->byte;
        ed[n].len = g->len;
        ed[n++].fix = g->fix;
    }
    if (n > 1)
        qsort(ed, n, sizeof *ed, cmp_edit);
    size_t at = 0;
    int have_prev = 0;
    size_t prev_at = 0;
    for (size_t i = 0; i < n; i++) {
        if (ed[i].byte < at)
            continue; /* overlaps an applied edit: next pass */
        if (have_prev && ed[i].len == 0 && ed[i].byte == prev_at)
            continue; /* two insertions at one point: next pass */
        qx_buf_add(out, text + at, ed[i].byte - at);
        qx_buf_adds(out, ed[i].fix);
        at = ed[i].byte + ed[i].len;
        have_prev = 1;
        prev_at = ed[i].byte;
        applied++;
    }
    qx_buf_add(out, text + at, len - at);
    free(ed);
    return applied;
}

int qx_lint_fix(struct qx_buf *out, size_t *applied, const char *file, const char *text, size_t len,
                const struct qx_lint_opts *o, struct qx_diags *err)
{
    struct qx_buf cur;
    qx_buf_init(&cur);
    qx_buf_add(&cur, text, len);
    *applied = 0;
    int rc = 0;
    for (int pass = 0; pass < QX_LINT_FIX_PASSES; pass++) {
        struct qx_diags d;
        qx_diags_init(&d);
        rc = qx_lint_text(&d, file, cur.data, cur.len, o, err);
        if (rc) {
            qx_diags_release(&d);
            break;
        }
        struct qx_buf next;
        qx_buf_init(&next);
        size_t n = qx_lint_apply_fixes(&next, cur.data, cur.len, &d, file);
        qx_diags_release(&d);
        if (!n) {
            qx_buf_release(&next);
            break;
        }
        *applied += n;
        qx_buf_release(&cur);
        cur = next;
    }
    qx_buf_reset(out);
    qx_buf_add(out, cur.data, cur.len);
    qx_buf_release(&cur);
    return rc;
}
