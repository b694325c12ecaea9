/* exp_impl: helpers shared inside the experiment module. */
#ifndef QX_EXP_IMPL_H
#define QX_EXP_IMPL_H

#include <cjson/cJSON.h>

#include "qexplain/gguf.h"

/* A metadata KV as JSON: {"key", "type", "value"} with arrays summarised
 * as {"element_type", "count", "head": [first 16]}. */
cJSON *qx_exp_kv_json(const struct qx_gguf *g, const struct qx_gguf_kv *kv);
/* x rounded to `digits` decimals (for stable JSON); non-finite as is. */
double qx_exp_round(double x, int digits);
/* A double for JSON: null for NaN and infinities. */
cJSON *qx_exp_num(double x);

#endif
