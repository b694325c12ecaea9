/* Unit tests for the quant module: f16/bf16 conversions, every dequantizer
 * and reference quantizer on hand-built blocks whose expected values were
 * worked out by hand from the formulas of GGUF.md §3, the INTn scheme,
 * precision statistics and error metrics. Bit identity with ggml itself is
 * checked by test_gguf_oracle when libggml-base.so is installed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/quant.h"
#include "qexplain/util.h"

static uint32_t fbits(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

static float bitsf(uint32_t b)
{
    float f;
    memcpy(&f, &b, 4);
    return f;
}

static void f16_conversions(void **state)
{
    (void)state;
    assert_int_equal(qx_f32_to_f16(1.0f), 0x3C00);
    assert_int_equal(qx_f32_to_f16(-2.0f), 0xC000);
    assert_int_equal(qx_f32_to_f16(65504.0f), 0x7BFF);
    assert_int_equal(qx_f32_to_f16(65519.0f), 0x7BFF); /* below the tie: largest finite */
    assert_int_equal(qx_f32_to_f16(65520.0f), 0x7C00); /* the tie rounds to even = inf */
    assert_int_equal(qx_f32_to_f16(1e10f), 0x7C00);
    assert_int_equal(qx_f32_to_f16(0x1p-24f), 0x0001); /* smallest subnormal */
    assert_int_equal(qx_f32_to_f16(0x1p-25f), 0x0000); /* tie to even: 0 */
    assert_int_equal(qx_f32_to_f16(0x1.8p-25f), 0x0001);
    assert_int_equal(qx_f32_to_f16(0x1.8p-24f), 0x0002);   /* 1.5 ulp: tie to even 2 */
    assert_int_equal(qx_f32_to_f16(0x1.ff8p-15f), 0x03FF); /* largest subnormal, 1023 * 2^-24 */
    assert_int_equal(qx_f32_to_f16(0x1.ffcp-15f), 0x0400); /* tie: rounds into the normals */
    assert_int_equal(qx_f32_to_f16(0.1f), 0x2E66);
    assert_int_equal(qx_f32_to_f16(-0.0f), 0x8000);
    assert_int_equal(qx_f32_to_f16(INFINITY), 0x7C00);
    assert_int_equal(qx_f32_to_f16(bitsf(0xFF800123)), 0xFE00); /* NaN: sign kept, payload dropped */
    assert_int_equal(qx_f32_to_f16(1.0f + 0x1p-11f), 0x3C00);   /* tie, even */
    assert_int_equal(qx_f32_to_f16(1.0f + 0x3p-11f), 0x3C02);   /* tie, odd: up */
    assert_true(qx_f16_to_f32(0x0001) == 0x1p-24f);
    assert_true(qx_f16_to_f32(0x3555) == 0.333251953125f);
    assert_true(qx_f16_to_f32(0x7BFF) == 65504.0f);
    assert_true(isinf(qx_f16_to_f32(0xFC00)) && qx_f16_to_f32(0xFC00) < 0);
    assert_int_equal(fbits(qx_f16_to_f32(0x8000)), 0x80000000u);
    assert_true(isnan(qx_f16_to_f32(0x7E00)));
    /* every binary16 pattern survives the round trip (NaNs become quiet) */
    for (uint32_t h = 0; h < 0x10000; h++) {
        float f = qx_f16_to_f32((uint16_t)h);
        if (isnan(f))
            continue;
        assert_int_equal(qx_f32_to_f16(f), h);
    }
}

static void bf16_conversions(void **state)
{
    (void)state;
    assert_int_equal(qx_f32_to_bf16(1.0f), 0x3F80);
    assert_int_equal(qx_f32_to_bf16(bitsf(0x3F808000)), 0x3F80); /* tie, even */
    assert_int_equal(qx_f32_to_bf16(bitsf(0x3F818000)), 0x3F82); /* tie, odd: up */
    assert_int_equal(qx_f32_to_bf16(bitsf(0x3F808001)), 0x3F81);
    assert_int_equal(qx_f32_to_bf16(bitsf(0x7F800001)), 0x7FC0); /* NaN forced quiet */
    assert_int_equal(qx_f32_to_bf16(bitsf(0x7F7FFFFF)), 0x7F80); /* overflow to inf */
    assert_int_equal(qx_f32_to_bf16(bitsf(0x00010000)), 0x0001); /* subnormal kept */
    assert_int_equal(fbits(qx_bf16_to_f32(0xC040)), 0xC0400000u);
    assert_true(qx_is_bf16_exact(1.5f));
    assert_false(qx_is_bf16_exact(0.1f));
    assert_true(qx_is_f16_exact(65504.0f));
    assert_false(qx_is_f16_exact(65505.0f));
    assert_true(qx_is_f16_exact(0x1p-24f));
    assert_false(qx_is_f16_exact(0x1p-25f));
    assert_false(qx_is_f16_exact(INFINITY));
}

