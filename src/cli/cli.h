/* cli: the thin front end. Each command lives in cmd_NAME.c and is reached
 * through the table in main.c. Commands print; library code never does. */
#ifndef QEXPLAIN_CLI_H
#define QEXPLAIN_CLI_H

#include <stdio.h>

#include "qexplain/diag.h"
#include "qexplain/util.h"

struct qx_cli {
    const char *data_dir; /* resolved: flag, QEXPLAIN_DATA, build tree, install prefix */
    const char *argv0;
};

struct qx_cmd {
    const char *name;
    int (*run)(int argc, char **argv, struct qx_cli *cli);
    const char *summary;
};

/* Each command's entry point: argv[0] is the command name. Returns an exit code. */
int cmd_generate(int argc, char **argv, struct qx_cli *cli);
int cmd_lint(int argc, char **argv, struct qx_cli *cli);
int cmd_batch(int argc, char **argv, struct qx_cli *cli);
int cmd_facts(int argc, char **argv, struct qx_cli *cli);
int cmd_skills(int argc, char **argv, struct qx_cli *cli);
int cmd_prompt(int argc, char **argv, struct qx_cli *cli);
int cmd_template(int argc, char **argv, struct qx_cli *cli);
int cmd_gguf(int argc, char **argv, struct qx_cli *cli);
int cmd_experiment(int argc, char **argv, struct qx_cli *cli);
int cmd_preview(int argc, char **argv, struct qx_cli *cli);

/* "qexplain: error: ..." on stderr; returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "qexplain CMD: ...\nsee 'qexplain CMD --help'" on stderr; returns QX_EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints each diagnostic as one line on stderr. */
void cli_print_diags(const struct qx_diags *d);
/* Prints diagnostics and returns the exit code for err. */
int cli_fail(int err, struct qx_diags *d);
/* Returns 1 if argv[i] is -h or --help. */
int cli_is_help(const char *arg);
/* Writes help text to stdout and returns 0. */
int cli_help(const char *text);
/* Flushes stdout; a write error (e.g. /dev/full) becomes exit 4. */
int cli_finish_stdout(int code);
/* Joins cli->data_dir with a relative path; owned. */
char *cli_data_path(const struct qx_cli *cli, const char *rel);

#endif
