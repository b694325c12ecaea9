/* quant/scheme: fake-quantization schemes (quantize then dequantize, the
 * values stay float) for `gguf fakequant`: the ggml types through the
 * reference quantizers, and a generic INTn with a group size.
 *
 * INTn design (ours, documented in docs/gguf.md): the scale is binary32
 * rounded to 16 significant bits, so every dequantized value (q - z)*scale
 * (|q - z| < 2^8) is exact in binary32; the scale's relative error (2^-16)
 * is far below a quantization step. Exactness makes the scheme idempotent:
 * a second pass finds the same range, scale, zero point and codes.
 * Symmetric: codes in [-qmax, qmax], qmax = 2^(b-1) - 1, scale rounded to
 * nearest. Asymmetric: the range always includes 0, codes in [0, 2^b - 1],
 * scale rounded toward zero so that the codes span the full range, zero
 * point z = -rint(min/scale). rint is round-half-to-even. libm only. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "qexplain/quant.h"
#include "qexplain/util.h"

static const uint32_t type_schemes[] = {QX_TYPE_BF16, QX_TYPE_F16,  QX_TYPE_Q8_0, QX_TYPE_Q4_0,
                                        QX_TYPE_Q4_1, QX_TYPE_Q5_0, QX_TYPE_Q5_1};

int qx_scheme_parse(struct qx_scheme *s, const char *text)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < sizeof type_schemes / sizeof type_schemes[0]; i++) {
        if (strcmp(text, qx_quant_type(type_schemes[i])->name) == 0) {
            s->kind = QX_SCHEME_TYPE;
            s->type = type_schemes[i];
            return 0;
        }
    }
    if (strncmp(text, "int", 3) != 0 || text[3] < '2' || text[3] > '8')
        return QX_EUSAGE;
    s->kind = QX_SCHEME_INTN;
    s->bits = (unsigned)(text[3] - '0');
    const char *p = text + 4;
    int seen_g = 0, seen_mode = 0;
    while (*p) {
        if (*p != ':')
            return QX_EUSAGE;
        p++;
        if (*p == 'g' && !seen_g) {
            char *end;
            if (p[1] < '1' || p[1] > '9')
                return QX_EUSAGE;
            unsigned long g = strtoul(p + 1, &end, 10);
            if (g > 65536)
                return QX_EUSAGE;
            s->group = (unsigned)g;
            seen_g = 1;
            p = end;
        } else if (strncmp(p, "sym", 3) == 0 && !seen_mode) {
            seen_mode = 1;
            p += 3;
        } else if (strncmp(p, "asym", 4) == 0 && !seen_mode) {
            s->asym = 1;
            seen_mode = 1;
            p += 4;
        } else {
            return QX_EUSAGE;
        }
        if (*p && *p != ':')
            return QX_EUSAGE;
    }
    return 0;
}

char *qx_scheme_name(const struct qx_scheme *s)
{
    if (s->kind == QX_SCHEME_TYPE)
        return qx_strdup(qx_quant_type(s->type)->name);
    if (s->group)
        return qx_asprintf("int%u:g%u:%s", s->bits, s->group, s->asym ? "asym" : "sym");
    return qx_asprintf("int%u:%s", s->bits, s->asym ? "asym" : "sym");
}

size_t qx_scheme_block(const struct qx_scheme *s, size_t row_len)
{
    if (s->kind == QX_SCHEME_TYPE)
        return qx_quant_type(s->type)->blck;
    (void)row_len;
    return s->group ? s->group : 1;
}


/* Positive finite s to 16 significant bits: nearest-even or toward zero. */
static float round16(float s, int toward_zero)
{
    uint32_t b = bits_of(s);
    if (!toward_zero)
        b += 0x7F + ((b >> 8) & 1);
    return float_of(b & ~(uint32_t)0xFF);
}

static void intn_group(const struct qx_scheme *s, float *y, const float *x, size_t n)
{
    if (!s->asym) {
        const float qmax = (float)((1 << (s->bits - 1)) - 1);
        float amax = 0.0f;
        for (size_t j = 0; j < n; j++)
            amax = fmaxf(amax, fabsf(x[j]));
        const float scale = round16(amax / qmax, 0);
        for (size_t j = 0; j < n; j++) {
            float q = scale != 0.0f ? rintf(x[j] / scale) : 0.0f;
            q = fminf(qmax, fmaxf(-qmax, q));
            y[j] = (q + 0.0f) * scale; /* + 0.0f: a zero code gives +0 */
        }
        return;
    }
    const float qmax = (float)((1 << s->bits) - 1);
    float min = 0.0f, max = 0.0f;
    for (size_t j = 0; j < n; j++) {
        min = fminf(min, x[j]);
        max = fmaxf(max, x[j]);
    }
    const float scale = round16((max - min) / qmax, 1);
    const float z = scale != 0.0f ? fminf(qmax, -rintf(min / scale) + 0.0f) : 0.0f;
    for (size_t j = 0; j < n; j++) {
        float q = scale != 0.0f ? rintf(x[j] / scale) + z : z;
        q = fminf(qmax, fmaxf(0.0f, q));
        y[j] = (q - z) * scale;
    }
}

int qx_scheme_roundtrip_row(const struct qx_scheme *s, float *dst, const float *src, size_t n)
{
    size_t blk = qx_scheme_block(s, n);
    if (blk == 0 || n % blk != 0)
        return QX_EINPUT;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(src[i]))
            return QX_EINPUT;
    if (s->kind == QX_SCHEME_INTN) {
        size_t g = s->group ? s->group : n;
        for (size_t i = 0; i < n; i += g)
            intn_group(s, dst + i, src + i, g);
        return 0;
    }
    const struct qx_type_info *t = qx_quant_type(s->type);
    unsigned char block[64];
    for (size_t i = 0; i < n; i += t->blck) {
        qx_quant_quantize(block, s->type, src + i, t->blck);
        qx_quant_dequantize(dst + i, s->type, block, t->blck);
    }
    for (size_t i = 0; i < n; i++)
        if (!isfinite(dst[i]))
            return QX_ELIMIT; /* overflow, e.g. |x| >= 65520 into binary16 */
    return 0;
}
