#!/usr/bin/env python3
"""The CI recipes of docs/ci.md, tried here as far as this machine allows.

- .pre-commit-hooks.yaml parses, each hook runs `qexplain ...` with
  language: system, and the ids are unique;
- the ```yaml qx-workflow block of docs/ci.md parses; its "lint articles"
  step is run with bash exactly as written (qexplain on PATH, GITHUB_OUTPUT
  a scratch file) on a clean and on a broken article: the step passes both
  times, records status 0 / 1, and leaves a SARIF 2.1.0 report whose first
  result is the broken rule; the "fail on findings" step fires on status 1;
- the ```yaml qx-precommit-config block names hooks that exist;
- the ```yaml qx-workflow-stale job's step passes after `batch` and fails
  (exit 1, naming the article) once a fact it cites changes;
- with pre-commit installed, `pre-commit try-repo SRC qexplain-lint` passes
  on the clean article and fails, naming the rule, on the broken one.
Needs python3-yaml (a SKIP otherwise). GitHub and reviewdog are not here.
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qxtest import fail, run, skip  # noqa: E402

try:
    import yaml
except ImportError:
    yaml = None


def block(page, tag):
    text = open(page, encoding="utf-8").read()
    m = re.search(r"^```yaml " + re.escape(tag) + r"\n(.*?)^```", text, re.M | re.S)
    if not m:
        fail(f"{page}: no ```yaml {tag} block")
    return yaml.safe_load(m.group(1))


def write_articles(q, work, env, broken):
    os.makedirs(os.path.join(work, "articles"), exist_ok=True)
    path = os.path.join(work, "articles", "intro.txt")
    code, out, err = run([q, "generate", "--skill", "wechat", "-o", path], env=env)
    if code != 0:
        fail(f"generate: exit {code}: {err}")
    if broken:
        lines = open(path, encoding="utf-8").read().split("\n")
        lines[2] = lines[2].replace("，", ",", 1)
        open(path, "w", encoding="utf-8").write("\n".join(lines))


def stale_job(q, src, page, env):
    """The batch --check job: passes after a batch, fails after a fact change."""
    job = block(page, "qx-workflow-stale")["stale"]
    step = next(s for s in job["steps"] if "run" in s)
    work = tempfile.mkdtemp(prefix="qxstale")
    data = os.path.join(work, "data")
    for d in ("skills", "templates", "facts"):
        shutil.copytree(os.path.join(src, d), os.path.join(data, d))
    with open(os.path.join(work, "articles.yaml"), "w", encoding="utf-8") as f:
        f.write("articles:\n  - out: out/ps.txt\n    skill: public-sector\n")
    env = dict(env, QEXPLAIN_DATA=data)
    code, _, err = run([q, "batch", "articles.yaml"], cwd=work, env=env)
    if code != 0:
        fail(f"batch: exit {code}: {err}")
    code, out, err = run(["bash", "-e", "-c", step["run"]], cwd=work, env=env)
    if code != 0:
        fail(f"the stale job fails right after a batch: exit {code}: {out}{err}")
    speed = os.path.join(data, "facts", "speed.json")
    text = open(speed, encoding="utf-8").read()
    open(speed, "w", encoding="utf-8").write(text.replace("8.21", "8.2"))
    code, out, err = run(["bash", "-e", "-c", step["run"]], cwd=work, env=env)
    if code != 1 or "stale out/ps.txt" not in out + err:
        fail(f"the stale job after a fact change: exit {code}, expected 1 naming out/ps.txt: "
             f"{out}{err}")
    print("ok workflow stale job: passes after batch, fails after a fact change")
    shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qexplain", required=True)
    ap.add_argument("--src", required=True)
    args = ap.parse_args()
    if yaml is None:
        skip("python3-yaml is not installed")
    q = os.path.abspath(args.qexplain)
    bindir = tempfile.mkdtemp(prefix="qxbin")
    os.symlink(q, os.path.join(bindir, "qexplain"))
    env = dict(os.environ, LC_ALL="C.UTF-8", PATH=bindir + os.pathsep + os.environ["PATH"])

    hooks = yaml.safe_load(open(os.path.join(args.src, ".pre-commit-hooks.yaml"),
                                encoding="utf-8"))
    ids = [h["id"] for h in hooks]
    if len(ids) != len(set(ids)):
        fail(f".pre-commit-hooks.yaml: duplicate ids {ids}")
    for h in hooks:
        if not h["entry"].startswith("qexplain ") or h["language"] != "system":
            fail(f".pre-commit-hooks.yaml: hook {h['id']} must run qexplain with language system")
        sub = h["entry"].split()[1]
        code, _, _ = run([q, sub, "--help"])
        if code != 0:
            fail(f"hook {h['id']}: 'qexplain {sub} --help' exits {code}")
    print(f"ok hooks: {', '.join(ids)}")

    page = os.path.join(args.src, "docs", "ci.md")
    config = block(page, "qx-precommit-config")
    for repo in config["repos"]:
        for h in repo["hooks"]:
            if h["id"] not in ids:
                fail(f"ci.md pre-commit config uses unknown hook {h['id']}")
    flow = block(page, "qx-workflow")
    steps = flow["jobs"]["lint"]["steps"]
    lint = next(s for s in steps if s.get("name") == "lint articles")
    gate = next(s for s in steps if s.get("name") == "fail on findings")
    if gate.get("if") != f"steps.{lint['id']}.outputs.status == '1'":
        fail(f"the gate step's condition does not read the lint step's status: {gate.get('if')}")
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    if upload.get("if") != "always()":
        fail("the SARIF upload must run even when lint found errors")

    for broken, want in ((False, "0"), (True, "1")):
        work = tempfile.mkdtemp(prefix="qxci")
        write_articles(q, work, env, broken)
        output = os.path.join(work, "github_output")
        step_env = dict(env, GITHUB_OUTPUT=output)
        code, out, err = run(["bash", "-e", "-c", lint["run"]], cwd=work, env=step_env)
        if code != 0:
            fail(f"the lint step failed (exit {code}) on a {'broken' if broken else 'clean'} "
                 f"article: {err}")
        status = open(output).read().strip()
        if status != f"status={want}":
            fail(f"the lint step recorded '{status}', expected status={want}")
        sarif = json.load(open(os.path.join(work, "qexplain.sarif")))
        if sarif.get("version") != "2.1.0":
            fail("qexplain.sarif is not SARIF 2.1.0")
        results = sarif["runs"][0]["results"]
        errors = [r for r in results if r.get("level") == "error"]
        if broken and (not errors or errors[0]["ruleId"] != "punct.fullwidth"):
            fail(f"SARIF errors: {[r['ruleId'] for r in errors]}")
        if not broken and errors:
            fail(f"SARIF of a clean article has errors: {[r['ruleId'] for r in errors]}")
        print(f"ok workflow lint step: {'broken' if broken else 'clean'} article -> {status}, "
              f"{len(results)} SARIF results")
        shutil.rmtree(work, ignore_errors=True)

    stale_job(q, args.src, page, env)

    if not shutil.which("pre-commit") or not shutil.which("git"):
        print("note: pre-commit not installed; 'pre-commit try-repo' not run")
        return
    for broken, want in ((False, 0), (True, 1)):
        work = tempfile.mkdtemp(prefix="qxpc")
        run(["git", "init", "-q", work])
        write_articles(q, work, env, broken)
        run(["git", "-C", work, "add", "articles"])
        pc_env = dict(env, PRE_COMMIT_HOME=os.path.join(work, ".cache"),
                      GIT_CONFIG_GLOBAL=os.devnull)
        code, out, err = run(["pre-commit", "try-repo", os.path.abspath(args.src),
                              "qexplain-lint", "--verbose", "--files", "articles/intro.txt"],
                             cwd=work, env=pc_env, timeout=300)
        if code != want or (broken and "punct.fullwidth" not in out + err):
            fail(f"pre-commit try-repo on a {'broken' if broken else 'clean'} article: exit "
                 f"{code}, expected {want}\n{out[-3000:]}\n{err[-2000:]}")
        print(f"ok pre-commit try-repo: {'broken' if broken else 'clean'} article -> exit {code}")
        shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(bindir, ignore_errors=True)


if __name__ == "__main__":
    main()
