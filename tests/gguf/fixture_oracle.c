/* fixture_oracle: loads ggml's reference library for the oracle tests and
 * benchmarks (see oracle.h). Silences ggml's log so that expected rejections
 * do not clutter test output. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

static void quiet_log(int level, const char *text, void *user)
{
    (void)level;
    (void)text;
    (void)user;
}

#define SYM(field, name)                                                                                     \
    do {                                                                                                     \
        *(void **)(&o->field) = dlsym(o->handle, name);                                                      \
        if (!o->field) {                                                                                     \
            *why = "symbol " name " missing from libggml-base.so";                                           \
            goto fail;                                                                                       \
        }                                                                                                    \
    } while (0)

int qx_oracle_open(struct qx_oracle *o, const char **why)
{
    memset(o, 0, sizeof *o);
    const char *path = getenv("QEXPLAIN_GGML_LIB");
    if (!path || !*path) {
        *why = "QEXPLAIN_GGML_LIB is not set";
        return -1;
    }
    o->path = path;
    o->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!o->handle) {
        *why = "libggml-base.so not installed (run tests/gguf/install-oracles.sh BUILD/npm)";
        return -1;
    }
    SYM(fp32_to_fp16, "ggml_fp32_to_fp16");
    SYM(fp16_to_fp32, "ggml_fp16_to_fp32");
    SYM(fp32_to_bf16_row_ref, "ggml_fp32_to_bf16_row_ref");
    SYM(blck_size, "ggml_blck_size");
    SYM(type_size, "ggml_type_size");
    SYM(type_name, "ggml_type_name");
    SYM(quantize_chunk, "ggml_quantize_chunk");
    SYM(quantize_free, "ggml_quantize_free");
    SYM(get_type_traits, "ggml_get_type_traits");
    SYM(log_set, "ggml_log_set");
    SYM(gguf_init_from_file, "gguf_init_from_file");
    SYM(gguf_free, "gguf_free");
    SYM(gguf_get_n_tensors, "gguf_get_n_tensors");
    SYM(gguf_get_n_kv, "gguf_get_n_kv");
    SYM(gguf_get_data_offset, "gguf_get_data_offset");
    SYM(gguf_get_tensor_offset, "gguf_get_tensor_offset");
    SYM(gguf_get_tensor_size, "gguf_get_tensor_size");
    SYM(gguf_get_tensor_name, "gguf_get_tensor_name");
    SYM(gguf_get_tensor_type, "gguf_get_tensor_type");
    SYM(gguf_get_key, "gguf_get_key");
    const struct qx_ggml_type_traits *t = o->get_type_traits(8);
    if (!t || !t->type_name || strcmp(t->type_name, "q8_0") != 0 || t->blck_size != 32 ||
        t->type_size != 34) {
        *why = "ggml_type_traits layout differs from the one declared (wrong ggml version?)";
        goto fail;
    }
    o->log_set(quiet_log, NULL);
    return 0;
fail:
    dlclose(o->handle);
    o->handle = NULL;
    return -1;
}

void qx_oracle_close(struct qx_oracle *o)
{
    if (o->handle) {
        o->quantize_free();
        dlclose(o->handle);
    }
    o->handle = NULL;
}
