"""Holes of the gate's 92-day window closed together (review fix52g, after fix51h): a plan
whose declared strategy changed within the window, read at the window's start under the
strategy main declares now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import FAST_FOOD, UNSTAFFED, Cli, _decrease
from tests.security.test_money_moves import _edit
from tests.security.test_ratchet import _on_main_dated, _team


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


# `diff --base-ref main --max-budget-decrease 10%` over the window after a cut main took past
# the limit with approval: the fast-food team at 20.7 FTE × 62,000 = 1,283,400 (100 days ago);
# 60 days ago cut to 17.0 FTE, 1,054,000 (-229,400, 17.87%: past the limit, so on main only
# approved), the money to tooling (total kept at 1,415,880).
APPROVED = _team("12.5", "17.0", 1054000, 312200)


def _after_an_approved_cut(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, main: str, change: str
) -> None:
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 60, APPROVED, "the team at 17.0 FTE, approved")
    _on_main_dated(repo, monkeypatch, 0, main, "main today")
    repo.write("plans/acme.yaml", change)
    repo.commit("the change")


def test_a_small_cut_after_an_approved_one_is_judged_from_what_main_approved(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 17.0 → 16.8 FTE: 1,054,000 → 1,041,600, -12,400 (1.18%). Judged from the window's first
    # day it read 1,283,400 → 1,041,600 (-18.84%) and tripped: every later change, however
    # small, was blocked until the approved cut left the 92 days. What main approved is the
    # baseline for what came before it: no trip.
    small = _team("12.3", "16.8", 1041600, 324600)
    _after_an_approved_cut(repo, monkeypatch, APPROVED + "# read again\n", small)
    assert _decrease(cli) == []


def test_steps_after_an_approved_cut_still_add_up(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After the approved 17.0 FTE (1,054,000): main 16.0 (992,000, -5.88%), the change 15.2
    # (942,400, -5.00% of 992,000). Since the approved cut: 1,054,000 → 942,400, -111,600,
    # 10.59% > 10% (limit 105,400): trips, naming the approved commit's day.
    main = _team("11.5", "16.0", 992000, 374200)
    change = _team("10.7", "15.2", 942400, 423800)
    _after_an_approved_cut(repo, monkeypatch, main, change)
    said = _decrease(cli)
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=60)).date().isoformat()
    assert len(said) == 1 and said[0].startswith(f"over the 92 days since main on {day} ("), said
    assert "from 1,054,000 USD to 942,400 USD a year (-10.59%)" in said[0], said


# `diff --base-ref main --max-budget-decrease 10%` beside a sibling plan of the organisation
# that states no FTE at main and is staffed by the change: acme (the fast-food team, 20.7 FTE
# × 62,000 = 1,283,400) cut to 15.2 FTE (942,400: -341,000, 26.57%), the sibling (the same
# plan with every `agents` removed; its targets need 17.2 FTE: phone 13.8, e-mail 3.4, at
# 62,000 = 1,066,400) given those 17.2 FTE. The sibling's staff counted 0 at main and
# 1,066,400 now, so the organisation's staff money read 1,283,400 → 2,008,800 (kept) and
# lifted acme's trip. Counted with what its targets need on both sides: 2,349,800 →
# 2,008,800, -341,000, 14.51% > 10% (234,980 allowed).
STAFFED_SIBLING = _edit(
    FAST_FOOD,
    ("agents: 16.2", "agents: 13.8"),
    ("agents: 4.5", "agents: 3.4"),
    ("agents: 20.7 ", "agents: 17.2 "),
)


def test_a_sibling_staffed_by_the_change_does_not_take_up_a_cut(repo: Repo, cli: Cli) -> None:
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/sibling.yaml": UNSTAFFED}, "two plans")
    repo.write("plans/acme.yaml", _team("10.7", "15.2", 942400, 423800))
    repo.write("plans/sibling.yaml", STAFFED_SIBLING)
    repo.commit("acme's team cut, the sibling's staff written down")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert "from 1,283,400 USD to 942,400 USD a year (-26.57%)" in said[0], said


def test_a_sibling_staffed_as_its_targets_need_beside_a_small_cut_passes(
    repo: Repo, cli: Cli
) -> None:
    # The control: acme 20.7 → 19.4 FTE (1,202,800: 6.28%), the sibling written down at
    # the 17.2 FTE it was counted with: within the limit, no word.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/sibling.yaml": UNSTAFFED}, "two plans")
    repo.write("plans/acme.yaml", _team("14.9", "19.4", 1202800, 163400))
    repo.write("plans/sibling.yaml", STAFFED_SIBLING)
    repo.commit("a trim, the sibling's staff written down")
    assert _decrease(cli) == []


# `check --policy-ref` where the change edits two plans of the organisation: acme and beta
# (the delight plan each: 9,000 calls and 2,500 e-mails a month) 100 days ago; main moved
# 2,000 of acme's calls to beta (acme 7,000, beta 11,000: the organisation's 23,000 kept);
# the change answers 500 fewer in acme (6,500) and 1,000 fewer in beta (10,000). Each step
# of acme is within its tenth (9,500 → 9,000, 5.3%), but over the window acme answers
# 11,500 → 9,000 (21.7%) and the organisation 23,000 → 21,500, 1,500 fewer: more than a
# tenth of acme's 11,500 (1,150). Main's own step (acme 11,500 → 9,500) read with beta as
# the change has it (the organisation -1,500) looked past the tolerance, so the window stood
# down; read with beta as main has it (23,000 → 23,000) it is within. A week (a year is
# 365.25 / 7 = 52.1786 weeks): 23,000 × 12 / 52.1786 = 5,289.5 → 5,290; 21,500 × 12 /
# 52.1786 = 4,944.5 → 4,945; acme's phone 9,000 → 2,070, 6,500 → 1,495.
def _both(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, acme: int, beta: int, days: int, message: str
) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": _calls(acme), "plans/beta.yaml": _calls(beta)}, message)


def test_main_s_own_step_is_read_with_the_organisation_s_plans_as_main_has_them(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _both(repo, monkeypatch, 9000, 9000, 100, "acme and beta")
    _both(repo, monkeypatch, 7000, 11000, 0, "2,000 calls moved from acme to beta")
    repo.write("plans/acme.yaml", _calls(6500))
    repo.write("plans/beta.yaml", _calls(10000))
    repo.commit("500 fewer calls in acme, 1,000 in beta")
    notes = policy_notes(cli)
    assert "over the 92 days since main on " in notes, notes
    assert "people answer 5,290 contacts a week to a target under delight" in notes, notes
    assert "4,945 now (-6.5%): phone 2,070 → 1,495" in notes, notes


def test_main_s_move_then_a_trim_within_the_tenth_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the change answers 500 fewer in acme alone: the organisation 23,000 →
    # 22,500 over the window (500 fewer, within 1,150): no note.
    _both(repo, monkeypatch, 9000, 9000, 100, "acme and beta")
    _both(repo, monkeypatch, 7000, 11000, 0, "2,000 calls moved from acme to beta")
    repo.write("plans/acme.yaml", _calls(6500))
    repo.commit("500 fewer calls in acme")
    assert policy_notes(cli) == ""


# `check --policy-ref` where a sibling plan was merged into this one within the window (as
# attack51b F4 did for `diff`): 100 days ago acme (the delight plan: 9,000 calls, 2,500
# e-mails a month) and beta (2,000 calls, 2,500 e-mails); 60 days ago beta's lines merged into
# acme (11,000 calls, 5,000 e-mails) and beta deleted (the organisation's 16,000 kept); main
# today 10,000 calls; the change 9,000. Acme's own work grew over the window (11,500 →
# 14,000), so it had nothing to say; the organisation's fell 16,000 → 14,000, 2,000 (12.5%):
# more than a tenth. A week: 16,000 × 12 / 52.1786 = 3,679.7 → 3,680; 14,000 × 12 / 52.1786
# = 3,219.7 → 3,220.
def _merged_in_the_window(repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, calls: int) -> str:
    plans = {"plans/acme.yaml": _lines(9000, 2500), "plans/beta.yaml": _lines(2000, 2500)}
    _dated(repo, monkeypatch, 100, lambda: on_main(repo, plans, "acme and beta"))

    def merged() -> None:
        repo.git("checkout", "-q", "main")
        repo.git("rm", "-q", "plans/beta.yaml")
        repo.write("plans/acme.yaml", _lines(11000, 5000))
        repo.commit("beta merged into acme")
        repo.git("checkout", "-q", "pr")
        repo.git("merge", "-q", "main")

    _dated(repo, monkeypatch, 60, merged)
    trim = {"plans/acme.yaml": _lines(10000, 5000)}
    _dated(repo, monkeypatch, 0, lambda: on_main(repo, trim, "1,000 fewer calls"))
    repo.write("plans/acme.yaml", _lines(calls, 5000))
    repo.commit("fewer calls")
    return policy_notes(cli)


def _lines(calls: int, emails: int) -> str:
    # 5,000 e-mails a month take 5,000 × 8m × 12 / 52.18 = 153 h a week, 6.5 FTE at 23.5 h
    # a week each (1,800 × 0.68 / 52.18): staffed with 7.0 to count whole.
    more = ("agents: 4.5", "agents: 7.0"), ("agents: 20.7", "agents: 23.2")
    return _edit(
        ALIGNED,
        ("contacts: 9000", f"contacts: {calls}"),
        ("contacts: 2500", f"contacts: {emails}"),
        *(more if emails > 2500 else ()),
    )


def _dated(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, days: int, step: Callable[[], None]
) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        step()


def test_a_sibling_merged_in_the_window_does_not_hide_the_organisation_s_fall(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _merged_in_the_window(repo, cli, monkeypatch, 9000)
    assert "over the 92 days since main on " in notes, notes
    assert "(the contacts the organisation's plans answer: this change alone" in notes, notes
    assert "people answer 3,680 contacts a week to a target under delight in Example" in notes
    assert "3,220 now (-12.5%), more than a tenth of them" in notes, notes


def test_a_sibling_merged_then_a_trim_within_the_tenth_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: 9,500 calls: the organisation 16,000 → 14,500 (9.4%): no note.
    assert _merged_in_the_window(repo, cli, monkeypatch, 9500) == ""
