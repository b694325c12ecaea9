/* Oracle test: our quant module against ggml's reference functions in
 * libggml-base.so (GGUF.md §7.2), bit for bit: the type table, f16/bf16
 * conversions over strided bit patterns, our reference quantizers against
 * ggml_quantize_chunk (= llama-quantize without imatrix), and our
 * dequantizers against the type traits' to_float on ggml-quantized data and
 * on random block bytes. Prints SKIP and exits 77 when ggml is absent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "qexplain/quant.h"

static int failures;

#define CHECK(cond, ...)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            if (failures++ < 20) {                                                                           \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                         \
                fprintf(stderr, __VA_ARGS__);                                                                \
                fputc('\n', stderr);                                                                         \
            }                                                                                                \
        }                                                                                                    \
    } while (0)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static float uni(void)
{
    return (float)((next() >> 11) * 0x1p-53);
}
static float gauss(void)
{
    float u = uni() + 1e-12f, v = uni();
    return sqrtf(-2.0f * logf(u)) * cosf(6.2831853f * v);
}

static uint32_t fb(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

/* Six value distributions, as GGUF.md §3 used. */
static void fill(float *x, size_t n, int dist)
{
    for (size_t i = 0; i < n; i++) {
        switch (dist) {
        case 0: x[i] = uni() * 2.0f - 1.0f; break;
        case 1: x[i] = gauss() * 0.02f; break;
        case 2: x[i] = gauss() * (i % 97 == 0 ? 30.0f : 0.5f); break; /* outliers */
        case 3: x[i] = gauss() * 1e-6f; break;                        /* tiny: scales underflow */
        case 4: x[i] = (i / 32) % 3 == 0 ? 0.0f : (i / 32) % 3 == 1 ? 0.75f : gauss(); break;
        default: x[i] = (float)((int)(next() % 17) - 8) * 0.125f; break; /* on a grid, ties */
        }
    }
}

static void check_types(const struct qx_oracle *o)
{
    for (int t = 0; t < QX_TYPE_COUNT; t++) {
        const struct qx_type_info *ti = qx_quant_type((uint32_t)t);
        CHECK((int64_t)ti->blck == o->blck_size(t), "type %d block %u vs ggml %lld", t, ti->blck,
              (long long)o->blck_size(t));
        if (ti->blck) {
            CHECK(ti->size == o->type_size(t), "type %d size %u vs ggml %zu", t, ti->size, o->type_size(t));
            CHECK(strcmp(ti->name, o->type_name(t)) == 0, "type %d name %s vs ggml %s", t, ti->name,
                  o->type_name(t));
        }
    }
}

static void check_floats(const struct qx_oracle *o)
{
    for (uint32_t h = 0; h < 0x10000; h++) {
        float a = qx_f16_to_f32((uint16_t)h), b = o->fp16_to_fp32((uint16_t)h);
        CHECK(fb(a) == fb(b) || (isnan(a) && isnan(b)), "f16 %04x -> %08x vs %08x", h, fb(a), fb(b));
    }
    enum { CH = 4096 };
    static float xs[CH];
    static uint16_t ref[CH];
    size_t k = 0;
    for (uint64_t b = 0; b < 0x100000000ull; b += 4099) {
        float f;
        uint32_t bits = (uint32_t)b;
        memcpy(&f, &bits, 4);
        uint16_t ours = qx_f32_to_f16(f), theirs = o->fp32_to_fp16(f);
        CHECK(ours == theirs, "f32 %08x -> f16 %04x vs ggml %04x", bits, ours, theirs);
        xs[k++] = f;
        if (k == CH) {
            o->fp32_to_bf16_row_ref(xs, ref, CH);
            for (size_t i = 0; i < CH; i++)
                CHECK(qx_f32_to_bf16(xs[i]) == ref[i], "f32 %08x -> bf16 %04x vs ggml %04x", fb(xs[i]),
                      qx_f32_to_bf16(xs[i]), ref[i]);
            k = 0;
        }
    }
}

