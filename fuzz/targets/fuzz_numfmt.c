/* Fuzz target: the figure scanner on arbitrary bytes, and tracing of every
 * figure found against an empty fact base (exercises the nearest-fact path
 * without I/O). Spans must lie inside the input. */
#include <stdint.h>
#include <stdlib.h>

#include "qexplain/numfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct qx_figure *figs = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan((const char *)data, size, &figs, &n, &cap);
    for (size_t i = 0; i < n; i++) {
        if (figs[i].byte > size || figs[i].len > size - figs[i].byte)
            abort();
        struct qx_buf b;
        qx_buf_init(&b);
        qx_numfmt_format(&b, figs[i].value, figs[i].unit, -1, 0);
        qx_buf_release(&b);
    }
    free(figs);
    return 0;
}
