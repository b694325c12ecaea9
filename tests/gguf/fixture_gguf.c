/* fixture_gguf: the test helper behind fixture.h. Hostile files are
 * encoded here by hand, byte by byte, so that they exercise the reader
 * without depending on the writer; valid files and the tiny model go
 * through the writer, whose output the oracle test re-reads with ggml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"
#include "qexplain/util.h"

static uint64_t xs(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

void qx_fx_normal(float *x, size_t n, float sigma, uint64_t *state)
{
    for (size_t i = 0; i < n; i++) {
        float acc = 0.0f;
        for (int k = 0; k < 12; k++)
            acc += (float)(xs(state) >> 40) * 0x1p-24f;
        x[i] = (acc - 6.0f) * sigma;
    }
}

/* ---- raw encoding for hostile files ---- */
static void p32(struct qx_buf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        qx_buf_addc(b, (char)(unsigned char)(v >> (8 * i)));
}
static void p64(struct qx_buf *b, uint64_t v)
{
    p32(b, (uint32_t)v);
    p32(b, (uint32_t)(v >> 32));
}
static void pstr(struct qx_buf *b, const char *s)
{
    p64(b, strlen(s));
    qx_buf_adds(b, s);
}
static void hdr(struct qx_buf *b, uint32_t version, uint64_t nt, uint64_t nkv)
{
    qx_buf_add(b, "GGUF", 4);
    p32(b, version);
    p64(b, nt);
    p64(b, nkv);
}
static void kv_u32(struct qx_buf *b, const char *key, uint32_t v)
{
    pstr(b, key);
    p32(b, 4);
    p32(b, v);
}
static void kv_str(struct qx_buf *b, const char *key, const char *v)
{
    pstr(b, key);
    p32(b, 8);
    pstr(b, v);
}
static void tinfo(struct qx_buf *b, const char *name, uint32_t nd, const uint64_t *ne, uint32_t type,
                  uint64_t off)
{
    pstr(b, name);
    p32(b, nd);
    for (uint32_t i = 0; i < nd; i++)
        p64(b, ne[i]);
    p32(b, type);
    p64(b, off);
}
static void pad(struct qx_buf *b, size_t a)
{
    while (b->len % a)
        qx_buf_addc(b, 0);
}
static void bytes(struct qx_buf *b, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        qx_buf_addc(b, (char)v);
}

/* Two F32 tensors of 8 elements: the baseline the hostile files perturb. */
static void two_tensors(struct qx_buf *b, const char *n0, const char *n1, uint64_t off1)
{
    uint64_t ne[1] = {8};
    tinfo(b, n0, 1, ne, 0, 0);
    tinfo(b, n1, 1, ne, 0, off1);
}

