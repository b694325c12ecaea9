/* bench_lint: throughput of `qexplain lint` with every rule on, beside a
 * plain UTF-8 validation pass over the same bytes (the floor), at 1x, 4x
 * and 16x a base size, to show that lint time grows linearly.
 *
 * The corpus is generated here, deterministically (a fixed LCG), from
 * Chinese sentences about quantization whose figures all come from the
 * shipped fact base, with a few deliberate violations mixed in so that the
 * rules report something. Not a test: it prints figures and exits 0.
 *
 * usage: bench_lint FACTS_DIR SKILL_FILE [BASE_MB] [--write DIR]
 *   --write DIR  also writes the 16x corpus as DIR/corpus-NNN.txt files of
 *                about 1 MB (for running another linter on the same bytes) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qexplain/facts.h"
#include "qexplain/file.h"
#include "qexplain/lint.h"
#include "qexplain/skill.h"
#include "qexplain/text.h"

static const char *const sentences[] = {
    "量化就是用更少的位数来存放模型的权重。",
    "通义千问7B对话版按16位脑浮点数运行时，显存峰值是16.99吉字节。",
    "换成4位版本后，显存峰值降到8.21吉字节，约减少52%。",
    "权重占用的空间约为原来的四分之一，但运行时还要存放键值缓存。",
    "小模型量化后掉分更多，大模型几乎不掉分。",
    "通义千问72B对话版量化到4位后，中文综合能力评测保持80.1分。",
    "校准就是先用少量样本试跑模型，找出对结果影响大的权重。",
    "8位版本不一定更快，通义千问7B对话版每秒生成37.47个词元。",
    "评估时请要求对方给出量化前后同一评测集的分数。",
    "同一张显卡上，推理程序不同，速度也会差很多。",
    "在显卡上，激活感知权重量化的解码速度约为原来的2.7倍。",
    "量化不是压缩文件，而是换一把刻度更粗的尺子。",
};

/* a few deliberate violations: punctuation, unit, buzzword, Traditional */
static const char *const bad[] = {
    "量化,让模型变小.",
    "延迟只有5s，效果惊人。",
    "这是一项革命性的技术！",
    "量化後的模型还能用。",
    "INT4量化后显存减少77%。",
};

static unsigned long long rng = 88172645463325252ull;

