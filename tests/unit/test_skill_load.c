/* Unit tests for qx_skill_load: front-matter split, the seed files, the
 * shipped skills, schema errors with exact positions, needs ranges. */
#include "test_skill.h"

static struct qx_skill *load_ok(const char *rel, struct qx_diags *d)
{
    char *p = fixture(rel);
    struct qx_skill *s = NULL;
    int rc = qx_skill_load(&s, p, d);
    if (rc) {
        for (size_t i = 0; i < d->n; i++)
            fprintf(stderr, "%u:%u %s\n", d->items[i].line, d->items[i].col, d->items[i].message);
    }
    assert_int_equal(rc, 0);
    free(p);
    return s;
}

/* Loads a bad fixture and checks its first error's rule and position. */
static void expect_bad(const char *rel, const char *rule, unsigned line, unsigned col, const char *msg)
{
    struct qx_diags d;
    qx_diags_init(&d);
    char *p = fixture(rel);
    struct qx_skill *s = (struct qx_skill *)1;
    assert_int_equal(qx_skill_load(&s, p, &d), QX_EINPUT);
    assert_null(s);
    assert_diag_at(&d, rule, line, col, msg);
    assert_string_equal(find_diag(&d, rule)->file, p);
    free(p);
    qx_diags_release(&d);
}

static void seeds_load_unmodified(void **state)
{
    (void)state;
    static const struct {
        const char *file, *name, *version;
        size_t triggers, body_lines;
        unsigned body_line;
    } seeds[] = {
        {"seeds/quantized-llm-reporting-for-public-sector.md", "quantized-llm-reporting-for-public-sector",
         "0.1.1", 8, 33, 22},
        {"seeds/wechat-public-account-llm-quantization-explainer.md",
         "wechat-public-account-llm-quantization-explainer", "0.1.3", 6, 38, 22},
        {"seeds/quantization-explainer-for-non-experts.md", "quantization-explainer-for-non-experts", "0.1.0", 5,
         33, 19},
    };
    for (size_t i = 0; i < 3; i++) {
        struct qx_diags d;
        qx_diags_init(&d);
        struct qx_skill *s = load_ok(seeds[i].file, &d);
        assert_int_equal(d.n, 0);
        assert_string_equal(s->name, seeds[i].name);
        assert_string_equal(s->version, seeds[i].version);
        assert_int_equal(s->triggers.n, seeds[i].triggers);
        assert_int_equal(s->body_lines, seeds[i].body_lines);
        assert_int_equal(s->body_line, seeds[i].body_line);
        assert_null(s->qx);
        assert_null(s->alias);
        assert_int_equal(s->nsections, 0);
        assert_true(strncmp(s->body, "\n# ", 3) == 0);
        qx_skill_free(s);
        qx_diags_release(&d);
    }
}

