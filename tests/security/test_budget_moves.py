"""Budget moved between two plans of one organisation is judged alike from both sides: the
plan that grows, like the one that shrinks, with its organisation's plans, which may grow by
no more than the growing plan alone may (review attack39 F2: the shrinking side passed, the
growing one was blocked at +18.1%)."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main

Cli = Callable[..., Result]
LIMITS = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%", "-f", "json")
TOTAL, PEOPLE = "total: 1540241", "people: 1283400"


def _two_regions(repo: Repo) -> None:
    on_main(repo, {"plans/acme-west.yaml": ALIGNED}, "a second region")


def _limits(cli: Cli, plan: str) -> list[str]:
    result = cli("diff", "--base-ref", "main", plan, *LIMITS)
    tripped = json.loads(result.out)["diff"]["guardrails"]
    return [g["guardrail"] for g in tripped if g["guardrail"].startswith("max_budget")]


def _budget(text: str, more: int) -> str:
    return text.replace(TOTAL, f"total: {1540241 + more}").replace(
        PEOPLE, f"people: {1283400 + more}"
    )


def test_money_moved_between_two_regions_passes_both_diffs(repo: Repo, cli: Cli) -> None:
    # The team's 4.5 FTE move with their money (4.5 × 62,000 = 279,000): a people line
    # moved without them pays no one in the east and leaves the west's staff unpaid, which
    # the decrease limit judges as the people money that pays staff (review attack46 H03).
    _two_regions(repo)
    east = _budget(ALIGNED, 279000).replace("agents: 4.5", "agents: 9.0", 1)
    repo.write("plans/acme.yaml", east.replace("agents: 20.7 ", "agents: 25.2 "))  # +18.1%
    west = _budget(ALIGNED, -279000).replace("    agents: 4.5\n", "    agents: 0\n", 1)
    repo.write("plans/acme-west.yaml", west.replace("agents: 20.7 ", "agents: 16.2 "))  # -18.1%
    repo.commit("the e-mail team moved east")
    assert _limits(cli, "plans/acme.yaml") == []
    assert _limits(cli, "plans/acme-west.yaml") == []


def test_a_region_grown_beyond_its_own_limit_still_blocks(repo: Repo, cli: Cli) -> None:
    # The organisation's two plans grow by 279,000 − 200,000 = 79,000, more than 5% of this
    # plan's 1,540,241 (77,012.05): what the other plan gave up does not cover it.
    _two_regions(repo)
    repo.write("plans/acme.yaml", _budget(ALIGNED, 279000))
    repo.write("plans/acme-west.yaml", _budget(ALIGNED, -200000))
    repo.commit("more east than west gave")
    assert _limits(cli, "plans/acme.yaml") == ["max_budget_increase"]


def test_people_money_moved_into_another_plans_tooling_is_no_move(repo: Repo, cli: Cli) -> None:
    # Review attack41 B03: the west's people line cut by 279,000 and the same money put in
    # the east's tooling: the organisation's total held, so both diffs passed a 5% limit.
    # Its people money fell by 279,000 of 2 × 1,283,400 = 2,566,800 (10.9%, over 5%): the
    # shrinking side stays blocked; the east's people money did not grow, so its increase
    # is what the organisation's plans together did (0%).
    _two_regions(repo)
    tooling = "tooling: 82800"
    east = ALIGNED.replace(TOTAL, f"total: {1540241 + 279000}")
    repo.write("plans/acme.yaml", east.replace(tooling, f"tooling: {82800 + 279000}"))
    repo.write("plans/acme-west.yaml", _budget(ALIGNED, -279000))
    repo.commit("the west's people money spent on the east's tools")
    assert _limits(cli, "plans/acme-west.yaml") == ["max_budget_decrease"]
    assert _limits(cli, "plans/acme.yaml") == []


def test_money_parked_in_a_plan_without_lines_is_no_move_of_people(repo: Repo, cli: Cli) -> None:
    # Review attack42 B10: the east's budget states no lines, so all of its total read as
    # people money, and the west's people money parked there relieved the decrease limit.
    # The east's people money is what its 20.7 FTE cost, 20.7 × 62,000 = 1,283,400 a year,
    # before and after: the organisation's fell by 279,000 (10.9%, over 5%).
    lines = "\n  lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"
    assert lines in ALIGNED
    east = ALIGNED.replace(lines, "")
    on_main(
        repo,
        {"plans/acme.yaml": east, "plans/acme-west.yaml": ALIGNED},
        "a second region, the east without budget lines",
    )
    repo.write("plans/acme.yaml", east.replace(TOTAL, f"total: {1540241 + 279000}"))
    repo.write("plans/acme-west.yaml", _budget(ALIGNED, -279000))
    repo.commit("the west's people money in the east's total")
    assert _limits(cli, "plans/acme-west.yaml") == ["max_budget_decrease"]
