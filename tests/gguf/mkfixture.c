/* gguf_mkfixture: writes the test fixtures into a directory, for the CLI
 * transcript tests and for trying the toolkit by hand:
 *   gguf_mkfixture DIR      valid-<type>.gguf for every type with a layout,
 *                           broken-<kind>.gguf, tiny-llama{,-f16,-bf16}.gguf,
 *                           eval.txt (a text for perplexity) */
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"
#include "qexplain/quant.h"
#include "qexplain/util.h"

static const char text[] =
    "the cat sat on the mat and looked at the door of the house in the town. "
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
    static const struct { const char *name; uint32_t type; } models[] = {
        {"tiny-llama.gguf", QX_TYPE_F32}, {"tiny-llama-f16.gguf", QX_TYPE_F16},
        {"tiny-llama-bf16.gguf", QX_TYPE_BF16}};
    for (size_t i = 0; i < 3; i++) {
        char *p = qx_asprintf("%s/%s", dir, models[i].name);
        bad |= qx_fx_write_tiny_llama(p, models[i].type, 42, &d) != 0;
        free(p);
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
