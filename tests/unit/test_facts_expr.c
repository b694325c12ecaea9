/* Unit tests for the derived-value expression evaluator (qx_fact_eval):
 * precedence, unary minus, visibility of keys, and every error with its
 * offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/facts.h"
#include "qexplain/util.h"

/* Qwen-7B on an A100 (qwen-inference-speed-memory): BF16 16.99 GB, Int4
 * 8.21 GB; a text value; and a derived entry at index 3. */
static struct qx_fact_value vals[] = {
    {.key = "bf16_mem", .is_number = 1, .value = 16.99, .unit = "GB"},
    {.key = "int4_mem", .is_number = 1, .value = 8.21, .unit = "GB"},
    {.key = "status", .is_number = 0, .text = "OOM", .unit = "text"},
    {.key = "int4_cut",
     .is_number = 1,
     .value = 0.517,
     .unit = "ratio",
     .derived = 1,
     .expr = "1 - int4_mem / bf16_mem"},
};
static const struct qx_fact fact = {.id = "qwen", .values = vals, .nvalues = 4};

static double eval_ok(const char *expr, size_t visible)
{
    double v = -1;
    struct qx_expr_error err;
    int rc = qx_fact_eval(&v, &fact, visible, expr, &err);
    if (rc)
        fail_msg("'%s': %s at %zu", expr, err.msg, err.at);
    return v;
}

static void eval_fail(const char *expr, size_t visible, size_t at, const char *msg)
{
    double v = 42;
    struct qx_expr_error err;
    assert_int_equal(qx_fact_eval(&v, &fact, visible, expr, &err), QX_EINPUT);
    if (!strstr(err.msg, msg))
        fail_msg("'%s': got '%s', want '%s'", expr, err.msg, msg);
    assert_int_equal(err.at, at);
    assert_true(v == 0);
}

static void arithmetic_and_precedence(void **state)
{
    (void)state;
    assert_true(eval_ok("1 + 2 * 3", 4) == 7);
    assert_true(eval_ok("(1 + 2) * 3", 4) == 9);
    assert_true(eval_ok("8 / 4 / 2", 4) == 1); /* left associative */
    assert_true(eval_ok("10 - 4 - 3", 4) == 3);
    assert_true(eval_ok("-2 * -3", 4) == 6);
    assert_true(eval_ok("- (1 - 3)", 4) == 2);
    assert_true(eval_ok("1e3 * 2", 4) == 2000);
    assert_true(eval_ok(".5 + 0.25", 4) == 0.75);
    assert_true(eval_ok("  ( ( 7 ) )  ", 4) == 7);
    double cut = eval_ok("1 - int4_mem / bf16_mem", 2);
    assert_true(cut > 0.5167 && cut < 0.5168);
    assert_true(eval_ok("(1 - int4_mem/bf16_mem) * 100", 2) > 51.67);
    /* A later derived entry may use an earlier one. */
    assert_true(eval_ok("int4_cut * 100", 4) == 51.7);
    /* Without an error struct the evaluator still works. */
    double v;
    assert_int_equal(qx_fact_eval(&v, &fact, 4, "2*", NULL), QX_EINPUT);
}

static void errors_name_the_place(void **state)
{
    (void)state;
    eval_fail("1 - int4_mem / fp32_mem", 4, 15, "unknown key 'fp32_mem'");
    eval_fail("int4_cut * 2", 3, 0, "'int4_cut' is defined after this expression");
    eval_fail("status + 1", 4, 0, "'status' is a text value");
    eval_fail("bf16_mem / (int4_mem - int4_mem)", 4, 9, "division by zero");
    eval_fail("(1 + 2", 4, 0, "unclosed '('");
    eval_fail("1 + 2)", 4, 5, "unexpected ')'");
    eval_fail("bf16_mem int4_mem", 4, 9, "unexpected 'i'");
    eval_fail("1 +", 4, 3, "expression ends early");
    eval_fail("", 4, 0, "expression ends early");
    eval_fail("1..2", 4, 0, "invalid number '1..2'");
    eval_fail("2 ^ 3", 4, 2, "unexpected '^'");
    eval_fail("Bf16_mem", 4, 0, "unexpected 'B'");
    char deep[80];
    memset(deep, '(', 40);
    deep[40] = '1';
    deep[41] = '\0';
    eval_fail(deep, 4, 32, "nested deeper than 32");
    char minus[80];
    memset(minus, '-', 40);
    minus[40] = '1';
    minus[41] = '\0';
    eval_fail(minus, 4, 32, "nested deeper than 32");
    char *longexpr = qx_malloc(2000);
    memset(longexpr, '1', 1999);
    longexpr[1999] = '\0';
    eval_fail(longexpr, 4, 1024, "longer than 1024 bytes");
    free(longexpr);
    eval_fail("1e308 * 10", 4, 0, "not a finite number");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arithmetic_and_precedence),
        cmocka_unit_test(errors_name_the_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
