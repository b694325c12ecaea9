/* experiment/facts: the measurements as fact-base entries
 * (docs/interfaces.md §1, the facts module's schema): each fact's source
 * is the measurement itself — the tool and version, the model file's
 * SHA-256 (as a urn:sha256 URL) and the command that produced it (the
 * locator). Chinese claims use only glossary terms as English words and
 * list them in `terms`, so `qexplain facts check` accepts the file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/json.h"

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void value(cJSON *arr, const char *key, const char *name, double v, const char *unit)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", key);
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddNumberToObject(o, "value", v);
    cJSON_AddStringToObject(o, "unit", unit);
    cJSON_AddItemToArray(arr, o);
}

struct fctx {
    const cJSON *res, *model;
    int mi, ti, vi;
    const char *command;
};

static cJSON *fact(const struct fctx *c, const char *id_tail, const char *metric, const char *locator)
{
    cJSON *f = cJSON_CreateObject();
    struct qx_buf id;
    qx_buf_init(&id);
    qx_buf_adds(&id, "exp.");
    qx_exp_id_slug(&id, str(c->res, "plan"));
    qx_buf_addf(&id, ".m%d.", c->mi);
    qx_exp_id_slug(&id, id_tail);
    cJSON_AddStringToObject(f, "id", id.data);
    qx_buf_release(&id);
    cJSON_AddStringToObject(f, "claim_zh", "");
    cJSON_AddStringToObject(f, "claim_en", "");
    cJSON *topics = cJSON_AddArrayToObject(f, "topics");
    cJSON_AddItemToArray(topics, cJSON_CreateString("gguf"));
    cJSON_AddItemToArray(topics, cJSON_CreateString("weight-storage"));
    cJSON_AddStringToObject(f, "method", "fake quantization (qexplain)");
    cJSON_AddStringToObject(f, "model", str(c->model, "name"));
    cJSON_AddStringToObject(f, "hardware", "n/a");
    cJSON_AddStringToObject(f, "metric", metric);
    cJSON_AddStringToObject(f, "baseline", "the unmodified model file");
    cJSON_AddArrayToObject(f, "values");
    cJSON *src = cJSON_AddObjectToObject(f, "source");
    char *title = qx_asprintf("qexplain experiment '%s': measurement", str(c->res, "plan"));
    cJSON_AddStringToObject(src, "title", title);
    free(title);
    char *authors = qx_asprintf("%s (measured)", str(c->res, "tool"));
    cJSON_AddStringToObject(src, "authors", authors);
    free(authors);
    cJSON_AddNumberToObject(src, "year", num(c->res, "year"));
    cJSON_AddStringToObject(src, "venue", "local measurement");
    cJSON_AddNullToObject(src, "arxiv");
    char *url = qx_asprintf("urn:sha256:%s", str(c->model, "sha256"));
    cJSON_AddStringToObject(src, "url", url);
    free(url);
    char *loc = qx_asprintf("results.json %s; command: %s", locator, c->command);
    cJSON_AddStringToObject(src, "locator", loc);
    free(loc);
    cJSON_AddStringToObject(f, "caveat",
                            "Fake quantization: quantized weights are stored dequantized "
                            "in their original type and activations stay in full precision; "
                            "valid for the measured file only.");
    cJSON_AddStringToObject(f, "caveat_zh",
                            "模拟量化：量化后的权重还原为原来的浮点格式存储，激活不做量化；"
                            "结论只对所测文件成立。");
    cJSON_AddArrayToObject(f, "terms");
    return f;
}

static void set(cJSON *f, const char *k, char *v)
{
    cJSON_ReplaceItemInObjectCaseSensitive(f, k, cJSON_CreateString(v));
    free(v);
}

static void term(cJSON *f, const char *t)
{
    if (t)
        cJSON_AddItemToArray(cJSON_GetObjectItem(f, "terms"), cJSON_CreateString(t));
}

/* The first recorded command starting with prefix and containing both
 * strings (the model path and the target or variant file). */
