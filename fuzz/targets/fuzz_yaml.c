/* Fuzz target: the YAML to JSON converter (aliases, depth, duplicate keys). */
#include <stdint.h>
#include <stdlib.h>

#include "qexplain/skill.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_json_doc doc;
    if (qx_yaml_parse(&doc, "fuzz.yaml", (const char *)data, size, 1, &d) == 0)
        free(qx_json_print(doc.root, 0));
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
    return 0;
}
