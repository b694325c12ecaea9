/* experiment: the analyses behind `qexplain gguf` and `qexplain
 * experiment run`: header summaries, precision analysis, fake
 * quantization, numeric diffs, perplexity through llama.cpp, and experiment
 * plans with their reports and measured facts. Layer 6: uses gguf, quant,
 * json, file. Library code: results go into structs and buffers, never to
 * stdout. Numbers are accumulated in element order (double sums), so every
 * report is deterministic. */
#ifndef QEXPLAIN_EXPERIMENT_H
#define QEXPLAIN_EXPERIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "qexplain/diag.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"
#include "qexplain/util.h"

/* Values decoded per chunk when streaming tensors. */
#define QX_EXP_CHUNK ((uint64_t)1 << 20)

/* ---- inspect ---- */
/* Header-only summary: metadata, type distribution, size and effective bits
 * per weight per group; the tensor table with `tensors`. */
void qx_inspect_render(struct qx_buf *out, const struct qx_gguf *g, int json, int tensors);

/* ---- precision (GGUF.md §5) ---- */
struct qx_prec_tensor {
    size_t index; /* into g->tensors */
    int decoded;  /* 0: type has no decoder, stats empty */
    int bf16_all, f16_all;
    struct qx_stats st;
};

struct qx_prec_group {
    char *role; /* "ffn_norm", "attn_q", ... */
    size_t n, decoded, bf16_all, f16_all, quantized;
    uint32_t type; /* storage type of the first tensor */
    int mixed;     /* storage types differ */
    struct qx_stats st;
};

struct qx_precision {
    struct qx_prec_tensor *t;
    size_t n;
    struct qx_prec_group *g;
    size_t ng;
};

int qx_precision_run(struct qx_precision *out, const struct qx_gguf *g, const struct qx_gguf_select *sel,
                     struct qx_diags *d);
void qx_precision_release(struct qx_precision *p);
/* "ffn_norm: 22/22 tensors already BF16-exact — fake BF16 quantization will
 * change nothing"; owned. */
char *qx_precision_verdict(const struct qx_prec_group *grp);
void qx_precision_render(struct qx_buf *out, const struct qx_precision *p, const struct qx_gguf *g, int json);

/* ---- fake quantization ---- */
struct qx_fq_tensor {
    char *name;
    uint32_t type;
    uint64_t n;
    char *skipped;           /* reason, or NULL when processed */
    struct qx_errstats err;  /* original vs written */
    uint64_t double_rounded; /* written != the scheme's value (F16/BF16 storage) */
    double dr_max;           /* largest |written - scheme value| */
};

struct qx_fakequant {
    struct qx_fq_tensor *t;
    size_t n;
    char *scheme;
    uint64_t values, changed;
    size_t processed, skipped;
};

/* Writes OUT: IN with the selected tensors fake-quantized with s and
 * written back in their own storage type (F32, F16 or BF16), every other
 * byte as in IN, plus qexplain.fake_quant.* provenance keys. Atomic.
 * Refuses (QX_EINPUT) NaN/Inf inputs and values that overflow F16 storage;
 * QX_EUSAGE when the selector matches no tensor. */
int qx_fakequant_run(struct qx_fakequant *out, const char *in, const char *outpath,
                     const struct qx_gguf_select *sel, const char *target_spec, const struct qx_scheme *s,
                     struct qx_diags *d);
void qx_fakequant_release(struct qx_fakequant *f);
void qx_fakequant_render(struct qx_buf *out, const struct qx_fakequant *f, int json);

/* ---- diff ---- */
enum qx_diff_status {
    QX_DIFF_COMPARED = 0,
    QX_DIFF_ONLY_A,
    QX_DIFF_ONLY_B,
    QX_DIFF_SHAPE,
    QX_DIFF_UNDECODABLE
};

struct qx_diff_tensor {
    char *name;
    enum qx_diff_status status;
    uint32_t type_a, type_b;
    struct qx_errstats e;
    int beyond; /* differs beyond the tolerance */
};

struct qx_diff {
    struct qx_strvec meta; /* one line per metadata difference */
    struct qx_diff_tensor *t;
    size_t n;
    size_t compared, differing, beyond;
    double tolerance;
};

int qx_diff_run(struct qx_diff *out, const struct qx_gguf *a, const struct qx_gguf *b,
                const struct qx_gguf_select *sel, double tolerance, struct qx_diags *d);
void qx_diff_release(struct qx_diff *df);
void qx_diff_render(struct qx_buf *out, const struct qx_diff *df, int json);

/* ---- perplexity (GGUF.md §6-7.3) ---- */
struct qx_ppl {
    int available; /* 0: no evaluator; why says what is missing */
    double ppl, err;
    long n_tokens, n_chunk;
    char *evaluator; /* "llama-perplexity" or "node-llama-cpp" */
    char *command;   /* the command line, shell-quoted */
    char *why;
    char *output; /* the evaluator's last output lines */
};

/* Runs llama-perplexity from PATH, else `node SCRIPT` with the
 * node-llama-cpp found under $QEXPLAIN_NODE_MODULES. script may be NULL
 * (no Node fallback). Returns 0 with available = 0 when neither exists;
 * QX_EIO when the evaluator ran and failed. */
int qx_perplexity_run(struct qx_ppl *r, const char *model, const char *text, unsigned ctx, unsigned threads,
                      const char *script, struct qx_diags *d);
void qx_ppl_release(struct qx_ppl *r);

/* ---- experiment plans (docs/gguf.md, "Experiment plans") ---- */
struct qx_plan_model {
    char *path; /* resolved against the plan's directory */
    char *name; /* display name; defaults to the file name */
};

struct qx_plan {
    char *file, *name, *title;
    struct qx_plan_model *models;
    size_t nmodels;
    struct qx_strvec targets; /* selector specs, in order */
    struct qx_strvec schemes; /* canonical scheme names */
    char *text;               /* evaluation text, or NULL */
    unsigned ctx, threads;
    int do_precision, do_diff, do_ppl;
    int keep_variants;
    int year; /* fact source year; 0 = this year */
};

/* Loads a YAML (or JSON) plan; every problem is a diagnostic with
 * file:line:column (unknown keys, wrong types, bad selectors or schemes). */
int qx_plan_load(struct qx_plan **out, const char *path, struct qx_diags *d);
void qx_plan_free(struct qx_plan *p);

struct qx_exp_opts {
    const char *out_dir;
    int lang_en;            /* report language: 0 Chinese, 1 English */
    int progress;           /* progress lines on stderr */
    const char *ppl_script; /* tools/ppl.mjs, or NULL */
};

/* Runs the plan step by step and writes out_dir/report.txt, results.json,
 * commands.log and facts.json (each atomically). */
int qx_experiment_run(const struct qx_plan *p, const struct qx_exp_opts *o, struct qx_diags *d);


#endif
