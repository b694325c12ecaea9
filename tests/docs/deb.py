#!/usr/bin/env python3
"""The Debian package.

Always (when cpack and dpkg-deb exist, and not in a sanitizer build): runs
`cpack -G DEB` on the build tree into a scratch directory and checks the
package's control fields and file list (binary, man page, bash and zsh
completions, the shipped skills, templates and facts).

Only as root with QX_TEST_DEB=1 (which CI sets): `dpkg -i` the package,
run `qexplain generate --skill public-sector` from /tmp with no data flag
(the installed copy must find /usr/share/qexplain by itself; while generate
is a stub, `qexplain skills list`), then `dpkg -r qexplain` and check the
binary is gone. Otherwise that half is reported as SKIP (exit 77).
"""
import argparse
import glob
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qxtest import fail, run, skip  # noqa: E402

EXPECTED_FILES = [
    "./usr/bin/qexplain",
    "./usr/share/man/man1/qexplain.1.gz",
    "./usr/share/bash-completion/completions/qexplain",
    "./usr/share/zsh/vendor-completions/_qexplain",
    "./usr/share/qexplain/skills/public-sector.md",
    "./usr/share/qexplain/facts/glossary.json",
    "./usr/share/qexplain/templates/",
    "./usr/share/doc/qexplain/LICENSE",
]
RUNTIME_DEPS = ["libyaml-0-2", "libcjson1", "libpcre2-8-0", "libunistring2", "libnettle8"]


def build_package(build, out):
    cpack = shutil.which("cpack")
    if not cpack:
        skip("cpack not found")
    if not shutil.which("dpkg-deb"):
        skip("dpkg-deb not found (apt-get install dpkg)")
    code, so, se = run([cpack, "-G", "DEB", "-B", out, "--config",
                        os.path.join(build, "CPackConfig.cmake")], cwd=build, timeout=300)
    if code != 0:
        fail(f"cpack -G DEB: exit {code}\n{so}\n{se}")
    debs = glob.glob(os.path.join(out, "*.deb"))
    if len(debs) != 1:
        fail(f"cpack wrote {debs}, expected one .deb")
    return debs[0]


def check_package(deb):
    code, fields, err = run(["dpkg-deb", "-f", deb, "Package", "Version", "Depends",
                             "Maintainer", "Description"])
    if code != 0:
        fail(f"dpkg-deb -f: {err}")
    print(fields.strip())
    if "Package: qexplain" not in fields:
        fail("the package is not named qexplain")
    for dep in RUNTIME_DEPS:
        if dep not in fields:
            fail(f"Depends lacks {dep}")
    code, listing, err = run(["dpkg-deb", "-c", deb])
    if code != 0:
        fail(f"dpkg-deb -c: {err}")
    names = [line.split()[-1] for line in listing.splitlines() if line.strip()]
    for want in EXPECTED_FILES:
        if not any(n == want or (want.endswith("/") and n.startswith(want)) for n in names):
            fail(f"the package lacks {want}")
    print(f"ok package: {os.path.basename(deb)}, {len(names)} entries")


def install_and_run(deb):
    env = {k: v for k, v in os.environ.items() if k != "QEXPLAIN_DATA"}
    env["LC_ALL"] = "C.UTF-8"
    code, so, se = run(["dpkg", "-i", deb], env=env, timeout=300)
    print(f"$ dpkg -i {os.path.basename(deb)}  (exit {code})\n{so}{se}")
    if code != 0:
        fail("dpkg -i failed")
    try:
        exe = "/usr/bin/qexplain"
        gen, _, _ = run([exe, "generate", "--help"], cwd="/tmp", env=env)
        argv = ([exe, "generate", "--skill", "public-sector"] if gen == 0
                else [exe, "skills", "list"])
        code, so, se = run(argv, cwd="/tmp", env=env)
        print(f"$ cd /tmp && {' '.join(argv)}  (exit {code})")
        print("\n".join(so.splitlines()[:3]) + "\n...")
        if code != 0:
            fail(f"{' '.join(argv)} from /tmp: exit {code}: {se}")
        if gen == 0 and not so.startswith("一、"):
            fail("the installed generate printed no article")
        # With no flag and no QEXPLAIN_DATA, an installed binary takes
        # ../share/qexplain next to itself (src/cli/main.c): it must be there.
        if not os.path.isfile("/usr/share/qexplain/skills/public-sector.md"):
            fail("the package did not install /usr/share/qexplain/skills")
        code, so, se = run([exe, "--data-dir", "/usr/share/qexplain", "facts", "check"],
                           cwd="/tmp", env=env)
        if code != 0:
            fail(f"the installed fact base does not pass 'facts check': {se}")
        print("ok installed: data from /usr/share/qexplain")
    finally:
        code, so, se = run(["dpkg", "-r", "qexplain"], env=env, timeout=300)
        print(f"$ dpkg -r qexplain  (exit {code})\n{so}{se}")
    if code != 0 or os.path.exists("/usr/bin/qexplain"):
        fail("dpkg -r did not remove the package")
    print("ok removed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--sanitize", default="0")
    args = ap.parse_args()
    if args.sanitize not in ("0", "", "OFF", "FALSE"):
        skip("sanitizer build: the package would need libasan")
    out = tempfile.mkdtemp(prefix="qxdeb")
    try:
        deb = build_package(args.build, out)
        check_package(deb)
        if os.geteuid() != 0 or os.environ.get("QX_TEST_DEB") != "1":
            skip("package built and checked; installing it needs root and QX_TEST_DEB=1")
        if not shutil.which("dpkg"):
            skip("dpkg not found")
        install_and_run(deb)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(os.path.join(args.build, "_CPack_Packages"), ignore_errors=True)


if __name__ == "__main__":
    main()
