/* quant/types: the ggml type table (ids, names, block sizes and bytes per
 * block) of ggml-org/ggml include/ggml.h and src/ggml.c type traits, as
 * listed in GGUF.md §2. Pure data; libc only. Invariant: removed ids have
 * blck == 0 so callers can reject them before dividing by the block size. */
#include <float.h>
#include <string.h>
#include <strings.h>

#include "qexplain/quant.h"

_Static_assert(FLT_EVAL_METHOD == 0, "binary32 arithmetic must not use wider intermediates");

#define T(n, b, s, q, dq, qq)                                                                                \
    {                                                                                                        \
        n, b, s, q, dq, qq                                                                                   \
    }
static const struct qx_type_info types[QX_TYPE_COUNT] = {
    [0] = T("f32", 1, 4, 0, 1, 1),         [1] = T("f16", 1, 2, 0, 1, 1),
    [2] = T("q4_0", 32, 18, 1, 1, 1),      [3] = T("q4_1", 32, 20, 1, 1, 1),
    [4] = T("removed", 0, 0, 0, 0, 0),     [5] = T("removed", 0, 0, 0, 0, 0),
    [6] = T("q5_0", 32, 22, 1, 1, 1),      [7] = T("q5_1", 32, 24, 1, 1, 1),
    [8] = T("q8_0", 32, 34, 1, 1, 1),      [9] = T("q8_1", 32, 36, 1, 0, 0),
    [10] = T("q2_K", 256, 84, 1, 1, 0),    [11] = T("q3_K", 256, 110, 1, 1, 0),
    [12] = T("q4_K", 256, 144, 1, 1, 0),   [13] = T("q5_K", 256, 176, 1, 1, 0),
    [14] = T("q6_K", 256, 210, 1, 1, 0),   [15] = T("q8_K", 256, 292, 1, 0, 0),
    [16] = T("iq2_xxs", 256, 66, 1, 0, 0), [17] = T("iq2_xs", 256, 74, 1, 0, 0),
    [18] = T("iq3_xxs", 256, 98, 1, 0, 0), [19] = T("iq1_s", 256, 50, 1, 0, 0),
    [20] = T("iq4_nl", 32, 18, 1, 0, 0),   [21] = T("iq3_s", 256, 110, 1, 0, 0),
    [22] = T("iq2_s", 256, 82, 1, 0, 0),   [23] = T("iq4_xs", 256, 136, 1, 0, 0),
    [24] = T("i8", 1, 1, 0, 0, 0),         [25] = T("i16", 1, 2, 0, 0, 0),
    [26] = T("i32", 1, 4, 0, 0, 0),        [27] = T("i64", 1, 8, 0, 0, 0),
    [28] = T("f64", 1, 8, 0, 0, 0),        [29] = T("iq1_m", 256, 56, 1, 0, 0),
    [30] = T("bf16", 1, 2, 0, 1, 1),       [31] = T("removed", 0, 0, 0, 0, 0),
    [32] = T("removed", 0, 0, 0, 0, 0),    [33] = T("removed", 0, 0, 0, 0, 0),
    [34] = T("tq1_0", 256, 54, 1, 0, 0),   [35] = T("tq2_0", 256, 66, 1, 0, 0),
    [36] = T("removed", 0, 0, 0, 0, 0),    [37] = T("removed", 0, 0, 0, 0, 0),
    [38] = T("removed", 0, 0, 0, 0, 0),    [39] = T("mxfp4", 32, 17, 1, 0, 0),
    [40] = T("nvfp4", 64, 36, 1, 0, 0),    [41] = T("q1_0", 128, 18, 1, 0, 0),
    [42] = T("q2_0", 64, 18, 1, 0, 0),
};
#undef T

static const char *display[QX_TYPE_COUNT] = {
    "F32",   "F16",    "Q4_0",  "Q4_1", NULL,   NULL,      "Q5_0",   "Q5_1",    "Q8_0",  "Q8_1",   "Q2_K",
    "Q3_K",  "Q4_K",   "Q5_K",  "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S",
    "IQ2_S", "IQ4_XS", "I8",    "I16",  "I32",  "I64",     "F64",    "IQ1_M",   "BF16",  NULL,     NULL,
    NULL,    "TQ1_0",  "TQ2_0", NULL,   NULL,   NULL,      "MXFP4",  "NVFP4",   "Q1_0",  "Q2_0",
};

const struct qx_type_info *qx_quant_type(uint32_t id)
{
    return id < QX_TYPE_COUNT ? &types[id] : NULL;
}

const char *qx_quant_type_display(uint32_t id)
{
    return id < QX_TYPE_COUNT ? display[id] : NULL;
}

int qx_quant_type_parse(const char *name)
{
    for (int i = 0; i < QX_TYPE_COUNT; i++)
        if (display[i] && strcasecmp(display[i], name) == 0)
            return i;
    return -1;
}

size_t qx_quant_row_size(uint32_t type, size_t n)
{
    const struct qx_type_info *t = qx_quant_type(type);
    if (!t || t->blck == 0)
        return 0;
    return n / t->blck * t->size;
}
