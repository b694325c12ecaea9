#!/usr/bin/env python3
"""Runs one qexplain command under failure injection (tests/tools/failinject.c).

    failinject.py --shim LIB [--out FILE] [--max N] -- COMMAND ARGS...

First the command runs cleanly, counting calls to open/read/write/fsync/
rename/malloc. Then, for every function and every N up to that count (capped
by --max, spread evenly), the Nth call fails. Each run must end with a normal
exit status (0-4; never a signal and never 70) and either the clean run's
exact result or a diagnostic on stderr, and, when --out is given, that file must hold either
its content from before the run or the complete output of the clean run,
with no temporary file left beside it.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shim", required=True)
    ap.add_argument("--out")
    ap.add_argument("--max", type=int, default=60)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    old = None
    if a.out and os.path.exists(a.out):
        with open(a.out, "rb") as f:
            old = f.read()

    def restore():
        if not a.out:
            return
        if old is None:
            if os.path.exists(a.out):
                os.unlink(a.out)
        else:
            with open(a.out, "wb") as f:
                f.write(old)

    def run(env_extra):
        env = dict(os.environ)
        env["LD_PRELOAD"] = os.path.abspath(a.shim)
        env.update(env_extra)
        return subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)

    fd, countfile = tempfile.mkstemp()
    os.close(fd)
    clean = run({"QX_FAIL_COUNT": countfile})
    counts = {}
    with open(countfile) as f:
        for line in f:
            name, n = line.split()
            counts[name] = int(n)
    os.unlink(countfile)
    ref = None
    if a.out:
        with open(a.out, "rb") as f:
            ref = f.read()
    passed = failed = 0
    for func, total in sorted(counts.items()):
        if total == 0:
            continue
        ns = sorted(set([1, total] + [1 + (i * (total - 1)) // max(1, a.max - 1) for i in range(a.max)]))
        for n in ns:
            restore()
            p = run({"QX_FAIL_FUNC": func, "QX_FAIL_AT": str(n)})
            problems = []
            if p.returncode < 0:
                problems.append(f"killed by signal {-p.returncode}")
            elif p.returncode not in (0, 1, 2, 3, 4):
                problems.append(f"exit status {p.returncode}")
            # A failure the program absorbs (libc falls back, a retry) must
            # give exactly the clean run's result; any other outcome must
            # say why on stderr.
            same = p.returncode == clean.returncode and p.stdout == clean.stdout
            if not same and p.returncode > 0 and not p.stderr.strip():
                problems.append("non-zero exit without a diagnostic")
            if p.returncode == clean.returncode and p.stdout != clean.stdout and not p.stderr.strip():
                problems.append("same exit status as the clean run but different stdout")
            if a.out:
                cur = open(a.out, "rb").read() if os.path.exists(a.out) else None
                if cur not in (old, ref):
                    problems.append("output file is neither the old nor the complete new content")
                d = os.path.dirname(os.path.abspath(a.out))
                base = os.path.basename(a.out)
                left = [x for x in os.listdir(d) if x.startswith(base + ".tmp.")]
                if left:
                    problems.append(f"temporary files left: {left}")
                    for x in left:
                        os.unlink(os.path.join(d, x))
            if problems:
                failed += 1
                print(f"FAIL {func}#{n}: {'; '.join(problems)}")
                print("    " + p.stderr.decode("utf-8", "replace").strip().replace("\n", "\n    "))
            else:
                passed += 1
    restore()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
