/* experiment/report: report.txt from the results tree, in Chinese or
 * English. It states findings the way the seed's lessons ask: the
 * precision the targets already had comes first, a variant that changed no
 * value is flagged as a non-result, and fake-quant perplexity is said to
 * differ from a real quantized model's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void ppl_line(struct qx_buf *out, const cJSON *p, double base, int en)
{
    if (!p)
        return;
    if (!cJSON_IsTrue(cJSON_GetObjectItem(p, "available"))) {
        qx_buf_addf(out, en ? "perplexity: unavailable (%s)" : "困惑度：无法评测（%s）", str(p, "why"));
        return;
    }
    double v = num(p, "ppl");
    qx_buf_addf(out, en ? "perplexity %.4f +/- %.5f" : "困惑度 %.4f ± %.5f", v, num(p, "err"));
    if (!isnan(base) && base > 0)
        qx_buf_addf(out, en ? " (%+.2f%% vs baseline)" : "（相对基线 %+.2f%%）", 100.0 * (v - base) / base);
}

static void precision_block(struct qx_buf *out, const cJSON *pj, int en)
{
    double n = num(pj, "tensors"), bf = num(pj, "tensors_bf16_exact"), q = num(pj, "tensors_quantized");
    if (en)
        qx_buf_addf(out,
                    "    precision: %.0f tensors, %.0f values; %.0f BF16-exact, %.0f F16-exact, %.0f "
                    "stored quantized; up to %.0f mantissa bits\n",
                    n, num(pj, "values"), bf, num(pj, "tensors_f16_exact"), q, num(pj, "max_mantissa_bits"));
    else
        qx_buf_addf(
            out,
            "    精度分析：%.0f个张量、%.0f个数值；%.0f个已能用BF16精确表示，%.0f个已能用FP16精确表示，"
            "%.0f个以量化格式存储；尾数最多用到%.0f位\n",
            n, num(pj, "values"), bf, num(pj, "tensors_f16_exact"), q, num(pj, "max_mantissa_bits"));
    const cJSON *v;
    if (en) {
        cJSON_ArrayForEach(v, cJSON_GetObjectItem(pj, "verdicts"))
        {
            qx_buf_addf(out, "      %s\n", v->valuestring);
        }
        return;
    }
    cJSON_ArrayForEach(v, cJSON_GetObjectItem(pj, "roles"))
    {
        double rn = num(v, "tensors"), rb = num(v, "bf16_exact"), rf = num(v, "f16_exact");
        qx_buf_addf(out, "      %s：", str(v, "role"));
        if (num(v, "quantized") == rn)
            qx_buf_addf(out, "%.0f个张量都以%s格式存储，已经量化过；模拟量化需要浮点存储\n", rn,
                        str(v, "type"));
        else if (rb == rn)
            qx_buf_addf(out, "%.0f/%.0f个张量已能用BF16精确表示——做BF16模拟量化不会改变任何数值\n", rb, rn);
        else if (rf == rn)
            qx_buf_addf(out, "%.0f/%.0f个张量已能用FP16精确表示——做FP16模拟量化不会改变任何数值\n", rf, rn);
        else
            qx_buf_addf(out, "%.0f/%.0f个张量能用BF16精确表示，尾数最多用到%.0f位——模拟量化会改变数值\n", rb,
                        rn, num(v, "max_mantissa_bits"));
    }
}

static void variant_line(struct qx_buf *out, const cJSON *v, double base, int en, int *zero)
{
    const char *scheme = str(v, "scheme");
    if (str(v, "error")) {
        qx_buf_addf(out, en ? "    %s: failed: %s\n" : "    %s：失败：%s\n", scheme, str(v, "error"));
        return;
    }
    double n = num(v, "values"), c = num(v, "values_changed");
    qx_buf_addf(out, en ? "    %s: values changed %.0f of %.0f" : "    %s：%.0f个数值中改变了%.0f个", scheme,
                en ? c : n, en ? n : c);
    if (num(v, "tensors_skipped") > 0)
        qx_buf_addf(out, en ? ", %.0f tensors skipped" : "，跳过%.0f个张量", num(v, "tensors_skipped"));
    if (num(v, "double_rounded") > 0)
        qx_buf_addf(out, en ? ", %.0f values rounded again on write-back" : "，写回时%.0f个数值被二次舍入",
                    num(v, "double_rounded"));
    const cJSON *d = cJSON_GetObjectItem(v, "diff");
    if (d && num(d, "changed") > 0)
        qx_buf_addf(out,
                    en ? ", relative RMSE %.4g, SNR %.2f dB, cosine %.6f"
                       : "，相对均方根误差 %.4g，信噪比 %.2f dB，余弦相似度 %.6f",
                    num(d, "relative_rmse"), num(d, "snr_db"), num(d, "cosine"));
    const cJSON *p = cJSON_GetObjectItem(v, "perplexity");
    if (p) {
        qx_buf_adds(out, en ? "; " : "；");
        ppl_line(out, p, base, en);
    }
    qx_buf_addc(out, '\n');
    if (cJSON_IsTrue(cJSON_GetObjectItem(v, "zero_change"))) {
        (*zero)++;
        qx_buf_adds(
            out, en ? "      NOT A RESULT: no value changed; the weights are already representable in "
                      "this scheme (see the precision analysis)\n"
                    : "      这不是结果：没有任何数值改变，这些权重本来就能用该格式精确表示（见精度分析）\n");
    }
}

void qx_exp_report(struct qx_buf *out, const cJSON *res, int en)
{
    qx_buf_addf(out, en ? "Experiment: %s (%s)\n" : "实验：%s（%s）\n", str(res, "title"), str(res, "plan"));
    qx_buf_addf(out, en ? "Tool: %s; plan: %s\n\n" : "工具：%s；计划文件：%s\n\n", str(res, "tool"),
                str(res, "plan_file"));
    int zero = 0, idx = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, cJSON_GetObjectItem(res, "models"))
    {
        idx++;
        qx_buf_addf(out, en ? "Model %d: %s\n" : "模型%d：%s\n", idx, str(m, "name"));
        qx_buf_addf(out, en ? "  file %s\n" : "  文件 %s\n", str(m, "path"));
        if (str(m, "error")) {
            qx_buf_addf(out, en ? "  error: %s\n\n" : "  错误：%s\n\n", str(m, "error"));
            continue;
        }
        qx_buf_addf(out,
                    en ? "  SHA-256 %s, %.0f bytes, %.0f tensors, %.4f bits per weight on average\n"
                       : "  SHA-256 %s，%.0f字节，%.0f个张量，平均每个权重%.4f位\n",
                    str(m, "sha256"), num(m, "size"), num(m, "tensors"), num(m, "effective_bpw"));
        const cJSON *bp = cJSON_GetObjectItem(m, "perplexity");
        double base = NAN;
        if (bp) {
            qx_buf_adds(out, en ? "  baseline " : "  基线");
            ppl_line(out, bp, NAN, en);
            qx_buf_addc(out, '\n');
            if (cJSON_IsTrue(cJSON_GetObjectItem(bp, "available")))
                base = num(bp, "ppl");
        }
        const cJSON *t;
        cJSON_ArrayForEach(t, cJSON_GetObjectItem(m, "targets"))
        {
            char *label = qx_exp_target_label(str(t, "target"), en);
            qx_buf_addf(out, en ? "  target '%s' (%s)\n" : "  目标 '%s'（%s）\n", str(t, "target"), label);
            free(label);
            precision_block(out, cJSON_GetObjectItem(t, "precision"), en);
            if (str(t, "error")) {
                qx_buf_addf(out, en ? "    error: %s\n" : "    错误：%s\n",
                            en ? str(t, "error") : "目标没有匹配任何张量");
                continue;
            }
            const cJSON *v;
            cJSON_ArrayForEach(v, cJSON_GetObjectItem(t, "variants"))
            {
                variant_line(out, v, base, en, &zero);
            }
        }
        qx_buf_addc(out, '\n');
    }
    qx_buf_adds(out, en ? "Notes\n" : "说明\n");
    if (zero)
        qx_buf_addf(out,
                    en ? "  - %d variant(s) changed no value: they measure nothing about the scheme; "
                         "validate the tool on full-precision weights\n"
                       : "  - 有%d个变体没有改变任何数值：它们不能说明量化的影响；请用全精度权重验证工具\n",
                    zero);
    qx_buf_adds(
        out,
        en ? "  - fake quantization stores dequantized weights in their original type and "
             "keeps activations in full precision, so its perplexity differs from a real "
             "quantized model's\n"
           : "  - "
             "模拟量化把量化后的权重还原为原来的浮点格式存储，激活不做量化，所以困惑度与真实量化模型不同\n");
    qx_buf_adds(out,
                en ? "  - every command is in commands.log; the figures are in results.json and, as "
                     "citable facts, in facts.json\n"
                   : "  - 每一步的命令见 commands.log；数值见 results.json，可引用的事实见 facts.json\n");
}