static void type_table(void **state)
{
    (void)state;
    assert_int_equal(qx_quant_type(QX_TYPE_Q2_K)->size, 84);
    assert_int_equal(qx_quant_type(QX_TYPE_Q8_1)->size, 36);
    assert_int_equal(qx_quant_type(19)->size, 50); /* iq1_s */
    assert_int_equal(qx_quant_type(20)->blck, 32); /* iq4_nl */
    assert_int_equal(qx_quant_type(4)->blck, 0);   /* removed */
    assert_int_equal(qx_quant_type(33)->blck, 0);
    assert_null(qx_quant_type(43));
    assert_string_equal(qx_quant_type_display(30), "BF16");
    assert_int_equal(qx_quant_type_parse("q6_k"), 14);
    assert_int_equal(qx_quant_type_parse("nope"), -1);
    assert_int_equal(qx_quant_row_size(QX_TYPE_Q4_K, 512), 288);
}

static void q8_0_block(void **state)
{
    (void)state;
    float x[32] = {127.0f, -127.0f, 0.4f, 0.5f, -0.5f, 1.5f, 2.5f, -126.6f};
    unsigned char b[34];
    float y[32];
    assert_int_equal(qx_quant_quantize(b, QX_TYPE_Q8_0, x, 32), 0);
    /* amax 127 -> d = 1 (0x3C00); roundf: half away from zero */
    assert_int_equal(b[0] | b[1] << 8, 0x3C00);
    int8_t expect[8] = {127, -127, 0, 1, -1, 2, 3, -127};
    for (int j = 0; j < 8; j++)
        assert_int_equal((int8_t)b[2 + j], expect[j]);
    assert_int_equal(qx_quant_dequantize(y, QX_TYPE_Q8_0, b, 32), 0);
    assert_true(y[3] == 1.0f && y[4] == -1.0f && y[7] == -127.0f);
    /* d = 0.5 exactly: 63.5 * 2 = 127 */
    for (int j = 0; j < 32; j++)
        x[j] = 0.0f;
    x[9] = 63.5f;
    x[10] = 0.25f; /* 0.25 / 0.5 = 0.5 -> 1 (away from zero) */
    qx_quant_quantize(b, QX_TYPE_Q8_0, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0x3800);
    assert_int_equal((int8_t)b[2 + 10], 1);
    qx_quant_dequantize(y, QX_TYPE_Q8_0, b, 32);
    assert_true(y[9] == 63.5f && y[10] == 0.5f);
}

static void q4_0_block(void **state)
{
    (void)state;
    float x[32] = {0};
    unsigned char b[18];
    float y[32];
    /* negative extreme: d = -8 / -8 = 1, codes trunc(x + 8.5) */
    x[0] = -8.0f;
    x[1] = 7.0f;
    x[2] = 0.4f;
    x[3] = 0.5f;  /* 9.0 -> 9: ties go up */
    x[4] = -0.5f; /* 8.0 -> 8 */
    x[16] = 6.6f; /* 15.1 -> 15, high nibble of byte 0 */
    qx_quant_quantize(b, QX_TYPE_Q4_0, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0x3C00);
    assert_int_equal(b[2], 0x0 | 15 << 4);
    assert_int_equal(b[3], 15 | 8 << 4);
    assert_int_equal(b[4] & 15, 8);
    assert_int_equal(b[5] & 15, 9);
    assert_int_equal(b[6] & 15, 8);
    qx_quant_dequantize(y, QX_TYPE_Q4_0, b, 32);
    assert_true(y[0] == -8.0f && y[1] == 7.0f && y[3] == 1.0f && y[16] == 7.0f);
    /* positive extreme: d = -1; -8 is clamped to code 15 = -7; zeros become -0 */
    memset(x, 0, sizeof x);
    x[0] = 8.0f;
    x[1] = -8.0f;
    qx_quant_quantize(b, QX_TYPE_Q4_0, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0xBC00);
    qx_quant_dequantize(y, QX_TYPE_Q4_0, b, 32);
    assert_true(y[0] == 8.0f && y[1] == -7.0f);
    assert_int_equal(fbits(y[5]), 0x80000000u);
    /* all-zero block: d = +0 / -8 = -0, stored 0x8000, values -0 */
    memset(x, 0, sizeof x);
    qx_quant_quantize(b, QX_TYPE_Q4_0, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0x8000);
    assert_int_equal(b[2], 0x88);
    qx_quant_dequantize(y, QX_TYPE_Q4_0, b, 32);
    assert_int_equal(fbits(y[0]), 0x80000000u);
}

