"""The ratchet (review attack40 A11 / attack45 G20): a limit holds over the window the gate
reads main's history for (``policy.ANCHOR_DAYS``, a quarter), not over one change; a lever
lightened a little in each pull request is judged by where it ends."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_money_moves import FAST_FOOD, _edit

Cli = Callable[..., Result]


def _on_main_dated(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, days_ago: int, text: str, message: str
) -> None:
    """The plan ``text`` committed to main ``days_ago`` days ago, merged into the pull
    request's branch."""
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    with monkeypatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", day.isoformat())
        patch.setenv("GIT_AUTHOR_DATE", day.isoformat())
        on_main(repo, {"plans/acme.yaml": text}, message)


def _team(phone: str, agents: str, people: int, tooling: int, total: int = 1415880) -> str:
    """The fast-food plan with its phone team at ``phone`` FTE (``agents`` in all), its people
    line at ``people`` and its tooling at ``tooling``."""
    return _edit(
        FAST_FOOD,
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7 ", f"agents: {agents} "),
        ("total: 1415880", f"total: {total}"),
        (
            "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
            f"lines: {{people: {people}, training: 49680, tooling: {tooling}, goodwill: 0}}",
        ),
    )


# Each step cuts the phone team by 1.3 and 1.2 FTE at 62,000 an FTE and moves the money to
# tooling, the total kept at 1,415,880:
#   20.7 FTE × 62,000 = 1,283,400 (main 100 days ago)
#   19.4 FTE × 62,000 = 1,202,800: -80,600, 6.28% of 1,283,400 (main 40 days ago)
#   18.2 FTE × 62,000 = 1,128,400: -74,400, 6.19% of 1,202,800 (this pull request)
# Over the window: 1,283,400 → 1,128,400, -155,000, 12.08% > 10% (limit 128,340).
STEP_1 = _team("14.9", "19.4", 1202800, 163400)
STEP_2 = _team("13.7", "18.2", 1128400, 237800)


def _decrease(cli: Cli, *flags: str) -> list[str]:
    result = cli(
        "diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%",
        "-f", "json", *flags,
    )  # fmt: skip
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["diff"]["guardrails"]
    return [g["message"] for g in found if g["guardrail"] == "max_budget_decrease"]


def test_people_money_cut_a_little_in_each_change_trips_the_limit_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window is the 92 days before main's commit, as the anchor reads it.
    # attack40 A11 / attack45 G20: 6.28% merged, then 6.19%, each within a 10% limit, passed
    # each time; 12.08% of main's people money 100 days ago is gone.
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 0, STEP_1, "a first trim: 19.4 FTE")
    repo.write("plans/acme.yaml", STEP_2)
    repo.commit("a second trim: 18.2 FTE")
    said = _decrease(cli)
    assert len(said) == 1, said
    message = said[0]
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).date().isoformat()
    assert message.startswith(f"over the 92 days since main on {start} ("), message
    assert (
        "the people line falls from 1,283,400 USD to 1,128,400 USD a year (-12.08%) while "
        "tooling grows by 155,000 USD: the limit of 128,340 USD (10%)" in message
    ), message
    assert message.endswith(
        "against main this change alone lowers the total a year by 0% and the money that "
        "pays the staff by 6.19%"
    ), message


