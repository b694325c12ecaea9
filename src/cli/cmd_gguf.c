/* cmd_gguf: `qexplain gguf inspect|precision|fakequant|diff|perplexity`.
 * Argument parsing and output only; the work is in the gguf and experiment
 * modules. GGUF errors print as one line, "FILE: message" (binary files
 * have no line:column; messages name byte offsets instead). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "qexplain/experiment.h"
#include "qexplain/gguf.h"

static const char usage[] =
    "usage: qexplain gguf inspect FILE [--format human|json] [--tensors]\n"
    "       qexplain gguf precision FILE [--target SEL] [--format human|json]\n"
    "       qexplain gguf fakequant IN OUT --target SEL --to SCHEME [--format human|json]\n"
    "       qexplain gguf diff A B [--target SEL] [--tolerance X] [--format human|json]\n"
    "       qexplain gguf perplexity MODEL --text FILE [--ctx N] [--threads N]\n"
    "\n"
    "Strict, read-only GGUF analysis and fake quantization (docs/gguf.md).\n"
    "\n"
    "  inspect     header only: metadata, type distribution, size and effective\n"
    "              bits per weight per group; --tensors adds the tensor table\n"
    "  precision   per tensor and per role: BF16/F16 exactness, mantissa bits,\n"
    "              exponent range, zeros/NaN/Inf, and a verdict per role\n"
    "  fakequant   writes OUT with the selected tensors quantized then\n"
    "              dequantized, stored in their own type; reports per tensor the\n"
    "              values changed, the error and the double rounding\n"
    "  diff        metadata differences, then per tensor max/mean abs error,\n"
    "              RMSE, relative RMSE, SNR, cosine; exit 1 beyond --tolerance\n"
    "              (default 0: any difference)\n"
    "  perplexity  llama-perplexity from PATH, else node tools/ppl.mjs with\n"
    "              node-llama-cpp from $QEXPLAIN_NODE_MODULES; exit 4 when\n"
    "              neither is available\n"
    "\n"
    "SEL: comma-separated groups (embed output norm attn_norm ffn_norm output_norm\n"
    "     attn_q attn_k attn_v attn_output attn_qkv attn ffn matmul all), each\n"
    "     optionally limited to layers (ffn@0-3); any other item is a POSIX\n"
    "     extended regular expression on the tensor name\n"
    "SCHEME: bf16 f16 q8_0 q4_0 q4_1 q5_0 q5_1 intN[:gG][:sym|asym] (N 2..8)\n"
    "\n"
    "exit codes: 0 ok, 1 tensors differ (diff), 2 usage, 3 invalid GGUF, 4 I/O\n";

/* One line per diagnostic: "FILE: message", "FILE: warning: message". */
static void print_diags(const struct qx_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct qx_diag *g = &d->items[i];
        const char *sev = g->sev == QX_SEV_ERROR ? "" : g->sev == QX_SEV_WARNING ? "warning: " : "note: ";
        fprintf(stderr, "%s: %s%s\n", g->file ? g->file : "qexplain gguf", sev, g->message);
    }
}

static int fail(int rc, struct qx_diags *d)
{
    print_diags(d);
    qx_diags_release(d);
    return qx_exit_code(rc);
}

struct opts {
    const char *pos[3];
    int npos;
    int json, tensors;
    const char *target, *to, *text;
    double tolerance;
    unsigned ctx, threads;
};

