/* tmpl_parse: one template's source -> flat node list, in four passes:
 * tokenize (tmpl_lex.c: tags only, set delimiters followed), match
 * (section open/close pairs, nesting limit), standalone (which tags own
 * their whole line, including the inheritance spec's tag pairs), build
 * (nodes, with the literal text being the gaps between the tags' cuts).
 * Block indentation (spec ~inheritance) is resolved here too, so that the
 * renderer only adds and drops whitespace at line starts.
 * Depends on util and diag through tmpl_int.h. Every loop is linear in the
 * source size; the first error stops the parse with one diagnostic. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl_int.h"

#define NOPOS SIZE_MAX

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int same_name(const struct qx_tmpl_parser *p, const struct qx_tmpl_tok *a, const struct qx_tmpl_tok *b)
{
    return a->nlen == b->nlen && memcmp(p->s + a->name, p->s + b->name, a->nlen) == 0;
}

static const char *what(char type)
{
    return type == '$' ? "block" : type == '<' ? "parent" : "section";
}

/* Pairs each closing tag with its opener; enforces the nesting limit. */
static int match(struct qx_tmpl_parser *p)
{
    size_t *stack = NULL, n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < p->n && !rc; i++) {
        struct qx_tmpl_tok *k = &p->toks[i];
        if (strchr("#^$<", k->type)) {
            if (n >= p->t->lim.max_depth) {
                rc = qx_tmpl_fail(p, k->start, QX_ELIMIT, "tmpl.depth",
                                  "'%.*s' nests sections deeper than the limit of %u", (int)k->nlen,
                                  p->s + k->name, p->t->lim.max_depth);
                break;
            }
            stack = qx_grow(stack, &cap, n + 1, sizeof *stack);
            stack[n++] = i;
        } else if (k->type == '/') {
            if (!n) {
                rc = qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.unexpected-close",
                                  "closing tag '/%.*s' has no open section", (int)k->nlen, p->s + k->name);
                break;
            }
            struct qx_tmpl_tok *o = &p->toks[stack[n - 1]];
            if (!same_name(p, o, k)) {
                rc = qx_tmpl_fail(p, k->start, QX_EINPUT, "tmpl.section-mismatch",
                                  "closing tag '/%.*s' does not match the open %s '%.*s'", (int)k->nlen,
                                  p->s + k->name, what(o->type), (int)o->nlen, p->s + o->name);
                qx_tmpl_diag_at(p->t, p->u, o->start, p->d, QX_SEV_NOTE, "tmpl.section-mismatch",
                                "%s '%.*s' opened here", what(o->type), (int)o->nlen, p->s + o->name);
                break;
            }
            o->match = i;
            k->match = stack[--n];
        }
    }
    if (!rc && n) {
        const struct qx_tmpl_tok *o = &p->toks[stack[n - 1]];
        rc = qx_tmpl_fail(p, o->start, QX_EINPUT, "tmpl.unclosed-section", "%s '%.*s' is never closed",
                          what(o->type), (int)o->nlen, p->s + o->name);
    }
    free(stack);
    return rc;
}

/* If only blanks then a line end (or the end of the source) follow pos:
 * returns 1, *nl = where the line end starts, *le = just past it. */
static int blank_after(const struct qx_tmpl_parser *p, size_t pos, size_t *nl, size_t *le)
{
    while (pos < p->len && is_blank(p->s[pos]))
        pos++;
    *nl = pos;
    if (pos == p->len)
        *le = pos;
    else if (p->s[pos] == '\n')
        *le = pos + 1;
    else if (p->s[pos] == '\r' && pos + 1 < p->len && p->s[pos + 1] == '\n')
        *le = pos + 2;
    else
        return 0;
    return 1;
}

static int can_stand_alone(char type)
{
    return type != 'v' && type != '&';
}

/* A tag stands alone when its line holds only blanks besides it; the line
 * (blanks before, the line end after) then leaves the output. The
 * inheritance spec also lets two adjacent tags share a line: a parent's
 * open and close, a parent and its first block, a last block's close and
 * its parent's close, and a block's open and close (whose line end stays). */
static void standalone(struct qx_tmpl_parser *p)
{
    size_t ls = 0, fnb = 0, scan = 0; /* line start, its first non-blank byte */
    for (size_t i = 0; i < p->n; i++) {
        struct qx_tmpl_tok *a = &p->toks[i];
        int moved = scan == 0;
        for (; scan < a->start; scan++)
            if (p->s[scan] == '\n') {
                ls = scan + 1;
                moved = 1;
            }
        if (moved)
            for (fnb = ls; fnb < p->len && is_blank(p->s[fnb]);)
                fnb++;
        if (!can_stand_alone(a->type) || fnb < a->start)
            continue;
        size_t nl, le;
        if (blank_after(p, a->end, &nl, &le)) {
            a->cut0 = a->ind0 = ls;
            a->ind1 = a->start;
            a->cut1 = le;
            a->standalone = 1;
            continue;
        }
        if (i + 1 >= p->n || p->toks[i + 1].start != a->end)
            continue;
        struct qx_tmpl_tok *b = &p->toks[i + 1];
        int block_pair = a->type == '$' && b->type == '/' && b->match == i;
        int parent_pair = a->type == '<' && b->type == '/' && b->match == i;
        int parent_first = a->type == '<' && b->type == '$';
        int last_parent = a->type == '/' && b->type == '/' && p->toks[a->match].type == '$' &&
                          p->toks[b->match].type == '<';
        if (!(block_pair || parent_pair || parent_first || last_parent) || !blank_after(p, b->end, &nl, &le))
            continue;
        a->cut0 = a->ind0 = ls;
        a->ind1 = a->start;
        a->standalone = 1;
        b->cut1 = block_pair ? nl : le;
        b->standalone = parent_first;
        i++;
    }
}