static void q4_1_and_q5_blocks(void **state)
{
    (void)state;
    float x[32], y[32];
    unsigned char b[24];
    for (int j = 0; j < 32; j++)
        x[j] = (float)(j % 16); /* min 0, max 15 -> d = 1, m = 0 */
    x[5] = 4.5f;                /* 4.5 + 0.5 = 5 */
    qx_quant_quantize(b, QX_TYPE_Q4_1, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0x3C00);
    assert_int_equal(b[2] | b[3] << 8, 0x0000);
    assert_int_equal(b[4 + 5] & 15, 5);
    assert_int_equal(b[4 + 15], 15 | 15 << 4);
    qx_quant_dequantize(y, QX_TYPE_Q4_1, b, 32);
    assert_true(y[5] == 5.0f && y[31] == 15.0f);
    /* constant block: d = 0, value = F(f16(min)) */
    for (int j = 0; j < 32; j++)
        x[j] = 0.1f;
    qx_quant_quantize(b, QX_TYPE_Q4_1, x, 32);
    qx_quant_dequantize(y, QX_TYPE_Q4_1, b, 32);
    assert_true(y[0] == qx_f16_to_f32(0x2E66));

    /* Q5_0: extreme -16 -> d = 1, codes trunc(x + 16.5) clamped to 31 */
    memset(x, 0, sizeof x);
    x[0] = -16.0f;
    x[1] = 15.0f; /* 31 */
    x[17] = 3.0f; /* 19 = 0b10011: nibble 3, qh bit 17 */
    qx_quant_quantize(b, QX_TYPE_Q5_0, x, 32);
    assert_int_equal(b[0] | b[1] << 8, 0x3C00);
    uint32_t qh = (uint32_t)b[2] | (uint32_t)b[3] << 8 | (uint32_t)b[4] << 16 | (uint32_t)b[5] << 24;
    /* code 0 at j=0; 31 at j=1; 16 (zero) elsewhere -> qh bit set except j=0 */
    assert_int_equal(qh, 0xFFFFFFFEu);
    assert_int_equal(b[6 + 0], 0x00 | 0 << 4); /* codes 0 and 16: nibbles 0, 0 */
    assert_int_equal(b[6 + 1], 15 | 3 << 4);   /* codes 31 and 19 */
    qx_quant_dequantize(y, QX_TYPE_Q5_0, b, 32);
    assert_true(y[0] == -16.0f && y[1] == 15.0f && y[17] == 3.0f && y[2] == 0.0f);

    /* Q5_1: min 0, max 31 -> d = 1 */
    for (int j = 0; j < 32; j++)
        x[j] = (float)j;
    qx_quant_quantize(b, QX_TYPE_Q5_1, x, 32);
    qx_quant_dequantize(y, QX_TYPE_Q5_1, b, 32);
    for (int j = 0; j < 32; j++)
        assert_true(y[j] == (float)j);
    assert_int_equal(b[2] | b[3] << 8, 0);
}

