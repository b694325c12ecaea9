/* experiment/json_util: JSON renderings shared by the reports. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/util.h"

static cJSON *elem_json(const struct qx_gguf *g, const unsigned char *p, uint32_t type, size_t *size)
{
    struct qx_gguf_kv one = {.type = type, .count = 1, .val_off = (size_t)(p - g->data)};
    if (type == QX_GGUF_STRING) {
        size_t n;
        const char *s = qx_gguf_kv_str(g, &one, &n);
        struct qx_buf b;
        qx_buf_init(&b);
        /* JSON strings must be valid UTF-8: escape like the human output,
         * then undo the quote/backslash escaping cJSON redoes itself */
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != '"' && s[i] != '\\')
                continue;
            /* '"' and '\\' never occur inside a multi-byte sequence */
            qx_gguf_escape(&b, s + start, i - start);
            if (i < n)
                qx_buf_addc(&b, s[i]);
            start = i + 1;
        }
        *size = 8 + n;
        cJSON *j = cJSON_CreateString(b.data);
        qx_buf_release(&b);
        return j;
    }
    *size = (size_t)qx_gguf_vtype_size(type);
    if (type == QX_GGUF_BOOL)
        return cJSON_CreateBool(p[0] != 0);
    if (type == QX_GGUF_F32 || type == QX_GGUF_F64) {
        struct qx_buf b;
        qx_buf_init(&b);
        qx_gguf_kv_format(&b, g, &one, 1);
        double v = strtod(b.data, NULL);
        qx_buf_release(&b);
        return qx_exp_num(v);
    }
    int64_t v = 0;
    qx_gguf_kv_int(g, &one, &v);
    if (type == QX_GGUF_U64)
        return cJSON_CreateNumber((double)(uint64_t)v);
    return cJSON_CreateNumber((double)v);
}

cJSON *qx_exp_kv_json(const struct qx_gguf *g, const struct qx_gguf_kv *kv)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", kv->key);
    cJSON_AddStringToObject(o, "type", qx_gguf_vtype_name(kv->type));
    const unsigned char *p = g->data + kv->val_off;
    size_t size;
    if (kv->type != QX_GGUF_ARRAY) {
        cJSON_AddItemToObject(o, "value", elem_json(g, p, kv->type, &size));
        return o;
    }
    cJSON_AddStringToObject(o, "element_type", qx_gguf_vtype_name(kv->arr_type));
    cJSON_AddNumberToObject(o, "count", (double)kv->count);
    cJSON *head = cJSON_AddArrayToObject(o, "head");
    for (uint64_t i = 0; i < kv->count && i < 16; i++) {
        cJSON_AddItemToArray(head, elem_json(g, p, kv->arr_type, &size));
        p += size;
    }
    return o;
}

double qx_exp_round(double x, int digits)
{
    if (!isfinite(x))
        return x;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", digits, x);
    return strtod(buf, NULL);
}

cJSON *qx_exp_num(double x)
{
    return isfinite(x) ? cJSON_CreateNumber(x) : cJSON_CreateNull();
}