def test_a_cut_within_the_limit_over_the_window_passes(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the first trim older than the window (main had 19.4 FTE 100 days ago):
    # 6.19% over the window passes, with the same words as before (none).
    _on_main_dated(repo, monkeypatch, 200, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 100, STEP_1, "a first trim: 19.4 FTE")
    _on_main_dated(repo, monkeypatch, 0, STEP_1 + "# read again\n", "a comment")
    repo.write("plans/acme.yaml", STEP_2)
    repo.commit("a second trim: 18.2 FTE")
    assert _decrease(cli) == []


def test_a_change_that_cuts_nothing_is_not_blocked_by_a_cut_main_took(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: main itself took the whole cut within the window (approved there); a
    # change that moves no money (training trimmed into goodwill) is not blocked by it.
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 0, STEP_2, "the team at 18.2 FTE, approved")
    moved = _edit(STEP_2, ("training: 49680, tooling: 237800, goodwill: 0",
                           "training: 44680, tooling: 237800, goodwill: 5000"))  # fmt: skip
    repo.write("plans/acme.yaml", moved)
    repo.commit("a goodwill budget")
    assert _decrease(cli) == []


def test_a_single_step_cut_reads_as_before(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing earlier in the window moved: a 12.08% cut in one change trips with today's
    # words alone, and no window figure beside them.
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    repo.write("plans/acme.yaml", STEP_2)
    repo.commit("the team cut to 18.2 FTE")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith("the people line falls from 1,283,400 USD to 1,128,400 USD"), said
    assert "over the 92 days" not in said[0], said


def test_a_cut_past_the_limit_alone_says_the_windows_fall_after_its_own(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Main trimmed 6.28% within the window; the change cuts to 17.2 FTE × 62,000 = 1,066,400,
    # 11.34% of main's 1,202,800 (past 10% alone) and 16.91% of the window's 1,283,400.
    _on_main_dated(repo, monkeypatch, 100, FAST_FOOD, "the team at 20.7 FTE")
    _on_main_dated(repo, monkeypatch, 0, STEP_1, "a first trim: 19.4 FTE")
    repo.write("plans/acme.yaml", _team("12.7", "17.2", 1066400, 299800))
    repo.commit("a cut to 17.2 FTE")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith(
        "the people line falls from 1,202,800 USD to 1,066,400 USD a year (-11.34%)"
    ), said
    assert "; over the 92 days since main on " in said[0], said
    assert (
        "the people line falls from 1,283,400 USD to 1,066,400 USD a year (-16.91%)" in said[0]
    ), said


# `check --policy-ref`: the contacts people answer under delight, cut a little at a time.
# The plan answers 9,000 calls and 2,500 e-mails a month (11,500); each step within a tenth:
#   9,000 → 8,300 calls: 700 fewer, 6.1% of 11,500 (main, merged)
#   8,300 → 7,650 calls: 650 fewer, 5.7% of 11,500 (this pull request)
# Over the window 1,350 fewer, 11.7% of 11,500: past the tenth people-answer allows a change.
def _calls(contacts: int) -> str:
    return _edit(ALIGNED, ("contacts: 9000", f"contacts: {contacts}"))


def test_contacts_people_answer_cut_a_little_in_each_change_are_said_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _calls(8300), "8,300 calls a month")
    repo.write("plans/acme.yaml", _calls(7650))
    repo.commit("7,650 calls a month")
    notes = policy_notes(cli)
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).date().isoformat()
    assert f"over the 92 days since main on {start} (" in notes, notes
    assert "(the contacts people answer: this change alone stays within its own)" in notes, notes


def test_contacts_cut_within_a_tenth_over_the_window_are_no_change(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The controls: the first cut older than the window; and a change that leaves the plan
    # as main has it after main's own cut past the tenth (approved there).
    _on_main_dated(repo, monkeypatch, 200, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 100, _calls(8300), "8,300 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _calls(8300) + "# read again\n", "a comment")
    repo.write("plans/acme.yaml", _calls(7650))
    repo.commit("7,650 calls a month")
    assert policy_notes(cli) == ""


def test_a_change_after_main_took_the_cut_is_not_asked_again(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "9,000 calls a month")
    _on_main_dated(repo, monkeypatch, 0, _calls(7650), "7,650 calls a month, approved")
    repo.write("plans/acme.yaml", _calls(7800))  # some of them back
    repo.commit("7,800 calls a month")
    assert policy_notes(cli) == ""


def _priced(cost: int) -> str:
    return _edit(ALIGNED, ("loaded_cost_per_fte: 62000", f"loaded_cost_per_fte: {cost}"))


def test_an_hours_price_cut_a_little_in_each_change_is_said_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same class on another lever: the loaded cost per FTE 62,000 → 57,000 (-8.06%)
    # merged, then → 52,500 (-7.89% of 57,000), each within the tenth an hour's price may
    # fall in one change; over the window 52,500 / 62,000 = 0.8468, -15.3%.
    _on_main_dated(repo, monkeypatch, 100, ALIGNED + "# dated\n", "62,000 an FTE")
    _on_main_dated(repo, monkeypatch, 0, _priced(57000), "57,000 an FTE")
    repo.write("plans/acme.yaml", _priced(52500))
    repo.commit("52,500 an FTE")
    notes = policy_notes(cli)
    assert "(the price of a staff hour: this change alone stays within its own)" in notes, notes
    assert "(-15.3%): staffing loaded_cost_per_fte 62000 → 52500" in notes, notes


def _target(target: str, phone: str) -> str:
    """The delight plan with the phone's target ``target`` and its staff ``phone`` FTE."""
    return _edit(
        ALIGNED,
        ('service_level: "80% in 20s"', f'service_level: "{target}"'),
        ("agents: 16.2", f"agents: {phone}"),
        ("agents: 20.7 ", f"agents: {float(phone) + 4.5:.1f} "),
    )


def test_a_target_loosened_a_little_with_the_staff_in_each_change_is_said_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The phone's target 95% in 10s (17.8 FTE needed) loosened to 92% in 10s with the staff
    # cut to its 16.5 (merged), then to 88% in 15s and 14.8: each step's need within a
    # tenth (16.5 → 14.8 is held: 14.8 ≥ (16.5 − 0.1) × 0.9 = 14.76), and the anchor of
    # review fix47g held too (main's own loosening, 17.8 → 16.5, was within a tenth). Over the
    # window the 17.8 main's targets needed 92 days back fall to 14.8: 16.9% fewer.
    _on_main_dated(repo, monkeypatch, 100, _target("95% in 10s", "19.0"), "95% in 10s")
    _on_main_dated(repo, monkeypatch, 0, _target("92% in 10s", "16.5"), "92% in 10s")
    repo.write("plans/acme.yaml", _target("88% in 15s", "14.8"))
    repo.commit("88% in 15s")
    notes = policy_notes(cli)
    assert "(the staff the targets need: this change alone stays within its own)" in notes
    assert (
        "phone's targets need 16.9% fewer staff for the same work under delight: 14.8 FTE for "
        "207.0 hours a week now, 17.8 at main on "
    ) in notes, notes