static const char *find_command(const cJSON *res, const char *prefix, const char *a, const char *b)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(res, "commands"))
    {
        const char *s = c->valuestring;
        if (strncmp(s, prefix, strlen(prefix)) == 0 && strstr(s, a) && strstr(s, b))
            return s;
    }
    return "see commands.log";
}

static void precision_fact(cJSON *out, struct fctx *c, const cJSON *t)
{
    const cJSON *p = cJSON_GetObjectItem(t, "precision");
    char loc[96];
    snprintf(loc, sizeof loc, "models[%d].targets[%d].precision", c->mi - 1, c->ti);
    char *tail = qx_asprintf("%s.precision", str(t, "target"));
    cJSON *f = fact(c, tail, "tensors whose values are all exactly representable in BF16", loc);
    free(tail);
    char *zh = qx_exp_target_label(str(t, "target"), 0), *en = qx_exp_target_label(str(t, "target"), 1);
    double n = num(p, "tensors"), bf = num(p, "tensors_bf16_exact"), mant = num(p, "max_mantissa_bits");
    if (bf == n)
        set(f, "claim_zh",
            qx_asprintf("在所测GGUF模型文件中，%s共%.0f个张量全部已能用BF16精确表示，"
                        "对它们做BF16模拟量化不会改变任何数值。",
                        zh, n));
    else
        set(f, "claim_zh",
            qx_asprintf("在所测GGUF模型文件中，%s共%.0f个张量里有%.0f个已能用BF16精确表示，"
                        "数值最多用到%.0f位尾数。",
                        zh, n, bf, mant));
    set(f, "claim_en",
        qx_asprintf("In the measured GGUF file, %.0f of %.0f tensors of %s hold only "
                    "BF16-exact values; up to %.0f mantissa bits are used.",
                    bf, n, en, mant));
    term(f, "GGUF");
    term(f, "BF16");
    cJSON *v = cJSON_GetObjectItem(f, "values");
    value(v, "tensors", "tensors selected", n, "count");
    value(v, "bf16_exact", "tensors already BF16-exact", bf, "count");
    value(v, "max_mantissa_bits", "largest number of mantissa bits used", mant, "bits");
    free(zh);
    free(en);
    cJSON_AddItemToArray(out, f);
}