static const struct qx_fx_broken broken[] = {
    {"bad-magic", 0, "invalid magic characters 'GGML'"},
    {"tiny", 0, "too small to be GGUF"},
    {"version-0", 0, "bad GGUF version 0"},
    {"version-1", 0, "GGUFv1 is no longer supported"},
    {"version-4", 0, "GGUF version 4 is newer"},
    {"big-endian", 0, "big-endian GGUF files are not supported"},
    {"truncated", 0, "unexpected end of file at byte 44 reading a value type (4 bytes needed, 2 left)"},
    {"huge-string", 0, "string length 1099511627776 at byte 24 exceeds the limit"},
    {"string-past-end", 0, "string length 1000 at byte 24 exceeds remaining file size"},
    {"too-many-kv", 0, "key-value pairs cannot fit"},
    {"too-many-tensors", 0, "tensor infos cannot fit"},
    {"negative-count", 0, "negative count"},
    {"empty-key", 0, "key 0 is empty"},
    {"nul-key", 0, "key 0 contains a NUL byte"},
    {"duplicate-key", 0, "duplicate key 'general.name'"},
    {"invalid-value-type", 0, "key 'k': invalid GGUF type 13"},
    {"nested-array", 0, "arrays of arrays are not supported"},
    {"huge-array", 0, "array of 2147483648 elements exceeds the limit"},
    {"array-past-end", 0, "array of 1000 elements (at least 4000 bytes) exceeds remaining"},
    {"alignment-type", 0, "general.alignment must be of type u32, not u64"},
    {"bad-alignment", 0, "general.alignment 48 is not a non-zero power of two"},
    {"name-too-long", 0, "name of 64 bytes exceeds 63 bytes"},
    {"nul-name", 0, "tensor 0: name contains a NUL byte"},
    {"duplicate-tensor", 0, "duplicate tensor name 'a.weight'"},
    {"too-many-dims", 0, "tensor 'a.weight': 5 dimensions exceed the maximum of 4"},
    {"negative-dim", 0, "tensor 'a.weight': dimension 0 is negative (-1)"},
    {"dims-overflow", 0, "element count overflows int64"},
    {"removed-type", 0, "tensor 'a.weight': ggml type 4 was removed"},
    {"removed-type-33", 0, "tensor 'a.weight': ggml type 33 was removed"},
    {"block-multiple", 0, "row length 48 is not a multiple of block size 32 (Q4_0)"},
    {"data-start-past-end", 0, "past the end of the file"},
    {"misaligned-offset", 0, "tensor 'b.weight' has offset 16, expected 32"},
    {"gap-offset", 0, "tensor 'b.weight' has offset 64, expected 32"},
    {"tensor-past-end", 0,
     "tensor 'blk.0.attn_q.weight': data ends past end of file (offset 128, size 1024, file 200)"},
    {"unknown-type", 1, "unknown ggml type 50 (newer than this build)"},
    {"bad-bool", 1, "bool byte 2 is neither 0 nor 1"},
    {"trailing-bytes", 1, "64 trailing bytes after the last tensor's data"},
};

const struct qx_fx_broken *qx_fx_broken_list(size_t *n)
{
    *n = sizeof broken / sizeof broken[0];
    return broken;
}