static void k_quant_blocks(void **state)
{
    (void)state;
    unsigned char b[256];
    float y[256];

    /* Q2_K: scales[0] = 0x32 (scale 2, min 3); d = 1, dmin = 0.5;
     * qs[0] = 0b11100100: element 0 (g=0) q=0, element 32 (g=1) q=1,
     * element 64 q=2, element 96 q=3. Sub-blocks 2,4,6 (elements 32,64,96)
     * use scales[2], [4], [6]. */
    memset(b, 0, 84);
    b[0] = 0x32;
    b[2] = 0x11;
    b[4] = 0x21;
    b[6] = 0x03;
    b[16] = 0xE4;
    b[80] = 0x00;
    b[81] = 0x3C; /* d = 1 */
    b[82] = 0x00;
    b[83] = 0x38; /* dmin = 0.5 */
    assert_int_equal(qx_quant_dequantize(y, QX_TYPE_Q2_K, b, 256), 0);
    assert_true(y[0] == 2.0f * 0 - 1.5f);  /* 0*2 - 0.5*3 */
    assert_true(y[32] == 1.0f * 1 - 0.5f); /* scale 1, min 1 */
    assert_true(y[64] == 1.0f * 2 - 1.0f); /* scale 1, min 2 */
    assert_true(y[96] == 3.0f * 3 - 0.0f); /* scale 3, min 0 */
    assert_true(y[1] == -1.5f);

    /* Q3_K: d = 0.5; scales: s=0 low4 = 5, high2 = 2 -> (5 | 32) - 32 = 5;
     * element 0: low2 = 3, hmask bit 0 set -> q = 3 + 4 - 4 = 3 -> 0.5*5*3;
     * element 1: low2 = 0, hmask clear -> q = -4 -> 0.5*5*(-4). */
    memset(b, 0, 110);
    b[96] = 0x05;     /* scales[0] low nibble: s=0 */
    b[96 + 8] = 0x02; /* scales[8] bits 0-1: high2 of s=0 */
    b[32] = 0x03;     /* qs[0] */
    b[0] = 0x01;      /* hmask[0] bit 0 */
    b[108] = 0x00;
    b[109] = 0x38;
    qx_quant_dequantize(y, QX_TYPE_Q3_K, b, 256);
    assert_true(y[0] == 7.5f);
    assert_true(y[1] == -10.0f);
    assert_true(y[16] == 0.5f * -32 * -4); /* s=1: low4 0, high2 0 -> -32; q = -4 */

    /* Q4_K: d = 1, dmin = 0.25; s=0: sc = 3, m = 4; s=5: sc = (S[9] & 15) |
     * (S[1] >> 6) << 4 = 2 | 16 = 18, m = (S[9] >> 4) | (S[5] >> 6) << 4 = 1.
     * qs[0] = 0x72: element 0 (s=0, low) q=2, element 32 (s=1, high) q=7. */
    memset(b, 0, 176);
    b[0] = 0x00;
    b[1] = 0x3C;
    b[2] = 0x00;
    b[3] = 0x34;
    b[4 + 0] = 3;
    b[4 + 4] = 4;
    b[4 + 1] = 0x40 | 6; /* s=1: sc = 6; top bits feed s=5's scale */
    b[4 + 9] = 0x12;
    b[16 + 0] = 0x72;
    b[16 + 64 + 0] = 0x05;      /* element 128 + 32? no: qs[32*2 + 0] low nibble = s=4 */
    b[16 + 64 + 32 * 0] = 0x50; /* s=5 (high nibble of qs[64]) q = 5 */
    qx_quant_dequantize(y, QX_TYPE_Q4_K, b, 256);
    assert_true(y[0] == 3.0f * 2 - 0.25f * 4);
    assert_true(y[32] == 6.0f * 7 - 0.0f);
    assert_true(y[160] == 18.0f * 5 - 0.25f * 1);

    /* Q5_K: as Q4_K, qh[0] bit 0 adds 16 to element 0 */
    memset(b, 0, 176);
    b[0] = 0x00;
    b[1] = 0x3C;
    b[4 + 0] = 1;
    b[16 + 0] = 0x01; /* qh[0] bit 0 -> element 0; */
    b[48 + 0] = 0x03;
    qx_quant_dequantize(y, QX_TYPE_Q5_K, b, 256);
    assert_true(y[0] == 19.0f);
    assert_true(y[1] == 0.0f);

    /* Q6_K: d = 0.5 (last); scales[0] = -2; element 0: ql[0] low = 5,
     * qh[0] bits 0-1 = 2 -> q = (5 | 32) - 32 = 5 -> 0.5*-2*5 = -5;
     * element 64 (g=2): ql[0] high = 1, qh[0] bits 4-5 = 0 -> q = -31. */
    memset(b, 0, 210);
    b[0] = 0x15;
    b[128] = 0x02;
    b[192] = (unsigned char)(int8_t)-2;
    b[192 + 4] = 1; /* scales for elements 64..79 */
    b[208] = 0x00;
    b[209] = 0x38;
    qx_quant_dequantize(y, QX_TYPE_Q6_K, b, 256);
    assert_true(y[0] == -5.0f);
    assert_true(y[64] == 0.5f * 1 * -31);
    assert_true(y[1] == 0.5f * -2 * -32);
}

