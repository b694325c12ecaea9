/* resolve: the set of skills in a directory, name resolution (path, exact
 * name, alias, unique substring) and trigger matching for `skills match`.
 *
 * Depends on: skill.c (loading), file (directory listing), text (UTF-8
 * decoding, Han test). Matching is deterministic: plain arithmetic on
 * normalised strings, no locale. */
#include <stdlib.h>
#include <string.h>

#include "qexplain/file.h"
#include "qexplain/text.h"
#include "skill_int.h"

void qx_skills_free(struct qx_skill **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        qx_skill_free(v[i]);
    free(v);
}

/* Loads every *.md of dir. Files that fail leave their diagnostics in fails
 * and are skipped; returns the number of failures, or a negative error when
 * the directory itself cannot be read. */
static int load_all(struct qx_skill ***out, size_t *n, const char *dir, struct qx_diags *fails)
{
    struct qx_strvec files;
    qx_strvec_init(&files);
    *out = NULL;
    *n = 0;
    int rc = qx_file_list_dir(&files, dir, ".md", fails);
    if (rc) {
        qx_strvec_release(&files);
        return rc;
    }
    int failed = 0;
    *out = qx_calloc(files.n ? files.n : 1, sizeof **out);
    for (size_t i = 0; i < files.n; i++) {
        struct qx_skill *s;
        if (qx_skill_load(&s, files.items[i], fails) == 0)
            (*out)[(*n)++] = s;
        else
            failed++;
    }
    qx_strvec_release(&files);
    return failed;
}

/* Two skills answering to the same word would make resolution depend on
 * file order: refuse. */
static size_t check_unique(struct qx_skill **v, size_t n, struct qx_diags *d)
{
    size_t errors = 0;
    for (size_t i = 0; i < n; i++) {
        const char *mine[2] = {v[i]->name, v[i]->alias};
        for (size_t j = 0; j < i; j++) {
            const char *theirs[2] = {v[j]->name, v[j]->alias};
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    if (mine[a] && theirs[b] && strcmp(mine[a], theirs[b]) == 0) {
                        const cJSON *at = a == 0 ? cJSON_GetObjectItemCaseSensitive(v[i]->doc.root, "name")
                                                 : cJSON_GetObjectItemCaseSensitive(v[i]->qx, "alias");
                        qx_json_diag(&v[i]->doc, d, at, QX_SEV_ERROR, "skill.duplicate",
                                     "'%s' already names the skill in '%s'", mine[a], v[j]->path);
                        errors++;
                    }
        }
    }
    return errors;
}

int qx_skills_load_dir(struct qx_skill ***out, size_t *n, const char *skills_dir, struct qx_diags *d)
{
    int rc = load_all(out, n, skills_dir, d);
    if (rc < 0) {
        qx_skills_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc;
    }
    if (rc > 0 || check_unique(*out, *n, d) > 0) {
        qx_skills_free(*out, *n);
        *out = NULL;
        *n = 0;
        return QX_EINPUT;
    }
    return 0;
}

static int looks_like_path(const char *name)
{
    return strchr(name, '/') != NULL || qx_str_ends_with(name, ".md");
}

static void list_candidates(struct qx_buf *b, struct qx_skill **v, size_t n, const int *pick)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (pick && !pick[i])
            continue;
        qx_buf_addf(b, "%s%s", first ? "" : ", ", v[i]->name);
        if (v[i]->alias)
            qx_buf_addf(b, " (%s)", v[i]->alias);
        first = 0;
    }
    if (first)
        qx_buf_adds(b, "none");
}

/* Index of the one skill matching by rule, -1 for none, -2 when several
 * do (hits marks them). */
static long find(struct qx_skill **v, size_t n, const char *name, int rule, int *hits)
{
    long found = -1;
    for (size_t i = 0; i < n; i++) {
        const char *al = v[i]->alias;
        int ok = rule == 0   ? strcmp(v[i]->name, name) == 0
                 : rule == 1 ? al && strcmp(al, name) == 0
                             : strstr(v[i]->name, name) || (al && strstr(al, name));
        hits[i] = ok;
        if (ok)
            found = found == -1 ? (long)i : -2;
    }
    return found;
}

int qx_skill_resolve(struct qx_skill **out, const char *skills_dir, const char *name, struct qx_diags *d)
{
    *out = NULL;
    if (looks_like_path(name))
        return qx_skill_load(out, name, d);
    struct qx_diags fails;
    qx_diags_init(&fails);
    struct qx_skill **v;
    size_t n;
    int rc = load_all(&v, &n, skills_dir, &fails);
    if (rc < 0) {
        qx_diags_move(d, &fails);
        qx_diags_release(&fails);
        qx_skills_free(v, n);
        return rc;
    }
    int *hits = qx_calloc(n ? n : 1, sizeof *hits);
    long k = -1;
    for (int rule = 0; rule < 3 && k == -1 && *name; rule++)
        k = find(v, n, name, rule, hits);
    if (k >= 0) {
        *out = v[k];
        v[k] = NULL;
        rc = 0;
    } else {
        struct qx_buf b;
        qx_buf_init(&b);
        list_candidates(&b, v, n, k == -2 ? hits : NULL);
        /* The broken files may be the one asked for: show why they failed. */
        qx_diags_move(d, &fails);
        qx_diags_add(d, NULL, 0, 0, QX_SEV_ERROR, k == -2 ? "skill.ambiguous" : "skill.unknown",
                     k == -2 ? "skill name '%s' is ambiguous; candidates: %s"
                             : "unknown skill '%s'; available: %s",
                     name, b.data);
        qx_buf_release(&b);
        rc = rc > 0 && k == -1 ? QX_EINPUT : QX_EUSAGE;
    }
    free(hits);
    qx_diags_release(&fails);
    qx_skills_free(v, n);
    return rc;
}

