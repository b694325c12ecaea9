/* registry: the rule table — id, family, source clause, examples, whether
 * --fix may touch it, and the built-in profile of each column (the default
 * profile and the three seed skills). docs/lint-rules.md is this table;
 * `qexplain lint --list-rules` prints it. Depends on util only. */
#include <string.h>

#include "lint_int.h"

#define SEV(e, p, w, n) {e, p, w, n}

static const struct qx_lint_rule_info rules[QX_R_COUNT] = {
    [QX_R_ENCODING] = {"encoding", "input", "the draft must be valid UTF-8 (reported at the first bad byte)",
                       "DESIGN.md §5 lint flow: the first bad byte is a diagnostic", "a byte 0xFF in the text",
                       "any valid UTF-8, with or without BOM, LF or CRLF", 0, QX_P_NONE, QX_SEV_ERROR,
                       SEV("error", "error", "error", "error")},
    [QX_R_SUPPRESSION] = {"suppression", "input",
                          "an inline suppression needs a known rule, a reason, and a finding to suppress",
                          "LINT-RULES.md, Suppression and CI",
                          "<!-- qexplain-disable-next-line emoji -->",
                          "<!-- qexplain-disable-next-line emoji 引用原标题 -->", 0, QX_P_NONE, QX_SEV_ERROR,
                          SEV("error", "error", "error", "error")},
    [QX_R_MARKDOWN] = {"markdown", "format", "no Markdown: headings, emphasis, code, links, images, tables, quotes",
                       "PS: 'no markdown, no code blocks, no tables ... no bold/italics'; WX: 'no markdown "
                       "formatting except **bold** ... and ### section headers'; NE: plain prose",
                       "**要点**：量化让模型变小。", "要点：量化让模型变小。", 1, QX_P_MARKDOWN, QX_SEV_ERROR,
                       SEV("bold-and-h3", "forbid", "bold-and-h3", "forbid")},
    [QX_R_EMOJI] = {"emoji", "format", "no emoji (Unicode Extended_Pictographic)",
                    "PS: 'no emojis'; WX: 'no emojis'", "推理加速 🚀", "推理加速", 0, QX_P_NONE, QX_SEV_ERROR,
                    SEV("error", "error", "error", "error")},
    [QX_R_BULLETS] = {"bullets", "format", "no bullets or list markers at line start (- * • · ● 1. ①)",
                      "PS: 'use em dashes and line breaks—not bullets'; WX: 'no bullet symbols'",
                      "- 显存减半", "显存大约减半。", 0, QX_P_NONE, QX_SEV_ERROR,
                      SEV("error", "error", "error", "error")},
    [QX_R_DIVIDER] = {"divider", "format", "no divider lines (——, ---, ***, ===)", "WX: 'no dividers (——)'",
                      "——", "上文说完——下文接着说。", 0, QX_P_NONE, QX_SEV_ERROR,
                      SEV("off", "off", "error", "off")},
    [QX_R_INDENT] = {"indent", "format",
                     "first-line indent: two full-width spaces (two-fullwidth-spaces) or none at all (none)",
                     "WX: 'All paragraphs use first-line indentation (2 characters)'",
                     "量化让模型变小。 (wechat)", "　　量化让模型变小。 (wechat)", 1, QX_P_INDENT,
                     QX_SEV_ERROR, SEV("off", "none", "two-fullwidth-spaces", "none")},
    [QX_R_WHITESPACE] = {"whitespace", "format",
                         "no trailing spaces, no tabs, one blank line between logical units",
                         "PS: 'line breaks between logical units'; LINT-RULES.md Format",
                         "量化让模型变小。␠␠", "量化让模型变小。", 1, QX_P_NONE, QX_SEV_ERROR,
                         SEV("error", "error", "error", "error")},
    [QX_R_PARA_SENTENCES] = {"paragraph.max_sentences", "length",
                             "at most N sentences per paragraph (。！？； and …… end a sentence)",
                             "PS: 'short paragraphs (≤3 sentences)'", "一。二。三。四。 (limit 3)",
                             "一。二。三。 (limit 3)", 0, QX_P_INT, QX_SEV_ERROR, SEV("4", "3", "4", "4")},
    [QX_R_SENTENCE_CHARS] = {"sentence.max_chars", "length", "warn on sentences longer than N characters",
                             "ruanyf/document-style-guide: keep sentences short (aim at 40 characters)",
                             "a sentence of 61 characters (limit 60)", "a sentence of 60 characters", 0,
                             QX_P_INT, QX_SEV_WARNING, SEV("60", "60", "60", "60")},
    [QX_R_SIMPLIFIED] = {"simplified", "language", "Simplified Chinese only (OpenCC's Traditional-only characters)",
                         "PS: 'Language: Simplified Chinese only'", "量化後的模型", "量化后的模型", 0,
                         QX_P_NONE, QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_ACRONYM] = {"acronym", "language",
                      "an English term must be explained at first use, as TERM（label or explanation）",
                      "PS: 'zero English acronyms without immediate plain-language explanation'; WX: "
                      "'explain unavoidable terms on first use'; glossary in facts/glossary.json",
                      "INT4量化", "INT4（4位整数）量化", 0, QX_P_ACRONYM, QX_SEV_ERROR,
                      SEV("explain-first", "explain-first-per-section", "explain-first", "explain-first")},
    [QX_R_HEADING_ACRONYM] = {"heading.acronym", "language", "no English acronyms in headings (spell them out)",
                              "WX: 'fully spelled-out technical terms in all headings/titles'",
                              "二、AWQ为什么稳", "二、激活感知权重量化为什么稳", 0, QX_P_NONE, QX_SEV_ERROR,
                              SEV("off", "error", "error", "off")},
    [QX_R_ADDRESS_NIN] = {"address.nin", "language", "address the reader as 您, never 你 or 你们",
                          "PS: 'address readers as practitioners (您)'", "你可以先核对显存。",
                          "您可以先核对显存。", 0, QX_P_NONE, QX_SEV_ERROR, SEV("off", "error", "off", "off")},
    [QX_R_BUZZWORDS] = {"buzzwords", "language", "no buzzwords (赋能、颠覆、革命性、黑科技 ...)",
                        "WX: 'no buzzwords (revolutionary, game-changing, empower, leverage)'; NE: 'not magic'",
                        "量化为政务赋能。", "量化让政务系统少用显存。", 0, QX_P_NONE, QX_SEV_ERROR,
                        SEV("error", "error", "error", "error")},
    [QX_R_SUBJECTIVE] = {"subjective", "language", "no subjective adjectives (惊人、不可思议 ...)",
                         "WX: 'no exclamation marks or subjective adjectives (amazing, incredible)'",
                         "效果惊人。", "显存约减半。", 0, QX_P_NONE, QX_SEV_ERROR,
                         SEV("error", "error", "error", "error")},
    [QX_R_GENERALISATION] = {"generalisation", "language",
                             "no unattributed generalisations (大多数模型、业内公认、众所周知 ...)",
                             "WX: 'no “most models”, “industry standard”, “experts agree” without attribution'",
                             "业内公认量化无损。", "业内公认的说法在7B模型上降了0.7分。", 0, QX_P_NONE,
                             QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_GENERIC_ADVICE] = {"generic-advice", "language", "no generic advice (始终验证、视情况而定 ...)",
                             "NE: 'No generic advice (always validate, consider your use case)'",
                             "请根据您的具体情况选择。", "显存不足8吉字节时选4位。", 0, QX_P_NONE, QX_SEV_ERROR,
                             SEV("off", "off", "off", "error")},
    [QX_R_STORYTELLING] = {"storytelling", "language", "no storytelling or personas (从前、小明、让我们想象 ...)",
                           "PS: 'avoid storytelling, parables, fictional characters'; NE: 'No invented personas'",
                           "小明打开电脑。", "编辑打开电脑核对数字。", 0, QX_P_NONE, QX_SEV_ERROR,
                           SEV("error", "error", "error", "error")},
    [QX_R_JARGON] = {"jargon", "language", "no unexplained jargon (KL散度、仿射变换、张量核心)",
                     "NE: 'without jargon like KL divergence, affine transform, or tensor core'",
                     "张量核心利用率更高。", "张量核心（显卡里专做矩阵乘法的电路）利用率更高。", 0, QX_P_NONE,
                     QX_SEV_ERROR, SEV("off", "off", "off", "error")},
    [QX_R_MODEL_TELLS] = {"model-tells", "language", "model-writing tells (值得注意的是、总而言之、让我们 ...)",
                          "LINT-RULES.md Language: model-writing tells (warn)", "值得注意的是，显存减少了。",
                          "显存减少了。", 0, QX_P_NONE, QX_SEV_WARNING,
                          SEV("warning", "warning", "warning", "warning")},
    [QX_R_PUNCT_FULLWIDTH] = {"punct.fullwidth", "punctuation",
                              "full-width punctuation next to Chinese (，。：；？（）“”)",
                              "中文文案排版指北: 使用全角中文标点", "量化,让模型变小.", "量化，让模型变小。", 1,
                              QX_P_NONE, QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_PUNCT_EXCLAMATION] = {"punct.exclamation", "punctuation", "no exclamation marks",
                                "WX: 'no exclamation marks'; PS and NE: calm expository tone",
                                "显存减半！", "显存减半。", 0, QX_P_NONE, QX_SEV_ERROR,
                                SEV("error", "error", "error", "error")},
    [QX_R_PUNCT_REPEATED] = {"punct.repeated", "punctuation", "no repeated punctuation (？？ ，，)",
                             "中文文案排版指北: 不重复使用标点符号", "真的吗？？", "真的吗？", 1, QX_P_NONE,
                             QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_PUNCT_ELLIPSIS] = {"punct.ellipsis", "punctuation", "the ellipsis is …… (two U+2026)",
                             "GB/T 15834-2011, 省略号", "还有很多...", "还有很多……", 1, QX_P_NONE, QX_SEV_ERROR,
                             SEV("error", "error", "error", "error")},
    [QX_R_PUNCT_DASH] = {"punct.dash", "punctuation", "the dash is —— (two U+2014), never -- or a single —",
                         "GB/T 15834-2011, 破折号", "量化--也就是压缩", "量化——也就是压缩", 1, QX_P_NONE,
                         QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_PUNCT_PAIRS] = {"punct.pairs", "punctuation", "paired marks balanced and ordered (“” （） 《》 「」)",
                          "GB/T 15834-2011, 引号 括号 书名号", "“量化（压缩”）", "“量化（压缩）”", 0, QX_P_NONE,
                          QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_UNITS_LATIN] = {"units.latin", "punctuation", "Latin unit symbols after numbers become Chinese units",
                          "PS: 'formatted per Chinese typographic norms (e.g., 2.5秒, not 2.5s)'", "延迟5s",
                          "延迟5秒", 1, QX_P_NONE, QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_DIGITS_FULLWIDTH] = {"digits.fullwidth", "punctuation", "digits are half-width (１０ → 10)",
                               "中文文案排版指北: 数字使用半角字符", "１０倍", "10倍", 1, QX_P_NONE, QX_SEV_ERROR,
                               SEV("error", "error", "error", "error")},
    [QX_R_RANGES] = {"ranges", "punctuation", "ranges repeat the percent sign and use ～",
                     "GB/T 15835-2011, numerical ranges", "降低1~2%", "降低1%～2%", 1, QX_P_NONE, QX_SEV_ERROR,
                     SEV("error", "error", "error", "error")},
    [QX_R_NUMBERS_MIXED] = {"numbers.mixed-forms", "punctuation",
                            "one form per kind of number in a text (no 二〇二四年6月)",
                            "GB/T 15835-2011: keep one form within a text", "二〇二四年6月",
                            "2024年6月", 0, QX_P_NONE, QX_SEV_ERROR, SEV("error", "error", "error", "error")},
    [QX_R_FIGURES_TRACEABLE] = {"figures.traceable", "grounding",
                                "every figure matches a value or derived value of the fact base",
                                "PS: 'Every claim ... must be traceable to cited evidence'; WX: 'Factual grounding'",
                                "显存减少77%", "显存约减少52%", 0, QX_P_NONE, QX_SEV_ERROR,
                                SEV("error", "error", "error", "error")},
    [QX_R_SOURCES_KNOWN] = {"sources.known", "grounding",
                            "a named report, audit, standard or institution must be a source in the fact base",
                            "WX: 'Never invent tools, papers, standards, or policies'", "信通院报告显示……",
                            "通义千问团队公布的测试显示……", 0, QX_P_NONE, QX_SEV_ERROR,
                            SEV("error", "error", "error", "error")},
    [QX_R_DEID_CONTACT] = {"deid.contact", "grounding", "no URLs, e-mail addresses or phone numbers",
                           "WX: 'Omit ... URLs, emails, and account-specific identifiers'",
                           "详见https://example.org", "详见原论文", 0, QX_P_NONE, QX_SEV_ERROR,
                           SEV("error", "error", "error", "error")},
    [QX_R_DEID_DATES] = {"deid.dates", "grounding", "no exact dates beyond year or quarter",
                         "WX: 'Omit ... exact dates beyond year/quarter'", "2024年6月15日上线",
                         "2024年第二季度上线", 0, QX_P_NONE, QX_SEV_ERROR, SEV("off", "off", "error", "off")},
    [QX_R_DEID_IDENTIFIERS] = {"deid.identifiers", "grounding",
                               "no identifiers: ticket numbers, part numbers, code names (heuristic)",
                               "WX: 'Omit all project names, vendor IDs, internal codenames'",
                               "审计发现#7", "审计发现", 0, QX_P_NONE, QX_SEV_WARNING,
                               SEV("warning", "warning", "warning", "warning")},
    [QX_R_STRUCTURE] = {"structure", "structure",
                        "the sections, questions, items and paragraphs the skill's qexplain.sections require",
                        "PS: 'Strictly four sections'; WX: 'three to five ... 没想到'; NE: 'three concrete "
                        "enablers'", "two yes/no questions where three are required",
                        "exactly three questions ending in ？", 0, QX_P_NONE, QX_SEV_ERROR,
                        SEV("off", "error", "error", "error")},
};

