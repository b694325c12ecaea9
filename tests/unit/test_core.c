/* Unit tests for util, diag, file, text and json: the layer-0..3 modules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "qexplain/diag.h"
#include "qexplain/file.h"
#include "qexplain/json.h"
#include "qexplain/text.h"
#include "qexplain/util.h"

static void buf_grows_and_detaches(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    assert_string_equal(b.data, "");
    for (int i = 0; i < 1000; i++)
        qx_buf_addf(&b, "%d,", i);
    assert_true(b.len > 3000);
    assert_int_equal(b.data[b.len], '\0');
    qx_buf_truncate(&b, 4);
    assert_string_equal(b.data, "0,1,");
    size_t n;
    char *s = qx_buf_detach(&b, &n);
    assert_int_equal(n, 4);
    assert_string_equal(s, "0,1,");
    assert_int_equal(b.len, 0);
    free(s);
    qx_buf_release(&b);
}

static void strvec_sorts(void **state)
{
    (void)state;
    struct qx_strvec v;
    qx_strvec_init(&v);
    qx_strvec_push(&v, "b");
    qx_strvec_push(&v, "a");
    qx_strvec_push(&v, "c");
    qx_strvec_sort(&v);
    assert_string_equal(v.items[0], "a");
    assert_string_equal(v.items[2], "c");
    assert_true(qx_strvec_contains(&v, "b"));
    assert_false(qx_strvec_contains(&v, "d"));
    qx_strvec_release(&v);
}

static void exit_codes_follow_design(void **state)
{
    (void)state;
    assert_int_equal(qx_exit_code(QX_OK), 0);
    assert_int_equal(qx_exit_code(QX_EFINDINGS), 1);
    assert_int_equal(qx_exit_code(QX_EUSAGE), 2);
    assert_int_equal(qx_exit_code(QX_EINPUT), 3);
    assert_int_equal(qx_exit_code(QX_ELIMIT), 3);
    assert_int_equal(qx_exit_code(QX_EIO), 4);
    assert_int_equal(qx_exit_code(QX_EINTERNAL), 70);
}

static void diags_sort_and_format(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    qx_diags_add(&d, "b.txt", 1, 1, QX_SEV_ERROR, "r1", "second file");
    qx_diags_add(&d, "a.txt", 3, 2, QX_SEV_WARNING, "r2", "later line");
    qx_diags_add(&d, "a.txt", 1, 5, QX_SEV_ERROR, "r3", "first %s", "line");
    qx_diags_sort(&d);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_diag_format_line(&b, &d.items[0]);
    assert_string_equal(b.data, "a.txt:1:5: error: first line [r3]");
    assert_int_equal(qx_diags_count(&d, QX_SEV_ERROR), 2);
    assert_int_equal(qx_diags_count(&d, QX_SEV_WARNING), 3);
    qx_buf_reset(&b);
    qx_diags_add(&d, "c.txt", 0, 0, QX_SEV_ERROR, "io", "cannot open");
    qx_diag_format_line(&b, &d.items[3]);
    assert_string_equal(b.data, "c.txt: error: cannot open [io]");
    qx_buf_release(&b);
    qx_diags_release(&d);
}

static void linemap_counts_characters(void **state)
{
    (void)state;
    const char *t = "ab\n量化x\r\nz";
    struct qx_linemap m;
    qx_linemap_init(&m, t, strlen(t));
    unsigned line, col;
    qx_linemap_pos(&m, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    qx_linemap_pos(&m, 9, &line, &col); /* 'x' after two 3-byte characters */
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    size_t n;
    const char *l = qx_linemap_line(&m, 2, &n);
    assert_int_equal(n, 7);
    assert_memory_equal(l, "量化x", 7);
    qx_linemap_pos(&m, strlen(t) - 1, &line, &col);
    assert_int_equal(line, 3);
    qx_linemap_release(&m);
}

