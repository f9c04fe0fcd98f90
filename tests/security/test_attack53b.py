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


AUTOMATED_LIVE_LINE = """\
version: 1
organisation: Generated Co
period: {start: 2027-01-01, end: 2027-12-31}
strategy: {primary: automated, by_channel: {chat: extraordinary-trust}}
promise: "Calls are answered quickly."
channels:
  - id: phone
    kind: voice
    hours: 24x7
    volume: {contacts: 186, per: hour}
    handle_time: 4m
    target: {service_level: "80% in 20s"}
    agents: 89.9
  - id: chat
    kind: voice
    hours: 24x7
    volume: {contacts: 93, per: hour}
    handle_time: 6m
    target: {service_level: "90% in 30s"}
    agents: 98.7
staffing:
  agents: 187.6
  shrinkage: 32%
  max_occupancy: 85%
  paid_hours_per_fte: 1800/year
  loaded_cost_per_fte: 40000
budget:
  total: 7789584
  lines: {people: 7789584}
history: {cost_per_contact: 3.3775}
"""


def test_fix_does_not_break_a_rule_s_other_limit_behind_its_standing_finding() -> None:
    # An automated plan's live phone line always fails human-line-limited for its target
    # ("a fast human line"). fix counted the rule as already failing, so the raise it bought
    # for staffing-meets-targets, phone 89.9 -> 113.8 FTE, broke the rule's other limit unseen:
    # 113.8 of 204.1 FTE = 55.8% of all staff on a live line (limit 50%; as written
    # 89.9 / 187.6 = 47.9%), a new error. Now that raise is left to a person, naming the trade.
    from cs_align.findings import Severity
    from tests.test_fix import fixed

    result, again = fixed(AUTOMATED_LIVE_LINE)
    share = [
        f
        for f in again.findings
        if f.rule == "human-line-limited" and f.path == "channels[phone]" and f.counts
    ]
    assert not share, [f.message for f in share]
    before = {(f.rule, f.path) for f in result.first.findings if f.counts}
    assert ("human-line-limited", "channels[phone]") not in before  # held as written
    decided = [d.decision for d in result.decisions]
    assert any("would break human-line-limited (phone: 55.8% of all FTE" in d for d in decided)
    assert again.verdict == result.first.verdict == "misaligned"
    worst = [f for f in again.findings if f.counts and f.severity == Severity.error]
    assert ("human-line-limited", "channels[phone].target.service_level") in {
        (f.rule, f.path) for f in worst
    }
