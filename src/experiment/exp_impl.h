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

/* Renders the human report from the results tree (Chinese or English). */
void qx_exp_report(struct qx_buf *out, const cJSON *results, int lang_en);
/* The measurements as fact-base entries (docs/interfaces.md §1); owned. */
char *qx_exp_facts(const cJSON *results);
/* Plain-language labels (labels.c); owned. term receives the glossary
 * term the Chinese scheme label uses, or NULL. */
char *qx_exp_target_label(const char *target, int en);
char *qx_exp_scheme_label(const char *scheme, int en, const char **term);
/* Appends s as a fact id fragment: [a-z0-9.-]. */
void qx_exp_id_slug(struct qx_buf *b, const char *s);
#endif
