/* quant/quantize: reference quantizers, ports of the recipes in GGUF.md
 * §3.4-3.6 (ggml-org/ggml src/ggml-quants.c quantize_row_q8_0_ref,
 * _q4_0_ref, _q4_1_ref, _q5_0_ref, _q5_1_ref; src/ggml.c
 * ggml_fp32_to_fp16_row, ggml_fp32_to_bf16_row_ref). Bit identity needs
 * ggml's operand order, its three rounding rules (roundf for Q8_0,
 * truncation after +0.5/+8.5/+16.5 for the 4/5-bit types) and no FMA:
 * `x*id + 8.5f` must round twice, which -ffp-contract=off guarantees.
 * Codes use the unrounded scale; the block stores f16(d). libc/libm only. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "qexplain/quant.h"
#include "qexplain/util.h"

static void wr16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)(v >> 8);
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void q_q8_0(unsigned char *y, const float *x)
{
    float amax = 0.0f;
    for (int j = 0; j < 32; j++)
        amax = fmaxf(amax, fabsf(x[j]));
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    wr16(y, qx_f32_to_f16(d));
    for (int j = 0; j < 32; j++) {
        const float x0 = x[j] * id;
        y[2 + j] = (unsigned char)(int8_t)roundf(x0);
    }
}

/* The first element of largest magnitude, sign kept (Q4_0, Q5_0). */
static float signed_max(const float *x)
{
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < 32; j++) {
        const float v = x[j];
        if (amax < fabsf(v)) {
            amax = fabsf(v);
            max = v;
        }
    }
    return max;
}

static void q_q4_0(unsigned char *y, const float *x)
{
    const float d = signed_max(x) / -8.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    wr16(y, qx_f32_to_f16(d));
    for (int j = 0; j < 16; j++) {
        const float x0 = x[j] * id;
        const float x1 = x[16 + j] * id;
        int c0 = (int)(x0 + 8.5f), c1 = (int)(x1 + 8.5f);
        c0 = c0 < 15 ? c0 : 15;
        c1 = c1 < 15 ? c1 : 15;
        y[2 + j] = (unsigned char)(c0 | c1 << 4);
    }
}

static void min_max(const float *x, float *mn, float *mx)
{
    float min = FLT_MAX, max = -FLT_MAX;
    for (int j = 0; j < 32; j++) {
        const float v = x[j];
        if (v < min)
            min = v;
        if (v > max)
            max = v;
    }
    *mn = min;
    *mx = max;
}

static void q_q4_1(unsigned char *y, const float *x)
{
    float min, max;
    min_max(x, &min, &max);
    const float d = (max - min) / 15.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    wr16(y, qx_f32_to_f16(d));
    wr16(y + 2, qx_f32_to_f16(min));
    for (int j = 0; j < 16; j++) {
        const float x0 = (x[j] - min) * id;
        const float x1 = (x[16 + j] - min) * id;
        int c0 = (int)(x0 + 0.5f), c1 = (int)(x1 + 0.5f);
        c0 = c0 < 15 ? c0 : 15;
        c1 = c1 < 15 ? c1 : 15;
        y[4 + j] = (unsigned char)(c0 | c1 << 4);
    }
}

/* Packs 32 five-bit codes: low nibbles into qs, bit 4 into qh. */
static uint32_t pack5(unsigned char *qs, const int *c)
{
    uint32_t qh = 0;
    for (int j = 0; j < 16; j++) {
        qs[j] = (unsigned char)((c[j] & 15) | (c[j + 16] & 15) << 4);
        qh |= (uint32_t)((c[j] & 0x10) >> 4) << j;
        qh |= (uint32_t)((c[j + 16] & 0x10) >> 4) << (j + 16);
    }
    return qh;
}

static void q_q5_0(unsigned char *y, const float *x)
{
    const float d = signed_max(x) / -16.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    int c[32];
    wr16(y, qx_f32_to_f16(d));
    for (int j = 0; j < 32; j++) {
        const float x0 = x[j] * id;
        int v = (int)(x0 + 16.5f);
        c[j] = v < 31 ? v : 31;
    }
    wr32(y + 2, pack5(y + 6, c));
}

static void q_q5_1(unsigned char *y, const float *x)
{
    float min, max;
    min_max(x, &min, &max);
    const float d = (max - min) / 31.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    int c[32];
    wr16(y, qx_f32_to_f16(d));
    wr16(y + 2, qx_f32_to_f16(min));
    for (int j = 0; j < 32; j++) {
        const float x0 = (x[j] - min) * id;
        c[j] = (int)(x0 + 0.5f);
    }
    wr32(y + 4, pack5(y + 8, c));
}

int qx_quant_quantize(void *dst, uint32_t type, const float *src, size_t n)
{
    unsigned char *p = dst;
    const struct qx_type_info *t = qx_quant_type(type);
    if (!t || !t->can_quant)
        return QX_EINPUT;
    switch (type) {
    case QX_TYPE_F32: memcpy(p, src, n * sizeof(float)); return 0;
    case QX_TYPE_F16:
        for (size_t i = 0; i < n; i++)
            wr16(p + 2 * i, qx_f32_to_f16(src[i]));
        return 0;
    case QX_TYPE_BF16:
        for (size_t i = 0; i < n; i++)
            wr16(p + 2 * i, qx_f32_to_bf16(src[i]));
        return 0;
    default: break;
    }
    size_t nb = n / t->blck;
    for (size_t i = 0; i < nb; i++, p += t->size, src += t->blck) {
        switch (type) {
        case QX_TYPE_Q8_0: q_q8_0(p, src); break;
        case QX_TYPE_Q4_0: q_q4_0(p, src); break;
        case QX_TYPE_Q4_1: q_q4_1(p, src); break;
        case QX_TYPE_Q5_0: q_q5_0(p, src); break;
        case QX_TYPE_Q5_1: q_q5_1(p, src); break;
        default: return QX_EINTERNAL;
        }
    }
    return 0;
}
