"""gate61: a pull request that adds to the gated plans what the Action's checkout does not
hold, judged by the Action's script as a `pull_request` run runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.test_action import PullRequest


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("gate61")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


def test_a_submodule_added_among_the_plans_fails_the_run(pr: PullRequest) -> None:
    # The pull request commits plans/vendor as a submodule (a pointer to another
    # repository's commit, whose plans could double the organisation's money). The
    # workflow's actions/checkout takes no submodules by default: an empty folder. The run
    # passed, exit code 0, with not a word of it; now it is unusable input, exit code 2,
    # with an error annotation on the folder.
    commit = pr.git("rev-parse", "HEAD").strip()
    pr.git("update-index", "--add", "--cacheinfo", f"160000,{commit},plans/vendor")
    pr.git("commit", "-qm", "vendor's plans")
    (pr.root / "plans" / "vendor").mkdir()
    run = pr.run()
    assert run.code == "2", run.annotations
    assert any(
        a.startswith("::error file=plans/vendor,")
        and "is a submodule that is not checked out" in a
        and "submodules: true" in a
        for a in run.annotations
    ), run.annotations
