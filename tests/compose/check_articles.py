#!/usr/bin/env python3
"""Generates every article the shipped skills can produce and checks it.

For each skill, each combination of its methods the skill allows (by the
size range of its sections' needs.methods) and each variant of its template
set: `qexplain generate` exits 0 (so the self-lint found no error), prints no
error, gives byte-identical output on a second run, and every figure of
every paragraph traces to a fact, checked here independently of the linter:

  * each figure the trace records must appear in its paragraph, and its
    value must be the value of that fact and key in facts/*.json, and the
    number printed must be that value in the printed unit (within the
    rounding shown);
  * once the recorded figures, every glossary term or alias (model and
    hardware names such as Qwen-7B or RTX 4090) and the parenthesis that
    explains a term at its first use (INT4（4位整数）) are taken out of a
    paragraph, no digit may remain; years written as 2025年 are exempt.

Usage: check_articles.py --qexplain BIN --src DIR [--skill NAME]
"""
import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

FAILS = []


def fail(where, msg):
    FAILS.append(f"{where}: {msg}")


def run(binary, args, cwd):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([binary] + args, cwd=cwd, capture_output=True, env=env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def load_facts(src):
    facts, gloss = {}, []
    fdir = os.path.join(src, "facts")
    for name in sorted(os.listdir(fdir)):
        if not name.endswith(".json"):
            continue
        data = json.load(open(os.path.join(fdir, name), encoding="utf-8"))
        if name == "glossary.json":
            gloss = data
            continue
        for f in data:
            vals = {}
            for v in f.get("values", []) + f.get("derived", []):
                vals[v["key"]] = v
            facts[f["id"]] = vals
    return facts, gloss


def range_of(spec):
    if isinstance(spec, int):
        return spec, spec
    m = re.fullmatch(r"(\d+)(?:\.\.(\d*))?", str(spec))
    lo = int(m.group(1))
    if m.group(2) is None and ".." not in str(spec):
        return lo, lo
    return lo, int(m.group(2)) if m.group(2) else 99


NUM = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?")
# What one unit of the fact is worth in the unit numfmt prints.
SCALE = {"ratio": 100, "accuracy": 100}


def value_matches(display, value, unit):
    """The first number in display, read with its scale word, equals value
    (or value x 100 for fractions shown as percents) within its rounding."""
    if isinstance(value, str):
        nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", value)]
        shown = [float(m.group(1)) for m in NUM.finditer(display)]
        return nums and shown and all(any(abs(a - b) < 1e-9 for b in shown) for a in nums)
    m = NUM.search(display)
    if not m:
        return False
    text, scale = m.group(1), m.group(2)
    shown = float(text) * {"万": 1e4, "亿": 1e8, None: 1}[scale]
    decimals = len(text.split(".")[1]) if "." in text else 0
    tol = 0.5 * 10 ** -decimals * {"万": 1e4, "亿": 1e8, None: 1}[scale] + 1e-9
    want = value * SCALE.get(unit, 1)
    return abs(shown - want) <= tol


def term_pattern(gloss):
    names = set()
    for g in gloss:
        for n in [g["term"]] + g.get("aliases", []):
            if re.search(r"[A-Za-z]", n):
                names.add(n)
    names = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names), re.I)


def check_trace(where, trace, facts, terms):
    for p in trace["paragraphs"]:
        text = p["text"]
        pw = f"{where} line {p['line']}"
        rest = text
        for fig in p["figures"]:
            disp = fig["display"]
            if disp not in rest:
                fail(pw, f"figure '{disp}' of {fig['fact']}#{fig['key']} is not in the paragraph")
                continue
            rest = rest.replace(disp, "\u25a1", 1)
            v = facts.get(fig["fact"], {}).get(fig["key"])
            if v is None:
                fail(pw, f"figure '{disp}' cites {fig['fact']}#{fig['key']}, which facts/ does not have")
                continue
            if fig["value"] != v["value"]:
                fail(pw, f"trace value {fig['value']} differs from facts/ value {v['value']}")
            if not value_matches(disp, v["value"], v.get("unit")):
                fail(pw, f"'{disp}' does not print {v['value']} {v.get('unit')} ({fig['fact']}#{fig['key']})")
        rest = terms.sub("\u25a1", rest)
        # The first-use explanation of a term ("INT4（4位整数）") belongs to it.
        rest = re.sub("\u25a1（[^（）]*）", "\u25a1", rest)
        rest = re.sub(r"\d{4}年", "", rest)
        if re.search(r"\d", rest):
            fail(pw, f"untraced digits in: {rest}")


def skill_matrix(binary, src, name):
    code, out, err = run(binary, ["skills", "show", name, "--format", "json"], src)
    if code:
        fail(name, f"skills show failed: {err}")
        return None
    fm = json.loads(out)["front_matter"]["qexplain"]
    lo, hi = 1, 99
    for sec in fm["sections"]:
        needs = sec.get("needs") or {}
        if "methods" in needs:
            lo, hi = range_of(needs["methods"])
            break
    art = json.load(open(os.path.join(src, "templates", fm["alias"], "article.json"), encoding="utf-8"))
    combos = []
    for k in range(lo, min(hi, len(fm["methods"])) + 1):
        combos += [",".join(c) for c in itertools.combinations(fm["methods"], k)]
    return fm["alias"], combos, art.get("variants", 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--skill", action="append")
    a = ap.parse_args()
    facts, gloss = load_facts(a.src)
    terms = term_pattern(gloss)
    skills = a.skill or ["public-sector", "wechat", "non-experts"]
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in skills:
            m = skill_matrix(a.qexplain, a.src, name)
            if not m:
                continue
            alias, combos, variants = m
            for methods, v in itertools.product(combos, range(1, variants + 1)):
                where = f"{alias} --methods {methods} --variant {v}"
                trace = os.path.join(tmp, "trace.json")
                args = ["generate", "--skill", alias, "--methods", methods, "--variant", str(v)]
                count += 1
                # The figure check must not lean on the linter: trace the
                # article with the self-lint switched off.
                code, raw, err = run(a.qexplain, args + ["--no-lint", "--trace", trace], tmp)
                if code != 0:
                    fail(where, f"--no-lint: exit {code}\n{err}")
                    continue
                check_trace(where, json.load(open(trace, encoding="utf-8")), facts, terms)
                code, out, err = run(a.qexplain, args, tmp)
                if code != 0 or "error:" in err:
                    fail(where, f"self-lint: exit {code}\n{err}")
                    continue
                code2, out2, _ = run(a.qexplain, args, tmp)
                if code2 != 0 or out2 != out or out != raw:
                    fail(where, "runs printed different bytes")
    for f in FAILS:
        print(f)
    print(f"{count} articles generated, {len(FAILS)} problems")
    return 1 if FAILS or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
