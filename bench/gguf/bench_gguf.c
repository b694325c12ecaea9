/* bench_gguf: figures for DESIGN.md §7 "gguf", each beside a baseline
 * measured in the same run on the same data:
 *   1. `inspect` (open + validate + render, header only) of a sparse
 *      multi-gigabyte LLaMA-7B-shaped file, beside ggml's
 *      gguf_init_from_file (metadata only) on the same file;
 *   2. dequantization throughput per type, beside ggml's to_float;
 *   3. precision-analysis throughput (qx_stats_add), beside a memcpy of the
 *      same bytes and ggml's F16 -> F32 row conversion.
 * ggml comes from $QEXPLAIN_GGML_LIB (tests/gguf/install-oracles.sh); without
 * it only our figures print. Best of several repetitions; well under a
 * minute. Usage: gguf_bench [DIR] (default: a temporary directory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "oracle.h"
#include "qexplain/experiment.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { EMBD = 4096, FF = 11008, LAYERS = 32, VOCAB = 32000 };

/* A LLaMA-2-7B-shaped Q4_K_M-like header; the data section is a hole. */
static int write_sparse(const char *path, uint64_t *size)
{
    struct qx_gguf_writer w;
    struct qx_diags d;
    qx_diags_init(&d);
    qx_gguf_writer_init(&w, 32);
    qx_gguf_writer_kv_str(&w, "general.architecture", "llama");
    qx_gguf_writer_kv_u32(&w, "llama.embedding_length", EMBD);
    qx_gguf_writer_kv_u32(&w, "llama.block_count", LAYERS);
    qx_gguf_writer_kv_u32(&w, "general.quantization_version", 2);
    static char names[VOCAB][16];
    static const char *toks[VOCAB];
    static float scores[VOCAB];
    static int32_t types[VOCAB];
    for (int i = 0; i < VOCAB; i++) {
        snprintf(names[i], sizeof names[i], "tok%05d", i);
        toks[i] = names[i];
        scores[i] = (float)-i;
        types[i] = 1;
    }
    qx_gguf_writer_kv_arr_str(&w, "tokenizer.ggml.tokens", toks, VOCAB);
    qx_gguf_writer_kv_arr(&w, "tokenizer.ggml.scores", QX_GGUF_F32, scores, VOCAB);
    qx_gguf_writer_kv_arr(&w, "tokenizer.ggml.token_type", QX_GGUF_I32, types, VOCAB);
    uint64_t emb[2] = {EMBD, VOCAB}, sq[2] = {EMBD, EMBD}, up[2] = {EMBD, FF}, dn[2] = {FF, EMBD},
             nrm[1] = {EMBD};
    qx_gguf_writer_tensor(&w, "token_embd.weight", 2, emb, QX_TYPE_Q4_K);
    for (int l = 0; l < LAYERS; l++) {
        char n[64];
#define T(role, nd, ne, ty)                                                                                  \
    snprintf(n, sizeof n, "blk.%d." role ".weight", l);                                                      \
    qx_gguf_writer_tensor(&w, n, nd, ne, ty)
        T("attn_norm", 1, nrm, QX_TYPE_F32);
        T("attn_q", 2, sq, QX_TYPE_Q4_K);
        T("attn_k", 2, sq, QX_TYPE_Q4_K);
        T("attn_v", 2, sq, QX_TYPE_Q6_K);
        T("attn_output", 2, sq, QX_TYPE_Q4_K);
        T("ffn_norm", 1, nrm, QX_TYPE_F32);
        T("ffn_gate", 2, up, QX_TYPE_Q4_K);
        T("ffn_up", 2, up, QX_TYPE_Q4_K);
        T("ffn_down", 2, dn, QX_TYPE_Q6_K);
#undef T
    }
    qx_gguf_writer_tensor(&w, "output_norm.weight", 1, nrm, QX_TYPE_F32);
    qx_gguf_writer_tensor(&w, "output.weight", 2, emb, QX_TYPE_Q6_K);
    int rc = qx_gguf_writer_begin(&w, path, &d);
    /* Bench-only shortcut: leave the data section as a hole instead of
     * streaming gigabytes of zeros through writer_data. */
    off_t header = lseek(w.fd, 0, SEEK_CUR);
    *size = (uint64_t)header + w.next_offset;
    if (!rc && ftruncate(w.fd, (off_t)*size) != 0)
        rc = -1;
    w.cur = (size_t)w.n_tensors;
    if (!rc)
        rc = qx_gguf_writer_commit(&w, &d);
    qx_gguf_writer_release(&w);
    qx_diags_release(&d);
    return rc;
}

static double best_of(int reps, double (*fn)(void *), void *arg)
{
    double best = 1e30;
    for (int i = 0; i < reps; i++) {
        double t = fn(arg);
        if (t < best)
            best = t;
    }
    return best;
}

struct inspect_arg {
    const char *path;
    const struct qx_oracle *o;
};

static double ours_inspect(void *p)
{
    struct inspect_arg *a = p;
    double t0 = now();
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g;
    if (qx_gguf_open(&g, a->path, &d) != 0) {
        fprintf(stderr, "bench: %s\n", d.items[0].message);
        exit(1);
    }
    struct qx_buf b;
    qx_buf_init(&b);
    qx_inspect_render(&b, g, 0, 1);
    qx_buf_release(&b);
    qx_gguf_close(g);
    qx_diags_release(&d);
    return now() - t0;
}