static void float_rows(void **state)
{
    (void)state;
    float x[3] = {1.0f, 0.1f, -65536.0f}, y[3];
    unsigned char b[12];
    qx_quant_quantize(b, QX_TYPE_BF16, x, 3);
    assert_int_equal(b[2] | b[3] << 8, 0x3DCD);
    qx_quant_dequantize(y, QX_TYPE_BF16, b, 3);
    assert_true(y[2] == -65536.0f);
    qx_quant_quantize(b, QX_TYPE_F16, x, 3);
    assert_int_equal(b[4] | b[5] << 8, 0xFC00);
    assert_int_equal(qx_quant_dequantize(y, 16, b, 3), QX_EINPUT); /* iq2_xxs: no decoder */
    assert_int_equal(qx_quant_quantize(b, QX_TYPE_Q4_K, x, 3), QX_EINPUT);
}

static void scheme_parsing(void **state)
{
    (void)state;
    struct qx_scheme s;
    assert_int_equal(qx_scheme_parse(&s, "q8_0"), 0);
    assert_int_equal(s.kind, QX_SCHEME_TYPE);
    assert_int_equal(s.type, QX_TYPE_Q8_0);
    assert_int_equal(qx_scheme_parse(&s, "int4:g32:asym"), 0);
    assert_int_equal(s.bits, 4);
    assert_int_equal(s.group, 32);
    assert_int_equal(s.asym, 1);
    char *n = qx_scheme_name(&s);
    assert_string_equal(n, "int4:g32:asym");
    free(n);
    assert_int_equal(qx_scheme_parse(&s, "int8"), 0);
    n = qx_scheme_name(&s);
    assert_string_equal(n, "int8:sym");
    free(n);
    const char *bad[] = {"int9", "int1",      "int4:", "int4:g0", "int4:g32:g64", "int4:sym:asym", "int4:x",
                         "q4_K", "int4:g32x", "f32",   ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(qx_scheme_parse(&s, bad[i]), QX_EUSAGE);
}

static void intn_values(void **state)
{
    (void)state;
    struct qx_scheme s;
    float y[4];
    qx_scheme_parse(&s, "int8");
    float a[4] = {127.0f, 1.0f, -0.5f, 0.3f}; /* scale 1; rint(-0.5) = -0 -> +0 */
    assert_int_equal(qx_scheme_roundtrip_row(&s, y, a, 4), 0);
    assert_true(y[0] == 127.0f && y[1] == 1.0f);
    assert_int_equal(fbits(y[2]), 0);
    assert_int_equal(fbits(y[3]), 0);
    qx_scheme_parse(&s, "int4:g2");
    float b[4] = {7.0f, 3.5f, -14.0f, 5.0f}; /* groups: scale 1 | scale 2 */
    qx_scheme_roundtrip_row(&s, y, b, 4);
    assert_true(y[0] == 7.0f && y[1] == 4.0f);   /* 3.5 -> 4 (half to even) */
    assert_true(y[2] == -14.0f && y[3] == 4.0f); /* 2.5 -> 2 -> 4 */
    qx_scheme_parse(&s, "int4:asym");
    float c[2] = {-5.0f, 10.0f}; /* range 15 -> scale 1, zero point 5 */
    qx_scheme_roundtrip_row(&s, y, c, 2);
    assert_true(y[0] == -5.0f && y[1] == 10.0f);
    float d[3] = {1.0f, NAN, 2.0f};
    assert_int_equal(qx_scheme_roundtrip_row(&s, y, d, 3), QX_EINPUT);
    qx_scheme_parse(&s, "int4:g32");
    assert_int_equal(qx_scheme_roundtrip_row(&s, y, c, 2), QX_EINPUT); /* not a multiple */
    qx_scheme_parse(&s, "f16");
    float e[1] = {70000.0f};
    assert_int_equal(qx_scheme_roundtrip_row(&s, y, e, 1), QX_ELIMIT);
}

/* xorshift for deterministic test data */
static uint64_t rng = 88172645463325252ull;
static float frand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (float)((rng >> 11) * 0x1p-53) * 2.0f - 1.0f;
}

