/* cmd_facts: `qexplain facts check|list|show|diff`, the front end of the
 * facts module: options, output formats and exit codes. Rendering of `diff`
 * is in cmd_facts_diff.c. Depends on the facts module and cli.h. Output is
 * deterministic: facts in id order, diagnostics in file:line:col order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_facts.h"
#include "qexplain/figures.h"
#include "qexplain/facts.h"
#include "qexplain/json.h"

static const char facts_help[] =
    "usage: qexplain facts check [--dir DIR]\n"
    "       qexplain facts list [--topic T]... [--method M] [--format text|json] [--dir DIR]\n"
    "       qexplain facts show ID [--format text|json] [--dir DIR]\n"
    "       qexplain facts diff OLD NEW [--format text|json] [--manifest FILE]\n\n"
    "The cited fact base: every facts/NAME.json holds an array of facts, and\n"
    "facts/glossary.json the glossary of English terms. Format and rules:\n"
    "docs/fact-base.md.\n\n"
    "subcommands:\n"
    "  check   validate the fact base; each problem as file:line:col, exit 3\n"
    "  list    one line per fact (id, topics, claim_zh), or JSON\n"
    "  show    one fact in full\n"
    "  diff    facts and glossary entries added, removed and changed between two\n"
    "          fact-base directories; exit 1 when they differ\n\n"
    "options:\n"
    "  --dir DIR   the fact-base directory (default: facts/ of the data directory)\n"
    "  -h, --help  print help ('qexplain facts SUBCOMMAND --help' for one subcommand)\n";

static const char check_help[] =
    "usage: qexplain facts check [--dir DIR]\n\n"
    "Validates the fact base and its glossary: JSON syntax, UTF-8 and NFC text,\n"
    "duplicate keys and ids, required fields, source locators, canonical units,\n"
    "derived values against their expressions, glossary references and English\n"
    "words in the Chinese text. Every problem is printed as\n"
    "'file:line:col: error: message [facts.RULE]'; the rules are listed in\n"
    "docs/fact-base.md.\n\n"
    "options:\n"
    "  --dir DIR   the fact-base directory (default: facts/ of the data directory)\n\n"
    "exit status: 0 no problems, 3 problems found, 4 the directory cannot be read\n";

static const char list_help[] =
    "usage: qexplain facts list [--topic T]... [--method M] [--format text|json] [--dir DIR]\n\n"
    "Lists the facts in id order: 'id  topics  claim_zh' per line, or a JSON array of\n"
    "the full facts.\n\n"
    "options:\n"
    "  --topic T        only facts tagged T (repeat: all of them)\n"
    "  --method M       only facts whose method contains M (ASCII case-insensitive)\n"
    "  --format F       text (default) or json\n"
    "  --dir DIR        the fact-base directory (default: facts/ of the data directory)\n";

static const char show_help[] =
    "usage: qexplain facts show ID [--format text|json] [--dir DIR]\n\n"
    "Prints one fact: claim, values with units, derived values with their\n"
    "expressions, source and locator, caveats and glossary terms.\n\n"
    "options:\n"
    "  --format F   text (default) or json\n"
    "  --dir DIR    the fact-base directory (default: facts/ of the data directory)\n\n"
    "exit status: 0 shown, 3 no such fact (the nearest id is suggested)\n";

static const char diff_help[] =
    "usage: qexplain facts diff OLD NEW [--format text|json] [--manifest FILE]\n\n"
    "Compares two fact-base directories: facts added, removed and changed (each\n"
    "changed field with its old and new value; values by key, as\n"
    "values[KEY].FIELD), then the same for glossary entries.\n\n"
    "options:\n"
    "  --format F   text (default) or json\n"
    "  --manifest FILE  also list, per changed or removed fact or glossary entry, the\n"
    "               articles of a batch manifest that cite it (from FILE.lock)\n\n"
    "exit status: 0 identical, 1 different, 3 a directory does not load, 4 I/O error\n";

enum { O_DIR = 1, O_FORMAT = 2, O_TOPIC = 4, O_METHOD = 8, O_MANIFEST = 16 };

struct fopts {
    const char *dir;
    int json;
    struct qx_strvec topics;
    const char *method;
    const char *manifest;
    const char *pos[2];
    int npos;
};

/* Returns 0 to go on, or 1 when the subcommand is done (help printed or a
 * usage error) with its exit code in *code. */
static int parse(const char *cmd, int argc, char **argv, unsigned allowed, int npos, const char *help,
                 struct fopts *o, int *code)
{
    static const struct {
        const char *name;
        unsigned bit;
    } opts[] = {{"--dir", O_DIR}, {"--format", O_FORMAT}, {"--topic", O_TOPIC}, {"--method", O_METHOD},
                 {"--manifest", O_MANIFEST}};
    memset(o, 0, sizeof *o);
    qx_strvec_init(&o->topics);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            *code = cli_help(help);
            return 1;
        }
        if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0') {
            if (strcmp(a, "--") == 0)
                a = ++i < argc ? argv[i] : NULL;
            if (!a)
                break;
            if (o->npos >= npos) {
                *code = cli_usage(cmd, "unexpected argument '%s'", a);
                return 1;
            }
            o->pos[o->npos++] = a;
            continue;
        }
        unsigned bit = 0;
        const char *val = NULL;
        for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
            size_t n = strlen(opts[k].name);
            if (strncmp(a, opts[k].name, n) == 0 && (a[n] == '\0' || a[n] == '=')) {
                bit = opts[k].bit;
                val = a[n] == '=' ? a + n + 1 : NULL;
            }
        }
        if (!(bit & allowed)) {
            *code = cli_usage(cmd, "unknown option '%s'", a);
            return 1;
        }
        if (!val) {
            if (i + 1 >= argc) {
                *code = cli_usage(cmd, "option '%s' requires a value", a);
                return 1;
            }
            val = argv[++i];
        }
        if (bit == O_DIR) {
            o->dir = val;
        } else if (bit == O_FORMAT) {
            if (strcmp(val, "text") != 0 && strcmp(val, "json") != 0) {
                *code = cli_usage(cmd, "unknown format '%s' (use text or json)", val);
                return 1;
            }
            o->json = strcmp(val, "json") == 0;
        } else if (bit == O_MANIFEST) {
            o->manifest = val;
        } else if (bit == O_TOPIC) {
            qx_strvec_push(&o->topics, val);
        } else {
            o->method = val;
        }
    }
    if (o->npos < npos) {
        *code = cli_usage(cmd, "%s", npos == 1 ? "missing fact id" : "expected two directories, OLD and NEW");
        return 1;
    }
    return 0;
}

