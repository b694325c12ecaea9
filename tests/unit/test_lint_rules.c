/* Data-driven rule tests: tests/lint/rules.cases (format at its top). Every
 * rule has texts that must trigger it and near misses that must not; every
 * fixable rule has fix cases, each also checked for idempotence
 * (fix(fix(x)) == fix(x)). A failure names the line of the case. Runs with
 * the shipped fact base (facts/) so acronym, figure and source rules see the
 * real glossary and facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/file.h"
#include "qexplain/lint.h"

static struct qx_facts *facts;

static char *unescape(const char *s)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            if (*s == 'n')
                qx_buf_addc(&b, '\n');
            else if (*s == 't')
                qx_buf_addc(&b, '\t');
            else if (*s == 'r')
                qx_buf_addc(&b, '\r');
            else if (*s == 's')
                qx_buf_addc(&b, ' ');
            else if (*s == 'x' && s[1] && s[2]) {
                char hex[3] = {s[1], s[2], 0};
                qx_buf_addc(&b, (char)strtol(hex, NULL, 16));
                s += 2;
            } else
                qx_buf_addc(&b, *s);
        } else {
            qx_buf_addc(&b, *s);
        }
    }
    return qx_buf_detach(&b, NULL);
}

static enum qx_lint_column column(const char *name)
{
    for (int c = 0; c < QX_COL_COUNT; c++)
        if (strcmp(name, qx_lint_column_name((enum qx_lint_column)c)) == 0)
            return (enum qx_lint_column)c;
    return QX_COL_DEFAULT;
}

static int failures;

static void fail_at(unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tests/lint/rules.cases:%u: ", line);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

static void dump(const struct qx_diags *d)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < d->n; i++) {
        qx_buf_reset(&b);
        qx_diag_format_line(&b, &d->items[i]);
        fprintf(stderr, "    got: %s\n", b.data);
    }
    qx_buf_release(&b);
}

static void run_case(unsigned line, char kind, const char *rule, enum qx_lint_column col, const char *body)
{
    int r = qx_lint_rule_find(rule);
    if (r < 0) {
        fail_at(line, "unknown rule '%s'", rule);
        return;
    }
    struct qx_lint_profile p;
    qx_lint_profile_builtin(&p, col);
    if (!p.r[r].on) {
        p.r[r].on = 1;
        p.r[r].sev = qx_lint_rule_info((enum qx_lint_rule)r)->sev;
    }
    struct qx_lint_opts o = {&p, facts, NULL, "test"};
    struct qx_diags d, err;
    qx_diags_init(&d);
    qx_diags_init(&err);
    unsigned want_line = 0, want_col = 0;
    if (kind == '+' && body[0] == '@') {
        char *end;
        want_line = (unsigned)strtoul(body + 1, &end, 10);
        want_col = *end == ':' ? (unsigned)strtoul(end + 1, &end, 10) : 0;
        body = *end == ' ' ? end + 1 : end;
    }
    if (kind == '>') {
        const char *arrow = strstr(body, " => ");
        if (!arrow) {
            fail_at(line, "fix case needs 'TEXT => FIXED'");
            return;
        }
        char *in_raw = qx_strndup(body, (size_t)(arrow - body));
        char *in = unescape(in_raw), *want = unescape(arrow + 4);
        /* only this rule, so that the case tests it alone */
        struct qx_lint_profile only;
        memset(&only, 0, sizeof only);
        only.r[r] = p.r[r];
        for (int k = 0; k < QX_R_COUNT; k++)
            only.r[k].param = p.r[k].param;
        o.profile = &only;
        struct qx_buf out, again;
        qx_buf_init(&out);
        qx_buf_init(&again);
        size_t n1 = 0, n2 = 0;
        qx_lint_fix(&out, &n1, "case", in, strlen(in), &o, &err);
        qx_lint_fix(&again, &n2, "case", out.data, out.len, &o, &err);
        if (strcmp(out.data, want) != 0)
            fail_at(line, "fix of %s: got '%s', want '%s'", rule, out.data, want);
        else if (!n1)
            fail_at(line, "fix of %s applied nothing", rule);
        if (strcmp(again.data, out.data) != 0 || n2)
            fail_at(line, "fix of %s is not idempotent: '%s' then '%s'", rule, out.data, again.data);
        qx_buf_release(&out);
        qx_buf_release(&again);
        free(in_raw);
        free(in);
        free(want);
        qx_diags_release(&err);
        return;
    }
    char *text = unescape(body);
    qx_lint_text(&d, "case", text, strlen(text), &o, &err);
    size_t hits = 0;
    const struct qx_diag *first = NULL;
    for (size_t i = 0; i < d.n; i++)
        if (strcmp(d.items[i].rule, rule) == 0 && hits++ == 0)
            first = &d.items[i];
    if (kind == '+' && !hits) {
        fail_at(line, "'%s' did not trigger %s", text, rule);
        dump(&d);
    } else if (kind == '+' && want_line && (first->line != want_line || (want_col && first->col != want_col))) {
        fail_at(line, "%s at %u:%u, want %u:%u", rule, first->line, first->col, want_line, want_col);
    } else if (kind == '-' && hits) {
        fail_at(line, "near miss '%s' triggered %s", text, rule);
        dump(&d);
    }
    if (err.n)
        fail_at(line, "lint failed: %s", err.items[0].message);
    free(text);
    qx_diags_release(&d);
    qx_diags_release(&err);
}

