#!/usr/bin/env python3
"""The WeChat preview in a real browser.

For every shipped skill: `generate --format html` -> `preview --skill` ->
headless Chromium. Two runs per skill:

1. --screenshot of the preview page exactly as qexplain wrote it (no script
   anywhere), window 375 px wide and as tall as the page; the PNG is kept in
   OUT/SKILL.png for a human to look at.
2. --dump-dom of a test-only harness page that holds the preview page, byte
   for byte, in a 375 px wide srcdoc iframe, and a measuring script. The
   script writes its findings as JSON into <pre id="qx-result">, which this
   test reads back from the dumped DOM. qexplain's page never carries a
   script (its Content-Security-Policy forbids them); only the harness does.

Checks: no horizontal scroll (document scrollWidth <= 375 and no element
past the right edge), every paragraph and heading of `generate --format
json` present with the same text, and the first-line indent of every
paragraph: about 2em where the skill's lint profile asks for
`indent: two-fullwidth-spaces`, none otherwise. A control article that is
too wide and has no indents must fail the same checks, so they can fail.

Exits 77 (SKIP) when Chromium is absent.
"""
import argparse
import html
import json
import os
import re
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qxtest import fail, qexplain_env, run, skip  # noqa: E402

WIDTH = 375
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars", "--mute-audio",
                  "--run-all-compositor-stages-before-draw"]

