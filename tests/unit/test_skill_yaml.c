/* Unit tests for qx_yaml_parse: core-schema scalars, positions (characters,
 * first_line offset, libyaml's extra line breaks), and every rejection. */
#include "test_skill.h"

static int parse(struct qx_json_doc *doc, const char *text, unsigned first_line, struct qx_diags *d)
{
    return qx_yaml_parse(doc, "t.yaml", text, strlen(text), first_line, d);
}

static void scalars_follow_core_schema(void **state)
{
    (void)state;
    const char *y = "n1: null\nn2: ~\nn3:\nn4: NULL\n"
                    "b1: true\nb2: False\nb3: yes\nb4: off\n"
                    "i1: 42\ni2: -7\ni3: 0o17\ni4: 0x1F\ni5: +3\n"
                    "f1: 1.5\nf2: 1e3\nf3: .5\nf4: -2.5E-1\n"
                    "s1: '42'\ns2: \"true\"\ns3: 1.2.3\ns4: |\n  block\n  two\ns5: 0x\ns6: ! 12\ns7: !!str 13\n";
    struct qx_json_doc doc;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(parse(&doc, y, 1, &d), 0);
    assert_int_equal(d.n, 0);
    const cJSON *r = doc.root;
    const char *nulls[] = {"n1", "n2", "n3", "n4"};
    for (size_t i = 0; i < 4; i++)
        assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, nulls[i])));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "b1")));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "b2")));
    /* YAML 1.1 booleans are plain strings in 1.2. */
    assert_string_equal(qx_json_str(r, "b3"), "yes");
    assert_string_equal(qx_json_str(r, "b4"), "off");
    double v;
    const struct {
        const char *k;
        double v;
    } nums[] = {{"i1", 42}, {"i2", -7}, {"i3", 15}, {"i4", 31}, {"i5", 3},
                {"f1", 1.5}, {"f2", 1000}, {"f3", 0.5}, {"f4", -0.25}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        assert_true(qx_json_num(r, nums[i].k, &v));
        assert_true(v == nums[i].v);
    }
    assert_string_equal(qx_json_str(r, "s1"), "42");
    assert_string_equal(qx_json_str(r, "s2"), "true");
    assert_string_equal(qx_json_str(r, "s3"), "1.2.3");
    assert_string_equal(qx_json_str(r, "s4"), "block\ntwo\n");
    assert_string_equal(qx_json_str(r, "s5"), "0x");
    assert_string_equal(qx_json_str(r, "s6"), "12");
    assert_string_equal(qx_json_str(r, "s7"), "13");
    /* Keys keep file order. */
    assert_string_equal(r->child->string, "n1");
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
}

