/* figures: tracing figures in prose to an in-memory fact base built from
 * real checked figures (test_figures_facts.h). Each row: a text holding one
 * figure, the status expected and the fact.key named (match or nearest).
 * Covers unit conversion (GB<->MB, MiB<->GiB, s<->ms, ratio<->%), the
 * rounding rule, qualifiers, bounds, ranges and exempt kinds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/figures.h"
#include "test_figures_facts.h"

static const char *const names[] = {"exempt",    "exact",        "rounded", "bound",
                                    "qualifier", "needs-approx", "none"};

struct tcase {
    const char *text;
    enum qx_trace_status want;
    const char *ref; /* "fact.key" of the match or the nearest; NULL: none named */
};

static const struct tcase cases[] = {
    /* the facts README example: 1 - 8.21/16.99 = 51.7% -> 约52% */
    {"显存约减少52%", QX_TRACE_ROUNDED, "qwen-inference-speed-memory.int4_cut"},
    {"显存约52%", QX_TRACE_ROUNDED, "qwen-inference-speed-memory.int4_cut"},
    {"显存减少51.7%", QX_TRACE_EXACT, "qwen-inference-speed-memory.int4_cut"},
    {"显存减少52%", QX_TRACE_NEEDS_APPROX, "qwen-inference-speed-memory.int4_cut"},
    {"显存约减少50%", QX_TRACE_ROUNDED, "qwen-inference-speed-memory.int4_cut"},
    {"显存减少72%", QX_TRACE_NONE, "qwen3-32b-transformers-speed-mem.mem_cut"},
    {"显存减少77%", QX_TRACE_NONE, NULL},
    {"约69.5%", QX_TRACE_EXACT, "qwen3-32b-transformers-speed-mem.mem_cut"},
    {"约70%", QX_TRACE_ROUNDED, "qwen3-32b-transformers-speed-mem.mem_cut"},
    /* decimal bytes convert, binary bytes convert, the two never mix */
    {"8.21吉字节", QX_TRACE_EXACT, "qwen-inference-speed-memory.int4_mem"},
    {"8210兆字节", QX_TRACE_EXACT, "qwen-inference-speed-memory.int4_mem"},
    {"8.21 GB", QX_TRACE_EXACT, "qwen-inference-speed-memory.int4_mem"},
    {"8.2吉字节", QX_TRACE_NEEDS_APPROX, "qwen-inference-speed-memory.int4_mem"},
    {"约8.2吉字节", QX_TRACE_ROUNDED, "qwen-inference-speed-memory.int4_mem"},
    {"约8吉字节", QX_TRACE_ROUNDED, "qwen-inference-speed-memory.int4_mem"},
    {"8.21吉比字节", QX_TRACE_NONE, NULL},
    {"62.751吉字节", QX_TRACE_EXACT, "qwen3-32b-transformers-speed-mem.bf16_mem"},
    {"13543兆比字节", QX_TRACE_EXACT, "fastchat-awq-a6000-memory-speed.v7b_fp16_mem"},
    {"约13.2吉比字节", QX_TRACE_ROUNDED, "fastchat-awq-a6000-memory-speed.v7b_fp16_mem"},
    {"13.2吉比字节", QX_TRACE_NEEDS_APPROX, "fastchat-awq-a6000-memory-speed.v7b_fp16_mem"},
    {"约13.5吉字节", QX_TRACE_NONE, NULL},
    {"14.96吉比字节", QX_TRACE_EXACT, "llamacpp-llama31-8b-bpw-size.f16_size"},
    {"14.96吉字节", QX_TRACE_NONE, NULL},
    /* time: s <-> ms; a bare time matches any "per" */
    {"0.446秒", QX_TRACE_EXACT, "tinychat-prefill-ttft.ttft_fp16"},
    {"446毫秒", QX_TRACE_EXACT, "tinychat-prefill-ttft.ttft_fp16"},
    {"每个词元6.39毫秒", QX_TRACE_EXACT, "tinychat-4090-decode.llama3_int4"},
    {"6.39毫秒/词元", QX_TRACE_EXACT, "tinychat-4090-decode.llama3_int4"},
    {"6.39秒/步", QX_TRACE_NONE, NULL},
    {"5.28毫秒", QX_TRACE_NONE, "tinychat-4090-decode.llama3_int4"},
    {"每步3秒", QX_TRACE_EXACT, "qwen-qlora-memory-speed.qlora_speed"},
    {"3.0秒/步", QX_TRACE_EXACT, "qwen-qlora-memory-speed.qlora_speed"},
    {"24小时", QX_TRACE_EXACT, "qlora-65b-48gb-guanaco.finetune_time"},
    {"1天", QX_TRACE_EXACT, "qlora-65b-48gb-guanaco.finetune_time"},
    /* multiples */
    {"2.69倍", QX_TRACE_EXACT, "tinychat-4090-decode.llama3_speedup"},
    {"约2.7倍", QX_TRACE_ROUNDED, "tinychat-4090-decode.llama3_speedup"},
    {"2.7倍", QX_TRACE_NEEDS_APPROX, "tinychat-4090-decode.llama3_speedup"},
    {"2.1x", QX_TRACE_EXACT, "fastchat-awq-a6000-memory-speed.v7b_speedup"},
    {"0.91倍", QX_TRACE_EXACT, "tinychat-prefill-ttft.orin_speedup"},
    /* qualifiers of the fact must be kept */
    {"超过3倍", QX_TRACE_BOUND, "awq-abstract.speedup_hf"},
    {"3倍以上", QX_TRACE_BOUND, "awq-abstract.speedup_hf"},
    {"3倍", QX_TRACE_QUALIFIER, "awq-abstract.speedup_hf"},
    {"超过99.9%", QX_TRACE_BOUND, "llmint8-abstract.int8_share"},
    {"99.9%", QX_TRACE_QUALIFIER, "llmint8-abstract.int8_share"},
    {"最高1.56倍", QX_TRACE_BOUND, "smoothquant-abstract.max_speedup"},
    {"1.56倍", QX_TRACE_QUALIFIER, "smoothquant-abstract.max_speedup"},
    {"不超过1%", QX_TRACE_BOUND, "intel-inc-lambada-int8-int4.target_loss"},
    {"约4个GPU小时", QX_TRACE_EXACT, "gptq-abstract-175b-4gpuh.quant_time"},
    {"4个GPU小时", QX_TRACE_QUALIFIER, "gptq-abstract-175b-4gpuh.quant_time"},
    {"超过1000个", QX_TRACE_BOUND, "qlora-65b-48gb-guanaco.models"},
    {"1000多个", QX_TRACE_BOUND, "qlora-65b-48gb-guanaco.models"},
    {"超过50%", QX_TRACE_BOUND, "qwen-inference-speed-memory.int4_cut"},
    {"超过40%", QX_TRACE_NONE, NULL},
    {"最高20%", QX_TRACE_BOUND, "bytes-per-param-accelerate.inference_overhead"},
    /* scores, accuracy, perplexity, counts */
    {"80.1分", QX_TRACE_EXACT, "qwen14b-72b-chat-int4.q72b_bf16_ceval"},
    {"80.1%", QX_TRACE_EXACT, "qwen14b-72b-chat-int4.q72b_bf16_ceval"},
    {"从74.4降到73.4分", QX_TRACE_EXACT, "qwen14b-72b-chat-int4.q72b_int4_mmlu"},
    {"78.49%", QX_TRACE_EXACT, "llmint8-opt175b-zero-degradation.hellaswag_int8"},
    {"准确率0.7849", QX_TRACE_EXACT, "llmint8-opt175b-zero-degradation.hellaswag_int8"},
    {"困惑度3.0142", QX_TRACE_EXACT, "llmint8-opt175b-zero-degradation.lambada_ppl_int8"},
    {"困惑度3.0143", QX_TRACE_NONE, "llmint8-opt175b-zero-degradation.lambada_ppl_int8"},
    {"700亿参数", QX_TRACE_EXACT, "awq-abstract.llama2_params"},
    {"1750亿参数", QX_TRACE_EXACT, "gptq-abstract-175b-4gpuh.params"},
    {"70亿参数", QX_TRACE_NONE, NULL},
    {"8张显卡", QX_TRACE_EXACT, "smoothquant-abstract.gpus_175b"},
    {"4.8944位", QX_TRACE_EXACT, "llamacpp-llama31-8b-bpw-size.q4km_bpw"},
    {"约4.9位", QX_TRACE_ROUNDED, "llamacpp-llama31-8b-bpw-size.q4km_bpw"},
    {"0.5字节", QX_TRACE_EXACT, "bytes-per-param-accelerate.int4"},
    {"每秒40.93个词元", QX_TRACE_EXACT, "qwen-inference-speed-memory.bf16_speed"},
    {"40.93词元/秒", QX_TRACE_EXACT, "qwen-inference-speed-memory.bf16_speed"},
    /* ranges: a range value, or each end on its own */
    {"1.52-1.69倍", QX_TRACE_EXACT, "tinychat-prefill-ttft.speedup_range"},
    {"1.52倍～1.69倍", QX_TRACE_EXACT, "tinychat-prefill-ttft.speedup_range"},
    {"15%～23%", QX_TRACE_EXACT, "llmint8-bloom176b-slower.slowdown"},
    {"慢15%", QX_TRACE_NONE, NULL},
    {"3至4位", QX_TRACE_EXACT, "gptq-abstract-175b-4gpuh.bit_width"},
    {"2.1～2.69倍", QX_TRACE_EXACT, "fastchat-awq-a6000-memory-speed.v7b_speedup"},
    {"2.1～2.8倍", QX_TRACE_NONE, NULL},
    /* exempt: no fact needed */
    {"2024年", QX_TRACE_EXEMPT, NULL},
    {"第3章", QX_TRACE_EXEMPT, NULL},
    {"三个问题", QX_TRACE_EXEMPT, NULL},
    {"4位整数", QX_TRACE_EXEMPT, NULL},
    /* units no fact has */
    {"18W", QX_TRACE_NONE, NULL},
};

