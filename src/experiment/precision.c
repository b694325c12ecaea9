/* experiment/precision: what precision the weights already have (GGUF.md
 * §5): per tensor and per role (name without "blk.N." and ".weight"), the
 * storage type, BF16/F16 exactness, mantissa bits used, exponent range and
 * special values, and a verdict that says in advance when a fake
 * quantization would change nothing (the seed experiment's lesson: norm
 * weights of BF16 checkpoints are already BF16-exact). Tensors stream
 * through a bounded buffer. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/experiment.h"
#include "qexplain/json.h"

static int is_float_storage(uint32_t t)
{
    return t == QX_TYPE_F32 || t == QX_TYPE_F16 || t == QX_TYPE_BF16;
}

static struct qx_prec_group *group_for(struct qx_precision *p, const char *role, size_t *cap)
{
    for (size_t i = 0; i < p->ng; i++)
        if (strcmp(p->g[i].role, role) == 0)
            return &p->g[i];
    p->g = qx_grow(p->g, cap, p->ng + 1, sizeof *p->g);
    struct qx_prec_group *g = &p->g[p->ng++];
    memset(g, 0, sizeof *g);
    g->role = qx_strdup(role);
    qx_stats_init(&g->st);
    return g;
}

int qx_precision_run(struct qx_precision *out, const struct qx_gguf *g, const struct qx_gguf_select *sel,
                     struct qx_diags *d)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, gcap = 0;
    float *buf = NULL;
    size_t buf_n = 0;
    for (size_t i = 0; i < g->n_tensors; i++) {
        const struct qx_gguf_tensor *t = &g->tensors[i];
        if (sel && !qx_gguf_select_match(sel, t))
            continue;
        out->t = qx_grow(out->t, &cap, out->n + 1, sizeof *out->t);
        struct qx_prec_tensor *pt = &out->t[out->n++];
        memset(pt, 0, sizeof *pt);
        pt->index = i;
        qx_stats_init(&pt->st);
        const struct qx_type_info *ti = t->known ? qx_quant_type(t->type) : NULL;
        pt->decoded = ti && ti->can_dequant;
        if (pt->decoded && t->nelem) {
            uint64_t rows = t->nelem / t->ne[0], step = qx_gguf_chunk_rows(t, QX_EXP_CHUNK);
            size_t need = (size_t)(step * t->ne[0]);
            if (need > buf_n) {
                free(buf);
                buf = qx_malloc(need * sizeof *buf);
                buf_n = need;
            }
            for (uint64_t r = 0; r < rows; r += step) {
                uint64_t k = rows - r < step ? rows - r : step;
                qx_gguf_rows_to_f32(buf, g, t, r, k, d);
                qx_stats_add(&pt->st, buf, (size_t)(k * t->ne[0]));
            }
        }
        pt->bf16_all = pt->decoded && pt->st.bf16_exact == pt->st.n;
        pt->f16_all = pt->decoded && pt->st.f16_exact == pt->st.n;
        char *role = qx_gguf_role(t->name);
        struct qx_prec_group *grp = group_for(out, role, &gcap);
        free(role);
        if (grp->n == 0)
            grp->type = t->type;
        else if (grp->type != t->type)
            grp->mixed = 1;
        grp->n++;
        grp->decoded += (size_t)pt->decoded;
        grp->bf16_all += (size_t)pt->bf16_all;
        grp->f16_all += (size_t)pt->f16_all;
        grp->quantized += (size_t)!is_float_storage(t->type);
        qx_stats_merge(&grp->st, &pt->st);
    }
    free(buf);
    return 0;
}

void qx_precision_release(struct qx_precision *p)
{
    for (size_t i = 0; i < p->ng; i++)
        free(p->g[i].role);
    free(p->g);
    free(p->t);
    memset(p, 0, sizeof *p);
}

char *qx_precision_verdict(const struct qx_prec_group *grp)
{
    char buf[16];
    if (grp->quantized == grp->n)
        return qx_asprintf("%s: %zu/%zu tensors stored as %s%s — already quantized; fake "
                           "quantization needs float storage",
                           grp->role, grp->n, grp->n, qx_gguf_type_label(grp->type, buf, sizeof buf),
                           grp->mixed ? " and other quantized types" : "");
    if (grp->st.nans || grp->st.infs)
        return qx_asprintf("%s: contains %llu NaN and %llu Inf values — fake quantization refuses it",
                           grp->role, (unsigned long long)grp->st.nans, (unsigned long long)grp->st.infs);
    if (grp->bf16_all == grp->n)
        return qx_asprintf("%s: %zu/%zu tensors already BF16-exact — fake BF16 quantization will "
                           "change nothing",
                           grp->role, grp->bf16_all, grp->n);
    if (grp->f16_all == grp->n)
        return qx_asprintf("%s: %zu/%zu tensors already F16-exact — fake F16 quantization will "
                           "change nothing",
                           grp->role, grp->f16_all, grp->n);
    if (grp->bf16_all)
        return qx_asprintf("%s: %zu/%zu tensors already BF16-exact — fake BF16 quantization changes "
                           "only the other %zu",
                           grp->role, grp->bf16_all, grp->n, grp->n - grp->bf16_all);
    return qx_asprintf("%s: 0/%zu tensors BF16-exact, up to %u mantissa bits used — full precision, "
                       "fake quantization will change values",
                       grp->role, grp->n, qx_stats_max_mant(&grp->st));
}

static cJSON *stats_json(const struct qx_stats *st)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "values", (double)st->n);
    cJSON_AddNumberToObject(o, "bf16_exact", (double)st->bf16_exact);
    cJSON_AddNumberToObject(o, "f16_exact", (double)st->f16_exact);
    cJSON_AddNumberToObject(o, "max_mantissa_bits", qx_stats_max_mant(st));
    cJSON *h = cJSON_AddArrayToObject(o, "mantissa_bits_histogram");
    for (int i = 0; i < 24; i++)
        cJSON_AddItemToArray(h, cJSON_CreateNumber((double)st->mant_hist[i]));
    cJSON_AddItemToObject(o, "exponent_min",
                          st->have_exp ? cJSON_CreateNumber(st->exp_min) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "exponent_max",
                          st->have_exp ? cJSON_CreateNumber(st->exp_max) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "min", st->have_minmax ? qx_exp_num(st->min) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "max", st->have_minmax ? qx_exp_num(st->max) : cJSON_CreateNull());
    cJSON_AddNumberToObject(o, "zeros", (double)st->zeros);
    cJSON_AddNumberToObject(o, "subnormals", (double)st->subnormals);
    cJSON_AddNumberToObject(o, "inf", (double)st->infs);
    cJSON_AddNumberToObject(o, "nan", (double)st->nans);
    cJSON_AddNumberToObject(o, "f16_overflow", (double)st->f16_overflow);
    return o;
}

static void pct(struct qx_buf *out, uint64_t k, uint64_t n)
{
    qx_buf_addf(out, "%6.2f%%", n ? 100.0 * (double)k / (double)n : 0.0);
}

void qx_precision_render(struct qx_buf *out, const struct qx_precision *p, const struct qx_gguf *g, int json)
{
    char buf[16];
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "file", g->path);
        cJSON *ts = cJSON_AddArrayToObject(root, "tensors");
        for (size_t i = 0; i < p->n; i++) {
            const struct qx_gguf_tensor *t = &g->tensors[p->t[i].index];
            cJSON *o = stats_json(&p->t[i].st);
            cJSON_AddStringToObject(o, "name", t->name);
            cJSON_AddStringToObject(o, "type", qx_gguf_type_label(t->type, buf, sizeof buf));
            cJSON_AddBoolToObject(o, "decoded", p->t[i].decoded);
            cJSON_AddItemToArray(ts, o);
        }
        cJSON *gs = cJSON_AddArrayToObject(root, "groups");
        for (size_t i = 0; i < p->ng; i++) {
            const struct qx_prec_group *grp = &p->g[i];
            cJSON *o = stats_json(&grp->st);
            cJSON_AddStringToObject(o, "role", grp->role);
            cJSON_AddNumberToObject(o, "tensors", (double)grp->n);
            cJSON_AddNumberToObject(o, "tensors_bf16_exact", (double)grp->bf16_all);
            cJSON_AddNumberToObject(o, "tensors_f16_exact", (double)grp->f16_all);
            cJSON_AddNumberToObject(o, "tensors_quantized", (double)grp->quantized);
            char *v = qx_precision_verdict(grp);
            cJSON_AddStringToObject(o, "verdict", v);
            free(v);
            cJSON_AddItemToArray(gs, o);
        }
        qx_json_emit(out, root);
        return;
    }
    qx_buf_addf(out, "%-32s %-6s %10s %8s %8s %4s %9s %8s %5s %5s\n", "tensor", "type", "values", "bf16-ex",
                "f16-ex", "mant", "exponent", "zeros", "inf", "nan");
    for (size_t i = 0; i < p->n; i++) {
        const struct qx_prec_tensor *pt = &p->t[i];
        const struct qx_gguf_tensor *t = &g->tensors[pt->index];
        qx_buf_addf(out, "%-32s %-6s ", t->name, qx_gguf_type_label(t->type, buf, sizeof buf));
        if (!pt->decoded) {
            qx_buf_addf(out, "%10llu (no decoder for this type)\n", (unsigned long long)t->nelem);
            continue;
        }
        qx_buf_addf(out, "%10llu ", (unsigned long long)pt->st.n);
        pct(out, pt->st.bf16_exact, pt->st.n);
        qx_buf_addc(out, ' ');
        pct(out, pt->st.f16_exact, pt->st.n);
        char exp[24] = "-";
        if (pt->st.have_exp)
            snprintf(exp, sizeof exp, "%d..%d", pt->st.exp_min, pt->st.exp_max);
        qx_buf_addf(out, " %4u %9s %8llu %5llu %5llu\n", qx_stats_max_mant(&pt->st), exp,
                    (unsigned long long)pt->st.zeros, (unsigned long long)pt->st.infs,
                    (unsigned long long)pt->st.nans);
    }
    qx_buf_addf(out, "\nverdicts (%zu groups):\n", p->ng);
    for (size_t i = 0; i < p->ng; i++) {
        char *v = qx_precision_verdict(&p->g[i]);
        qx_buf_addf(out, "  %s\n", v);
        free(v);
    }
}
