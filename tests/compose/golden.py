#!/usr/bin/env python3
"""Golden articles: generates each tests/compose/golden/NAME and compares it
byte for byte. NAME is SKILL[.vN][.METHODS].FORMAT, e.g. public-sector.txt
(the default article), wechat.v2.html, non-experts.v3.awq-gguf-qlora.json.
With --update the files are rewritten; read the diff by eye before committing.

Usage: golden.py --qexplain BIN --src DIR [--update]
"""
import argparse
import os
import subprocess
import sys


def args_for(name):
    parts = name.split(".")
    fmt = parts[-1]
    out = ["generate", "--skill", parts[0], "--format", {"txt": "text"}.get(fmt, fmt)]
    for p in parts[1:-1]:
        if p.startswith("v") and p[1:].isdigit():
            out += ["--variant", p[1:]]
        else:
            out += ["--methods", p.replace("-", ",")]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    gdir = os.path.join(a.src, "tests", "compose", "golden")
    names = sorted(n for n in os.listdir(gdir) if not n.startswith("."))
    bad = 0
    for n in names:
        env = dict(os.environ, LC_ALL="C.UTF-8")
        p = subprocess.run([a.qexplain, "--data-dir", a.src] + args_for(n), capture_output=True, env=env)
        path = os.path.join(gdir, n)
        if p.returncode != 0:
            print(f"{n}: exit {p.returncode}\n{p.stderr.decode()}")
            bad += 1
        elif a.update:
            open(path, "wb").write(p.stdout)
        elif open(path, "rb").read() != p.stdout:
            print(f"{n}: differs from the generated article (run golden.py --update and read the diff)")
            bad += 1
    print(f"{len(names)} golden articles, {bad} differ")
    return 1 if bad or not names else 0


if __name__ == "__main__":
    sys.exit(main())
