/* Fuzz target: a fact file (loader and every check rule), next to a small
 * fixed glossary. The input is written as DIR/f.json of a scratch directory. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qexplain/facts.h"
#include "qexplain/file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/qxfuzzfactsXXXXXX", qx_tmpdir());
    if (!mkdtemp(dir))
        abort();
    static const char gloss[] =
        "[{\"term\": \"GB\", \"full\": \"gigabyte\", \"label_zh\": \"吉字节\", "
        "\"explain_zh\": \"计算机存储容量单位。\", \"kind\": \"unit\", \"aliases\": []}]";
    char *g = qx_path_join(dir, "glossary.json");
    struct qx_diags d;
    qx_diags_init(&d);
    if (qx_file_write_atomic(g, gloss, sizeof gloss - 1, &d) != 0)
        abort();
    qx_diags_release(&d);
    free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        setup();
    char *f = qx_path_join(dir, "f.json");
    struct qx_diags d;
    qx_diags_init(&d);
    if (qx_file_write_atomic(f, data, size, &d) != 0)
        abort();
    struct qx_facts *facts = NULL;
    qx_facts_load_partial(&facts, dir, &d);
    if (facts) {
        qx_facts_check(facts, &d);
        for (size_t i = 0; i < facts->n; i++)
            cJSON_Delete(qx_fact_to_json(&facts->facts[i]));
    }
    qx_facts_free(facts);
    qx_diags_release(&d);
    free(f);
    return 0;
}
