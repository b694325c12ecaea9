/* Fuzz target: the batch manifest loader (YAML, schema, duplicates). */
#define _DEFAULT_SOURCE
#include <string.h>

#include "fuzz_common.h"
#include "qexplain/batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".yaml");
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_batch_manifest *m = NULL;
    qx_batch_manifest_load(&m, path, NULL, &d);
    qx_batch_manifest_free(m);
    qx_diags_release(&d);
    return 0;
}
