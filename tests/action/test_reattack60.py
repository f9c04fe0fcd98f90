"""Reattack60: the gate's watch on what a `pull_request` run takes from the pull request
(its workflow, local actions, the scripts and files their steps name), tried where main's
workflow runs its script in a way the watch did not follow. Each pull request edits that
file alone, with inputs that loosen main's policy (`fail-on: error`, a 1000% cap, against
main's `fail_on: warning` and 5%): the run must fail, naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.action.test_action import (
    ALIGNED,
    WORKFLOW,
    PullRequest,
    _stricter_main_and_a_looser_change,
)


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("reattack60")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


LOOSENING = {"fail_on": "error", "args": "--max-budget-increase 1000%"}


def _on_main(pr: PullRequest, files: dict[str, str], links: dict[str, str] | None = None) -> None:
    """Commit ``files`` (and symbolic ``links``, name → target) on main, then merge main
    into the pull request's branch: main's own workflow and scripts."""
    pr.git("checkout", "-q", "main")
    for name, text in files.items():
        pr.write(name, text)
    for name, target in (links or {}).items():
        (pr.root / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, pr.root / name)
    pr.commit("main's gate")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")


def _workflow(*steps: str) -> str:
    return "jobs:\n  gate:\n    steps:\n" + "".join(f"      - {s}\n" for s in steps)


SCRIPT = 'echo "args=--max-budget-increase 5%" >> "$GITHUB_OUTPUT"\n'

CASES = {
    # A step reads the gate's inputs from a file: data, which the watch skipped by its
    # extension, though the check never judges it.
    "args-in-a-text-file": (
        {".github/workflows/gate.yml": _workflow('run: echo "args=$(cat ci/gate-args.txt)"')},
        {"ci/gate-args.txt": "--max-budget-increase 5%\n"},
        "ci/gate-args.txt",
    ),
    "args-in-a-json-file": (
        {".github/workflows/gate.yml": _workflow("run: jq -r .args ci/gate.json")},
        {"ci/gate.json": '{"args": "--max-budget-increase 5%"}\n'},
        "ci/gate.json",
    ),
    # Run from another folder: the word names the script from there.
    "working-directory": (
        {".github/workflows/gate.yml": _workflow("run: ./gate.sh\n        working-directory: ci")},
        {"ci/gate.sh": SCRIPT},
        "ci/gate.sh",
    ),
    "cd-first": (
        {".github/workflows/gate.yml": _workflow("run: cd ci && ./flags.sh")},
        {"ci/flags.sh": SCRIPT},
        "ci/flags.sh",
    ),
    # A name holding a space, quoted or escaped; a name beyond ASCII.
    "quoted-space": (
        {".github/workflows/gate.yml": _workflow("run: '\"./ci tools/gate.sh\"'")},
        {"ci tools/gate.sh": SCRIPT},
        "ci tools/gate.sh",
    ),
    "escaped-space": (
        {".github/workflows/gate.yml": _workflow("run: bash ci\\ tools/gate.sh")},
        {"ci tools/gate.sh": SCRIPT},
        "ci tools/gate.sh",
    ),
    "non-ascii": (
        {".github/workflows/gate.yml": _workflow("run: sh ./ci/prüfen.sh")},
        {"ci/prüfen.sh": SCRIPT},
        "ci/prüfen.sh",
    ),
    # A name without its extension: node's, a module imported beside a script.
    "node-without-extension": (
        {".github/workflows/gate.yml": _workflow("run: node ci/gate")},
        {"ci/gate.js": "console.log('args=--max-budget-increase 5%')\n"},
        "ci/gate.js",
    ),
    "python-sibling-import": (
        {
            ".github/workflows/gate.yml": _workflow("run: python ci/gate.py"),
            "ci/gate.py": "import flags\nprint(flags.ARGS)\n",
        },
        {"ci/flags.py": "ARGS = '--max-budget-increase 5%'\n"},
        "ci/flags.py",
    ),
    "python-from-import": (
        {
            ".github/workflows/gate.yml": _workflow("run: python ci/gate.py"),
            "ci/gate.py": "from gatelib import (\n    flags,\n)\nprint(flags.ARGS)\n",
            "ci/gatelib/__init__.py": "",
        },
        {"ci/gatelib/flags.py": "ARGS = '--max-budget-increase 5%'\n"},
        "ci/gatelib/flags.py",
    ),
    "python-relative-import": (
        {
            ".github/workflows/gate.yml": _workflow("run: python -m ci.gate"),
            "ci/__init__.py": "",
            "ci/gate.py": "from .lib.args import (\n    ARGS,\n)\nprint(ARGS)\n",
            "ci/lib/__init__.py": "",
        },
        {"ci/lib/args.py": "ARGS = '--max-budget-increase 5%'\n"},
        "ci/lib/args.py",
    ),
    "sourced-beside-the-script": (
        {
            ".github/workflows/gate.yml": _workflow("run: bash ci/gate.sh"),
            "ci/gate.sh": '. "$(dirname "$0")/flags.sh"\n',
        },
        {"ci/flags.sh": SCRIPT},
        "ci/flags.sh",
    ),
    # A command that reads its own file, named by the command alone: a task runner's, a
    # Python project manager's scripts in pyproject.toml, make from a working-directory.
    "task-runner": (
        {".github/workflows/gate.yml": _workflow("run: task gate")},
        {"Taskfile.yml": "tasks:\n  gate:\n    cmds: [echo args=--max-budget-increase 5%]\n"},
        "Taskfile.yml",
    ),
    "project-scripts": (
        {".github/workflows/gate.yml": _workflow("run: uv run gate-args")},
        {"pyproject.toml": '[project.scripts]\ngate-args = "ci.args:main"\n'},
        "pyproject.toml",
    ),
    "make-in-a-folder": (
        {".github/workflows/gate.yml": _workflow("run: make args\n        working-directory: ci")},
        {"ci/Makefile": "args:\n\techo args=--max-budget-increase 5%\n"},
        "ci/Makefile",
    ),
    # A local action with no action.yml, a Dockerfile: the runner builds and runs it.
    "docker-action": (
        {
            ".github/workflows/gate.yml": _workflow("uses: ./tools/check"),
            "tools/check/Dockerfile": 'FROM python:3.12\nCOPY . /a\nENTRYPOINT ["/a/run"]\n',
        },
        {"tools/check/run": "#!/bin/sh\n" + SCRIPT},
        "tools/check/run",
    ),
}


@pytest.mark.parametrize(("main", "edited_text", "edited"), CASES.values(), ids=list(CASES))
def test_a_file_main_s_workflow_runs_is_watched_however_it_is_named(
    pr: PullRequest, main: dict[str, str], edited_text: dict[str, str], edited: str
) -> None:
    """The watch followed words with a `/` or `.` from the checkout's top, ASCII alone,
    split at every space, and skipped data by its extension: main's workflow running its
    script from another folder, under a name with a space or a letter beyond ASCII, without
    its extension, or reading the gate's arguments from a .txt or .json file, let the pull
    request edit that file, loosen the gate by its inputs and pass, exit 0."""
    _stricter_main_and_a_looser_change(pr)
    _on_main(pr, {**main, **edited_text})
    loosened = "echo 'args=--max-budget-increase 1000%'\n"
    if edited.endswith(".toml"):  # read by the check too: TOML still
        loosened = '[project.scripts]\ngate-args = "ci.loose:main"\n'
    pr.write(edited, loosened)
    pr.commit("the gate's script, loosened")
    run = pr.run(env=WORKFLOW, **LOOSENING)
    assert run.code == "1", run.annotations
    error = next((a for a in run.annotations if f"edits {edited}" in a), run.annotations)
    assert str(error).startswith("::error title=cs-align::this pull request edits"), error


def test_a_script_reached_through_a_linked_folder_is_watched(pr: PullRequest) -> None:
    """main's workflow runs ./bin/gate.sh, bin a link to tools/: the script the runner runs
    is tools/gate.sh, which no word names; the pull request edited it and passed."""
    _stricter_main_and_a_looser_change(pr)
    _on_main(
        pr,
        {".github/workflows/gate.yml": _workflow("run: ./bin/gate.sh"), "tools/gate.sh": SCRIPT},
        links={"bin": "tools"},
    )
    pr.write("tools/gate.sh", "echo 'args=--max-budget-increase 1000%'\n")
    pr.commit("the gate's script, loosened")
    run = pr.run(env=WORKFLOW, **LOOSENING)
    assert run.code == "1", run.annotations
    assert any("edits tools/gate.sh" in a for a in run.annotations), run.annotations


def test_a_plan_main_s_workflow_names_is_judged_not_watched(pr: PullRequest) -> None:
    """A plan or policy file a step names is judged by the check, never a script the pull
    request edits: main's workflow naming plans/acme.yaml and the config passes a pull
    request raising that plan within its cap with main's loosening inputs."""
    _stricter_main_and_a_looser_change(pr)
    _on_main(
        pr,
        {
            ".github/workflows/gate.yml": _workflow(
                "run: cs-align check plans/acme.yaml --config .cs-align.yaml", "run: cat LICENSE"
            ),
            "LICENSE": "MIT\n",
        },
    )
    pr.write("LICENSE", "MIT, 2027\n")
    pr.commit("a licence")
    run = pr.run(env=WORKFLOW, **LOOSENING)
    assert run.code == "0", run.annotations


