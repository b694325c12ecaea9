/* preview: the inline-style filter and the page builder's contracts (the
 * CLI transcript tests/cli/preview.t and the Chromium test cover the rest). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qexplain/preview.h"

/* Filters s; returns the kept declarations, dropped names in *dropped. */
static char *filter(const char *s, int *indent, struct qx_strvec *dropped)
{
    struct qx_buf b;
    qx_buf_init(&b);
    qx_preview_style(&b, s, strlen(s), indent, dropped);
    return qx_buf_detach(&b, NULL);
}

static void keeps_whitelisted_properties(void **state)
{
    (void)state;
    struct qx_strvec d;
    qx_strvec_init(&d);
    char *out = filter(" Color : #333 ; margin:0 0 1em 0;TEXT-INDENT:2em", NULL, &d);
    assert_string_equal(out, "color:#333;margin:0 0 1em 0;text-indent:2em;");
    assert_int_equal(d.n, 0);
    free(out);
    qx_strvec_release(&d);
}

static void drops_what_wechat_drops(void **state)
{
    (void)state;
    struct qx_strvec d;
    qx_strvec_init(&d);
    char *out = filter("position:fixed;display:flex;display:block;float:left;float:inherit;"
                       "background:url(x.png);color:expression(alert(1));transform:none;"
                       "font-size", NULL, &d);
    assert_string_equal(out, "display:block;float:left;");
    assert_int_equal(d.n, 7);
    assert_string_equal(d.items[0], "position");
    assert_string_equal(d.items[1], "display");
    assert_string_equal(d.items[2], "float");
    assert_string_equal(d.items[3], "background");
    assert_string_equal(d.items[4], "color");
    assert_string_equal(d.items[5], "transform");
    assert_string_equal(d.items[6], "font-size");
    free(out);
    qx_strvec_release(&d);
}

static void semicolons_in_quotes_and_parens(void **state)
{
    (void)state;
    char *out = filter("font-family:\"A;B\", 'C;D';box-shadow:0 0 1px rgba(0,0,0;0.5)", NULL, NULL);
    assert_string_equal(out, "font-family:\"A;B\", 'C;D';box-shadow:0 0 1px rgba(0,0,0;0.5);");
    free(out);
}

static void indent_detection(void **state)
{
    (void)state;
    static const struct {
        const char *style;
        int indent;
    } cases[] = {
        {"text-indent:2em", 1}, {"text-indent:32px", 1}, {"text-indent:0", 0},
        {"text-indent:0em", 0}, {"text-indent:0.0px", 0}, {"color:red", 0},
        {"text-indent:url(x)", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int indent = 0;
        char *out = filter(cases[i].style, &indent, NULL);
        assert_int_equal(indent, cases[i].indent);
        free(out);
    }
}

static void page_errors_leave_output_alone(void **state)
{
    (void)state;
    struct qx_buf out;
    struct qx_diags d;
    qx_buf_init(&out);
    qx_diags_init(&d);
    qx_buf_adds(&out, "keep");
    assert_int_equal(qx_preview_page(&out, "a.html", "<p>\xff</p>", 8, NULL, &d), QX_EINPUT);
    assert_int_equal(qx_preview_page(&out, "a.html", "", QX_PREVIEW_MAX_BYTES + 1, NULL, &d),
                     QX_ELIMIT);
    assert_string_equal(out.data, "keep");
    assert_int_equal(d.n, 2);
    assert_string_equal(d.items[0].rule, "encoding");
    assert_int_equal(d.items[0].line, 1);
    assert_int_equal(d.items[0].col, 4);
    assert_string_equal(d.items[1].rule, "preview.size");
    qx_buf_release(&out);
    qx_diags_release(&d);
}

static void page_is_balanced_and_titled(void **state)
{
    (void)state;
    struct qx_buf out;
    struct qx_diags d;
    qx_buf_init(&out);
    qx_diags_init(&d);
    struct qx_preview_opts o = {.title = "a<b"};
    const char *in = "<article><p>一<strong>二</p>";
    assert_int_equal(qx_preview_page(&out, "a.html", in, strlen(in), &o, &d), 0);
    assert_non_null(strstr(out.data, "<title>a&lt;b</title>"));
    assert_non_null(strstr(out.data, "<section><p>一<strong>二</strong></p></section>"));
    assert_null(strstr(out.data, "<script"));
    assert_int_equal(d.n, 0);
    qx_buf_release(&out);
    qx_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_whitelisted_properties),
        cmocka_unit_test(drops_what_wechat_drops),
        cmocka_unit_test(semicolons_in_quotes_and_parens),
        cmocka_unit_test(indent_detection),
        cmocka_unit_test(page_errors_leave_output_alone),
        cmocka_unit_test(page_is_balanced_and_titled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
