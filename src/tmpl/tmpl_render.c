/* tmpl_render: walks a compiled template over the caller's data model.
 * State lives in one struct on the caller's stack: the context stack, the
 * indentation of the partials and blocks being expanded, and whether the
 * output sits at the start of a line (indentation is written lazily, before
 * the first character of each non-empty line of template text, never inside
 * interpolated values). Inheritance: each parent tag being expanded is a
 * frame {unit, node, up}; a block takes the override from the outermost
 * frame that has one, and renders it with that frame's outer frames only.
 * Bounds: partial depth, output size and a step budget; on any failure the
 * output buffer is cut back to its length on entry.
 * Depends on util and diag through tmpl_int.h. */
#include <stdlib.h>
#include <string.h>

#include "tmpl_int.h"

struct frame {
    unsigned unit;
    size_t node; /* a TN_PARENT */
    const struct frame *up;
};

struct render {
    const struct qx_tmpl *t;
    const struct qx_tmpl_data *data;
    enum qx_tmpl_escape esc;
    struct qx_buf *out;
    size_t out0;
    const void **stack;
    size_t nstack, scap;
    struct qx_buf indent;
    struct qx_buf val;
    int pending; /* at a line start: write the indentation before more text */
    unsigned depth;
    size_t steps;
    struct qx_diags *d;
    int err;
};

static void limit(struct render *r, unsigned u, size_t off, const char *rule, const char *what, size_t lim)
{
    if (r->err)
        return;
    qx_tmpl_diag_at(r->t, u, off, r->d, QX_SEV_ERROR, rule, "%s exceeds the limit of %zu", what, lim);
    r->err = QX_ELIMIT;
}

static void put(struct render *r, unsigned u, size_t tag, const char *s, size_t n)
{
    if (r->out->len - r->out0 + n > r->t->lim.max_output) {
        limit(r, u, tag, "tmpl.output", "output", r->t->lim.max_output);
        return;
    }
    qx_buf_add(r->out, s, n);
}

static void put_indent(struct render *r, unsigned u, size_t tag)
{
    if (r->pending && r->indent.len)
        put(r, u, tag, r->indent.data, r->indent.len);
    r->pending = 0;
}

static void emit_text(struct render *r, unsigned u, const struct qx_tmpl_node *nd)
{
    const struct qx_tmpl_unit *un = &r->t->units[u];
    const char *s = un->src + nd->off, *e = s + nd->len;
    int bol = nd->dedent && (nd->off == 0 || un->src[nd->off - 1] == '\n');
    while (s < e && !r->err) {
        for (unsigned k = 0; bol && k < nd->dedent && s < e && (*s == ' ' || *s == '\t'); k++)
            s++;
        if (s == e)
            break;
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        const char *stop = nl ? nl + 1 : e;
        if (*s != '\n' && !(*s == '\r' && s + 1 < e && s[1] == '\n'))
            put_indent(r, u, nd->tag);
        put(r, u, nd->tag, s, (size_t)(stop - s));
        if (nl)
            r->pending = 1;
        bol = nl != NULL;
        s = stop;
    }
}

static void emit_escaped(struct render *r, unsigned u, size_t tag, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n && !r->err; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        put(r, u, tag, s + from, i - from);
        put(r, u, tag, rep, strlen(rep));
        from = i + 1;
    }
    put(r, u, tag, s + from, n - from);
}

static const void *resolve(struct render *r, const char *name, size_t n)
{
    if (!r->nstack)
        return NULL;
    if (n == 1 && name[0] == '.')
        return r->stack[r->nstack - 1];
    const char *dot = memchr(name, '.', n);
    size_t first = dot ? (size_t)(dot - name) : n;
    const void *v = NULL;
    for (size_t i = r->nstack; i-- > 0 && !v;)
        v = r->data->get(r->data->user, r->stack[i], name, first);
    for (size_t at = first; v && at < n;) {
        const char *part = name + at + 1;
        const char *next = memchr(part, '.', n - at - 1);
        size_t plen = next ? (size_t)(next - part) : n - at - 1;
        v = r->data->get(r->data->user, v, part, plen);
        at += 1 + plen;
    }
    return v;
}

static void push(struct render *r, const void *v)
{
    r->stack = qx_grow(r->stack, &r->scap, r->nstack + 1, sizeof *r->stack);
    r->stack[r->nstack++] = v;
}

static void range(struct render *r, unsigned u, size_t i, size_t end, const struct frame *fr);

/* Renders [i, end) of unit u with extra indentation when the tag at node nd
 * stood alone. */
static void expand(struct render *r, const struct qx_tmpl_node *nd, unsigned u, size_t i, size_t end,
                   const struct frame *fr, unsigned iu)
{
    size_t mark = r->indent.len;
    if (nd->standalone) {
        const struct qx_tmpl_unit *iun = &r->t->units[iu];
        size_t strip = nd->strip < nd->ind_len ? nd->strip : nd->ind_len;
        qx_buf_add(&r->indent, iun->src + nd->ind_off + strip, nd->ind_len - strip);
        r->pending = 1;
    }
    range(r, u, i, end, fr);
    qx_buf_truncate(&r->indent, mark);
}

