/* r_deid: de-identification — URLs, e-mail addresses and phone numbers
 * (deid.contact), exact dates beyond year or quarter (deid.dates), and
 * identifiers such as ticket numbers, part numbers and code names
 * (deid.identifiers, a heuristic, so a warning by default). Patterns run
 * under the rules module's match limits, over prose only: Markdown link
 * targets are the markdown rule's business. No fixes. */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"

static const char url_rx[] = "(?:https?://|www\\.)[^\\s，。；、）)》”<>]+";
static const char phone_rx[] = "(?<![0-9])(?:\\+?86[ \\-]?)?(?:1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}|400-?[0-9]{3}-?[0-9]{4})(?![0-9])";
static const char date_rx[] =
    "(?<![0-9])(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}[日号]"
    "|(?<![0-9])(?:19|20)[0-9]{2}[\\-/.][01]?[0-9][\\-/.][0-3]?[0-9](?![0-9])"
    "|(?<![0-9])(?:19|20)[0-9]{2}年[0-9]{1,2}月(?![0-9份])"
    "|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"
    "|\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.? (?:[0-9]{1,2}, )?(?:19|20)[0-9]{2}\\b";
static const char ident_rx[] =
    "(?<![A-Za-z0-9&])#[0-9]+\\b"
    "|(?<![A-Za-z0-9])[Nn][Oo]\\.? ?[0-9]+(?![0-9])"
    "|(?:编号|工单|单号|代号|项目代号|内部代号)[:： ]?[A-Za-z0-9][A-Za-z0-9_\\-]*"
    "|(?<![A-Za-z0-9])[A-Z]{2,10}-[0-9]{2,8}(?![0-9])";

static int mail_char(unsigned char c, int domain)
{
    return lx_is_ascii_alnum(c) || c == '.' || c == '-' || (!domain && (c == '_' || c == '%' || c == '+'));
}

/* E-mail addresses: found from each '@' outwards (linear, no pattern). */
static void mails(struct lx_doc *d)
{
    const char *t = d->t;
    for (const char *p = memchr(t, '@', d->len); p; p = memchr(p + 1, '@', d->len - (size_t)(p + 1 - t))) {
        size_t at = (size_t)(p - t), s = at, e = at + 1, dot = 0;
        while (s > d->base && at - s < 64 && mail_char((unsigned char)t[s - 1], 0))
            s--;
        while (e < d->len && e - at < 255 && mail_char((unsigned char)t[e], 1)) {
            if (t[e] == '.')
                dot = e;
            e++;
        }
        while (e > at + 1 && t[e - 1] == '.')
            e--;
        if (s == at || !dot || dot + 3 > e || !lx_prose(d, s))
            continue;
        char *q = lx_quote(d, s, e - s);
        lx_report(d, QX_R_DEID_CONTACT, s, e - s, NULL, "e-mail address '%s'; remove it", q);
        free(q);
        if (e >= d->len)
            break;
        p = t + e - 1;
    }
}

static void run(struct lx_doc *d, enum qx_lint_rule r, const char *pat, const char *what, const char *advice)
{
    struct qx_rx *rx = lx_rx(d, pat, 0);
    size_t ms, me, from = d->base;
    while (lx_find(d, rx, from, d->len, &ms, &me)) {
        from = me;
        char *q = lx_quote(d, ms, me - ms);
        lx_report(d, r, ms, me - ms, NULL, "%s '%s'; %s", what, q, advice);
        free(q);
    }
}

void lx_rules_deid(struct lx_doc *d)
{
    if (lx_on(d, QX_R_DEID_CONTACT)) {
        run(d, QX_R_DEID_CONTACT, url_rx, "URL", "name the source in words instead");
        mails(d);
        run(d, QX_R_DEID_CONTACT, phone_rx, "phone number", "remove it");
    }
    if (lx_on(d, QX_R_DEID_DATES))
        run(d, QX_R_DEID_DATES, date_rx, "exact date", "give the year or the quarter only");
    if (lx_on(d, QX_R_DEID_IDENTIFIERS))
        run(d, QX_R_DEID_IDENTIFIERS, ident_rx, "identifier", "ticket, part numbers and code names do not belong in the article");
}