static int parse_uint(const char *s, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v == 0 || v > 1u << 20)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse(struct opts *o, int argc, char **argv, int want_pos, const char *allowed)
{
    memset(o, 0, sizeof *o);
    o->ctx = 128;
    o->threads = 1;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            if (o->npos >= want_pos)
                return cli_usage("gguf", "unexpected argument '%s'", a);
            o->pos[o->npos++] = a;
            continue;
        }
        if (!strstr(allowed, a) || (strcmp(a, "--tensors") && i + 1 >= argc)) {
            if (!strstr(allowed, a))
                return cli_usage("gguf", "unknown option '%s' for '%s'", a, argv[1]);
            return cli_usage("gguf", "option '%s' requires a value", a);
        }
        if (!strcmp(a, "--tensors")) {
            o->tensors = 1;
            continue;
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--format")) {
            if (strcmp(v, "human") && strcmp(v, "json"))
                return cli_usage("gguf", "unknown format '%s' (use human or json)", v);
            o->json = !strcmp(v, "json");
        } else if (!strcmp(a, "--target")) {
            o->target = v;
        } else if (!strcmp(a, "--to")) {
            o->to = v;
        } else if (!strcmp(a, "--text")) {
            o->text = v;
        } else if (!strcmp(a, "--tolerance")) {
            char *end;
            o->tolerance = strtod(v, &end);
            if (!*v || *end || !(o->tolerance >= 0))
                return cli_usage("gguf", "invalid tolerance '%s'", v);
        } else if (!strcmp(a, "--ctx") || !strcmp(a, "--threads")) {
            if (parse_uint(v, !strcmp(a, "--ctx") ? &o->ctx : &o->threads))
                return cli_usage("gguf", "invalid value '%s' for '%s'", v, a);
        }
    }
    if (o->npos != want_pos)
        return cli_usage("gguf", "'%s' needs %d file argument%s", argv[1], want_pos,
                         want_pos == 1 ? "" : "s");
    return 0;
}

static void emit(struct qx_buf *b)
{
    fwrite(b->data, 1, b->len, stdout);
    qx_buf_release(b);
}

static int cmd_inspect(int argc, char **argv)
{
    struct opts o;
    int rc = parse(&o, argc, argv, 1, "--format --tensors");
    if (rc)
        return rc;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g;
    if ((rc = qx_gguf_open(&g, o.pos[0], &d)))
        return fail(rc, &d);
    print_diags(&d);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_inspect_render(&b, g, o.json, o.tensors);
    emit(&b);
    qx_gguf_close(g);
    qx_diags_release(&d);
    return 0;
}

static int open_with_target(struct qx_gguf **g, struct qx_gguf_select **sel, const char *path,
                            const char *target, struct qx_diags *d)
{
    *g = NULL;
    *sel = NULL;
    int rc = target ? qx_gguf_select_compile(sel, target, d) : 0;
    if (!rc && path)
        rc = qx_gguf_open(g, path, d);
    return rc;
}

static int cmd_precision(int argc, char **argv)
{
    struct opts o;
    int rc = parse(&o, argc, argv, 1, "--format --target");
    if (rc)
        return rc;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g;
    struct qx_gguf_select *sel;
    if ((rc = open_with_target(&g, &sel, o.pos[0], o.target, &d))) {
        qx_gguf_select_free(sel);
        return fail(rc, &d);
    }
    print_diags(&d);
    struct qx_precision p;
    qx_precision_run(&p, g, sel, &d);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_precision_render(&b, &p, g, o.json);
    emit(&b);
    if (p.n == 0)
        fprintf(stderr, "%s: warning: target '%s' matches no tensor\n", o.pos[0], o.target);
    qx_precision_release(&p);
    qx_gguf_select_free(sel);
    qx_gguf_close(g);
    qx_diags_release(&d);
    return 0;
}

static int cmd_fakequant(int argc, char **argv)
{
    struct opts o;
    int rc = parse(&o, argc, argv, 2, "--format --target --to");
    if (rc)
        return rc;
    if (!o.target || !o.to)
        return cli_usage("gguf", "fakequant needs --target and --to");
    struct qx_scheme s;
    if (qx_scheme_parse(&s, o.to))
        return cli_usage("gguf", "unknown scheme '%s'", o.to);
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *none;
    struct qx_gguf_select *sel;
    if ((rc = open_with_target(&none, &sel, NULL, o.target, &d)))
        return fail(rc, &d);
    struct qx_fakequant f;
    rc = qx_fakequant_run(&f, o.pos[0], o.pos[1], sel, o.target, &s, &d);
    qx_gguf_select_free(sel);
    if (rc) {
        qx_fakequant_release(&f);
        return fail(rc, &d);
    }
    print_diags(&d);
    struct qx_buf b;
    qx_buf_init(&b);
    qx_fakequant_render(&b, &f, o.json);
    emit(&b);
    qx_fakequant_release(&f);
    qx_diags_release(&d);
    return 0;
}