static struct qx_tmpl_node *add_node(struct qx_tmpl_unit *un, int kind, size_t off, size_t len, size_t tag)
{
    un->nodes = qx_grow(un->nodes, &un->cap, un->n + 1, sizeof *un->nodes);
    struct qx_tmpl_node *nd = &un->nodes[un->n++];
    memset(nd, 0, sizeof *nd);
    nd->kind = (unsigned char)kind;
    nd->off = off;
    nd->len = len;
    nd->tag = tag;
    nd->end = un->n; /* a leaf's next sibling; containers are fixed at their close */
    nd->ref = -1;
    return nd;
}

/* A standalone block's content loses its common indentation (the longest
 * blank prefix shared by its non-blank lines) and takes, instead, the
 * indentation of the place it is expanded at: the first line of its
 * default content, else the blanks before its tag. Nested text drops the
 * largest dedent of any enclosing block; nested indentations lose it. */
static void indent_block(struct qx_tmpl_parser *p, struct qx_tmpl_unit *un, size_t b, size_t a, size_t z)
{
    struct qx_tmpl_node *blk = &un->nodes[b];
    size_t common = 0, ref = NOPOS, first = 0, firstlen = 0, line = 0;
    for (size_t pos = a; pos < z; pos = line) {
        size_t ws = pos;
        while (ws < z && is_blank(p->s[ws]))
            ws++;
        size_t eol = ws;
        while (eol < z && p->s[eol] != '\n')
            eol++;
        line = eol < z ? eol + 1 : z;
        int blank = 1;
        for (size_t k = ws; k < eol && blank; k++)
            blank = p->s[k] == '\r';
        if (pos == a && !blank) {
            first = pos;
            firstlen = ws - pos;
        }
        if (blank)
            continue;
        if (ref == NOPOS) {
            ref = pos;
            common = ws - pos;
        } else {
            size_t k = 0;
            while (k < common && k < ws - pos && p->s[pos + k] == p->s[ref + k])
                k++;
            common = k;
        }
    }
    unsigned d = common > UINT32_MAX ? UINT32_MAX : (unsigned)common;
    blk->dedent = d;
    if (firstlen && common) {
        blk->ind_off = first;
        blk->ind_len = firstlen < common ? firstlen : common;
    }
    for (size_t k = b + 1; k < un->n; k++) {
        struct qx_tmpl_node *nd = &un->nodes[k];
        if (nd->kind == TN_TEXT && nd->dedent < d)
            nd->dedent = d;
        else if (nd->kind != TN_TEXT && nd->strip < d)
            nd->strip = d;
    }
}

static void add_text(struct qx_tmpl_unit *un, size_t from, size_t to)
{
    if (to > from)
        add_node(un, TN_TEXT, from, to - from, from);
}

static int build(struct qx_tmpl_parser *p)
{
    struct qx_tmpl_unit *un = &p->t->units[p->u];
    size_t prev = 0;
    for (size_t i = 0; i < p->n; i++) {
        struct qx_tmpl_tok *k = &p->toks[i];
        add_text(un, prev, k->cut0);
        prev = k->cut1;
        int kind = -1;
        switch (k->type) {
        case 'v': kind = TN_VAR; break;
        case '&': kind = TN_RAW; break;
        case '#': kind = TN_SECTION; break;
        case '^': kind = TN_INVERTED; break;
        case '>': kind = TN_PARTIAL; break;
        case '<': kind = TN_PARENT; break;
        case '$': kind = TN_BLOCK; break;
        case '/': {
            struct qx_tmpl_tok *o = &p->toks[k->match];
            un->nodes[o->node].end = un->n;
            if (o->type == '$' && o->standalone)
                indent_block(p, un, o->node, o->cut1, k->cut0);
            break;
        }
        default: break; /* comments and set-delimiter tags leave no node */
        }
        if (kind < 0)
            continue;
        k->node = un->n;
        struct qx_tmpl_node *nd = add_node(un, kind, k->name, k->nlen, k->start);
        if (k->standalone && (kind == TN_PARTIAL || kind == TN_PARENT || kind == TN_BLOCK)) {
            nd->standalone = 1;
            nd->ind_off = k->ind0;
            nd->ind_len = k->ind1 - k->ind0;
        }
        if (kind == TN_PARTIAL || kind == TN_PARENT) {
            nd->ref = qx_tmpl_part_ref(p->t, p->s + k->name, k->nlen, p->u, k->start);
            if (nd->ref < 0)
                return qx_tmpl_fail(p, k->start, QX_ELIMIT, "tmpl.partials",
                                    "'%.*s' is one partial more than the limit of %u", (int)k->nlen,
                                    p->s + k->name, p->t->lim.max_partials);
        }
    }
    add_text(un, prev, p->len);
    return 0;
}

int qx_tmpl_parse_unit(struct qx_tmpl *t, unsigned u, struct qx_diags *d)
{
    struct qx_tmpl_parser p = {.t = t, .u = u, .s = t->units[u].src, .len = t->units[u].len, .d = d};
    int rc = qx_tmpl_tokenize(&p);
    if (!rc)
        rc = match(&p);
    if (!rc) {
        standalone(&p);
        rc = build(&p);
    }
    free(p.toks);
    return rc;
}
