/* mustache_spec: runs one file of the official Mustache spec (JSON form)
 * through the tmpl engine. For each test: compile the template with the
 * test's partials served from memory, render it over the test's data with
 * the cJSON data model, compare with the expected text byte for byte.
 * Prints each failure (name, template, expected, got, diagnostics) and a
 * last line "<module>: N passed, M failed"; exits 1 on any failure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qexplain/file.h"
#include "qexplain/json.h"
#include "qexplain/tmpl.h"

static int mem_load(void *user, const char *name, size_t len, struct qx_buf *out, char **path, char **why)
{
    (void)why;
    const cJSON *partials = user;
    for (const cJSON *c = partials ? partials->child : NULL; c; c = c->next) {
        if (c->string && strlen(c->string) == len && memcmp(c->string, name, len) == 0 && cJSON_IsString(c)) {
            qx_buf_adds(out, c->valuestring);
            *path = qx_asprintf("partial:%s", c->string);
            return 0;
        }
    }
    return 1;
}

static void show(const char *label, const char *s)
{
    fprintf(stderr, "  %-9s \"", label);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", stderr);
        else if (*s == '\r')
            fputs("\\r", stderr);
        else if (*s == '\t')
            fputs("\\t", stderr);
        else
            fputc(*s, stderr);
    }
    fputs("\"\n", stderr);
}

static int run_test(const cJSON *test, const char *module)
{
    const char *name = qx_json_str(test, "name");
    const char *tmpl = qx_json_str(test, "template");
    const char *expected = qx_json_str(test, "expected");
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
    const cJSON *partials = cJSON_GetObjectItemCaseSensitive(test, "partials");
    if (!name || !tmpl || !expected) {
        fprintf(stderr, "%s: malformed test\n", module);
        return 0;
    }
    struct qx_tmpl_loader loader = {mem_load, (void *)(uintptr_t)partials};
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_buf out;
    qx_buf_init(&out);
    struct qx_tmpl *t = NULL;
    char *file = qx_asprintf("%s:%s", module, name);
    int rc = qx_tmpl_compile(&t, file, tmpl, strlen(tmpl), &loader, NULL, &d);
    if (!rc)
        rc = qx_tmpl_render_json(&out, t, data, QX_TMPL_ESCAPE_HTML, &d);
    int ok = !rc && out.len == strlen(expected) && memcmp(out.data, expected, out.len) == 0;
    if (!ok) {
        fprintf(stderr, "FAIL %s: %s\n", module, name);
        show("template", tmpl);
        show("expected", expected);
        show("got", rc ? "(error)" : out.data);
        struct qx_buf line;
        qx_buf_init(&line);
        for (size_t i = 0; i < d.n; i++) {
            qx_buf_reset(&line);
            qx_diag_format_line(&line, &d.items[i]);
            fprintf(stderr, "  %s\n", line.data);
        }
        qx_buf_release(&line);
    }
    free(file);
    qx_tmpl_free(t);
    qx_buf_release(&out);
    qx_diags_release(&d);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mustache_spec SPEC.json\n");
        return 2;
    }
    const char *path = argv[1];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *module = qx_strdup(base);
    char *dot = strstr(module, ".json");
    if (dot)
        *dot = '\0';
    struct qx_diags d;
    qx_diags_init(&d);
    struct qx_buf text;
    qx_buf_init(&text);
    struct qx_json_doc doc = {0}; /* qx_json_parse initialises it; release is safe either way */
    int rc = qx_file_read(&text, path, QX_FILE_MAX_TEXT, &d);
    if (!rc)
        rc = qx_json_parse(&doc, path, text.data, text.len, &d);
    int code = 0;
    if (rc) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        code = 2;
    } else {
        size_t pass = 0, failed = 0;
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(doc.root, "tests");
        for (const cJSON *test = tests ? tests->child : NULL; test; test = test->next) {
            if (run_test(test, module))
                pass++;
            else
                failed++;
        }
        printf("%s: %zu passed, %zu failed\n", module, pass, failed);
        code = failed || !pass ? 1 : 0;
    }
    qx_json_doc_release(&doc);
    qx_buf_release(&text);
    qx_diags_release(&d);
    free(module);
    return code;
}
