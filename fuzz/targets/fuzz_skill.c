/* Fuzz target: a whole skill file (front-matter split, YAML, schema). */
#define _DEFAULT_SOURCE
#include <string.h>

#include "fuzz_common.h"
#include "qexplain/skill.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".md");
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_skill *s = NULL;
    if (qx_skill_load(&s, path, &d) == 0)
        (void)qx_skill_match_score(s, "写公众号文章");
    qx_skill_free(s);
    qx_diags_release(&d);
    return 0;
}