static double ggml_inspect(void *p)
{
    struct inspect_arg *a = p;
    double t0 = now();
    struct qx_gguf_init_params params = {.no_alloc = true, .ctx = NULL};
    void *ctx = a->o->gguf_init_from_file(a->path, params);
    if (!ctx)
        exit(1);
    a->o->gguf_free(ctx);
    return now() - t0;
}

enum { N = 1 << 24 }; /* 16 Mi values = 64 MiB of F32 */

struct deq_arg {
    int type;
    const void *q;
    float *y;
    const struct qx_oracle *o;
};

static double ours_deq(void *p)
{
    struct deq_arg *a = p;
    double t0 = now();
    qx_quant_dequantize(a->y, (uint32_t)a->type, a->q, N);
    return now() - t0;
}

static double ggml_deq(void *p)
{
    struct deq_arg *a = p;
    double t0 = now();
    a->o->get_type_traits(a->type)->to_float(a->q, a->y, N);
    return now() - t0;
}

static const float *stats_src;
static double ours_stats(void *p)
{
    (void)p;
    struct qx_stats st;
    qx_stats_init(&st);
    double t0 = now();
    qx_stats_add(&st, stats_src, N);
    return now() - t0;
}

static float *memcpy_dst;
static double memcpy_run(void *p)
{
    (void)p;
    double t0 = now();
    memcpy(memcpy_dst, stats_src, (size_t)N * 4);
    return now() - t0;
}

int main(int argc, char **argv)
{
    struct qx_oracle o;
    const char *why = NULL;
    int have = qx_oracle_open(&o, &why) == 0;
    if (!have)
        printf("ggml baseline unavailable: %s\n", why);
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/qxbenchXXXXXX", qx_tmpdir());
    const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
    char *path = qx_asprintf("%s/sparse-7b.gguf", dir);
    uint64_t size;
    if (write_sparse(path, &size) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        return 1;
    }
    struct inspect_arg ia = {.path = path, .o = &o};
    double t = best_of(20, ours_inspect, &ia);
    printf("inspect, %.2f GB sparse file, %d tensors, 3 x %d-entry vocab arrays:\n", (double)size / 1e9,
           2 + LAYERS * 9 + 1, VOCAB);
    printf("  qexplain open+validate+render   %8.2f ms\n", t * 1e3);
    if (have)
        printf("  ggml gguf_init_from_file        %8.2f ms   (metadata only, same file)\n",
               best_of(20, ggml_inspect, &ia) * 1e3);

    float *x = malloc((size_t)N * 4), *y = malloc((size_t)N * 4);
    unsigned char *q = malloc((size_t)N * 4);
    uint64_t rng = 12345;
    qx_fx_normal(x, N, 0.02f, &rng);
    printf("dequantize %d Mi values (GB/s of F32 output, best of 5):\n", N >> 20);
    static const int types[] = {QX_TYPE_F16,  QX_TYPE_BF16, QX_TYPE_Q8_0, QX_TYPE_Q4_0,
                                QX_TYPE_Q5_1, QX_TYPE_Q2_K, QX_TYPE_Q4_K, QX_TYPE_Q6_K};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int ty = types[i];
        const struct qx_type_info *ti = qx_quant_type((uint32_t)ty);
        if (have)
            o.quantize_chunk(ty, x, q, 0, N / 4096, 4096, NULL);
        else if (ti->can_quant)
            qx_quant_quantize(q, (uint32_t)ty, x, N);
        else
            continue;
        struct deq_arg da = {.type = ty, .q = q, .y = y, .o = &o};
        double ours = best_of(5, ours_deq, &da);
        printf("  %-5s qexplain %6.2f GB/s", qx_quant_type_display((uint32_t)ty), (double)N * 4 / ours / 1e9);
        if (have)
            printf("   ggml %6.2f GB/s", (double)N * 4 / best_of(5, ggml_deq, &da) / 1e9);
        printf("\n");
    }
    stats_src = x;
    memcpy_dst = y;
    printf("precision analysis of %d MiB of F32 (GB/s of input, best of 5):\n", N * 4 >> 20);
    printf("  qexplain qx_stats_add           %6.2f GB/s\n",
           (double)N * 4 / best_of(5, ours_stats, NULL) / 1e9);
    printf("  memcpy, same bytes              %6.2f GB/s\n",
           (double)N * 4 / best_of(5, memcpy_run, NULL) / 1e9);
    if (have) {
        qx_quant_quantize(q, QX_TYPE_F16, x, N);
        struct deq_arg da = {.type = QX_TYPE_F16, .q = q, .y = y, .o = &o};
        printf("  ggml F16->F32 row, same count   %6.2f GB/s (of F32 output)\n",
               (double)N * 4 / best_of(5, ggml_deq, &da) / 1e9);
    }
    free(x);
    free(y);
    free(q);
    unlink(path);
    free(path);
    if (argc <= 1)
        rmdir(dir);
    if (have)
        qx_oracle_close(&o);
    return 0;
}
