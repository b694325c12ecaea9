/* cmd_batch: `qexplain batch MANIFEST.yaml`, the front end of the batch
 * module. It owns the generator callback (skill + compose + format) and the
 * input hashes batch compares: skill file, the skill's template directory,
 * shared partials and analogy library, each cited fact, each glossary entry
 * the text uses, and the tool version. Shared state is loaded once, before
 * the worker threads start, and only read afterwards. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "qexplain/batch.h"
#include "qexplain/compose.h"
#include "qexplain/facts.h"
#include "qexplain/file.h"
#include "qexplain/hash.h"
#include "qexplain/skill.h"

static const char help[] =
    "usage: qexplain batch MANIFEST.yaml [--out DIR] [--jobs N] [--check] [--dry-run] [--force]\n"
    "                      [--progress|--no-progress]\n\n"
    "Regenerates the articles a manifest lists, but only those whose inputs changed since\n"
    "the last run: the skill file, its templates and partials, the facts the article cites,\n"
    "the glossary entries it uses, and the tool version. MANIFEST.lock, next to the\n"
    "manifest, records those hashes. Every article and the lock file are written to a\n"
    "temporary file and renamed, so an interrupted batch leaves each article old or new;\n"
    "the next run repairs the rest. A second batch on the same manifest waits.\n\n"
    "manifest:\n"
    "  articles:\n"
    "    - out: out/public-sector.txt   # relative to the manifest (or --out DIR)\n"
    "      skill: public-sector\n"
    "      methods: [awq, gptq]          # optional: the skill's defaults\n"
    "      variant: 1                    # optional\n"
    "      format: text                  # text | html | json\n\n"
    "options:\n"
    "  --out DIR        write articles below DIR instead of the manifest's directory\n"
    "  --jobs N         worker threads (default: number of cores)\n"
    "  --check          write nothing; list stale articles and why; exit 1 if any\n"
    "  --dry-run        write nothing; print the plan\n"
    "  --force          regenerate every article\n"
    "  --progress       progress bar on stderr even when it is not a terminal\n"
    "  --no-progress    no progress bar\n\n"
    "exit codes: 0 done, 1 stale (--check) or an article failed, 2 usage,\n"
    "3 invalid manifest, 4 I/O error\n";

/* Everything the workers read. Immutable once the batch starts. */
struct shared {
    const char *data_dir;
    struct qx_facts *facts;
    struct qx_skill **skills;
    size_t nskills;
    int progress;
    int tty;
    /* Directory hashes are the same for every article: computed once. */
    pthread_mutex_t mu;
    struct qx_strvec dir_names, dir_shas;
};

static const struct qx_skill *find_skill(const struct shared *s, const char *name)
{
    for (size_t i = 0; i < s->nskills; i++)
        if (strcmp(s->skills[i]->name, name) == 0 ||
            (s->skills[i]->alias && strcmp(s->skills[i]->alias, name) == 0))
            return s->skills[i];
    return NULL;
}

/* Hash of a whole directory: names and contents of its regular files,
 * sorted, so that an added, removed or edited template is a change. */
static int hash_dir(const char *dir, char sha[QX_SHA256_HEX])
{
    struct qx_strvec files;
    qx_strvec_init(&files);
    struct qx_diags d;
    qx_diags_init(&d);
    int rc = qx_file_list_dir(&files, dir, NULL, &d);
    struct qx_buf all;
    qx_buf_init(&all);
    for (size_t i = 0; !rc && i < files.n; i++) {
        char fsha[QX_SHA256_HEX];
        const char *base = strrchr(files.items[i], '/');
        if (qx_hash_file_sha256_hex(fsha, files.items[i], &d) != 0) {
            rc = -1;
            break;
        }
        qx_buf_addf(&all, "%s %s\n", base ? base + 1 : files.items[i], fsha);
    }
    if (!rc)
        qx_hash_sha256_hex(sha, all.data, all.len);
    qx_buf_release(&all);
    qx_diags_release(&d);
    qx_strvec_release(&files);
    return rc;
}

static void hash_json(cJSON *j, char sha[QX_SHA256_HEX])
{
    char *text = qx_json_print(j, 0);
    qx_hash_sha256_hex(sha, text, strlen(text));
    free(text);
    cJSON_Delete(j);
}