static void positions_are_keys_and_items(void **state)
{
    (void)state;
    const char *y = "名字: 值\nlist:\n  - 中文\n  - {k: v}\n";
    struct qx_json_doc doc;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(parse(&doc, y, 2, &d), 0);
    unsigned line, col;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(doc.root, "名字");
    assert_true(qx_json_doc_pos(&doc, name, &line, &col));
    assert_int_equal(line, 2); /* first_line 2: the text starts on line 2 */
    assert_int_equal(col, 1);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc.root, "list");
    assert_true(qx_json_doc_pos(&doc, list, &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    assert_true(qx_json_doc_pos(&doc, list->child, &line, &col));
    assert_int_equal(line, 4);
    assert_int_equal(col, 5);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(list->child->next, "k");
    assert_true(qx_json_doc_pos(&doc, k, &line, &col));
    assert_int_equal(line, 5);
    assert_int_equal(col, 6);
    qx_json_doc_release(&doc);

    /* libyaml breaks lines at U+2028 and CR; positions follow '\n' only. */
    const char *y2 = "a: \"x\xE2\x80\xA8y\"\r\nb: 中文\nc: 1\n";
    assert_int_equal(parse(&doc, y2, 1, &d), 0);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(doc.root, "c");
    assert_true(qx_json_doc_pos(&doc, c, &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    qx_json_doc_release(&doc);
    assert_int_equal(d.n, 0);
    qx_diags_release(&d);
}

/* Parses text expecting failure with rule at line:col (first_line 1). */
static void expect_error(const char *text, const char *rule, unsigned line, unsigned col, const char *msg)
{
    struct qx_json_doc doc;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(parse(&doc, text, 1, &d), QX_EINPUT);
    assert_null(doc.root);
    assert_int_equal(d.n, 1);
    assert_diag_at(&d, rule, line, col, msg);
    assert_string_equal(d.items[0].file, "t.yaml");
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
}

static void aliases_and_anchors_rejected(void **state)
{
    (void)state;
    expect_error("a: 1\nb: *x\n", "yaml.alias", 2, 4, "aliases ('*x') are not supported");
    expect_error("a: &x 1\n", "yaml.anchor", 1, 4, "anchors ('&x') are not supported");
    expect_error("a: &x [1]\n", "yaml.anchor", 1, 4, NULL);
    /* The classic expansion bomb never gets past its first anchor. */
    expect_error("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "yaml.anchor", 1, 4, NULL);
}

static void duplicate_and_complex_keys_rejected(void **state)
{
    (void)state;
    expect_error("a: 1\nb: 2\na: 3\n", "yaml.duplicate-key", 3, 1, "duplicate key 'a'");
    expect_error("top:\n  x: 1\n  y: 2\n  x: 3\n", "yaml.duplicate-key", 4, 3, "'x'");
    expect_error("? [a]\n: 1\n", "yaml.key", 1, 3, "must be a scalar");
    expect_error("{a: 1}: 2\n", "yaml.key", 1, 1, "must be a scalar");
}

static char *nested(int depth)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (int i = 0; i < depth; i++)
        qx_buf_addc(&b, '[');
    for (int i = 0; i < depth; i++)
        qx_buf_addc(&b, ']');
    return qx_buf_detach(&b, NULL);
}

static void depth_is_limited(void **state)
{
    (void)state;
    struct qx_json_doc doc;
    struct qx_diags d;
    qx_diags_init(&d);
    char *ok = nested(QX_YAML_MAX_DEPTH);
    assert_int_equal(parse(&doc, ok, 1, &d), 0);
    assert_true(cJSON_IsArray(doc.root));
    qx_json_doc_release(&doc);
    free(ok);
    char *deep = nested(QX_YAML_MAX_DEPTH + 1);
    expect_error(deep, "yaml.depth", 1, QX_YAML_MAX_DEPTH + 1, "deeper than 64");
    free(deep);
    qx_diags_release(&d);
}

static void other_rejections(void **state)
{
    (void)state;
    expect_error("a: \"caf\xE9\"\n", "utf8", 1, 8, "0xE9");
    expect_error("a: .inf\n", "yaml.number", 1, 4, "not a finite number");
    expect_error("a: 123456789012345678901\n", "yaml.number", 1, 4, "out of range");
    expect_error("a: !!int 3\n", "yaml.tag", 1, 4, "not supported");
    expect_error("a: !!map {}\n", "yaml.tag", 1, 4, NULL);
    expect_error("a: 1\n---\nb: 2\n", "yaml.documents", 2, 1, "more than one");
    expect_error("a: \"x\\0y\"\n", "yaml.nul", 1, 4, NULL);
    expect_error("a: [1, 2\nb: 3\n", "yaml.syntax", 2, 2, "invalid YAML");
    expect_error("a: b: c\n", "yaml.syntax", 1, 5, "mapping values are not allowed");
    expect_error("a: \"\x01\"\n", "yaml.syntax", 1, 5, "control characters");
}

static void first_line_shifts_errors(void **state)
{
    (void)state;
    struct qx_json_doc doc;
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_yaml_parse(&doc, "f.md", "x: 1\nx: 2\n", 10, 2, &d), QX_EINPUT);
    assert_diag_at(&d, "yaml.duplicate-key", 3, 1, NULL);
    qx_json_doc_release(&doc);
    qx_diags_clear(&d);
    assert_int_equal(qx_yaml_parse(&doc, "f.md", "", 0, 2, &d), 0);
    assert_true(cJSON_IsNull(doc.root));
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scalars_follow_core_schema),
        cmocka_unit_test(positions_are_keys_and_items),
        cmocka_unit_test(aliases_and_anchors_rejected),
        cmocka_unit_test(duplicate_and_complex_keys_rejected),
        cmocka_unit_test(depth_is_limited),
        cmocka_unit_test(other_rejections),
        cmocka_unit_test(first_line_shifts_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