enum { ROW = 4096, ROWS = 16, N = ROW * ROWS };

static void check_quantizers(const struct qx_oracle *o, const float *x, int dist)
{
    static const int types[] = {QX_TYPE_F16,  QX_TYPE_BF16, QX_TYPE_Q8_0, QX_TYPE_Q4_0,
                                QX_TYPE_Q4_1, QX_TYPE_Q5_0, QX_TYPE_Q5_1};
    static unsigned char ours[N * 4], theirs[N * 4];
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int t = types[i];
        size_t bytes = qx_quant_row_size((uint32_t)t, N);
        qx_quant_quantize(ours, (uint32_t)t, x, N);
        size_t got = o->quantize_chunk(t, x, theirs, 0, ROWS, ROW, NULL);
        CHECK(got == bytes, "%s: ggml wrote %zu bytes, expected %zu", qx_quant_type(t)->name, got, bytes);
        size_t diff = 0, first = 0;
        for (size_t b = 0; b < bytes; b++)
            if (ours[b] != theirs[b] && diff++ == 0)
                first = b;
        CHECK(diff == 0, "%s dist %d: %zu bytes differ from ggml_quantize_chunk, first at %zu",
              qx_quant_type(t)->name, dist, diff, first);
    }
}

static void compare_dequant(const struct qx_oracle *o, int t, const void *q, const char *what)
{
    static float ours[N], theirs[N];
    const struct qx_ggml_type_traits *tr = o->get_type_traits(t);
    qx_quant_dequantize(ours, (uint32_t)t, q, N);
    tr->to_float(q, theirs, N);
    size_t diff = 0, first = 0;
    for (size_t i = 0; i < N; i++)
        if (fb(ours[i]) != fb(theirs[i]) && !(isnan(ours[i]) && isnan(theirs[i])) && diff++ == 0)
            first = i;
    CHECK(diff == 0, "%s %s: %zu values differ from ggml to_float, first at %zu (%.9g vs %.9g)",
          qx_quant_type(t)->name, what, diff, first, (double)ours[first], (double)theirs[first]);
}

static void check_dequantizers(const struct qx_oracle *o, const float *x, int dist)
{
    static const int types[] = {QX_TYPE_F16,  QX_TYPE_BF16, QX_TYPE_Q8_0, QX_TYPE_Q4_0,
                                QX_TYPE_Q4_1, QX_TYPE_Q5_0, QX_TYPE_Q5_1, QX_TYPE_Q2_K,
                                QX_TYPE_Q3_K, QX_TYPE_Q4_K, QX_TYPE_Q5_K, QX_TYPE_Q6_K};
    static unsigned char q[N * 4];
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int t = types[i];
        o->quantize_chunk(t, x, q, 0, ROWS, ROW, NULL);
        char what[32];
        snprintf(what, sizeof what, "dist %d", dist);
        compare_dequant(o, t, q, what);
        if (dist == 0) { /* random block bytes: every field value, NaN scales included */
            size_t bytes = qx_quant_row_size((uint32_t)t, N);
            for (size_t b = 0; b < bytes; b++)
                q[b] = (unsigned char)next();
            compare_dequant(o, t, q, "random bytes");
        }
    }
}

int main(void)
{
    struct qx_oracle o;
    const char *why;
    if (qx_oracle_open(&o, &why) != 0) {
        printf("SKIP: %s\n", why);
        return 77;
    }
    check_types(&o);
    check_floats(&o);
    float *x = malloc(N * sizeof *x);
    for (int dist = 0; dist < 6; dist++) {
        fill(x, N, dist);
        check_quantizers(&o, x, dist);
        check_dequantizers(&o, x, dist);
    }
    free(x);
    qx_oracle_close(&o);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("PASS: types, f16/bf16, 7 quantizers and 12 dequantizers bit-identical to %s\n", o.path);
    return 0;
}
