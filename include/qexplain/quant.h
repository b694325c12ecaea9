/* quant: ggml's tensor types and block formats. Scalar f16/bf16
 * conversions, dequantizers for the float, legacy and K-quant blocks,
 * reference quantizers for the float and legacy blocks, a generic INTn
 * fake quantizer, and the value statistics behind `gguf precision` and
 * `gguf diff`. Layer 1: libc and libm only.
 *
 * Bit identity with ggml (GGUF.md §3, sources: ggml-org/ggml
 * src/ggml-common.h, src/ggml-quants.c, src/ggml-impl.h) is the contract:
 * every quantizer and dequantizer here reproduces ggml's reference function
 * byte for byte. That needs binary32 arithmetic in ggml's operand order and
 * no FMA contraction (the build passes -ffp-contract=off). */
#ifndef QEXPLAIN_QUANT_H
#define QEXPLAIN_QUANT_H

#include <stddef.h>
#include <stdint.h>

/* ggml_type ids (ggml-org/ggml include/ggml.h). Removed ids (4, 5, 31-33,
 * 36-38) have no layout; ids >= QX_TYPE_COUNT are newer than this table. */
enum qx_type {
    QX_TYPE_F32 = 0,
    QX_TYPE_F16 = 1,
    QX_TYPE_Q4_0 = 2,
    QX_TYPE_Q4_1 = 3,
    QX_TYPE_Q5_0 = 6,
    QX_TYPE_Q5_1 = 7,
    QX_TYPE_Q8_0 = 8,
    QX_TYPE_Q8_1 = 9,
    QX_TYPE_Q2_K = 10,
    QX_TYPE_Q3_K = 11,
    QX_TYPE_Q4_K = 12,
    QX_TYPE_Q5_K = 13,
    QX_TYPE_Q6_K = 14,
    QX_TYPE_Q8_K = 15,
    QX_TYPE_I8 = 24,
    QX_TYPE_F64 = 28,
    QX_TYPE_BF16 = 30,
    QX_TYPE_COUNT = 43
};

struct qx_type_info {
    const char *name; /* ggml's lower-case name ("q4_K"); "removed" for removed ids */
    uint32_t blck;    /* elements per block; 0 for removed ids */
    uint32_t size;    /* bytes per block */
    unsigned quantized : 1;
    unsigned can_dequant : 1; /* qx_quant_dequantize supports it */
    unsigned can_quant : 1;   /* qx_quant_quantize supports it */
};

/* Type traits for id, or NULL when id >= QX_TYPE_COUNT. Removed ids return
 * an entry with blck == 0. */
const struct qx_type_info *qx_quant_type(uint32_t id);
/* Upper-case display name ("Q4_K", "BF16"), or NULL for unknown/removed. */
const char *qx_quant_type_display(uint32_t id);
/* Parses a type name, case-insensitive; -1 if unknown. */
int qx_quant_type_parse(const char *name);

/* Scalar conversions, exactly ggml_compute_fp32_to_fp16 / _to_bf16
 * (round to nearest even, subnormals kept, NaN quieted; GGUF.md §3.5). */
uint16_t qx_f32_to_f16(float f);
float qx_f16_to_f32(uint16_t h);
uint16_t qx_f32_to_bf16(float f);
float qx_bf16_to_f32(uint16_t h);

/* Decodes n elements of type from src into dst. n must be a multiple of the
 * block size. Returns 0, or QX_EINPUT for a type without a dequantizer. */
int qx_quant_dequantize(float *dst, uint32_t type, const void *src, size_t n);

/* Encodes n floats as type (ggml's quantize_row_*_ref, or the fp32->fp16 /
 * bf16 row conversions; F32 is a copy). n must be a multiple of the block
 * size. Returns QX_EINPUT for an unsupported type. Inputs must be finite. */
int qx_quant_quantize(void *dst, uint32_t type, const float *src, size_t n);

/* Bytes of n elements (n a multiple of the block size). */
size_t qx_quant_row_size(uint32_t type, size_t n);

