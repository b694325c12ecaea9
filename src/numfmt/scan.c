/* scan: finds every figure in UTF-8 prose (docs/numbers.md): lexes numbers
 * (scan_lex.c), then attaches approximation and bound markers, joins
 * ranges, and sorts out what no fact has to back: years, dates, ordinals,
 * Chinese-numeral counts (reported with an exempt kind) and numbers inside
 * names (not reported). Depends on text and scan_lex. Invariants: one pass,
 * every step moves forward, look-behind is bounded to a few characters, so
 * the scan is linear in the text. */
#include <string.h>

#include "qexplain/text.h"
#include "scan_int.h"

struct scan {
    const char *t;
    size_t len;
    struct qx_figure **out;
    size_t *n, *cap;
    size_t added;
    size_t last_end; /* end of the last figure emitted, and whether it was approximate */
    int last_approx;
};

/* ASCII case-insensitive comparison of n bytes (no locale involved). */
static int ascii_caseeq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
        if (x != y)
            return 0;
    }
    return 1;
}

/* A number right after a product or software name and one space is part of
 * the name: "Llama 3.1", "RTX 4090", "CUDA 8.9", "A100 80GB". */
static int after_name(const char *t, const struct qx_part *p)
{
    static const char *const names[] = {
        "llama",    "qwen",    "mistral",  "mixtral", "gpt",     "baichuan",     "chatglm", "glm",
        "gemma",    "phi",     "deepseek", "opt",     "bloom",   "vicuna",       "falcon",  "yi",
        "internlm", "cuda",    "vllm",     "python",  "pytorch", "transformers", "sglang",  "tensorrt",
        "ios",      "android", "rtx",      "gtx",     "jetson",  "orin",         "tesla",   "atlas",
        "mindie",   "ubuntu",  "debian",   "windows", "macos",   "version",      "v"};
    size_t b = p->b;
    if (b < 2 || t[b - 1] != ' ')
        return 0;
    size_t we = b - 1, ws = we;
    while (ws > 0 && (qx_scan_ascii_alnum((unsigned char)t[ws - 1]) || t[ws - 1] == '.' || t[ws - 1] == '-'))
        ws--;
    if (ws == we)
        return 0;
    int alpha = 0, digit = 0, lower = 0;
    for (size_t k = ws; k < we; k++) {
        unsigned char c = (unsigned char)t[k];
        alpha |= qx_scan_ascii_alpha(c);
        digit |= c >= '0' && c <= '9';
        lower |= c >= 'a' && c <= 'z';
    }
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == we - ws && ascii_caseeq(t + ws, names[k], we - ws))
            return 1;
    int bare = !*p->unit && !p->scaled && p->decimals == 0;
    if (alpha && !digit && !lower && we - ws >= 2 && bare && p->nint >= 3)
        return 1; /* RTX 4090, GTX 1080 */
    if (alpha && digit && (strcmp(p->unit, "GB") == 0 || strcmp(p->unit, "MB") == 0))
        return 1; /* A100 80GB */
    return 0;
}

static enum qx_figure_kind kind_of(const char *unit)
{
    if (!*unit)
        return QX_FIG_PLAIN;
    if (strcmp(unit, "%") == 0)
        return QX_FIG_PERCENT;
    if (strcmp(unit, "x") == 0)
        return QX_FIG_MULTIPLE;
    const struct qx_unit *u = qx_numfmt_unit(unit);
    return u && u->family == QX_FAM_PLAIN ? QX_FIG_PLAIN : QX_FIG_UNIT;
}

