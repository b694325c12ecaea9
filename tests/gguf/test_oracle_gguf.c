/* Oracle test: our reader against ggml's gguf_init_from_file (metadata
 * only) on every fixture: same acceptance, and for accepted files the same
 * key count, tensor names, types, offsets and data offset. Documented
 * differences (GGUF.md §1.4): ggml does not check that tensor data lies in
 * the file (llama.cpp's loader does; we compute its check from ggml's
 * numbers), silently truncates names at a NUL byte (we reject), and
 * rejects unknown tensor type ids (we list them with a warning). Also
 * re-reads our writer's output with ggml. Exits 77 without ggml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "oracle.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"

static int failures;

static void compare(const struct qx_oracle *o, const char *path, const char *label, int ggml_differs)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g = NULL;
    int ours = qx_gguf_open(&g, path, &d) == 0;
    struct qx_gguf_init_params params = {.no_alloc = true, .ctx = NULL};
    void *ctx = o->gguf_init_from_file(path, params);
    int theirs = ctx != NULL;
    if (ctx && !ours) {
        /* ggml read the metadata only: apply llama.cpp's loader check
         * (rule 16) to ggml's own numbers; failing it counts as a rejection */
        FILE *f = fopen(path, "rb");
        long size = -1;
        if (f && fseek(f, 0, SEEK_END) == 0)
            size = ftell(f);
        if (f)
            fclose(f);
        for (int64_t i = 0; i < o->gguf_get_n_tensors(ctx); i++) {
            size_t end = o->gguf_get_data_offset(ctx) + o->gguf_get_tensor_offset(ctx, i) +
                         o->gguf_get_tensor_size(ctx, i);
            if (size >= 0 && end > (size_t)size)
                theirs = 0;
        }
    }
    if ((ours != theirs) != (ggml_differs != 0)) {
        fprintf(stderr, "FAIL %s: qexplain %s, ggml %s%s: %s\n", label, ours ? "accepts" : "rejects",
                theirs ? "accepts" : "rejects", ggml_differs ? " (a documented difference expected)" : "",
                d.n ? d.items[0].message : "");
        failures++;
    }
    if (ours && theirs) {
        int same = (size_t)o->gguf_get_n_tensors(ctx) == g->n_tensors &&
                   (size_t)o->gguf_get_n_kv(ctx) == g->n_kv && o->gguf_get_data_offset(ctx) == g->data_offset;
        for (size_t i = 0; same && i < g->n_tensors; i++) {
            same = strcmp(o->gguf_get_tensor_name(ctx, (int64_t)i), g->tensors[i].name) == 0 &&
                   (uint32_t)o->gguf_get_tensor_type(ctx, (int64_t)i) == g->tensors[i].type &&
                   o->gguf_get_tensor_offset(ctx, (int64_t)i) == g->tensors[i].offset;
        }
        for (size_t i = 0; same && i < g->n_kv; i++)
            same = strcmp(o->gguf_get_key(ctx, (int64_t)i), g->kv[i].key) == 0;
        if (!same) {
            fprintf(stderr, "FAIL %s: header differs from ggml's reading\n", label);
            failures++;
        }
    }
    if (ctx)
        o->gguf_free(ctx);
    qx_gguf_close(g);
    qx_diags_release(&d);
}

int main(void)
{
    struct qx_oracle o;
    const char *why;
    if (qx_oracle_open(&o, &why) != 0) {
        printf("SKIP: %s\n", why);
        return 77;
    }
    char dir[512];
    snprintf(dir, sizeof dir, "%s/qxoracleXXXXXX", qx_tmpdir());
    if (!mkdtemp(dir))
        return 1;
    char *p = qx_asprintf("%s/f.gguf", dir);
    struct qx_diags d;
    qx_diags_init(&d);
    int n_valid = 0;
    for (uint32_t t = 0; t < QX_TYPE_COUNT; t++) {
        if (!qx_quant_type(t)->blck)
            continue;
        qx_fx_write_valid(p, t, &d);
        compare(&o, p, qx_quant_type(t)->name, 0);
        n_valid++;
    }
    size_t n;
    const struct qx_fx_broken *b = qx_fx_broken_list(&n);
    for (size_t i = 0; i < n; i++) {
        qx_fx_write_broken(p, b[i].kind);
        int differs = !strcmp(b[i].kind, "unknown-type") || !strcmp(b[i].kind, "nul-key") ||
                      !strcmp(b[i].kind, "nul-name");
        compare(&o, p, b[i].kind, differs);
    }
    static const uint32_t storage[] = {QX_TYPE_F32, QX_TYPE_F16, QX_TYPE_BF16};
    for (int i = 0; i < 3; i++) {
        qx_fx_write_tiny_llama(p, storage[i], 42, &d);
        compare(&o, p, "tiny llama", 0);
    }
    unlink(p);
    rmdir(dir);
    free(p);
    qx_diags_release(&d);
    qx_oracle_close(&o);
    if (failures) {
        fprintf(stderr, "%d fixture(s) disagree with ggml\n", failures);
        return 1;
    }
    printf("PASS: %d valid type fixtures, %zu hostile fixtures and 3 tiny models read as ggml does\n",
           n_valid, n);
    return 0;
}
