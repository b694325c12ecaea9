/* experiment/inspect: the header summary of `gguf inspect`: metadata,
 * type distribution and effective bits per weight (Σ bytes·8 / Σ elements,
 * as gguf-py's gguf_dump.py --markdown computes it) per tensor group. Reads
 * only what the reader parsed: no tensor data is touched. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/experiment.h"
#include "qexplain/json.h"

struct tally {
    uint64_t tensors, elements, bytes;
};

static double bpw(const struct tally *t)
{
    return t->elements ? (double)t->bytes * 8.0 / (double)t->elements : 0.0;
}

static void shape(struct qx_buf *b, const struct qx_gguf_tensor *t)
{
    qx_buf_addc(b, '[');
    for (uint32_t j = 0; j < t->n_dims; j++)
        qx_buf_addf(b, "%s%llu", j ? ", " : "", (unsigned long long)t->ne[j]);
    qx_buf_addc(b, ']');
}

/* Type tallies indexed by type id; unknown ids share the last slot. */
#define NSLOTS (QX_TYPE_COUNT + 1)
static size_t slot_of(uint32_t type)
{
    return type < QX_TYPE_COUNT ? type : QX_TYPE_COUNT;
}

static void tally_all(const struct qx_gguf *g, struct tally *types, struct tally *groups, struct tally *total)
{
    memset(types, 0, NSLOTS * sizeof *types);
    memset(groups, 0, QX_GROUP_COUNT * sizeof *groups);
    memset(total, 0, sizeof *total);
    for (size_t i = 0; i < g->n_tensors; i++) {
        const struct qx_gguf_tensor *t = &g->tensors[i];
        struct tally *ts[3] = {&types[slot_of(t->type)], &groups[qx_gguf_group_of(t)], total};
        for (int k = 0; k < 3; k++) {
            ts[k]->tensors++;
            ts[k]->elements += t->nelem;
            ts[k]->bytes += t->nbytes;
        }
    }
}

static cJSON *tally_json(const struct tally *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "tensors", (double)t->tensors);
    cJSON_AddNumberToObject(o, "elements", (double)t->elements);
    cJSON_AddNumberToObject(o, "bytes", (double)t->bytes);
    cJSON_AddNumberToObject(o, "bpw", qx_exp_round(bpw(t), 4));
    return o;
}

static void render_json(struct qx_buf *out, const struct qx_gguf *g, int tensors, const struct tally *types,
                        const struct tally *groups, const struct tally *total)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "file", g->path);
    cJSON_AddNumberToObject(root, "version", g->version);
    cJSON_AddNumberToObject(root, "alignment", g->alignment);
    cJSON_AddNumberToObject(root, "data_offset", (double)g->data_offset);
    cJSON_AddNumberToObject(root, "size", (double)g->size);
    cJSON *meta = cJSON_AddArrayToObject(root, "metadata");
    for (size_t i = 0; i < g->n_kv; i++)
        cJSON_AddItemToArray(meta, qx_exp_kv_json(g, &g->kv[i]));
    cJSON *tt = cJSON_AddObjectToObject(root, "types");
    for (size_t s = 0; s < NSLOTS; s++) {
        if (!types[s].tensors)
            continue;
        cJSON_AddItemToObject(tt, s < QX_TYPE_COUNT ? qx_quant_type_display((uint32_t)s) : "unknown",
                              tally_json(&types[s]));
    }
    cJSON *gg = cJSON_AddObjectToObject(root, "groups");
    for (int k = 0; k < QX_GROUP_COUNT; k++)
        if (groups[k].tensors)
            cJSON_AddItemToObject(gg, qx_gguf_group_name((enum qx_gguf_group)k), tally_json(&groups[k]));
    cJSON_AddItemToObject(root, "total", tally_json(total));
    if (tensors) {
        cJSON *arr = cJSON_AddArrayToObject(root, "tensors");
        for (size_t i = 0; i < g->n_tensors; i++) {
            const struct qx_gguf_tensor *t = &g->tensors[i];
            char buf[16];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", t->name);
            cJSON_AddStringToObject(o, "type", qx_gguf_type_label(t->type, buf, sizeof buf));
            cJSON *sh = cJSON_AddArrayToObject(o, "shape");
            for (uint32_t j = 0; j < t->n_dims; j++)
                cJSON_AddItemToArray(sh, cJSON_CreateNumber((double)t->ne[j]));
            cJSON_AddNumberToObject(o, "elements", (double)t->nelem);
            cJSON_AddNumberToObject(o, "bytes", (double)t->nbytes);
            cJSON_AddNumberToObject(o, "offset", (double)(g->data_offset + t->offset));
            cJSON_AddStringToObject(o, "group", qx_gguf_group_name(qx_gguf_group_of(t)));
            cJSON_AddItemToArray(arr, o);
        }
    }
    qx_json_emit(out, root);
}

