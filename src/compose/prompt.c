/* prompt: `qexplain prompt`'s text: the skill's prompt body, then every
 * fact the article may cite, each figure printed exactly as the generator
 * prints it (so a draft written from it passes the figure rule), then the
 * glossary. An editor hands this to a language model and lints the draft.
 * Depends on skill, facts and numfmt (through context.c). */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"

static void line(struct qx_buf *out, const char *label, const char *value)
{
    if (value && value[0] && strcmp(value, "n/a") != 0)
        qx_buf_addf(out, "  %s: %s\n", label, value);
}

static void fact_entry(struct qx_buf *out, const struct qx_fact *f)
{
    qx_buf_addf(out, "\n[%s]\n", f->id);
    line(out, "claim", f->claim_zh ? f->claim_zh : f->claim_en);
    for (size_t i = 0; i < f->nvalues; i++) {
        const struct qx_fact_value *v = &f->values[i];
        qx_buf_addf(out, "  figure %s: ", v->key);
        cx_format_value(out, v);
        qx_buf_addf(out, " (%s%s%s)\n", v->name ? v->name : v->key, v->expr ? " = " : "",
                    v->expr ? v->expr : "");
    }
    line(out, "method", f->method);
    line(out, "model", f->model);
    line(out, "hardware", f->hardware);
    line(out, "baseline", f->baseline);
    line(out, "caveat", f->caveat_zh ? f->caveat_zh : f->caveat);
    qx_buf_addf(out, "  source: %s%s%s", f->source.authors ? f->source.authors : "",
                f->source.authors ? ", " : "", f->source.title ? f->source.title : "");
    if (f->source.year > 0)
        qx_buf_addf(out, " (%d)", f->source.year);
    qx_buf_addf(out, "; %s\n", f->source.locator ? f->source.locator : "");
}

/* Example claims in the seed skills that no checked source supports, with
 * the nearest real facts (../shared/facts/README.md, "Claims in the seed
 * skills that are NOT supported"). The prompt body is the editors' text and
 * stays as written; instead the prompt names each such example it contains,
 * so that a model drafting from it is told not to state them. */
static const struct unsupported {
    const char *match;   /* substring of the prompt body */
    const char *verdict; /* why it must not be stated */
    const char *nearest; /* comma-separated fact ids, or "" */
} unsupported[] = {
    {"TIR", "no quantization technique of that name is known (not supported by any source)",
     "tinychat-4090-decode,qwen3-8b-sglang-speed"},
    {"AWQ-v2", "no algorithm of that name exists (not supported); the 0.3% figure has no source",
     "awq-abstract,qwen2-7b-gptq-awq-accuracy"},
    {"iOS 18", "no primary source links it to GGUF (not supported)",
     "apple-2025-ondevice-2bit-qat,gguf-spec-magic-version"},
    {"NIAQC", "no such organisation or audit could be found (not supported); say no public audit evidence exists",
     ""},
    {"CAICT", "no quotable CAICT publication on quantization was found (not supported)",
     "qwen2-small-models-int4-ceval,chatglm2-6b-int4-mmlu-ceval"},
    {"QLoRA+INT4 accuracy gains", "QLoRA claims parity with 16-bit fine-tuning, not a gain (not supported)",
     "qlora-65b-48gb-guanaco,qwen-qlora-memory-speed"},
    {"provincial", "anonymised deployment logs cannot be cited (not supported); say no public deployment evidence exists",
     ""},
    {"12345", "no public source for this deployment (not supported)", ""},
    {"18W", "no source for this power figure (not supported)", ""},
    {"72%", "not supported: measured 4-bit memory cuts are about 52% to 70%",
     "qwen-inference-speed-memory,qwen3-32b-transformers-speed-mem"},
    {"77%", "not supported: measured 4-bit memory cuts are about 52% to 70%",
     "qwen-inference-speed-memory,qwen3-32b-transformers-speed-mem"},
    {"75%", "holds for raw weight storage only (otherwise not supported)",
     "idefics80b-estimator-fp16-vs-int4,bytes-per-param-accelerate"},
    {"per-head attention preservation", "not supported as a general rule", "llamacpp-q4km-layer-aware-mix"},
    {"Attention layers more sensitive than MLP", "not supported as a general rule",
     "llamacpp-q4km-layer-aware-mix,llmint8-abstract"},
    {"C-Eval drop > MMLU", "mixed evidence, not a rule (not supported as stated)",
     "qwen2-small-models-int4-ceval,qwen14b-72b-chat-int4"},
    {"30% more tokens", "no source for this figure (not supported)", ""},
    {"llama.cpp on M2", "no source in the fact base (not supported)", ""},
    {"32GB laptop", "no source for this setup (not supported)", "hf-4bit-blog-double-quant"},
};

static void unsupported_section(struct qx_buf *out, const struct qx_skill *skill, const struct qx_facts *facts)
{
    const char *body = skill->body ? skill->body : "";
    int any = 0;
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
        const struct unsupported *u = &unsupported[i];
        if (!strstr(body, u->match))
            continue;
        if (!any)
            qx_buf_adds(out, "\n# Examples in this prompt that no source supports\n\n"
                             "The prompt above mentions these as examples. Do not state them.\n\n");
        any = 1;
        qx_buf_addf(out, "- '%s': %s.", u->match, u->verdict);
        int first = 1;
        for (const char *p = u->nearest; *p;) {
            const char *c = strchr(p, ',');
            size_t n = c ? (size_t)(c - p) : strlen(p);
            char *id = qx_strndup(p, n);
            if (qx_facts_find(facts, id)) {
                qx_buf_addf(out, "%s%s", first ? " Nearest real facts: " : ", ", id);
                first = 0;
            }
            free(id);
            p += n + (c ? 1 : 0);
        }
        qx_buf_adds(out, "\n");
    }
}

void qx_compose_prompt(struct qx_buf *out, const struct qx_skill *skill, const struct qx_facts *facts)
{
    qx_buf_adds(out, skill->body ? skill->body : "");
    if (out->len && out->data[out->len - 1] != '\n')
        qx_buf_addc(out, '\n');
    qx_buf_addf(out,
                "\n# Facts you may cite\n\n"
                "Use only the figures below, written exactly as shown, each with its model,\n"
                "hardware and baseline, and keep each caveat. Where this prompt asks for evidence\n"
                "that is not listed here (deployment logs, audits, reports, other figures), write\n"
                "that no public evidence is available instead of supplying it. %zu facts:\n",
                facts->n);
    for (size_t i = 0; i < facts->n; i++)
        fact_entry(out, &facts->facts[i]);
    unsupported_section(out, skill, facts);
    qx_buf_adds(out, "\n# Terms\n\nExplain each English term at its first use with its Chinese label.\n\n");
    for (size_t i = 0; i < facts->ngloss; i++) {
        const struct qx_gloss *g = &facts->gloss[i];
        qx_buf_addf(out, "%s（%s）: %s%s%s\n", g->term, g->label_zh ? g->label_zh : "",
                    g->full ? g->full : "", g->full && g->explain_zh ? ". " : "",
                    g->explain_zh ? g->explain_zh : "");
    }
}