static void shipped_skills_follow_lint_rules(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    char *dir = src_path("skills");
    struct qx_skill **v;
    size_t n;
    assert_int_equal(qx_skills_load_dir(&v, &n, dir, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(n, 3);
    /* Sorted by file: non-experts, public-sector, wechat. */
    const char *aliases[] = {"non-experts", "public-sector", "wechat"};
    const size_t nsec[] = {5, 5, 7};
    const double max_sent[] = {4, 3, 4};
    const char *indent[] = {"none", "none", "two-fullwidth-spaces"};
    for (size_t i = 0; i < n; i++) {
        struct qx_skill *s = v[i];
        assert_string_equal(s->alias, aliases[i]);
        assert_string_equal(s->language, "zh-Hans");
        assert_int_equal(s->nsections, nsec[i]);
        assert_false(qx_strvec_contains(&s->default_methods, "tir"));
        assert_true(s->default_methods.n >= 3);
        assert_true(s->analogy_domains.n >= 3);
        double x;
        assert_true(qx_json_num(s->lint, "paragraph.max_sentences", &x));
        assert_true(x == max_sent[i]);
        assert_string_equal(qx_json_str(s->lint, "indent"), indent[i]);
        /* Headings are numbered 一、二、… in order and carry no Latin letters. */
        static const char *const numerals[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、"};
        size_t k = 0;
        for (size_t j = 0; j < s->nsections; j++) {
            const char *h = s->sections[j].heading;
            if (!h)
                continue;
            assert_true(qx_str_starts_with(h, numerals[k++]));
            for (const char *c = h; *c; c++)
                assert_false((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'));
        }
    }
    /* public-sector: four headed sections, three questions, a headless synthesis. */
    struct qx_skill *ps = v[1];
    unsigned lo, hi;
    assert_non_null(ps->sections[3].heading);
    assert_null(ps->sections[4].heading);
    assert_string_equal(ps->sections[4].id, "synthesis");
    assert_true(qx_skill_need(&ps->sections[2], "questions", &lo, &hi));
    assert_true(lo == 3 && hi == 3);
    assert_string_equal(qx_json_str(ps->lint, "acronym"), "explain-first-per-section");
    assert_string_equal(qx_json_str(ps->lint, "address.nin"), "error");
    /* wechat: 没想到 challenges 3..5, 2..3 misuses, optional sources. */
    struct qx_skill *wx = v[2];
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(wx->sections[3].needs, "items");
    assert_string_equal(qx_json_str(items, "pattern"), "^没想到");
    assert_int_equal(qx_skill_range(cJSON_GetObjectItemCaseSensitive(items, "count"), &lo, &hi), 0);
    assert_true(lo == 3 && hi == 5);
    assert_true(wx->sections[6].optional);
    assert_string_equal(qx_json_str(wx->lint, "markdown"), "bold-and-h3");
    assert_string_equal(qx_json_str(wx->lint, "deid.dates"), "error");
    /* non-experts: exactly three enablers and three insights. */
    struct qx_skill *ne = v[0];
    for (size_t j = 2; j <= 3; j++) {
        items = cJSON_GetObjectItemCaseSensitive(ne->sections[j].needs, "items");
        assert_int_equal(qx_skill_range(cJSON_GetObjectItemCaseSensitive(items, "count"), &lo, &hi), 0);
        assert_true(lo == 3 && hi == 3);
    }
    assert_string_equal(qx_json_str(ne->lint, "generic-advice"), "error");
    assert_string_equal(qx_json_str(ne->lint, "jargon"), "error");
    qx_skills_free(v, n);
    free(dir);
    qx_diags_release(&d);
}

static void front_matter_split(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_skill *s = load_ok("good/crlf-bom.md", &d);
    assert_string_equal(s->name, "crlf-bom");
    assert_string_equal(s->triggers.items[0], "带 BOM 的文件");
    assert_int_equal(s->body_line, 6);
    assert_int_equal(s->body_lines, 1);
    assert_string_equal(s->body, "body\r\n");
    qx_skill_free(s);
    s = load_ok("good/minimal.md", &d);
    assert_int_equal(s->body_lines, 2);
    assert_int_equal(s->body_line, 9);
    assert_int_equal(s->nsections, 1);
    assert_null(s->sections[0].heading);
    assert_null(s->sections[0].needs);
    qx_skill_free(s);
    assert_int_equal(d.n, 0);
    /* An unknown top-level key is a warning, not an error. */
    s = load_ok("good/extra-top-key.md", &d);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].sev, QX_SEV_WARNING);
    assert_diag_at(&d, "skill.unknown-key", 3, 1, "'author' is ignored");
    assert_int_equal(s->body_lines, 0);
    qx_skill_free(s);
    qx_diags_release(&d);
    expect_bad("bad/no-close.md", "skill.front-matter", 1, 1, "no closing '---' line");
    expect_bad("bad/no-open.md", "skill.front-matter", 1, 1, "first line must be '---'");
}

static void schema_errors_have_positions(void **state)
{
    (void)state;
    expect_bad("bad/unknown-key.md", "skill.unknown-key", 8, 3,
               "unknown key 'colour' in 'qexplain'; allowed: alias, language, methods, analogy_domains, sections, lint");
    expect_bad("bad/wrong-type.md", "skill.type", 6, 3, "'qexplain.methods' must be a list of names");
    expect_bad("bad/needs.md", "skill.type", 9, 9, "'qexplain.sections[0].needs.paragraphs' must be a range");
    expect_bad("bad/needs.md", "skill.missing-key", 10, 9, "missing key 'pattern'");
    expect_bad("bad/needs.md", "skill.unknown-key", 11, 9, "unknown key 'words'");
    expect_bad("bad/lint.md", "skill.type", 8, 5, "'qexplain.lint.markdown' must be a severity or a parameter");
    expect_bad("bad/not-mapping.md", "skill.type", 2, 1, "must be a mapping");
    expect_bad("bad/missing.md", "skill.missing-key", 4, 1, "missing key 'sections' in 'qexplain'");
    expect_bad("bad/missing.md", "skill.missing-key", 2, 1, "missing key 'name' in the front-matter");
    expect_bad("bad/missing.md", "skill.value", 5, 3, "'qexplain.alias' must be a lower-case name");
    expect_bad("bad/utf8.md", "utf8", 3, 18, "0xE9");
    expect_bad("bad/nul.md", "skill.nul", 4, 3, "NUL byte"); /* in the body */
    expect_bad("bad/syntax.md", "yaml.syntax", 4, 12, "while parsing a flow sequence at line 3 column 7");
    expect_bad("bad/alias.md", "yaml.alias", 3, 14, NULL);
    expect_bad("bad/anchor.md", "yaml.anchor", 2, 7, NULL);
    expect_bad("bad/dup-key.md", "yaml.duplicate-key", 4, 1, "'version'");
    /* All errors of a file are reported, not only the first. */
    struct qx_diags d;
    qx_diags_init(&d);
    char *p = fixture("bad/missing.md");
    struct qx_skill *s;
    assert_int_equal(qx_skill_load(&s, p, &d), QX_EINPUT);
    assert_int_equal(d.n, 5);
    assert_diag_at(&d, "skill.type", 3, 1, "'version' must be a string (quote it)");
    /* In line order although the schema walk finds missing keys last. */
    for (size_t i = 1; i < d.n; i++)
        assert_true(d.items[i - 1].line <= d.items[i].line);
    free(p);
    qx_diags_clear(&d);
    assert_int_equal(qx_skill_load(&s, "no/such/skill.md", &d), QX_EIO);
    qx_diags_release(&d);
}

static void ranges(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int ok;
        unsigned lo, hi;
    } cases[] = {
        {"3", 1, 3, 3},      {"\"3\"", 1, 3, 3},   {"\"1..3\"", 1, 1, 3}, {"\"2..\"", 1, 2, 4294967295u},
        {"0", 1, 0, 0},      {"\"3..1\"", 0, 0, 0}, {"-1", 0, 0, 0},      {"1.5", 0, 0, 0},
        {"\"a\"", 0, 0, 0},  {"\"1...2\"", 0, 0, 0}, {"\"..2\"", 0, 0, 0}, {"true", 0, 0, 0},
        {"\"1..2x\"", 0, 0, 0}, {"\"99999999999\"", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *v = cJSON_Parse(cases[i].json);
        unsigned lo = 7, hi = 7;
        int rc = qx_skill_range(v, &lo, &hi);
        if (cases[i].ok) {
            assert_int_equal(rc, 0);
            assert_int_equal(lo, cases[i].lo);
            assert_int_equal(hi, cases[i].hi);
        } else if (rc == 0) {
            fail_msg("'%s' accepted as a range", cases[i].json);
        }
        cJSON_Delete(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeds_load_unmodified),
        cmocka_unit_test(shipped_skills_follow_lint_rules),
        cmocka_unit_test(front_matter_split),
        cmocka_unit_test(schema_errors_have_positions),
        cmocka_unit_test(ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
