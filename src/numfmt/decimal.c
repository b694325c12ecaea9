/* decimal: exact decimal digit strings for numfmt. Doubles are turned into
 * their shortest round-trip digits with snprintf("%.*e") and strtod on
 * strings that carry no decimal point ("517e-3"), so LC_NUMERIC never
 * matters: neither function localises digits or exponents. Rounding then
 * works on those digits (GB/T 8170 round-half-even), which is what a reader
 * of "2.675" expects, unlike rounding the binary value 2.67499999...
 * Depends on libc and util. Invariants: numfmt_int.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt_int.h"

int qx_dec_set(struct qx_dec *x, const char *ds, int nd, int e)
{
    while (nd > 0 && ds[0] == '0') {
        ds++;
        nd--;
    }
    while (nd > 0 && ds[nd - 1] == '0') {
        nd--;
        e++;
    }
    if (nd == 0) {
        memcpy(x->d, "0", 2);
        x->n = 1;
        x->e = 0;
        return 0;
    }
    if (nd > QX_DEC_MAX)
        return -1;
    memcpy(x->d, ds, (size_t)nd);
    x->d[nd] = '\0';
    x->n = nd;
    x->e = e;
    return 0;
}

double qx_dec_to_double(const struct qx_dec *x)
{
    char buf[QX_DEC_MAX + 16];
    snprintf(buf, sizeof buf, "%se%d", x->d, x->e);
    return strtod(buf, NULL);
}

/* Reads "%.*e" output: the digits before 'e' (whatever the decimal point
 * character of the locale is) and the exponent after it. */
static int read_e_format(const char *buf, char *digits, int *nd, int *exp10)
{
    const char *p = buf;
    *nd = 0;
    while (*p && *p != 'e' && *p != 'E') {
        if (*p >= '0' && *p <= '9' && *nd < QX_DEC_MAX)
            digits[(*nd)++] = *p;
        p++;
    }
    if (!*p || *nd == 0)
        return -1;
    p++;
    int sign = 1, v = 0;
    if (*p == '-' || *p == '+')
        sign = *p++ == '-' ? -1 : 1;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    *exp10 = sign * v;
    return 0;
}

void qx_dec_from_double(struct qx_dec *x, double v)
{
    v = fabs(v);
    if (v == 0 || !isfinite(v)) {
        qx_dec_set(x, "0", 1, 0);
        return;
    }
    char buf[64], digits[QX_DEC_MAX];
    for (int p = 1; p <= 17; p++) {
        int nd, e10;
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (read_e_format(buf, digits, &nd, &e10) != 0)
            break;
        qx_dec_set(x, digits, nd, e10 - (nd - 1));
        if (qx_dec_to_double(x) == v)
            return;
    }
    /* 17 significant digits always round-trip; reached only on a libc
     * that formats oddly. Keep the last attempt. */
}

int qx_dec_decimals(const struct qx_dec *x)
{
    return x->e < 0 ? -x->e : 0;
}

int qx_dec_int_digits(const struct qx_dec *x)
{
    return x->n + x->e;
}

/* Adds one to the integer in digits[0..n) (ASCII); returns the new length
 * (n or n + 1 on carry out). digits has room for n + 1. */
static int increment(char *digits, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (digits[i] != '9') {
            digits[i]++;
            return n;
        }
        digits[i] = '0';
    }
    memmove(digits + 1, digits, (size_t)n);
    digits[0] = '1';
    return n + 1;
}

int qx_dec_round(struct qx_dec *x, int k, enum qx_dec_mode mode)
{
    if (x->e >= -k || (x->n == 1 && x->d[0] == '0'))
        return 0;
    int drop = -k - x->e; /* digits to remove from the right, >= 1 */
    int keep = x->n - drop;
    int up;
    if (mode == QX_ROUND_UP)
        up = 1;
    else if (mode == QX_ROUND_DOWN)
        up = 0;
    else if (keep < 0)
        up = 0; /* the highest dropped digit is an implicit leading zero */
    else {
        char first = x->d[keep];
        int rest = 0;
        for (int i = keep + 1; i < x->n; i++)
            rest |= x->d[i] != '0';
        if (first != '5')
            up = first > '5';
        else if (rest)
            up = 1;
        else
            up = keep > 0 && ((x->d[keep - 1] - '0') & 1);
    }
    char digits[QX_DEC_MAX + 2];
    int n = keep > 0 ? keep : 0;
    memcpy(digits, x->d, (size_t)n);
    if (up) {
        if (n == 0)
            digits[n++] = '0';
        n = increment(digits, n);
    }
    if (n == 0)
        digits[n++] = '0';
    qx_dec_set(x, digits, n, -k);
    return 1; /* the last digit is never 0, and it was dropped */
}

void qx_dec_print(struct qx_buf *out, const struct qx_dec *x, int mindec)
{
    int point = x->n + x->e; /* digits before the decimal point */
    int dec = 0;
    if (x->e >= 0) {
        qx_buf_add(out, x->d, (size_t)x->n);
        for (int i = 0; i < x->e && !(x->n == 1 && x->d[0] == '0'); i++)
            qx_buf_addc(out, '0');
    } else if (point > 0) {
        qx_buf_add(out, x->d, (size_t)point);
        qx_buf_addc(out, '.');
        qx_buf_add(out, x->d + point, (size_t)(x->n - point));
        dec = x->n - point;
    } else {
        qx_buf_adds(out, "0.");
        for (int i = 0; i < -point; i++)
            qx_buf_addc(out, '0');
        qx_buf_add(out, x->d, (size_t)x->n);
        dec = x->n - point;
    }
    if (dec < mindec) {
        if (dec == 0)
            qx_buf_addc(out, '.');
        for (; dec < mindec; dec++)
            qx_buf_addc(out, '0');
    }
}
