/* gguf/reader: parses and validates a GGUF header (GGUF.md §1.1-1.4). The
 * rules are those of ggml-org/ggml src/gguf.cpp (gguf_init_from_reader)
 * plus llama.cpp's check that tensor data lies in the file (rule 16); the
 * comments name each rule's number. Depends on file (mapping), quant (type
 * sizes), diag, util.
 *
 * Invariants: the cursor never reads past `len`; every count is compared
 * with the bytes that remain before anything is allocated for it; all
 * integer arithmetic on file values is overflow-checked; multi-byte fields
 * are assembled byte by byte (little-endian), never through casted
 * pointers. Tensor data is not read here. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gguf_impl.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"

static int parse_value(struct qx_gguf_cur *c, struct qx_gguf_kv *kv, const char *key)
{
    char what[96];
    snprintf(what, sizeof what, "the value of key '%.60s'", key);
    kv->count = 1;
    if (kv->type == QX_GGUF_ARRAY) {
        int rc = qx_gguf_cur_u32(c, &kv->arr_type, what);
        if (rc)
            return rc;
        if (kv->arr_type >= QX_GGUF_VTYPE_COUNT || kv->arr_type == QX_GGUF_ARRAY)
            return qx_gguf_cur_fail(
                c, "gguf.type", "key '%s': invalid GGUF type %u for array elements%s", key, kv->arr_type,
                kv->arr_type == QX_GGUF_ARRAY ? " (arrays of arrays are not supported)" : "");
        if ((rc = qx_gguf_cur_u64(c, &kv->count, what)))
            return rc;
        /* Rule 7: bounded count, and enough bytes for it before any loop. */
        if (kv->count > QX_GGUF_MAX_ARRAY)
            return qx_gguf_cur_fail(c, "gguf.array",
                                    "key '%s': array of %llu elements exceeds the limit of %llu", key,
                                    (unsigned long long)kv->count, (unsigned long long)QX_GGUF_MAX_ARRAY);
        uint64_t esize = kv->arr_type == QX_GGUF_STRING ? 8 : qx_gguf_vtype_size(kv->arr_type);
        if (kv->count * esize > qx_gguf_cur_left(c))
            return qx_gguf_cur_fail(
                c, "gguf.array",
                "key '%s': array of %llu elements (at least %llu bytes) exceeds remaining file "
                "size %llu bytes",
                key, (unsigned long long)kv->count, (unsigned long long)(kv->count * esize),
                (unsigned long long)qx_gguf_cur_left(c));
        kv->val_off = (size_t)c->pos;
        if (kv->arr_type == QX_GGUF_STRING) {
            for (uint64_t i = 0; i < kv->count; i++) {
                uint64_t off, n;
                if ((rc = qx_gguf_cur_string(c, &off, &n, what)))
                    return rc;
            }
        } else {
            c->pos += kv->count * esize;
        }
        return 0;
    }
    kv->val_off = (size_t)c->pos;
    if (kv->type == QX_GGUF_STRING) {
        uint64_t off, n;
        return qx_gguf_cur_string(c, &off, &n, what);
    }
    uint64_t esize = qx_gguf_vtype_size(kv->type);
    int rc = qx_gguf_cur_need(c, esize, what);
    if (rc)
        return rc;
    if (kv->type == QX_GGUF_BOOL && c->p[c->pos] > 1)
        qx_gguf_cur_warn(c, "gguf.bool", "key '%s': bool byte %u is neither 0 nor 1 (read as true)", key,
                         c->p[c->pos]);
    c->pos += esize;
    return 0;
}

static int has_nul(const unsigned char *p, uint64_t n)
{
    return memchr(p, 0, (size_t)n) != NULL;
}

struct named {
    const char *name;
    size_t idx;
};

