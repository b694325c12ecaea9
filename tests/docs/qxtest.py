"""Helpers shared by the tests in tests/docs: running qexplain, skipping.

SKIP is exit status 77 (ctest SKIP_RETURN_CODE in tests.cmake).
"""
import os
import subprocess
import sys

SKIP = 77


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def run(argv, cwd=None, stdin=None, env=None, timeout=120):
    """Runs argv; returns (exit status, stdout, stderr) as text."""
    p = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, env=env,
                       timeout=timeout)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def qexplain_env():
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    return env


def implemented(qexplain, cmd):
    """A command is implemented when its --help exits 0 (stubs exit 70)."""
    code, _, _ = run([qexplain, cmd, "--help"])
    return code == 0