static int build_broken(struct qx_buf *b, const char *k)
{
    uint64_t ne[5] = {8, 1, 1, 1, 1};
    if (!strcmp(k, "bad-magic")) {
        qx_buf_add(b, "GGML", 4);
        p32(b, 3);
    } else if (!strcmp(k, "tiny")) {
        qx_buf_add(b, "GG", 2);
    } else if (!strncmp(k, "version-", 8)) {
        hdr(b, (uint32_t)(k[8] - '0'), 0, 0);
    } else if (!strcmp(k, "big-endian")) {
        qx_buf_add(b, "GGUF\0\0\0\3", 8);
        bytes(b, 16, 0);
    } else if (!strcmp(k, "truncated")) {
        hdr(b, 3, 0, 1);
        kv_str(b, "general.name", "a name that is cut");
        qx_buf_truncate(b, 46); /* inside the value type at byte 44 */
    } else if (!strcmp(k, "huge-string")) {
        hdr(b, 3, 0, 1);
        p64(b, (uint64_t)1 << 40);
        bytes(b, 8, 'a');
    } else if (!strcmp(k, "string-past-end")) {
        hdr(b, 3, 0, 1);
        p64(b, 1000);
        bytes(b, 30, 'a');
    } else if (!strcmp(k, "too-many-kv")) {
        hdr(b, 3, 0, 1000);
        kv_u32(b, "k", 1);
    } else if (!strcmp(k, "too-many-tensors")) {
        hdr(b, 3, (uint64_t)1 << 40, 0);
        bytes(b, 64, 0);
    } else if (!strcmp(k, "negative-count")) {
        hdr(b, 3, UINT64_MAX, 0);
    } else if (!strcmp(k, "empty-key")) {
        hdr(b, 3, 0, 1);
        kv_u32(b, "", 1);
    } else if (!strcmp(k, "nul-key")) {
        hdr(b, 3, 0, 1);
        p64(b, 3);
        qx_buf_add(b, "a\0b", 3);
        p32(b, 4);
        p32(b, 1);
    } else if (!strcmp(k, "duplicate-key")) {
        hdr(b, 3, 0, 2);
        kv_str(b, "general.name", "x");
        kv_str(b, "general.name", "y");
    } else if (!strcmp(k, "invalid-value-type")) {
        hdr(b, 3, 0, 1);
        pstr(b, "k");
        p32(b, 13);
        p32(b, 0);
    } else if (!strcmp(k, "nested-array")) {
        hdr(b, 3, 0, 1);
        pstr(b, "k");
        p32(b, 9);
        p32(b, 9);
        p64(b, 1);
        bytes(b, 16, 0);
    } else if (!strcmp(k, "huge-array")) {
        hdr(b, 3, 0, 1);
        pstr(b, "k");
        p32(b, 9);
        p32(b, 4);
        p64(b, (uint64_t)1 << 31);
    } else if (!strcmp(k, "array-past-end")) {
        hdr(b, 3, 0, 1);
        pstr(b, "k");
        p32(b, 9);
        p32(b, 4);
        p64(b, 1000);
        bytes(b, 40, 0);
    } else if (!strcmp(k, "alignment-type")) {
        hdr(b, 3, 0, 1);
        pstr(b, "general.alignment");
        p32(b, 10);
        p64(b, 32);
    } else if (!strcmp(k, "bad-alignment")) {
        hdr(b, 3, 0, 1);
        kv_u32(b, "general.alignment", 48);
    } else if (!strcmp(k, "bad-bool")) {
        hdr(b, 3, 0, 1);
        pstr(b, "k");
        p32(b, 7);
        qx_buf_addc(b, 2);
    } else if (!strcmp(k, "name-too-long") || !strcmp(k, "nul-name")) {
        hdr(b, 3, 1, 0);
        char name[65];
        memset(name, 'n', 64);
        name[64] = '\0';
        if (!strcmp(k, "nul-name"))
            name[3] = '\0', name[4] = '\0';
        if (!strcmp(k, "nul-name")) {
            p64(b, 5);
            qx_buf_add(b, "abc\0d", 5);
            p32(b, 1);
            p64(b, 8);
            p32(b, 0);
            p64(b, 0);
        } else {
            tinfo(b, name, 1, ne, 0, 0);
        }
        pad(b, 32);
        bytes(b, 32, 0);
    } else if (!strcmp(k, "duplicate-tensor")) {
        hdr(b, 3, 2, 0);
        two_tensors(b, "a.weight", "a.weight", 32);
        pad(b, 32);
        bytes(b, 64, 0);
    } else if (!strcmp(k, "too-many-dims")) {
        hdr(b, 3, 1, 0);
        tinfo(b, "a.weight", 5, ne, 0, 0);
        pad(b, 32);
        bytes(b, 32, 0);
    } else if (!strcmp(k, "negative-dim")) {
        hdr(b, 3, 1, 0);
        uint64_t neg[1] = {UINT64_MAX};
        tinfo(b, "a.weight", 1, neg, 0, 0);
    } else if (!strcmp(k, "dims-overflow")) {
        hdr(b, 3, 1, 0);
        uint64_t big[2] = {(uint64_t)1 << 40, (uint64_t)1 << 40};
        tinfo(b, "a.weight", 2, big, 0, 0);
    } else if (!strncmp(k, "removed-type", 12)) {
        hdr(b, 3, 1, 0);
        uint64_t ne32[1] = {32};
        tinfo(b, "a.weight", 1, ne32, k[12] ? 33 : 4, 0);
        pad(b, 32);
        bytes(b, 32, 0);
    } else if (!strcmp(k, "block-multiple")) {
        hdr(b, 3, 1, 0);
        uint64_t ne48[1] = {48};
        tinfo(b, "a.weight", 1, ne48, 2, 0);
        pad(b, 32);
        bytes(b, 32, 0);
    } else if (!strcmp(k, "data-start-past-end")) {
        hdr(b, 3, 1, 0);
        tinfo(b, "ab.weight", 1, ne, 0, 0);
        qx_buf_addc(b, 0); /* the infos end at 65; the data would start at 96 */
    } else if (!strcmp(k, "misaligned-offset") || !strcmp(k, "gap-offset")) {
        hdr(b, 3, 2, 0);
        two_tensors(b, "a.weight", "b.weight", k[0] == 'm' ? 16 : 64);
        pad(b, 32);
        bytes(b, 128, 0);
    } else if (!strcmp(k, "tensor-past-end")) {
        hdr(b, 3, 1, 1);
        kv_u32(b, "general.alignment", 32);
        uint64_t ne2[2] = {128, 2};
        tinfo(b, "blk.0.attn_q.weight", 2, ne2, 0, 0);
        pad(b, 32);
        bytes(b, 200 - b->len, 0);
    } else if (!strcmp(k, "unknown-type")) {
        hdr(b, 3, 2, 0);
        uint64_t ne1[1] = {16};
        tinfo(b, "a.weight", 1, ne1, 50, 0);
        tinfo(b, "b.weight", 1, ne, 0, 64);
        pad(b, 32);
        bytes(b, 96, 0);
    } else if (!strcmp(k, "trailing-bytes")) {
        hdr(b, 3, 1, 0);
        tinfo(b, "a.weight", 1, ne, 0, 0);
        pad(b, 32);
        bytes(b, 32 + 64, 0);
    } else {
        return -1;
    }
    return 0;
}

