/* experiment/fakequant: `gguf fakequant`. Selected tensors are decoded,
 * fake-quantized row by row (quant's scheme round trip), written back in
 * their own storage type, and re-decoded to measure exactly what the file
 * now holds: the error against the original, and the double rounding the
 * write-back into F16/BF16 adds (GGUF.md §8.1; into F32 it is exact).
 * Every other byte (KVs, tensor infos, other tensors) is copied, and
 * qexplain.fake_quant.* provenance keys are appended (replacing those of
 * an earlier run, so applying the same command twice gives the same
 * file). Streams through bounded buffers; the writer is atomic. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/experiment.h"
#include "qexplain/json.h"

#define PROV_PREFIX "qexplain.fake_quant."

static int float_storage(uint32_t t)
{
    return t == QX_TYPE_F32 || t == QX_TYPE_F16 || t == QX_TYPE_BF16;
}

static char *skip_reason(const struct qx_gguf_tensor *t, const struct qx_scheme *s)
{
    char buf[16];
    if (!t->known || !float_storage(t->type))
        return qx_asprintf("stored as %s; fake quantization needs F32, F16 or BF16 storage",
                           qx_gguf_type_label(t->type, buf, sizeof buf));
    size_t blk = qx_scheme_block(s, (size_t)t->ne[0]);
    if (t->nelem == 0)
        return qx_strdup("empty tensor");
    if (t->ne[0] % blk)
        return qx_asprintf("row length %llu is not a multiple of the scheme's block of %zu",
                           (unsigned long long)t->ne[0], blk);
    return NULL;
}

struct bufs {
    float *orig, *fq, *back;
    unsigned char *bytes;
    size_t n;
};

static void bufs_need(struct bufs *b, size_t n, size_t bytes)
{
    if (n <= b->n)
        return;
    free(b->orig);
    free(b->fq);
    free(b->back);
    free(b->bytes);
    b->orig = qx_malloc(n * sizeof(float));
    b->fq = qx_malloc(n * sizeof(float));
    b->back = qx_malloc(n * sizeof(float));
    b->bytes = qx_malloc(bytes);
    b->n = n;
}

static int process(struct qx_fq_tensor *ft, struct qx_gguf_writer *w, const struct qx_gguf *g,
                   const struct qx_gguf_tensor *t, const struct qx_scheme *s, struct bufs *b,
                   struct qx_diags *d)
{
    uint64_t row = t->ne[0], rows = t->nelem / row, step = qx_gguf_chunk_rows(t, QX_EXP_CHUNK);
    bufs_need(b, (size_t)(step * row), (size_t)(step * row) * 4);
    for (uint64_t r = 0; r < rows; r += step) {
        uint64_t k = rows - r < step ? rows - r : step;
        size_t n = (size_t)(k * row);
        int rc = qx_gguf_rows_to_f32(b->orig, g, t, r, k, d);
        if (rc)
            return rc;
        for (uint64_t i = 0; i < k; i++) {
            rc = qx_scheme_roundtrip_row(s, b->fq + i * row, b->orig + i * row, (size_t)row);
            if (rc == QX_EINPUT)
                qx_diags_add(d, g->path, 0, 0, QX_SEV_ERROR, "gguf.fakequant",
                             "tensor '%s': row %llu holds NaN or Inf; refusing to quantize it", t->name,
                             (unsigned long long)(r + i));
            else if (rc)
                qx_diags_add(d, g->path, 0, 0, QX_SEV_ERROR, "gguf.fakequant",
                             "tensor '%s': row %llu overflows the scheme's range", t->name,
                             (unsigned long long)(r + i));
            if (rc)
                return QX_EINPUT;
        }
        qx_quant_quantize(b->bytes, t->type, b->fq, n);
        qx_quant_dequantize(b->back, t->type, b->bytes, n);
        for (size_t i = 0; i < n; i++) {
            if (!isfinite(b->back[i])) {
                qx_diags_add(d, g->path, 0, 0, QX_SEV_ERROR, "gguf.fakequant",
                             "tensor '%s': value %.9g at index %llu overflows %s storage", t->name,
                             (double)b->fq[i], (unsigned long long)(r * row + i),
                             qx_quant_type_display(t->type));
                return QX_EINPUT;
            }
            if (b->back[i] != b->fq[i]) {
                double e = fabs((double)b->back[i] - (double)b->fq[i]);
                ft->double_rounded++;
                if (e > ft->dr_max)
                    ft->dr_max = e;
            }
        }
        qx_errstats_add(&ft->err, b->orig, b->back, n);
        if ((rc = qx_gguf_writer_data(w, b->bytes, qx_quant_row_size(t->type, n), d)))
            return rc;
    }
    return 0;
}

static int build_header(struct qx_gguf_writer *w, const struct qx_gguf *g, const char *scheme,
                        const char *target, uint32_t processed)
{
    int rc = 0;
    for (size_t i = 0; i < g->n_kv && !rc; i++)
        if (strncmp(g->kv[i].key, PROV_PREFIX, strlen(PROV_PREFIX)) != 0)
            rc = qx_gguf_writer_kv_copy(w, g, &g->kv[i]);
    if (!rc)
        rc = qx_gguf_writer_kv_str(w, PROV_PREFIX "scheme", scheme);
    if (!rc)
        rc = qx_gguf_writer_kv_str(w, PROV_PREFIX "target", target);
    if (!rc)
        rc = qx_gguf_writer_kv_u32(w, PROV_PREFIX "tensors", processed);
    if (!rc)
        rc = qx_gguf_writer_kv_str(w, PROV_PREFIX "tool", "qexplain " QX_VERSION);
    for (size_t i = 0; i < g->n_tensors && !rc; i++)
        rc = qx_gguf_writer_tensor(w, g->tensors[i].name, g->tensors[i].n_dims, g->tensors[i].ne,
                                   g->tensors[i].type);
    return rc;
}

int qx_fakequant_run(struct qx_fakequant *out, const char *in, const char *outpath,
                     const struct qx_gguf_select *sel, const char *target_spec, const struct qx_scheme *s,
                     struct qx_diags *d)
{
    memset(out, 0, sizeof *out);
    out->scheme = qx_scheme_name(s);
    struct qx_gguf *g;
    int rc = qx_gguf_open(&g, in, d);
    if (rc)
        return rc;
    size_t cap = 0;
    for (size_t i = 0; i < g->n_tensors; i++) {
        if (!qx_gguf_select_match(sel, &g->tensors[i]))
            continue;
        out->t = qx_grow(out->t, &cap, out->n + 1, sizeof *out->t);
        struct qx_fq_tensor *ft = &out->t[out->n++];
        memset(ft, 0, sizeof *ft);
        ft->name = qx_strdup(g->tensors[i].name);
        ft->type = g->tensors[i].type;
        ft->n = g->tensors[i].nelem;
        qx_errstats_init(&ft->err);
        ft->skipped = skip_reason(&g->tensors[i], s);
        if (ft->skipped)
            out->skipped++;
        else
            out->processed++;
    }
    if (out->n == 0) {
        qx_diags_add(d, in, 0, 0, QX_SEV_ERROR, "gguf.target", "target '%s' matches no tensor", target_spec);
        qx_gguf_close(g);
        return QX_EUSAGE;
    }
    struct qx_gguf_writer w;
    qx_gguf_writer_init(&w, g->alignment);
    rc = build_header(&w, g, out->scheme, target_spec, (uint32_t)out->processed);
    if (rc) {
        qx_diags_add(d, in, 0, 0, QX_SEV_ERROR, "gguf.write", "cannot build the output header");
        rc = QX_EINTERNAL;
    }
    if (!rc)
        rc = qx_gguf_writer_begin(&w, outpath, d);
    struct bufs b = {0};
    size_t k = 0;
    for (size_t i = 0; i < g->n_tensors && !rc; i++) {
        const struct qx_gguf_tensor *t = &g->tensors[i];
        if (k < out->n && strcmp(out->t[k].name, t->name) == 0) {
            struct qx_fq_tensor *ft = &out->t[k++];
            if (!ft->skipped) {
                rc = process(ft, &w, g, t, s, &b, d);
                out->values += ft->err.n;
                out->changed += ft->err.changed;
                continue;
            }
        }
        rc = qx_gguf_writer_data(&w, qx_gguf_tensor_data(g, t), (size_t)t->nbytes, d);
    }
    if (!rc)
        rc = qx_gguf_writer_commit(&w, d);
    qx_gguf_writer_release(&w);
    free(b.orig);
    free(b.fq);
    free(b.back);
    free(b.bytes);
    qx_gguf_close(g);
    return rc;
}

void qx_fakequant_release(struct qx_fakequant *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->t[i].name);
        free(f->t[i].skipped);
    }
    free(f->t);
    free(f->scheme);
    memset(f, 0, sizeof *f);
}

void qx_fakequant_render(struct qx_buf *out, const struct qx_fakequant *f, int json)
{
    char buf[16];
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "scheme", f->scheme);
        cJSON_AddNumberToObject(root, "tensors_processed", (double)f->processed);
        cJSON_AddNumberToObject(root, "tensors_skipped", (double)f->skipped);
        cJSON_AddNumberToObject(root, "values", (double)f->values);
        cJSON_AddNumberToObject(root, "values_changed", (double)f->changed);
        cJSON *ts = cJSON_AddArrayToObject(root, "tensors");
        for (size_t i = 0; i < f->n; i++) {
            const struct qx_fq_tensor *t = &f->t[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", t->name);
            cJSON_AddStringToObject(o, "storage", qx_gguf_type_label(t->type, buf, sizeof buf));
            if (t->skipped) {
                cJSON_AddStringToObject(o, "skipped", t->skipped);
            } else {
                cJSON_AddNumberToObject(o, "values", (double)t->err.n);
                cJSON_AddNumberToObject(o, "values_changed", (double)t->err.changed);
                cJSON_AddNumberToObject(o, "sign_of_zero_flips", (double)t->err.sign_flips);
                cJSON_AddItemToObject(o, "max_abs_error", qx_exp_num(t->err.max_abs));
                cJSON_AddNumberToObject(o, "max_abs_error_index", (double)t->err.max_at);
                cJSON_AddItemToObject(o, "rmse", qx_exp_num(qx_errstats_rmse(&t->err)));
                cJSON_AddItemToObject(o, "relative_rmse", qx_exp_num(qx_errstats_rel_rmse(&t->err)));
                cJSON_AddItemToObject(o, "snr_db", qx_exp_num(qx_errstats_snr_db(&t->err)));
                cJSON_AddNumberToObject(o, "double_rounded", (double)t->double_rounded);
                cJSON_AddItemToObject(o, "double_rounding_max_error", qx_exp_num(t->dr_max));
            }
            cJSON_AddItemToArray(ts, o);
        }
        qx_json_emit(out, root);
        return;
    }
    for (size_t i = 0; i < f->n; i++) {
        const struct qx_fq_tensor *t = &f->t[i];
        qx_buf_addf(out, "%s (%s): ", t->name, qx_gguf_type_label(t->type, buf, sizeof buf));
        if (t->skipped) {
            qx_buf_addf(out, "skipped: %s\n", t->skipped);
            continue;
        }
        qx_buf_addf(out, "values changed: %llu of %llu", (unsigned long long)t->err.changed,
                    (unsigned long long)t->err.n);
        if (t->err.changed)
            qx_buf_addf(out, ", max abs error %.9g at %llu, rmse %.9g, snr %.2f dB", t->err.max_abs,
                        (unsigned long long)t->err.max_at, qx_errstats_rmse(&t->err),
                        qx_errstats_snr_db(&t->err));
        else
            qx_buf_adds(out, " (already representable in the scheme)");
        if (t->type != QX_TYPE_F32)
            qx_buf_addf(out, "; double rounding: %llu values (max %.9g)",
                        (unsigned long long)t->double_rounded, t->dr_max);
        if (t->err.sign_flips)
            qx_buf_addf(out, "; sign-of-zero flips: %llu", (unsigned long long)t->err.sign_flips);
        qx_buf_addc(out, '\n');
    }
    qx_buf_addf(out, "%s: %zu tensors fake-quantized, %zu skipped; values changed: %llu of %llu\n", f->scheme,
                f->processed, f->skipped, (unsigned long long)f->changed, (unsigned long long)f->values);
}
