/* Fuzz target: the GGUF reader on arbitrary bytes, then everything `gguf
 * inspect` prints from it (header only), and dequantization of each tensor
 * whose data lies in the buffer. */
#include <stdint.h>
#include <stdlib.h>

#include "qexplain/experiment.h"
#include "qexplain/gguf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g = NULL;
    if (qx_gguf_parse(&g, "fuzz.gguf", data, size, &d) == 0) {
        struct qx_buf out;
        qx_buf_init(&out);
        qx_inspect_render(&out, g, 0, 1);
        qx_inspect_render(&out, g, 1, 1);
        qx_buf_release(&out);
        for (size_t i = 0; i < g->n_tensors; i++) {
            const struct qx_gguf_tensor *t = &g->tensors[i];
            if (!t->known || t->nelem > (1u << 16))
                continue;
            float *dst = malloc((size_t)t->nelem * sizeof *dst + 1);
            qx_gguf_tensor_to_f32(dst, g, t, &d);
            free(dst);
        }
    }
    qx_gguf_close(g);
    qx_diags_release(&d);
    return 0;
}