static void ref_of(char *buf, size_t n, const struct qx_trace *t)
{
    if (!t->value)
        snprintf(buf, n, "(none)");
    else
        snprintf(buf, n, "%s.%s", t->fact->id, t->value->key);
}

/* The last non-exempt figure of the text (the first for exempt rows). */
static const struct qx_figure *pick(const struct qx_figure *f, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (!qx_figure_exempt(&f[i]))
            return &f[i];
    return n ? &f[0] : NULL;
}

static void traces_every_case(void **state)
{
    (void)state;
    struct test_base base;
    test_base_init(&base);
    struct qx_figures_index *ix = qx_figures_index_new(&base.facts);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct tcase *c = &cases[i];
        struct qx_figure *f = NULL;
        size_t n = 0, cap = 0;
        qx_numfmt_scan(c->text, strlen(c->text), &f, &n, &cap);
        const struct qx_figure *fig = pick(f, n);
        if (!fig)
            fail_msg("row %zu '%s': no figure found", i, c->text);
        struct qx_trace t;
        enum qx_trace_status st = qx_figures_index_trace(ix, fig, &t);
        char got[160];
        ref_of(got, sizeof got, &t);
        int ref_ok = c->ref ? strcmp(got, c->ref) == 0 : c->want == QX_TRACE_NONE || !t.value;
        if (st != c->want || t.status != st || !ref_ok)
            fail_msg("row %zu '%s': %s %s, want %s %s", i, c->text, names[st], got, names[c->want],
                     c->ref ? c->ref : "(any)");
        /* the one-off form agrees with the index */
        struct qx_trace t2;
        assert_int_equal(qx_figures_trace(&base.facts, fig, &t2), st);
        assert_ptr_equal(t2.value, t.value);
        free(f);
    }
    qx_figures_index_free(ix);
}

