/* oracle: dlopen access to ggml's reference functions in libggml-base.so
 * of the npm package @node-llama-cpp/linux-x64@3.22.1 (GGUF.md §7.2). The
 * prototypes are declared here by hand (no ggml headers); the struct layout
 * is sanity-checked on q8_0 before use. Shared by the oracle tests and the
 * benchmark. */
#ifndef QX_TEST_ORACLE_H
#define QX_TEST_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*qx_ggml_to_float_t)(const void *x, float *y, int64_t k);
typedef void (*qx_ggml_from_float_t)(const float *x, void *y, int64_t k);
struct qx_ggml_type_traits {
    const char *type_name;
    int64_t blck_size;
    int64_t blck_size_interleave;
    size_t type_size;
    bool is_quantized;
    qx_ggml_to_float_t to_float;
    qx_ggml_from_float_t from_float_ref;
};
struct qx_gguf_init_params {
    bool no_alloc;
    void **ctx;
};

struct qx_oracle {
    void *handle;
    const char *path;
    uint16_t (*fp32_to_fp16)(float);
    float (*fp16_to_fp32)(uint16_t);
    void (*fp32_to_bf16_row_ref)(const float *, uint16_t *, int64_t);
    int64_t (*blck_size)(int);
    size_t (*type_size)(int);
    const char *(*type_name)(int);
    size_t (*quantize_chunk)(int, const float *, void *, int64_t, int64_t, int64_t, const float *);
    void (*quantize_free)(void);
    const struct qx_ggml_type_traits *(*get_type_traits)(int);
    void (*log_set)(void (*)(int, const char *, void *), void *);
    void *(*gguf_init_from_file)(const char *, struct qx_gguf_init_params);
    void (*gguf_free)(void *);
    int64_t (*gguf_get_n_tensors)(const void *);
    int64_t (*gguf_get_n_kv)(const void *);
    size_t (*gguf_get_data_offset)(const void *);
    size_t (*gguf_get_tensor_offset)(const void *, int64_t);
    size_t (*gguf_get_tensor_size)(const void *, int64_t);
    const char *(*gguf_get_tensor_name)(const void *, int64_t);
    int (*gguf_get_tensor_type)(const void *, int64_t);
    const char *(*gguf_get_key)(const void *, int64_t);
};

/* Loads the library named by $QEXPLAIN_GGML_LIB. Returns 0, or -1 with a
 * reason in why (the caller prints SKIP). */
int qx_oracle_open(struct qx_oracle *o, const char **why);
void qx_oracle_close(struct qx_oracle *o);

#endif