int qx_fx_write_broken(const char *path, const char *kind)
{
    struct qx_buf b;
    qx_buf_init(&b);
    int rc = build_broken(&b, kind);
    if (rc == 0) {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(b.data, 1, b.len, f) != b.len)
            rc = -1;
        if (f && fclose(f) != 0)
            rc = -1;
    }
    qx_buf_release(&b);
    return rc;
}

/* ---- valid files through the writer ---- */

/* Writes one tensor's floats in its storage type. */
static int put_tensor(struct qx_gguf_writer *w, uint32_t type, const float *x, size_t n, uint64_t *rng,
                      struct qx_diags *d)
{
    const struct qx_type_info *ti = qx_quant_type(type);
    size_t bytes = qx_quant_row_size(type, n);
    unsigned char *buf = qx_malloc(bytes ? bytes : 1);
    if (ti->can_quant) {
        qx_quant_quantize(buf, type, x, n);
    } else {
        /* no quantizer: deterministic block bytes (the container is what
         * these files test); keep binary16 scales finite by clearing the
         * top exponent bit of every byte pair */
        for (size_t i = 0; i < bytes; i++)
            buf[i] = (unsigned char)(xs(rng) >> 56);
        for (size_t i = 1; i < bytes; i += 2)
            buf[i] &= 0x3F;
    }
    int rc = qx_gguf_writer_data(w, buf, bytes, d);
    free(buf);
    return rc;
}

int qx_fx_write_valid(const char *path, uint32_t type, struct qx_diags *d)
{
    uint64_t rng = 0x2545F4914F6CDD1Dull ^ type;
    float q[512], ones[256], full[256];
    qx_fx_normal(q, 512, 0.1f, &rng);
    for (int i = 0; i < 256; i++)
        ones[i] = 1.0f;
    qx_fx_normal(full, 256, 0.5f, &rng);
    struct qx_gguf_writer w;
    qx_gguf_writer_init(&w, 32);
    qx_gguf_writer_kv_str(&w, "general.architecture", "llama");
    qx_gguf_writer_kv_str(&w, "general.name", "qexplain fixture");
    if (qx_quant_type(type)->quantized)
        qx_gguf_writer_kv_u32(&w, "general.quantization_version", 2);
    uint64_t ne2[2] = {256, 2}, ne1[1] = {256};
    int rc = qx_gguf_writer_tensor(&w, "blk.0.attn_q.weight", 2, ne2, type);
    if (!rc)
        rc = qx_gguf_writer_tensor(&w, "blk.0.ffn_norm.weight", 1, ne1, QX_TYPE_F32);
    if (!rc)
        rc = qx_gguf_writer_tensor(&w, "output_norm.weight", 1, ne1, QX_TYPE_F32);
    if (!rc)
        rc = qx_gguf_writer_begin(&w, path, d);
    if (!rc)
        rc = put_tensor(&w, type, q, 512, &rng, d);
    if (!rc)
        rc = put_tensor(&w, QX_TYPE_F32, ones, 256, &rng, d);
    if (!rc)
        rc = put_tensor(&w, QX_TYPE_F32, full, 256, &rng, d);
    if (!rc)
        rc = qx_gguf_writer_commit(&w, d);
    qx_gguf_writer_release(&w);
    return rc;
}

