/* gguf/tensor: access to tensor data in the mapping and decoding to F32
 * through quant. Only these functions touch tensor bytes; the reader never
 * does, so `inspect` pages in the header alone. */
#include <stdio.h>

#include "gguf_impl.h"
#include "qexplain/quant.h"

const unsigned char *qx_gguf_tensor_data(const struct qx_gguf *g, const struct qx_gguf_tensor *t)
{
    return g->data + g->data_offset + t->offset;
}

const char *qx_gguf_type_label(uint32_t type, char *buf, size_t bufsize)
{
    const char *name = qx_quant_type_display(type);
    if (name)
        return name;
    snprintf(buf, bufsize, "type %u", type);
    return buf;
}

static int check_decodable(const struct qx_gguf *g, const struct qx_gguf_tensor *t, struct qx_diags *d)
{
    const struct qx_type_info *ti = t->known ? qx_quant_type(t->type) : NULL;
    if (!ti || !ti->can_dequant) {
        char buf[16];
        qx_diags_add(d, g->path, 0, 0, QX_SEV_ERROR, "gguf.decode", "tensor '%s': cannot decode type %s",
                     t->name, qx_gguf_type_label(t->type, buf, sizeof buf));
        return QX_EINPUT;
    }
    return 0;
}

int qx_gguf_tensor_to_f32(float *dst, const struct qx_gguf *g, const struct qx_gguf_tensor *t,
                          struct qx_diags *d)
{
    int rc = check_decodable(g, t, d);
    if (rc)
        return rc;
    return qx_quant_dequantize(dst, t->type, qx_gguf_tensor_data(g, t), (size_t)t->nelem);
}

int qx_gguf_rows_to_f32(float *dst, const struct qx_gguf *g, const struct qx_gguf_tensor *t, uint64_t row0,
                        uint64_t nrows, struct qx_diags *d)
{
    int rc = check_decodable(g, t, d);
    if (rc)
        return rc;
    size_t row_bytes = qx_quant_row_size(t->type, (size_t)t->ne[0]);
    return qx_quant_dequantize(dst, t->type, qx_gguf_tensor_data(g, t) + row0 * row_bytes,
                               (size_t)(nrows * t->ne[0]));
}

uint64_t qx_gguf_chunk_rows(const struct qx_gguf_tensor *t, uint64_t max_elems)
{
    uint64_t r = t->ne[0] ? max_elems / t->ne[0] : 1;
    return r ? r : 1;
}
