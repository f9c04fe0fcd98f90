"""Holes of the gate's 92-day window closed together (review fix52g, after fix51h): a plan
whose declared strategy changed within the window, read at the window's start under the
strategy main declares now."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, policy_notes
from tests.security.test_fix51g_gate import Cli
from tests.security.test_money_moves import _edit
from tests.security.test_ratchet import _on_main_dated


# `check --policy-ref` over the window across a change of the plan's declared strategy: the
# delight plan (9,000 calls and 2,500 e-mails a month, 11,500) declared genius at the window's
# start; main declares delight and answers 8,300 calls (700 fewer, 6.1% of 11,500, approved
# with the strategy's change); the change cuts to 7,650 (650 fewer, 5.7%). Over the window
# 1,350 fewer, 11.7% of 11,500: past the tenth people-answer allows. A week:
# 11,500 × 12 / 52.18 = 2,645 contacts at the start; 10,150 × 12 / 52.18 = 2,334 now.
def _calls(contacts: int, strategy: str = "delight") -> str:
    return _edit(
        ALIGNED,
        ("contacts: 9000", f"contacts: {contacts}"),
        ("strategy: delight", f"strategy: {strategy}"),
    )


def _strategy_changed_in_the_window(
    repo: Repo,
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    now: int,
    config: str | None,
    strategy: str = "delight",
) -> str:
    if config is not None:
        repo.write(".cs-align.yaml", config)
    _on_main_dated(repo, monkeypatch, 100, _calls(9000, "genius") + "# dated\n", "genius")
    _on_main_dated(repo, monkeypatch, 0, _calls(8300, strategy), "delight, 8,300 calls")
    repo.write("plans/acme.yaml", _calls(now, strategy))
    repo.commit(f"{now:,} calls a month")
    return policy_notes(cli)


@pytest.mark.parametrize("config", [None, "strategy: delight\n"], ids=["declared", "run"])
def test_a_plan_whose_strategy_changed_in_the_window_is_judged_over_it(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, config: str | None
) -> None:
    # Review fix51g/fix51h (left): the window started where the plan first declared the
    # strategy it has now, main's own commit, so the 11.7% fall passed one 6% step at a
    # time. The start's plan is now read under the strategy main declares.
    notes = _strategy_changed_in_the_window(repo, cli, monkeypatch, 7650, config)
    assert "over the 92 days since main on " in notes, notes
    assert "people answer 2,645 contacts a week to a target under delight" in notes, notes
    assert "2,334 now (-11.7%)" in notes, notes


@pytest.mark.parametrize("config", [None, "strategy: delight\n"], ids=["declared", "run"])
def test_a_plan_whose_strategy_changed_in_the_window_cut_within_a_tenth_is_no_change(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, config: str | None
) -> None:
    # The control: 9,000 → 8,300 → 8,200 calls, 800 fewer over the window, 7.0% of 11,500:
    # within the tenth, no note (the change of strategy itself was main's, approved there).
    assert _strategy_changed_in_the_window(repo, cli, monkeypatch, 8200, config) == ""


def test_a_mix_main_declares_reads_the_windows_start_by_channel(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A mix declared on main: the plan declared delight at the window's start; main gives
    # e-mail to genius ({primary: delight, by_channel: {email: genius}}) and cuts calls
    # 9,000 → 8,300, the change to 7,650. Under delight the phone alone: 650 of 8,300 (7.8%)
    # in this change, within the tenth; over the window 1,350 of 9,000 (15.0%). The window
    # started at main's own commit (the first that declared the mix) and said nothing; the
    # start is now read under the mix, channel by channel. A week: 9,000 × 12 / 52.18 =
    # 2,070; 7,650 × 12 / 52.18 = 1,759.
    mix = "{primary: delight, by_channel: {email: genius}}"
    _on_main_dated(repo, monkeypatch, 100, _calls(9000) + "# dated\n", "delight")
    _on_main_dated(repo, monkeypatch, 0, _calls(8300, mix), "e-mail under genius, 8,300 calls")
    repo.write("plans/acme.yaml", _calls(7650, mix))
    repo.commit("7,650 calls a month")
    notes = policy_notes(cli)
    assert "over the 92 days since main on " in notes, notes
    assert "people answer 2,070 contacts a week to a target under delight" in notes, notes
    assert "1,759 now (-15%)" in notes, notes
