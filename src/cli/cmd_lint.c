/* cmd_lint: `qexplain lint`, the front end of the lint module: options,
 * profile (skill, --enable/--disable), fact base, per-file lint or fix,
 * baseline, rendering and exit codes. Depends on lint, render, skill, facts
 * and file. Exit: 0 clean (warnings allowed), 1 error-level findings (or
 * changes pending under --fix-dry-run), 2 usage, 3 bad input data, 4 I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qexplain/file.h"
#include "qexplain/lint.h"
#include "qexplain/render.h"

static const char lint_help[] =
    "usage: qexplain lint [--skill NAME] [--format human|json|sarif|rdjson|github]\n"
    "                     [--fix | --fix-dry-run] [--baseline FILE [--update-baseline]]\n"
    "                     [--disable RULE]... [--enable RULE]... [--facts DIR] FILE...|-\n"
    "       qexplain lint --list-rules\n\n"
    "Checks Chinese drafts (plain text or Markdown, UTF-8 with or without BOM, LF or\n"
    "CRLF) against the rule profile of a skill (its qexplain.lint block), or the\n"
    "default profile without --skill. '-' reads standard input. Rules, sources and\n"
    "defaults: docs/lint-rules.md.\n\n"
    "options:\n"
    "  --skill NAME       a skill name, alias or path (skills/ of the data directory)\n"
    "  --format F         human (default: file:line:col, the line and a caret), json,\n"
    "                     sarif (2.1.0), rdjson (reviewdog) or github (workflow commands)\n"
    "  --fix              apply the mechanical fixes in place (atomic write), then\n"
    "                     report what is left; with '-', print the fixed text\n"
    "  --fix-dry-run      print the fixes as a unified diff; change nothing\n"
    "  --baseline FILE    drop findings recorded in FILE; when FILE does not exist,\n"
    "                     record today's findings in it and exit 0\n"
    "  --update-baseline  rewrite FILE with today's findings\n"
    "  --disable RULE     switch a rule off (repeatable)\n"
    "  --enable RULE      switch a rule on at its default severity (repeatable)\n"
    "  --facts DIR        the fact base (default: facts/ of the data directory)\n"
    "  --list-rules       print the rule table and exit\n"
    "  -h, --help         print this help\n\n"
    "inline suppression:\n"
    "  <!-- qexplain-disable RULE 原因 -->             until qexplain-enable RULE\n"
    "  <!-- qexplain-disable-next-line RULE 原因 -->   the next line only\n\n"
    "exit status: 0 no error-level finding, 1 error-level findings (--fix-dry-run:\n"
    "fixes pending), 2 usage, 3 invalid skill, fact base or baseline, 4 I/O error\n";

struct lopts {
    const char *skill, *baseline, *facts;
    enum qx_render_format format;
    int fix, dry_run, update_baseline, list_rules;
    struct qx_strvec enable, disable, files;
};

static int parse(struct lopts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        struct qx_strvec *vec = NULL;
        if (cli_is_help(a))
            return 1;
        if (strcmp(a, "--skill") == 0)
            slot = &o->skill;
        else if (strcmp(a, "--baseline") == 0)
            slot = &o->baseline;
        else if (strcmp(a, "--facts") == 0)
            slot = &o->facts;
        else if (strcmp(a, "--enable") == 0)
            vec = &o->enable;
        else if (strcmp(a, "--disable") == 0)
            vec = &o->disable;
        else if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage("lint", "option '--format' requires a value");
            if (qx_render_format_parse(argv[++i], &o->format))
                return cli_usage("lint", "unknown format '%s'; use human, json, sarif, rdjson or github", argv[i]);
            continue;
        } else if (strcmp(a, "--fix") == 0)
            o->fix = 1;
        else if (strcmp(a, "--fix-dry-run") == 0)
            o->dry_run = 1;
        else if (strcmp(a, "--update-baseline") == 0)
            o->update_baseline = 1;
        else if (strcmp(a, "--list-rules") == 0)
            o->list_rules = 1;
        else if (a[0] == '-' && a[1] && strcmp(a, "--") != 0)
            return cli_usage("lint", "unknown option '%s'", a);
        else
            qx_strvec_push(&o->files, a);
        if (slot || vec) {
            if (i + 1 >= argc)
                return cli_usage("lint", "option '%s' requires a value", a);
            if (slot)
                *slot = argv[++i];
            else
                qx_strvec_push(vec, argv[++i]);
        }
    }
    if (o->list_rules)
        return 0;
    if (o->fix && o->dry_run)
        return cli_usage("lint", "'--fix' and '--fix-dry-run' cannot be combined");
    if (o->update_baseline && !o->baseline)
        return cli_usage("lint", "'--update-baseline' needs '--baseline FILE'");
    if (!o->files.n)
        return cli_usage("lint", "no input: give FILE... or '-' for standard input");
    return 0;
}

static int apply_switches(struct qx_lint_profile *p, const struct qx_strvec *v, int on)
{
    for (size_t i = 0; i < v->n; i++) {
        int r = qx_lint_rule_find(v->items[i]);
        if (r < 0)
            return cli_usage("lint", "unknown rule '%s'; see 'qexplain lint --list-rules'", v->items[i]);
        if (!on) {
            p->r[r].on = 0;
        } else if (!p->r[r].on) {
            p->r[r].on = 1;
            p->r[r].sev = qx_lint_rule_info((enum qx_lint_rule)r)->sev;
        }
    }
    return 0;
}

/* Rule metadata for SARIF, from the rule table. */
static struct qx_render_rule *render_rules(struct qx_strvec *keep)
{
    struct qx_render_rule *rr = qx_calloc(QX_R_COUNT, sizeof *rr);
    for (int r = 0; r < QX_R_COUNT; r++) {
        const struct qx_lint_rule_info *ri = qx_lint_rule_info((enum qx_lint_rule)r);
        char *help = qx_asprintf("%s. Source: %s. Triggers: %s — does not trigger: %s. %s", ri->summary, ri->source,
                                 ri->bad, ri->good, ri->fixable ? "--fix applies it." : "Not fixed automatically.");
        qx_strvec_push_owned(keep, help);
        rr[r].id = ri->id;
        rr[r].summary = ri->summary;
        rr[r].help = help;
        rr[r].sev = ri->sev;
        rr[r].fixable = ri->fixable;
    }
    return rr;
}