/* A fake-quantization scheme: quantize then dequantize, values stay float. */
enum qx_scheme_kind {
    QX_SCHEME_TYPE, /* a ggml type (bf16, f16, q8_0, q4_0, q4_1, q5_0, q5_1) */
    QX_SCHEME_INTN  /* generic integer quantization, see qx_scheme below */
};

struct qx_scheme {
    enum qx_scheme_kind kind;
    uint32_t type;  /* QX_SCHEME_TYPE */
    unsigned bits;  /* QX_SCHEME_INTN: 2..8 */
    unsigned group; /* QX_SCHEME_INTN: elements per scale; 0 = one per row */
    int asym;       /* QX_SCHEME_INTN: 1 = scale + integer zero point */
};

/* Parses "bf16", "f16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1",
 * "intN[:gG][:sym|asym]" (N in 2..8). Returns 0 or QX_EUSAGE. */
int qx_scheme_parse(struct qx_scheme *s, const char *text);
/* Canonical spelling ("int4:g32:sym", "q8_0"); owned. */
char *qx_scheme_name(const struct qx_scheme *s);
/* The block (or group) length a row must be a multiple of; for INTn
 * without a group, 1. */
size_t qx_scheme_block(const struct qx_scheme *s, size_t row_len);

/* Fake-quantizes one row of n values: dst = dequantize(quantize(src)).
 * src and dst may alias. Requires n % qx_scheme_block(s, n) == 0 and finite
 * input. INTn: scale = f16(amax / (2^(b-1) - 1)) (sym, codes in ±qmax), or
 * f16 rounded toward zero of (max - min) / (2^b - 1) with min <= 0 <= max
 * and zero point z = -rint(min / scale) (asym); x' = (q - z) * scale, exact
 * in binary32. Both are idempotent. */
int qx_scheme_roundtrip_row(const struct qx_scheme *s, float *dst, const float *src, size_t n);

/* Value statistics for precision analysis (GGUF.md §5), accumulated over
 * any number of qx_stats_add calls in element order. */
#define QX_STATS_EXP_MIN (-149)
#define QX_STATS_EXP_MAX 127
struct qx_stats {
    uint64_t n, zeros, subnormals, infs, nans, normals;
    uint64_t bf16_exact, f16_exact, f16_overflow;
    uint64_t mant_hist[24]; /* explicit fraction bits p used, 0..23 */
    int exp_min, exp_max;   /* floor(log2|x|) over nonzero finite values */
    int have_exp;
    double min, max; /* over finite values */
    int have_minmax;
};

void qx_stats_init(struct qx_stats *st);
void qx_stats_add(struct qx_stats *st, const float *x, size_t n);
void qx_stats_merge(struct qx_stats *dst, const struct qx_stats *src);
/* Largest p with a non-zero histogram count (0 when none). */
unsigned qx_stats_max_mant(const struct qx_stats *st);

/* 1 if x is exactly representable in binary16 / bfloat16 (±0 included). */
int qx_is_f16_exact(float x);
int qx_is_bf16_exact(float x);

/* Error metrics between a reference a and a candidate b (GGUF.md §5),
 * double accumulators in element order. */
struct qx_errstats {
    uint64_t n, identical, changed, sign_flips;
    double max_abs;
    uint64_t max_at;
    double sum_abs, sum_sq_diff, sum_sq_a, sum_sq_b, sum_ab;
};

void qx_errstats_init(struct qx_errstats *e);
void qx_errstats_add(struct qx_errstats *e, const float *a, const float *b, size_t n);
double qx_errstats_rmse(const struct qx_errstats *e);
double qx_errstats_rel_rmse(const struct qx_errstats *e); /* NaN if a is all zero */
double qx_errstats_snr_db(const struct qx_errstats *e);   /* +inf when identical */
double qx_errstats_cosine(const struct qx_errstats *e);   /* NaN if a or b is zero */
double qx_errstats_mean_abs(const struct qx_errstats *e);

#endif
