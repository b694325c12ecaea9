/* cmd_experiment: `qexplain experiment run PLAN.yaml --out DIR [--lang zh|en]
 * [--progress]`. Parsing and output only; the runner is in experiment/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "qexplain/experiment.h"

static const char usage[] = "usage: qexplain experiment run PLAN.yaml --out DIR [--lang zh|en] [--progress]\n"
                            "\n"
                            "Runs a quantization experiment plan step by step: baseline precision\n"
                            "analysis of every target, fake-quantized variants, numeric diffs against\n"
                            "the baseline and perplexity (when an evaluator is available), and writes\n"
                            "DIR/report.txt (Chinese by default), DIR/results.json, DIR/commands.log\n"
                            "(every command to reproduce it) and DIR/facts.json (the measurements as\n"
                            "fact-base entries). Plan format: docs/gguf.md; examples in\n"
                            "docs/examples/experiments/.\n"
                            "\n"
                            "  --out DIR     output directory (created if missing)\n"
                            "  --lang LANG   report language: zh (default) or en\n"
                            "  --progress    progress on stderr (default: when stderr is a terminal)\n";

int cmd_experiment(int argc, char **argv, struct qx_cli *cli)
{
    if (argc < 2)
        return cli_usage("experiment", "missing subcommand (run)");
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i]))
            return cli_help(usage);
    if (strcmp(argv[1], "run") != 0)
        return cli_usage("experiment", "unknown subcommand '%s'", argv[1]);
    const char *plan_path = NULL, *out = NULL;
    struct qx_exp_opts o = {.progress = isatty(2)};
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--out") || !strcmp(a, "--lang")) {
            if (i + 1 >= argc)
                return cli_usage("experiment", "option '%s' requires a value", a);
            const char *v = argv[++i];
            if (!strcmp(a, "--out")) {
                out = v;
            } else if (!strcmp(v, "en") || !strcmp(v, "zh")) {
                o.lang_en = !strcmp(v, "en");
            } else {
                return cli_usage("experiment", "unknown language '%s' (use zh or en)", v);
            }
        } else if (!strcmp(a, "--progress")) {
            o.progress = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage("experiment", "unknown option '%s'", a);
        } else if (!plan_path) {
            plan_path = a;
        } else {
            return cli_usage("experiment", "unexpected argument '%s'", a);
        }
    }
    if (!plan_path || !out)
        return cli_usage("experiment", "run needs PLAN.yaml and --out DIR");
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_plan *p;
    int rc = qx_plan_load(&p, plan_path, &d);
    if (rc) {
        int code = cli_fail(rc, &d);
        qx_diags_release(&d);
        return code;
    }
    char *script = cli_data_path(cli, "tools/ppl.mjs");
    o.out_dir = out;
    o.ppl_script = script;
    rc = qx_experiment_run(p, &o, &d);
    int code = rc ? cli_fail(rc, &d) : 0;
    if (!rc) {
        cli_print_diags(&d);
        printf("wrote %s/report.txt, %s/results.json, %s/commands.log, %s/facts.json\n", out, out, out, out);
    }
    free(script);
    qx_plan_free(p);
    qx_diags_release(&d);
    return code;
}
