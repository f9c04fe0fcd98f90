"""People money is judged as money that pays people: a people line in a plan with no staff
is no people money kept (review attack43 C04)."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
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


FAST_FOOD = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _fast_food_cut() -> str:
    """The fast-food plan with its targets loosened (80% of calls in 60 s to 50% in 5 min,
    e-mails in 3 business days) and its team cut from 20.7 FTE to 11.6 (-44%): its people
    line from 1,283,400 to 719,200, the 564,200 freed put in tooling (82,800 to 647,000).
    The total holds at 1,415,880, and every rule holds."""
    return _edit(
        FAST_FOOD,
        (
            'service_level: "80% in 60s", abandonment_max: 8%',
            'service_level: "50% in 300s", abandonment_max: 40%',
        ),
        ("first_response: 1 business day", "first_response: 3 business days"),
        ("agents: 16.2", "agents: 7.7"),
        ("agents: 4.5", "agents: 3.9"),
        ("agents: 20.7 ", "agents: 11.6 "),
        ("people: 1283400", "people: 719200"),
        ("tooling: 82800", "tooling: 647000"),
    )


def _guardrails(cli: Cli, plan: str, *limits: str) -> list[dict[str, str]]:
    result = cli("diff", "--base-ref", "main", plan, *limits, "-f", "json")
    assert result.code in (0, 1), result.err
    found: list[dict[str, str]] = json.loads(result.out)["diff"]["guardrails"]
    return found


def test_a_team_cut_into_tooling_under_fast_food_trips_the_decrease_limit(
    repo: Repo, cli: Cli
) -> None:
    # Review attack43 C01: under a strategy without `people-answer` the budget's guardrails
    # judge the plan's money, and they judged its total only: the targets loosened and the
    # team cut by 44% with its money moved to tooling passed a 10% decrease limit.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _fast_food_cut())
    repo.commit("targets loosened, the team's money on tools")
    tripped = _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%")
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    message = tripped[0]["message"]
    assert message.startswith(
        "the people line falls from 1,283,400 USD to 719,200 USD a year (-43.96%) while "
        "tooling grows by 564,200 USD: the limit of 128,340 USD (10%) judges the people money"
    ), message


def test_a_modest_shift_of_people_money_to_tooling_passes(repo: Repo, cli: Cli) -> None:
    # The control: a tool that takes 18 s off a call's handle time (6 min to 342 s) lets
    # the phone team shrink by 1 FTE (16.2 to 15.2) under the same targets, and its 62,000
    # (4.8% of the people money) pays for the tool: within a 10% limit.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    shifted = _edit(
        FAST_FOOD,
        ("handle_time: 6m", "handle_time: 342s"),
        ("agents: 16.2", "agents: 15.2"),
        ("agents: 20.7 ", "agents: 19.7 "),
        ("people: 1283400", "people: 1221400"),
        ("tooling: 82800", "tooling: 144800"),
    )
    repo.write("plans/acme.yaml", shifted)
    repo.commit("a faster tool, one agent fewer")
    assert _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%") == []


def _automated(target: str) -> str:
    """The automated plan with its help centre answering 90% (80% before) and half the
    e-mails (1,250 a month), its e-mail team cut from 4.1 FTE to 2.1 to a first response
    within ``target``, and the 124,000 of people money freed put in tooling: its total holds
    at 280,440."""
    return _edit(
        AUTOMATED,
        ("containment: 80%", "containment: 90%"),
        ("contacts: 2500", "contacts: 1250"),
        ("first_response: 1 business day", f"first_response: {target}"),
        ("agents: 4.1\n", "agents: 2.1\n"),
        ("agents: 4.1 ", "agents: 2.1 "),
        ("people: 254200", "people: 130200"),
        ("tooling: 16400", "tooling: 140400"),
    )


def test_an_automated_plan_that_keeps_its_targets_moves_people_money_to_tools(
    repo: Repo, cli: Cli
) -> None:
    # The control: under `automated`, people's work moved to self-service, the e-mail
    # target kept, and the people money freed spent on the help centre: the strategy.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _automated("1 business day"))
    repo.commit("the help centre answers more, the team is smaller")
    assert _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%") == []


def test_an_automated_plan_that_loosens_a_target_is_judged_by_its_people_money(
    repo: Repo, cli: Cli
) -> None:
    # The same move with the e-mail target loosened to 3 business days: a service cut the
    # strategy does not excuse.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _automated("3 business days"))
    repo.commit("the help centre answers more, e-mails wait longer")
    tripped = _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%")
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert "people line falls from 254,200 USD to 130,200 USD" in tripped[0]["message"]


def _token_team(people: int) -> str:
    """The e-mail team's plan with a token 0.3 FTE on it and a people line of ``people``."""
    text = _email_team(people).replace("agents: 4.5", "agents: 0.3")
    return text.replace("contacts: 2500", "contacts: 40")


def test_a_new_plan_counts_no_more_people_money_than_its_staff_cost(repo: Repo, cli: Cli) -> None:
    # The same move with a token 0.3 FTE in the new plan (18,600 a year) beside its people
    # line of 279,000: every rule holds (the line funds its staff), and it stood in for the
    # team cut. A plan the change adds keeps the people money its staff cost: 18,600.
    on_main(repo, {"plans/acme-west.yaml": ALIGNED}, "a second region")
    repo.write("plans/acme-west.yaml", _cut(ALIGNED, -CUT))
    repo.write("plans/acme-people.yaml", _token_team(CUT))
    repo.commit("the west's team cut, its money on a people line of a token team")
    assert _limits(cli, "plans/acme-west.yaml") == ["max_budget_decrease"]


def test_people_money_above_what_the_staff_cost_may_go_to_tools(repo: Repo, cli: Cli) -> None:
    # A people line 200,000 above what its 20.7 FTE cost (20.7 × 62,000 = 1,283,400) trimmed
    # to their cost, the 200,000 spent on tools, the same staff and targets: the people money
    # that pays the staff holds (1,283,400 both sides), so no one is cut, though the line
    # falls by 13.48% (200,000 ÷ 1,483,400), more than a 10% limit.
    padded = _edit(FAST_FOOD, ("total: 1415880", "total: 1615880"), (PEOPLE, "people: 1483400"))
    on_main(repo, {"plans/acme.yaml": padded}, "a fast-food plan, its people line padded")
    repo.write(
        "plans/acme.yaml",
        _edit(padded, ("people: 1483400", PEOPLE), ("tooling: 82800", "tooling: 282800")),
    )
    repo.commit("the padding spent on tools")
    assert _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%") == []
    # Cut to 19.7 FTE as well (1,221,400 a year), the people money that pays the staff falls
    # from 1,283,400 to 1,221,400: 4.83%, within the limit; to 10.7 FTE (663,400) it trips.
    repo.write(
        "plans/acme.yaml",
        _edit(
            padded,
            ("people: 1483400", "people: 663400"),
            ("tooling: 82800", "tooling: 902800"),
            ("agents: 16.2", "agents: 6.2"),
            ("agents: 20.7 ", "agents: 10.7 "),
        ),
    )
    repo.commit("ten agents fewer")
    found = _guardrails(cli, "plans/acme.yaml", "--max-budget-decrease", "10%")
    tripped = [g for g in found if g["guardrail"] == "max_budget_decrease"]
    assert len(tripped) == 1, found  # beside the new errors the cut makes (no_new_errors)
    assert tripped[0]["message"].startswith(
        "the people money that pays the planned staff falls from 1,283,400 USD to 663,400 USD "
        "a year (-48.31%) while tooling grows by 820,000 USD"
    ), tripped[0]["message"]
