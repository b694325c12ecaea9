/* select.h: the composer's choice functions (select.c), used by compose.c. */
#ifndef QEXPLAIN_COMPOSE_SELECT_H
#define QEXPLAIN_COMPOSE_SELECT_H

#include "compose_int.h"

/* Featured methods: --methods or the skill's defaults, each with enough
 * facts tagged with it and a glossary entry. */
int sel_methods(struct qx_strvec *out, const struct qx_skill *skill, const struct qx_facts *facts,
                const struct qx_strvec *asked, struct qx_diags *d);

const struct lib_analogy *sel_analogy(const struct lib *lib, const struct qx_skill *skill, const char *role,
                                      const char *method, size_t turn, struct qx_strvec *used);

/* The blocks of list l; *out is owned (free), entries borrowed from lib.
 * Blocks naming a fact of avoid come after the others of their method. */
int sel_list(const struct lib_block ***out, size_t *n, const struct lib *lib, const struct lib_list *l,
             const char *alias, const struct qx_strvec *methods, int variant,
             const struct qx_strvec *avoid, struct qx_diags *d);

/* The variant's phrasing of t, or the next alternative that names no fact
 * of avoid, when there is one. */
const char *sel_phrasing(const struct lib_text *t, int variant, const struct qx_strvec *avoid);

/* Appends the fact ids a Mustache text names as {{f.ID.KEY}}. */
void sel_fact_refs(struct qx_strvec *out, const char *text);

#endif
