/* rules: PCRE2 patterns under match limits, and a literal word trie.
 * Depends on PCRE2 (this is its only user) and diag. Invariants: every
 * match runs with QX_RX_MATCH_LIMIT and QX_RX_DEPTH_LIMIT set in its match
 * context; subjects are valid UTF-8 (PCRE2_NO_UTF_CHECK). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "qexplain/rules.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct qx_rx {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    int jit;
    int hit_limit;
    int matched;
};

int qx_rx_compile(struct qx_rx **out, const char *pattern, unsigned flags, const char *what,
                  struct qx_diags *d)
{
    *out = NULL;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (flags & QX_RX_CASELESS)
        opts |= PCRE2_CASELESS;
    if (flags & QX_RX_MULTILINE)
        opts |= PCRE2_MULTILINE;
    if (flags & QX_RX_ANCHORED)
        opts |= PCRE2_ANCHORED;
    int errcode = 0;
    PCRE2_SIZE erroff = 0;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff, NULL);
    if (!code && errcode == PCRE2_ERROR_HEAP_FAILED)
        qx_die_oom(0);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        qx_diags_add(d, what, 0, 0, QX_SEV_ERROR, "pattern", "invalid pattern '%s': %s at offset %zu",
                     pattern, (const char *)msg, (size_t)erroff);
        return QX_EINPUT;
    }
    struct qx_rx *rx = qx_calloc(1, sizeof *rx);
    rx->code = code;
    /* JIT is an optimisation only: when the platform lacks it, the
     * interpreter runs under the same limits. */
    rx->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    rx->md = pcre2_match_data_create_from_pattern(code, NULL);
    rx->mc = pcre2_match_context_create(NULL);
    if (!rx->md || !rx->mc)
        qx_die_oom(0);
    pcre2_set_match_limit(rx->mc, QX_RX_MATCH_LIMIT);
    pcre2_set_depth_limit(rx->mc, QX_RX_DEPTH_LIMIT);
    *out = rx;
    return 0;
}

void qx_rx_free(struct qx_rx *rx)
{
    if (!rx)
        return;
    pcre2_match_data_free(rx->md);
    pcre2_match_context_free(rx->mc);
    pcre2_code_free(rx->code);
    free(rx);
}

int qx_rx_find(struct qx_rx *rx, const char *s, size_t len, size_t start, size_t *ms, size_t *me)
{
    rx->matched = 0;
    rx->hit_limit = 0;
    if (start > len)
        return 0;
    int rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, rx->md, rx->mc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        rx->hit_limit = 1;
        return QX_ELIMIT;
    }
    /* Running out of memory must not read as "no match": that would
     * silently drop findings. Other errors cannot happen on valid UTF-8. */
    if (rc == PCRE2_ERROR_NOMEMORY)
        qx_die_oom(0);
    if (rc < 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
    *ms = ov[0];
    *me = ov[1];
    rx->matched = rc;
    return 1;
}

int qx_rx_group(const struct qx_rx *rx, unsigned n, size_t *gs, size_t *ge)
{
    if (!rx->matched || n >= pcre2_get_ovector_count(rx->md))
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
    if (ov[2 * n] == PCRE2_UNSET)
        return 0;
    *gs = ov[2 * n];
    *ge = ov[2 * n + 1];
    return 1;
}

int qx_rx_hit_limit(const struct qx_rx *rx)
{
    return rx->hit_limit;
}

int qx_rx_jit(const struct qx_rx *rx)
{
    return rx->jit;
}

/* ---- word trie ---- */

struct trie_node {
    int child;   /* first child index or -1 */
    int sibling; /* next sibling or -1 */
    int id;      /* word id ending here, or -1 */
    unsigned char byte;
    unsigned char flags;
};

struct qx_wordset {
    struct trie_node *nodes;
    size_t n, cap;
    int root[256]; /* root children by first byte, -1 if none */
};

static int node_new(struct qx_wordset *w, unsigned char b)
{
    w->nodes = qx_grow(w->nodes, &w->cap, w->n + 1, sizeof *w->nodes);
    struct trie_node *t = &w->nodes[w->n];
    t->child = t->sibling = t->id = -1;
    t->byte = b;
    t->flags = 0;
    return (int)w->n++;
}

struct qx_wordset *qx_wordset_new(void)
{
    struct qx_wordset *w = qx_calloc(1, sizeof *w);
    for (int i = 0; i < 256; i++)
        w->root[i] = -1;
    return w;
}

void qx_wordset_free(struct qx_wordset *w)
{
    if (!w)
        return;
    free(w->nodes);
    free(w);
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int is_alnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void qx_wordset_add(struct qx_wordset *w, const char *word, int id, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)word;
    if (!*p || id < 0)
        return;
    int ascii = (flags & QX_WORD_ASCII) != 0;
    unsigned char b = ascii ? fold(*p) : *p;
    if (w->root[b] < 0) {
        int nn = node_new(w, b);
        w->root[b] = nn;
    }
    int cur = w->root[b];
    for (p++; *p; p++) {
        b = ascii ? fold(*p) : *p;
        int c = w->nodes[cur].child, prev = -1;
        while (c >= 0 && w->nodes[c].byte != b) {
            prev = c;
            c = w->nodes[c].sibling;
        }
        if (c < 0) {
            c = node_new(w, b);
            if (prev < 0)
                w->nodes[cur].child = c;
            else
                w->nodes[prev].sibling = c;
        }
        cur = c;
    }
    if (w->nodes[cur].id < 0) {
        w->nodes[cur].id = id;
        w->nodes[cur].flags = (unsigned char)flags;
    }
}

int qx_wordset_may_start(const struct qx_wordset *w, unsigned char b)
{
    return w->root[b] >= 0 || w->root[fold(b)] >= 0;
}

int qx_wordset_match_at(const struct qx_wordset *w, const char *s, size_t len, size_t i, size_t *mlen)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= len)
        return -1;
    int cur = w->root[u[i]];
    if (cur < 0 && u[i] < 0x80)
        cur = w->root[fold(u[i])];
    int best = -1;
    size_t bestlen = 0;
    size_t j = i + 1;
    while (cur >= 0) {
        const struct trie_node *t = &w->nodes[cur];
        if (t->id >= 0) {
            int ok = 1;
            if (t->flags & QX_WORD_ASCII)
                ok = (i == 0 || !is_alnum_ascii(u[i - 1])) && (j >= len || !is_alnum_ascii(u[j]));
            if (ok) {
                best = t->id;
                bestlen = j - i;
            }
        }
        if (j >= len)
            break;
        unsigned char b = u[j];
        int c = t->child;
        while (c >= 0 && w->nodes[c].byte != b && w->nodes[c].byte != fold(b))
            c = w->nodes[c].sibling;
        cur = c;
        j++;
    }
    if (best >= 0)
        *mlen = bestlen;
    return best;
}
