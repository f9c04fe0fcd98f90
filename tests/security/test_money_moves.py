"""People money is judged as money that pays people: a people line in a plan with no staff
is no people money kept (review attack43 C04)."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main

Cli = Callable[..., Result]
LIMITS = ("--max-budget-increase", "5%", "--max-budget-decrease", "5%", "-f", "json")
TOTAL, PEOPLE = "total: 1540241", "people: 1283400"
CUT = 279000
LINES = "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"


def _limits(cli: Cli, plan: str) -> list[str]:
    result = cli("diff", "--base-ref", "main", plan, *LIMITS)
    assert result.code in (0, 1), result.err
    tripped = json.loads(result.out)["diff"]["guardrails"]
    return [g["guardrail"] for g in tripped if g["guardrail"].startswith("max_budget")]


def _cut(text: str, more: int) -> str:
    return text.replace(TOTAL, f"total: {1540241 + more}").replace(
        PEOPLE, f"people: {1283400 + more}"
    )


def _unstaffed(people: int) -> str:
    """The organisation's plan with no one in it: its help centre alone, no FTE, and a
    budget whose people line is ``people``."""
    text = _alone("  - id: phone\n", "  - id: help-centre\n")
    text = text.replace("  agents: 20.7               # FTE in total\n", "")
    assert "agents:" not in text
    return _money(text, people)


def _email_team(people: int) -> str:
    """The organisation's plan of its e-mail team alone (4.5 FTE), its people line ``people``."""
    text = _alone("  - id: phone\n", "  - id: email\n")
    return _money(text.replace("agents: 20.7 ", "agents: 4.5  "), people)


def _alone(start: str, end: str) -> str:
    """The aligned plan without the channels from ``start`` up to ``end``."""
    return ALIGNED[: ALIGNED.index(start)] + ALIGNED[ALIGNED.index(end) :]


def _money(text: str, people: int) -> str:
    assert TOTAL in text and LINES in text
    return text.replace(TOTAL, f"total: {people}").replace(LINES, f"lines: {{people: {people}}}")


def test_a_people_line_in_a_plan_with_no_staff_keeps_no_people_money(repo: Repo, cli: Cli) -> None:
    # Review attack43 C04: the west's people line cut by 279,000 (18.1% of its total, 9.2%
    # of the organisation's 3,080,482) and a new plan of the organisation with no staff
    # stating a people line of 279,000: its total and people money held, so the cut passed
    # a 5% limit. A line that funds no FTE pays no one: the organisation's people money
    # fell by 279,000 of 2,566,800 (10.9%).
    on_main(repo, {"plans/acme-west.yaml": ALIGNED}, "a second region")
    repo.write("plans/acme-west.yaml", _cut(ALIGNED, -CUT))
    repo.write("plans/acme-people.yaml", _unstaffed(CUT))
    repo.commit("the west's team cut, its money on a people line of no one")
    assert _limits(cli, "plans/acme-west.yaml") == ["max_budget_decrease"]


def test_a_team_moved_to_a_new_plan_with_its_staff_passes(repo: Repo, cli: Cli) -> None:
    # The control: the west's e-mail team (4.5 FTE, 279,000 of it) moved to a new plan of
    # the organisation that staffs them: the organisation's people money held.
    on_main(repo, {"plans/acme-west.yaml": ALIGNED}, "a second region")
    repo.write("plans/acme-west.yaml", _cut(ALIGNED, -CUT))
    repo.write("plans/acme-people.yaml", _email_team(CUT))  # 4.5 × 62,000
    repo.commit("the west's e-mail team moved to a plan of its own")
    assert _limits(cli, "plans/acme-west.yaml") == []