int cmd_facts_load(struct qx_facts **out, const struct qx_cli *cli, const char *dir, int partial,
                   struct qx_diags *d)
{
    char *def = dir ? NULL : cli_data_path(cli, "facts");
    int rc =
        partial ? qx_facts_load_partial(out, dir ? dir : def, d) : qx_facts_load(out, dir ? dir : def, d);
    free(def);
    return rc;
}

static int run_check(const struct fopts *o, const struct qx_cli *cli)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f;
    int rc = cmd_facts_load(&f, cli, o->dir, 1, &d);
    if (!f) {
        int code = cli_fail(rc, &d);
        qx_diags_release(&d);
        return code;
    }
    qx_facts_check(f, &d);
    /* Display forms are checked here, not in the facts module: judging
     * Chinese figures needs numfmt, which sits above facts. */
    qx_figures_check_displays(f, &d);
    qx_diags_sort(&d);
    size_t errors = qx_diags_count(&d, QX_SEV_ERROR);
    int code = 0;
    if (errors) {
        cli_print_diags(&d);
        fprintf(stderr, "facts check: %zu error%s\n", errors, errors == 1 ? "" : "s");
        code = QX_EXIT_INPUT;
    } else {
        printf("facts check: %zu facts and %zu glossary entries, no problems\n", f->n, f->ngloss);
    }
    qx_facts_free(f);
    qx_diags_release(&d);
    return code;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* ASCII case-insensitive substring search; a NULL haystack holds nothing. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay && *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] && ascii_lower(hay[k]) == ascii_lower(needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int run_list(const struct fopts *o, const struct qx_cli *cli)
{
    for (size_t t = 0; t < o->topics.n; t++)
        if (!qx_facts_topic_known(o->topics.items[t]))
            return cli_usage("facts list", "unknown topic '%s' (see docs/fact-base.md)", o->topics.items[t]);
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f;
    int rc = cmd_facts_load(&f, cli, o->dir, 0, &d);
    if (rc) {
        int code = cli_fail(rc, &d);
        qx_diags_release(&d);
        return code;
    }
    cJSON *arr = o->json ? cJSON_CreateArray() : NULL;
    for (size_t i = 0; i < f->n; i++) {
        const struct qx_fact *x = &f->facts[i];
        int keep = !o->method || contains_ci(x->method, o->method);
        for (size_t t = 0; keep && t < o->topics.n; t++)
            keep = qx_fact_has_topic(x, o->topics.items[t]);
        if (!keep)
            continue;
        if (arr) {
            cJSON_AddItemToArray(arr, qx_fact_to_json(x));
            continue;
        }
        printf("%s  ", x->id);
        for (size_t t = 0; t < x->topics.n; t++)
            printf("%s%s", t ? "," : "", x->topics.items[t]);
        printf("  %s\n", x->claim_zh ? x->claim_zh : "-");
    }
    if (arr) {
        char *s = qx_json_print(arr, 1);
        printf("%s\n", s);
        free(s);
        cJSON_Delete(arr);
    }
    qx_facts_free(f);
    qx_diags_release(&d);
    return 0;
}

int cmd_facts(int argc, char **argv, struct qx_cli *cli)
{
    if (argc < 2)
        return cli_usage("facts", "missing subcommand (check, list, show or diff)");
    if (cli_is_help(argv[1]))
        return cli_help(facts_help);
    static const struct {
        const char *name, *cmd, *help;
        unsigned opts;
        int npos;
    } subs[] = {
        {"check", "facts check", check_help, O_DIR, 0},
        {"list", "facts list", list_help, O_DIR | O_FORMAT | O_TOPIC | O_METHOD, 0},
        {"show", "facts show", show_help, O_DIR | O_FORMAT, 1},
        {"diff", "facts diff", diff_help, O_FORMAT | O_MANIFEST, 2},
    };
    for (size_t s = 0; s < sizeof subs / sizeof subs[0]; s++) {
        if (strcmp(argv[1], subs[s].name) != 0)
            continue;
        struct fopts o;
        int code = 0;
        if (parse(subs[s].cmd, argc - 1, argv + 1, subs[s].opts, subs[s].npos, subs[s].help, &o, &code)) {
            qx_strvec_release(&o.topics);
            return code;
        }
        switch (s) {
        case 0: code = run_check(&o, cli); break;
        case 1: code = run_list(&o, cli); break;
        case 2: code = cmd_facts_show(o.pos[0], o.dir, o.json, cli); break;
        default: code = cmd_facts_diff(o.pos[0], o.pos[1], o.json, o.manifest); break;
        }
        qx_strvec_release(&o.topics);
        return code;
    }
    return cli_usage("facts", "unknown subcommand '%s' (check, list, show or diff)", argv[1]);
}