static void emit(struct scan *sc, size_t start, size_t end, const struct qx_part *lo,
                 const struct qx_part *hi, enum qx_figure_kind kind, int approx, int bound)
{
    *sc->out = qx_grow(*sc->out, sc->cap, *sc->n + 1, sizeof **sc->out);
    struct qx_figure *f = &(*sc->out)[(*sc->n)++];
    memset(f, 0, sizeof *f);
    const struct qx_part *top = hi ? hi : lo;
    f->byte = start;
    f->len = end - start;
    f->num_byte = lo->b;
    f->num_len = lo->e - lo->b;
    if (top->ue > top->ub) {
        f->unit_byte = top->ub;
        f->unit_len = top->ue - top->ub;
    }
    const char *unit = *lo->unit ? lo->unit : top->unit;
    size_t ul = strlen(unit);
    memcpy(f->unit, unit, ul < sizeof f->unit ? ul + 1 : 1);
    f->value = lo->value;
    f->value_hi = top->value;
    f->decimals = lo->decimals;
    f->step = lo->step;
    f->step_hi = top->step;
    f->tzeros = lo->tzeros;
    f->tzeros_hi = top->tzeros;
    f->kind = kind;
    f->approx = approx;
    f->bound = bound ? bound : (lo->more || top->more);
    f->flags = lo->flags | top->flags;
    sc->added++;
    sc->last_end = end;
    sc->last_approx = approx;
}

static int sep_at(const char *t, size_t len, size_t i, size_t *w, int *word)
{
    static const char *const seps[] = {"～", "~", "〜", "-", "–", "—", "－", "至", "到"};
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++)
        if (qx_scan_has(t, len, i, seps[k])) {
            *w = strlen(seps[k]);
            *word = k >= 7;
            return 1;
        }
    return 0;
}

/* Tries to read "SEP number" after lo; fills hi and the separator span. */
static int range_hi(const char *t, size_t len, struct qx_part *lo, size_t from, struct qx_part *hi,
                    size_t *sb, size_t *se)
{
    size_t j = lo->end, w;
    int word, dw;
    while (j < len && t[j] == ' ')
        j++;
    if (!sep_at(t, len, j, &w, &word) || (word && from))
        return 0;
    *sb = j;
    *se = j + w;
    j += w;
    while (j < len && t[j] == ' ')
        j++;
    if (qx_scan_digit(t, len, j, &dw) < 0)
        return 0;
    enum qx_part_status st = qx_scan_arabic(t, len, j, hi);
    /* "3至4位": a range of bit widths is a figure, though "4位" alone is a label */
    if (!(st == QX_PART_OK || (st == QX_PART_EXEMPT && hi->kind == QX_FIG_LABEL)) || after_name(t, hi))
        return 0;
    if (*lo->unit && *hi->unit && strcmp(lo->unit, hi->unit) != 0)
        return 0;
    double lv = lo->value, hv = hi->value;
    if (!*lo->unit && *hi->unit)
        lv *= hi->factor;
    if (*lo->unit && !*hi->unit)
        hv *= lo->factor;
    if (!(lv < hv))
        return 0; /* "从16.99降到8.21", "2-1": a change or a label, not a range */
    if (!*lo->unit && *hi->unit) {
        lo->value = lv;
        lo->step *= hi->factor;
        if (strcmp(hi->unit, "x") == 0 || strcmp(hi->unit, "%") == 0 || hi->ue > hi->ub)
            lo->flags |= QX_FIGF_BARE_LO;
    } else if (*lo->unit && !*hi->unit) {
        hi->value = hv;
        hi->step *= lo->factor;
    }
    return 1;
}

