/* cmd_generate: `qexplain generate`, the front end of the composer. Loads
 * the skill and the fact base, composes, lints its own text with the skill's
 * profile, and only then writes the article (and the trace) atomically or to
 * stdout. Nothing is written when any step fails. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qexplain/compose.h"
#include "qexplain/file.h"

static const char help[] =
    "usage: qexplain generate --skill NAME [--methods M1,M2,...] [--variant N]\n"
    "                         [--format text|html|json] [--trace FILE] [-o FILE] [--no-lint]\n\n"
    "Writes a publication-ready Chinese explainer for a skill from the cited fact base.\n"
    "The composer features the skill's default methods (qexplain.methods) or those of\n"
    "--methods; a method qualifies only when the fact base holds enough facts tagged\n"
    "with it (exit 3 names the missing evidence). Every figure comes from a fact. The\n"
    "text is linted with the skill's profile before it is written: any error-level\n"
    "finding stops the output (exit 1, findings on stderr).\n\n"
    "options:\n"
    "  --skill NAME        skill name, alias or unique part of one (required)\n"
    "  --methods LIST      comma-separated method tags, e.g. awq,gptq (default: the skill's)\n"
    "  --variant N         alternative phrasing N, 1 to the skill's count (default 1)\n"
    "  --format F          text (WeChat-ready plain text, default), html (inline styles\n"
    "                      only, escaped), json (sections, paragraphs, fact ids)\n"
    "  --trace FILE        write the paragraph -> figure -> fact -> source map as JSON\n"
    "  -o, --output FILE   write the article to FILE atomically instead of stdout\n"
    "  --no-lint           skip the self-lint (for template authors only)\n\n"
    "exit codes: 0 ok, 1 lint findings, 2 usage (bad variant, unknown skill), 3 invalid\n"
    "data or missing evidence, 4 I/O error.\n";

struct opts {
    const char *skill, *methods, *format, *trace, *out;
    int variant, no_lint;
};

/* A decimal number from 1; the composer checks the upper bound. */
static int parse_variant(int *out, const char *s)
{
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > 1000)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v < 1)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse(struct opts *o, int argc, char **argv, int *done)
{
    memset(o, 0, sizeof *o);
    o->format = "text";
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (cli_is_help(a)) {
            *done = 1;
            return cli_help(help);
        } else if (strcmp(a, "--no-lint") == 0) {
            o->no_lint = 1;
            continue;
        } else if (strcmp(a, "--skill") == 0) {
            slot = &o->skill;
        } else if (strcmp(a, "--methods") == 0) {
            slot = &o->methods;
        } else if (strcmp(a, "--format") == 0) {
            slot = &o->format;
        } else if (strcmp(a, "--trace") == 0) {
            slot = &o->trace;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            slot = &o->out;
        } else if (strcmp(a, "--variant") == 0) {
            if (i + 1 >= argc)
                return cli_usage("generate", "option '--variant' requires a value");
            if (parse_variant(&o->variant, argv[++i]))
                return cli_usage("generate", "invalid variant '%s': expected a number from 1", argv[i]);
            continue;
        } else {
            return cli_usage("generate", a[0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'", a);
        }
        if (i + 1 >= argc)
            return cli_usage("generate", "option '%s' requires a value", a);
        *slot = argv[++i];
    }
    if (!o->skill)
        return cli_usage("generate", "option '--skill' is required");
    if (strcmp(o->format, "text") && strcmp(o->format, "html") && strcmp(o->format, "json"))
        return cli_usage("generate", "unknown format '%s': expected text, html or json", o->format);
    return 0;
}

int cmd_generate(int argc, char **argv, struct qx_cli *cli)
{
    struct opts o;
    int done;
    int code = parse(&o, argc, argv, &done);
    if (code || done)
        return code;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_compose_inputs in;
    int rc = qx_compose_inputs_load(&in, cli->data_dir, o.skill, &d);
    struct qx_strvec methods;
    qx_strvec_init(&methods);
    if (rc == 0 && o.methods)
        rc = qx_compose_parse_methods(&methods, o.methods, &d);
    struct qx_article *a = NULL;
    if (rc == 0) {
        struct qx_compose_opts co = {.templates_dir = in.templates_dir, .methods = &methods,
                                     .variant = o.variant};
        rc = qx_compose(&a, in.skill, in.facts, &co, &d);
    }
    if (rc == 0 && !o.no_lint) {
        rc = qx_article_lint(a, in.skill, in.facts, o.out ? o.out : "<generated>", &d);
    }
    struct qx_buf out, trace;
    qx_buf_init(&out);
    qx_buf_init(&trace);
    if (rc == 0) {
        if (strcmp(o.format, "html") == 0)
            qx_article_html(&out, a);
        else if (strcmp(o.format, "json") == 0)
            qx_article_json(&out, a);
        else
            qx_article_text(&out, a);
        if (o.trace) {
            qx_article_trace(&trace, a, in.facts);
            rc = qx_file_write_atomic(o.trace, trace.data, trace.len, &d);
        }
    }
    if (rc == 0) {
        if (o.out)
            rc = qx_file_write_atomic(o.out, out.data, out.len, &d);
        else
            fwrite(out.data, 1, out.len, stdout);
    }
    /* Warnings are shown even when the article was written. */
    cli_print_diags(&d);
    if (rc == QX_EFINDINGS)
        fprintf(stderr, "qexplain: error: the generated article has lint errors; nothing was written\n");
    code = qx_exit_code(rc);
    qx_buf_release(&out);
    qx_buf_release(&trace);
    qx_article_free(a);
    qx_strvec_release(&methods);
    qx_compose_inputs_release(&in);
    qx_diags_release(&d);
    return code;
}
