"""A change's id (review fix49g): of what the change is, field by field, so no two changes
share one, and not of the day the run happens."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cs_align.policy import Note, change_id
from tests.conftest import EXAMPLES, Invoke
from tests.security.conftest import ALIGNED, Repo, Result, on_main
from tests.security.test_attack47_approvals import STRICT, WAIVERS, _approve, _short_email
from tests.security.test_attack48_approvals import BUDGET_WAIVER, MORE_EMAIL
from tests.security.test_policy import _without_phone
from tests.security.test_policy_periods import _for

Cli = Callable[..., Result]


def _id(path: str, note: str, key: str = "") -> str:
    """The id ``check`` gives the note ``note`` (naming ``key``) on the plan at ``path``."""
    trusted = SimpleNamespace(ref="main", relative=lambda p: Path(p))
    loaded: Any = SimpleNamespace(path=Path(path))
    tree: Any = SimpleNamespace(trusted=trusted)
    return change_id(loaded, Note(note, key), tree)


def test_no_two_changes_share_an_id_by_moving_text_between_their_fields() -> None:
    # The id was of the path, the note and what it names joined by newlines: the plan
    # plans/a.yaml with the note "b\nc" and the plan "plans/a.yaml\nb" with the note "c"
    # gave the same bytes, and so did a note "x" naming "y" and a note "x\ny" naming
    # nothing: an approval of one approved the other.
    assert _id("plans/a.yaml", "b\nc") != _id("plans/a.yaml\nb", "c")
    assert _id("plans/a.yaml", "x", "y") != _id("plans/a.yaml", "x\ny")
    assert _id("plans/a.yaml", "x\ny", "z") != _id("plans/a.yaml", "x", "y\nz")
    # The same change is the same id, run after run.
    assert _id("plans/a.yaml", "x", "y") == _id("plans/a.yaml", "x", "y")
    assert len(_id("plans/a.yaml", "x")) == 32


def _rest_of_year(repo: Repo, today: dt.date, rest: str) -> None:
    """Main's plan for the year; the change ends it ``today`` and adds ``rest`` for the days
    after it."""
    year = today.year
    on_main(repo, {"plans/acme.yaml": _for(ALIGNED, f"{year}-01-01", f"{year}-12-31")})
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{year}-01-01", f"{today}"))
    repo.write("plans/acme-rest.yaml", _for(rest, f"{today + DAY}", f"{year}-12-31"))
    repo.commit("the plan ends today; the rest of the year without a phone line")


def _on(monkeypatch: pytest.MonkeyPatch, today: dt.date) -> None:
    """Runs read ``today`` as the day they happen on."""
    import cs_align.engine

    monkeypatch.setattr(cs_align.engine, "day", lambda options: today)


def _policy_changed(cli: Cli, *args: str) -> tuple[int, str, str, list[str]]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    (found,) = (
        f
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    )
    ids = re.findall(r"--approve-policy-change ([0-9a-f]{32})", found["fix"])
    return result.code, found["severity"], found["message"], ids


DAY = dt.timedelta(days=1)
TENTH = dt.date(2026, 12, 10)


def test_an_approval_of_the_days_still_to_come_holds_the_next_day(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan in force ends on 10 December and the rest of the year's plan has no phone
    # line. Over 2026 the phone is gone 21 days of 365: 2,069.8 × 21 ÷ 365 = 119 of 2,644.7
    # calls a week (4.5%, within a tenth); over the days still to come, 10-31 December, on
    # 21 of 22 days: the cut is said "from 2026-12-10 to 2026-12-31", and its id was of
    # that text (and of its figures, counted on the day), so the reviewer's approval of
    # 10 December approved nothing on 11 December: the same change failed again.
    _rest_of_year(repo, TENTH, _without_phone(ALIGNED))
    _on(monkeypatch, TENTH)
    code, _, message, ids = _policy_changed(cli)
    assert code == 1 and "from 2026-12-10 to 2026-12-31 at main" in message, message
    assert _policy_changed(cli, *_approve(ids))[:2] == (0, "info")
    for later in (TENTH + DAY, TENTH + 2 * DAY):
        _on(monkeypatch, later)
        code, severity, message, _ = _policy_changed(cli, *_approve(ids))
        assert (code, severity) == (0, "info"), message
        # The message still says the figures of the day it is read on.
        assert "people answer 2,645 contacts a week" in message, message


def test_an_approval_of_the_days_still_to_come_covers_no_other_change(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the same note, once approved, read for another change the next day (the
    # rest of the year's e-mail team cut as well, or the plan in force ended a day later):
    # the plans the figures are counted from differ, so the id does, whatever the day.
    _rest_of_year(repo, TENTH, _without_phone(ALIGNED))
    _on(monkeypatch, TENTH)
    ids = _policy_changed(cli)[3]
    assert _policy_changed(cli, *_approve(ids))[0] == 0
    rest = (repo.root / "plans/acme-rest.yaml").read_text(encoding="utf-8")
    assert "agents: 4.5" in rest and "2026-12-11" in rest
    for name, text in (
        ("plans/acme-rest.yaml", rest.replace("agents: 4.5", "agents: 2.0")),
        ("plans/acme-rest.yaml", rest.replace("2026-12-11", "2026-12-20")),
    ):
        repo.write(name, text)
        repo.commit("another change")
        for day in (TENTH, TENTH + DAY):
            _on(monkeypatch, day)
            code, severity, message, pending = _policy_changed(cli, *_approve(ids))
            assert (code, severity) == (1, "error") and pending, (day, message)
        repo.write(name, rest)
        repo.commit("back")


def _finding_of(cli: Cli, plan: str, *args: str) -> tuple[int, str, str]:
    """The run's exit code, and ``plan``'s policy-changed severity and message."""
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    (found,) = (
        f
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed" and p["path"] == plan
    )
    return result.code, found["severity"], found["message"]


WEST = ALIGNED.replace("strategy: delight", "strategy: ../strategies/west.yaml").replace(
    "Example Delight Co", "West Co"
)


def test_a_strategy_file_the_change_adds_is_said_to_judge_the_plan(repo: Repo, cli: Cli) -> None:
    # A new organisation's plan under a strategy file the pull request adds: there is none
    # at main to read instead, so the added file judges it, yet the finding said "judged by
    # main's policy", pending and once approved.
    repo.write("plans/west.yaml", WEST)
    repo.write("strategies/west.yaml", STRICT)
    repo.commit("a new organisation under its own strategy")
    code, _, message = _finding_of(cli, "plans/west.yaml")
    said = (
        "judged by main's policy and by the change's own strategies/west.yaml (added) and "
        "strategy for this new plan"
    )
    assert code == 1 and message.endswith(said), message
    ids = re.findall(r"\(([0-9a-f]{32})\)", message) or _policy_changed(cli)[3]
    code, severity, message = _finding_of(cli, "plans/west.yaml", *_approve(ids))
    assert (code, severity) == (0, "info") and message.endswith(said), message


def test_waivers_approved_as_written_are_said_to_judge_the_plan(repo: Repo, cli: Cli) -> None:
    # The plan's own waivers, approved by their id, are granted as the change writes them:
    # the finding said the plan was judged by main's policy alone.
    repo.write("plans/acme.yaml", _short_email())
    repo.commit("a quarter short on e-mail, waived")
    code, _, message = _finding_of(cli, "plans/acme.yaml")
    assert code == 1 and message.endswith("judged by main's policy"), message
    ids = _policy_changed(cli)[3]
    code, severity, message = _finding_of(cli, "plans/acme.yaml", *_approve(ids))
    assert (code, severity) == (0, "info"), message
    assert message.endswith(
        "judged by main's policy and by the change's own waivers of this plan (approved as written)"
    ), message


def test_a_plan_judged_by_mains_policy_alone_says_so(repo: Repo, cli: Cli) -> None:
    # The control: a lever moved in a plan main has, under main's strategy and config.
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 22%", 1))
    repo.commit("a lever")
    code, _, message = _finding_of(cli, "plans/acme.yaml")
    assert code == 1 and message.endswith("; judged by main's policy"), message


def _findings(cli: Cli, *args: str) -> tuple[int, dict[str, tuple[str, bool]], str, list[str]]:
    """The run's exit code; plans/acme.yaml's findings by rule (severity, waived); its
    policy-changed message and the ids its fix asks for."""
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    (plan,) = json.loads(result.out)["plans"]
    found = {f["rule"]: (f["severity"], f.get("waived") is not None) for f in plan["findings"]}
    (changed,) = (f for f in plan["findings"] if f["rule"] == "policy-changed")
    ids = re.findall(r"--approve-policy-change ([0-9a-f]{32})", changed["fix"])
    return result.code, found, changed["message"], ids


def test_approving_a_waiver_over_a_changed_subject_keeps_that_waiver(repo: Repo, cli: Cli) -> None:
    # Main waives the e-mail shortfall (staffing-meets-targets, deferred-backlog,
    # budget-funds-targets). The pull request puts 6,000 e-mails a month on the line, not
    # 2,500: each waiver covers a changed subject or finding, said with an id. Approving
    # those ids kept nothing: the waivers were dropped all the same, and the run failed on
    # the findings the reviewer had just approved main's waivers for.
    base = _short_email(WAIVERS + BUDGET_WAIVER)
    on_main(repo, {"plans/acme.yaml": base})
    repo.write("plans/acme.yaml", base.replace(*MORE_EMAIL))
    repo.commit("more e-mail on the waived line")
    code, found, message, ids = _findings(cli)
    assert code == 1 and len(ids) == 3, message
    assert "the waiver for staffing-meets-targets at channels[email].target covers a changed" in (
        message
    )
    assert found["staffing-meets-targets"] == ("error", False), found
    # All three approved: main's waivers carry over, and the run passes.
    code, found, message, _ = _findings(cli, *_approve(ids))
    assert code == 0 and found["policy-changed"] == ("info", False), message
    waived = {rule for rule, (_, w) in found.items() if w}
    assert {"staffing-meets-targets", "deferred-backlog", "budget-funds-targets"} <= waived
    # One approved keeps that one waiver only: the others' findings count.
    staffing = next(
        i
        for i in ids
        if _findings(cli, *_approve([i]))[1]["staffing-meets-targets"] == ("error", True)
    )
    code, found, _, pending = _findings(cli, *_approve([staffing]))
    assert code == 1 and len(pending) == 2, found
    assert found["staffing-meets-targets"][1] and not found["deferred-backlog"][1], found
    # The subject changed again after the approval: another id, and the waiver is dropped.
    more = MORE_EMAIL[1].replace("6000", "9000")
    repo.write("plans/acme.yaml", base.replace(MORE_EMAIL[0], more))
    repo.commit("more still")
    code, found, _, _ = _findings(cli, *_approve(ids))
    assert code == 1 and found["staffing-meets-targets"] == ("error", False), found


BANK = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")
MIXED = "strategy:\n  primary: fast-food\n  by_segment: {private: extraordinary-trust}\n"
# The bank's private segment under extraordinary-trust by its own `strategy:`, as a segment
# may name it in place of the mix's `by_segment`.
SEGMENTED = BANK.replace(MIXED, "strategy: fast-food\n").replace(
    "  - id: private\n", "  - id: private\n    strategy: extraordinary-trust\n"
)


def _all(cli: Cli, *args: str) -> tuple[int, list[tuple[str, str, str]]]:
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    found = [
        (f["rule"], f["severity"], f["message"])
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
    ]
    return result.code, found


def test_a_segment_handed_to_another_strategy_is_still_judged_by_mains_once_approved(
    repo: Repo, cli: Cli
) -> None:
    # The private bankers' segment names extraordinary-trust itself. The pull request
    # hands it to fast-food and loosens the bankers' line from 80% in 20s to 50% in 5m.
    # Its notes approved by their ids, the finding said "judged by main's policy", yet
    # fast-food judged the segment (its 25 USD refund ceiling warned of the bankers' 500),
    # so extraordinary-trust's answer speed was never asked of the line: main restored the
    # plan's `strategy:` value only, not its segments'.
    assert SEGMENTED != BANK and "    strategy: extraordinary-trust\n" in SEGMENTED
    on_main(repo, {"plans/acme.yaml": SEGMENTED})
    assert _all(cli)[0] == 0
    loose = (
        SEGMENTED.replace("    strategy: extraordinary-trust\n", "    strategy: fast-food\n")
        .replace('target: {service_level: "80% in 20s"}', 'target: {service_level: "50% in 5m"}')
        .replace("agents: 8.1", "agents: 4.1")
        .replace("agents: 51.7", "agents: 47.7")
    )
    repo.write("plans/acme.yaml", loose)
    repo.commit("the bankers handed to fast-food")
    ids = _policy_changed(cli)[3]
    assert ids
    _, found = _all(cli, *_approve(ids))
    rules = {(rule, severity) for rule, severity, _ in found}
    assert ("policy-changed", "info") in rules, found
    speed = [m for rule, _, m in found if rule == "answer-speed"]
    assert any("private-line: promises 50% in 5m" in m for m in speed), found
    assert not any("above the maximum 25 USD" in m for _, _, m in found), found


def test_a_segment_the_change_adds_is_said_to_judge_its_channels(repo: Repo, cli: Cli) -> None:
    # The bankers' segment renamed and handed to fast-food at once: there is no segment of
    # that name at main to judge it by, so its own strategy does, and the finding says so.
    on_main(repo, {"plans/acme.yaml": SEGMENTED})
    renamed = SEGMENTED.replace("segment: private", "segment: premier").replace(
        "  - id: private\n    strategy: extraordinary-trust\n",
        "  - id: premier\n    strategy: fast-food\n",
    )
    assert renamed.count("premier") == 3, renamed
    repo.write("plans/acme.yaml", renamed)
    repo.commit("the bankers renamed, under fast-food")
    code, _, message = _finding_of(cli, "plans/acme.yaml")
    assert code == 1, message
    assert message.endswith(
        "judged by main's policy and by the change's own strategy for segment premier (new)"
    ), message


def test_a_change_has_one_id_wherever_the_repository_is_checked_out(
    repo: Repo, cli: Cli, invoke: Invoke, tmp_path: Path
) -> None:
    # A new organisation's plan under a strategy file the change adds: its note's id was of
    # who judges each channel with the strategy file's absolute path (/home/runner/work/…
    # on the Action's runner, ~/src/… on a laptop), so an id read in one checkout approved
    # nothing in another.
    repo.write("plans/west.yaml", WEST)
    repo.write("strategies/west.yaml", STRICT)
    repo.commit("a new organisation under its own strategy")
    here = _policy_changed(cli)[3]
    elsewhere = tmp_path / "another" / "checkout"
    shutil.copytree(repo.root, elsewhere, symlinks=True)
    result = invoke("check", "plans/", "--policy-ref", "main", "-f", "json", cwd=elsewhere)
    there = re.findall(r"--approve-policy-change ([0-9a-f]{32})", result.out)
    assert here and there == here, (here, there)


def test_check_and_diff_give_a_dated_note_one_id(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reviewer reads the id in either command's output and approves it in the other.
    _rest_of_year(repo, TENTH, _without_phone(ALIGNED))
    _on(monkeypatch, TENTH)
    checked = _policy_changed(cli)[3]
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")
    assert result.code in (0, 1), result.err
    diffed = re.findall(r"--approve-policy-change ([0-9a-f]{32})", result.out)
    assert checked and set(diffed) == set(checked), (checked, diffed)


def test_a_line_moved_to_another_segment_is_still_judged_by_mains_strategy_once_approved(
    repo: Repo, cli: Cli
) -> None:
    # The bankers' line moved from the private segment (extraordinary-trust) to retail
    # (the plan's fast-food) and loosened from 80% in 20s to 50% in 5m: its notes approved,
    # fast-food judged the line, while the finding said "judged by main's policy". Main's
    # strategy for the plan and each segment was restored, not the segment a line is in.
    on_main(repo, {"plans/acme.yaml": SEGMENTED})
    moved = SEGMENTED.replace(
        "  - id: private-line\n    kind: voice\n    segment: private\n",
        "  - id: private-line\n    kind: voice\n    segment: retail\n",
    ).replace('target: {service_level: "80% in 20s"}', 'target: {service_level: "50% in 5m"}')
    assert moved.count("segment: retail") == 3, moved
    repo.write("plans/acme.yaml", moved)
    repo.commit("the bankers' line moved to retail")
    ids = _policy_changed(cli)[3]
    _, found = _all(cli, *_approve(ids))
    assert ("policy-changed", "info") in {(r, s) for r, s, _ in found}, found
    speed = [m for rule, _, m in found if rule == "answer-speed"]
    assert any("private-line: promises 50% in 5m" in m for m in speed), found


def test_a_config_the_change_adds_is_not_said_to_judge_the_plan(repo: Repo, cli: Cli) -> None:
    # A config file the change adds is reported and not obeyed until accepted: the finding
    # named it among what judged the plan ("… by the change's own strict.yaml (added)").
    repo.write("plans/acme.yaml", ALIGNED.replace("shrinkage: 32%", "shrinkage: 22%", 1))
    repo.write("strict.yaml", "fail_on: info\n")
    repo.commit("a lever and a config")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json", "--config", "strict.yaml")
    assert result.code == 1, result.err
    (message,) = (
        f["message"]
        for p in json.loads(result.out)["plans"]
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    )
    assert "strict.yaml added" in message and message.endswith("; judged by main's policy"), message


SEVEN = """fail_on: warning
ignore_waivers: false
max_waiver_days: 90
guardrails:
  max_budget_increase: 10%
  max_budget_decrease: 10%
  max_total: 5000000
  no_verdict_regression: block
"""


def test_an_approved_config_change_covers_no_setting_changed_after_it(repo: Repo, cli: Cli) -> None:
    # A config main has, changed in seven settings: the note shows the first six, so a
    # setting past them (or a value past what `_short` shows) changed in a later push kept
    # the id, and the approval given for the change a reviewer read covered one they did not
    # (review attack47 A01's class, for config files).
    on_main(repo, {".cs-align.yaml": "fail_on: error\n"})
    repo.write(".cs-align.yaml", SEVEN)
    repo.commit("seven settings")
    code, _, message, ids = _policy_changed(cli)
    assert code == 1 and ".cs-align.yaml changed" in message and ids, message
    code, severity, _, _ = _policy_changed(cli, *_approve(ids))
    assert (code, severity) == (0, "info")
    repo.write(
        ".cs-align.yaml",
        SEVEN.replace("no_verdict_regression: block", "no_verdict_regression: false"),
    )
    repo.commit("the seventh loosened")
    code, severity, message, _ = _policy_changed(cli, *_approve(ids))
    assert (code, severity) == (1, "error"), message
