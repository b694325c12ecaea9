/* cmd_skills: `qexplain skills list|show|match`, the front end of the skill
 * module. Everything is read and checked before the first byte is printed,
 * so a failure never leaves partial output. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qexplain/skill.h"
#include "qexplain/text.h"

static const char help_main[] =
    "usage: qexplain skills list [--format text|json]\n"
    "       qexplain skills show NAME|PATH [--format text|json]\n"
    "       qexplain skills match \"PHRASE\" [--format text|json]\n\n"
    "Lists, shows and matches the article skills of the data directory (skills/*.md).\n"
    "A skill is named by its full name, its alias, a unique part of either, or a path\n"
    "to a skill file (anything containing '/' or ending in .md).\n\n"
    "subcommands:\n"
    "  list    name, alias, version and description of every skill\n"
    "  show    one skill's front-matter as JSON and the length of its prompt body\n"
    "  match   rank the skills whose triggers match PHRASE (exit 1 if none does)\n\n"
    "'qexplain skills SUBCOMMAND --help' describes each. Exit codes: 0 ok, 1 no match,\n"
    "2 usage or unknown skill, 3 invalid skill file (with file:line:column), 4 I/O error.\n";

static const char help_list[] =
    "usage: qexplain skills list [--format text|json]\n\n"
    "Loads every skills/*.md of the data directory and prints one line per skill:\n"
    "name, alias, version and description (cut to fit; --format json has it whole).\n"
    "Any invalid skill file fails the command with exit 3 and file:line:column.\n\n"
    "options:\n"
    "  --format text|json  output format (default text)\n";

static const char help_show[] =
    "usage: qexplain skills show NAME|PATH [--format text|json]\n\n"
    "Prints the skill's front-matter as indented JSON, keys in file order, then the\n"
    "number of lines of its prompt body. NAME is a full name, an alias or a unique part\n"
    "of one; PATH (containing '/' or ending in .md) loads that file, e.g. a seed skill.\n"
    "With --format json the output is one object: name, file, front_matter, body_line\n"
    "(first line of the body) and body_lines.\n\n"
    "options:\n"
    "  --format text|json  output format (default text)\n";

static const char help_match[] =
    "usage: qexplain skills match \"PHRASE\" [--format text|json]\n\n"
    "Scores PHRASE against each skill's triggers and prints the skills that match,\n"
    "best first: score (0 to 1), name, alias and the best trigger. An equal trigger\n"
    "scores 1, a trigger containing the phrase or contained in it 0.5 to 0.9, shared\n"
    "English words or Chinese character pairs up to 0.5. Exits 1 when nothing matches.\n\n"
    "options:\n"
    "  --format text|json  output format (default text)\n";

enum fmt { FMT_TEXT, FMT_JSON };

/* Parses "[--format F] [ARG]" after the subcommand; argname names the one
 * positional argument required, or is NULL when none is allowed. */
static int parse_args(int argc, char **argv, const char *sub, const char *help, enum fmt *fmt,
                      const char **arg, const char *argname, int *done)
{
    *fmt = FMT_TEXT;
    *done = 0;
    int npos = 0, want_arg = argname != NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        if (cli_is_help(a)) {
            *done = 1;
            return cli_help(help);
        }
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage(sub, "option '--format' requires a value");
            val = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            val = a + 9;
        } else if (a[0] == '-' && a[1] != '\0' && strcmp(a, "--") != 0) {
            return cli_usage(sub, "unknown option '%s'", a);
        } else {
            if (strcmp(a, "--") == 0 && i + 1 < argc)
                a = argv[++i];
            if (npos++ >= want_arg)
                return cli_usage(sub, "unexpected argument '%s'", a);
            *arg = a;
            continue;
        }
        if (strcmp(val, "text") == 0)
            *fmt = FMT_TEXT;
        else if (strcmp(val, "json") == 0)
            *fmt = FMT_JSON;
        else
            return cli_usage(sub, "unknown format '%s' (expected text or json)", val);
    }
    if (npos < want_arg)
        return cli_usage(sub, "missing %s", argname);
    return 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Pads s with spaces to width terminal columns. */
static void print_col(const char *s, size_t width)
{
    size_t w = qx_text_width(s, strlen(s));
    fputs(s, stdout);
    for (; w < width; w++)
        putchar(' ');
}

/* The first max characters of s, with "…" when cut; owned. */
static char *cut(const char *s, size_t max)
{
    size_t n = strlen(s), i = 0, chars = 0;
    while (i < n && chars < max) {
        qx_text_next(s, n, &i);
        chars++;
    }
    return i < n ? qx_asprintf("%.*s…", (int)i, s) : qx_strdup(s);
}

