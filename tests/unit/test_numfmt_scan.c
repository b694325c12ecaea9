/* numfmt scanning: every figure form of docs/numbers.md, with near misses
 * that must not be read as figures (names, words) or must be read
 * differently (exempt kinds). Each row: a text and the figures expected, as
 * "span:kind:value:unit[:~][:>|:<]" joined by ";" (exempt figures as
 * "span:kind"). A failure prints the row and what was found. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qexplain/numfmt.h"

static const char *const kinds[] = {"plain",   "percent", "multiple", "unit",  "year",
                                    "ordinal", "range",   "date",     "count", "label"};

static void describe(struct qx_buf *b, const char *text, const struct qx_figure *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            qx_buf_addc(b, ';');
        qx_buf_addf(b, "%.*s:%s", (int)f[i].len, text + f[i].byte, kinds[f[i].kind]);
        if (qx_figure_exempt(&f[i]))
            continue;
        qx_buf_addf(b, ":%.15g", f[i].value);
        if (f[i].kind == QX_FIG_RANGE)
            qx_buf_addf(b, "..%.15g", f[i].value_hi);
        qx_buf_addf(b, ":%s", f[i].unit);
        if (f[i].approx)
            qx_buf_adds(b, ":~");
        if (f[i].bound)
            qx_buf_adds(b, f[i].bound > 0 ? ":>" : ":<");
    }
}

struct scase {
    const char *text, *want;
};

static const struct scase cases[] = {
    /* percents, multiples, units */
    {"显存约52%。", "约52%:percent:52:%:~"},
    {"显存约 52 %。", "约 52 %:percent:52:%:~"},
    {"速度提升2.7倍。", "2.7倍:multiple:2.7:x"},
    {"占8.21吉字节", "8.21吉字节:unit:8.21:GB"},
    {"压到 4.58 GiB，", "4.58 GiB:unit:4.58:GiB"},
    {"13,543兆比字节", "13,543兆比字节:unit:13543:MiB"},
    {"每秒3143.94个词元", "3143.94个词元:unit:3143.94:tokens"},
    {"40.93词元/秒", "40.93词元/秒:unit:40.93:tokens/s"},
    {"6.39毫秒/词元", "6.39毫秒/词元:unit:6.39:ms/token"},
    {"每步3秒/步", "3秒/步:unit:3:s/iter"},
    {"约4个GPU小时", "约4个GPU小时:unit:4:gpu-hours:~"},
    {"用了24小时", "24小时:unit:24:hours"},
    {"只要1天", "1天:unit:24:hours"},
    {"0.446秒和446毫秒", "0.446秒:unit:0.446:s;446毫秒:unit:446:ms"},
    {"每个权重4.8944位", "4.8944位:unit:4.8944:bits"},
    {"4.5位/权重", "4.5位/权重:unit:4.5:bits/weight"},
    {"每个参数0.5字节", "0.5字节:unit:0.5:bytes"},
    {"C-Eval 80.1 分，", "80.1 分:unit:80.1:points"},
    {"下降1.3个百分点", "1.3个百分点:unit:1.3:points"},
    {"MMLU 55.8，", "55.8:plain:55.8:"},
    {"困惑度5.68", "5.68:plain:5.68:"},
    {"下降−0.7分", "−0.7分:unit:-0.7:points"},
    {"差值为-3.5", "-3.5:plain:-3.5:"},
    {"增加+0.0026", "+0.0026:plain:0.0026:"},
    {"８块显卡", "８块显卡:plain:8:gpus"},
    {"１０个", "１０个:plain:10:count"},
    /* scale words */
    {"1.2万", "1.2万:plain:12000:"},
    {"1760亿参数", "1760亿参数:plain:176000000000:params"},
    {"3千万", "3千万:plain:30000000:"},
    {"1.5万亿", "1.5万亿:plain:1500000000000:"},
    {"3千米", "3:plain:3:"},
    {"约30亿参数", "约30亿参数:plain:3000000000:params:~"},
    /* Chinese numerals */
    {"百分之五十", "百分之五十:percent:50:%"},
    {"百分之7.5的", "百分之7.5:percent:7.5:%"},
    {"提高两倍", "两倍:multiple:2:x"},
    {"三点五倍", "三点五倍:multiple:3.5:x"},
    {"七十亿参数", "七十亿参数:plain:7000000000:params"},
    {"三个问题", "三个:count"},
    {"两种方法", "两种:count"},
    {"一些，统一，十分重要，三分之一，万一，一般", ""},
    /* ranges */
    {"1%～2%", "1%～2%:range:1..2:%"},
    {"1~2%", "1~2%:range:1..2:%"},
    {"3至4倍", "3至4倍:range:3..4:x"},
    {"1.52-1.69倍", "1.52-1.69倍:range:1.52..1.69:x"},
    {"慢15–23%", "15–23%:range:15..23:%"},
    {"下降2.0～3.6分", "2.0～3.6分:range:2..3.6:points"},
    {"约1%～2%左右", "约1%～2%左右:range:1..2:%:~"},
    {"从16.99吉字节降到8.21吉字节", "16.99吉字节:unit:16.99:GB;8.21吉字节:unit:8.21:GB"},
    {"从3到4倍", "3:plain:3:;4倍:multiple:4:x"},
    {"2-1", "2:plain:2:;1:plain:1:"},
    {"1,2,3", "1:plain:1:;2:plain:2:;3:plain:3:"},
    /* markers */
    {"大约3倍", "大约3倍:multiple:3:x:~"},
    {"将近40%", "将近40%:percent:40:%:~"},
    {"52%左右", "52%左右:percent:52:%:~"},
    {"3倍以上", "3倍以上:multiple:3:x:>"},
    {"不超过1%", "不超过1%:percent:1:%:<"},
    {"超过99.9%", "超过99.9%:percent:99.9:%:>"},
    {"最高1.56倍", "最高1.56倍:multiple:1.56:x:<"},
    {"1000多个模型", "1000多个:plain:1000:count:>"},
    {"10余种", "10余种:plain:10:count:>"},
    {"3倍多", "3倍多:multiple:3:x:>"},
    {"约减少52%", "52%:percent:52:%:~"},
    {"FP8约为BF16的1.8倍", "1.8倍:multiple:1.8:x:~"},
    {"速度最高可达FP16的1.56倍", "1.56倍:multiple:1.56:x:<"},
    {"约减少67%和69%", "67%:percent:67:%:~;69%:percent:69:%:~"},
    {"节约30%显存", "30%:percent:30:%"},
    {"最近3次", "3次:plain:3:count"},
    {"约束下8吉字节", "8吉字节:unit:8:GB"},
    {"约，52%", "52%:percent:52:%"},
    /* exempt */
    {"2024年6月15日", "2024年:year;6月:date;15日:date"},
    {"1990s和90年代", "1990s:year;90年代:year"},
    {"二〇二四年", "二〇二四年:year"},
    {"2024-06-15发布", "2024-06-15:date"},
    {"10:30开会", "10:30:date"},
    {"3个月", "3个月:date"},
    {"第3章", "第3章:ordinal"},
    {"第 2 节", "第 2:ordinal"},
    {"见3.1节", "3.1节:ordinal"},
    {"见图2", "图2:ordinal"},
    {"第三", "第三:ordinal"},
    {"1. 量化\n2、校准\n（3）优化", "1.:ordinal;2、:ordinal;（3）:ordinal"},
    {"一、背景\n二、方法", "一、:ordinal;二、:ordinal"},
    {"INT4（4位整数）", "4位:label"},
    {"4位量化和8比特", "4位:label;8比特:label"},
    {"每个权重4位。", "4位:label"},
    {"7位专家", ""},
    {"约4位", "约4位:unit:4:bits:~"},
    {"不超过4位", "不超过4位:unit:4:bits:<"},
    {"3至4位", "3至4位:range:3..4:bits"},
    {"871.643GPU小时", "871.643GPU小时:unit:871.643:gpu-hours"},
    {"二季度和3号", "二季度:date;3号:date"},
    {"见表1", "表1:ordinal"},
    {"3）结论", "3）:ordinal"},
    {"结论3）", "3:plain:3:"},
    /* names and identifiers: nothing */
    {"Qwen-7B、Llama-3.1-8B、INT4、Q4_K_M、W8A8、FP16、A100", ""},
    {"7B模型和13B–72B", ""},
    {"4-bit与8bit", ""},
    {"RTX 4090 和 A100 80GB", ""},
    {"vLLM 0.5.3、v0.5.3、Llama 3.1、CUDA 8.9、0.5.3版本", ""},
    {"见 https://example.com/2024/06 或 a1@b2.com", ""},
    {"工单#7和NO.123", ""},
    {"电话010-12345678或13800138000", ""},
    {"3分之1", ""},
    /* Latin units (found, flagged for the units rule) */
    {"5s，300ms，18W", "5s:unit:5:s;300ms:unit:300:ms;18W:unit:18:W"},
    {"2.7x和2.7×", "2.7x:multiple:2.7:x;2.7×:multiple:2.7:x"},
    {"80 GB和16G显存", "80 GB:unit:80:GB;16G:unit:16:GB"},
    /* bytes that are not UTF-8 do not stop the scan */
    {"\xff\xfe"
     "3倍\xc3",
     "3倍:multiple:3:x"},
};

