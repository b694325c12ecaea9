/* select: the composer's choices. Which methods are featured and whether the
 * fact base supports them, which analogy explains each method (and the
 * central and closing analogies), which phrasing blocks fill each list.
 * Depends on skill, facts and the loaded template set. Deterministic: every
 * choice is a function of the inputs and the variant number only. */
#include <stdlib.h>
#include <string.h>

#include "compose_int.h"
#include "select.h"

int qx_compose_parse_methods(struct qx_strvec *out, const char *list, struct qx_diags *d)
{
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char *tag = qx_strndup(p, n);
        for (char *c = tag; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        int ok = n > 0 && n <= 40;
        for (size_t i = 0; ok && i < n; i++)
            ok = (tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= '0' && tag[i] <= '9') || tag[i] == '-';
        if (!ok) {
            qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "usage", "invalid method '%s' in --methods", tag);
            free(tag);
            return QX_EUSAGE;
        }
        if (qx_strvec_contains(out, tag)) {
            qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "usage", "method '%s' is listed twice", tag);
            free(tag);
            return QX_EUSAGE;
        }
        if (out->n >= QX_COMPOSE_MAX_METHODS) {
            qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "usage", "more than %d methods in --methods",
                         QX_COMPOSE_MAX_METHODS);
            free(tag);
            return QX_EUSAGE;
        }
        qx_strvec_push_owned(out, tag);
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* The first section need named key, as a range. */
static void skill_need(const struct qx_skill *s, const char *key, int *min, int *max)
{
    for (size_t i = 0; i < s->nsections; i++) {
        const cJSON *n = s->sections[i].needs ? cJSON_GetObjectItemCaseSensitive(s->sections[i].needs, key) : NULL;
        if (n && lib_range(n, min, max) == 0)
            return;
    }
}

static size_t facts_with_topic(const struct qx_facts *f, const char *topic)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += qx_fact_has_topic(&f->facts[i], topic) != 0;
    return n;
}

int sel_methods(struct qx_strvec *out, const struct qx_skill *skill, const struct qx_facts *facts,
                const struct qx_strvec *asked, struct qx_diags *d)
{
    const struct qx_strvec *tags = asked && asked->n ? asked : &skill->default_methods;
    int lo = 1, hi = -1, need = 1, need_hi = -1;
    skill_need(skill, "methods", &lo, &hi);
    skill_need(skill, "facts_per_method", &need, &need_hi);
    if (tags->n == 0) {
        qx_diags_add(d, skill->path, 0, 0, QX_SEV_ERROR, "compose.methods",
                     "skill '%s' names no default methods; pass --methods", skill->name);
        return QX_EINPUT;
    }
    /* A skill may list more default methods than a section features: the
     * first ones win, in the skill's order. */
    size_t ntags = tags->n;
    if (tags == &skill->default_methods && hi >= 0 && (int)ntags > hi)
        ntags = (size_t)hi;
    if ((int)ntags < lo || (hi >= 0 && (int)ntags > hi)) {
        qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "usage",
                     "skill '%s' features %d to %d methods, not %zu", skill->name, lo,
                     hi >= 0 ? hi : QX_COMPOSE_MAX_METHODS, ntags);
        return QX_EUSAGE;
    }
    int rc = 0;
    for (size_t i = 0; i < ntags; i++) {
        const char *tag = tags->items[i];
        size_t have = facts_with_topic(facts, tag);
        if ((int)have < need) {
            if (have == 0)
                qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "compose.evidence",
                             "no cited fact supports '%s': the fact base has no fact tagged '%s' and "
                             "skill '%s' needs %d per featured method, so there is no public evidence "
                             "to write about it",
                             tag, tag, skill->name, need);
            else
                qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "compose.evidence",
                             "only %zu cited fact%s support%s '%s'; skill '%s' needs %d per featured method",
                             have, have == 1 ? "" : "s", have == 1 ? "s" : "", tag, skill->name, need);
            rc = QX_EINPUT;
            continue;
        }
        if (!qx_facts_gloss_find(facts, tag)) {
            qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "compose.glossary",
                         "method '%s' has no glossary entry to explain it", tag);
            rc = QX_EINPUT;
            continue;
        }
        qx_strvec_push(out, tag);
    }
    return rc;
}

static int domain_index(const struct qx_skill *s, const char *domain)
{
    for (size_t i = 0; i < s->analogy_domains.n; i++)
        if (strcmp(s->analogy_domains.items[i], domain) == 0)
            return (int)i;
    return -1;
}

/* Picks the analogy of role (and method, when given) whose domain comes
 * first in the skill's domain list rotated by `turn`, preferring a domain not
 * used yet. Returns NULL when no entry suits. */
