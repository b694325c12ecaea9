/* skill_int: functions shared by the files of the skill module only. */
#ifndef QEXPLAIN_SKILL_INT_H
#define QEXPLAIN_SKILL_INT_H

#include "qexplain/skill.h"

/* Checks the front-matter (doc->root) against the schema of
 * docs/skill-format.md: errors for the qexplain: block and for seed keys of
 * the wrong type, warnings for unknown top-level keys. Returns the number of
 * errors added. */
size_t qx_skill_check_schema(const struct qx_json_doc *doc, struct qx_diags *d);

#endif