static int cmp_named(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Builds an index sorted by name; returns the later index of the first
 * duplicate found, or SIZE_MAX. */
static size_t sort_index(size_t **out, struct qx_gguf *g, size_t n, int tensors)
{
    struct named *v = qx_calloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i].name = tensors ? g->tensors[i].name : g->kv[i].key;
        v[i].idx = i;
    }
    qsort(v, n, sizeof *v, cmp_named);
    size_t *ix = qx_calloc(n ? n : 1, sizeof *ix);
    size_t dup = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        ix[i] = v[i].idx;
        if (i && dup == SIZE_MAX && strcmp(v[i - 1].name, v[i].name) == 0)
            dup = v[i].idx;
    }
    free(v);
    *out = ix;
    return dup;
}

static int parse_header(struct qx_gguf_cur *c)
{
    struct qx_gguf *g = c->g;
    /* Rule 1 */
    if (c->len < 4 || memcmp(c->p, "GGUF", 4) != 0) {
        if (c->len < 4)
            return qx_gguf_cur_fail(c, "gguf.magic", "file of %llu bytes is too small to be GGUF",
                                    (unsigned long long)c->len);
        struct qx_buf b;
        qx_buf_init(&b);
        qx_gguf_escape(&b, (const char *)c->p, 4);
        int rc = qx_gguf_cur_fail(c, "gguf.magic", "invalid magic characters '%s' (not a GGUF file)", b.data);
        qx_buf_release(&b);
        return rc;
    }
    c->pos = 4;
    /* Rule 2 */
    int rc = qx_gguf_cur_u32(c, &g->version, "the version");
    if (rc)
        return rc;
    if (g->version == 0)
        return qx_gguf_cur_fail(c, "gguf.version", "bad GGUF version 0");
    if ((g->version & 0xFFFF) == 0)
        return qx_gguf_cur_fail(
            c, "gguf.endian", "version field 0x%08x is byte-swapped: big-endian GGUF files are not supported",
            g->version);
    if (g->version == 1)
        return qx_gguf_cur_fail(c, "gguf.version", "GGUFv1 is no longer supported");
    if (g->version > 3)
        return qx_gguf_cur_fail(c, "gguf.version", "GGUF version %u is newer than this build supports (3)",
                                g->version);
    /* Rule 3: signed counts, bounded by the minimum encoded sizes. */
    uint64_t nt, nkv;
    if ((rc = qx_gguf_cur_u64(c, &nt, "the tensor count")) ||
        (rc = qx_gguf_cur_u64(c, &nkv, "the key-value count")))
        return rc;
    if (nt > (uint64_t)INT64_MAX || nkv > (uint64_t)INT64_MAX)
        return qx_gguf_cur_fail(c, "gguf.count", "negative count (tensors %lld, key-value pairs %lld)",
                                (long long)nt, (long long)nkv);
    if (nkv > qx_gguf_cur_left(c) / 14)
        return qx_gguf_cur_fail(
            c, "gguf.count",
            "%llu key-value pairs cannot fit in the remaining %llu bytes (14 bytes each at least)",
            (unsigned long long)nkv, (unsigned long long)qx_gguf_cur_left(c));
    g->kv = qx_calloc(nkv ? (size_t)nkv : 1, sizeof *g->kv);
    for (uint64_t i = 0; i < nkv; i++) {
        struct qx_gguf_kv *kv = &g->kv[i];
        kv->off = (size_t)c->pos;
        uint64_t koff, klen;
        char what[48];
        snprintf(what, sizeof what, "the key of key-value pair %llu", (unsigned long long)i);
        if ((rc = qx_gguf_cur_string(c, &koff, &klen, what)))
            return rc;
        g->n_kv = (size_t)i + 1; /* from here kv->key is owned and released */
        if (klen == 0)           /* Rule 5 */
            return qx_gguf_cur_fail(c, "gguf.key", "key %llu is empty", (unsigned long long)i);
        if (has_nul(c->p + koff, klen))
            return qx_gguf_cur_fail(c, "gguf.key", "key %llu contains a NUL byte", (unsigned long long)i);
        kv->key = qx_strndup((const char *)c->p + koff, (size_t)klen);
        if ((rc = qx_gguf_cur_u32(c, &kv->type, "a value type")))
            return rc;
        if (kv->type >= QX_GGUF_VTYPE_COUNT) /* Rule 6 */
            return qx_gguf_cur_fail(c, "gguf.type", "key '%s': invalid GGUF type %u", kv->key, kv->type);
        if ((rc = parse_value(c, kv, kv->key)))
            return rc;
        kv->len = (size_t)(c->pos - kv->off);
    }
    size_t dup = sort_index(&g->kv_sorted, g, g->n_kv, 0);
    if (dup != SIZE_MAX)
        return qx_gguf_cur_fail(c, "gguf.key", "duplicate key '%s'", g->kv[dup].key);
    /* Rule 8 */
    g->alignment = QX_GGUF_DEFAULT_ALIGNMENT;
    const struct qx_gguf_kv *al = qx_gguf_kv_find(g, "general.alignment");
    if (al) {
        if (al->type != QX_GGUF_U32)
            return qx_gguf_cur_fail(c, "gguf.alignment", "general.alignment must be of type u32, not %s",
                                    qx_gguf_vtype_name(al->type));
        uint32_t a = qx_gguf_rd32(c->p + al->val_off);
        if (a == 0 || (a & (a - 1)) != 0)
            return qx_gguf_cur_fail(c, "gguf.alignment",
                                    "general.alignment %u is not a non-zero power of two", a);
        g->alignment = a;
    }
    if (nt > qx_gguf_cur_left(c) / 24)
        return qx_gguf_cur_fail(
            c, "gguf.count",
            "%llu tensor infos cannot fit in the remaining %llu bytes (24 bytes each at least)",
            (unsigned long long)nt, (unsigned long long)qx_gguf_cur_left(c));
    g->tensors = qx_calloc(nt ? (size_t)nt : 1, sizeof *g->tensors);
    g->infos_off = (size_t)c->pos;
    return qx_gguf_parse_infos(c, nt);
}

