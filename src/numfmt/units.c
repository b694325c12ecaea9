/* units: the canonical fact-base units (docs/interfaces.md §1) with their
 * Chinese forms and conversion families, and the unit words the scanner
 * recognises after a number, Chinese and Latin. Tables only; depends on
 * util. Invariant: every unit word maps to a unit of the canonical table. */
#include <string.h>

#include "numfmt_int.h"

#define GIB 1073741824.0
#define MIB 1048576.0

static const struct qx_unit units[] = {
    {"GB", "吉字节", QX_FAM_BYTES, 1e9, QX_PER_NONE, 0, 0},
    {"GiB", "吉比字节", QX_FAM_BIBYTES, GIB, QX_PER_NONE, 0, 0},
    {"MB", "兆字节", QX_FAM_BYTES, 1e6, QX_PER_NONE, 0, 0},
    {"MiB", "兆比字节", QX_FAM_BIBYTES, MIB, QX_PER_NONE, 0, 0},
    {"bytes", "字节", QX_FAM_BYTES, 1, QX_PER_NONE, 0, 0},
    {"bits", "位", QX_FAM_BITS, 1, QX_PER_NONE, 0, 0},
    {"bits/weight", "位", QX_FAM_BITS, 1, QX_PER_WEIGHT, 0, 0},
    {"bytes/param", "字节", QX_FAM_BYTES, 1, QX_PER_WEIGHT, 0, 0},
    {"tokens/s", "词元/秒", QX_FAM_TOKENS, 1, QX_PER_SECOND, 0, 0},
    {"ms/token", "毫秒/词元", QX_FAM_TIME, 1e-3, QX_PER_TOKEN, 0, 0},
    {"s", "秒", QX_FAM_TIME, 1, QX_PER_NONE, 0, 0},
    {"ms", "毫秒", QX_FAM_TIME, 1e-3, QX_PER_NONE, 0, 0},
    {"s/iter", "秒/步", QX_FAM_TIME, 1, QX_PER_ITER, 0, 0},
    {"hours", "小时", QX_FAM_TIME, 3600, QX_PER_NONE, 0, 0},
    {"gpu-hours", "GPU小时", QX_FAM_GPUHOURS, 1, QX_PER_NONE, 0, 0},
    {"x", "倍", QX_FAM_MULT, 1, QX_PER_NONE, 0, 0},
    {"%", "%", QX_FAM_PCT, 1, QX_PER_NONE, 0, 0},
    {"points", "分", QX_FAM_PCT, 1, QX_PER_NONE, 0, 0},
    {"accuracy", "%", QX_FAM_PCT, 100, QX_PER_NONE, 1, 0},
    {"ratio", "%", QX_FAM_PCT, 100, QX_PER_NONE, 1, 0},
    {"ppl", "", QX_FAM_PLAIN, 1, QX_PER_NONE, 0, 1},
    {"params", "", QX_FAM_PLAIN, 1, QX_PER_NONE, 0, 1},
    {"count", "", QX_FAM_PLAIN, 1, QX_PER_NONE, 0, 1},
    {"gpus", "块", QX_FAM_PLAIN, 1, QX_PER_NONE, 0, 0},
    {"version", "", QX_FAM_PLAIN, 1, QX_PER_NONE, 0, 0},
    /* scan-only units: bare token counts, and watts (no fact has them) */
    {"tokens", "个词元", QX_FAM_TOKENS, 1, QX_PER_NONE, 0, 0},
    {"W", "瓦", QX_FAM_NONE, 1, QX_PER_NONE, 0, 0},
    {"text", NULL, QX_FAM_NONE, 1, QX_PER_NONE, 0, 0},
};

const struct qx_unit *qx_numfmt_unit(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(units[i].name, name) == 0)
            return &units[i];
    return NULL;
}

const char *qx_numfmt_unit_zh(const char *unit)
{
    const struct qx_unit *u = qx_numfmt_unit(unit);
    return u && u->family != QX_FAM_NONE ? u->zh : NULL;
}

#define L QX_UW_LATIN
#define B QX_UW_BITLIKE
#define M QX_UW_MEASURE
#define Z QX_UW_NOT_ZH

