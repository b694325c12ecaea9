/* quant/float: binary16 and bfloat16 scalar conversions, written from the
 * IEEE 754 rules ggml implements (ggml-org/ggml src/ggml-impl.h,
 * ggml_compute_fp32_to_fp16 / ggml_compute_fp32_to_bf16; GGUF.md §3.5):
 * round to nearest even, overflow to infinity, subnormals kept, NaN
 * quieted. Integer bit manipulation only, so the result never depends on
 * the FPU or compiler flags. libc only. */
#include <string.h>

#include "bits.h"
#include "qexplain/quant.h"


uint16_t qx_f32_to_f16(float f)
{
    uint32_t b = bits_of(f);
    uint16_t sign = (uint16_t)((b >> 16) & 0x8000);
    uint32_t e = (b >> 23) & 0xFF;
    uint32_t m = b & 0x7FFFFF;
    if (e == 0xFF) /* inf stays inf; NaN keeps the sign, drops the payload */
        return (uint16_t)(sign | (m ? 0x7E00 : 0x7C00));
    int exp = (int)e - 127;
    if (exp > 15) /* |x| >= 65536: inf */
        return (uint16_t)(sign | 0x7C00);
    uint32_t mant; /* significand with the implicit bit, 24 bits */
    int shift;     /* bits to drop to reach the binary16 grid */
    if (e == 0) {
        mant = m;
        exp = -126;
    } else {
        mant = m | 0x800000;
    }
    if (exp >= -14) {
        shift = 13; /* normal: 10 fraction bits kept */
    } else {
        shift = 13 + (-14 - exp); /* subnormal: grid 2^-24 */
        if (shift > 25)
            return sign; /* below half the smallest subnormal */
    }
    uint32_t kept = mant >> shift;
    uint32_t rest = mant & ((1u << shift) - 1);
    uint32_t half = 1u << (shift - 1);
    if (rest > half || (rest == half && (kept & 1)))
        kept++;
    uint32_t h;
    if (exp >= -14) {
        /* kept holds the implicit bit at position 10; a carry out of the
         * fraction moves into the exponent, which is what we want. */
        h = ((uint32_t)(exp + 15) << 10) + (kept - 0x400);
    } else {
        h = kept; /* may round up into the smallest normal: still correct */
    }
    if (h >= 0x7C00)
        h = 0x7C00;
    return (uint16_t)(sign | h);
}

float qx_f16_to_f32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t e = (h >> 10) & 0x1F;
    uint32_t m = h & 0x3FF;
    if (e == 0x1F)
        return float_of(sign | 0x7F800000 | (m << 13));
    if (e == 0) {
        if (m == 0)
            return float_of(sign);
        /* subnormal: normalise */
        int exp = -14;
        while (!(m & 0x400)) {
            m <<= 1;
            exp--;
        }
        m &= 0x3FF;
        return float_of(sign | ((uint32_t)(exp + 127) << 23) | (m << 13));
    }
    return float_of(sign | ((e - 15 + 127) << 23) | (m << 13));
}

uint16_t qx_f32_to_bf16(float f)
{
    uint32_t b = bits_of(f);
    if ((b & 0x7FFFFFFF) > 0x7F800000)
        return (uint16_t)((b >> 16) | 0x0040);
    return (uint16_t)((b + 0x7FFF + ((b >> 16) & 1)) >> 16);
}

float qx_bf16_to_f32(uint16_t h)
{
    return float_of((uint32_t)h << 16);
}

int qx_is_bf16_exact(float x)
{
    return (bits_of(x) & 0xFFFF) == 0;
}

int qx_is_f16_exact(float x)
{
    uint32_t b = bits_of(x);
    if (((b >> 23) & 0xFF) == 0xFF)
        return 0;
    return bits_of(qx_f16_to_f32(qx_f32_to_f16(x))) == b;
}
