/* main: global options, data-directory resolution and the command table.
 * Modelled on git.c's cmd_struct table: one row per command, dispatch by
 * exact name, and stdout checked for write errors before exit 0. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "qexplain/file.h"

static const struct qx_cmd commands[] = {
    {"generate", cmd_generate, "write an article for a skill from the cited fact base"},
    {"lint", cmd_lint, "check drafts against a skill's rules"},
    {"batch", cmd_batch, "regenerate the articles of a manifest, incrementally"},
    {"facts", cmd_facts, "check, list, show and diff the fact base"},
    {"skills", cmd_skills, "list, show and match article skills"},
    {"prompt", cmd_prompt, "print a skill's prompt with the facts it may cite"},
    {"template", cmd_template, "render a Mustache template with a JSON context"},
    {"gguf", cmd_gguf, "inspect, analyse, fake-quantize and compare GGUF files"},
    {"experiment", cmd_experiment, "run a quantization experiment plan"},
    {"preview", cmd_preview, "wrap an HTML article in a phone-width WeChat preview page"},
};

static void print_main_help(FILE *f)
{
    fprintf(f, "usage: qexplain [--data-dir DIR] [--version] [--help] COMMAND [ARGS]\n\n"
               "Turns the house style of quantization explainers into software: generates\n"
               "articles from a cited fact base, lints drafts, and runs GGUF experiments.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\noptions:\n"
               "  --data-dir DIR  skills/, templates/ and facts/ from DIR (also QEXPLAIN_DATA)\n"
               "  --version       print the version and exit\n"
               "  -h, --help      print this help and exit\n\n"
               "exit codes: 0 ok, 1 findings, 2 usage, 3 invalid input, 4 I/O error, 70 internal error\n"
               "'qexplain COMMAND --help' describes each command.\n");
}

int cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("qexplain: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "qexplain %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nsee 'qexplain %s --help'\n", cmd);
    va_end(ap);
    return QX_EXIT_USAGE;
}

void cli_print_diags(const struct qx_diags *d)
{
    struct qx_buf b;
    qx_buf_init(&b);
    for (size_t i = 0; i < d->n; i++) {
        qx_buf_reset(&b);
        qx_diag_format_line(&b, &d->items[i]);
        fprintf(stderr, "%s\n", b.data);
    }
    qx_buf_release(&b);
}

int cli_fail(int err, struct qx_diags *d)
{
    cli_print_diags(d);
    return qx_exit_code(err);
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return 0;
}

int cli_finish_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "qexplain: error: cannot write to standard output: %s\n", strerror(errno));
        return code ? code : QX_EXIT_IO;
    }
    return code;
}

char *cli_data_path(const struct qx_cli *cli, const char *rel)
{
    return qx_path_join(cli->data_dir, rel);
}

static int has_data(const char *dir)
{
    char *p = qx_path_join(dir, "skills");
    int ok = qx_file_is_dir(p);
    free(p);
    return ok;
}

/* Resolution order: --data-dir, QEXPLAIN_DATA, the source tree when this
 * binary is the one in the build tree, ../share/qexplain next to the binary
 * (a relocated install or a .deb), then the configured install prefix. */
static char *resolve_data_dir(const char *flag)
{
    if (flag)
        return qx_strdup(flag);
    const char *env = getenv("QEXPLAIN_DATA");
    if (env && *env)
        return qx_strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char *cache = qx_asprintf("%s/CMakeCache.txt", exe);
        int in_build_tree = qx_file_exists(cache);
        free(cache);
        if (in_build_tree && has_data(QX_SOURCE_DATA_DIR))
            return qx_strdup(QX_SOURCE_DATA_DIR);
        char *share = qx_asprintf("%s/../share/qexplain", exe);
        if (has_data(share))
            return share;
        free(share);
    }
    if (has_data(QX_INSTALL_DATA_DIR))
        return qx_strdup(QX_INSTALL_DATA_DIR);
    return qx_strdup(QX_SOURCE_DATA_DIR);
}

int main(int argc, char **argv)
{
    const char *data_flag = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (cli_is_help(argv[i])) {
            print_main_help(stdout);
            return cli_finish_stdout(0);
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("qexplain %s\n", QX_VERSION);
            return cli_finish_stdout(0);
        } else if (strcmp(argv[i], "--data-dir") == 0) {
            if (i + 1 >= argc)
                return cli_error(QX_EXIT_USAGE, "option '--data-dir' requires a value");
            data_flag = argv[++i];
        } else if (strncmp(argv[i], "--data-dir=", 11) == 0) {
            data_flag = argv[i] + 11;
        } else {
            fprintf(stderr, "qexplain: error: unknown option '%s'\n", argv[i]);
            print_main_help(stderr);
            return QX_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        print_main_help(stderr);
        return QX_EXIT_USAGE;
    }
    static char help_flag[] = "--help";
    char *help_argv[3] = {NULL, help_flag, NULL};
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 < argc) {
            help_argv[0] = argv[i + 1];
            argv = help_argv;
            argc = 2;
            i = 0;
        } else {
            print_main_help(stdout);
            return cli_finish_stdout(0);
        }
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(argv[i], commands[c].name) == 0) {
            char *dir = resolve_data_dir(data_flag);
            struct qx_cli cli = {.data_dir = dir, .argv0 = argv[0]};
            int code = commands[c].run(argc - i, argv + i, &cli);
            code = cli_finish_stdout(code);
            free(dir);
            return code;
        }
    }
    fprintf(stderr, "qexplain: error: '%s' is not a qexplain command. See 'qexplain --help'.\n", argv[i]);
    return QX_EXIT_USAGE;
}