enum { EMBD = 64, FF = 128, BLOCKS = 2, HEADS = 4 };

static const char *const words[] = {"\xe2\x96\x81"
                                    "the",
                                    "\xe2\x96\x81"
                                    "of",
                                    "\xe2\x96\x81"
                                    "and",
                                    "\xe2\x96\x81"
                                    "a",
                                    "\xe2\x96\x81"
                                    "to",
                                    "\xe2\x96\x81"
                                    "in"};
#define NWORDS (sizeof words / sizeof words[0])
#define VOCAB (3 + 256 + NWORDS)

static int tiny_kvs(struct qx_gguf_writer *w, uint32_t storage)
{
    static char bytetok[256][8];
    const char *tokens[VOCAB];
    float scores[VOCAB];
    int32_t types[VOCAB];
    tokens[0] = "<unk>";
    tokens[1] = "<s>";
    tokens[2] = "</s>";
    types[0] = 2;
    types[1] = types[2] = 3;
    for (int i = 0; i < 256; i++) {
        snprintf(bytetok[i], sizeof bytetok[i], "<0x%02X>", i);
        tokens[3 + i] = bytetok[i];
        types[3 + i] = 6;
    }
    for (size_t i = 0; i < NWORDS; i++) {
        tokens[259 + i] = words[i];
        types[259 + i] = 1;
    }
    for (size_t i = 0; i < VOCAB; i++)
        scores[i] = i < 259 ? 0.0f : -(float)(i - 258);
    int rc = 0;
    rc |= qx_gguf_writer_kv_str(w, "general.architecture", "llama");
    rc |= qx_gguf_writer_kv_str(w, "general.name", "qexplain tiny random llama");
    rc |= qx_gguf_writer_kv_u32(w, "general.file_type",
                                storage == QX_TYPE_F16    ? 1
                                : storage == QX_TYPE_BF16 ? 32
                                                          : 0);
    rc |= qx_gguf_writer_kv_u32(w, "llama.context_length", 256);
    rc |= qx_gguf_writer_kv_u32(w, "llama.embedding_length", EMBD);
    rc |= qx_gguf_writer_kv_u32(w, "llama.block_count", BLOCKS);
    rc |= qx_gguf_writer_kv_u32(w, "llama.feed_forward_length", FF);
    rc |= qx_gguf_writer_kv_u32(w, "llama.attention.head_count", HEADS);
    rc |= qx_gguf_writer_kv_u32(w, "llama.attention.head_count_kv", HEADS);
    rc |= qx_gguf_writer_kv_u32(w, "llama.rope.dimension_count", EMBD / HEADS);
    rc |= qx_gguf_writer_kv_f32(w, "llama.attention.layer_norm_rms_epsilon", 1e-5f);
    rc |= qx_gguf_writer_kv_f32(w, "llama.rope.freq_base", 10000.0f);
    rc |= qx_gguf_writer_kv_str(w, "tokenizer.ggml.model", "llama");
    rc |= qx_gguf_writer_kv_arr_str(w, "tokenizer.ggml.tokens", tokens, VOCAB);
    rc |= qx_gguf_writer_kv_arr(w, "tokenizer.ggml.scores", QX_GGUF_F32, scores, VOCAB);
    rc |= qx_gguf_writer_kv_arr(w, "tokenizer.ggml.token_type", QX_GGUF_I32, types, VOCAB);
    rc |= qx_gguf_writer_kv_u32(w, "tokenizer.ggml.bos_token_id", 1);
    rc |= qx_gguf_writer_kv_u32(w, "tokenizer.ggml.eos_token_id", 2);
    rc |= qx_gguf_writer_kv_u32(w, "tokenizer.ggml.unknown_token_id", 0);
    return rc ? QX_EINTERNAL : 0;
}

