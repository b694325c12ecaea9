/* gguf: a strict, read-only, memory-mapped GGUF reader and a streaming
 * writer for fake-quantized copies. Layer 4: uses file, quant, util, diag.
 *
 * Acceptance follows ggml's reference reader (ggml-org/ggml src/gguf.cpp,
 * gguf_init_from_reader) rule for rule, plus llama.cpp's loader check that
 * tensor data lies inside the file (GGUF.md §1.4, rules 1-16): a file
 * qexplain accepts is a file llama.cpp accepts. One deliberate difference:
 * a tensor type id newer than this build (>= 43) is listed with a warning,
 * not rejected, so that `inspect` can still describe the file. Every
 * length, count and offset is checked against the bytes that remain before
 * it is used or allocated; fields are decoded byte-wise as little-endian.
 * Errors are one diagnostic each (file, line 0, rule "gguf.*") and
 * QX_EINPUT; the reader never touches tensor data unless asked. */
#ifndef QEXPLAIN_GGUF_H
#define QEXPLAIN_GGUF_H

#include <stddef.h>
#include <stdint.h>

#include "qexplain/diag.h"
#include "qexplain/file.h"
#include "qexplain/util.h"

#define QX_GGUF_DEFAULT_ALIGNMENT 32u
#define QX_GGUF_MAX_STRING ((uint64_t)1 << 30) /* GGUF_MAX_STRING_LENGTH */
#define QX_GGUF_MAX_ARRAY ((uint64_t)1 << 30)  /* GGUF_MAX_ARRAY_ELEMENTS */
#define QX_GGUF_MAX_NAME 63                    /* GGML_MAX_NAME - 1 */
#define QX_GGUF_MAX_DIMS 4

/* Metadata value types (enum gguf_type, include/gguf.h). */
enum qx_gguf_vtype {
    QX_GGUF_U8 = 0,
    QX_GGUF_I8 = 1,
    QX_GGUF_U16 = 2,
    QX_GGUF_I16 = 3,
    QX_GGUF_U32 = 4,
    QX_GGUF_I32 = 5,
    QX_GGUF_F32 = 6,
    QX_GGUF_BOOL = 7,
    QX_GGUF_STRING = 8,
    QX_GGUF_ARRAY = 9,
    QX_GGUF_U64 = 10,
    QX_GGUF_I64 = 11,
    QX_GGUF_F64 = 12,
    QX_GGUF_VTYPE_COUNT = 13
};

struct qx_gguf_kv {
    char *key;         /* owned, NUL-free, non-empty */
    uint32_t type;     /* enum qx_gguf_vtype */
    uint32_t arr_type; /* element type when type == ARRAY */
    uint64_t count;    /* array element count (1 for scalars) */
    size_t off, len;   /* the whole encoded KV (key length .. end of value) */
    size_t val_off;    /* first byte of the value (after the type, or after
                          the array's type and count) */
};

struct qx_gguf_tensor {
    char *name; /* owned, <= 63 bytes, NUL-free */
    uint32_t n_dims;
    uint64_t ne[QX_GGUF_MAX_DIMS]; /* 1 beyond n_dims */
    uint32_t type;                 /* ggml type id */
    int known;                     /* type < QX_TYPE_COUNT: size known */
    uint64_t offset;               /* relative to the data section */
    uint64_t nelem;
    uint64_t nbytes; /* for an unknown type: up to the next tensor */
};

struct qx_gguf {
    char *path;        /* the name used in diagnostics */
    struct qx_map map; /* empty when parsed from a caller's buffer */
    const unsigned char *data;
    uint64_t size;
    uint32_t version;
    struct qx_gguf_kv *kv;
    size_t n_kv;
    struct qx_gguf_tensor *tensors;
    size_t n_tensors;
    size_t infos_off; /* first tensor info */
    size_t infos_end; /* end of the last tensor info */
    uint32_t alignment;
    uint64_t data_offset;
    size_t *kv_sorted; /* indexes sorted by key, for lookups */
    size_t *t_sorted;  /* indexes sorted by name */
};