static void schemes_are_idempotent(void **state)
{
    (void)state;
    const char *names[] = {"bf16",     "f16",           "q8_0",      "q4_0",     "q5_0",         "int8",
                           "int4:g32", "int4:g32:asym", "int8:asym", "int3:g64", "int2:g16:asym"};
    enum { N = 4096 };
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *z = malloc(N * sizeof *z);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        struct qx_scheme s;
        assert_int_equal(qx_scheme_parse(&s, names[k]), 0);
        for (int rep = 0; rep < 4; rep++) {
            float scale = rep == 0 ? 1.0f : rep == 1 ? 1e-3f : rep == 2 ? 0.02f : 300.0f;
            for (int i = 0; i < N; i++)
                x[i] = frand() * scale + (rep == 3 ? 150.0f : 0.0f);
            assert_int_equal(qx_scheme_roundtrip_row(&s, y, x, N), 0);
            assert_int_equal(qx_scheme_roundtrip_row(&s, z, y, N), 0);
            for (int i = 0; i < N; i++)
                if (fbits(y[i]) != fbits(z[i]))
                    fail_msg("%s: element %d changed on the second pass: %.9g -> %.9g", names[k], i,
                             (double)y[i], (double)z[i]);
        }
    }
    free(x);
    free(y);
    free(z);
}

static void precision_stats(void **state)
{
    (void)state;
    float x[9] = {1.0f, 0.1f, 0.0f, -0.0f, INFINITY, NAN, 1e-40f, 70000.0f, 0x1p-24f};
    struct qx_stats st;
    qx_stats_init(&st);
    qx_stats_add(&st, x, 9);
    assert_int_equal(st.n, 9);
    assert_int_equal(st.zeros, 2);
    assert_int_equal(st.infs, 1);
    assert_int_equal(st.nans, 1);
    assert_int_equal(st.subnormals, 1);
    assert_int_equal(st.normals, 4);
    /* bf16-exact: 1, 0, -0, 70000 (0x4788B800: no), 2^-24; 1e-40 no; 0.1 no */
    assert_int_equal(st.bf16_exact, 4);
    /* f16-exact: 1, 0, -0, 2^-24 */
    assert_int_equal(st.f16_exact, 4);
    assert_int_equal(st.f16_overflow, 1);
    assert_int_equal(qx_stats_max_mant(&st), 23); /* 0.1f uses all 23 fraction bits */
    assert_int_equal(st.exp_min, -133);           /* 1e-40 = 1.09e-40 -> 2^-133 */
    assert_int_equal(st.exp_max, 16);             /* 70000 */
    assert_true(st.min == 0.0 && st.max == 70000.0);
    /* the fast f16 test agrees with the round trip on a sweep of bit patterns */
    for (uint64_t b = 0; b < 0x100000000ull; b += 65521) {
        float f = bitsf((uint32_t)b);
        struct qx_stats one;
        qx_stats_init(&one);
        qx_stats_add(&one, &f, 1);
        assert_int_equal(one.f16_exact, (uint64_t)qx_is_f16_exact(f));
    }
}

static void error_metrics(void **state)
{
    (void)state;
    float a[4] = {1.0f, 2.0f, 3.0f, 0.0f}, b[4] = {1.0f, 2.0f, 5.0f, -0.0f};
    struct qx_errstats e;
    qx_errstats_init(&e);
    qx_errstats_add(&e, a, b, 4);
    assert_int_equal(e.identical, 2);
    assert_int_equal(e.changed, 1);
    assert_int_equal(e.sign_flips, 1);
    assert_true(e.max_abs == 2.0 && e.max_at == 2);
    assert_true(qx_errstats_mean_abs(&e) == 0.5);
    assert_true(qx_errstats_rmse(&e) == 1.0); /* sqrt(4/4) */
    assert_true(fabs(qx_errstats_rel_rmse(&e) - sqrt(4.0 / 14.0)) < 1e-15);
    assert_true(fabs(qx_errstats_snr_db(&e) - 10.0 * log10(14.0 / 4.0)) < 1e-12);
    assert_true(fabs(qx_errstats_cosine(&e) - 20.0 / sqrt(14.0 * 30.0)) < 1e-15);
    qx_errstats_init(&e);
    qx_errstats_add(&e, a, a, 4);
    assert_true(isinf(qx_errstats_snr_db(&e)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(f16_conversions),
        cmocka_unit_test(bf16_conversions),
        cmocka_unit_test(type_table),
        cmocka_unit_test(q8_0_block),
        cmocka_unit_test(q4_0_block),
        cmocka_unit_test(q4_1_and_q5_blocks),
        cmocka_unit_test(k_quant_blocks),
        cmocka_unit_test(float_rows),
        cmocka_unit_test(scheme_parsing),
        cmocka_unit_test(intn_values),
        cmocka_unit_test(schemes_are_idempotent),
        cmocka_unit_test(precision_stats),
        cmocka_unit_test(error_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
