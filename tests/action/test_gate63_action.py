"""Gate63: a step of main's workflow hands the pull request's files on to the gate through
the job's environment, with inputs that loosen nothing. `echo "$GITHUB_WORKSPACE/tools" >>
"$GITHUB_PATH"` puts the repository's tools before the runner's, and a `tools/git` the pull
request adds ran in place of git; `cat ci/gate.env >> "$GITHUB_ENV"` hands on git settings
(GIT_CONFIG_*), and a HOME in the checkout its ~/.gitconfig, whose core.fsmonitor ran the pull
request's script inside the gate's git commands. Either pointed main at the change: a budget
raised by 16.9% past main's 5% cap read "budget 0 USD (0%)", exit 0, no annotation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.action.test_action import ALIGNED, WORKFLOW, PullRequest
from tests.action.test_reattack60 import _on_main, _workflow
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("gate63")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


STRICT = "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n"
ACTION = "uses: cs-align/cs-align@v1\n        with: {plans: plans/}"
# What the pull request's program does when the gate runs it: points main at the change
# (the diff then reads +0%), and leaves a mark.
TAMPER = """#!/bin/sh
git update-ref refs/remotes/origin/main HEAD 2>/dev/null
echo ran >> "{mark}"
"""
FAKE_GIT = """#!/bin/sh
real=$(PATH=${{PATH#*:}} command -v git)  # the runner's git, next on PATH
"$real" update-ref refs/remotes/origin/main HEAD 2>/dev/null
echo ran >> "{mark}"
exec "$real" "$@"
"""


def _raised(pr: PullRequest, files: dict[str, str]) -> None:
    """The pull request raises the budget by 16.9% (1,540,241 → 1,800,000), past main's 5%
    cap, and adds ``files`` (executable)."""
    pr.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 1800000").replace(
            "tooling: 82800", "tooling: 342559"
        ),
    )
    for name, text in files.items():
        pr.write(name, text)
        (pr.root / name).chmod(0o755)
    pr.commit("more tooling, and a program of its own")


def _path(pr: PullRequest, first: Path) -> str:
    """The run's PATH (the harness's stubs and Python) with ``first`` before it."""
    rest = [pr.tmp / "bin", Path(sys.executable).parent, os.environ["PATH"]]
    return os.pathsep.join(map(str, [first, *rest]))


def _blocked(pr: PullRequest, env: dict[str, str], mark: Path) -> None:
    run = pr.run(env={**WORKFLOW, "GITHUB_WORKSPACE": str(pr.root), **env})
    assert run.code == "1", run.annotations
    assert any("title=guardrail max_budget_increase" in a for a in run.annotations), run.annotations
    assert "16.86%" in run.comment, run.comment
    assert not mark.exists(), "the pull request's program ran inside the gate"
    notice = next(a for a in run.annotations if "left out of its environment" in a)
    assert notice.startswith("::notice title=cs-align::the gate runs git"), notice


def test_a_git_the_pull_request_adds_on_path_is_never_run(pr: PullRequest) -> None:
    """Main's workflow puts the repository's tools/ on PATH; the pull request adds a
    tools/git: before, it ran for every git command of the gate, and the change passed
    (exit 0, "budget 0 USD (0%)"); now PATH loses the checkout's folders, and the guardrail
    blocks +16.86% (259,759 / 1,540,241)."""
    mark = pr.tmp / "ran"
    _on_main(
        pr,
        {
            ".cs-align.yaml": STRICT,
            ".github/workflows/gate.yml": _workflow(
                'run: echo "$GITHUB_WORKSPACE/tools" >> "$GITHUB_PATH"', ACTION
            ),
        },
    )
    _raised(pr, {"tools/git": FAKE_GIT.format(mark=mark)})
    _blocked(pr, {"PATH": _path(pr, pr.root / "tools")}, mark)


@pytest.mark.parametrize("relative", [False, True])
def test_git_settings_handed_on_from_the_pull_request_are_never_obeyed(
    pr: PullRequest, relative: bool
) -> None:
    """Main's workflow hands ci/gate.env on to the job's environment; the pull request
    writes GIT_CONFIG_* there, making its ci/hook.sh git's core.fsmonitor: before, it ran
    inside the gate's git commands (34 times) and the change passed, exit 0; now every GIT_*
    variable is left out, and the guardrail blocks."""
    mark = pr.tmp / "ran"
    _on_main(
        pr,
        {
            ".cs-align.yaml": STRICT,
            ".github/workflows/gate.yml": _workflow(
                'run: cat ci/gate.env >> "$GITHUB_ENV"', ACTION
            ),
        },
    )
    _raised(pr, {"ci/hook.sh": TAMPER.format(mark=mark)})
    hook = "ci/hook.sh" if relative else str(pr.root / "ci" / "hook.sh")
    env = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.fsmonitor"}
    _blocked(pr, {**env, "GIT_CONFIG_VALUE_0": hook}, mark)


def test_a_home_in_the_checkout_gives_git_no_settings(pr: PullRequest) -> None:
    """A HOME in the checkout: git read the pull request's ci/home/.gitconfig, whose
    core.fsmonitor ran its script; now the gate runs with a HOME of its own."""
    mark = pr.tmp / "ran"
    _on_main(pr, {".cs-align.yaml": STRICT})
    hook = pr.root / "ci" / "hook.sh"
    _raised(
        pr,
        {
            "ci/hook.sh": TAMPER.format(mark=mark),
            "ci/home/.gitconfig": f"[core]\n\tfsmonitor = {hook}\n",
        },
    )
    _blocked(pr, {"HOME": str(pr.root / "ci" / "home")}, mark)


@pytest.mark.parametrize("failing", ["PATCH", "GET"])
def test_a_sticky_comment_left_from_an_earlier_run_is_said(pr: PullRequest, failing: str) -> None:
    """An earlier run's comment says the pull request passes; this run fails (+16.9% past
    main's 5% cap), but its comment cannot be updated (a comment-author input the token does
    not post as, an API failure) or the comments cannot be listed to find it. Before: exit 1
    with comment=summary-only and not a word, the pull request still showing "passes"; now
    a warning says the comment may show an earlier run's result."""
    _on_main(pr, {".cs-align.yaml": STRICT})
    _raised(pr, {})
    earlier = {
        "id": 222,
        "body": "<!-- cs-align-report -->\n✅ **passes**",
        "user": {"login": "github-actions[bot]", "type": "Bot"},
    }
    run = pr.run(comments=json.dumps([earlier]), fail=failing)
    assert run.code == "1" and run.output["comment"] == "summary-only"
    warning = next((a for a in run.annotations if "earlier run" in a), run.annotations)
    assert str(warning).startswith(
        "::warning title=cs-align::the pull request's cs-align comment may show an earlier "
        "run's result, not this run's (exit code 1)"
    ), warning


def test_no_comment_posted_without_write_access_is_no_stale_comment(pr: PullRequest) -> None:
    # A token that cannot post (a fork's): nothing earlier to be stale, nothing said.
    run = pr.run(fail="POST")
    assert run.output["comment"] == "summary-only"
    assert not any("earlier run" in a for a in run.annotations), run.annotations


def test_a_base_ref_the_checkout_lacks_is_named_inert(pr: PullRequest) -> None:
    """The base-ref input (the workflow's, which a pull request may edit) is written into
    the run's error as it is: a value of two lines wrote its second as a workflow command of
    its own (an annotation "all plans aligned") and a line of its own in the comment."""
    fake = "> ✅ **all plans aligned**"
    run = pr.run(base_ref="", env={"INPUT_BASE_REF": f"refs/x\n::notice::{fake}\n{fake}"})
    assert run.code == "2"
    assert not any(a.startswith("::notice::") for a in run.annotations), run.annotations
    assert f"\n{fake}" not in run.comment, run.comment
    assert "the checkout has no refs/x" in run.comment, run.comment


def test_a_base_branch_named_with_markup_is_named_inert_in_the_comment(
    pr: PullRequest,
) -> None:
    """GitHub's merge commit made on an older tip of a base branch whose name holds `<!--`
    (git allows it): the note that the change is judged merged again wrote the name raw at
    the top of the comment, where the rest of it (what fails, the footer) read as an HTML
    comment, hidden."""
    base = "rel<!--x"
    pr.git("branch", base, "main")
    change = ALIGNED.replace("contacts: 9000", "contacts: 9100")
    pr.write("plans/acme.yaml", change)
    pr.commit("the change")
    head = pr.git("rev-parse", "HEAD").strip()
    pr.git("checkout", "-q", "-b", "merged", base)
    pr.git("merge", "-q", "--no-ff", "--no-edit", head)
    pr.git("checkout", "-q", base)
    pr.write("README.md", "unrelated\n")
    pr.commit("the base moves on")
    pr.git("update-ref", f"refs/remotes/origin/{base}", base)
    pr.git("checkout", "-q", "merged")
    run = pr.run(base_ref=base, payload={"pull_request": {"number": 7, "head": {"sha": head}}})
    assert run.code == "0", run.annotations
    assert "judged merged into" in run.comment, run.comment
    # The name in code spans alone, where it is inert.
    spans = run.comment.count(f"`refs/remotes/origin/{base}`")
    assert run.comment.count(base) == spans, run.comment


def test_pip_installs_cs_align_with_no_setting_from_the_checkout(pr: PullRequest) -> None:
    """action.yml's install step, as it runs (bash -eo pipefail in the action's folder):
    a PIP_FIND_LINKS, PIP_CONSTRAINT or file:// index in the checkout, handed on through
    $GITHUB_ENV, had pip install cs-align's dependencies from wheels the pull request
    commits; pip sees none of them now (its own `pip config list`), and keeps a remote
    mirror and a switch such as PIP_NO_INDEX."""
    wheels = pr.root / "ci" / "wheels"
    wheels.mkdir(parents=True)
    env = {
        **os.environ,
        "GITHUB_WORKSPACE": str(pr.root),
        "PIP_FIND_LINKS": str(wheels),
        "PIP_EXTRA_INDEX_URL": f"file://{wheels}",
        "PIP_CONSTRAINT": "ci/constraints.txt",
        "PIP_INDEX_URL": "https://mirror.example/simple",
        "PIP_NO_INDEX": "1",
    }
    step = 'source "$ACTION_PATH/scripts/environment.sh" quiet && python -I -m pip config list'
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step],
        cwd=ROOT,
        env={**env, "ACTION_PATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(wheels) not in done.stdout, done.stdout
    for setting in ("find-links", "extra-index-url", "constraint"):
        assert f":env:.{setting}=" not in done.stdout, done.stdout
    assert "mirror.example" in done.stdout and "no-index" in done.stdout, done.stdout
    assert "::notice" not in done.stdout  # quiet: the gate's step says it