static void scans_every_case(void **state)
{
    (void)state;
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct qx_figure *f = NULL;
        size_t n = 0, cap = 0;
        size_t added = qx_numfmt_scan(cases[i].text, strlen(cases[i].text), &f, &n, &cap);
        qx_buf_reset(&b);
        describe(&b, cases[i].text, f, n);
        if (added != n || strcmp(b.data, cases[i].want) != 0)
            fail_msg("row %zu '%s':\n  found '%s'\n  want  '%s'", i, cases[i].text, b.data, cases[i].want);
        free(f);
    }
    qx_buf_release(&b);
}

static void spans_are_exact(void **state)
{
    (void)state;
    const char *t = "显存约52%，1~2%，4.58 GiB，１０个";
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan(t, strlen(t), &f, &n, &cap);
    assert_int_equal(n, 4);
    assert_int_equal(f[0].byte, strlen("显存"));
    assert_int_equal(f[0].len, strlen("约52%"));
    assert_int_equal(f[0].num_byte, strlen("显存约"));
    assert_int_equal(f[0].num_len, 2);
    assert_int_equal(f[0].unit_byte, strlen("显存约52"));
    assert_int_equal(f[0].unit_len, 1);
    assert_int_equal(f[0].decimals, 0);
    assert_true(f[0].step == 1);

    size_t r = strlen("显存约52%，");
    assert_int_equal(f[1].byte, r);
    assert_int_equal(f[1].sep_byte, r + 1);
    assert_int_equal(f[1].sep_len, 1);
    assert_true(f[1].flags & QX_FIGF_BARE_LO);

    assert_true(f[2].flags & QX_FIGF_LATIN_UNIT);
    assert_int_equal(f[2].unit_byte, strlen("显存约52%，1~2%，4.58 "));
    assert_int_equal(f[2].unit_len, 3);
    assert_int_equal(f[2].decimals, 2);
    assert_true(fabs(f[2].step - 0.01) < 1e-15);

    assert_true(f[3].flags & QX_FIGF_FULLWIDTH);
    assert_int_equal(f[3].num_len, 6);
    free(f);
}