/* Longest match wins, so order does not matter. */
static const struct qx_unit_word words[] = {
    {"吉比字节", "GiB", 1, 0},
    {"兆比字节", "MiB", 1, 0},
    {"千比字节", "MiB", 1.0 / 1024, 0},
    {"太比字节", "GiB", 1024, 0},
    {"吉字节", "GB", 1, 0},
    {"兆字节", "MB", 1, 0},
    {"千字节", "MB", 1e-3, 0},
    {"太字节", "GB", 1e3, 0},
    {"字节/参数", "bytes/param", 1, 0},
    {"字节/权重", "bytes/param", 1, 0},
    {"个字节", "bytes", 1, 0},
    {"字节", "bytes", 1, 0},
    {"位/权重", "bits/weight", 1, 0},
    {"位/参数", "bits/weight", 1, 0},
    {"比特/权重", "bits/weight", 1, 0},
    {"比特/参数", "bits/weight", 1, 0},
    {"比特", "bits", 1, B},
    {"位", "bits", 1, B},
    {"个词元/秒", "tokens/s", 1, 0},
    {"词元/秒", "tokens/s", 1, 0},
    {"个词元", "tokens", 1, 0},
    {"词元", "tokens", 1, 0},
    {"毫秒/个词元", "ms/token", 1, 0},
    {"毫秒/词元", "ms/token", 1, 0},
    {"秒/步", "s/iter", 1, 0},
    {"秒/次迭代", "s/iter", 1, 0},
    {"秒/迭代", "s/iter", 1, 0},
    {"毫秒", "ms", 1, 0},
    {"微秒", "ms", 1e-3, 0},
    {"秒钟", "s", 1, 0},
    {"秒", "s", 1, 0},
    {"分钟", "s", 60, 0},
    {"个小时", "hours", 1, 0},
    {"小时", "hours", 1, 0},
    {"天", "hours", 24, 0},
    {"GPU小时", "gpu-hours", 1, 0},
    {"个GPU小时", "gpu-hours", 1, 0},
    {"GPU时", "gpu-hours", 1, 0},
    {"GPU·小时", "gpu-hours", 1, 0},
    {"卡时", "gpu-hours", 1, 0},
    {"倍", "x", 1, 0},
    {"%", "%", 1, Z},
    {"％", "%", 1, Z},
    {"个百分点", "points", 1, 0},
    {"百分点", "points", 1, 0},
    {"分", "points", 1, Z},
    {"个参数", "params", 1, 0},
    {"参数", "params", 1, 0},
    {"瓦", "W", 1, 0},
    {"块GPU", "gpus", 1, 0},
    {"张GPU", "gpus", 1, 0},
    {"个GPU", "gpus", 1, 0},
    {"块显卡", "gpus", 1, 0},
    {"张显卡", "gpus", 1, 0},
    {"张卡", "gpus", 1, 0},
    {"块", "gpus", 1, M},
    {"张", "gpus", 1, M},
    {"卡", "gpus", 1, M},
    {"个", "count", 1, M},
    {"种", "count", 1, M},
    {"项", "count", 1, M},
    {"类", "count", 1, M},
    {"步", "count", 1, M},
    {"条", "count", 1, M},
    {"次", "count", 1, M},
    {"家", "count", 1, M},
    {"名", "count", 1, M},
    {"层", "count", 1, M},
    {"段", "count", 1, M},
    {"句", "count", 1, M},
    {"组", "count", 1, M},
    {"篇", "count", 1, M},
    {"轮", "count", 1, M},
    {"批", "count", 1, M},
    {"件", "count", 1, M},
    {"套", "count", 1, M},
    {"份", "count", 1, M},
    {"台", "count", 1, M},
    {"方面", "count", 1, M},
    /* Latin */
    {"GiB", "GiB", 1, L},
    {"MiB", "MiB", 1, L},
    {"KiB", "MiB", 1.0 / 1024, L},
    {"TiB", "GiB", 1024, L},
    {"GB", "GB", 1, L},
    {"MB", "MB", 1, L},
    {"KB", "MB", 1e-3, L},
    {"TB", "GB", 1e3, L},
    {"G", "GB", 1, L},
    {"bits/weight", "bits/weight", 1, L},
    {"bits/param", "bits/weight", 1, L},
    {"bit/weight", "bits/weight", 1, L},
    {"bpw", "bits/weight", 1, L},
    {"bits", "bits", 1, L | B},
    {"bit", "bits", 1, L | B},
    {"tokens/s", "tokens/s", 1, L},
    {"token/s", "tokens/s", 1, L},
    {"tok/s", "tokens/s", 1, L},
    {"t/s", "tokens/s", 1, L},
    {"tokens", "tokens", 1, L},
    {"ms/token", "ms/token", 1, L},
    {"ms/tok", "ms/token", 1, L},
    {"s/iter", "s/iter", 1, L},
    {"s/it", "s/iter", 1, L},
    {"ms", "ms", 1, L},
    {"sec", "s", 1, L},
    {"s", "s", 1, L},
    {"min", "s", 60, L},
    {"hours", "hours", 1, L},
    {"hour", "hours", 1, L},
    {"h", "hours", 1, L},
    {"GPU-hours", "gpu-hours", 1, L},
    {"GPU hours", "gpu-hours", 1, L},
    {"gpu-hours", "gpu-hours", 1, L},
    {"x", "x", 1, L},
    {"X", "x", 1, L},
    {"×", "x", 1, 0},
    {"W", "W", 1, L},
};

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

const struct qx_unit_word *qx_numfmt_unit_word(const char *s, size_t len)
{
    const struct qx_unit_word *best = NULL;
    size_t bestlen = 0;
    if (!len)
        return NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (words[i].text[0] != s[0])
            continue; /* cheap first-byte filter: this runs after every number */
        size_t n = strlen(words[i].text);
        if (n <= bestlen || n > len || memcmp(s, words[i].text, n) != 0)
            continue;
        if ((words[i].flags & QX_UW_LATIN) && n < len && ascii_alnum((unsigned char)s[n]))
            continue;
        best = &words[i];
        bestlen = n;
    }
    return best;
}