static void utf8_and_nfc(void **state)
{
    (void)state;
    size_t bad = 0;
    assert_true(qx_text_utf8_valid("量化", 6, &bad));
    assert_false(qx_text_utf8_valid("ab\xff", 3, &bad));
    assert_int_equal(bad, 2);
    assert_true(qx_text_is_nfc("caf\xc3\xa9", 5));
    assert_false(qx_text_is_nfc("cafe\xcc\x81", 6)); /* e + combining acute */
    assert_true(qx_text_is_han(0x91CF));
    assert_false(qx_text_is_han('a'));
    size_t i = 0;
    assert_int_equal(qx_text_next("量", 3, &i), 0x91CF);
    assert_int_equal(i, 3);
}

static void json_positions_and_errors(void **state)
{
    (void)state;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_json_doc doc;
    const char *ok = "[\n  {\"id\": \"a\",\n   \"v\": 1}\n]";
    assert_int_equal(qx_json_parse(&doc, "f.json", ok, strlen(ok), &d), 0);
    const cJSON *obj = cJSON_GetArrayItem(doc.root, 0);
    unsigned line, col;
    assert_true(qx_json_doc_pos(&doc, cJSON_GetObjectItem(obj, "v"), &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 4);
    qx_json_doc_release(&doc);

    const char *dup = "{\"a\": 1,\n \"a\": 2}";
    assert_int_equal(qx_json_parse(&doc, "f.json", dup, strlen(dup), &d), QX_EINPUT);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].rule, "json.duplicate-key");
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 2);
    qx_json_doc_release(&doc);
    qx_diags_clear(&d);

    const char *bad = "{\"a\": [1, 2,, 3]}";
    assert_int_equal(qx_json_parse(&doc, "f.json", bad, strlen(bad), &d), QX_EINPUT);
    assert_string_equal(d.items[0].rule, "json.syntax");
    assert_int_equal(d.items[0].col, 13);
    qx_json_doc_release(&doc);
    qx_diags_clear(&d);

    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    assert_int_equal(qx_json_parse(&doc, "f.json", deep, sizeof deep, &d), QX_EINPUT);
    assert_string_equal(d.items[0].rule, "json.depth");
    qx_json_doc_release(&doc);
    qx_diags_clear(&d);

    assert_int_equal(qx_json_parse(&doc, "f.json", "\"\xc3\"", 3, &d), QX_EINPUT);
    assert_string_equal(d.items[0].rule, "utf8");
    assert_int_equal(d.items[0].byte, 1);
    qx_json_doc_release(&doc);
    qx_diags_release(&d);
}

static void file_atomic_write_and_read(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/qxcoreXXXXXX", qx_tmpdir());
    assert_non_null(mkdtemp(dir));
    char *path = qx_path_join(dir, "out.txt");
    struct qx_diags d;
    qx_diags_init(&d);
    assert_int_equal(qx_file_write_atomic(path, "hello", 5, &d), 0);
    struct qx_buf b;
    qx_buf_init(&b);
    assert_int_equal(qx_file_read(&b, path, 100, &d), 0);
    assert_string_equal(b.data, "hello");
    qx_buf_reset(&b);
    assert_int_equal(qx_file_read(&b, path, 3, &d), QX_ELIMIT);
    assert_int_equal(qx_file_read(&b, dir, 100, &d), QX_EIO);
    char *missing = qx_path_join(dir, "nope/out.txt");
    assert_int_equal(qx_file_write_atomic(missing, "x", 1, &d), QX_EIO);
    assert_int_equal(qx_file_write_atomic("/dev/full", "x", 1, &d), QX_EIO);
    struct qx_strvec v;
    qx_strvec_init(&v);
    assert_int_equal(qx_file_list_dir(&v, dir, ".txt", &d), 0);
    assert_int_equal(v.n, 1); /* no temporary file left behind */
    qx_strvec_release(&v);
    unlink(path);
    rmdir(dir);
    free(path);
    free(missing);
    qx_buf_release(&b);
    qx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_and_detaches),
        cmocka_unit_test(strvec_sorts),
        cmocka_unit_test(exit_codes_follow_design),
        cmocka_unit_test(diags_sort_and_format),
        cmocka_unit_test(linemap_counts_characters),
        cmocka_unit_test(utf8_and_nfc),
        cmocka_unit_test(json_positions_and_errors),
        cmocka_unit_test(file_atomic_write_and_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