static void messages_name_the_nearest_fact(void **state)
{
    (void)state;
    struct test_base base;
    test_base_init(&base);
    struct qx_figures_index *ix = qx_figures_index_new(&base.facts);
    static const struct {
        const char *text, *want;
    } rows[] = {
        {"显存减少72%",
         "figure '72%' matches no fact; nearest: qwen3-32b-transformers-speed-mem.mem_cut (69.5%)"},
        {"显存减少52%", "figure '52%' rounds qwen-inference-speed-memory.int4_cut (约52%) without saying so: "
                        "write 约 before it or give the exact value"},
        {"快3倍", "figure '3倍' drops the qualifier of awq-abstract.speedup_hf (超过3倍)"},
        {"约8吉字节", "figure '约8吉字节' matches qwen-inference-speed-memory.int4_mem (8.21吉字节)"},
        {"15%～23%", "figure '15%～23%' matches llmint8-bloom176b-slower.slowdown (15-23%)"},
        {"18W", "figure '18W' matches no fact"},
        {"2024年", "figure '2024年' is exempt (year, date, ordinal or count)"},
    };
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct qx_figure *f = NULL;
        size_t n = 0, cap = 0;
        qx_numfmt_scan(rows[i].text, strlen(rows[i].text), &f, &n, &cap);
        assert_int_equal(n, 1);
        struct qx_trace t;
        qx_figures_index_trace(ix, &f[0], &t);
        qx_buf_reset(&b);
        qx_figures_message(&b, rows[i].text, &f[0], &t);
        if (strcmp(b.data, rows[i].want) != 0)
            fail_msg("row %zu:\n  got  '%s'\n  want '%s'", i, b.data, rows[i].want);
        free(f);
    }
    qx_buf_release(&b);
    qx_figures_index_free(ix);
}