const struct qx_lint_rule_info *qx_lint_rule_info(enum qx_lint_rule r)
{
    return (unsigned)r < QX_R_COUNT ? &rules[r] : NULL;
}

int qx_lint_rule_find(const char *id)
{
    for (int i = 0; i < QX_R_COUNT; i++)
        if (strcmp(rules[i].id, id) == 0)
            return i;
    return -1;
}

const char *qx_lint_column_name(enum qx_lint_column c)
{
    static const char *names[QX_COL_COUNT] = {"default", "public-sector", "wechat", "non-experts"};
    return (unsigned)c < QX_COL_COUNT ? names[c] : "?";
}

static void table_row(struct qx_buf *out, const struct qx_lint_rule_info *ri, int markdown)
{
    if (markdown) {
        qx_buf_addf(out, "| `%s` | %s | %s | `%s` | `%s` |", ri->id, ri->summary, ri->source, ri->bad, ri->good);
        for (int c = 0; c < QX_COL_COUNT; c++)
            qx_buf_addf(out, " %s |", ri->defaults[c]);
        qx_buf_addf(out, " %s |\n", ri->fixable ? "yes" : "no");
        return;
    }
    qx_buf_addf(out, "%-24s %-5s", ri->id, ri->fixable ? "fix" : "-");
    for (int c = 0; c < QX_COL_COUNT; c++)
        qx_buf_addf(out, " %-20s", ri->defaults[c]);
    qx_buf_addf(out, "\n    %s\n    source: %s\n", ri->summary, ri->source);
}

void qx_lint_rules_table(struct qx_buf *out, int markdown)
{
    if (markdown) {
        qx_buf_adds(out, "| id | checks | source | triggers | does not trigger |");
        for (int c = 0; c < QX_COL_COUNT; c++)
            qx_buf_addf(out, " %s |", qx_lint_column_name((enum qx_lint_column)c));
        qx_buf_adds(out, " fixable |\n|---|---|---|---|---|---|---|---|---|---|\n");
    } else {
        qx_buf_addf(out, "%-24s %-5s", "rule", "fix");
        for (int c = 0; c < QX_COL_COUNT; c++)
            qx_buf_addf(out, " %-20s", qx_lint_column_name((enum qx_lint_column)c));
        qx_buf_addc(out, '\n');
    }
    for (int i = 0; i < QX_R_COUNT; i++)
        table_row(out, &rules[i], markdown);
}
