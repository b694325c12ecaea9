/* selflint: the generator lints its own text with the skill's profile and
 * section structure before anything is emitted (DESIGN.md §5). Depends on
 * lint. */
#include "compose_int.h"
#include "qexplain/lint.h"

int qx_article_lint(const struct qx_article *a, const struct qx_skill *skill,
                    const struct qx_facts *facts, const char *name, struct qx_diags *d)
{
    struct qx_lint_profile prof;
    int rc = qx_lint_profile_from_skill(&prof, skill, d);
    if (rc)
        return rc;
    struct qx_lint_sections secs = {0};
    rc = qx_lint_sections_from_skill(&secs, skill, d);
    if (rc)
        return rc;
    struct qx_lint_opts o = {.profile = &prof, .facts = facts, .sections = &secs,
                             .skill_name = skill->name};
    struct qx_buf text;
    qx_buf_init(&text);
    qx_article_text(&text, a);
    struct qx_diags found;
    qx_diags_init(&found);
    rc = qx_lint_text(&found, name, text.data, text.len, &o, d);
    if (rc == 0 && qx_diags_count(&found, QX_SEV_ERROR) > 0)
        rc = QX_EFINDINGS;
    qx_diags_move(d, &found);
    qx_diags_release(&found);
    qx_buf_release(&text);
    qx_lint_sections_release(&secs);
    return rc;
}
