/* gguf/infos: tensor infos and the data section, rules 9-16 of GGUF.md
 * §1.4 (ggml-org/ggml src/gguf.cpp; rule 16 from llama.cpp
 * src/llama-model-loader.cpp). Depends on quant for block sizes.
 *
 * Invariants: no multiplication of file values without a division check;
 * a tensor whose type id is newer than this build (>= 43) gets its size
 * from the next tensor's offset (or the end of the file) and a warning,
 * since nothing else can bound it; removed ids are errors. */
#include <stdio.h>
#include <string.h>

#include "gguf_impl.h"
#include "qexplain/quant.h"

static int parse_info(struct qx_gguf_cur *c, struct qx_gguf_tensor *t, uint64_t i)
{
    char what[48];
    snprintf(what, sizeof what, "tensor info %llu", (unsigned long long)i);
    uint64_t noff, nlen;
    int rc = qx_gguf_cur_string(c, &noff, &nlen, what);
    if (rc)
        return rc;
    /* Rule 9 (length; uniqueness is checked after the loop) */
    if (nlen > QX_GGUF_MAX_NAME)
        return qx_gguf_cur_fail(c, "gguf.name", "tensor %llu: name of %llu bytes exceeds %d bytes",
                                (unsigned long long)i, (unsigned long long)nlen, QX_GGUF_MAX_NAME);
    if (memchr(c->p + noff, 0, (size_t)nlen))
        return qx_gguf_cur_fail(c, "gguf.name", "tensor %llu: name contains a NUL byte",
                                (unsigned long long)i);
    t->name = qx_strndup((const char *)c->p + noff, (size_t)nlen);
    if ((rc = qx_gguf_cur_u32(c, &t->n_dims, what)))
        return rc;
    /* Rule 10 */
    if (t->n_dims > QX_GGUF_MAX_DIMS)
        return qx_gguf_cur_fail(c, "gguf.dims", "tensor '%s': %u dimensions exceed the maximum of %d",
                                t->name, t->n_dims, QX_GGUF_MAX_DIMS);
    for (int j = 0; j < QX_GGUF_MAX_DIMS; j++)
        t->ne[j] = 1;
    for (uint32_t j = 0; j < t->n_dims; j++) {
        if ((rc = qx_gguf_cur_u64(c, &t->ne[j], what)))
            return rc;
        if (t->ne[j] > (uint64_t)INT64_MAX)
            return qx_gguf_cur_fail(c, "gguf.dims", "tensor '%s': dimension %u is negative (%lld)", t->name,
                                    j, (long long)t->ne[j]);
    }
    uint64_t n = 1;
    for (int j = 0; j < QX_GGUF_MAX_DIMS; j++) {
        if (t->ne[j] && n > (uint64_t)INT64_MAX / t->ne[j])
            return qx_gguf_cur_fail(c, "gguf.dims", "tensor '%s': element count overflows int64", t->name);
        n *= t->ne[j];
    }
    t->nelem = n;
    if ((rc = qx_gguf_cur_u32(c, &t->type, what)))
        return rc;
    /* Rule 11 */
    const struct qx_type_info *ti = qx_quant_type(t->type);
    if (ti && ti->blck == 0)
        return qx_gguf_cur_fail(c, "gguf.type",
                                "tensor '%s': ggml type %u was removed from GGUF and has no layout", t->name,
                                t->type);
    t->known = ti != NULL;
    if (!ti)
        qx_gguf_cur_warn(c, "gguf.type.unknown",
                         "tensor '%s': unknown ggml type %u (newer than this build); llama.cpp of "
                         "this build would reject the file",
                         t->name, t->type);
    if (ti) {
        /* Rule 12 */
        if (t->ne[0] % ti->blck != 0)
            return qx_gguf_cur_fail(
                c, "gguf.block", "tensor '%s': row length %llu is not a multiple of block size %u (%s)",
                t->name, (unsigned long long)t->ne[0], ti->blck, qx_quant_type_display(t->type));
        /* Rule 13: nbytes = ne0/blck * size * ne1*ne2*ne3, checked */
        uint64_t rows = t->ne[0] ? n / t->ne[0] : 0;
        uint64_t row_bytes = t->ne[0] / ti->blck * ti->size;
        if (rows && row_bytes > UINT64_MAX / 2 / rows)
            return qx_gguf_cur_fail(c, "gguf.size", "tensor '%s': byte size overflows", t->name);
        t->nbytes = row_bytes * rows;
    }
    return qx_gguf_cur_u64(c, &t->offset, what);
}

