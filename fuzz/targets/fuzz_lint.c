/* Fuzz target: the linter on arbitrary bytes, with the default profile and
 * each built-in skill column in turn (the first input byte picks it), plus
 * --fix on the same text: fixing must never crash and must be idempotent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct qx_lint_profile p;
    qx_lint_profile_builtin(&p, (enum qx_lint_column)(data[0] % QX_COL_COUNT));
    struct qx_lint_opts o = {.profile = &p};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    struct qx_diags out, err;
    qx_diags_init(&out);
    qx_diags_init(&err);
    qx_lint_text(&out, "fuzz.md", text, len, &o, &err);
    for (size_t i = 0; i < out.n; i++)
        if (out.items[i].byte > len || out.items[i].len > len - out.items[i].byte)
            abort();
    struct qx_buf a, b;
    qx_buf_init(&a);
    qx_buf_init(&b);
    size_t n1 = 0, n2 = 0;
    if (qx_lint_fix(&a, &n1, "fuzz.md", text, len, &o, &err) == 0 &&
        qx_lint_fix(&b, &n2, "fuzz.md", a.data, a.len, &o, &err) == 0 &&
        (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
        abort();
    qx_buf_release(&a);
    qx_buf_release(&b);
    qx_diags_release(&out);
    qx_diags_release(&err);
    return 0;
}