def _raised(pr: PullRequest) -> None:
    """The pull request raises plans/acme.yaml's budget by 16.9%, past main's 5% cap."""
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 1800000").replace(
            "tooling: 82800", "tooling: 342559"
        ),
    )


def test_many_yaml_files_cannot_hide_a_plan_the_plans_input_does_not_reach(
    pr: PullRequest,
) -> None:
    """The note on plans the plans input does not reach read the first 100 YAML files the
    change touches, by name: a pull request adding 100 files a/000.yaml … a/099.yaml (no
    plans), setting `plans: docs/` in its own copy of the workflow and raising
    plans/acme.yaml by 16.9% past main's 5% cap passed, exit 0, no word. Past the bound the
    rest is unread, said, and counts as a loosening input."""
    _on_main(pr, {"docs/other.yaml": ALIGNED.replace("Example Delight Co", "Other Co")})
    for n in range(100):
        pr.write(f"a/{n:03}.yaml", f"services: {{s{n}: {{}}}}\n")  # Compose files
    _raised(pr)
    pr.write(".github/workflows/gate.yml", _workflow("uses: ./"))
    pr.commit("many files, more tooling, and a gate of docs/ alone")
    run = pr.run(env=WORKFLOW, plans="docs/")
    assert run.code == "1", run.annotations
    warned = next(a for a in run.annotations if "more than the 100" in a)
    assert warned.startswith("::warning title=cs-align::this pull request changes 102 YAML"), warned
    assert "**Fails the run:** this pull request edits `.github/workflows/gate.yml`" in run.comment


