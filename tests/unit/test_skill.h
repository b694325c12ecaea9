/* Helpers shared by the skill module's unit tests (test_skill_*.c). */
#ifndef QX_TEST_SKILL_H
#define QX_TEST_SKILL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qexplain/skill.h"

/* Path of a file under tests/fixtures/skills/ or the source tree; owned. */
static inline char *fixture(const char *rel)
{
    return qx_asprintf("%s/tests/fixtures/skills/%s", QX_TEST_SRC, rel);
}

static inline char *src_path(const char *rel)
{
    return qx_asprintf("%s/%s", QX_TEST_SRC, rel);
}

static inline const struct qx_diag *find_diag(const struct qx_diags *d, const char *rule)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->items[i].rule, rule) == 0)
            return &d->items[i];
    return NULL;
}

/* Asserts a diagnostic of this rule at line:col whose message contains text
 * (the first of that rule when text is NULL). */
static inline void assert_diag_at(const struct qx_diags *d, const char *rule, unsigned line, unsigned col,
                                  const char *text)
{
    const struct qx_diag *g = NULL;
    for (size_t i = 0; i < d->n && !g; i++)
        if (strcmp(d->items[i].rule, rule) == 0 && (!text || strstr(d->items[i].message, text)))
            g = &d->items[i];
    if (!g) {
        for (size_t i = 0; i < d->n; i++)
            fprintf(stderr, "have: %u:%u %s %s\n", d->items[i].line, d->items[i].col, d->items[i].rule,
                    d->items[i].message);
        fail_msg("no diagnostic with rule '%s' and text '%s'", rule, text ? text : "");
        return;
    }
    assert_int_equal(g->line, line);
    assert_int_equal(g->col, col);
}

#endif