struct tspec {
    char name[64];
    uint32_t nd;
    uint64_t ne[2];
    float sigma; /* 0: ones (a norm) */
};

static size_t tiny_tensors(struct tspec *t)
{
    size_t n = 0;
#define ADD(nm, d0, d1, sg)                                                                                  \
    do {                                                                                                     \
        snprintf(t[n].name, sizeof t[n].name, "%s", nm);                                                     \
        t[n].nd = (d1) ? 2 : 1;                                                                              \
        t[n].ne[0] = d0;                                                                                     \
        t[n].ne[1] = (d1) ? (d1) : 1;                                                                        \
        t[n].sigma = sg;                                                                                     \
        n++;                                                                                                 \
    } while (0)
    ADD("token_embd.weight", EMBD, VOCAB, 0.5f);
    for (int b = 0; b < BLOCKS; b++) {
        char nm[64];
        static const struct {
            const char *role;
            int d0, d1;
        } roles[] = {{"attn_norm", EMBD, 0}, {"attn_q", EMBD, EMBD},      {"attn_k", EMBD, EMBD},
                     {"attn_v", EMBD, EMBD}, {"attn_output", EMBD, EMBD}, {"ffn_norm", EMBD, 0},
                     {"ffn_gate", EMBD, FF}, {"ffn_up", EMBD, FF},        {"ffn_down", FF, EMBD}};
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
            snprintf(nm, sizeof nm, "blk.%d.%s.weight", b, roles[r].role);
            ADD(nm, (uint64_t)roles[r].d0, (uint64_t)roles[r].d1, roles[r].d1 ? 0.1f : 0.0f);
        }
    }
    ADD("output_norm.weight", EMBD, 0, 0.0f);
    ADD("output.weight", EMBD, VOCAB, 0.1f);
#undef ADD
    return n;
}

int qx_fx_write_tiny_llama(const char *path, uint32_t storage, uint64_t seed, struct qx_diags *d)
{
    struct tspec t[32];
    size_t nt = tiny_tensors(t);
    struct qx_gguf_writer w;
    qx_gguf_writer_init(&w, 32);
    int rc = tiny_kvs(&w, storage);
    for (size_t i = 0; i < nt && !rc; i++)
        rc = qx_gguf_writer_tensor(&w, t[i].name, t[i].nd, t[i].ne, t[i].nd == 2 ? storage : QX_TYPE_F32);
    if (!rc)
        rc = qx_gguf_writer_begin(&w, path, d);
    uint64_t rng = seed ? seed : 1;
    for (size_t i = 0; i < nt && !rc; i++) {
        size_t n = (size_t)(t[i].ne[0] * t[i].ne[1]);
        float *x = qx_malloc(n * sizeof *x);
        if (t[i].sigma == 0.0f)
            for (size_t k = 0; k < n; k++)
                x[k] = 1.0f;
        else
            qx_fx_normal(x, n, t[i].sigma, &rng);
        rc = put_tensor(&w, t[i].nd == 2 ? storage : QX_TYPE_F32, x, n, &rng, d);
        free(x);
    }
    if (!rc)
        rc = qx_gguf_writer_commit(&w, d);
    qx_gguf_writer_release(&w);
    return rc;
}
