/* experiment/diff: `gguf diff`. Metadata differences first (keys only in
 * one file, values that differ), then every tensor matched by name,
 * decoded to F32 in bounded chunks on both sides (the types may differ),
 * with the metrics of GGUF.md §5 in double precision, in element order. A
 * tensor is "beyond" the tolerance when its max |a - b| exceeds it (or is
 * NaN), when its shape differs or when it exists on one side only. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/experiment.h"
#include "qexplain/json.h"

static void meta_diff(struct qx_diff *df, const struct qx_gguf *a, const struct qx_gguf *b)
{
    struct qx_buf line;
    qx_buf_init(&line);
    for (size_t i = 0; i < a->n_kv; i++) {
        const struct qx_gguf_kv *ka = &a->kv[i], *kb = qx_gguf_kv_find(b, ka->key);
        if (kb && qx_gguf_kv_equal(a, ka, b, kb))
            continue;
        qx_buf_reset(&line);
        qx_buf_addf(&line, "%s %s: ", kb ? "differs" : "only in A", ka->key);
        qx_gguf_kv_format(&line, a, ka, 4);
        if (kb) {
            qx_buf_adds(&line, " vs ");
            qx_gguf_kv_format(&line, b, kb, 4);
        }
        qx_strvec_push(&df->meta, line.data);
    }
    for (size_t i = 0; i < b->n_kv; i++) {
        if (qx_gguf_kv_find(a, b->kv[i].key))
            continue;
        qx_buf_reset(&line);
        qx_buf_addf(&line, "only in B %s: ", b->kv[i].key);
        qx_gguf_kv_format(&line, b, &b->kv[i], 4);
        qx_strvec_push(&df->meta, line.data);
    }
    qx_buf_release(&line);
}

static int same_shape(const struct qx_gguf_tensor *x, const struct qx_gguf_tensor *y)
{
    return x->n_dims == y->n_dims && memcmp(x->ne, y->ne, sizeof x->ne) == 0;
}

static int decodable(const struct qx_gguf_tensor *t)
{
    return t->known && qx_quant_type(t->type)->can_dequant;
}

static struct qx_diff_tensor *add(struct qx_diff *df, size_t *cap, const char *name, enum qx_diff_status st)
{
    df->t = qx_grow(df->t, cap, df->n + 1, sizeof *df->t);
    struct qx_diff_tensor *t = &df->t[df->n++];
    memset(t, 0, sizeof *t);
    t->name = qx_strdup(name);
    t->status = st;
    qx_errstats_init(&t->e);
    t->beyond = st == QX_DIFF_ONLY_A || st == QX_DIFF_ONLY_B || st == QX_DIFF_SHAPE;
    return t;
}

int qx_diff_run(struct qx_diff *df, const struct qx_gguf *a, const struct qx_gguf *b,
                const struct qx_gguf_select *sel, double tolerance, struct qx_diags *d)
{
    memset(df, 0, sizeof *df);
    qx_strvec_init(&df->meta);
    df->tolerance = tolerance;
    meta_diff(df, a, b);
    size_t cap = 0;
    float *fa = NULL, *fb = NULL;
    size_t nbuf = 0;
    for (size_t i = 0; i < a->n_tensors; i++) {
        const struct qx_gguf_tensor *ta = &a->tensors[i];
        if (sel && !qx_gguf_select_match(sel, ta))
            continue;
        const struct qx_gguf_tensor *tb = qx_gguf_tensor_find(b, ta->name);
        if (!tb) {
            add(df, &cap, ta->name, QX_DIFF_ONLY_A)->type_a = ta->type;
            continue;
        }
        enum qx_diff_status st = !same_shape(ta, tb)                ? QX_DIFF_SHAPE
                                 : !decodable(ta) || !decodable(tb) ? QX_DIFF_UNDECODABLE
                                                                    : QX_DIFF_COMPARED;
        struct qx_diff_tensor *dt = add(df, &cap, ta->name, st);
        dt->type_a = ta->type;
        dt->type_b = tb->type;
        if (st != QX_DIFF_COMPARED || ta->nelem == 0) {
            if (st == QX_DIFF_COMPARED)
                df->compared++;
            continue;
        }
        uint64_t rows = ta->nelem / ta->ne[0], step = qx_gguf_chunk_rows(ta, QX_EXP_CHUNK);
        size_t need = (size_t)(step * ta->ne[0]);
        if (need > nbuf) {
            free(fa);
            free(fb);
            fa = qx_malloc(need * sizeof *fa);
            fb = qx_malloc(need * sizeof *fb);
            nbuf = need;
        }
        for (uint64_t r = 0; r < rows; r += step) {
            uint64_t k = rows - r < step ? rows - r : step;
            qx_gguf_rows_to_f32(fa, a, ta, r, k, d);
            qx_gguf_rows_to_f32(fb, b, tb, r, k, d);
            qx_errstats_add(&dt->e, fa, fb, (size_t)(k * ta->ne[0]));
        }
        df->compared++;
        dt->beyond = dt->e.max_abs > tolerance || isnan(dt->e.max_abs);
    }
    for (size_t i = 0; i < b->n_tensors; i++)
        if ((!sel || qx_gguf_select_match(sel, &b->tensors[i])) &&
            !qx_gguf_tensor_find(a, b->tensors[i].name))
            add(df, &cap, b->tensors[i].name, QX_DIFF_ONLY_B)->type_b = b->tensors[i].type;
    for (size_t i = 0; i < df->n; i++) {
        df->differing += df->t[i].e.changed || df->t[i].e.sign_flips || df->t[i].beyond;
        df->beyond += (size_t)df->t[i].beyond;
    }
    free(fa);
    free(fb);
    return 0;
}

void qx_diff_release(struct qx_diff *df)
{
    for (size_t i = 0; i < df->n; i++)
        free(df->t[i].name);
    free(df->t);
    qx_strvec_release(&df->meta);
    memset(df, 0, sizeof *df);
}

static const char *status_name(enum qx_diff_status s)
{
    static const char *const names[] = {"compared", "only in A", "only in B", "shape differs",
                                        "cannot decode"};
    return names[s];
}

void qx_diff_render(struct qx_buf *out, const struct qx_diff *df, int json)
{
    char b1[16], b2[16];
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *m = cJSON_AddArrayToObject(root, "metadata");
        for (size_t i = 0; i < df->meta.n; i++)
            cJSON_AddItemToArray(m, cJSON_CreateString(df->meta.items[i]));
        cJSON_AddNumberToObject(root, "tolerance", df->tolerance);
        cJSON_AddNumberToObject(root, "compared", (double)df->compared);
        cJSON_AddNumberToObject(root, "differing", (double)df->differing);
        cJSON_AddNumberToObject(root, "beyond_tolerance", (double)df->beyond);
        cJSON *ts = cJSON_AddArrayToObject(root, "tensors");
        for (size_t i = 0; i < df->n; i++) {
            const struct qx_diff_tensor *t = &df->t[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", t->name);
            cJSON_AddStringToObject(o, "status", status_name(t->status));
            cJSON_AddBoolToObject(o, "beyond_tolerance", t->beyond);
            if (t->status == QX_DIFF_COMPARED) {
                cJSON_AddStringToObject(o, "type_a", qx_gguf_type_label(t->type_a, b1, sizeof b1));
                cJSON_AddStringToObject(o, "type_b", qx_gguf_type_label(t->type_b, b2, sizeof b2));
                cJSON_AddNumberToObject(o, "values", (double)t->e.n);
                cJSON_AddNumberToObject(o, "identical", (double)t->e.identical);
                cJSON_AddNumberToObject(o, "changed", (double)t->e.changed);
                cJSON_AddItemToObject(o, "max_abs", qx_exp_num(t->e.max_abs));
                cJSON_AddNumberToObject(o, "max_abs_index", (double)t->e.max_at);
                cJSON_AddItemToObject(o, "mean_abs", qx_exp_num(qx_errstats_mean_abs(&t->e)));
                cJSON_AddItemToObject(o, "rmse", qx_exp_num(qx_errstats_rmse(&t->e)));
                cJSON_AddItemToObject(o, "relative_rmse", qx_exp_num(qx_errstats_rel_rmse(&t->e)));
                cJSON_AddItemToObject(o, "snr_db", qx_exp_num(qx_errstats_snr_db(&t->e)));
                cJSON_AddItemToObject(o, "cosine", qx_exp_num(qx_errstats_cosine(&t->e)));
            }
            cJSON_AddItemToArray(ts, o);
        }
        qx_json_emit(out, root);
        return;
    }
    qx_buf_addf(out, "metadata: %zu difference%s\n", df->meta.n, df->meta.n == 1 ? "" : "s");
    for (size_t i = 0; i < df->meta.n; i++)
        qx_buf_addf(out, "  %s\n", df->meta.items[i]);
    qx_buf_addf(out, "tensors: %zu compared, %zu differ, %zu beyond tolerance %.9g\n", df->compared,
                df->differing, df->beyond, df->tolerance);
    for (size_t i = 0; i < df->n; i++) {
        const struct qx_diff_tensor *t = &df->t[i];
        if (t->status != QX_DIFF_COMPARED) {
            qx_buf_addf(out, "  %s: %s\n", t->name, status_name(t->status));
            continue;
        }
        if (!t->e.changed && !t->e.sign_flips) {
            qx_buf_addf(out, "  %s: identical (%llu values)\n", t->name, (unsigned long long)t->e.n);
            continue;
        }
        qx_buf_addf(out,
                    "  %s (%s vs %s): %llu of %llu values differ; max abs %.9g at %llu, mean abs %.9g, "
                    "rmse %.9g, rel rmse %.9g, snr %.2f dB, cosine %.9f%s\n",
                    t->name, qx_gguf_type_label(t->type_a, b1, sizeof b1),
                    qx_gguf_type_label(t->type_b, b2, sizeof b2),
                    (unsigned long long)(t->e.changed + t->e.sign_flips), (unsigned long long)t->e.n,
                    t->e.max_abs, (unsigned long long)t->e.max_at, qx_errstats_mean_abs(&t->e),
                    qx_errstats_rmse(&t->e), qx_errstats_rel_rmse(&t->e), qx_errstats_snr_db(&t->e),
                    qx_errstats_cosine(&t->e), t->beyond ? " [beyond tolerance]" : "");
    }
}
