/* experiment/run: executes a plan step by step, as the seed's workflow
 * asks (baseline analysis first, then variants, each checked against the
 * baseline), recording every measurement in a results tree (cJSON) and the
 * equivalent qexplain command for each step. The report, the facts and
 * results.json are all rendered from that one tree (report.c, facts.c). */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exp_impl.h"
#include "qexplain/hash.h"
#include "qexplain/experiment.h"
#include "qexplain/file.h"
#include "qexplain/json.h"

struct runner {
    const struct qx_plan *p;
    const struct qx_exp_opts *o;
    struct qx_strvec commands;
    struct qx_diags *d;
    int step, steps;
};

static void progress(struct runner *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(struct runner *r, const char *fmt, ...)
{
    r->step++;
    if (!r->o->progress)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%d/%d] ", r->step, r->steps);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void command(struct runner *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void command(struct runner *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qx_strvec_push_owned(&r->commands, qx_vasprintf(fmt, ap));
    va_end(ap);
}

static void slug(struct qx_buf *b, const char *s)
{
    for (; *s; s++)
        qx_buf_addc(b, (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                               *s == '-' || *s == '_'
                           ? *s
                           : '-');
}

static cJSON *ppl_json(struct runner *r, const char *model)
{
    struct qx_ppl res;
    struct qx_diags tmp;
    qx_diags_init(&tmp);
    int rc = qx_perplexity_run(&res, model, r->p->text, r->p->ctx, r->p->threads, r->o->ppl_script, &tmp);
    command(r, "qexplain gguf perplexity %s --text %s --ctx %u --threads %u", model, r->p->text, r->p->ctx,
            r->p->threads);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "available", res.available);
    if (res.available) {
        cJSON_AddNumberToObject(o, "ppl", qx_exp_round(res.ppl, 4));
        cJSON_AddNumberToObject(o, "err", qx_exp_round(res.err, 5));
        cJSON_AddNumberToObject(o, "n_tokens", (double)res.n_tokens);
        cJSON_AddNumberToObject(o, "n_chunk", (double)res.n_chunk);
        cJSON_AddNumberToObject(o, "ctx", r->p->ctx);
        cJSON_AddStringToObject(o, "evaluator", res.evaluator);
        cJSON_AddStringToObject(o, "command", res.command);
        command(r, "  # evaluator: %s", res.command);
    } else {
        cJSON_AddStringToObject(o, "why", rc ? (tmp.n ? tmp.items[0].message : "evaluator failed") : res.why);
    }
    qx_ppl_release(&res);
    qx_diags_release(&tmp);
    return o;
}

static void add_err(cJSON *o, const struct qx_errstats *e)
{
    cJSON_AddNumberToObject(o, "values", (double)e->n);
    cJSON_AddNumberToObject(o, "changed", (double)e->changed);
    cJSON_AddItemToObject(o, "max_abs", qx_exp_num(e->max_abs));
    cJSON_AddItemToObject(o, "rmse", qx_exp_num(qx_errstats_rmse(e)));
    cJSON_AddItemToObject(o, "relative_rmse", qx_exp_num(qx_errstats_rel_rmse(e)));
    cJSON_AddItemToObject(o, "snr_db", qx_exp_num(qx_errstats_snr_db(e)));
    cJSON_AddItemToObject(o, "cosine", qx_exp_num(qx_errstats_cosine(e)));
}

static void merge_err(struct qx_errstats *a, const struct qx_errstats *b)
{
    if (b->max_abs > a->max_abs)
        a->max_abs = b->max_abs;
    a->n += b->n;
    a->identical += b->identical;
    a->changed += b->changed;
    a->sign_flips += b->sign_flips;
    a->sum_abs += b->sum_abs;
    a->sum_sq_diff += b->sum_sq_diff;
    a->sum_sq_a += b->sum_sq_a;
    a->sum_sq_b += b->sum_sq_b;
    a->sum_ab += b->sum_ab;
}

