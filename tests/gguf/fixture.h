/* fixture: writes the GGUF files the tests use, so that no model is ever
 * downloaded: a valid file for every tensor type, hostile files for every
 * reader rule (built byte by byte, independently of our writer), and the
 * tiny random-weight LLaMA of GGUF.md §7.5 (built with our writer). */
#ifndef QX_TEST_FIXTURE_H
#define QX_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "qexplain/diag.h"

struct qx_fx_broken {
    const char *kind;   /* file name stem: broken-<kind>.gguf */
    int accepted;       /* 1: a valid file that must be accepted with a warning */
    const char *expect; /* substring of our diagnostic */
};

/* The catalogue of hostile fixtures. */
const struct qx_fx_broken *qx_fx_broken_list(size_t *n);
/* Writes fixture kind to path. Returns 0 or -1 (unknown kind, I/O). */
int qx_fx_write_broken(const char *path, const char *kind);

/* A valid file with a 2 x 256 tensor "blk.0.attn_q.weight" of type, an F32
 * "blk.0.ffn_norm.weight" of ones (BF16-exact) and an F32
 * "output_norm.weight" of full-precision values. 0 or a QX_E* code. */
int qx_fx_write_valid(const char *path, uint32_t type, struct qx_diags *d);

/* The tiny LLaMA: 2 blocks, n_embd 64, n_ff 128, 4 heads, a byte-fallback
 * SentencePiece vocabulary. storage: ggml type of the 2-D weights (F32,
 * F16 or BF16). Deterministic for a given seed. */
int qx_fx_write_tiny_llama(const char *path, uint32_t storage, uint64_t seed, struct qx_diags *d);

/* Deterministic approximately normal values (Irwin-Hall, 12 uniforms):
 * pure arithmetic, so identical on every machine. */
void qx_fx_normal(float *x, size_t n, float sigma, uint64_t *state);

#endif
