"""The gate compares what the money funds, not the money (review fix50g)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main
from tests.security.test_attack46_people_money import _line_kept
from tests.security.test_money_moves import FAST_FOOD, _edit, _fast_food_cut, _guardrails

Cli = Callable[..., Result]
LIMIT = ("--max-budget-decrease", "10%")
COST = ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 110637")


def test_a_team_cut_behind_a_dearer_fte_trips_the_decrease_limit(repo: Repo, cli: Cli) -> None:
    # The fast-food plan's targets loosened and its team cut from 20.7 FTE to 11.6, its
    # people line kept at 1,283,400 and the loaded cost per FTE raised from 62,000 to
    # 110,637 (11.6 × 110,637 = 1,283,389.2, within the line): the money that pays the
    # staff held, so the cut passed a 10% limit. The staff it pays for fell:
    # 11.6 / 20.7 = 0.5604, -43.96%; at the base's 62,000 an FTE, 11.6 × 62,000 = 719,200
    # a year against 1,283,400; the limit is 10% of 1,283,400 = 128,340.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _edit(_line_kept(_fast_food_cut()), COST))
    repo.commit("targets loosened, the team cut, each FTE dearer, the people line kept")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the staff the people money pays for fall from 20.7 FTE to 11.6 (-43.96%; at the "
        "base's 62,000 USD an FTE, 1,283,400 USD a year to 719,200 USD; the loaded cost per "
        "FTE is 110,637 USD now): the limit of 128,340 USD (10%)"
    ), tripped[0]["message"]


def test_a_team_cut_behind_a_cost_per_fte_no_longer_stated_trips_the_limit(
    repo: Repo, cli: Cli
) -> None:
    # The same cut with the loaded cost per FTE taken out: the people line kept whole
    # counted as money that pays staff. Priced at the base's 62,000: 11.6 FTE, 719,200.
    # (`budget-funds-targets` cannot be checked without the cost, a new error that
    # `no_new_errors` blocks too, unless switched off: the limit judges it on its own.)
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    uncosted = _edit(
        _line_kept(_fast_food_cut()),
        ("  loaded_cost_per_fte: 62000   # salary + benefits + overheads\n", ""),
    )
    repo.write("plans/acme.yaml", uncosted)
    repo.commit("the team cut, its cost per FTE no longer stated, the people line kept")
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    tripped = [g for g in found if g["guardrail"] == "max_budget_decrease"]
    assert len(tripped) == 1, found
    assert "from 20.7 FTE to 11.6 (-43.96%;" in tripped[0]["message"], tripped[0]["message"]
    assert "the loaded cost per FTE is not stated now" in tripped[0]["message"]


def test_a_dearer_fte_with_the_team_kept_passes(repo: Repo, cli: Cli) -> None:
    # The control: each FTE dearer (62,000 to 68,200, +10%) and the people line raised to
    # pay the same 20.7 FTE (20.7 × 68,200 = 1,411,740): the staff it pays for hold.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    dearer = _edit(
        FAST_FOOD,
        ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 68200"),
        ("total: 1415880", "total: 1544220"),
        ("people: 1283400", "people: 1411740"),
    )
    repo.write("plans/acme.yaml", dearer)
    repo.commit("pay rise")
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g for g in found if g["guardrail"] == "max_budget_decrease"] == [], found


AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")


def _half_to_self_service(*more: tuple[str, str]) -> str:
    """The automated plan with half its e-mails (1,250 a month of 2,500) answered by the help
    centre (containment 80% → 90%), the team halved (4.1 → 2.1 FTE) and its money on the help
    centre (people 254,200 → 130,200, tooling 16,400 → 140,400): test_attack46's control."""
    return _edit(
        AUTOMATED,
        ("containment: 80%", "containment: 90%"),
        ("contacts: 2500", "contacts: 1250"),
        ("agents: 4.1\n", "agents: 2.1\n"),
        ("agents: 4.1 ", "agents: 2.1 "),
        ("people: 254200", "people: 130200"),
        ("tooling: 16400", "tooling: 140400"),
        *more,
    )


def test_an_automated_plan_moving_work_to_self_service_and_tightening_a_target_passes(
    repo: Repo, cli: Cli
) -> None:
    # Review fix50g: the work halved, the people money with it (48.8% beside 50%), passes a
    # 10% limit under `automated` while every target holds. Tightening the e-mails' first
    # response from 1 business day (10 open hours) to 8 business hours, which the 2.1 FTE
    # keep (the check has no finding), read as a target not held, since it was compared as
    # written, and the limit blocked.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    tight = ("first_response: 1 business day", "first_response: 8 business hours")
    repo.write("plans/acme.yaml", _half_to_self_service(tight))
    repo.commit("the help centre answers more, the team is smaller, e-mails answered sooner")
    assert cli("check", "plans/", "--policy-ref", "main").code == 0
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g for g in found if g["guardrail"] == "max_budget_decrease"] == [], found


def test_an_automated_plan_whose_business_day_grows_under_a_target_as_written_trips(
    repo: Repo, cli: Cli
) -> None:
    # The reverse: the same move with the target left as written, "1 business day", while
    # the e-mail desk's hours grow from 08:00-18:00 to 06:00-22:00: a business day is 16
    # open hours, not 10 (+60%), and the staff are sized by it. The target as written was
    # equal, so the exemption held; the promise is looser, and the limit judges the money.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    longer = ("hours: Mon-Fri 08:00-18:00", "hours: Mon-Fri 06:00-22:00")
    repo.write("plans/acme.yaml", _half_to_self_service(longer))
    repo.commit("the help centre answers more, the team is smaller, the desk open longer")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the people line falls from 254,200 USD to 130,200 USD a year (-48.78%)"
    ), tripped[0]["message"]