/* ---- trigger matching ---- */

static int is_stop_word(const char *w)
{
    static const char *const stop[] = {"a", "an", "and", "as", "by", "for", "in", "into", "of",
                                       "on", "or", "the", "to", "with", "using", NULL};
    for (const char *const *p = stop; *p; p++)
        if (strcmp(w, *p) == 0)
            return 1;
    return 0;
}

static int is_alnum_ascii(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Tokens of a phrase: lower-cased ASCII words (stop words dropped) and the
 * pairs of adjacent Han characters (a lone Han character stands alone). */
static void tokenize(struct qx_strvec *out, const char *s)
{
    size_t n = strlen(s), i = 0;
    struct qx_buf word;
    qx_buf_init(&word);
    char prev[4];
    size_t prevlen = 0; /* previous Han character, 0 when none */
    int han_run = 0;
    while (i <= n) {
        size_t at = i;
        uint32_t c = i < n ? qx_text_next(s, n, &i) : (i++, 0);
        if (c && is_alnum_ascii(c)) {
            qx_buf_addc(&word, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
        } else if (word.len) {
            if (!is_stop_word(word.data))
                qx_strvec_push(out, word.data);
            qx_buf_reset(&word);
        }
        if (c && qx_text_is_han(c)) {
            if (prevlen) {
                qx_strvec_push_owned(out, qx_asprintf("%.*s%.*s", (int)prevlen, prev, (int)(i - at), s + at));
                han_run++;
            }
            memcpy(prev, s + at, i - at);
            prevlen = i - at;
        } else {
            if (prevlen && han_run == 0)
                qx_strvec_push_owned(out, qx_strndup(prev, prevlen));
            prevlen = 0;
            han_run = 0;
        }
    }
    qx_buf_release(&word);
}

/* Dice coefficient over token multisets. */
static double overlap(const struct qx_strvec *a, const struct qx_strvec *b)
{
    if (!a->n || !b->n)
        return 0;
    char *used = qx_calloc(b->n, 1);
    size_t common = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (!used[j] && strcmp(a->items[i], b->items[j]) == 0) {
                used[j] = 1;
                common++;
                break;
            }
    free(used);
    return 2.0 * (double)common / (double)(a->n + b->n);
}

/* ASCII lower case, runs of white space collapsed, ends trimmed. */
static char *normalise(const char *s)
{
    struct qx_buf b;
    qx_buf_init(&b);
    int space = 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            qx_buf_addc(&b, ' ');
        space = 0;
        qx_buf_addc(&b, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
    }
    return qx_buf_detach(&b, NULL);
}

static double score_one(const char *trigger, const char *phrase, const struct qx_strvec *ptok)
{
    char *t = normalise(trigger), *p = normalise(phrase);
    double score = 0;
    size_t tl = qx_text_count_chars(t, strlen(t)), pl = qx_text_count_chars(p, strlen(p));
    if (!*t || !*p) {
        score = 0;
    } else if (strcmp(t, p) == 0) {
        score = 1.0;
    } else if (strstr(t, p) || strstr(p, t)) {
        double shorter = (double)(tl < pl ? tl : pl), longer = (double)(tl < pl ? pl : tl);
        score = 0.5 + 0.4 * shorter / longer;
    } else {
        struct qx_strvec ttok;
        qx_strvec_init(&ttok);
        tokenize(&ttok, t);
        score = 0.5 * overlap(ptok, &ttok);
        qx_strvec_release(&ttok);
    }
    free(t);
    free(p);
    return score;
}

double qx_skill_match(const struct qx_skill *s, const char *phrase, size_t *best)
{
    struct qx_strvec ptok;
    qx_strvec_init(&ptok);
    char *p = normalise(phrase);
    tokenize(&ptok, p);
    free(p);
    double top = 0;
    for (size_t i = 0; i < s->triggers.n; i++) {
        double sc = score_one(s->triggers.items[i], phrase, &ptok);
        if (sc > top) {
            top = sc;
            if (best)
                *best = i;
        }
    }
    qx_strvec_release(&ptok);
    return top;
}

double qx_skill_match_score(const struct qx_skill *s, const char *phrase)
{
    return qx_skill_match(s, phrase, NULL);
}
