#!/usr/bin/env python3
"""Runs the example commands of docs/*.md and README.md.

A runnable example is a fenced block whose info string has the word
`qx-test` (```console qx-test). In it:

    $ command                 run with bash; a trailing `# exit N` expects
                              exit status N (default 0)
    $ cat > f <<'EOF'         a here-document: the lines up to EOF belong
    ...                       to the command
    EOF
    any other line            expected output: each must appear in the
                              command's stdout+stderr, in this order (lines
                              may be skipped between them); `...` is only
                              a visual ellipsis

All blocks of one page run in order in one fresh directory, so a tour can
use files an earlier step wrote; `qexplain` is the binary under test, with
the shipped data, and the directory starts with copies of skills/,
templates/ and facts/ (as if at the repository root). A block tagged `qx-skip` is shown but not run (say why
next to it). A `$ qexplain` line in any other fenced block is an error: every
example of qexplain in the docs is either run or explicitly skipped.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qxtest import run  # noqa: E402

FENCE = re.compile(r"^(```+|~~~+)\s*(.*)$")
EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
HEREDOC = re.compile(r"<<-?\s*['\"]?([A-Za-z_]+)['\"]?")


def parse(path):
    """Yields (kind, line, payload): ('block', n, [cases]) and ('untagged', n, text)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        body = lines[start:j]
        tags = [w.rstrip(":") for w in info]
        if "qx-test" in tags:
            yield ("block", start, cases(body, start + 1))
        elif "qx-skip" not in tags:
            for k, line in enumerate(body):
                if line.startswith("$ qexplain"):
                    yield ("untagged", start + k + 1, line)
        i = j + 1


def cases(body, first_line):
    out, k = [], 0
    while k < len(body):
        line = body[k]
        if line.startswith("$ "):
            cmd = line[2:]
            code = 0
            m = EXIT.search(cmd)
            if m:
                code = int(m.group(1))
                cmd = cmd[: m.start()]
            case = {"line": first_line + k, "cmd": cmd, "code": code, "expect": []}
            h = HEREDOC.search(cmd)
            if h:
                while k + 1 < len(body):
                    k += 1
                    case["cmd"] += "\n" + body[k]
                    if body[k].strip() == h.group(1):
                        break
            out.append(case)
        elif out and line.strip() and line.strip() != "...":
            out[-1]["expect"].append(line.rstrip())
        k += 1
    return out


def check(case, code, out, err):
    problems = []
    if code != case["code"]:
        problems.append(f"exit {code}, the docs say {case['code']}")
    got = [s.rstrip() for s in (out + "\n" + err).split("\n")]
    pos = 0
    for want in case["expect"]:
        while pos < len(got) and got[pos] != want:
            pos += 1
        if pos == len(got):
            problems.append(f"output lacks (in order): {want!r}")
            break
        pos += 1
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args()
    pages = args.pages or sorted(
        [os.path.join(args.src, "docs", p) for p in os.listdir(os.path.join(args.src, "docs"))
         if p.endswith(".md")] + [os.path.join(args.src, "README.md")])
    bindir = tempfile.mkdtemp(prefix="qxbin")
    os.symlink(os.path.abspath(args.qexplain), os.path.join(bindir, "qexplain"))
    env = dict(os.environ, LC_ALL="C.UTF-8", PATH=bindir + os.pathsep + os.environ["PATH"])
    env.pop("QEXPLAIN_DATA", None)
    failures = total = 0
    for page in pages:
        rel = os.path.relpath(page, args.src)
        work = tempfile.mkdtemp(prefix="qxdoc")
        for data in ("skills", "templates", "facts"):
            shutil.copytree(os.path.join(args.src, data), os.path.join(work, data))
        try:
            for kind, line, payload in parse(page):
                if kind == "untagged":
                    print(f"FAIL {rel}:{line}: example not marked qx-test or qx-skip: {payload}")
                    failures += 1
                    continue
                for case in payload:
                    total += 1
                    code, out, err = run(["bash", "-c", "set -o pipefail\n" + case["cmd"]],
                                         cwd=work, env=env)
                    problems = check(case, code, out, err)
                    first = case["cmd"].split("\n")[0]
                    if problems:
                        failures += 1
                        print(f"FAIL {rel}:{case['line']}: $ {first}")
                        for p in problems:
                            print(f"    {p}")
                        print("    stdout: " + out[-1500:].replace("\n", "\n            "))
                        print("    stderr: " + err[-1500:].replace("\n", "\n            "))
                    else:
                        print(f"ok   {rel}:{case['line']}: $ {first}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(bindir, ignore_errors=True)
    print(f"{total} examples run, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
