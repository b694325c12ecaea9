#!/usr/bin/env python3
"""Runs CLI transcript tests (*.t).

A transcript is a list of cases. Each case starts with a command line:

    $ qexplain skills show nope        run with bash in a fresh temporary directory
    < line                             a line of standard input
    > line                             stdout must be exactly these lines, in order
    ~ text                             stdout must contain text (any line)
    !~ text                            stderr must contain text
    ! line                             stderr must be exactly these lines, in order
    ^ regex                            stdout must match regex (re.M)
    !^ regex                           stderr must match regex (re.M)
    ? N                                exit status (default 0)

Lines starting with '#' and blank lines are ignored. In commands, $SRC is the
source tree, $TMP the case's temporary directory (shared by the cases of one
file, so a case may use files an earlier case wrote), and `qexplain` the
binary under test. A failure names the line of the case.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def parse(path):
    cases = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("$ "):
                cur = {"line": no, "cmd": line[2:], "stdin": [], "out": None, "err": None,
                       "contains": [], "err_contains": [], "re": [], "err_re": [], "code": 0}
                cases.append(cur)
                continue
            if cur is None:
                sys.exit(f"{path}:{no}: expectation before any command")
            for prefix, key in (("!~ ", "err_contains"), ("!^ ", "err_re"), ("~ ", "contains"),
                                ("^ ", "re")):
                if line.startswith(prefix):
                    cur[key].append(line[len(prefix):])
                    break
            else:
                if line.startswith("< ") or line == "<":
                    cur["stdin"].append(line[2:])
                elif line.startswith("> ") or line == ">":
                    cur["out"] = (cur["out"] or []) + [line[2:]]
                elif line.startswith("! ") or line == "!":
                    cur["err"] = (cur["err"] or []) + [line[2:]]
                elif line.startswith("? "):
                    cur["code"] = int(line[2:])
                else:
                    sys.exit(f"{path}:{no}: cannot parse line: {line}")
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    exe = os.path.abspath(args.qexplain)
    bindir = tempfile.mkdtemp(prefix="qxbin")
    os.symlink(exe, os.path.join(bindir, "qexplain"))
    failures = 0
    total = 0
    for path in args.files:
        tmp = tempfile.mkdtemp(prefix="qxt")
        env = dict(os.environ)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        env["TMP"] = tmp
        env.setdefault("QX_SRC", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path)))))
        env["SRC"] = env["QX_SRC"]
        env["LC_ALL"] = "C.UTF-8"
        for case in parse(path):
            total += 1
            stdin = ("\n".join(case["stdin"]) + "\n") if case["stdin"] else ""
            p = subprocess.run(["bash", "-c", case["cmd"]], cwd=tmp, env=env, input=stdin.encode(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
            out = p.stdout.decode("utf-8", "replace")
            err = p.stderr.decode("utf-8", "replace")
            problems = []
            if p.returncode != case["code"]:
                problems.append(f"exit status {p.returncode}, expected {case['code']}")
            if case["out"] is not None and out.splitlines() != case["out"]:
                problems.append("stdout differs")
            if case["err"] is not None and err.splitlines() != case["err"]:
                problems.append("stderr differs")
            for c in case["contains"]:
                if c not in out:
                    problems.append(f"stdout lacks {c!r}")
            for c in case["err_contains"]:
                if c not in err:
                    problems.append(f"stderr lacks {c!r}")
            for r in case["re"]:
                if not re.search(r, out, re.M):
                    problems.append(f"stdout does not match /{r}/")
            for r in case["err_re"]:
                if not re.search(r, err, re.M):
                    problems.append(f"stderr does not match /{r}/")
            if problems:
                failures += 1
                print(f"{path}:{case['line']}: FAIL: $ {case['cmd']}")
                for pr in problems:
                    print(f"    {pr}")
                print("    --- stdout ---\n" + "\n".join("    " + l for l in out.splitlines()[:40]))
                print("    --- stderr ---\n" + "\n".join("    " + l for l in err.splitlines()[:40]))
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(bindir, ignore_errors=True)
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