static int variant(struct runner *r, cJSON *variants, const struct qx_plan_model *m,
                   const struct qx_gguf *base, const char *target, const struct qx_gguf_select *sel,
                   const char *scheme_name, const char *stem)
{
    struct qx_scheme s;
    qx_scheme_parse(&s, scheme_name);
    struct qx_buf path;
    qx_buf_init(&path);
    qx_buf_addf(&path, "%s/variants/%s.", r->o->out_dir, stem);
    slug(&path, target);
    qx_buf_adds(&path, ".");
    slug(&path, scheme_name);
    qx_buf_adds(&path, ".gguf");
    progress(r, "%s: fake-quantize '%s' to %s", m->name, target, scheme_name);
    struct qx_fakequant fq;
    int rc = qx_fakequant_run(&fq, m->path, path.data, sel, target, &s, r->d);
    command(r, "qexplain gguf fakequant %s %s --target '%s' --to %s", m->path, path.data, target,
            scheme_name);
    cJSON *v = cJSON_CreateObject();
    cJSON_AddItemToArray(variants, v);
    cJSON_AddStringToObject(v, "scheme", scheme_name);
    if (rc) {
        cJSON_AddStringToObject(v, "error", r->d->n ? r->d->items[r->d->n - 1].message : "failed");
        qx_fakequant_release(&fq);
        qx_buf_release(&path);
        return rc == QX_EIO ? rc : 0;
    }
    cJSON_AddStringToObject(v, "file", path.data);
    cJSON_AddNumberToObject(v, "tensors_processed", (double)fq.processed);
    cJSON_AddNumberToObject(v, "tensors_skipped", (double)fq.skipped);
    cJSON_AddNumberToObject(v, "values", (double)fq.values);
    cJSON_AddNumberToObject(v, "values_changed", (double)fq.changed);
    uint64_t dr = 0;
    for (size_t i = 0; i < fq.n; i++)
        dr += fq.t[i].double_rounded;
    cJSON_AddNumberToObject(v, "double_rounded", (double)dr);
    cJSON_AddBoolToObject(v, "zero_change", fq.processed && fq.changed == 0);
    qx_fakequant_release(&fq);
    struct qx_gguf *var = NULL;
    if (r->p->do_diff && qx_gguf_open(&var, path.data, r->d) == 0) {
        progress(r, "%s: diff '%s' %s against the baseline", m->name, target, scheme_name);
        struct qx_diff df;
        qx_diff_run(&df, base, var, sel, 0.0, r->d);
        struct qx_errstats all;
        qx_errstats_init(&all);
        for (size_t i = 0; i < df.n; i++)
            if (df.t[i].status == QX_DIFF_COMPARED)
                merge_err(&all, &df.t[i].e);
        cJSON *dj = cJSON_AddObjectToObject(v, "diff");
        add_err(dj, &all);
        qx_diff_release(&df);
        command(r, "qexplain gguf diff %s %s --target '%s'", m->path, path.data, target);
        qx_gguf_close(var);
    }
    if (r->p->do_ppl) {
        progress(r, "%s: perplexity of '%s' %s", m->name, target, scheme_name);
        cJSON_AddItemToObject(v, "perplexity", ppl_json(r, path.data));
    }
    if (!r->p->keep_variants) {
        unlink(path.data);
        cJSON_AddBoolToObject(v, "file_kept", 0);
    }
    qx_buf_release(&path);
    return 0;
}

static cJSON *precision_json(struct runner *r, const struct qx_gguf *g, const struct qx_gguf_select *sel,
                             const char *model, const char *target)
{
    struct qx_precision p;
    qx_precision_run(&p, g, sel, r->d);
    command(r, "qexplain gguf precision %s --target '%s'", model, target);
    cJSON *o = cJSON_CreateObject();
    size_t n = 0, bf = 0, f16 = 0, q = 0;
    uint64_t values = 0;
    unsigned mant = 0;
    cJSON *verdicts = cJSON_CreateArray();
    cJSON *roles = cJSON_CreateArray();
    for (size_t i = 0; i < p.ng; i++) {
        const struct qx_prec_group *grp = &p.g[i];
        n += grp->n;
        bf += grp->bf16_all;
        f16 += grp->f16_all;
        q += grp->quantized;
        values += grp->st.n;
        if (qx_stats_max_mant(&grp->st) > mant)
            mant = qx_stats_max_mant(&grp->st);
        char *v = qx_precision_verdict(grp);
        cJSON_AddItemToArray(verdicts, cJSON_CreateString(v));
        free(v);
        cJSON *rj = cJSON_CreateObject();
        char tb[16];
        cJSON_AddStringToObject(rj, "role", grp->role);
        cJSON_AddStringToObject(rj, "type", qx_gguf_type_label(grp->type, tb, sizeof tb));
        cJSON_AddNumberToObject(rj, "tensors", (double)grp->n);
        cJSON_AddNumberToObject(rj, "bf16_exact", (double)grp->bf16_all);
        cJSON_AddNumberToObject(rj, "f16_exact", (double)grp->f16_all);
        cJSON_AddNumberToObject(rj, "quantized", (double)grp->quantized);
        cJSON_AddNumberToObject(rj, "max_mantissa_bits", qx_stats_max_mant(&grp->st));
        cJSON_AddItemToArray(roles, rj);
    }
    cJSON_AddNumberToObject(o, "tensors", (double)n);
    cJSON_AddNumberToObject(o, "values", (double)values);
    cJSON_AddNumberToObject(o, "tensors_bf16_exact", (double)bf);
    cJSON_AddNumberToObject(o, "tensors_f16_exact", (double)f16);
    cJSON_AddNumberToObject(o, "tensors_quantized", (double)q);
    cJSON_AddNumberToObject(o, "max_mantissa_bits", mant);
    cJSON_AddItemToObject(o, "roles", roles);
    cJSON_AddItemToObject(o, "verdicts", verdicts);
    qx_precision_release(&p);
    return o;
}