static int cmd_diff(int argc, char **argv)
{
    struct opts o;
    int rc = parse(&o, argc, argv, 2, "--format --target --tolerance");
    if (rc)
        return rc;
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *a, *b = NULL;
    struct qx_gguf_select *sel;
    rc = open_with_target(&a, &sel, o.pos[0], o.target, &d);
    if (!rc)
        rc = qx_gguf_open(&b, o.pos[1], &d);
    if (rc) {
        qx_gguf_close(a);
        qx_gguf_select_free(sel);
        return fail(rc, &d);
    }
    print_diags(&d);
    struct qx_diff df;
    qx_diff_run(&df, a, b, sel, o.tolerance, &d);
    struct qx_buf out;
    qx_buf_init(&out);
    qx_diff_render(&out, &df, o.json);
    emit(&out);
    int code = df.beyond ? QX_EXIT_FINDINGS : 0;
    qx_diff_release(&df);
    qx_gguf_select_free(sel);
    qx_gguf_close(a);
    qx_gguf_close(b);
    qx_diags_release(&d);
    return code;
}

static int cmd_perplexity(int argc, char **argv, struct qx_cli *cli)
{
    struct opts o;
    int rc = parse(&o, argc, argv, 1, "--text --ctx --threads");
    if (rc)
        return rc;
    if (!o.text)
        return cli_usage("gguf", "perplexity needs --text FILE");
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_gguf *g;
    if ((rc = qx_gguf_open(&g, o.pos[0], &d)))
        return fail(rc, &d);
    qx_gguf_close(g);
    if (access(o.text, R_OK) != 0) {
        qx_diags_add(&d, o.text, 0, 0, QX_SEV_ERROR, "io", "cannot read the evaluation text");
        return fail(QX_EIO, &d);
    }
    char *script = cli_data_path(cli, "tools/ppl.mjs");
    struct qx_ppl r;
    rc = qx_perplexity_run(&r, o.pos[0], o.text, o.ctx, o.threads, script, &d);
    free(script);
    int code = 0;
    if (rc) {
        if (r.output)
            fputs(r.output, stderr);
        code = fail(rc, &d);
        qx_ppl_release(&r);
        return code;
    }
    if (!r.available) {
        printf("perplexity: unavailable (%s)\n", r.why);
        code = QX_EXIT_IO;
    } else {
        printf("perplexity: %.4f +/- %.5f (%ld tokens in %ld chunks of %u, %s)\n", r.ppl, r.err, r.n_tokens,
               r.n_chunk, o.ctx, r.evaluator);
        printf("command: %s\n", r.command);
    }
    qx_ppl_release(&r);
    qx_diags_release(&d);
    return code;
}

int cmd_gguf(int argc, char **argv, struct qx_cli *cli)
{
    if (argc < 2)
        return cli_usage("gguf", "missing subcommand (inspect, precision, fakequant, diff, perplexity)");
    if (cli_is_help(argv[1]))
        return cli_help(usage);
    for (int i = 2; i < argc; i++)
        if (cli_is_help(argv[i]))
            return cli_help(usage);
    const char *sub = argv[1];
    if (!strcmp(sub, "inspect"))
        return cmd_inspect(argc, argv);
    if (!strcmp(sub, "precision"))
        return cmd_precision(argc, argv);
    if (!strcmp(sub, "fakequant"))
        return cmd_fakequant(argc, argv);
    if (!strcmp(sub, "diff"))
        return cmd_diff(argc, argv);
    if (!strcmp(sub, "perplexity"))
        return cmd_perplexity(argc, argv, cli);
    return cli_usage("gguf", "unknown subcommand '%s'", sub);
}
