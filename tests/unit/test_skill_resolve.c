/* Unit tests for qx_skills_load_dir, qx_skill_resolve and trigger matching. */
#include "test_skill.h"

static char *data_skills(const char *set)
{
    return qx_asprintf("%s/tests/fixtures/skills/%s/skills", QX_TEST_SRC, set);
}

/* Resolves name in the fixture set; returns the error and the skill name. */
static int resolve(const char *set, const char *name, char **found, struct qx_diags *d)
{
    char *dir = data_skills(set);
    struct qx_skill *s = NULL;
    int rc = qx_skill_resolve(&s, dir, name, d);
    *found = s ? qx_strdup(s->name) : NULL;
    qx_skill_free(s);
    free(dir);
    return rc;
}

static void resolution_order(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    char *got;
    static const struct {
        const char *ask, *want;
    } ok[] = {
        {"report-alpha", "report-alpha"}, /* exact name */
        {"b", "report-beta"},             /* alias ("b" is also a substring of report-beta) */
        {"alph", "report-alpha"},         /* unique substring */
        {"gamma", "gamma-seedlike"},      /* a seed-shaped skill without qexplain */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(resolve("data-ok", ok[i].ask, &got, &d), 0);
        assert_string_equal(got, ok[i].want);
        free(got);
    }
    assert_int_equal(d.n, 0);
    /* "a" is an alias, even though it is also a substring of three names. */
    assert_int_equal(resolve("data-ok", "a", &got, &d), 0);
    assert_string_equal(got, "report-alpha");
    free(got);

    assert_int_equal(resolve("data-ok", "report", &got, &d), QX_EUSAGE);
    assert_null(got);
    assert_diag_at(&d, "skill.ambiguous", 0, 0,
                   "skill name 'report' is ambiguous; candidates: report-alpha (a), report-beta (b)");
    qx_diags_clear(&d);
    assert_int_equal(resolve("data-ok", "zzz", &got, &d), QX_EUSAGE);
    assert_diag_at(&d, "skill.unknown", 0, 0,
                   "unknown skill 'zzz'; available: report-alpha (a), report-beta (b), gamma-seedlike");
    qx_diags_clear(&d);
    assert_int_equal(resolve("data-ok", "", &got, &d), QX_EUSAGE);
    qx_diags_clear(&d);

    /* A path bypasses the directory. */
    char *p = fixture("good/minimal.md");
    assert_int_equal(resolve("data-ok", p, &got, &d), 0);
    assert_string_equal(got, "minimal");
    free(got);
    free(p);
    assert_int_equal(resolve("data-ok", "missing.md", &got, &d), QX_EIO);
    qx_diags_release(&d);
}

static void broken_files_and_duplicates(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    char *got;
    /* A good skill resolves although another file of the directory is broken. */
    assert_int_equal(resolve("data-broken", "a", &got, &d), 0);
    assert_string_equal(got, "report-alpha");
    assert_int_equal(d.n, 0);
    free(got);
    /* An unknown name shows why the broken file failed. */
    assert_int_equal(resolve("data-broken", "br", &got, &d), QX_EINPUT);
    assert_diag_at(&d, "skill.unknown-key", 3, 61, "unknown key 'colour' in 'qexplain.sections[0]'");
    assert_diag_at(&d, "skill.unknown", 0, 0, "available: report-alpha (a)");
    qx_diags_clear(&d);

    struct qx_skill **v;
    size_t n;
    char *dir = data_skills("data-broken");
    assert_int_equal(qx_skills_load_dir(&v, &n, dir, &d), QX_EINPUT);
    assert_null(v);
    assert_int_equal(n, 0);
    free(dir);
    qx_diags_clear(&d);
    dir = data_skills("data-dup");
    assert_int_equal(qx_skills_load_dir(&v, &n, dir, &d), QX_EINPUT);
    assert_diag_at(&d, "skill.duplicate", 9, 3, "'a' already names the skill in");
    free(dir);
    qx_diags_clear(&d);
    assert_int_equal(qx_skills_load_dir(&v, &n, "no/such/dir", &d), QX_EIO);
    qx_diags_release(&d);
}

static struct qx_skill **shipped(size_t *n)
{
    struct qx_diags d;
    qx_diags_init(&d);
    char *dir = src_path("skills");
    struct qx_skill **v;
    assert_int_equal(qx_skills_load_dir(&v, n, dir, &d), 0);
    free(dir);
    qx_diags_release(&d);
    return v;
}

/* Index of the best-scoring skill for phrase, -1 if all score 0. */
static long best_of(struct qx_skill **v, size_t n, const char *phrase, double *top)
{
    long best = -1;
    *top = 0;
    for (size_t i = 0; i < n; i++) {
        double sc = qx_skill_match_score(v[i], phrase);
        assert_true(sc >= 0 && sc <= 1);
        if (sc > *top) {
            *top = sc;
            best = (long)i;
        }
    }
    return best;
}

static void match_ranking(void **state)
{
    (void)state;
    size_t n;
    struct qx_skill **v = shipped(&n);
    double top;
    /* v: non-experts, public-sector, wechat */
    static const struct {
        const char *phrase;
        long want;
    } cases[] = {
        {"写公众号文章", 2},
        {"帮我写一篇公众号文章", 2},       /* containment */
        {"公众号量化科普文章", 2},         /* character pairs only */
        {"Explain LLM quantization to government staff", 1},
        {"explain quantization simply", 0},
        {"make LLM tech accessible for everyone", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long got = best_of(v, n, cases[i].phrase, &top);
        if (got != cases[i].want)
            fail_msg("'%s' picked %ld, want %ld", cases[i].phrase, got, cases[i].want);
    }
    size_t trig = 99;
    assert_true(qx_skill_match(v[2], "写公众号文章", &trig) == 1.0);
    assert_string_equal(v[2]->triggers.items[trig], "写公众号文章");
    assert_true(qx_skill_match_score(v[0], "  EXPLAIN   quantization simply ") == 1.0);
    /* Containment scores between overlap and equality. */
    double contained = qx_skill_match_score(v[2], "帮我写公众号文章");
    assert_true(contained > 0.5 && contained < 1.0);
    double pairs = qx_skill_match_score(v[2], "公众号量化科普文章");
    assert_true(pairs > 0 && pairs <= 0.5);
    /* Nothing in common: zero everywhere, stop words alone do not match. */
    assert_int_equal(best_of(v, n, "天气预报", &top), -1);
    assert_int_equal(best_of(v, n, "the of to and", &top), -1);
    assert_int_equal(best_of(v, n, "", &top), -1);
    qx_skills_free(v, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolution_order),
        cmocka_unit_test(broken_files_and_duplicates),
        cmocka_unit_test(match_ranking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