# The harness: the preview page, byte for byte, in a srcdoc iframe 375 px
# wide (a srcdoc document shares the harness's origin, so the script can
# measure inside it; the page's own policy forbids scripts in the page).
# Chromium's headless window is never narrower than 500 px, so the iframe,
# not the window, is the phone.
HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body style="margin:0">
<iframe id="phone" style="border:0;width:%(width)dpx;height:800px" srcdoc="%(page)s"></iframe>
<script>
document.getElementById('phone').addEventListener('load', function () {
  var win = this.contentWindow, doc = this.contentDocument, r = {};
  var de = doc.documentElement;
  r.innerWidth = win.innerWidth;
  r.scrollWidth = Math.max(de.scrollWidth, doc.body.scrollWidth);
  r.scrollHeight = Math.max(de.scrollHeight, doc.body.scrollHeight);
  var phone = doc.getElementById('qx-phone');
  var right = 0;
  phone.querySelectorAll('*').forEach(function (e) {
    right = Math.max(right, e.getBoundingClientRect().right);
  });
  r.widest = right;
  r.headings = Array.prototype.map.call(phone.querySelectorAll('h1,h2,h3,h4,h5,h6'),
    function (h) { return h.textContent; });
  r.paras = Array.prototype.map.call(phone.querySelectorAll('p'), function (p) {
    var cs = win.getComputedStyle(p);
    var w = doc.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    var n = w.nextNode();
    while (n && !/\S/.test(n.data)) n = w.nextNode();
    var indent = null;
    if (n) {
      var i = n.data.search(/\S/);
      var rg = doc.createRange();
      rg.setStart(n, i);
      rg.setEnd(n, i + 1);
      var first = rg.getClientRects()[0];
      var box = p.getBoundingClientRect();
      var left = box.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
      indent = (first.left - left) / parseFloat(cs.fontSize);
    }
    return {text: p.textContent, indent_em: indent};
  });
  var pre = document.createElement('pre');
  pre.id = 'qx-result';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
</script>
</body></html>
"""


def chromium(binary, workdir, args, url):
    profile = tempfile.mkdtemp(prefix="profile", dir=workdir)
    code, out, err = run([binary] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + args + [url],
                         timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    if code != 0:
        fail(f"chromium exited {code}: {err.strip()[-2000:]}")
    return out


def measure(binary, workdir, page_path):
    """Loads the page in the measuring harness; returns the script's findings."""
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    harness = page_path + ".harness.html"
    with open(harness, "w", encoding="utf-8") as f:
        f.write(HARNESS % {"width": WIDTH, "page": html.escape(page, quote=True)})
    dom = chromium(binary, workdir, ["--window-size=800,900", "--virtual-time-budget=10000",
                                     "--dump-dom"], "file://" + harness)
    m = re.search(r'<pre id="qx-result">(.*?)</pre>', dom, re.S)
    if not m:
        fail(f"{page_path}: the measuring script left no result; the DOM ends with "
             f"{dom[-500:]!r}")
    return json.loads(html.unescape(m.group(1)))


def problems(r, paras, headings, indent):
    """Everything wrong with one measured page; empty when it passes."""
    bad = []
    if r["innerWidth"] != WIDTH:
        bad.append(f"window is {r['innerWidth']} px wide, not {WIDTH}")
    if r["scrollWidth"] > WIDTH:
        bad.append(f"horizontal scroll: scrollWidth {r['scrollWidth']} > {WIDTH}")
    if r["widest"] > WIDTH + 0.5:
        bad.append(f"an element reaches x={r['widest']:.1f} past {WIDTH}")
    got = [p["text"].strip() for p in r["paras"]]
    want = [p.strip() for p in paras]
    if got != want:
        missing = [p for p in want if p not in got]
        bad.append(f"paragraphs differ: {len(got)} shown, {len(want)} expected; first missing: "
                   f"{missing[:1]}")
    if [h.strip() for h in r["headings"]] != headings:
        bad.append(f"headings differ: {r['headings']} vs {headings}")
    for i, p in enumerate(r["paras"]):
        em = p["indent_em"]
        if em is None:
            bad.append(f"paragraph {i + 1} has no text")
        elif indent and not 1.8 <= em <= 2.2:
            bad.append(f"paragraph {i + 1}: first line indented {em:.2f}em, the skill asks for 2em")
        elif not indent and abs(em) > 0.3:
            bad.append(f"paragraph {i + 1}: first line indented {em:.2f}em, the skill asks for none")
    return bad


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        fail(f"{path}: not a PNG file")
    return struct.unpack(">II", head[16:24])


def check_skill(args, workdir, alias):
    q = args.qexplain
    env = qexplain_env()
    code, out, err = run([q, "skills", "show", alias, "--format", "json"], env=env)
    if code != 0:
        fail(f"skills show {alias}: exit {code}: {err}")
    lint = json.loads(out)["front_matter"]["qexplain"].get("lint", {})
    indent = lint.get("indent") == "two-fullwidth-spaces"
    code, out, err = run([q, "generate", "--skill", alias, "--format", "json"], env=env)
    if code != 0:
        fail(f"generate --skill {alias} --format json: exit {code}: {err}")
    doc = json.loads(out)
    paras = [p["text"] for s in doc["sections"] for p in s["paragraphs"]]
    headings = [s["heading"] for s in doc["sections"] if s.get("heading")]
    article = os.path.join(workdir, f"{alias}.html")
    code, out, err = run([q, "generate", "--skill", alias, "--format", "html", "-o", article],
                         env=env)
    if code != 0:
        fail(f"generate --skill {alias} --format html: exit {code}: {err}")
    page = os.path.join(workdir, f"{alias}.preview.html")
    code, out, err = run([q, "preview", "--skill", alias, "-o", page, article], env=env)
    if code != 0 or "preview." in err:
        fail(f"preview --skill {alias}: exit {code}, stderr: {err}")
    with open(page, encoding="utf-8") as f:
        if "<script" in f.read().lower():
            fail(f"{page}: the preview page holds a script")
    r = measure(args.chromium, workdir, page)
    bad = problems(r, paras, headings, indent)
    if bad:
        fail(f"{alias}: " + "; ".join(bad))
    height = min(max(int(r["scrollHeight"]), 200), 16000)
    png = os.path.join(args.out, f"{alias}.png")
    if os.path.exists(png):
        os.remove(png)
    chromium(args.chromium, workdir, [f"--window-size={WIDTH},{height}", f"--screenshot={png}"],
             "file://" + page)
    if not os.path.exists(png):
        fail(f"chromium wrote no screenshot {png}")
    w, h = png_size(png)
    if w != WIDTH:
        fail(f"{png}: {w}x{h}, expected width {WIDTH}")
    print(f"ok {alias}: {len(paras)} paragraphs, {len(headings)} headings, indent "
          f"{'2em' if indent else 'none'}, scrollWidth {r['scrollWidth']}, screenshot {png} "
          f"{w}x{h}")


def control(args, workdir):
    """A page that must fail: too wide, and no indent where one is asked."""
    article = os.path.join(workdir, "control.html")
    with open(article, "w", encoding="utf-8") as f:
        f.write('<section><h3>一、标题</h3>\n<p style="width:600px;">这一段太宽。</p>\n'
                "<p>这一段没有缩进。</p></section>\n")
    page = os.path.join(workdir, "control.preview.html")
    code, _, err = run([args.qexplain, "preview", "--skill", "wechat", "-o", page, article],
                       env=qexplain_env())
    if code != 0 or "preview.indent" not in err:
        fail(f"control: preview exit {code}, expected indent warnings, stderr: {err}")
    r = measure(args.chromium, workdir, page)
    bad = problems(r, ["这一段太宽。", "这一段没有缩进。"], ["一、标题"], True)
    wanted = ("horizontal scroll", "first line indented")
    for w in wanted:
        if not any(w in b for b in bad):
            fail(f"control: the checks missed '{w}': {bad}")
    print(f"ok control: the checks catch a wide page and missing indents ({len(bad)} problems)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--out", required=True, help="directory for the screenshots")
    ap.add_argument("--chromium", default=os.environ.get("QX_CHROMIUM", "/usr/bin/chromium"))
    args = ap.parse_args()
    if not os.access(args.chromium, os.X_OK):
        skip(f"no chromium at {args.chromium} (apt-get install chromium)")
    os.makedirs(args.out, exist_ok=True)
    code, out, err = run([args.qexplain, "skills", "list", "--format", "json"])
    if code != 0:
        fail(f"skills list: exit {code}: {err}")
    data = json.loads(out)
    skills = data if isinstance(data, list) else data.get("skills", [])
    aliases = sorted(s["alias"] for s in skills if s.get("alias"))
    if not aliases:
        fail("no skill with an alias")
    workdir = tempfile.mkdtemp(prefix="qxpreview")
    try:
        control(args, workdir)
        for alias in aliases:
            check_skill(args, workdir, alias)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
