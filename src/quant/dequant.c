/* quant/dequant: block decoders for F32, F16, BF16, the legacy 32-weight
 * blocks and the K-quant super-blocks, from the layouts of GGUF.md §3.2-3.3
 * (ggml-org/ggml src/ggml-common.h structs, src/ggml-quants.c
 * dequantize_row_*). Every product is exact in binary32 (≤ 23 significant
 * bits), only the final "+ m" / "- dmin*m" rounds, so the output is bit
 * identical to ggml's whatever the compiler does. Fields are read byte-wise
 * (blocks sit at arbitrary offsets in a mapped file). libc only. */
/* Hot loops: ask for the vectoriser even in -O2 builds. Exactness does not
 * depend on it (every product is exact, GGUF.md §3.3), and -ffp-contract=off
 * still applies. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3")
#endif
#include <pthread.h>
#include <string.h>

#include "qexplain/quant.h"
#include "qexplain/util.h"

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float h2f(const unsigned char *p)
{
    return qx_f16_to_f32(rd16(p));
}

static void deq_q8_0(float *y, const unsigned char *b)
{
    float d = h2f(b);
    for (int j = 0; j < 32; j++)
        y[j] = (float)(int8_t)b[2 + j] * d;
}

static void deq_q4_0(float *y, const unsigned char *b)
{
    float d = h2f(b);
    for (int j = 0; j < 16; j++) {
        y[j] = (float)((b[2 + j] & 15) - 8) * d;
        y[j + 16] = (float)((b[2 + j] >> 4) - 8) * d;
    }
}

static void deq_q4_1(float *y, const unsigned char *b)
{
    float d = h2f(b), m = h2f(b + 2);
    for (int j = 0; j < 16; j++) {
        y[j] = (float)(b[4 + j] & 15) * d + m;
        y[j + 16] = (float)(b[4 + j] >> 4) * d + m;
    }
}

/* Q5 codes: low nibble from qs, bit 4 from qh (bit j, or j+16 for the high
 * nibble). */
static void q5_codes(int *c, uint32_t qh, const unsigned char *qs)
{
    for (int j = 0; j < 16; j++) {
        c[j] = (qs[j] & 15) | (int)((qh >> j) & 1) << 4;
        c[j + 16] = (qs[j] >> 4) | (int)((qh >> (j + 16)) & 1) << 4;
    }
}

static void deq_q5_0(float *y, const unsigned char *b)
{
    int c[32];
    float d = h2f(b);
    q5_codes(c, rd32(b + 2), b + 6);
    for (int j = 0; j < 32; j++)
        y[j] = (float)(c[j] - 16) * d;
}

static void deq_q5_1(float *y, const unsigned char *b)
{
    int c[32];
    float d = h2f(b), m = h2f(b + 2);
    q5_codes(c, rd32(b + 4), b + 8);
    for (int j = 0; j < 32; j++)
        y[j] = (float)c[j] * d + m;
}

static void deq_q2_k(float *y, const unsigned char *b)
{
    const unsigned char *sc = b;
    float d = h2f(b + 80), dmin = h2f(b + 82);
    for (int h = 0; h < 2; h++) {
        const unsigned char *qs = b + 16 + 32 * h;
        for (int g = 0; g < 4; g++) {
            for (int half = 0; half < 2; half++) {
                const int s = 8 * h + 2 * g + half;
                const float dl = d * (float)(sc[s] & 15), ml = dmin * (float)(sc[s] >> 4);
                float *yy = y + 128 * h + 32 * g + 16 * half;
                const unsigned char *q = qs + 16 * half;
                for (int l = 0; l < 16; l++)
                    yy[l] = dl * (float)((q[l] >> (2 * g)) & 3) - ml;
            }
        }
    }
}

static void deq_q3_k(float *y, const unsigned char *b)
{
    const unsigned char *hm = b, *qs = b + 32, *S = b + 96;
    float d = h2f(b + 108);
    for (int j = 0; j < 256; j++) {
        int h = j / 128, g = (j % 128) / 32, l = j % 32, s = j / 16;
        int low2 = (qs[32 * h + l] >> (2 * g)) & 3;
        int hb = (hm[j % 32] >> (j / 32)) & 1;
        int q = low2 + 4 * hb - 4;
        int low4 = s < 8 ? S[s] & 15 : S[s - 8] >> 4;
        int high2 = (S[8 + s % 4] >> (2 * (s / 4))) & 3;
        int scale = (low4 | high2 << 4) - 32;
        y[j] = (d * (float)scale) * (float)q;
    }
}

/* The 6-bit scale and min of sub-block s packed in 12 bytes (Q4_K, Q5_K). */
static void k_scale_min(int s, const unsigned char *S, int *sc, int *m)
{
    if (s < 4) {
        *sc = S[s] & 63;
        *m = S[s + 4] & 63;
    } else {
        *sc = (S[s + 4] & 15) | (S[s - 4] >> 6) << 4;
        *m = (S[s + 4] >> 4) | (S[s] >> 6) << 4;
    }
}