static double effective_bpw(const struct qx_gguf *g)
{
    uint64_t bytes = 0, elems = 0;
    for (size_t i = 0; i < g->n_tensors; i++) {
        bytes += g->tensors[i].nbytes;
        elems += g->tensors[i].nelem;
    }
    return elems ? (double)bytes * 8.0 / (double)elems : 0.0;
}

static int run_model(struct runner *r, cJSON *models, const struct qx_plan_model *m, size_t index)
{
    cJSON *mj = cJSON_CreateObject();
    cJSON_AddItemToArray(models, mj);
    cJSON_AddStringToObject(mj, "name", m->name);
    cJSON_AddStringToObject(mj, "path", m->path);
    progress(r, "%s: inspect and hash '%s'", m->name, m->path);
    struct qx_gguf *g;
    int rc = qx_gguf_open(&g, m->path, r->d);
    command(r, "qexplain gguf inspect %s", m->path);
    if (rc) {
        cJSON_AddStringToObject(mj, "error", r->d->n ? r->d->items[r->d->n - 1].message : "unreadable");
        return rc;
    }
    char sha[65];
    if ((rc = qx_hash_file_sha256_hex(sha, m->path, r->d))) {
        qx_gguf_close(g);
        return rc;
    }
    command(r, "sha256sum %s", m->path);
    cJSON_AddStringToObject(mj, "sha256", sha);
    cJSON_AddNumberToObject(mj, "size", (double)g->size);
    cJSON_AddNumberToObject(mj, "tensors", (double)g->n_tensors);
    cJSON_AddNumberToObject(mj, "effective_bpw", qx_exp_round(effective_bpw(g), 4));
    if (r->p->do_ppl) {
        progress(r, "%s: baseline perplexity", m->name);
        cJSON_AddItemToObject(mj, "perplexity", ppl_json(r, m->path));
    }
    struct qx_buf stem;
    qx_buf_init(&stem);
    qx_buf_addf(&stem, "m%zu-", index + 1);
    const char *base = strrchr(m->path, '/');
    slug(&stem, base ? base + 1 : m->path);
    cJSON *targets = cJSON_AddArrayToObject(mj, "targets");
    for (size_t t = 0; t < r->p->targets.n && !rc; t++) {
        const char *target = r->p->targets.items[t];
        struct qx_gguf_select *sel;
        qx_gguf_select_compile(&sel, target, r->d);
        cJSON *tj = cJSON_CreateObject();
        cJSON_AddItemToArray(targets, tj);
        cJSON_AddStringToObject(tj, "target", target);
        progress(r, "%s: precision of '%s'", m->name, target);
        cJSON *pj = precision_json(r, g, sel, m->path, target);
        cJSON_AddItemToObject(tj, "precision", pj);
        if (cJSON_GetObjectItem(pj, "tensors")->valuedouble == 0) {
            cJSON_AddStringToObject(tj, "error", "the target matches no tensor");
            r->step += (int)r->p->schemes.n * (1 + r->p->do_diff + r->p->do_ppl);
            qx_gguf_select_free(sel);
            continue;
        }
        cJSON *variants = cJSON_AddArrayToObject(tj, "variants");
        for (size_t s = 0; s < r->p->schemes.n && !rc; s++)
            rc = variant(r, variants, m, g, target, sel, r->p->schemes.items[s], stem.data);
        qx_gguf_select_free(sel);
    }
    qx_buf_release(&stem);
    qx_gguf_close(g);
    return rc;
}

