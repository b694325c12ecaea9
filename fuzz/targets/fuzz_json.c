/* Fuzz target: the JSON scanner and cJSON adapter, including positions. */
#include <stdint.h>
#include <stdlib.h>

#include "qexplain/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_json_doc doc;
    if (qx_json_parse(&doc, "fuzz.json", (const char *)data, size, &d) == 0) {
        unsigned line, col;
        for (const cJSON *c = doc.root->child; c; c = c->next)
            qx_json_doc_pos(&doc, c, &line, &col);
        free(qx_json_print(doc.root, 0));
    }
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
    return 0;
}
