/* experiment/perplexity: runs an external evaluator (GGUF.md §6-7.3):
 * llama-perplexity when it is on PATH, else `node tools/ppl.mjs` with the
 * node-llama-cpp package found in $QEXPLAIN_NODE_MODULES, and parses
 * "Final estimate: PPL = X +/- Y". No evaluator is not an error: the
 * result says "unavailable" and why. The child gets an argument vector
 * (no shell); its combined output is captured through a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qexplain/experiment.h"

extern char **environ;

static char *find_in_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        if (len) {
            char *p = qx_asprintf("%.*s/%s", (int)len, path, name);
            if (access(p, X_OK) == 0)
                return p;
            free(p);
        }
        if (!colon)
            break;
        path = colon + 1;
    }
    return NULL;
}

static void quote(struct qx_buf *b, const char *s)
{
    if (*s &&
        strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@+,") == strlen(s)) {
        qx_buf_adds(b, s);
        return;
    }
    qx_buf_addc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            qx_buf_adds(b, "'\\''");
        else
            qx_buf_addc(b, *s);
    }
    qx_buf_addc(b, '\'');
}

/* Runs argv, captures stdout+stderr (bounded to 1 MiB). Returns the exit
 * status, or -1 if it could not run. */
static int run(char *const *argv, struct qx_buf *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        execve(argv[0], argv, environ);
        _exit(127);
    }
    close(fds[1]);
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len < ((size_t)1 << 20))
            qx_buf_add(out, chunk, (size_t)n);
    }
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

static int parse_result(struct qx_ppl *r, const char *text)
{
    const char *p = strstr(text, "Final estimate: PPL = ");
    if (!p)
        return -1;
    if (sscanf(p, "Final estimate: PPL = %lf +/- %lf", &r->ppl, &r->err) != 2)
        return -1;
    const char *j = strstr(text, "\"n_tokens\":");
    if (j)
        r->n_tokens = strtol(j + 11, NULL, 10);
    j = strstr(text, "\"n_chunk\":");
    if (j)
        r->n_chunk = strtol(j + 10, NULL, 10);
    return 0;
}

/* The last `lines` lines of text; owned. */
static char *tail(const char *text, int lines)
{
    size_t n = strlen(text);
    size_t i = n;
    while (i > 0 && lines >= 0) {
        i--;
        if (text[i] == '\n' && i + 1 < n)
            lines--;
    }
    return qx_strdup(text + (i ? i + 1 : 0));
}

int qx_perplexity_run(struct qx_ppl *r, const char *model, const char *text, unsigned ctx, unsigned threads,
                      const char *script, struct qx_diags *d)
{
    memset(r, 0, sizeof *r);
    char cbuf[16], tbuf[16];
    snprintf(cbuf, sizeof cbuf, "%u", ctx);
    snprintf(tbuf, sizeof tbuf, "%u", threads);
    char *exe = find_in_path("llama-perplexity");
    char *node = NULL, *argv[12] = {0};
    int argc = 0;
    if (exe) {
        r->evaluator = qx_strdup("llama-perplexity");
        argv[argc++] = exe;
        argv[argc++] = (char *)"-m";
        argv[argc++] = (char *)model;
        argv[argc++] = (char *)"-f";
        argv[argc++] = (char *)text;
        argv[argc++] = (char *)"-c";
        argv[argc++] = cbuf;
        argv[argc++] = (char *)"-t";
        argv[argc++] = tbuf;
    } else {
        const char *mods = getenv("QEXPLAIN_NODE_MODULES");
        char *pkg = mods && *mods ? qx_asprintf("%s/node-llama-cpp/package.json", mods) : NULL;
        node = find_in_path("node");
        if (!node || !pkg || access(pkg, R_OK) != 0 || !script || access(script, R_OK) != 0) {
            r->why = qx_strdup(!node  ? "no llama-perplexity or node on PATH"
                               : !pkg ? "no llama-perplexity on PATH and QEXPLAIN_NODE_MODULES is not set"
                               : access(pkg, R_OK) != 0
                                   ? "no llama-perplexity on PATH and node-llama-cpp is not installed in "
                                     "QEXPLAIN_NODE_MODULES (tests/gguf/install-oracles.sh)"
                                   : "the evaluator script tools/ppl.mjs is missing");
            free(pkg);
            free(node);
            return 0;
        }
        free(pkg);
        r->evaluator = qx_strdup("node-llama-cpp");
        argv[argc++] = node;
        argv[argc++] = (char *)script;
        argv[argc++] = (char *)model;
        argv[argc++] = (char *)text;
        argv[argc++] = cbuf;
        argv[argc++] = tbuf;
    }
    struct qx_buf cmd, out;
    qx_buf_init(&cmd);
    qx_buf_init(&out);
    for (int i = 0; i < argc; i++) {
        if (i)
            qx_buf_addc(&cmd, ' ');
        quote(&cmd, i == 0 && exe ? "llama-perplexity" : i == 0 ? "node" : argv[i]);
    }
    r->command = qx_buf_detach(&cmd, NULL);
    int st = run(argv, &out);
    r->output = tail(out.data, 12);
    int rc = 0;
    if (st != 0 || parse_result(r, out.data) != 0) {
        qx_diags_add(d, model, 0, 0, QX_SEV_ERROR, "gguf.perplexity",
                     "%s failed (exit status %d) or printed no 'Final estimate' line", r->evaluator, st);
        rc = QX_EIO;
    } else {
        r->available = 1;
    }
    qx_buf_release(&out);
    qx_buf_release(&cmd);
    free(exe);
    free(node);
    return rc;
}

void qx_ppl_release(struct qx_ppl *r)
{
    free(r->evaluator);
    free(r->command);
    free(r->why);
    free(r->output);
    memset(r, 0, sizeof *r);
}
