/* experiment/labels: plain-language names for targets and schemes in the
 * Chinese report and in facts. Chinese labels use no English words except
 * glossary terms (BF16, FP16, Q8_0, Q4_0, INT8, INT4, GGUF), because the
 * fact base's checker rejects any other English in claim_zh. */
#include <stdlib.h>
#include <string.h>

#include "exp_impl.h"
#include "qexplain/util.h"

static const struct {
    const char *sel, *zh, *en;
} groups[] = {
    {"embed", "词嵌入权重", "token embeddings"},
    {"output", "输出层权重", "output layer weights"},
    {"norm", "全部归一化权重", "all norm weights"},
    {"attn_norm", "注意力前的归一化权重", "attention norm weights"},
    {"ffn_norm", "前馈网络前的归一化权重", "feed-forward norm weights"},
    {"output_norm", "输出前的归一化权重", "output norm weights"},
    {"attn_q", "注意力查询投影权重", "attention query projections"},
    {"attn_k", "注意力键投影权重", "attention key projections"},
    {"attn_v", "注意力值投影权重", "attention value projections"},
    {"attn_output", "注意力输出投影权重", "attention output projections"},
    {"attn_qkv", "注意力查询、键、值投影权重", "attention query, key and value projections"},
    {"attn", "注意力矩阵权重", "attention matrices"},
    {"ffn", "前馈网络矩阵权重", "feed-forward matrices"},
    {"matmul", "全部矩阵权重", "all matrix weights"},
    {"all", "全部张量", "all tensors"},
};

char *qx_exp_target_label(const char *target, int en)
{
    if (strchr(target, ','))
        return qx_strdup(en ? "the selected tensors" : "所选张量");
    const char *at = strchr(target, '@');
    size_t n = at ? (size_t)(at - target) : strlen(target);
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (strlen(groups[i].sel) != n || strncmp(groups[i].sel, target, n) != 0)
            continue;
        if (!at)
            return qx_strdup(en ? groups[i].en : groups[i].zh);
        const char *dash = strchr(at + 1, '-');
        if (en)
            return qx_asprintf("%s of layer%s %s", groups[i].en, dash ? "s" : "", at + 1);
        if (dash)
            return qx_asprintf("第%.*s至%s层的%s", (int)(dash - at - 1), at + 1, dash + 1, groups[i].zh);
        return qx_asprintf("第%s层的%s", at + 1, groups[i].zh);
    }
    return qx_strdup(en ? "the selected tensors" : "所选张量");
}

char *qx_exp_scheme_label(const char *scheme, int en, const char **term)
{
    static const struct {
        const char *prefix, *term;
    } named[] = {{"bf16", "BF16"}, {"f16", "FP16"},  {"q8_0", "Q8_0"},
                 {"q4_0", "Q4_0"}, {"int8", "INT8"}, {"int4", "INT4"}};
    *term = NULL;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].prefix);
        if (strncmp(scheme, named[i].prefix, n) == 0 && (scheme[n] == '\0' || scheme[n] == ':')) {
            *term = named[i].term;
            if (en || scheme[n] == '\0')
                return qx_strdup(en ? scheme : named[i].term);
            const char *g = strstr(scheme, ":g");
            return qx_asprintf("%s（%s%s）", named[i].term, strstr(scheme, "asym") ? "非对称" : "对称",
                               g ? "，分组量化" : "，按行量化");
        }
    }
    if (en)
        return qx_strdup(scheme);
    if (!strcmp(scheme, "q4_1"))
        return qx_strdup("4位非对称块量化");
    if (!strcmp(scheme, "q5_0"))
        return qx_strdup("5位块量化");
    if (!strcmp(scheme, "q5_1"))
        return qx_strdup("5位非对称块量化");
    return qx_asprintf("%c位整数量化", scheme[3]);
}

void qx_exp_id_slug(struct qx_buf *b, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        qx_buf_addc(b, (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ? c : '-');
    }
}
