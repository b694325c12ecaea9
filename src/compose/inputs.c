/* inputs: what every article needs besides the template set: the skill
 * resolved by name and the fact base with its glossary, from a data
 * directory laid out as DATA/skills, DATA/facts, DATA/templates. Shared by
 * generate, prompt and batch. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "qexplain/file.h"

int qx_compose_inputs_load(struct qx_compose_inputs *in, const char *data_dir, const char *skill,
                           struct qx_diags *d)
{
    memset(in, 0, sizeof *in);
    char *skills = qx_path_join(data_dir, "skills");
    char *facts = qx_path_join(data_dir, "facts");
    in->templates_dir = qx_path_join(data_dir, "templates");
    int rc = qx_skill_resolve(&in->skill, skills, skill, d);
    if (rc == 0)
        rc = qx_facts_load(&in->facts, facts, d);
    free(skills);
    free(facts);
    return rc;
}

void qx_compose_inputs_release(struct qx_compose_inputs *in)
{
    qx_skill_free(in->skill);
    qx_facts_free(in->facts);
    free(in->templates_dir);
    memset(in, 0, sizeof *in);
}
