#!/usr/bin/env python3
"""The shell completions agree with the binary.

bash (completions/qexplain.bash, sourced in a bash subprocess and driven
through COMP_WORDS/COMP_CWORD):
- the commands offered first are those of `qexplain --help`;
- for every implemented command, `CMD -<TAB>` offers exactly the options of
  its --help and its subcommands' (plus -h/--help), and `CMD <TAB>` the
  subcommands its usage lines name;
- skill names and aliases after --skill, rule ids after --disable, the
  formats of each command after --format.
zsh (completions/_qexplain, no zsh needed): each command's option list
equals the bash one.
"""
import argparse
import json
import os
import re
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from help_vs_man import help_options, subcommands  # noqa: E402
from qxtest import fail, implemented, run  # noqa: E402


def complete(script, words):
    """COMPREPLY for the command line `words` (the last word is completed)."""
    cmd = (f"source {shlex.quote(script)}\n"
           f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
           f"COMP_CWORD={len(words) - 1}\n"
           "_qexplain\n"
           'printf "%s\\n" "${COMPREPLY[@]}"\n')
    code, out, err = run(["bash", "--norc", "--noprofile", "-c", cmd])
    if code != 0:
        fail(f"completing {words}: exit {code}: {err}")
    return sorted(set(w for w in out.split("\n") if w))


def zsh_options(path):
    """{command: set of options} from the case arms of completions/_qexplain."""
    text = open(path, encoding="utf-8").read()
    out = {}
    for m in re.finditer(r"^ {8}([a-z]+)\)\n(.*?);;", text, re.M | re.S):
        opts = set(re.findall(r"'\*?(--?[a-z][a-z-]*)\[", m.group(2)))
        for pair in re.findall(r"\{(-\w),(--[\w-]+)\}", m.group(2)):
            opts |= set(pair)
        out[m.group(1)] = opts
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--src", required=True)
    args = ap.parse_args()
    q = os.path.abspath(args.qexplain)
    bash = os.path.join(args.src, "completions", "qexplain.bash")
    zsh = os.path.join(args.src, "completions", "_qexplain")
    errors = []

    code, top, _ = run([q, "--help"])
    commands = re.findall(r"^  ([a-z]+) {2,}\S", top.split("commands:")[1].split("options:")[0],
                          re.M)
    got = complete(bash, [q, ""])
    if got != sorted(commands + ["help"]):
        errors.append(f"commands: completion offers {got}, --help lists {commands}")

    zopts = zsh_options(zsh)
    checked = 0
    for cmd in commands:
        if not implemented(q, cmd):
            print(f"stub {cmd}: not compared")
            continue
        _, text, _ = run([q, cmd, "--help"])
        want = help_options(text) | {"-h", "--help"}
        subs = subcommands(text, cmd)
        for sub in subs:
            _, stext, _ = run([q, cmd, sub, "--help"])
            want |= help_options(stext)
        got = set(complete(bash, [q, cmd, "-"]))
        if got != want:
            errors.append(f"bash '{cmd} -': missing {sorted(want - got)}, extra {sorted(got - want)}")
        if subs:
            got_subs = complete(bash, [q, cmd, ""])
            if got_subs != sorted(subs):
                errors.append(f"bash '{cmd} <TAB>': {got_subs}, --help names {subs}")
        if zopts.get(cmd) != want:
            errors.append(f"zsh '{cmd}': missing {sorted(want - zopts.get(cmd, set()))}, extra "
                          f"{sorted(zopts.get(cmd, set()) - want)}")
        checked += 1

    code, out, _ = run([q, "skills", "list", "--format", "json"])
    aliases = {s["alias"] for s in json.loads(out) if s.get("alias")}
    names = {s["name"] for s in json.loads(out)}
    got = set(complete(bash, [q, "generate", "--skill", ""]))
    if not (aliases | names) <= got:
        errors.append(f"--skill: offers {sorted(got)}, expected {sorted(aliases | names)}")
    got = complete(bash, [q, "lint", "--disable", "punct.f"])
    if got != ["punct.fullwidth"]:
        errors.append(f"--disable punct.f: {got}")
    got = complete(bash, [q, "--data-dir", args.src, "lint", "--format", ""])
    if got != sorted(["human", "json", "sarif", "rdjson", "github"]):
        errors.append(f"lint --format: {got}")
    got = complete(bash, [q, "generate", "--format", ""])
    if got != ["html", "json", "text"]:
        errors.append(f"generate --format: {got}")

    for e in errors:
        print(f"FAIL: {e}")
    if errors:
        sys.exit(1)
    print(f"ok: bash and zsh completions agree with --help for {checked} commands; skills, "
          f"rules and formats complete")


if __name__ == "__main__":
    main()