static size_t arabic(struct scan *sc, size_t i)
{
    const char *t = sc->t;
    size_t len = sc->len;
    struct qx_part lo, hi;
    enum qx_part_status st = qx_scan_arabic(t, len, i, &lo);
    size_t at = qx_scan_skip_spaces_back(t, i);
    if (st == QX_PART_NAME)
        return lo.end;
    if (st == QX_PART_EXEMPT && lo.kind == QX_FIG_LABEL) {
        /* "约4位", "不超过4位": a marked bit width is a measurement */
        int a = 0, bd = 0;
        qx_scan_pre_marker(t, i, &a, &bd);
        qx_scan_post_marker(t, len, lo.end, &a, &bd);
        if (a || bd)
            st = QX_PART_OK;
    }
    if (st == QX_PART_EXEMPT) {
        size_t start = lo.kind == QX_FIG_ORDINAL && qx_scan_ends(t, at, "第") ? at - strlen("第") : i;
        emit(sc, start, lo.end, &lo, NULL, lo.kind, 0, 0);
        return lo.end;
    }
    if (after_name(t, &lo))
        return lo.end;
    int bare_int = !*lo.unit && !lo.scaled && lo.decimals == 0 && lo.sign == 0;
    size_t s0;
    uint32_t prev = qx_scan_prev(t, i, &s0);
    if (bare_int && (lo.nint >= 7 || lo.lead0 || prev == '#' || prev == 0xFF03 || qx_scan_ends(t, i, "No.") ||
                     qx_scan_ends(t, i, "NO.")))
        return lo.end; /* phone numbers, ticket and part numbers: identifiers */

    /* ordinals: 第3, 图2, "1." "1、" "(1)" at the start of an item */
    if (qx_scan_ends(t, at, "第") || qx_scan_ends(t, at, "图") || qx_scan_ends(t, at, "表")) {
        emit(sc, at - strlen("第"), lo.e, &lo, NULL, QX_FIG_ORDINAL, 0, 0);
        return lo.e;
    }
    if (bare_int && !lo.more) {
        static const char *const after[] = {"、", ".", "．", ")", "）"};
        int open = prev == '(' || prev == 0xFF08;
        for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
            if (!qx_scan_has(t, len, lo.e, after[k]))
                continue;
            int close = k >= 3;
            if ((open && close && lo.nint <= 2) || (!open && qx_scan_line_start(t, i))) {
                size_t e = lo.e + strlen(after[k]);
                emit(sc, open ? s0 : i, e, &lo, NULL, QX_FIG_ORDINAL, 0, 0);
                return e;
            }
        }
    }

    int approx = 0, bound = 0;
    size_t start =
        qx_scan_lead(t, len, i, sc->added ? sc->last_end : SIZE_MAX, sc->last_approx, &approx, &bound);
    int from = qx_scan_ends(t, qx_scan_skip_spaces_back(t, start), "从") ||
               qx_scan_ends(t, qx_scan_skip_spaces_back(t, start), "由");
    size_t sb = 0, se = 0;
    int range = !lo.more && range_hi(t, len, &lo, from, &hi, &sb, &se);
    size_t end = range ? hi.end : lo.end;
    end = qx_scan_post_marker(t, len, end, &approx, &bound);
    const struct qx_part *top = range ? &hi : &lo;
    enum qx_figure_kind kind = range ? QX_FIG_RANGE : kind_of(top->unit);
    emit(sc, start, end, &lo, range ? &hi : NULL, kind, approx, bound);
    if (range) {
        struct qx_figure *f = &(*sc->out)[*sc->n - 1];
        f->sep_byte = sb;
        f->sep_len = se - sb;
    }
    return end;
}

static size_t percent_zh(struct scan *sc, size_t i)
{
    const char *t = sc->t;
    size_t len = sc->len, j = i + strlen("百分之");
    struct qx_part p;
    int dw;
    memset(&p, 0, sizeof p);
    p.unit = "%";
    if (qx_scan_digit(t, len, j, &dw) >= 0) {
        struct qx_part num;
        if (qx_scan_arabic(t, len, j, &num) != QX_PART_OK || *num.unit)
            return num.end > j ? num.end : j;
        p = num;
        p.unit = "%";
        p.end = num.e;
    } else {
        int pos;
        p.value = qx_scan_zh_value(t, len, j, &p.end, &p.decimals, &pos);
        if (p.value < 0)
            return j;
        p.b = j;
        p.e = p.end;
        p.step = p.decimals ? 0.1 : 1;
        for (int k = 1; k < p.decimals; k++)
            p.step /= 10;
        p.flags = QX_FIGF_ZH_NUMERAL;
    }
    p.ub = i;
    p.ue = j;
    int approx = 0, bound = 0;
    size_t start =
        qx_scan_lead(t, len, i, sc->added ? sc->last_end : SIZE_MAX, sc->last_approx, &approx, &bound);
    size_t end = qx_scan_post_marker(t, len, p.end, &approx, &bound);
    emit(sc, start, end, &p, NULL, QX_FIG_PERCENT, approx, bound);
    return end;
}

