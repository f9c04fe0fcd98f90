"""attack53b: the Action's merge made again on the base's tip runs nothing of the checkout's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.test_action import ALIGNED, PullRequest, _merged_then_main_moved


@pytest.fixture
def change(tmp_path: Path) -> PullRequest:
    """tests/action's repository: main with plans/acme.yaml (aligned), on branch pr."""
    return PullRequest(tmp_path)


def test_the_merge_made_again_on_the_base_s_tip_runs_no_hook(change: PullRequest) -> None:
    # The merge was made with core.hooksPath=/dev/null, but the worktree it is made in was
    # added with the checkout's hooks: `git worktree add` runs post-checkout (git-lfs
    # installs one; any step before cs-align may have), so the README's "no hooks" did not
    # hold. Now neither command runs a hook: nothing is written by one, and the run is judged.
    ran = change.tmp / "hook-ran"
    hook = change.root / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\necho \"$@\" >> '{ran}'\n", encoding="utf-8")
    hook.chmod(0o755)
    edited = ALIGNED.replace("contacts: 9000", "contacts: 9100")
    head = _merged_then_main_moved(change, edited, {"README.md": "unrelated\n"})
    ran.unlink(missing_ok=True)  # the test's own checkouts above ran it
    run = change.run(payload={"pull_request": {"number": 7, "head": {"sha": head}}})
    assert run.code == "0", run.summary
    assert "judged merged into refs/remotes/origin/main as it is now" in run.comment
    assert not ran.exists(), ran.read_text()