struct input {
    char *name;
    struct qx_buf text;
};

static int need_facts(const struct qx_lint_profile *p)
{
    return p->r[QX_R_ACRONYM].on || p->r[QX_R_HEADING_ACRONYM].on || p->r[QX_R_FIGURES_TRACEABLE].on ||
           p->r[QX_R_SOURCES_KNOWN].on;
}

static int load_context(struct lopts *o, struct qx_cli *cli, struct qx_lint_profile *prof, struct qx_skill **skill,
                        struct qx_lint_sections *secs, struct qx_facts **facts, struct qx_diags *d)
{
    qx_lint_profile_builtin(prof, QX_COL_DEFAULT);
    if (o->skill) {
        char *dir = cli_data_path(cli, "skills");
        int rc = qx_skill_resolve(skill, dir, o->skill, d);
        free(dir);
        if (rc)
            return rc;
        rc = qx_lint_profile_from_skill(prof, *skill, d);
        if (!rc)
            rc = qx_lint_sections_from_skill(secs, *skill, d);
        if (rc)
            return rc;
    }
    int rc = apply_switches(prof, &o->disable, 0);
    if (!rc)
        rc = apply_switches(prof, &o->enable, 1);
    if (rc)
        return rc == QX_EXIT_USAGE ? QX_EUSAGE : rc;
    if (need_facts(prof)) {
        char *dir = o->facts ? qx_strdup(o->facts) : cli_data_path(cli, "facts");
        rc = qx_facts_load(facts, dir, d);
        free(dir);
        if (rc)
            return rc;
    }
    return 0;
}

static int baseline_step(struct lopts *o, struct qx_diags *found, struct qx_diags *d, int *wrote)
{
    *wrote = 0;
    if (!o->baseline)
        return 0;
    if (!o->update_baseline && qx_file_exists(o->baseline)) {
        struct qx_buf b;
        qx_buf_init(&b);
        int rc = qx_file_read(&b, o->baseline, QX_FILE_MAX_TEXT, d);
        if (!rc)
            rc = qx_lint_baseline_filter(found, o->baseline, b.data, b.len, NULL, d);
        qx_buf_release(&b);
        return rc;
    }
    struct qx_buf b;
    qx_buf_init(&b);
    qx_lint_baseline_write(&b, found);
    int rc = qx_file_write_atomic(o->baseline, b.data, b.len, d);
    qx_buf_release(&b);
    if (!rc) {
        fprintf(stderr, "qexplain lint: wrote baseline '%s' with %zu finding%s\n", o->baseline, found->n,
                found->n == 1 ? "" : "s");
        *wrote = 1;
    }
    return rc;
}

