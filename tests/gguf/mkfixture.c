/* gguf_mkfixture: writes the test fixtures into a directory, for the CLI
 * transcript tests and for trying the toolkit by hand:
 *   gguf_mkfixture DIR      valid-<type>.gguf for every type with a layout,
 *                           broken-<kind>.gguf, tiny-llama{,-f16,-bf16}.gguf,
 *                           eval.txt (a text for perplexity) */
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"
#include "qexplain/gguf.h"
#include "qexplain/quant.h"
#include "qexplain/util.h"

static const char text[] = "the cat sat on the mat and looked at the door of the house in the town. "
                           "a dog ran to the park and the birds sang in the trees of the old garden. ";

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gguf_mkfixture DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    struct qx_diags d;
    qx_diags_init(&d);
    int bad = 0;
    for (uint32_t t = 0; t < QX_TYPE_COUNT; t++) {
        const struct qx_type_info *ti = qx_quant_type(t);
        if (!ti->blck)
            continue;
        char *p = qx_asprintf("%s/valid-%s.gguf", dir, ti->name);
        bad |= qx_fx_write_valid(p, t, &d) != 0;
        free(p);
    }
    size_t n;
    const struct qx_fx_broken *b = qx_fx_broken_list(&n);
    for (size_t i = 0; i < n; i++) {
        char *p = qx_asprintf("%s/broken-%s.gguf", dir, b[i].kind);
        bad |= qx_fx_write_broken(p, b[i].kind) != 0;
        free(p);
    }
    static const struct {
        const char *name;
        uint32_t type;
    } models[] = {{"tiny-llama.gguf", QX_TYPE_F32},
                  {"tiny-llama-f16.gguf", QX_TYPE_F16},
                  {"tiny-llama-bf16.gguf", QX_TYPE_BF16}};
    for (size_t i = 0; i < 3; i++) {
        char *p = qx_asprintf("%s/%s", dir, models[i].name);
        bad |= qx_fx_write_tiny_llama(p, models[i].type, 42, &d) != 0;
        free(p);
    }
    /* special values: a NaN row and a value too large for F16 storage */
    {
        char *sp = qx_asprintf("%s/special.gguf", dir);
        struct qx_gguf_writer w;
        qx_gguf_writer_init(&w, 32);
        uint64_t ne[2] = {32, 2};
        float nan_t[64] = {0}, big_t[64] = {0};
        nan_t[40] = __builtin_nanf("");
        big_t[3] = 70000.0f;
        uint16_t big16[64];
        qx_gguf_writer_tensor(&w, "blk.0.attn_q.weight", 2, ne, QX_TYPE_F32);
        qx_gguf_writer_tensor(&w, "blk.0.attn_k.weight", 2, ne, QX_TYPE_F32);
        qx_gguf_writer_tensor(&w, "blk.0.attn_v.weight", 2, ne, QX_TYPE_F16);
        for (int i = 0; i < 64; i++)
            big16[i] = qx_f32_to_f16(i == 5 ? 65504.0f : 0.5f);
        bad |= qx_gguf_writer_begin(&w, sp, &d) != 0;
        bad |= qx_gguf_writer_data(&w, nan_t, sizeof nan_t, &d) != 0;
        bad |= qx_gguf_writer_data(&w, big_t, sizeof big_t, &d) != 0;
        bad |= qx_gguf_writer_data(&w, big16, sizeof big16, &d) != 0;
        bad |= qx_gguf_writer_commit(&w, &d) != 0;
        qx_gguf_writer_release(&w);
        free(sp);
    }
    char *p = qx_asprintf("%s/eval.txt", dir);
    FILE *f = fopen(p, "w");
    for (int i = 0; f && i < 12; i++)
        fputs(text, f);
    bad |= !f || fclose(f) != 0;
    free(p);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "gguf_mkfixture: %s\n", d.items[i].message);
    qx_diags_release(&d);
    return bad ? 1 : 0;
}
