/* facts/expr.c: the evaluator behind derived values. A recursive-descent
 * parser over numbers, value keys, + - * /, unary minus and parentheses:
 *   expr := term (('+'|'-') term)*   term := unary (('*'|'/') unary)*
 *   unary := '-' unary | primary     primary := number | key | '(' expr ')'
 * Depends on util only. Invariants: no allocation; recursion bounded by
 * EXPR_MAX_DEPTH; keys resolve among the first `visible` values of the fact,
 * so a derived entry can use only what stands before it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EXPR_MAX_DEPTH 32
#define EXPR_MAX_LEN 1024

struct ev {
    const char *s;
    size_t i, len;
    const struct qx_fact *fact;
    size_t visible;
    int depth;
    struct qx_expr_error *err;
    int failed;
};

static double fail(struct ev *e, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static double fail(struct ev *e, size_t at, const char *fmt, ...)
{
    if (!e->failed) {
        e->failed = 1;
        e->err->at = at;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->err->msg, sizeof e->err->msg, fmt, ap);
        va_end(ap);
    }
    return 0;
}

static void skip(struct ev *e)
{
    while (e->i < e->len && (e->s[e->i] == ' ' || e->s[e->i] == '\t'))
        e->i++;
}

static double parse_expr(struct ev *e);

static double parse_key(struct ev *e)
{
    size_t start = e->i;
    while (e->i < e->len && (facts_is_alnum(e->s[e->i]) || e->s[e->i] == '_'))
        e->i++;
    size_t n = e->i - start;
    for (size_t k = 0; k < e->fact->nvalues; k++) {
        const struct qx_fact_value *v = &e->fact->values[k];
        if (!v->key || strlen(v->key) != n || memcmp(v->key, e->s + start, n) != 0)
            continue;
        if (k >= e->visible)
            return fail(e, start, "'%.*s' is defined after this expression", (int)n, e->s + start);
        if (!v->is_number)
            return fail(e, start, "'%.*s' is a text value, not a number", (int)n, e->s + start);
        return v->value;
    }
    return fail(e, start, "unknown key '%.*s'", (int)(n > 64 ? 64 : n), e->s + start);
}

static double parse_number(struct ev *e)
{
    size_t start = e->i;
    while (e->i < e->len && ((e->s[e->i] >= '0' && e->s[e->i] <= '9') || e->s[e->i] == '.'))
        e->i++;
    if (e->i < e->len && (e->s[e->i] == 'e' || e->s[e->i] == 'E')) {
        size_t j = e->i + 1;
        if (j < e->len && (e->s[j] == '+' || e->s[j] == '-'))
            j++;
        if (j < e->len && e->s[j] >= '0' && e->s[j] <= '9') {
            e->i = j;
            while (e->i < e->len && e->s[e->i] >= '0' && e->s[e->i] <= '9')
                e->i++;
        }
    }
    char buf[64];
    size_t n = e->i - start;
    if (n >= sizeof buf)
        return fail(e, start, "number too long");
    memcpy(buf, e->s + start, n);
    buf[n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (*end || strchr(buf, '.') != strrchr(buf, '.'))
        return fail(e, start, "invalid number '%s'", buf);
    return v;
}

static double parse_primary(struct ev *e)
{
    skip(e);
    if (e->i >= e->len)
        return fail(e, e->i, "expression ends early");
    char c = e->s[e->i];
    if (c == '(') {
        size_t open = e->i++;
        double v = parse_expr(e);
        skip(e);
        if (e->failed)
            return 0;
        if (e->i >= e->len || e->s[e->i] != ')')
            return fail(e, open, "unclosed '('");
        e->i++;
        return v;
    }
    if ((c >= '0' && c <= '9') || c == '.')
        return parse_number(e);
    if (c >= 'a' && c <= 'z')
        return parse_key(e);
    return fail(e, e->i, "unexpected '%c'", c);
}

static double parse_unary(struct ev *e)
{
    skip(e);
    if (e->i < e->len && e->s[e->i] == '-') {
        e->i++;
        if (++e->depth > EXPR_MAX_DEPTH)
            return fail(e, e->i, "expression nested deeper than %d levels", EXPR_MAX_DEPTH);
        double v = -parse_unary(e);
        e->depth--;
        return v;
    }
    return parse_primary(e);
}

static double parse_term(struct ev *e)
{
    double v = parse_unary(e);
    for (;;) {
        skip(e);
        if (e->failed || e->i >= e->len || (e->s[e->i] != '*' && e->s[e->i] != '/'))
            return v;
        char op = e->s[e->i];
        size_t at = e->i++;
        double r = parse_unary(e);
        if (op == '*') {
            v *= r;
        } else {
            if (r == 0 && !e->failed)
                return fail(e, at, "division by zero");
            v /= r;
        }
    }
}

static double parse_expr(struct ev *e)
{
    if (++e->depth > EXPR_MAX_DEPTH)
        return fail(e, e->i, "expression nested deeper than %d levels", EXPR_MAX_DEPTH);
    double v = parse_term(e);
    for (;;) {
        skip(e);
        if (e->failed || e->i >= e->len || (e->s[e->i] != '+' && e->s[e->i] != '-'))
            break;
        char op = e->s[e->i++];
        double r = parse_term(e);
        v = op == '+' ? v + r : v - r;
    }
    e->depth--;
    return v;
}

int qx_fact_eval(double *out, const struct qx_fact *fact, size_t visible, const char *expr,
                 struct qx_expr_error *err)
{
    struct qx_expr_error dummy;
    struct ev e = {.s = expr,
                   .len = strlen(expr),
                   .fact = fact,
                   .visible = visible > fact->nvalues ? fact->nvalues : visible,
                   .err = err ? err : &dummy};
    e.err->at = 0;
    e.err->msg[0] = '\0';
    *out = 0;
    if (e.len > EXPR_MAX_LEN) {
        fail(&e, EXPR_MAX_LEN, "expression longer than %d bytes", EXPR_MAX_LEN);
        return QX_EINPUT;
    }
    double v = parse_expr(&e);
    skip(&e);
    if (!e.failed && e.i < e.len)
        fail(&e, e.i, "unexpected '%c'", e.s[e.i]);
    if (!e.failed && e.len == 0)
        fail(&e, 0, "empty expression");
    if (!e.failed && !isfinite(v))
        fail(&e, 0, "the result is not a finite number");
    if (e.failed)
        return QX_EINPUT;
    *out = v;
    return 0;
}