/* Lints (or fixes) one input; findings go to found. */
static int one_file(struct lopts *o, const struct qx_lint_opts *lo, struct input *in, struct qx_diags *found,
                    struct qx_buf *diff, struct qx_diags *d)
{
    int is_stdin = strcmp(in->name, "<stdin>") == 0;
    if (o->fix || o->dry_run) {
        struct qx_buf fixed;
        size_t applied = 0;
        qx_buf_init(&fixed);
        int rc = qx_lint_fix(&fixed, &applied, in->name, in->text.data, in->text.len, lo, d);
        if (!rc && o->dry_run)
            qx_lint_diff(diff, in->name, in->text.data, in->text.len, fixed.data, fixed.len);
        else if (!rc && is_stdin)
            fwrite(fixed.data, 1, fixed.len, stdout);
        else if (!rc && applied)
            rc = qx_file_write_atomic(in->name, fixed.data, fixed.len, d);
        if (!rc && !o->dry_run) {
            qx_buf_release(&in->text);
            in->text = fixed;
            qx_buf_init(&fixed);
        }
        qx_buf_release(&fixed);
        if (rc)
            return rc;
    }
    return qx_lint_text(found, in->name, in->text.data, in->text.len, lo, d);
}

int cmd_lint(int argc, char **argv, struct qx_cli *cli)
{
    struct lopts o;
    memset(&o, 0, sizeof o);
    qx_strvec_init(&o.enable);
    qx_strvec_init(&o.disable);
    qx_strvec_init(&o.files);
    struct qx_diags d, found;
    qx_diags_init(&d);
    qx_diags_init(&found);
    struct qx_skill *skill = NULL;
    struct qx_facts *facts = NULL;
    struct qx_lint_sections secs = {NULL, 0};
    struct qx_lint_profile prof;
    struct input *in = NULL;
    struct qx_strvec keep;
    qx_strvec_init(&keep);
    size_t nin = 0;
    int code = parse(&o, argc, argv);
    if (code) {
        if (code == 1)
            code = cli_help(lint_help);
        goto done;
    }
    if (o.list_rules) {
        struct qx_buf b;
        qx_buf_init(&b);
        qx_lint_rules_table(&b, 1);
        fputs(b.data, stdout);
        qx_buf_release(&b);
        code = cli_finish_stdout(0);
        goto done;
    }
    int rc = load_context(&o, cli, &prof, &skill, &secs, &facts, &d);
    if (rc) {
        code = cli_fail(rc, &d);
        goto done;
    }
    struct qx_lint_opts lo = {&prof, facts, secs.n ? &secs : NULL, skill ? (skill->alias ? skill->alias : skill->name) : NULL};
    in = qx_calloc(o.files.n, sizeof *in);
    struct qx_buf diff;
    qx_buf_init(&diff);
    for (size_t i = 0; i < o.files.n && !rc; i++, nin++) {
        int is_stdin = strcmp(o.files.items[i], "-") == 0;
        in[i].name = qx_strdup(is_stdin ? "<stdin>" : o.files.items[i]);
        qx_buf_init(&in[i].text);
        rc = qx_file_read(&in[i].text, o.files.items[i], QX_FILE_MAX_TEXT, &d);
        if (!rc)
            rc = one_file(&o, &lo, &in[i], &found, &diff, &d);
    }
    int wrote = 0;
    if (!rc)
        rc = baseline_step(&o, &found, &d, &wrote);
    if (rc) {
        qx_buf_release(&diff);
        code = cli_fail(rc, &d);
        goto done;
    }
    if (o.dry_run) {
        fputs(diff.data, stdout);
        code = cli_finish_stdout(diff.len ? QX_EXIT_FINDINGS : 0);
        qx_buf_release(&diff);
        goto done;
    }
    qx_buf_release(&diff);
    if (wrote) {
        code = 0;
        goto done;
    }
    qx_diags_sort(&found);
    struct qx_render_source *src = qx_calloc(nin + 1, sizeof *src);
    for (size_t i = 0; i < nin; i++) {
        src[i].file = in[i].name;
        src[i].text = in[i].text.data;
        src[i].len = in[i].text.len;
    }
    struct qx_render_rule *rr = render_rules(&keep);
    struct qx_render_opts ro = {o.format, "qexplain", QX_VERSION, NULL, rr, QX_R_COUNT, src, nin};
    struct qx_buf out;
    qx_buf_init(&out);
    qx_render(&out, &found, &ro);
    int stdin_fixed = o.fix && nin == 1 && strcmp(in[0].name, "<stdin>") == 0;
    fputs(out.data, stdin_fixed ? stderr : stdout);
    qx_buf_release(&out);
    free(rr);
    free(src);
    code = cli_finish_stdout(qx_diags_count(&found, QX_SEV_ERROR) ? QX_EXIT_FINDINGS : 0);
done:
    for (size_t i = 0; i < nin; i++) {
        free(in[i].name);
        qx_buf_release(&in[i].text);
    }
    free(in);
    qx_strvec_release(&keep);
    qx_lint_sections_release(&secs);
    qx_skill_free(skill);
    qx_facts_free(facts);
    qx_diags_release(&found);
    qx_diags_release(&d);
    qx_strvec_release(&o.enable);
    qx_strvec_release(&o.disable);
    qx_strvec_release(&o.files);
    return code;
}
