"""The gate compares what the money funds, not the money (review fix50g)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result
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