static int write_text(const char *dir, const char *name, const char *text, struct qx_diags *d)
{
    char *p = qx_path_join(dir, name);
    int rc = qx_file_write_atomic(p, text, strlen(text), d);
    free(p);
    return rc;
}

int qx_experiment_run(const struct qx_plan *p, const struct qx_exp_opts *o, struct qx_diags *d)
{
    struct runner r = {.p = p, .o = o, .d = d};
    qx_strvec_init(&r.commands);
    r.steps = (int)p->nmodels *
              (1 + p->do_ppl + (int)p->targets.n * (1 + (int)p->schemes.n * (1 + p->do_diff + p->do_ppl)));
    int missing = 0;
    for (size_t i = 0; i < p->nmodels; i++)
        if (access(p->models[i].path, R_OK) != 0) {
            qx_diags_add(d, p->models[i].path, 0, 0, QX_SEV_ERROR, "io", "cannot read model '%s' of the plan",
                         p->models[i].name);
            missing = 1;
        }
    if (p->do_ppl && access(p->text, R_OK) != 0) {
        qx_diags_add(d, p->text, 0, 0, QX_SEV_ERROR, "io", "cannot read the evaluation text");
        missing = 1;
    }
    if (missing) {
        qx_strvec_release(&r.commands);
        return QX_EIO;
    }
    char *vdir = qx_path_join(o->out_dir, "variants");
    if ((mkdir(o->out_dir, 0777) != 0 && !qx_file_is_dir(o->out_dir)) ||
        (mkdir(vdir, 0777) != 0 && !qx_file_is_dir(vdir))) {
        qx_diags_add(d, o->out_dir, 0, 0, QX_SEV_ERROR, "io", "cannot create the output directory");
        free(vdir);
        qx_strvec_release(&r.commands);
        return QX_EIO;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "plan", p->name);
    cJSON_AddStringToObject(root, "title", p->title);
    cJSON_AddStringToObject(root, "plan_file", p->file);
    cJSON_AddStringToObject(root, "tool", "qexplain " QX_VERSION);
    int year = p->year;
    if (!year) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        year = tm.tm_year + 1900;
    }
    cJSON_AddNumberToObject(root, "year", year);
    cJSON *models = cJSON_AddArrayToObject(root, "models");
    int rc = 0;
    for (size_t i = 0; i < p->nmodels && !rc; i++)
        rc = run_model(&r, models, &p->models[i], i);
    if (!p->keep_variants)
        rmdir(vdir);
    free(vdir);
    cJSON *cmds = cJSON_AddArrayToObject(root, "commands");
    struct qx_buf log;
    qx_buf_init(&log);
    qx_buf_addf(&log, "# qexplain experiment run %s --out %s%s\n", p->file, o->out_dir,
                o->lang_en ? " --lang en" : "");
    qx_buf_adds(&log, "# each step as a separate command, in order:\n");
    for (size_t i = 0; i < r.commands.n; i++) {
        cJSON_AddItemToArray(cmds, cJSON_CreateString(r.commands.items[i]));
        qx_buf_addf(&log, "%s\n", r.commands.items[i]);
    }
    if (!rc) {
        char *json = qx_json_print(root, 1);
        struct qx_buf b;
        qx_buf_init(&b);
        qx_exp_report(&b, root, o->lang_en);
        char *facts = qx_exp_facts(root);
        rc = write_text(o->out_dir, "results.json", json, d);
        if (!rc)
            rc = write_text(o->out_dir, "report.txt", b.data, d);
        if (!rc)
            rc = write_text(o->out_dir, "commands.log", log.data, d);
        if (!rc)
            rc = write_text(o->out_dir, "facts.json", facts, d);
        free(json);
        free(facts);
        qx_buf_release(&b);
    }
    qx_buf_release(&log);
    cJSON_Delete(root);
    qx_strvec_release(&r.commands);
    return rc;
}