static void test_rule_cases(void **state)
{
    (void)state;
    char *path = qx_path_join(QX_TEST_SRC, "tests/lint/rules.cases");
    struct qx_buf b;
    struct qx_diags d;
    qx_buf_init(&b);
    qx_diags_init(&d);
    assert_int_equal(qx_file_read(&b, path, 1 << 20, &d), 0);
    char rule[64] = "";
    enum qx_lint_column col = QX_COL_DEFAULT;
    unsigned line = 0, cases = 0;
    int seen_trigger[QX_R_COUNT] = {0}, seen_near[QX_R_COUNT] = {0}, seen_fix[QX_R_COUNT] = {0};
    for (char *s = b.data; *s;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        line++;
        if (s[0] == '=' && s[1] == '=') {
            char colname[32] = "default";
            if (sscanf(s + 2, " %63s %31s", rule, colname) < 1)
                fail_at(line, "bad rule line");
            col = column(colname);
        } else if ((s[0] == '+' || s[0] == '-' || s[0] == '>') && s[1] == ' ') {
            run_case(line, s[0], rule, col, s + 2);
            int r = qx_lint_rule_find(rule);
            if (r >= 0) {
                seen_trigger[r] |= s[0] == '+';
                seen_near[r] |= s[0] == '-';
                seen_fix[r] |= s[0] == '>';
            }
            cases++;
        } else if (s[0] && s[0] != '#') {
            fail_at(line, "cannot parse line");
        }
        if (!nl)
            break;
        s = nl + 1;
    }
    for (int r = 0; r < QX_R_COUNT; r++) {
        const struct qx_lint_rule_info *ri = qx_lint_rule_info((enum qx_lint_rule)r);
        if (r == QX_R_STRUCTURE)
            continue; /* needs a skill's sections: tests/cli/lint_structure.t */
        if (!seen_trigger[r] || !seen_near[r])
            fail_at(line, "rule %s lacks a trigger or a near-miss case", ri->id);
        if (ri->fixable && !seen_fix[r])
            fail_at(line, "fixable rule %s lacks a fix case", ri->id);
    }
    fprintf(stderr, "%u cases\n", cases);
    qx_buf_release(&b);
    qx_diags_release(&d);
    free(path);
    assert_int_equal(failures, 0);
}

int main(void)
{
    struct qx_diags d;
    qx_diags_init(&d);
    char *dir = qx_path_join(QX_TEST_SRC, "facts");
    if (qx_facts_load(&facts, dir, &d)) {
        fprintf(stderr, "cannot load the fact base '%s'\n", dir);
        return 1;
    }
    free(dir);
    qx_diags_release(&d);
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rule_cases)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    qx_facts_free(facts);
    return rc;
}
