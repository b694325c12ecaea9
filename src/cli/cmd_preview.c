/* cmd_preview: `qexplain preview [--skill NAME] [-o OUT] ARTICLE.html|-`.
 * Reads an HTML article (what `generate --format html` writes), hands it to
 * the preview module and writes the phone-width page to stdout or atomically
 * to OUT. With --skill the page carries the skill's name and paragraphs are
 * checked for the first-line indent the skill's lint profile asks for. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "qexplain/file.h"
#include "qexplain/preview.h"
#include "qexplain/skill.h"

static const char help[] =
    "usage: qexplain preview [--skill NAME] [-o FILE] ARTICLE.html|-\n\n"
    "Wraps an HTML article (as 'qexplain generate --format html' writes it, or any\n"
    "fragment with inline styles) in a standalone page that shows it at phone width\n"
    "(375 CSS pixels) with only the elements, attributes and inline styles the WeChat\n"
    "editor keeps. Everything else is dropped, each with a warning on stderr. The page\n"
    "has no scripts and loads nothing. Open it in a browser. Details: docs/preview.md.\n\n"
    "options:\n"
    "  --skill NAME        title the page with the skill's name and warn about\n"
    "                      paragraphs without the first-line indent the skill asks for\n"
    "  -o, --output FILE   write the page to FILE atomically instead of stdout\n"
    "  -h, --help          print this help\n\n"
    "exit codes: 0 ok (warnings included), 2 usage or unknown skill, 3 invalid input\n"
    "(not UTF-8, nested too deep, too large) or invalid skill, 4 I/O error.\n";

/* Loads the skill named by --skill: its name and whether it wants indents. */
static int load_skill(struct qx_skill **out, int *indent, const struct qx_cli *cli, const char *name,
                      struct qx_diags *d)
{
    char *dir = cli_data_path(cli, "skills");
    int err = qx_skill_resolve(out, dir, name, d);
    free(dir);
    if (err)
        return err;
    const cJSON *v = (*out)->lint ? cJSON_GetObjectItemCaseSensitive((*out)->lint, "indent") : NULL;
    *indent = cJSON_IsString(v) && strcmp(v->valuestring, "two-fullwidth-spaces") == 0;
    return 0;
}

int cmd_preview(int argc, char **argv, struct qx_cli *cli)
{
    const char *skill = NULL, *out_path = NULL, *in_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a))
            return cli_help(help);
        if (strcmp(a, "--skill") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return cli_usage("preview", "option '%s' requires a value", a);
            *(strcmp(a, "--skill") == 0 ? &skill : &out_path) = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_usage("preview", "unknown option '%s'", a);
        } else if (in_path) {
            return cli_usage("preview", "unexpected argument '%s'", a);
        } else {
            in_path = a;
        }
    }
    if (!in_path)
        return cli_usage("preview", "an article file (or '-') is required");

    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_buf in, page;
    qx_buf_init(&in);
    qx_buf_init(&page);
    struct qx_skill *sk = NULL;
    struct qx_preview_opts opts = {0};
    int err = 0;
    if (skill) {
        err = load_skill(&sk, &opts.require_indent, cli, skill, &d);
        if (!err)
            opts.title = sk->name;
    }
    if (!err)
        err = qx_file_read(&in, in_path, QX_PREVIEW_MAX_BYTES, &d);
    if (!err) {
        const char *name = strcmp(in_path, "-") == 0 ? "<stdin>" : in_path;
        err = qx_preview_page(&page, name, in.data, in.len, &opts, &d);
    }
    if (!err) {
        if (out_path)
            err = qx_file_write_atomic(out_path, page.data, page.len, &d);
        else
            fwrite(page.data, 1, page.len, stdout);
    }
    int code = cli_fail(err, &d);
    qx_skill_free(sk);
    qx_buf_release(&page);
    qx_buf_release(&in);
    qx_diags_release(&d);
    return code;
}