static void variant_facts(cJSON *out, struct fctx *c, const cJSON *t, const cJSON *var, double base)
{
    const char *scheme = str(var, "scheme"), *sterm;
    char *szh = qx_exp_scheme_label(scheme, 0, &sterm);
    char *zh = qx_exp_target_label(str(t, "target"), 0), *en = qx_exp_target_label(str(t, "target"), 1);
    char loc[96];
    snprintf(loc, sizeof loc, "models[%d].targets[%d].variants[%d]", c->mi - 1, c->ti, c->vi);
    char *tail = qx_asprintf("%s.%s.values", str(t, "target"), scheme);
    cJSON *f = fact(c, tail, "weight values changed by fake quantization", loc);
    free(tail);
    double n = num(var, "values"), ch = num(var, "values_changed");
    const cJSON *d = cJSON_GetObjectItem(var, "diff");
    if (ch == 0)
        set(f, "claim_zh",
            qx_asprintf("对所测GGUF模型文件中的%s做%s模拟量化，%.0f个数值没有一个发生变化："
                        "这些权重本来就能用该格式精确表示，这一结果不能说明量化的影响。",
                        zh, szh, n));
    else if (d && !isnan(num(d, "relative_rmse")))
        set(f, "claim_zh",
            qx_asprintf("对所测GGUF模型文件中的%s做%s模拟量化，%.0f个数值中有%.0f个发生变化，"
                        "相对均方根误差约为%.2g%%。",
                        zh, szh, n, ch, 100.0 * num(d, "relative_rmse")));
    else
        set(f, "claim_zh",
            qx_asprintf("对所测GGUF模型文件中的%s做%s模拟量化，%.0f个数值中有%.0f个发生变化。", zh, szh, n,
                        ch));
    set(f, "claim_en",
        qx_asprintf("Fake %s quantization of %s in the measured GGUF file changed %.0f of "
                    "%.0f values.",
                    scheme, en, ch, n));
    term(f, "GGUF");
    term(f, sterm);
    cJSON *v = cJSON_GetObjectItem(f, "values");
    value(v, "values", "values in the selected tensors", n, "count");
    value(v, "changed", "values changed", ch, "count");
    if (d && !isnan(num(d, "relative_rmse")))
        value(v, "rel_rmse", "relative RMSE against the original", qx_exp_round(num(d, "relative_rmse"), 6),
              "ratio");
    cJSON_AddItemToArray(out, f);
    const cJSON *p = cJSON_GetObjectItem(var, "perplexity");
    if (p && cJSON_IsTrue(cJSON_GetObjectItem(p, "available")) && !isnan(base)) {
        c->command = find_command(c->res, "qexplain gguf perplexity", str(var, "file"), " --text ");
        tail = qx_asprintf("%s.%s.perplexity", str(t, "target"), scheme);
        snprintf(loc, sizeof loc, "models[%d].targets[%d].variants[%d].perplexity", c->mi - 1, c->ti, c->vi);
        f = fact(c, tail, "perplexity", loc);
        free(tail);
        double pv = num(p, "ppl");
        set(f, "claim_zh",
            qx_asprintf("在所测GGUF模型上对%s做%s模拟量化后，困惑度从%.4f变为%.4f。", zh, szh, base, pv));
        set(f, "claim_en",
            qx_asprintf("Fake %s quantization of %s changed the measured perplexity from "
                        "%.4f to %.4f (%s).",
                        scheme, en, base, pv, str(p, "evaluator")));
        cJSON_ReplaceItemInObjectCaseSensitive(f, "hardware", cJSON_CreateString("CPU"));
        cJSON *tp = cJSON_GetObjectItem(f, "topics");
        cJSON_AddItemToArray(tp, cJSON_CreateString("accuracy"));
        term(f, "GGUF");
        term(f, sterm);
        v = cJSON_GetObjectItem(f, "values");
        value(v, "ppl_baseline", "perplexity of the unmodified file", base, "ppl");
        value(v, "ppl_variant", "perplexity after fake quantization", pv, "ppl");
        cJSON_AddItemToArray(out, f);
    }
    free(szh);
    free(zh);
    free(en);
}

char *qx_exp_facts(const cJSON *res)
{
    cJSON *out = cJSON_CreateArray();
    struct fctx c = {.res = res};
    const cJSON *m;
    cJSON_ArrayForEach(m, cJSON_GetObjectItem(res, "models"))
    {
        c.mi++;
        c.model = m;
        if (!cJSON_GetObjectItem(m, "sha256"))
            continue;
        const cJSON *bp = cJSON_GetObjectItem(m, "perplexity");
        double base = bp && cJSON_IsTrue(cJSON_GetObjectItem(bp, "available")) ? num(bp, "ppl") : NAN;
        c.ti = 0;
        const cJSON *t;
        cJSON_ArrayForEach(t, cJSON_GetObjectItem(m, "targets"))
        {
            char *quoted = qx_asprintf("--target '%s'", str(t, "target"));
            c.command = find_command(res, "qexplain gguf precision", str(m, "path"), quoted);
            free(quoted);
            if (num(cJSON_GetObjectItem(t, "precision"), "tensors") > 0)
                precision_fact(out, &c, t);
            c.vi = 0;
            const cJSON *v;
            cJSON_ArrayForEach(v, cJSON_GetObjectItem(t, "variants"))
            {
                if (!cJSON_GetObjectItem(v, "error")) {
                    c.command = find_command(res, "qexplain gguf fakequant", str(m, "path"), str(v, "file"));
                    variant_facts(out, &c, t, v, base);
                }
                c.vi++;
            }
            c.ti++;
        }
    }
    char *s = qx_json_print(out, 1);
    cJSON_Delete(out);
    char *r = qx_asprintf("%s\n", s);
    free(s);
    return r;
}