static int input_hash(void *ctx, const char *kind, const char *name, char sha[QX_SHA256_HEX])
{
    const struct shared *s = ctx;
    if (strcmp(kind, "tool") == 0) {
        qx_hash_sha256_hex(sha, QX_VERSION, strlen(QX_VERSION));
        return strcmp(name, QX_VERSION) == 0 ? 0 : -1;
    }
    if (strcmp(kind, "dir") == 0) {
        struct shared *m = (struct shared *)s;
        int rc = 0;
        pthread_mutex_lock(&m->mu);
        size_t i = 0;
        while (i < m->dir_names.n && strcmp(m->dir_names.items[i], name) != 0)
            i++;
        if (i == m->dir_names.n) {
            char *path = qx_path_join(s->data_dir, name);
            rc = hash_dir(path, sha);
            free(path);
            qx_strvec_push(&m->dir_names, name);
            qx_strvec_push(&m->dir_shas, rc ? "" : sha);
        }
        if (!m->dir_shas.items[i][0])
            rc = -1;
        else
            snprintf(sha, QX_SHA256_HEX, "%s", m->dir_shas.items[i]);
        pthread_mutex_unlock(&m->mu);
        return rc;
    }
    if (strcmp(kind, "file") == 0) {
        char *path = qx_path_join(s->data_dir, name);
        struct qx_diags d;
        qx_diags_init(&d);
        int rc = qx_hash_file_sha256_hex(sha, path, &d);
        qx_diags_release(&d);
        free(path);
        return rc;
    }
    if (strcmp(kind, "fact") == 0) {
        const struct qx_fact *f = qx_facts_find(s->facts, name);
        if (!f)
            return -1;
        hash_json(qx_fact_to_json(f), sha);
        return 0;
    }
    if (strcmp(kind, "glossary") == 0) {
        const struct qx_gloss *g = qx_facts_gloss_find(s->facts, name);
        if (!g || strcmp(g->term, name) != 0)
            return -1;
        hash_json(qx_gloss_to_json(g), sha);
        return 0;
    }
    return -1;
}

static void add_input(const struct shared *s, struct qx_batch_inputs *used, const char *kind, const char *name)
{
    char sha[QX_SHA256_HEX];
    if (input_hash((void *)s, kind, name, sha) == 0)
        qx_batch_inputs_add(used, kind, name, sha);
}

/* Data-dir relative path of a skill file, for the lock (no machine paths). */
static const char *skill_rel(const struct shared *s, const struct qx_skill *sk)
{
    size_t n = strlen(s->data_dir);
    if (strncmp(sk->path, s->data_dir, n) == 0 && sk->path[n] == '/')
        return sk->path + n + 1;
    return sk->path;
}

static int generate(void *ctx, const struct qx_batch_article *a, struct qx_buf *out,
                    struct qx_batch_inputs *used, struct qx_diags *d)
{
    const struct shared *s = ctx;
    const struct qx_skill *sk = find_skill(s, a->skill);
    if (!sk) {
        qx_diags_add(d, a->out, 0, 0, QX_SEV_ERROR, "batch.skill", "unknown skill '%s'", a->skill);
        return QX_EINPUT;
    }
    char *tdir = qx_path_join(s->data_dir, "templates");
    struct qx_compose_opts o = {.templates_dir = tdir, .methods = &a->methods, .variant = a->variant};
    struct qx_article *art = NULL;
    int rc = qx_compose(&art, sk, s->facts, &o, d);
    free(tdir);
    if (rc)
        return rc;
    struct qx_buf text;
    qx_buf_init(&text);
    qx_article_text(&text, art);
    rc = qx_article_lint(art, sk, s->facts, a->out, d);
    if (rc == 0) {
        if (strcmp(a->format, "html") == 0)
            qx_article_html(out, art);
        else if (strcmp(a->format, "json") == 0)
            qx_article_json(out, art);
        else
            qx_buf_add(out, text.data, text.len);
        char *tpl = qx_asprintf("templates/%s", sk->alias ? sk->alias : sk->name);
        add_input(s, used, "tool", QX_VERSION);
        add_input(s, used, "file", skill_rel(s, sk));
        add_input(s, used, "dir", tpl);
        add_input(s, used, "dir", "templates/partials");
        add_input(s, used, "dir", "templates/analogies");
        free(tpl);
        for (size_t i = 0; i < art->nsections; i++)
            for (size_t p = 0; p < art->sections[i].n; p++) {
                const struct qx_para *para = &art->sections[i].paras[p];
                for (size_t k = 0; k < para->facts.n; k++)
                    add_input(s, used, "fact", para->facts.items[k]);
            }
        for (size_t g = 0; g < s->facts->ngloss; g++)
            if (strstr(text.data, s->facts->gloss[g].term))
                add_input(s, used, "glossary", s->facts->gloss[g].term);
    }
    qx_buf_release(&text);
    qx_article_free(art);
    return rc;
}

