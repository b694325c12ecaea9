/* format: a fact value as Chinese prose ("约52%", "8.21吉字节", "70亿").
 * Depends on util and the decimal helpers; never on printf's %f, so the
 * locale cannot change a digit. Invariant: every string printed here is read
 * back by qx_numfmt_scan as one figure with the same value within the
 * rounding shown, and carries 约 whenever rounding changed the value (the
 * property test in tests/unit/test_numfmt_property.c holds us to it). */
#include <math.h>
#include <string.h>

#include "numfmt_int.h"

static const char *const qual_words[] = {"", "约", "超过", "不超过", "最高"};

/* Scale words for unit-less figures (GB/T 15835 §5.1.4 allows 万 and 亿 as
 * units of large numbers). Returns the power of ten divided out. */
static int pick_scale(const struct qx_dec *x, const struct qx_unit *u, const char **word)
{
    int digits = qx_dec_int_digits(x);
    *word = "";
    /* A bare integer of seven digits or more reads as an identifier (a phone
     * or part number) to the scanner: every unit-less figure scales then. */
    if ((!u->scale_words && !(u->zh[0] == '\0' && digits >= 7)) || digits < 5)
        return 0;
    int p = digits >= 13 ? 12 : digits >= 9 ? 8 : 4;
    /* Parameter counts always take the scale word (70亿, 1.2万); other
     * counts only from a million up, or when the scaled number is short
     * (57344 stays 57344, 12000 becomes 1.2万). */
    if (strcmp(u->name, "params") != 0 && digits < 7) {
        struct qx_dec t = *x;
        t.e -= p;
        if (qx_dec_decimals(&t) > 2)
            return 0;
    }
    *word = p == 12 ? "万亿" : p == 8 ? "亿" : "万";
    return p;
}

int qx_numfmt_format_ex(struct qx_buf *out, double value, const char *unit, const struct qx_numfmt_opts *o)
{
    const struct qx_unit *u = qx_numfmt_unit(unit);
    if (!u || u->family == QX_FAM_NONE || !isfinite(value))
        return QX_EINPUT;
    int qual = o->qual >= 0 && o->qual <= 4 ? o->qual : 0;
    struct qx_dec x;
    qx_dec_from_double(&x, value);
    if (u->percent && !(x.n == 1 && x.d[0] == '0'))
        x.e += 2; /* exactly ×100, on the decimal digits */
    const char *scale;
    x.e -= pick_scale(&x, u, &scale);

    int k = o->decimals;
    if (k < 0) {
        /* as few decimals as represent the value, at most 4, but keep three
         * significant digits of values below 0.01 */
        int lead = -qx_dec_int_digits(&x);
        k = lead + 3 > 4 ? lead + 3 : 4;
        if (k > 12)
            k = 12;
    }
    enum qx_dec_mode mode = qual == 2 ? QX_ROUND_DOWN : qual >= 3 ? QX_ROUND_UP : QX_ROUND_HALF_EVEN;
    int changed = qx_dec_round(&x, k, mode);
    if (changed && qual == 0)
        qual = 1;

    qx_buf_adds(out, qual_words[qual]);
    if (value < 0 && !(x.n == 1 && x.d[0] == '0'))
        qx_buf_adds(out, "\u2212"); /* minus sign, not a hyphen: no range reading */
    qx_dec_print(out, &x, o->keep_zeros && o->decimals > 0 ? o->decimals : 0);
    qx_buf_adds(out, scale);
    qx_buf_adds(out, u->zh);
    return 0;
}

int qx_numfmt_format(struct qx_buf *out, double value, const char *unit, int decimals, int qual)
{
    struct qx_numfmt_opts o = {decimals, 0, qual};
    return qx_numfmt_format_ex(out, value, unit, &o);
}

int qx_numfmt_parse(const char *s, size_t len, double *out)
{
    char ds[QX_DEC_MAX];
    int nd = 0, e = 0, seen = 0, neg = 0;
    size_t i = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (int frac = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            seen = 1;
            if (nd == 0 && c == '0') {
                e -= frac;
                continue;
            }
            if (nd == QX_DEC_MAX)
                return QX_EINPUT;
            ds[nd++] = c;
            e -= frac;
        } else if (c == '.' && !frac) {
            frac = 1;
        } else {
            break;
        }
    }
    if (!seen)
        return QX_EINPUT;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int es = 1, ev = 0, any = 0;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            es = s[i++] == '-' ? -1 : 1;
        for (; i < len && s[i] >= '0' && s[i] <= '9' && ev < 10000; i++, any = 1)
            ev = ev * 10 + (s[i] - '0');
        if (!any)
            return QX_EINPUT;
        e += es * ev;
    }
    if (i != len)
        return QX_EINPUT;
    struct qx_dec x;
    if (qx_dec_set(&x, ds, nd, e) != 0)
        return QX_EINPUT;
    double v = qx_dec_to_double(&x);
    *out = neg ? -v : v;
    return 0;
}
