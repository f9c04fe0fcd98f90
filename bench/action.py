"""Benchmark: scripts/action.sh on a pull request of COUNT plans, against another version of
the script (a git revision of this repository) in the same run, with their outputs compared.

The base holds COUNT delight plans, one organisation each, and a 5% budget-increase cap. The
pull request raises one plan's budget past the cap (a tripped guardrail), edits a figure of a
few others, deletes one plan, renames one and adds a new one: every diff path of the script
runs (present, gone, carried on). Both scripts run on copies of the same repository, in turn
(ROUNDS times, alternating, as the machine is shared), with the same runner files; the CPU
seconds of the script and everything it starts (getrusage of the children) and the wall time
are printed, with their ratio, and every output (the step's annotations, summary, outputs,
the curl stub's requests, the files of CS_ALIGN_OUT) must be byte-identical.

Run: python bench/action.py [COUNT] [ROUNDS] [REVISION]   (defaults 20, 3, HEAD)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CURL = """#!/bin/sh
echo "$@" >> "$CURL_LOG"
for a in "$@"; do
  if [ "$prev" = -o ] && [ "$a" != /dev/null ]; then echo '[]' > "$a"; fi; prev=$a
done
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def build(root: Path, count: int) -> None:
    plans = root / "plans"
    plans.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.com")
    git(root, "config", "user.name", "bench")
    delight = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")
    for i in range(count):
        text = delight.replace("organisation: Example Delight Co", f"organisation: Org {i}")
        (plans / f"p{i:02}.yaml").write_text(text, encoding="utf-8")
    (root / ".cs-align.yaml").write_text("guardrails:\n  max_budget_increase: 5%\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "main")
    git(root, "checkout", "-qb", "pr")
    first = plans / "p00.yaml"  # past the 5% cap: a tripped guardrail
    first.write_text(first.read_text().replace("goodwill: 25001", "goodwill: 225001"))
    for i in range(1, min(count, 5)):  # a figure edited
        path = plans / f"p{i:02}.yaml"
        path.write_text(path.read_text().replace("agents: 4.5", "agents: 4.6"))
    if count > 6:
        (plans / f"p{count - 1:02}.yaml").unlink()  # deleted
        git(root, "mv", f"plans/p{count - 2:02}.yaml", "plans/renamed.yaml")
        new = delight.replace("organisation: Example Delight Co", "organisation: New Org")
        (plans / "new.yaml").write_text(new, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the change")


def run(script: Path, template: Path, work: Path) -> tuple[float, float, dict[str, bytes]]:
    """The script run once on a fresh copy of ``template``: CPU s, wall s, its outputs."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(template, work / "repo", symlinks=True)
    repo = work / "repo"
    git(repo, "update-index", "-q", "--refresh")
    stubs = work / "bin"
    stubs.mkdir()
    (stubs / "curl").write_text(CURL)
    (stubs / "curl").chmod(0o755)
    event = work / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}))
    files = {n: work / n for n in ("output", "summary.md", "curl.log")}
    for path in files.values():
        path.write_text("")
    env = {
        **os.environ,
        "PATH": f"{stubs}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "INPUT_PLANS": "plans/",
        "INPUT_GITHUB_TOKEN": "t0ken",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_BASE_REF": "main",
        "GITHUB_REPOSITORY": "acme/plans",
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_STEP_SUMMARY": str(files["summary.md"]),
        "CS_ALIGN_OUT": str(work / "out"),
        "CURL_LOG": str(files["curl.log"]),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(script)], cwd=repo, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    outputs = {"stdout": proc.stdout, "exit": str(proc.returncode).encode()}
    outputs |= {name: path.read_bytes() for name, path in files.items()}
    for path in sorted((work / "out").iterdir()):
        outputs[f"out/{path.name}"] = path.read_bytes()
    return cpu, wall, outputs


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    revision = sys.argv[3] if len(sys.argv) > 3 else "HEAD"
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        old = tmp / "action-old.sh"
        old.write_text(git(ROOT, "show", f"{revision}:scripts/action.sh"))
        scripts = {"old": old, "new": ROOT / "scripts" / "action.sh"}
        build(tmp / "template", count)
        cpu: dict[str, list[float]] = {k: [] for k in scripts}
        wall: dict[str, list[float]] = {k: [] for k in scripts}
        seen: dict[str, dict[str, bytes]] = {}
        for _ in range(rounds):
            for name, script in scripts.items():
                c, w, outputs = run(script, tmp / "template", tmp / "work")
                cpu[name].append(c)
                wall[name].append(w)
                seen[name] = outputs
        differ = [
            k
            for k in seen["old"].keys() | seen["new"].keys()
            if seen["old"].get(k) != seen["new"].get(k)
        ]
        code = json.dumps(seen["new"]["output"].decode())
        print(f"{count} plans, {rounds} rounds, old = {revision}:scripts/action.sh; {code}")
        for name in scripts:
            print(f"  {name}: CPU min {min(cpu[name]):6.2f} s  wall min {min(wall[name]):6.2f} s")
        print(
            f"  new/old: CPU {min(cpu['new']) / min(cpu['old']):.2f}, "
            f"wall {min(wall['new']) / min(wall['old']):.2f}"
        )
        print("  outputs byte-identical" if not differ else f"  outputs DIFFER: {sorted(differ)}")


if __name__ == "__main__":
    main()