/* Maps path read-only and parses it. Warnings (bool bytes other than 0/1,
 * non-zero padding, trailing bytes, unknown tensor types) go to d with
 * severity warning; errors return QX_EINPUT (QX_EIO when unreadable). */
int qx_gguf_open(struct qx_gguf **out, const char *path, struct qx_diags *d);
/* Parses a caller's buffer, which must outlive the result. */
int qx_gguf_parse(struct qx_gguf **out, const char *name, const void *data, size_t len, struct qx_diags *d);
void qx_gguf_close(struct qx_gguf *g);

const struct qx_gguf_kv *qx_gguf_kv_find(const struct qx_gguf *g, const char *key);
/* Any scalar integer (or bool) value widened; QX_EINPUT if not an integer. */
int qx_gguf_kv_int(const struct qx_gguf *g, const struct qx_gguf_kv *kv, int64_t *out);
/* A STRING value: pointer into the file and its length (not NUL-terminated). */
const char *qx_gguf_kv_str(const struct qx_gguf *g, const struct qx_gguf_kv *kv, size_t *len);
/* Human summary of a value: strings escaped (control bytes and invalid
 * UTF-8 as \xNN), arrays as "[type x N] first, elements, ..." (at most
 * max_items shown). */
void qx_gguf_kv_format(struct qx_buf *out, const struct qx_gguf *g, const struct qx_gguf_kv *kv,
                       size_t max_items);
/* Appends s (n bytes) escaped as above. */
void qx_gguf_escape(struct qx_buf *out, const char *s, size_t n);
const char *qx_gguf_vtype_name(uint32_t t);
/* Encoded size of a fixed-size value type; 0 for STRING, ARRAY, invalid. */
uint64_t qx_gguf_vtype_size(uint32_t t);
/* 1 if the two KVs encode the same type and value bytes. */
int qx_gguf_kv_equal(const struct qx_gguf *a, const struct qx_gguf_kv *ka, const struct qx_gguf *b,
                     const struct qx_gguf_kv *kb);

const struct qx_gguf_tensor *qx_gguf_tensor_find(const struct qx_gguf *g, const char *name);
/* The tensor's bytes inside the mapping (reading them pages the data in). */
const unsigned char *qx_gguf_tensor_data(const struct qx_gguf *g, const struct qx_gguf_tensor *t);
/* Decodes a whole tensor into dst (nelem floats). QX_EINPUT with a
 * diagnostic when the type has no decoder. */
int qx_gguf_tensor_to_f32(float *dst, const struct qx_gguf *g, const struct qx_gguf_tensor *t,
                          struct qx_diags *d);
/* Decodes rows [row0, row0 + nrows) of a tensor (a row is ne[0]
 * elements) into dst. Lets callers stream tensors of any size through a
 * bounded buffer. */
int qx_gguf_rows_to_f32(float *dst, const struct qx_gguf *g, const struct qx_gguf_tensor *t, uint64_t row0,
                        uint64_t nrows, struct qx_diags *d);
/* Rows per chunk so that a chunk holds about max_elems values (>= 1). */
uint64_t qx_gguf_chunk_rows(const struct qx_gguf_tensor *t, uint64_t max_elems);
/* "F32", "Q4_K", or "type 57" for unknown ids; static or in buf (>= 16). */
const char *qx_gguf_type_label(uint32_t type, char *buf, size_t bufsize);

/* ---- writer (GGUF.md §1.5) ----
 * KVs in order, tensor infos in order, zero padding to the alignment, each
 * tensor's bytes followed by zero padding (after the last one too). Offsets
 * are the running sum of padded sizes. The output goes to a temporary file
 * in the target directory and is renamed over the target on commit; until
 * then the target is untouched. */
struct qx_gguf_writer {
    struct qx_buf kvs, infos;
    uint64_t n_kv, n_tensors;
    uint32_t alignment;
    uint64_t next_offset; /* running data offset */
    uint64_t *sizes;      /* nbytes per tensor, in order */
    size_t cap_sizes;
    struct qx_strvec keys; /* for the duplicate check */
    /* streaming state */
    int fd;
    char *path, *tmp;
    size_t cur; /* tensor being written */
    uint64_t cur_done;
    int failed;
};