static int enter(struct render *r, unsigned u, const struct qx_tmpl_node *nd)
{
    if (r->depth >= r->t->lim.max_partial_depth) {
        limit(r, u, nd->tag, "tmpl.partial-depth", "partial nesting", r->t->lim.max_partial_depth);
        return 0;
    }
    r->depth++;
    return 1;
}

/* The override for block blk in the outermost frame that has one. */
static const struct frame *find_block(const struct render *r, const struct frame *fr,
                                      const struct qx_tmpl_node *blk, const char *bsrc, size_t *node)
{
    const struct frame *hit = NULL;
    for (; fr; fr = fr->up) {
        const struct qx_tmpl_unit *un = &r->t->units[fr->unit];
        for (size_t k = fr->node + 1; k < un->nodes[fr->node].end; k = un->nodes[k].end) {
            const struct qx_tmpl_node *c = &un->nodes[k];
            if (c->kind == TN_BLOCK && c->len == blk->len &&
                memcmp(un->src + c->off, bsrc + blk->off, blk->len) == 0) {
                hit = fr;
                *node = k;
                break;
            }
        }
    }
    return hit;
}

static int falsey(struct render *r, const void *v)
{
    if (!v)
        return 1;
    enum qx_tmpl_kind k = r->data->kind(r->data->user, v);
    return k == QX_TMPL_FALSEY || (k == QX_TMPL_LIST && r->data->count(r->data->user, v) == 0);
}

static void section(struct render *r, unsigned u, size_t i, const struct frame *fr)
{
    const struct qx_tmpl_unit *un = &r->t->units[u];
    const struct qx_tmpl_node *nd = &un->nodes[i];
    const void *v = resolve(r, un->src + nd->off, nd->len);
    if (nd->kind == TN_INVERTED) {
        if (falsey(r, v))
            range(r, u, i + 1, nd->end, fr);
        return;
    }
    if (falsey(r, v))
        return;
    if (r->data->kind(r->data->user, v) == QX_TMPL_LIST) {
        size_t n = r->data->count(r->data->user, v);
        for (size_t k = 0; k < n && !r->err; k++) {
            push(r, r->data->item(r->data->user, v, k));
            range(r, u, i + 1, nd->end, fr);
            r->nstack--;
        }
        return;
    }
    push(r, v);
    range(r, u, i + 1, nd->end, fr);
    r->nstack--;
}

static void interpolate(struct render *r, unsigned u, const struct qx_tmpl_node *nd)
{
    const struct qx_tmpl_unit *un = &r->t->units[u];
    const void *v = resolve(r, un->src + nd->off, nd->len);
    if (!v)
        return;
    qx_buf_reset(&r->val);
    r->data->text(r->data->user, v, &r->val);
    if (!r->val.len)
        return;
    put_indent(r, u, nd->tag);
    if (nd->kind == TN_VAR && r->esc == QX_TMPL_ESCAPE_HTML)
        emit_escaped(r, u, nd->tag, r->val.data, r->val.len);
    else
        put(r, u, nd->tag, r->val.data, r->val.len);
}

static void range(struct render *r, unsigned u, size_t i, size_t end, const struct frame *fr)
{
    const struct qx_tmpl_unit *un = &r->t->units[u];
    while (i < end && !r->err) {
        const struct qx_tmpl_node *nd = &un->nodes[i];
        if (++r->steps > r->t->lim.max_steps) {
            limit(r, u, nd->tag, "tmpl.steps", "rendering work", r->t->lim.max_steps);
            return;
        }
        switch (nd->kind) {
        case TN_TEXT: emit_text(r, u, nd); break;
        case TN_VAR:
        case TN_RAW: interpolate(r, u, nd); break;
        case TN_SECTION:
        case TN_INVERTED: section(r, u, i, fr); break;
        case TN_PARTIAL:
        case TN_PARENT: {
            int target = r->t->parts[nd->ref].unit;
            if (target < 0 || !enter(r, u, nd))
                break;
            unsigned tu = (unsigned)target;
            /* a partial is a parent without overrides: the frames stay visible */
            struct frame f = {u, i, fr};
            expand(r, nd, tu, 0, r->t->units[tu].n, nd->kind == TN_PARENT ? &f : fr, u);
            r->depth--;
            break;
        }
        case TN_BLOCK: {
            size_t k = 0;
            const struct frame *hit = find_block(r, fr, nd, un->src, &k);
            if (hit)
                expand(r, nd, hit->unit, k + 1, r->t->units[hit->unit].nodes[k].end, hit->up, u);
            else
                expand(r, nd, u, i + 1, nd->end, fr, u);
            break;
        }
        }
        i = nd->end;
    }
}

int qx_tmpl_render(struct qx_buf *out, const struct qx_tmpl *t, const struct qx_tmpl_data *data,
                   const void *root, enum qx_tmpl_escape esc, struct qx_diags *d)
{
    struct render r = {.t = t, .data = data, .esc = esc, .out = out, .out0 = out->len, .d = d, .pending = 1};
    qx_buf_init(&r.indent);
    qx_buf_init(&r.val);
    if (root)
        push(&r, root);
    range(&r, 0, 0, t->units[0].n, NULL);
    if (r.err)
        qx_buf_truncate(out, r.out0);
    qx_buf_release(&r.indent);
    qx_buf_release(&r.val);
    free(r.stack);
    return r.err;
}
