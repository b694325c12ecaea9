/* An in-memory fact base for the figures and numfmt tests, built from real
 * figures of ../shared/facts/checked-facts.json (ids and values as there;
 * keys and derived entries as the facts README computes them, e.g.
 * 1 - 8.21/16.99 = 0.517). No loader involved. */
#ifndef TEST_FIGURES_FACTS_H
#define TEST_FIGURES_FACTS_H

#include <string.h>

#include "qexplain/facts.h"

struct tv {
    const char *fact, *key;
    double value;
    const char *text; /* string value, or NULL */
    const char *unit;
    enum qx_fact_qualifier qual;
    const char *display;
};

static const struct tv test_values[] = {
    {"qwen-inference-speed-memory", "bf16_speed", 40.93, NULL, "tokens/s", 0, NULL},
    {"qwen-inference-speed-memory", "bf16_mem", 16.99, NULL, "GB", 0, NULL},
    {"qwen-inference-speed-memory", "int8_speed", 37.47, NULL, "tokens/s", 0, NULL},
    {"qwen-inference-speed-memory", "int4_speed", 50.09, NULL, "tokens/s", 0, NULL},
    {"qwen-inference-speed-memory", "int4_mem", 8.21, NULL, "GB", 0, "8.21吉字节"},
    {"qwen-inference-speed-memory", "int4_cut", 0.517, NULL, "ratio", 0, "约52%"},
    {"qwen3-32b-transformers-speed-mem", "bf16_mem", 62751, NULL, "MB", 0, NULL},
    {"qwen3-32b-transformers-speed-mem", "awq_mem", 19109, NULL, "MB", 0, NULL},
    {"qwen3-32b-transformers-speed-mem", "mem_cut", 0.695, NULL, "ratio", 0, NULL},
    {"fastchat-awq-a6000-memory-speed", "v7b_fp16_mem", 13543, NULL, "MiB", 0, NULL},
    {"fastchat-awq-a6000-memory-speed", "v7b_awq_mem", 5547, NULL, "MiB", 0, NULL},
    {"fastchat-awq-a6000-memory-speed", "v7b_fp16_latency", 26.06, NULL, "ms/token", 0, NULL},
    {"fastchat-awq-a6000-memory-speed", "v7b_speedup", 2.1, NULL, "x", 0, NULL},
    {"tinychat-4090-decode", "llama3_fp16", 17.07, NULL, "ms/token", 0, NULL},
    {"tinychat-4090-decode", "llama3_int4", 6.39, NULL, "ms/token", 0, NULL},
    {"tinychat-4090-decode", "llama3_speedup", 2.69, NULL, "x", 0, NULL},
    {"tinychat-prefill-ttft", "ttft_fp16", 0.446, NULL, "s", 0, NULL},
    {"tinychat-prefill-ttft", "speedup_range", 0, "1.52-1.69", "x", 0, NULL},
    {"tinychat-prefill-ttft", "orin_speedup", 0.91, NULL, "x", 0, NULL},
    {"awq-abstract", "salient_share", 1, NULL, "%", 0, NULL},
    {"awq-abstract", "speedup_hf", 3, NULL, "x", QX_QUAL_MORE_THAN, NULL},
    {"awq-abstract", "llama2_params", 70e9, NULL, "params", 0, NULL},
    {"awq-abstract", "orin_memory", 64, NULL, "GB", 0, NULL},
    {"llamacpp-llama31-8b-bpw-size", "q4km_bpw", 4.8944, NULL, "bits/weight", 0, NULL},
    {"llamacpp-llama31-8b-bpw-size", "f16_size", 14.96, NULL, "GiB", 0, NULL},
    {"llamacpp-llama31-8b-bpw-size", "q4km_size", 4.58, NULL, "GiB", 0, NULL},
    {"llmint8-bloom176b-slower", "slowdown", 0, "15-23", "%", 0, NULL},
    {"llmint8-bloom176b-slower", "bf16_latency", 239, NULL, "ms/token", 0, NULL},
    {"qwen-qlora-memory-speed", "qlora_speed", 3.0, NULL, "s/iter", 0, NULL},
    {"qwen-qlora-memory-speed", "lora_speed", 1.2, NULL, "s/iter", 0, NULL},
    {"qwen-qlora-memory-speed", "qlora_mem", 11.5, NULL, "GB", 0, NULL},
    {"gptq-abstract-175b-4gpuh", "params", 175e9, NULL, "params", 0, NULL},
    {"gptq-abstract-175b-4gpuh", "quant_time", 4, NULL, "gpu-hours", QX_QUAL_APPROX, NULL},
    {"gptq-abstract-175b-4gpuh", "bit_width", 0, "3-4", "bits/weight", 0, NULL},
    {"llmint8-abstract", "int8_share", 99.9, NULL, "%", QX_QUAL_MORE_THAN, NULL},
    {"qwen14b-72b-chat-int4", "q72b_bf16_ceval", 80.1, NULL, "points", 0, NULL},
    {"qwen14b-72b-chat-int4", "q72b_bf16_mmlu", 74.4, NULL, "points", 0, NULL},
    {"qwen14b-72b-chat-int4", "q72b_int4_mmlu", 73.4, NULL, "points", 0, NULL},
    {"llmint8-opt175b-zero-degradation", "hellaswag_int8", 0.7849, NULL, "accuracy", 0, NULL},
    {"llmint8-opt175b-zero-degradation", "lambada_ppl_int8", 3.0142, NULL, "ppl", 0, NULL},
    {"qlora-65b-48gb-guanaco", "finetune_time", 24, NULL, "hours", 0, NULL},
    {"qlora-65b-48gb-guanaco", "models", 1000, NULL, "count", QX_QUAL_MORE_THAN, NULL},
    {"intel-inc-lambada-int8-int4", "target_loss", 1, NULL, "%", QX_QUAL_AT_MOST, NULL},
    {"smoothquant-abstract", "max_speedup", 1.56, NULL, "x", QX_QUAL_UP_TO, NULL},
    {"smoothquant-abstract", "gpus_175b", 0, "8 vs 4", "gpus", 0, NULL},
    {"bloom176b-bf16-352gb", "bf16_size", 352, NULL, "GB", 0, NULL},
    {"bytes-per-param-accelerate", "int4", 0.5, NULL, "bytes/param", 0, NULL},
    {"bytes-per-param-accelerate", "inference_overhead", 20, NULL, "%", QX_QUAL_UP_TO, NULL},
};

#define TEST_NVALUES (sizeof test_values / sizeof test_values[0])

/* Storage for the base: facts in order of first appearance. */
struct test_base {
    struct qx_facts facts;
    struct qx_fact fact[TEST_NVALUES];
    struct qx_fact_value val[TEST_NVALUES];
};

static void test_base_init(struct test_base *b)
{
    memset(b, 0, sizeof *b);
    b->facts.facts = b->fact;
    for (size_t i = 0; i < TEST_NVALUES; i++) {
        const struct tv *t = &test_values[i];
        struct qx_fact_value *v = &b->val[i];
        v->key = (char *)t->key;
        v->name = (char *)t->key;
        v->is_number = t->text == NULL;
        v->value = t->value;
        v->text = (char *)t->text;
        v->unit = (char *)t->unit;
        v->qual = t->qual;
        v->display = (char *)t->display;
        v->decimals = -1;
        struct qx_fact *f = b->facts.n ? &b->fact[b->facts.n - 1] : NULL;
        if (!f || strcmp(f->id, t->fact) != 0) {
            f = &b->fact[b->facts.n++];
            f->id = (char *)t->fact;
            f->values = v;
        }
        f->nvalues++;
    }
}

#endif