int qx_gguf_parse(struct qx_gguf **out, const char *name, const void *data, size_t len, struct qx_diags *d)
{
    struct qx_gguf *g = qx_calloc(1, sizeof *g);
    g->path = qx_strdup(name);
    g->data = data;
    g->size = len;
    struct qx_gguf_cur c = {.p = data, .len = len, .pos = 0, .g = g, .d = d};
    int rc = parse_header(&c);
    if (rc) {
        qx_gguf_close(g);
        *out = NULL;
        return rc;
    }
    *out = g;
    return 0;
}

int qx_gguf_open(struct qx_gguf **out, const char *path, struct qx_diags *d)
{
    struct qx_map m;
    *out = NULL;
    int rc = qx_file_map(&m, path, d);
    if (rc)
        return rc;
    rc = qx_gguf_parse(out, path, m.data, m.len, d);
    if (rc) {
        qx_file_unmap(&m);
        return rc;
    }
    (*out)->map = m;
    return 0;
}

void qx_gguf_close(struct qx_gguf *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_kv; i++)
        free(g->kv[i].key);
    for (size_t i = 0; i < g->n_tensors; i++)
        free(g->tensors[i].name);
    free(g->kv);
    free(g->tensors);
    free(g->kv_sorted);
    free(g->t_sorted);
    free(g->path);
    qx_file_unmap(&g->map);
    free(g);
}

/* Sorted-index lookups. */
const struct qx_gguf_kv *qx_gguf_kv_find(const struct qx_gguf *g, const char *key)
{
    size_t lo = 0, hi = g->kv_sorted ? g->n_kv : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->kv[g->kv_sorted[mid]].key, key);
        if (c == 0)
            return &g->kv[g->kv_sorted[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct qx_gguf_tensor *qx_gguf_tensor_find(const struct qx_gguf *g, const char *name)
{
    size_t lo = 0, hi = g->t_sorted ? g->n_tensors : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->tensors[g->t_sorted[mid]].name, name);
        if (c == 0)
            return &g->tensors[g->t_sorted[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t qx_gguf_sort_tensors(struct qx_gguf *g)
{
    return sort_index(&g->t_sorted, g, g->n_tensors, 1);
}