/* Sub-blocks come in pairs sharing 32 bytes of qs: low nibbles for the
 * even one, high nibbles for the odd one. Straight loops per half let the
 * compiler vectorise. */
static void deq_q45_k(float *y, const unsigned char *b, int five)
{
    float d = h2f(b), dmin = h2f(b + 2);
    const unsigned char *S = b + 4;
    const unsigned char *qh = b + 16;
    const unsigned char *qs = five ? b + 48 : b + 16;
    for (int s = 0; s < 8; s += 2) {
        int sc0, m0, sc1, m1;
        k_scale_min(s, S, &sc0, &m0);
        k_scale_min(s + 1, S, &sc1, &m1);
        const float d0 = d * (float)sc0, n0 = dmin * (float)m0;
        const float d1 = d * (float)sc1, n1 = dmin * (float)m1;
        const unsigned char *q = qs + 16 * s;
        float *y0 = y + 32 * s, *y1 = y0 + 32;
        if (five) {
            for (int l = 0; l < 32; l++) {
                y0[l] = d0 * (float)((q[l] & 15) + 16 * ((qh[l] >> s) & 1)) - n0;
                y1[l] = d1 * (float)((q[l] >> 4) + 16 * ((qh[l] >> (s + 1)) & 1)) - n1;
            }
        } else {
            for (int l = 0; l < 32; l++) {
                y0[l] = d0 * (float)(q[l] & 15) - n0;
                y1[l] = d1 * (float)(q[l] >> 4) - n1;
            }
        }
    }
}

static void deq_q6_k(float *y, const unsigned char *b)
{
    float d = h2f(b + 208);
    for (int h = 0; h < 2; h++) {
        const unsigned char *ql = b + 64 * h, *qh = b + 128 + 32 * h;
        const int8_t *sc = (const int8_t *)(b + 192 + 8 * h);
        float *yy = y + 128 * h;
        for (int g = 0; g < 4; g++) {
            const unsigned char *src = ql + 32 * (g & 1);
            const int shift = g < 2 ? 0 : 4;
            const float s0 = d * (float)sc[2 * g], s1 = d * (float)sc[2 * g + 1];
            for (int l = 0; l < 32; l++) {
                int q = (((src[l] >> shift) & 15) | ((qh[l] >> (2 * g)) & 3) << 4) - 32;
                yy[32 * g + l] = (l < 16 ? s0 : s1) * (float)q;
            }
        }
    }
}

/* All 65536 binary16 values as binary32, built once (pthread_once keeps it
 * safe if callers ever use threads). */
static float f16_values[65536];
static pthread_once_t f16_once = PTHREAD_ONCE_INIT;
static void f16_init(void)
{
    for (uint32_t h = 0; h < 65536; h++)
        f16_values[h] = qx_f16_to_f32((uint16_t)h);
}
static const float *f16_table(void)
{
    pthread_once(&f16_once, f16_init);
    return f16_values;
}

int qx_quant_dequantize(float *dst, uint32_t type, const void *src, size_t n)
{
    const unsigned char *p = src;
    const struct qx_type_info *t = qx_quant_type(type);
    if (!t || !t->can_dequant)
        return QX_EINPUT;
    switch (type) {
    case QX_TYPE_F32: memcpy(dst, p, n * sizeof(float)); return 0;
    case QX_TYPE_F16: {
        const float *table = f16_table();
        for (size_t i = 0; i < n; i++)
            dst[i] = table[p[2 * i] | p[2 * i + 1] << 8];
        return 0;
    }
    case QX_TYPE_BF16: {
        for (size_t i = 0; i < n; i++) {
            uint32_t v = ((uint32_t)p[2 * i] | (uint32_t)p[2 * i + 1] << 8) << 16;
            memcpy(&dst[i], &v, sizeof v);
        }
        return 0;
    }
    default: break;
    }
    size_t nb = n / t->blck;
    for (size_t i = 0; i < nb; i++, p += t->size, dst += t->blck) {
        switch (type) {
        case QX_TYPE_Q8_0: deq_q8_0(dst, p); break;
        case QX_TYPE_Q4_0: deq_q4_0(dst, p); break;
        case QX_TYPE_Q4_1: deq_q4_1(dst, p); break;
        case QX_TYPE_Q5_0: deq_q5_0(dst, p); break;
        case QX_TYPE_Q5_1: deq_q5_1(dst, p); break;
        case QX_TYPE_Q2_K: deq_q2_k(dst, p); break;
        case QX_TYPE_Q3_K: deq_q3_k(dst, p); break;
        case QX_TYPE_Q4_K: deq_q45_k(dst, p, 0); break;
        case QX_TYPE_Q5_K: deq_q45_k(dst, p, 1); break;
        case QX_TYPE_Q6_K: deq_q6_k(dst, p); break;
        default: return QX_EINTERNAL;
        }
    }
    return 0;
}