static void tally_line(struct qx_buf *out, const char *name, const struct tally *t)
{
    qx_buf_addf(out, "  %-13s %7llu %14llu %15llu %9.4f\n", name, (unsigned long long)t->tensors,
                (unsigned long long)t->elements, (unsigned long long)t->bytes, bpw(t));
}

void qx_inspect_render(struct qx_buf *out, const struct qx_gguf *g, int json, int tensors)
{
    struct tally types[NSLOTS], groups[QX_GROUP_COUNT], total;
    tally_all(g, types, groups, &total);
    if (json) {
        render_json(out, g, tensors, types, groups, &total);
        return;
    }
    qx_buf_addf(out, "file: %s\n", g->path);
    qx_buf_addf(out, "GGUF version %u, alignment %u, data offset %llu, file size %llu bytes\n", g->version,
                g->alignment, (unsigned long long)g->data_offset, (unsigned long long)g->size);
    qx_buf_addf(out, "\nmetadata (%zu keys):\n", g->n_kv);
    for (size_t i = 0; i < g->n_kv; i++) {
        qx_buf_adds(out, "  ");
        qx_gguf_escape(out, g->kv[i].key, strlen(g->kv[i].key));
        qx_buf_addf(out, " (%s) = ", qx_gguf_vtype_name(g->kv[i].type));
        qx_gguf_kv_format(out, g, &g->kv[i], 8);
        qx_buf_addc(out, '\n');
    }
    qx_buf_addf(out, "\ntypes:          tensors       elements           bytes       bpw\n");
    for (size_t s = 0; s < NSLOTS; s++)
        if (types[s].tensors)
            tally_line(out, s < QX_TYPE_COUNT ? qx_quant_type_display((uint32_t)s) : "unknown", &types[s]);
    qx_buf_addf(out, "\ngroups:         tensors       elements           bytes       bpw\n");
    for (int k = 0; k < QX_GROUP_COUNT; k++)
        if (groups[k].tensors)
            tally_line(out, qx_gguf_group_name((enum qx_gguf_group)k), &groups[k]);
    tally_line(out, "total", &total);
    if (!tensors)
        return;
    qx_buf_addf(out, "\ntensors:\n");
    for (size_t i = 0; i < g->n_tensors; i++) {
        const struct qx_gguf_tensor *t = &g->tensors[i];
        char buf[16];
        qx_buf_addf(out, "  %4zu %-32s %-7s ", i, t->name, qx_gguf_type_label(t->type, buf, sizeof buf));
        struct qx_buf sh;
        qx_buf_init(&sh);
        shape(&sh, t);
        qx_buf_addf(out, "%-16s %12llu elements %12llu bytes at %llu\n", sh.data,
                    (unsigned long long)t->nelem, (unsigned long long)t->nbytes,
                    (unsigned long long)(g->data_offset + t->offset));
        qx_buf_release(&sh);
    }
}
