#!/usr/bin/env python3
"""The man page agrees with --help.

For every command of `qexplain --help`:
- docs/qexplain.1 has a `.SS NAME` section, and has no section for a command
  that does not exist;
- when `qexplain NAME --help` exits 0, the options of its help (and of the
  help of each subcommand its usage lines name) equal the options of the man
  section (its synopsis lines and its .TP items); -h/--help are left out, as
  every command has them;
- when the command is still a stub (--help exits 70), the section says "not
  available in this version", and lists no option items.
The global options of `qexplain --help` equal those of GLOBAL OPTIONS, the
man page renders without groff warnings when groff is installed, and
--version matches the .TH line.
"""
import argparse
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qxtest import fail, run  # noqa: E402

OPT = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")
UNIVERSAL = {"-h", "--help"}


def roff_plain(line):
    line = line.replace("\\-", "-").replace("\\ ", " ").replace("\\&", "")
    line = re.sub(r"\\f[BIRP]|\\f\(..|\\fP", "", line)
    line = re.sub(r'^\.(B|I|BR|BI|RB|IR|RI|IB|SM)\s+', "", line)
    return line.replace('"', "")


def man_sections(path):
    """{section title: [lines]} for .SH and .SS, plain text."""
    sections, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = re.match(r'^\.(SH|SS)\s+"?([^"]*)"?$', line)
            if m:
                cur = (m.group(1), m.group(2).strip())
                sections[cur] = []
            elif cur:
                sections[cur].append(line)
    return sections


def man_options(lines):
    """Options of a section: .TP tags and synopsis (.nf ... .fi) lines."""
    opts, items = set(), 0
    nofill = False
    for i, line in enumerate(lines):
        if line.startswith(".nf"):
            nofill = True
        elif line.startswith(".fi"):
            nofill = False
        elif nofill and not line.startswith('.\\"'):
            opts |= set(OPT.findall(roff_plain(line)))
        elif line.startswith(".TP") and i + 1 < len(lines):
            found = set(OPT.findall(roff_plain(lines[i + 1])))
            items += bool(found)
            opts |= found
    return opts - UNIVERSAL, items


def help_options(text):
    """Options of a help text: its usage lines and its option-list lines."""
    opts, in_usage = set(), False
    for line in text.splitlines():
        if line.startswith("usage:"):
            in_usage = True
        elif not line.strip():
            in_usage = False
        if in_usage:
            opts |= set(OPT.findall(line))
        m = re.match(r"^ {1,4}((?:-{1,2}[\w-]+(?:,\s*)?)+)", line)
        if m:
            opts |= set(OPT.findall(m.group(1)))
    return opts - UNIVERSAL


def subcommands(text, cmd):
    subs = set()
    for m in re.finditer(rf"qexplain {cmd} ([a-z][a-z|]*)", text):
        subs |= set(m.group(1).split("|"))
    return sorted(subs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--man", required=True)
    args = ap.parse_args()
    q = args.qexplain
    sections = man_sections(args.man)
    errors = []

    code, top, err = run([q, "--help"])
    if code != 0:
        fail(f"qexplain --help: exit {code}: {err}")
    commands = re.findall(r"^  ([a-z]+) {2,}\S", top.split("commands:")[1].split("options:")[0],
                          re.M)
    if len(commands) < 5:
        fail(f"found only {commands} in qexplain --help")
    man_cmds = {t for (k, t) in sections if k == "SS"}
    for extra in sorted(man_cmds - set(commands)):
        errors.append(f"man page section '{extra}' names no command of qexplain --help")

    g_man, _ = man_options(sections.get(("SH", "GLOBAL OPTIONS"), []))
    g_help = help_options(top.split("options:")[1]) | help_options(top.split("\n")[0])
    if g_man != g_help:
        errors.append(f"global options: --help has {sorted(g_help)}, the man page "
                      f"{sorted(g_man)}")

    checked = 0
    for cmd in commands:
        sec = sections.get(("SS", cmd))
        if sec is None:
            errors.append(f"'{cmd}': no .SS {cmd} section in the man page")
            continue
        m_opts, items = man_options(sec)
        stub_note = "not available in this version" in " ".join(roff_plain(s) for s in sec)
        code, text, err = run([q, cmd, "--help"])
        if code == 70:
            if not stub_note:
                errors.append(f"'{cmd}' is a stub (exit 70) but its man section does not say "
                              f"'not available in this version'")
            if items:
                errors.append(f"'{cmd}' is a stub but its man section lists options")
            print(f"stub {cmd}: man section says so")
            continue
        if code != 0:
            errors.append(f"'qexplain {cmd} --help' exits {code}")
            continue
        if stub_note:
            errors.append(f"'{cmd}' is implemented now: replace 'not available in this version' "
                          f"in its man section by its options")
        h_opts = help_options(text)
        subs = subcommands(text, cmd)
        for sub in subs:
            code, stext, err = run([q, cmd, sub, "--help"])
            if code != 0:
                errors.append(f"'qexplain {cmd} {sub} --help' exits {code}: {err.strip()}")
                continue
            h_opts |= help_options(stext)
        if h_opts != m_opts:
            errors.append(f"'{cmd}': only in --help: {sorted(h_opts - m_opts)}; only in the man "
                          f"page: {sorted(m_opts - h_opts)}")
        else:
            checked += 1
            print(f"ok {cmd}: {len(h_opts)} options agree"
                  + (f" (subcommands {', '.join(subs)})" if subs else ""))

    code, version, _ = run([q, "--version"])
    th = next((line for line in open(args.man, encoding="utf-8") if line.startswith(".TH")), "")
    if version.split()[-1] not in th:
        errors.append(f"--version says '{version.strip()}', the .TH line '{th.strip()}'")

    groff = shutil.which("groff")
    if groff:
        code, _, err = run([groff, "-man", "-Tutf8", "-ww", "-z", args.man],
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
        if code != 0 or err.strip():
            errors.append(f"groff warns about the man page: {err.strip()}")
    else:
        print("note: groff not installed, rendering not checked")

    for e in errors:
        print(f"FAIL: {e}")
    if errors:
        sys.exit(1)
    print(f"ok: {checked} commands agree with docs/qexplain.1")


if __name__ == "__main__":
    main()