static void precision_is_recorded(void **state)
{
    (void)state;
    const char *t = "1.2万，50%，1000个，2.50倍，1760亿";
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan(t, strlen(t), &f, &n, &cap);
    assert_int_equal(n, 5);
    assert_true(f[0].step == 1000 && f[0].tzeros == 0 && f[0].decimals == 1);
    assert_true(f[1].step == 1 && f[1].tzeros == 1);
    assert_true(f[2].step == 1 && f[2].tzeros == 3);
    assert_true(fabs(f[3].step - 0.01) < 1e-15 && f[3].decimals == 2);
    assert_true(f[4].step == 1e8 && f[4].tzeros == 1);
    free(f);
}

static void appends_to_existing_arrays(void **state)
{
    (void)state;
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(qx_numfmt_scan("3倍", strlen("3倍"), &f, &n, &cap), 1);
    assert_int_equal(qx_numfmt_scan("4倍和5倍", strlen("4倍和5倍"), &f, &n, &cap), 2);
    assert_int_equal(n, 3);
    assert_true(f[2].value == 5);
    assert_int_equal(qx_numfmt_scan("", 0, &f, &n, &cap), 0);
    free(f);
}

/* A scan of a long text stays linear: every byte value, repeated. */
static void survives_every_byte(void **state)
{
    (void)state;
    char buf[4096];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i * 7919 % 256);
    struct qx_figure *f = NULL;
    size_t n = 0, cap = 0;
    qx_numfmt_scan(buf, sizeof buf, &f, &n, &cap);
    for (size_t i = 0; i < n; i++)
        assert_true(f[i].byte + f[i].len <= sizeof buf && f[i].len > 0);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scans_every_case),      cmocka_unit_test(spans_are_exact),
        cmocka_unit_test(precision_is_recorded), cmocka_unit_test(appends_to_existing_arrays),
        cmocka_unit_test(survives_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