static void progress(void *ctx, size_t done, size_t total, const char *current)
{
    const struct shared *s = ctx;
    if (!s->progress)
        return;
    int width = 30, fill = total ? (int)(done * (size_t)width / total) : width;
    fprintf(stderr, "%s[%.*s%*s] %zu/%zu %s%s", s->tty ? "\r\033[K" : "", fill,
            "##############################", width - fill, "", done, total, current, s->tty ? "" : "\n");
    if (s->tty && done == total)
        fputc('\n', stderr);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_batch(int argc, char **argv, struct qx_cli *cli)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},   {"jobs", required_argument, NULL, 'j'},
        {"check", no_argument, NULL, 'c'},       {"dry-run", no_argument, NULL, 'n'},
        {"force", no_argument, NULL, 'f'},       {"progress", no_argument, NULL, 'p'},
        {"no-progress", no_argument, NULL, 'P'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out_dir = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    int check = 0, dry = 0, force = 0, prog = -1, c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hj:o:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_help(help);
        case 'o': out_dir = optarg; break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 256)
                return cli_usage("batch", "'--jobs' needs a number from 1 to 256, not '%s'", optarg);
            break;
        }
        case 'c': check = 1; break;
        case 'n': dry = 1; break;
        case 'f': force = 1; break;
        case 'p': prog = 1; break;
        case 'P': prog = 0; break;
        case ':': return cli_usage("batch", "option '%s' requires a value", argv[optind - 1]);
        default: return cli_usage("batch", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage("batch", optind >= argc ? "missing MANIFEST.yaml" : "expected one manifest");
    if (check && dry)
        return cli_usage("batch", "'--check' and '--dry-run' cannot be combined");
    const char *mpath = argv[optind];

    struct qx_diags d;
    qx_diags_init(&d);
    struct shared s = {.data_dir = cli->data_dir, .tty = isatty(2)};
    pthread_mutex_init(&s.mu, NULL);
    qx_strvec_init(&s.dir_names);
    qx_strvec_init(&s.dir_shas);
    s.progress = prog >= 0 ? prog : s.tty;
    struct qx_batch_manifest *m = NULL;
    struct qx_batch_report rep = {0};
    char *fdir = cli_data_path(cli, "facts"), *sdir = cli_data_path(cli, "skills");
    int rc = qx_batch_manifest_load(&m, mpath, out_dir, &d);
    if (!rc)
        rc = qx_facts_load(&s.facts, fdir, &d);
    if (!rc)
        rc = qx_skills_load_dir(&s.skills, &s.nskills, sdir, &d);
    for (size_t i = 0; !rc && i < m->n; i++)
        if (!find_skill(&s, m->items[i].skill)) {
            qx_diags_add(&d, mpath, m->items[i].line, m->items[i].col, QX_SEV_ERROR, "manifest.skill",
                         "unknown skill '%s'", m->items[i].skill);
            rc = QX_EINPUT;
        }
    free(fdir);
    free(sdir);
    if (rc) {
        int code = cli_fail(rc, &d);
        qx_diags_release(&d);
        qx_batch_manifest_free(m);
        qx_facts_free(s.facts);
        qx_skills_free(s.skills, s.nskills);
        pthread_mutex_destroy(&s.mu);
        return code;
    }
    struct qx_batch_opts o = {.jobs = (int)jobs, .check = check, .dry_run = dry, .force = force,
                              .tool_version = QX_VERSION, .generate = generate, .hash = input_hash,
                              .progress = progress, .ctx = &s};
    double t0 = now();
    rc = qx_batch_run(&rep, m, &o, &d);
    double secs = now() - t0;
    cli_print_diags(&d);
    for (size_t i = 0; i < rep.n; i++) {
        const struct qx_batch_result *r = &rep.results[i];
        if (r->status == QX_BATCH_STALE)
            printf("%s %s: %s\n", check ? "stale" : "would regenerate", m->items[i].out, r->reason);
        else if (r->status == QX_BATCH_FAILED) {
            printf("failed %s\n", m->items[i].out);
            cli_print_diags(&r->diags);
        }
    }
    if (check || dry)
        printf("batch: %zu stale, %zu up to date\n", rep.stale, rep.unchanged);
    else if (rep.regenerated == 0 && rep.failed == 0)
        printf("batch: nothing to do, %zu articles up to date\n", rep.unchanged);
    else
        printf("batch: %zu regenerated, %zu unchanged, %zu failed\n", rep.regenerated, rep.unchanged,
               rep.failed);
    if (!check && !dry)
        fprintf(stderr, "batch: %zu articles in %.2f s\n", rep.n, secs);
    int code = qx_exit_code(rc);
    qx_batch_report_release(&rep);
    qx_batch_manifest_free(m);
    qx_facts_free(s.facts);
    qx_skills_free(s.skills, s.nskills);
    qx_strvec_release(&s.dir_names);
    qx_strvec_release(&s.dir_shas);
    pthread_mutex_destroy(&s.mu);
    qx_diags_release(&d);
    return code;
}