static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static void corpus(struct qx_buf *b, size_t bytes)
{
    static const char *const heads[] = {"一、量化是什么", "二、数字从哪里来", "三、代价在哪里", "四、怎样评估"};
    size_t para = 0;
    rng = 88172645463325252ull;
    while (b->len < bytes) {
        if (para % 24 == 0) {
            qx_buf_adds(b, heads[(para / 24) % 4]);
            qx_buf_adds(b, "\n\n");
        }
        unsigned ns = 2 + next() % 2;
        qx_buf_adds(b, "　　"); /* the WeChat skill's first-line indent */
        for (unsigned k = 0; k < ns; k++) {
            if (next() % 40 == 0)
                qx_buf_adds(b, bad[next() % (sizeof bad / sizeof bad[0])]);
            else
                qx_buf_adds(b, sentences[next() % (sizeof sentences / sizeof sentences[0])]);
        }
        qx_buf_adds(b, "\n\n");
        para++;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double mbps(size_t bytes, double secs)
{
    return secs > 0 ? (double)bytes / (1024.0 * 1024.0) / secs : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_lint FACTS_DIR SKILL_FILE [BASE_MB] [--write DIR]\n");
        return 2;
    }
    size_t base_mb = argc > 3 && argv[3][0] != '-' ? (size_t)strtoul(argv[3], NULL, 10) : 4;
    const char *write_dir = NULL;
    for (int i = 3; i < argc; i++)
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            write_dir = argv[i + 1];
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *facts = NULL;
    struct qx_skill *skill = NULL;
    if (qx_facts_load(&facts, argv[1], &d) || qx_skill_load(&skill, argv[2], &d)) {
        fprintf(stderr, "bench_lint: cannot load '%s' or '%s'\n", argv[1], argv[2]);
        return 3;
    }
    /* every rule on: the skill's profile with each rule switched on */
    struct qx_lint_profile prof;
    struct qx_lint_sections secs;
    if (qx_lint_profile_from_skill(&prof, skill, &d) || qx_lint_sections_from_skill(&secs, skill, &d))
        return 3;
    for (int r = 0; r < QX_R_COUNT; r++)
        if (!prof.r[r].on) {
            prof.r[r].on = 1;
            prof.r[r].sev = qx_lint_rule_info((enum qx_lint_rule)r)->sev;
        }
    struct qx_lint_opts lo = {&prof, facts, &secs, "bench"};
    /* the same profile without the figure rule, to show what numfmt's
     * figure scanning costs */
    struct qx_lint_profile nofig = prof;
    nofig.r[QX_R_FIGURES_TRACEABLE].on = 0;
    struct qx_lint_opts lo2 = {&nofig, facts, &secs, "bench"};
    printf("%-6s %8s %11s %11s %16s %10s %8s\n", "size", "MB", "utf8 MB/s", "lint MB/s", "no-figures MB/s",
           "findings", "lint s");
    double first_rate = 0;
    for (size_t mult = 1; mult <= 16; mult *= 4) {
        struct qx_buf b;
        qx_buf_init(&b);
        corpus(&b, base_mb * mult << 20);
        double t0 = now();
        size_t bad_at = 0;
        int ok = 0;
        for (int rep = 0; rep < 3; rep++)
            ok += qx_text_utf8_valid(b.data, b.len, &bad_at);
        double t_utf8 = (now() - t0) / 3;
        struct qx_diags out, err;
        qx_diags_init(&out);
        qx_diags_init(&err);
        t0 = now();
        qx_lint_text(&out, "bench", b.data, b.len, &lo, &err);
        double t_lint = now() - t0;
        double rate = mbps(b.len, t_lint);
        if (mult == 1)
            first_rate = rate;
        struct qx_diags out2;
        qx_diags_init(&out2);
        t0 = now();
        qx_lint_text(&out2, "bench", b.data, b.len, &lo2, &err);
        double t_nofig = now() - t0;
        qx_diags_release(&out2);
        printf("%3zux   %8.1f %11.1f %11.1f %16.1f %10zu %8.2f\n", mult, (double)b.len / (1 << 20),
               mbps(b.len, t_utf8), rate, mbps(b.len, t_nofig), out.n, t_lint);
        if (ok != 3)
            printf("corpus is not valid UTF-8 at %zu\n", bad_at);
        if (mult == 16) {
            printf("lint time growth 1x -> 16x: %.2fx the time for 16x the bytes (throughput ratio %.2f)\n",
                   16.0 * first_rate / (rate > 0 ? rate : 1), rate / (first_rate > 0 ? first_rate : 1));
            if (write_dir) {
                size_t chunk = 1 << 20, nfiles = 0;
                for (size_t at = 0; at < b.len; nfiles++) {
                    size_t end = at + chunk < b.len ? at + chunk : b.len;
                    while (end < b.len && b.data[end - 1] != '\n')
                        end++;
                    char name[64];
                    snprintf(name, sizeof name, "corpus-%03zu.txt", nfiles);
                    char *path = qx_path_join(write_dir, name);
                    if (qx_file_write_atomic(path, b.data + at, end - at, &err))
                        return 4;
                    free(path);
                    at = end;
                }
                printf("wrote %zu files of the 16x corpus to %s\n", nfiles, write_dir);
            }
        }
        qx_diags_release(&out);
        qx_diags_release(&err);
        qx_buf_release(&b);
    }
    qx_lint_sections_release(&secs);
    qx_skill_free(skill);
    qx_facts_free(facts);
    qx_diags_release(&d);
    return 0;
}