void qx_gguf_writer_init(struct qx_gguf_writer *w, uint32_t alignment);
void qx_gguf_writer_release(struct qx_gguf_writer *w); /* removes an uncommitted temp file */
/* Typed KVs. Each returns QX_EINPUT on a duplicate or empty key. */
int qx_gguf_writer_kv_raw(struct qx_gguf_writer *w, const char *key, uint32_t type, const void *value,
                          size_t len);
int qx_gguf_writer_kv_u32(struct qx_gguf_writer *w, const char *key, uint32_t v);
int qx_gguf_writer_kv_i32(struct qx_gguf_writer *w, const char *key, int32_t v);
int qx_gguf_writer_kv_f32(struct qx_gguf_writer *w, const char *key, float v);
int qx_gguf_writer_kv_u64(struct qx_gguf_writer *w, const char *key, uint64_t v);
int qx_gguf_writer_kv_str(struct qx_gguf_writer *w, const char *key, const char *v);
int qx_gguf_writer_kv_arr(struct qx_gguf_writer *w, const char *key, uint32_t elem_type, const void *elems,
                          size_t n); /* fixed-size element types */
int qx_gguf_writer_kv_arr_str(struct qx_gguf_writer *w, const char *key, const char *const *v, size_t n);
/* Copies a KV of another file byte for byte. */
int qx_gguf_writer_kv_copy(struct qx_gguf_writer *w, const struct qx_gguf *g, const struct qx_gguf_kv *kv);
/* Declares the next tensor; its bytes follow through writer_data in order. */
int qx_gguf_writer_tensor(struct qx_gguf_writer *w, const char *name, uint32_t n_dims, const uint64_t *ne,
                          uint32_t type);
/* Creates the temporary file and writes the header. */
int qx_gguf_writer_begin(struct qx_gguf_writer *w, const char *path, struct qx_diags *d);
/* Appends bytes of the current tensor (may be called several times); the
 * padding is written when a tensor is complete. */
int qx_gguf_writer_data(struct qx_gguf_writer *w, const void *p, size_t len, struct qx_diags *d);
/* Checks every tensor was written, fsyncs and renames over the target. */
int qx_gguf_writer_commit(struct qx_gguf_writer *w, struct qx_diags *d);

/* ---- tensor groups and selectors (GGUF.md §4) ---- */

/* Report groups of `inspect`. */
enum qx_gguf_group {
    QX_GROUP_EMBEDDING = 0,
    QX_GROUP_ATTENTION,
    QX_GROUP_FEED_FORWARD,
    QX_GROUP_NORMS,
    QX_GROUP_OUTPUT,
    QX_GROUP_OTHER,
    QX_GROUP_COUNT
};
enum qx_gguf_group qx_gguf_group_of(const struct qx_gguf_tensor *t);
const char *qx_gguf_group_name(enum qx_gguf_group g);
/* The tensor's role: its name without "blk.N." and ".weight" ("ffn_norm",
 * "attn_q", "token_embd", "ffn_up.bias"). Owned. */
char *qx_gguf_role(const char *name);

/* A compiled --target: comma-separated items, each a group name from
 * GGUF.md §4 (embed, output, norm, attn_norm, ffn_norm, output_norm,
 * attn_q, attn_k, attn_v, attn_output, attn_qkv, attn, ffn, matmul, all),
 * optionally restricted to layers with @N or @N-M ("ffn@0-3"); any other
 * item is a POSIX extended regular expression matched against the full
 * tensor name. */
struct qx_gguf_select;
int qx_gguf_select_compile(struct qx_gguf_select **out, const char *spec, struct qx_diags *d);
void qx_gguf_select_free(struct qx_gguf_select *s);
int qx_gguf_select_match(const struct qx_gguf_select *s, const struct qx_gguf_tensor *t);
/* 1 if llama-quantize would quantize the tensor (src/llama-quant.cpp). */
int qx_gguf_is_matmul(const struct qx_gguf_tensor *t);

#endif