static void checks_one_value(void **state)
{
    (void)state;
    struct test_base base;
    test_base_init(&base);
    const struct qx_fact_value *cut = &base.val[5]; /* int4_cut 0.517 ratio */
    assert_string_equal(cut->key, "int4_cut");
    static const struct {
        const char *text;
        enum qx_trace_status want;
    } rows[] = {
        {"约52%", QX_TRACE_ROUNDED}, {"51.7%", QX_TRACE_EXACT}, {"52%", QX_TRACE_NEEDS_APPROX},
        {"53%", QX_TRACE_NONE},      {"51.7", QX_TRACE_EXACT},  {"约52倍", QX_TRACE_NONE},
        {"2024年", QX_TRACE_EXEMPT},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct qx_figure *f = NULL;
        size_t n = 0, cap = 0;
        qx_numfmt_scan(rows[i].text, strlen(rows[i].text), &f, &n, &cap);
        assert_int_equal(n, 1);
        enum qx_trace_status st = qx_figures_check(&f[0], cut);
        if (st != rows[i].want)
            fail_msg("row %zu '%s': %s, want %s", i, rows[i].text, names[st], names[rows[i].want]);
        free(f);
    }
}

static void empty_base_names_nothing(void **state)
{
    (void)state;
    struct qx_facts none;
    memset(&none, 0, sizeof none);
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan("约52%", strlen("约52%"), &f, &n, &cap);
    struct qx_trace t;
    assert_int_equal(qx_figures_trace(&none, &f[0], &t), QX_TRACE_NONE);
    assert_null(t.value);
    assert_false(qx_trace_ok(t.status));
    assert_true(qx_trace_ok(QX_TRACE_EXEMPT) && qx_trace_ok(QX_TRACE_BOUND));
    assert_false(qx_trace_ok(QX_TRACE_NEEDS_APPROX) || qx_trace_ok(QX_TRACE_QUALIFIER));
    qx_figures_index_free(NULL);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(traces_every_case),
        cmocka_unit_test(messages_name_the_nearest_fact),
        cmocka_unit_test(checks_one_value),
        cmocka_unit_test(empty_base_names_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
