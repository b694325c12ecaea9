/* quant/stats: value statistics for precision analysis and error metrics
 * for diffs (GGUF.md §5). Classification works on the binary32 bits (no
 * float compares that NaN could confuse); error sums are double, in
 * element order, so results never depend on chunking. libm only. */
/* The per-value loop is the hot path of `gguf precision`. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3")
#endif
#include <math.h>
#include <string.h>

#include "qexplain/quant.h"

void qx_stats_init(struct qx_stats *st)
{
    memset(st, 0, sizeof *st);
}

static int ctz32(uint32_t v)
{
    return __builtin_ctz(v);
}

static int bitlen32(uint32_t v)
{
    return 32 - __builtin_clz(v);
}

void qx_stats_add(struct qx_stats *st, const float *x, size_t n)
{
    int emin = st->have_exp ? st->exp_min : 1000, emax = st->have_exp ? st->exp_max : -1000;
    float vmin = st->have_minmax ? (float)st->min : INFINITY;
    float vmax = st->have_minmax ? (float)st->max : -INFINITY;
    uint64_t finite = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t b;
        memcpy(&b, &x[i], sizeof b);
        uint32_t E = (b >> 23) & 0xFF, M = b & 0x7FFFFF;
        if (E == 0xFF) {
            if (M)
                st->nans++;
            else
                st->infs++;
            continue;
        }
        finite++;
        if (x[i] < vmin)
            vmin = x[i];
        if (x[i] > vmax)
            vmax = x[i];
        if ((b & 0xFFFF) == 0)
            st->bf16_exact++;
        if (E == 0 && M == 0) {
            st->zeros++;
            st->f16_exact++;
            st->mant_hist[0]++;
            continue;
        }
        int p = M ? 23 - ctz32(M) : 0;
        st->mant_hist[p]++;
        int e, low;
        if (E == 0) {
            st->subnormals++;
            e = bitlen32(M) - 150;
            low = ctz32(M) - 149;
        } else {
            st->normals++;
            e = (int)E - 127;
            low = (int)E - 150 + ctz32(M | 0x800000);
        }
        if (e < emin)
            emin = e;
        if (e > emax)
            emax = e;
        /* binary16: top bit <= 2^15, lowest bit >= 2^-24, <= 11 bits */
        if (e <= 15 && low >= -24 && e - low <= 10)
            st->f16_exact++;
        if (fabsf(x[i]) >= 65520.0f)
            st->f16_overflow++;
    }
    st->n += n;
    if (emin <= emax) {
        st->exp_min = emin;
        st->exp_max = emax;
        st->have_exp = 1;
    }
    if (finite || st->have_minmax) {
        st->min = vmin;
        st->max = vmax;
        st->have_minmax = 1;
    }
}

void qx_stats_merge(struct qx_stats *dst, const struct qx_stats *src)
{
    dst->n += src->n;
    dst->zeros += src->zeros;
    dst->subnormals += src->subnormals;
    dst->infs += src->infs;
    dst->nans += src->nans;
    dst->normals += src->normals;
    dst->bf16_exact += src->bf16_exact;
    dst->f16_exact += src->f16_exact;
    dst->f16_overflow += src->f16_overflow;
    for (int i = 0; i < 24; i++)
        dst->mant_hist[i] += src->mant_hist[i];
    if (src->have_exp) {
        if (!dst->have_exp || src->exp_min < dst->exp_min)
            dst->exp_min = src->exp_min;
        if (!dst->have_exp || src->exp_max > dst->exp_max)
            dst->exp_max = src->exp_max;
        dst->have_exp = 1;
    }
    if (src->have_minmax) {
        if (!dst->have_minmax || src->min < dst->min)
            dst->min = src->min;
        if (!dst->have_minmax || src->max > dst->max)
            dst->max = src->max;
        dst->have_minmax = 1;
    }
}

unsigned qx_stats_max_mant(const struct qx_stats *st)
{
    for (int p = 23; p > 0; p--)
        if (st->mant_hist[p])
            return (unsigned)p;
    return 0;
}

void qx_errstats_init(struct qx_errstats *e)
{
    memset(e, 0, sizeof *e);
}

void qx_errstats_add(struct qx_errstats *e, const float *a, const float *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t ba, bb;
        memcpy(&ba, &a[i], 4);
        memcpy(&bb, &b[i], 4);
        double x = a[i], y = b[i];
        if (ba == bb)
            e->identical++;
        else if (x == y)
            e->sign_flips++;
        else
            e->changed++;
        double d = fabs(x - y);
        if (d > e->max_abs || (isnan(d) && !isnan(e->max_abs))) {
            e->max_abs = d;
            e->max_at = e->n + i;
        }
        e->sum_abs += d;
        e->sum_sq_diff += (x - y) * (x - y);
        e->sum_sq_a += x * x;
        e->sum_sq_b += y * y;
        e->sum_ab += x * y;
    }
    e->n += n;
}

double qx_errstats_mean_abs(const struct qx_errstats *e)
{
    return e->n ? e->sum_abs / (double)e->n : 0.0;
}

double qx_errstats_rmse(const struct qx_errstats *e)
{
    return e->n ? sqrt(e->sum_sq_diff / (double)e->n) : 0.0;
}

double qx_errstats_rel_rmse(const struct qx_errstats *e)
{
    if (e->sum_sq_a == 0.0)
        return e->sum_sq_diff == 0.0 ? 0.0 : NAN;
    return sqrt(e->sum_sq_diff / e->sum_sq_a);
}

double qx_errstats_snr_db(const struct qx_errstats *e)
{
    if (e->sum_sq_diff == 0.0)
        return INFINITY;
    return 10.0 * log10(e->sum_sq_a / e->sum_sq_diff);
}

double qx_errstats_cosine(const struct qx_errstats *e)
{
    if (e->sum_sq_a == 0.0 || e->sum_sq_b == 0.0)
        return NAN;
    return e->sum_ab / sqrt(e->sum_sq_a * e->sum_sq_b);
}
