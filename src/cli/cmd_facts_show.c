/* cmd_facts_show: `qexplain facts show ID`, one fact in full as text or
 * JSON; an unknown id names the nearest known one (edit distance, or the
 * first id containing what was typed). Depends on the facts module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_facts.h"
#include "qexplain/json.h"

#define SUGGEST_MAX 128 /* ids longer than this are not compared */

/* Edit distance from a to b, and through *prefix from a to the closest
 * prefix of b (people type truncated ids). */
static size_t distance(const char *a, const char *b, size_t *prefix)
{
    size_t n = strlen(a), m = strlen(b);
    *prefix = (size_t)-1;
    if (n > SUGGEST_MAX || m > SUGGEST_MAX)
        return (size_t)-1;
    size_t row[SUGGEST_MAX + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    for (size_t j = 0; j <= m; j++)
        if (row[j] < *prefix)
            *prefix = row[j];
    return row[m];
}

static const char *nearest(const struct qx_facts *f, const char *id)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; i < f->n; i++) {
        if (*id && strstr(f->facts[i].id, id))
            return f->facts[i].id;
        size_t prefix, d = distance(id, f->facts[i].id, &prefix);
        if (prefix != (size_t)-1 && prefix + 1 < d)
            d = prefix + 1; /* a typo in a truncated id counts one more */
        if (d < bestd) {
            bestd = d;
            best = f->facts[i].id;
        }
    }
    /* Suggest only what is plausibly a typo: at most a third of it wrong. */
    size_t len = strlen(id);
    return best && bestd * 3 <= (len > 6 ? len : 6) ? best : NULL;
}

static void field(const char *name, const char *value)
{
    if (value)
        printf("%-10s %s\n", name, value);
}

static void print_value(const struct qx_fact_value *v)
{
    printf("  %s = ", v->key ? v->key : "?");
    if (!v->is_number)
        printf("\"%s\"", v->text ? v->text : "");
    else if (v->decimals >= 0 && v->decimals <= 15 && v->value < 1e15 && v->value > -1e15)
        printf("%.*f", v->decimals, v->value);
    else
        printf("%.15g", v->value);
    printf(" %s", v->unit ? v->unit : "(no unit)");
    if (v->qual)
        printf(" [%s]", qx_fact_qual_name(v->qual));
    if (v->derived && v->expr)
        printf("  expr: %s", v->expr);
    if (v->display)
        printf("  display: %s", v->display);
    if (v->name)
        printf("  name: %s", v->name);
    putchar('\n');
}

static void print_list(const char *name, const struct qx_strvec *v)
{
    if (!v->n)
        return;
    printf("%-10s ", name);
    for (size_t i = 0; i < v->n; i++)
        printf("%s%s", i ? ", " : "", v->items[i]);
    putchar('\n');
}

static void print_fact(const struct qx_fact *x)
{
    field("id:", x->id);
    field("claim_zh:", x->claim_zh);
    field("claim_en:", x->claim_en);
    print_list("topics:", &x->topics);
    field("method:", x->method);
    field("model:", x->model);
    field("hardware:", x->hardware);
    field("metric:", x->metric);
    field("baseline:", x->baseline);
    for (int derived = 0; derived <= 1; derived++) {
        int header = 0;
        for (size_t i = 0; i < x->nvalues; i++) {
            if (x->values[i].derived != derived)
                continue;
            if (!header++)
                printf("%s\n", derived ? "derived:" : "values:");
            print_value(&x->values[i]);
        }
    }
    if (x->has_source) {
        const struct qx_fact_source *s = &x->source;
        printf("source:\n");
        if (s->title)
            printf("  title:   %s\n", s->title);
        if (s->authors)
            printf("  authors: %s\n", s->authors);
        if (s->year)
            printf("  year:    %d\n", s->year);
        if (s->venue)
            printf("  venue:   %s\n", s->venue);
        if (s->arxiv)
            printf("  arxiv:   %s\n", s->arxiv);
        if (s->url)
            printf("  url:     %s\n", s->url);
        if (s->locator)
            printf("  locator: %s\n", s->locator);
    }
    field("caveat:", x->caveat);
    field("caveat_zh:", x->caveat_zh);
    print_list("terms:", &x->terms);
    printf("%-10s %s:%u:%u\n", "file:", x->file, x->line, x->col);
}

int cmd_facts_show(const char *id, const char *dir, int json, const struct qx_cli *cli)
{
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_facts *f;
    int rc = cmd_facts_load(&f, cli, dir, 0, &d);
    if (rc) {
        int code = cli_fail(rc, &d);
        qx_diags_release(&d);
        return code;
    }
    int code = 0;
    const struct qx_fact *x = qx_facts_find(f, id);
    if (!x) {
        const char *near = nearest(f, id);
        if (near)
            code = cli_error(QX_EXIT_INPUT, "unknown fact '%s'; did you mean '%s'?", id, near);
        else
            code = cli_error(QX_EXIT_INPUT, "unknown fact '%s' (see 'qexplain facts list')", id);
    } else if (json) {
        cJSON *o = qx_fact_to_json(x);
        char *s = qx_json_print(o, 1);
        printf("%s\n", s);
        free(s);
        cJSON_Delete(o);
    } else {
        print_fact(x);
    }
    qx_facts_free(f);
    qx_diags_release(&d);
    return code;
}