static size_t chinese(struct scan *sc, size_t i)
{
    const char *t = sc->t;
    size_t len = sc->len;
    struct qx_part p;
    enum qx_part_status st = qx_scan_zh(t, len, i, &p);
    size_t at = qx_scan_skip_spaces_back(t, i);
    if (qx_scan_ends(t, at, "第") && p.e > i) {
        emit(sc, at - strlen("第"), p.e, &p, NULL, QX_FIG_ORDINAL, 0, 0);
        return p.e;
    }
    if (p.e > i && qx_scan_has(t, len, p.e, "、") && qx_scan_line_start(t, i)) {
        emit(sc, i, p.e + 3, &p, NULL, QX_FIG_ORDINAL, 0, 0);
        return p.e + 3;
    }
    if (st == QX_PART_NONE) {
        size_t k = i;
        qx_text_next(t, len, &k);
        return p.end > i ? p.end : k;
    }
    if (st == QX_PART_EXEMPT) {
        emit(sc, i, p.end, &p, NULL, p.kind, 0, 0);
        return p.end;
    }
    int approx = 0, bound = 0;
    size_t start =
        qx_scan_lead(t, len, i, sc->added ? sc->last_end : SIZE_MAX, sc->last_approx, &approx, &bound);
    size_t end = qx_scan_post_marker(t, len, p.end, &approx, &bound);
    emit(sc, start, end, &p, NULL, kind_of(p.unit), approx, bound);
    return end;
}

static int sign_start(const char *t, size_t len, size_t i)
{
    static const char *const signs[] = {"-", "+", "\u2212", "\uFF0D", "\uFF0B"};
    int dw;
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++) {
        size_t w = strlen(signs[k]);
        if (!qx_scan_has(t, len, i, signs[k]) || qx_scan_digit(t, len, i + w, &dw) < 0)
            continue;
        size_t s;
        uint32_t prev = qx_scan_prev(t, i, &s);
        return !qx_scan_ascii_alnum(prev) && qx_scan_digit(t, len, s, &dw) < 0 && prev != '.';
    }
    return 0;
}

int qx_figure_exempt(const struct qx_figure *fig)
{
    return fig->kind == QX_FIG_YEAR || fig->kind == QX_FIG_ORDINAL || fig->kind == QX_FIG_DATE ||
           fig->kind == QX_FIG_COUNT || fig->kind == QX_FIG_LABEL;
}

size_t qx_numfmt_scan(const char *text, size_t len, struct qx_figure **out, size_t *n, size_t *cap)
{
    struct scan sc = {text, len, out, n, cap, 0, 0, 0};
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        size_t next;
        if (c < 0x80) {
            /* the common case first: one byte, nothing to look up */
            if (c >= '0' && c <= '9')
                next = arabic(&sc, i);
            else if (qx_scan_ascii_alpha(c) || c == '_')
                next = qx_scan_skip_word(text, len, i);
            else if ((c == '-' || c == '+') && sign_start(text, len, i))
                next = arabic(&sc, i);
            else
                next = i + 1;
        } else {
            size_t k = i;
            uint32_t cp = qx_text_next(text, len, &k);
            if ((cp >= 0xFF10 && cp <= 0xFF19) ||
                ((cp == 0x2212 || cp == 0xFF0D || cp == 0xFF0B) && sign_start(text, len, i)))
                next = arabic(&sc, i);
            else if (cp == 0x767E /* 百 */ && qx_scan_has(text, len, i, "百分之"))
                next = percent_zh(&sc, i);
            else if (qx_scan_zh_start(cp))
                next = chinese(&sc, i);
            else
                next = k;
        }
        i = next > i ? next : i + 1;
    }
    return sc.added;
}