@pytest.mark.parametrize("how", ["base-ref", "inputs"])
def test_a_merge_queue_run_of_the_pull_request_s_own_workflow_cannot_loosen_its_gate(
    pr: PullRequest, how: str
) -> None:
    """A merge_group run takes the workflow from the merge group's commit, the pull request
    merged in, as a pull_request run does; the watch ran on pull_request alone. A pull
    request whose copy of the workflow set `base-ref: HEAD` (its policy dropping main's 5%
    cap), or `fail-on: error` and a 1000% cap, raised the budget by 16.9% and passed the
    merge queue, exit 0, with no word of its base."""
    base = pr.git("rev-parse", "main").strip()
    if how == "base-ref":
        pr.write(".cs-align.yaml", "fail_on: error\n")
    _raised(pr)
    pr.write(".github/workflows/gate.yml", _workflow("uses: ./"))
    pr.commit("no cap, more tooling, and a gate of its own")
    payload = {"merge_group": {"base_sha": base, "base_ref": "refs/heads/main", "head_sha": "x"}}
    merge_group = {"event": "merge_group", "payload": payload, "base_ref": ""}
    if how == "base-ref":
        run = pr.run(env={**WORKFLOW, "INPUT_BASE_REF": "HEAD"}, **merge_group)  # type: ignore[arg-type]
        assert any("the workflow judges by HEAD" in a for a in run.annotations), run.annotations
    else:
        run = pr.run(env=WORKFLOW, **LOOSENING, **merge_group)  # type: ignore[arg-type]
    assert run.code == "1", run.annotations
    assert "**Fails the run:** this pull request edits `.github/workflows/gate.yml`" in run.summary


def test_a_pull_request_cannot_judge_itself_by_an_older_commit_of_its_base(
    pr: PullRequest,
) -> None:
    """gate60 said a base-ref off the pull request's base branch, by ancestry: main's last
    commit cut plans/acme.yaml's budget back by 16.9%, the pull request's copy of the
    workflow set `base-ref: refs/remotes/origin/main~1` (on main, so unsaid) and raised the
    budget again, diffed against main~1's plan: +0%, past main's 5% cap, exit 0, no word.
    A revision other than the branch's tip is said and counts as a loosening input."""
    pr.git("checkout", "-q", "main")
    _raised(pr)
    pr.commit("a larger budget")
    pr.write("plans/acme.yaml", ALIGNED)
    pr.commit("the budget cut back")
    pr.git("update-ref", "refs/remotes/origin/main", "main")
    pr.git("checkout", "-q", "pr")
    pr.git("merge", "-q", "main")
    _raised(pr)
    pr.write(".github/workflows/gate.yml", _workflow("uses: ./"))
    pr.commit("the budget raised again, diffed against main's older plan")
    older = "refs/remotes/origin/main~1"
    for given in ({"INPUT_BASE_REF": older}, {"args": f"--base-ref {older}"}):
        env = {**WORKFLOW, **{k: v for k, v in given.items() if k.isupper()}}
        run = pr.run(env=env, args=given.get("args", ""))
        assert run.code == "1", run.annotations
        warned = next(a for a in run.annotations if "older commit of the pull request's" in a)
        assert warned.startswith(f"::warning title=cs-align::the workflow judges by {older},")
        assert "**Fails the run:** this pull request edits `.github/workflows/gate.yml`" in (
            run.comment
        )
