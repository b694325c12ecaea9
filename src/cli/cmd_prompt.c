/* cmd_prompt: `qexplain prompt --skill NAME`: the skill's prompt body with
 * the fact base and glossary appended, for drafting with a language model.
 * The draft is then checked with `qexplain lint --skill NAME`. */
#include <string.h>

#include "cli.h"
#include "qexplain/compose.h"

static const char help[] =
    "usage: qexplain prompt --skill NAME\n\n"
    "Prints the skill's prompt body followed by every fact of the fact base an article\n"
    "may cite (id, Chinese claim, each figure as the generator prints it, model,\n"
    "hardware, baseline, caveat, source with locator) and the glossary of English\n"
    "terms. Hand it to a language model to draft with real figures only, then check\n"
    "the draft with 'qexplain lint --skill NAME'.\n\n"
    "options:\n"
    "  --skill NAME  skill name, alias or unique part of one (required)\n\n"
    "exit codes: 0 ok, 2 usage or unknown skill, 3 invalid skill or fact base, 4 I/O error.\n";

int cmd_prompt(int argc, char **argv, struct qx_cli *cli)
{
    const char *skill = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i]))
            return cli_help(help);
        if (strcmp(argv[i], "--skill") == 0) {
            if (i + 1 >= argc)
                return cli_usage("prompt", "option '--skill' requires a value");
            skill = argv[++i];
        } else {
            return cli_usage("prompt", argv[i][0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'",
                             argv[i]);
        }
    }
    if (!skill)
        return cli_usage("prompt", "option '--skill' is required");
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_compose_inputs in;
    int rc = qx_compose_inputs_load(&in, cli->data_dir, skill, &d);
    if (rc == 0) {
        struct qx_buf out;
        qx_buf_init(&out);
        qx_compose_prompt(&out, in.skill, in.facts);
        fwrite(out.data, 1, out.len, stdout);
        qx_buf_release(&out);
    }
    int code = cli_fail(rc, &d);
    qx_compose_inputs_release(&in);
    qx_diags_release(&d);
    return code;
}