const struct lib_analogy *sel_analogy(const struct lib *lib, const struct qx_skill *skill, const char *role,
                                      const char *method, size_t turn, struct qx_strvec *used)
{
    size_t nd = skill->analogy_domains.n;
    const struct lib_analogy *best = NULL;
    size_t best_rank = (size_t)-1;
    for (size_t i = 0; i < lib->nanalogies; i++) {
        const struct lib_analogy *a = &lib->analogies[i];
        int di = domain_index(skill, a->domain);
        if (di < 0 || strcmp(a->role, role) != 0 || !lib_suits(&a->skills, skill->alias))
            continue;
        if ((method && (!a->method || strcmp(a->method, method) != 0)) || (!method && a->method))
            continue;
        size_t rank = ((size_t)di + nd - turn % nd) % nd;
        if (qx_strvec_contains(used, a->domain))
            rank += nd;
        if (rank < best_rank)
            best = a, best_rank = rank;
    }
    if (best)
        qx_strvec_push(used, best->domain);
    return best;
}

static int block_fits(const struct lib_block *b, const struct lib_list *l, const char *alias)
{
    return strcmp(b->kind, l->kind) == 0 && lib_suits(&b->skills, alias) &&
           (!l->topic || (b->topic && strcmp(b->topic, l->topic) == 0));
}

/* Appends to out the fact ids a Mustache text names as {{f.ID.KEY}}. */
void sel_fact_refs(struct qx_strvec *out, const char *text)
{
    for (const char *p = strstr(text, "{{f."); p; p = strstr(p + 1, "{{f.")) {
        const char *id = p + 4, *dot = strchr(id, '.'), *close = strstr(id, "}}");
        if (!dot || (close && close < dot))
            continue;
        char *fact = qx_strndup(id, (size_t)(dot - id));
        if (!qx_strvec_contains(out, fact))
            qx_strvec_push(out, fact);
        free(fact);
    }
}

static int text_repeats(const char *text, const struct qx_strvec *avoid)
{
    struct qx_strvec refs;
    qx_strvec_init(&refs);
    sel_fact_refs(&refs, text);
    int hit = 0;
    for (size_t i = 0; i < refs.n && !hit; i++)
        hit = qx_strvec_contains(avoid, refs.items[i]);
    qx_strvec_release(&refs);
    return hit;
}

/* 1 if a block, in the phrasing the variant picks, names a fact of avoid. */
static int repeats(const struct lib_block *b, int variant, const struct qx_strvec *avoid)
{
    return text_repeats(lib_pick(&b->text, variant), avoid);
}

const char *sel_phrasing(const struct lib_text *t, int variant, const struct qx_strvec *avoid)
{
    for (size_t k = 0; k < t->n; k++) {
        const char *alt = t->alts[((size_t)(variant - 1) + k) % t->n];
        if (!text_repeats(alt, avoid))
            return alt;
    }
    return lib_pick(t, variant);
}

/* Featured methods' blocks first, in method order: at most per_method each,
 * rotated by the variant, blocks that would repeat a fact of avoid (already
 * cited by the analogies) last. Then general blocks in file order. */
int sel_list(const struct lib_block ***out, size_t *n, const struct lib *lib, const struct lib_list *l,
             const char *alias, const struct qx_strvec *methods, int variant,
             const struct qx_strvec *avoid, struct qx_diags *d)
{
    const struct lib_block **v = qx_calloc(lib->nblocks + 1, sizeof *v);
    const struct lib_block **cand = qx_calloc(lib->nblocks + 1, sizeof *cand);
    size_t k = 0;
    size_t cap = l->max >= 0 ? (size_t)l->max : lib->nblocks;
    for (size_t m = 0; l->from != LIST_GENERAL && m < methods->n; m++) {
        size_t nc = 0;
        for (size_t i = 0; i < lib->nblocks; i++)
            if (block_fits(&lib->blocks[i], l, alias) && lib->blocks[i].method &&
                strcmp(lib->blocks[i].method, methods->items[m]) == 0)
                cand[nc++] = &lib->blocks[i];
        size_t take = l->per_method > 0 && (size_t)l->per_method < nc ? (size_t)l->per_method : nc;
        for (int pass = 0; pass < 2; pass++)
            for (size_t t = 0; t < nc && take > 0 && k < cap; t++) {
                const struct lib_block *b = cand[(t + (size_t)(variant - 1)) % nc];
                if (repeats(b, variant, avoid) != pass)
                    continue;
                v[k++] = b;
                take--;
            }
    }
    free(cand);
    if (l->from != LIST_FEATURED)
        for (size_t i = 0; i < lib->nblocks && k < cap; i++)
            if (block_fits(&lib->blocks[i], l, alias) && !lib->blocks[i].method)
                v[k++] = &lib->blocks[i];
    if ((int)k < l->min) {
        qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, "compose.blocks",
                     "list '%s' of skill '%s' needs %d '%s' blocks for these methods, the library has %zu",
                     l->name, alias, l->min, l->kind, k);
        free(v);
        return QX_EINPUT;
    }
    *out = v;
    *n = k;
    return 0;
}