/* Rules 14-16 on the parsed infos. */
static int check_data(struct qx_gguf_cur *c)
{
    struct qx_gguf *g = c->g;
    uint64_t a = g->alignment;
    g->data_offset = g->infos_end;
    if (g->n_tensors == 0)
        return 0;
    g->data_offset = qx_gguf_pad(g->infos_end, a);
    if (g->data_offset > c->len) /* Rule 14 */
        return qx_gguf_cur_fail(c, "gguf.truncated",
                                "data section starts at byte %llu, past the end of the file (%llu bytes)",
                                (unsigned long long)g->data_offset, (unsigned long long)c->len);
    for (uint64_t b = g->infos_end; b < g->data_offset; b++) {
        if (c->p[b]) {
            qx_gguf_cur_warn(c, "gguf.padding", "non-zero padding byte at %llu before the data section",
                             (unsigned long long)b);
            break;
        }
    }
    uint64_t avail = c->len - g->data_offset;
    uint64_t expect = 0;
    int expect_known = 1;
    for (size_t i = 0; i < g->n_tensors; i++) {
        struct qx_gguf_tensor *t = &g->tensors[i];
        /* Rule 15: exactly sequential offsets (unknown sizes: monotonic and aligned) */
        if (expect_known ? t->offset != expect : (t->offset < expect || t->offset % a))
            return qx_gguf_cur_fail(c, "gguf.offset", "tensor '%s' has offset %llu, expected %llu", t->name,
                                    (unsigned long long)t->offset, (unsigned long long)expect);
        if (i && !g->tensors[i - 1].known)
            g->tensors[i - 1].nbytes = t->offset - g->tensors[i - 1].offset;
        if (!t->known) {
            if (t->offset > avail)
                return qx_gguf_cur_fail(
                    c, "gguf.bounds", "tensor '%s': data starts past end of file (offset %llu, file %llu)",
                    t->name, (unsigned long long)(g->data_offset + t->offset), (unsigned long long)c->len);
            t->nbytes = avail - t->offset; /* refined by the next tensor */
            expect = t->offset;
            expect_known = 0;
            continue;
        }
        /* Rule 16: data inside the file, overflow-checked */
        if (t->offset > avail || t->nbytes > avail - t->offset)
            return qx_gguf_cur_fail(
                c, "gguf.bounds",
                "tensor '%s': data ends past end of file (offset %llu, size %llu, file %llu)", t->name,
                (unsigned long long)(g->data_offset + t->offset), (unsigned long long)t->nbytes,
                (unsigned long long)c->len);
        expect = t->offset + qx_gguf_pad(t->nbytes, a);
        expect_known = 1;
    }
    if (expect_known && expect < avail)
        qx_gguf_cur_warn(c, "gguf.trailing", "%llu trailing bytes after the last tensor's data",
                         (unsigned long long)(avail - expect));
    return 0;
}

int qx_gguf_parse_infos(struct qx_gguf_cur *c, uint64_t n)
{
    struct qx_gguf *g = c->g;
    for (uint64_t i = 0; i < n; i++) {
        g->n_tensors = (size_t)i + 1;
        int rc = parse_info(c, &g->tensors[i], i);
        if (rc)
            return rc;
    }
    size_t dup = qx_gguf_sort_tensors(g);
    if (dup != SIZE_MAX) /* Rule 9 (uniqueness) */
        return qx_gguf_cur_fail(c, "gguf.name", "duplicate tensor name '%s'", g->tensors[dup].name);
    g->infos_end = (size_t)c->pos;
    return check_data(c);
}