static void json_add_str(cJSON *o, const char *key, const char *v)
{
    cJSON_AddItemToObject(o, key, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

static void print_json(cJSON *j)
{
    char *s = qx_json_print(j, 1);
    printf("%s\n", s);
    free(s);
    cJSON_Delete(j);
}

static int warn_and_fail(int rc, struct qx_diags *d)
{
    int code = cli_fail(rc, d);
    qx_diags_release(d);
    return code;
}

/* Loads every skill of the data directory and prints its warnings, or
 * fails with the error's exit code. On success the caller releases d. */
static int load_all(struct qx_skill ***v, size_t *n, struct qx_diags *d, struct qx_cli *cli)
{
    qx_diags_init(d);
    char *dir = cli_data_path(cli, "skills");
    int rc = qx_skills_load_dir(v, n, dir, d);
    free(dir);
    if (rc)
        return warn_and_fail(rc, d);
    cli_print_diags(d); /* warnings only */
    return 0;
}

static int do_list(int argc, char **argv, struct qx_cli *cli)
{
    enum fmt fmt;
    const char *unused = NULL;
    int done, rc = parse_args(argc, argv, "skills list", help_list, &fmt, &unused, NULL, &done);
    if (rc || done)
        return rc;
    struct qx_diags d;
    struct qx_skill **v;
    size_t n;
    if ((rc = load_all(&v, &n, &d, cli)))
        return rc;
    if (fmt == FMT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            json_add_str(o, "name", v[i]->name);
            json_add_str(o, "alias", v[i]->alias);
            json_add_str(o, "version", v[i]->version);
            json_add_str(o, "description", v[i]->description);
            json_add_str(o, "file", base_name(v[i]->path));
            cJSON_AddItemToArray(arr, o);
        }
        print_json(arr);
    } else {
        size_t wn = 4, wa = 5;
        for (size_t i = 0; i < n; i++) {
            size_t a = strlen(v[i]->name), b = v[i]->alias ? strlen(v[i]->alias) : 1;
            wn = a > wn ? a : wn;
            wa = b > wa ? b : wa;
        }
        print_col("NAME", wn + 2);
        print_col("ALIAS", wa + 2);
        print_col("VERSION", 9);
        printf("DESCRIPTION\n");
        for (size_t i = 0; i < n; i++) {
            char *desc = cut(v[i]->description ? v[i]->description : "-", 60);
            print_col(v[i]->name, wn + 2);
            print_col(v[i]->alias ? v[i]->alias : "-", wa + 2);
            print_col(v[i]->version ? v[i]->version : "-", 9);
            printf("%s\n", desc);
            free(desc);
        }
    }
    qx_skills_free(v, n);
    qx_diags_release(&d);
    return 0;
}

static int do_show(int argc, char **argv, struct qx_cli *cli)
{
    enum fmt fmt;
    const char *name = NULL;
    int done, rc = parse_args(argc, argv, "skills show", help_show, &fmt, &name, "NAME or PATH", &done);
    if (rc || done)
        return rc;
    struct qx_diags d;
    qx_diags_init(&d);
    char *dir = cli_data_path(cli, "skills");
    struct qx_skill *s;
    rc = qx_skill_resolve(&s, dir, name, &d);
    free(dir);
    if (rc)
        return warn_and_fail(rc, &d);
    cli_print_diags(&d);
    if (fmt == FMT_JSON) {
        cJSON *o = cJSON_CreateObject();
        json_add_str(o, "name", s->name);
        json_add_str(o, "file", base_name(s->path));
        cJSON_AddItemToObject(o, "front_matter", cJSON_Duplicate(s->doc.root, 1));
        cJSON_AddNumberToObject(o, "body_line", s->body_line);
        cJSON_AddNumberToObject(o, "body_lines", (double)s->body_lines);
        print_json(o);
    } else {
        char *fm = qx_json_print(s->doc.root, 1);
        printf("%s\nbody: %zu line%s from line %u\n", fm, s->body_lines, s->body_lines == 1 ? "" : "s",
               s->body_line);
        free(fm);
    }
    qx_skill_free(s);
    qx_diags_release(&d);
    return 0;
}

struct ranked {
    const struct qx_skill *s;
    double score;
    size_t trigger;
};

static int cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->s->name, y->s->name);
}

static int do_match(int argc, char **argv, struct qx_cli *cli)
{
    enum fmt fmt;
    const char *phrase = NULL;
    int done, rc = parse_args(argc, argv, "skills match", help_match, &fmt, &phrase, "PHRASE", &done);
    if (rc || done)
        return rc;
    struct qx_diags d;
    struct qx_skill **v;
    size_t n;
    if ((rc = load_all(&v, &n, &d, cli)))
        return rc;
    struct ranked *r = qx_calloc(n ? n : 1, sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t best = 0;
        double sc = qx_skill_match(v[i], phrase, &best);
        if (sc > 0)
            r[k++] = (struct ranked){v[i], sc, best};
    }
    qsort(r, k, sizeof *r, cmp_ranked);
    if (fmt == FMT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < k; i++) {
            cJSON *o = cJSON_CreateObject();
            /* Rounded so that the output does not depend on the last bits. */
            cJSON_AddNumberToObject(o, "score", (double)(long)(r[i].score * 1000 + 0.5) / 1000);
            json_add_str(o, "name", r[i].s->name);
            json_add_str(o, "alias", r[i].s->alias);
            json_add_str(o, "trigger", r[i].s->triggers.items[r[i].trigger]);
            cJSON_AddItemToArray(arr, o);
        }
        print_json(arr);
    } else {
        for (size_t i = 0; i < k; i++)
            printf("%.3f  %s  %s  \"%s\"\n", r[i].score, r[i].s->name, r[i].s->alias ? r[i].s->alias : "-",
                   r[i].s->triggers.items[r[i].trigger]);
    }
    if (k == 0)
        fprintf(stderr, "qexplain: no skill matches '%s'\n", phrase);
    free(r);
    qx_skills_free(v, n);
    qx_diags_release(&d);
    return k ? 0 : QX_EXIT_FINDINGS;
}

int cmd_skills(int argc, char **argv, struct qx_cli *cli)
{
    if (argc < 2)
        return cli_usage("skills", "missing subcommand (list, show or match)");
    const char *sub = argv[1];
    if (cli_is_help(sub))
        return cli_help(help_main);
    if (strcmp(sub, "list") == 0)
        return do_list(argc - 1, argv + 1, cli);
    if (strcmp(sub, "show") == 0)
        return do_show(argc - 1, argv + 1, cli);
    if (strcmp(sub, "match") == 0)
        return do_match(argc - 1, argv + 1, cli);
    return cli_usage("skills", "unknown subcommand '%s' (expected list, show or match)", sub);
}
