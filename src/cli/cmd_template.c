/* cmd_template: `qexplain template render`, the Mustache engine on its own,
 * so that editors can preview their templates with a JSON context. Reads
 * the template and the context, compiles (partials from --partials DIR or
 * the template's own directory), renders, and writes stdout or -o FILE
 * atomically. Nothing is written unless every step succeeded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qexplain/file.h"
#include "qexplain/json.h"
#include "qexplain/tmpl.h"

static const char usage_main[] = "usage: qexplain template render FILE --context JSON_FILE [--partials DIR]\n"
                                 "                                [--escape html|none] [-o OUT]\n\n"
                                 "Mustache templates with a JSON context. 'qexplain template render --help'\n"
                                 "describes the only subcommand.\n";

static const char usage_render[] =
    "usage: qexplain template render FILE --context JSON_FILE [--partials DIR]\n"
    "                                [--escape html|none] [-o OUT]\n\n"
    "Renders the Mustache template FILE ('-' for standard input) with the JSON\n"
    "document JSON_FILE as its context, the way the generator renders sections.\n\n"
    "options:\n"
    "  --context JSON_FILE  the context: any JSON value ('-' for standard input)\n"
    "  --partials DIR       where {{>name}} and {{<name}} find DIR/name.mustache\n"
    "                       (default: the directory of FILE); names may not leave DIR\n"
    "  --escape MODE        html (default): {{x}} escapes & < > \" '; none: {{x}} is raw\n"
    "  -o, --output OUT     write OUT atomically instead of standard output\n"
    "  -h, --help           print this help and exit\n\n"
    "Supported: the Mustache spec's interpolation, sections, inverted sections,\n"
    "comments, partials, set delimiters, and inheritance (blocks and parents).\n"
    "Not supported: lambdas, dynamic names. See docs/templates.md.\n\n"
    "exit codes: 0 ok (warnings, e.g. a missing partial, go to stderr), 2 usage,\n"
    "3 invalid template or context (file:line:column on stderr), 4 I/O error\n";

struct opts {
    const char *file, *context, *partials, *output;
    enum qx_tmpl_escape esc;
};

/* Matches "--name VALUE" and "--name=VALUE"; returns 1 when matched, and
 * -1 when the value is missing. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *out = argv[++*i];
    return 1;
}

static int parse_args(struct opts *o, int argc, char **argv)
{
    static const char *const names[] = {"--context", "--partials", "--output", "-o", "--escape"};
    const char *esc = NULL;
    for (int i = 2; i < argc; i++) {
        const char **slots[] = {&o->context, &o->partials, &o->output, &o->output, &esc};
        int hit = 0;
        for (size_t k = 0; k < sizeof names / sizeof names[0] && !hit; k++) {
            hit = opt_value(argc, argv, &i, names[k], slots[k]);
            if (hit < 0)
                return cli_usage("template", "option '%s' requires a value", names[k]);
        }
        if (hit)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage("template", "unknown option '%s'", argv[i]);
        if (o->file)
            return cli_usage("template", "unexpected argument '%s'", argv[i]);
        o->file = argv[i];
    }
    if (!o->file)
        return cli_usage("template", "render needs a template FILE");
    if (!o->context)
        return cli_usage("template", "render needs --context JSON_FILE");
    if (esc && strcmp(esc, "html") != 0 && strcmp(esc, "none") != 0)
        return cli_usage("template", "--escape must be 'html' or 'none', not '%s'", esc);
    if (strcmp(o->file, "-") == 0 && strcmp(o->context, "-") == 0)
        return cli_usage("template", "FILE and --context cannot both be standard input");
    o->esc = esc && strcmp(esc, "none") == 0 ? QX_TMPL_ESCAPE_NONE : QX_TMPL_ESCAPE_HTML;
    return 0;
}

static char *template_dir(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (strcmp(file, "-") == 0 || !slash)
        return qx_strdup(".");
    if (slash == file)
        return qx_strdup("/");
    return qx_strndup(file, (size_t)(slash - file));
}

static int render(const struct opts *o, struct qx_diags *d)
{
    struct qx_buf src, ctx, out;
    qx_buf_init(&src);
    qx_buf_init(&ctx);
    qx_buf_init(&out);
    struct qx_json_doc doc = {0}; /* qx_json_parse initialises it; release is safe either way */
    struct qx_tmpl *t = NULL;
    char *dir = o->partials ? qx_strdup(o->partials) : template_dir(o->file);
    int rc = qx_file_read(&src, o->file, QX_TMPL_MAX_BYTES, d);
    if (!rc)
        rc = qx_file_read(&ctx, o->context, QX_FILE_MAX_TEXT, d);
    if (!rc)
        rc = qx_json_parse(&doc, strcmp(o->context, "-") == 0 ? "<stdin>" : o->context, ctx.data, ctx.len, d);
    if (!rc && !qx_file_is_dir(dir)) {
        qx_diags_add(d, dir, 0, 0, QX_SEV_ERROR, "io", "partials directory is not a directory");
        rc = QX_EIO;
    }
    struct qx_tmpl_loader loader = qx_tmpl_dir_loader(dir);
    if (!rc)
        rc = qx_tmpl_compile(&t, strcmp(o->file, "-") == 0 ? "<stdin>" : o->file, src.data, src.len, &loader,
                             NULL, d);
    if (!rc)
        rc = qx_tmpl_render_json(&out, t, doc.root, o->esc, d);
    if (!rc && o->output)
        rc = qx_file_write_atomic(o->output, out.data, out.len, d);
    else if (!rc)
        fwrite(out.data, 1, out.len, stdout);
    qx_tmpl_free(t);
    free(dir);
    qx_json_doc_release(&doc);
    qx_buf_release(&src);
    qx_buf_release(&ctx);
    qx_buf_release(&out);
    return rc;
}

int cmd_template(int argc, char **argv, struct qx_cli *cli)
{
    (void)cli;
    if (argc < 2)
        return cli_usage("template", "missing subcommand: expected 'render'");
    if (cli_is_help(argv[1]))
        return cli_help(usage_main);
    if (strcmp(argv[1], "render") != 0)
        return cli_usage("template", "unknown subcommand '%s': expected 'render'", argv[1]);
    for (int i = 2; i < argc; i++)
        if (cli_is_help(argv[i]))
            return cli_help(usage_render);
    struct opts o = {0};
    int code = parse_args(&o, argc, argv);
    if (code)
        return code;
    struct qx_diags d;
    qx_diags_init(&d);
    int rc = render(&o, &d);
    cli_print_diags(&d);
    qx_diags_release(&d);
    return qx_exit_code(rc);
}
