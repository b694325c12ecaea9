/* Internal to quant: binary32 <-> bit pattern without aliasing (memcpy
 * compiles to a register move). */
#ifndef QX_QUANT_BITS_H
#define QX_QUANT_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t bits_of(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

static inline float float_of(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

#endif
