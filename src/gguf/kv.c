/* gguf/kv: typed access to metadata values and their human rendering.
 * Strings from the file are not trusted for display: control bytes and
 * invalid UTF-8 are escaped as \xNN (terminal injection; gguf-py's
 * gguf_dump.py does the same). Values were bounds-checked by the reader,
 * so the offsets used here are valid. */
#include <string.h>

#include "gguf_impl.h"
#include "qexplain/quant.h"

static const char *const vnames[QX_GGUF_VTYPE_COUNT] = {"u8",   "i8",     "u16",   "i16", "u32", "i32", "f32",
                                                        "bool", "string", "array", "u64", "i64", "f64"};
static const uint8_t vsizes[QX_GGUF_VTYPE_COUNT] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};

const char *qx_gguf_vtype_name(uint32_t t)
{
    return t < QX_GGUF_VTYPE_COUNT ? vnames[t] : "invalid";
}

uint64_t qx_gguf_vtype_size(uint32_t t)
{
    return t < QX_GGUF_VTYPE_COUNT ? vsizes[t] : 0;
}

static int64_t int_at(const unsigned char *p, uint32_t type)
{
    switch (type) {
    case QX_GGUF_U8:
    case QX_GGUF_BOOL: return p[0];
    case QX_GGUF_I8: return (int8_t)p[0];
    case QX_GGUF_U16: return (uint16_t)(p[0] | p[1] << 8);
    case QX_GGUF_I16: return (int16_t)(uint16_t)(p[0] | p[1] << 8);
    case QX_GGUF_U32: return qx_gguf_rd32(p);
    case QX_GGUF_I32: return (int32_t)qx_gguf_rd32(p);
    default: return (int64_t)qx_gguf_rd64(p); /* U64 (wraps past INT64_MAX), I64 */
    }
}

int qx_gguf_kv_int(const struct qx_gguf *g, const struct qx_gguf_kv *kv, int64_t *out)
{
    switch (kv->type) {
    case QX_GGUF_U8:
    case QX_GGUF_I8:
    case QX_GGUF_U16:
    case QX_GGUF_I16:
    case QX_GGUF_U32:
    case QX_GGUF_I32:
    case QX_GGUF_U64:
    case QX_GGUF_I64:
    case QX_GGUF_BOOL: *out = int_at(g->data + kv->val_off, kv->type); return 0;
    default: return QX_EINPUT;
    }
}

const char *qx_gguf_kv_str(const struct qx_gguf *g, const struct qx_gguf_kv *kv, size_t *len)
{
    if (kv->type != QX_GGUF_STRING)
        return NULL;
    *len = (size_t)qx_gguf_rd64(g->data + kv->val_off);
    return (const char *)g->data + kv->val_off + 8;
}

/* Length of the valid UTF-8 sequence at s (0 if invalid). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
        return 0; /* overlong, out of range, surrogate, or a C1 control */
    return len;
}

void qx_gguf_escape(struct qx_buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(p + i, n - i);
        if (l == 1 && p[i] >= 0x20 && p[i] != 0x7F && p[i] != '\\' && p[i] != '"') {
            qx_buf_addc(out, (char)p[i]);
        } else if (l == 1 && (p[i] == '\\' || p[i] == '"')) {
            qx_buf_addc(out, '\\');
            qx_buf_addc(out, (char)p[i]);
        } else if (l > 1) {
            qx_buf_add(out, p + i, l);
        } else {
            qx_buf_addf(out, "\\x%02X", p[i]);
            l = 1;
        }
        i += l;
    }
}

/* Renders one element at p; returns its encoded size. */
static size_t format_one(struct qx_buf *out, const unsigned char *p, uint32_t type)
{
    switch (type) {
    case QX_GGUF_F32: {
        float f;
        uint32_t b = qx_gguf_rd32(p);
        memcpy(&f, &b, 4);
        qx_buf_addf(out, "%.9g", (double)f);
        return 4;
    }
    case QX_GGUF_F64: {
        double f;
        uint64_t b = qx_gguf_rd64(p);
        memcpy(&f, &b, 8);
        qx_buf_addf(out, "%.17g", f);
        return 8;
    }
    case QX_GGUF_BOOL: qx_buf_adds(out, p[0] ? "true" : "false"); return 1;
    case QX_GGUF_U64: qx_buf_addf(out, "%llu", (unsigned long long)qx_gguf_rd64(p)); return 8;
    case QX_GGUF_STRING: {
        uint64_t n = qx_gguf_rd64(p);
        qx_buf_addc(out, '"');
        qx_gguf_escape(out, (const char *)p + 8, (size_t)n);
        qx_buf_addc(out, '"');
        return 8 + (size_t)n;
    }
    default: qx_buf_addf(out, "%lld", (long long)int_at(p, type)); return (size_t)vsizes[type];
    }
}

void qx_gguf_kv_format(struct qx_buf *out, const struct qx_gguf *g, const struct qx_gguf_kv *kv,
                       size_t max_items)
{
    const unsigned char *p = g->data + kv->val_off;
    if (kv->type != QX_GGUF_ARRAY) {
        format_one(out, p, kv->type);
        return;
    }
    qx_buf_addf(out, "[%s x %llu]", vnames[kv->arr_type], (unsigned long long)kv->count);
    for (uint64_t i = 0; i < kv->count; i++) {
        if (i == max_items) {
            qx_buf_adds(out, ", ...");
            break;
        }
        qx_buf_adds(out, i ? ", " : " ");
        p += format_one(out, p, kv->arr_type);
    }
}

int qx_gguf_kv_equal(const struct qx_gguf *a, const struct qx_gguf_kv *ka, const struct qx_gguf *b,
                     const struct qx_gguf_kv *kb)
{
    /* Same type (and array header), then the same value bytes. */
    size_t la = ka->len - (ka->val_off - ka->off), lb = kb->len - (kb->val_off - kb->off);
    if (ka->type != kb->type || ka->arr_type != kb->arr_type || ka->count != kb->count || la != lb)
        return 0;
    return memcmp(a->data + ka->val_off, b->data + kb->val_off, la) == 0;
}
