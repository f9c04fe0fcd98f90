"""The decrease limit's people money, judged with the organisation's plans, is the money that
pays their staff, as the plan's own is (review attack46 H03)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main
from tests.security.test_money_moves import FAST_FOOD, _edit, _fast_food_cut, _guardrails

Cli = Callable[..., Result]
LIMIT = ("--max-budget-decrease", "10%")


def _line_kept(text: str) -> str:
    """``text`` with the fast-food plan's people line and tooling as they were."""
    return _edit(text, ("people: 719200", "people: 1283400"), ("tooling: 647000", "tooling: 82800"))


def test_a_team_cut_with_its_people_line_kept_trips_the_decrease_limit(
    repo: Repo, cli: Cli
) -> None:
    # Review attack46 H03: C01's cut in two steps. The targets loosened and the team cut
    # from 20.7 FTE to 11.6 with the people line kept at 1,283,400: the plan's people money
    # that pays the staff fell by 43.96% and tripped, but the organisation's people lines
    # were whole, so the limit was lifted as for a team moved to another plan. The next
    # change trimmed the people line to its staff's cost (564,200 to tooling) and passed as
    # a padded line trimmed (a41fa10).
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _line_kept(_fast_food_cut()))
    repo.commit("targets loosened, the team cut, the people line kept")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the people money that pays the planned staff falls from 1,283,400 USD to 719,200 USD "
        "a year (-43.96%): the limit of 128,340 USD (10%)"
    ), tripped[0]["message"]


def test_a_team_moved_to_another_plan_with_its_people_line_kept_passes(
    repo: Repo, cli: Cli
) -> None:
    # The control: the phone team's 9.1 FTE moved to the organisation's other plan, which
    # staffs them and pays them (564,200 more on its people line), this plan's people line
    # left as it was: the organisation's people money that pays staff holds.
    other = FAST_FOOD.replace("id: phone\n", "id: phone-west\n", 1)
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": other}, "two plans")
    repo.write("plans/acme.yaml", _line_kept(_fast_food_cut()))
    grown = _edit(
        other,
        ("agents: 16.2", "agents: 25.3"),
        ("agents: 20.7 ", "agents: 29.8 "),
        ("total: 1415880", "total: 1980080"),
        ("people: 1283400", "people: 1847600"),
    )
    repo.write("plans/acme-west.yaml", grown)
    repo.commit("the phone team moved west")
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g for g in found if g["guardrail"] == "max_budget_decrease"] == [], found


def test_a_modest_team_cut_with_its_people_line_kept_passes(repo: Repo, cli: Cli) -> None:
    # The control: one agent fewer (16.2 to 15.2) for a faster tool, the people line kept:
    # 62,000 of 1,283,400 (4.83%), within a 10% limit.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    shifted = _edit(
        FAST_FOOD,
        ("handle_time: 6m", "handle_time: 342s"),
        ("agents: 16.2", "agents: 15.2"),
        ("agents: 20.7 ", "agents: 19.7 "),
    )
    repo.write("plans/acme.yaml", shifted)
    repo.commit("a faster tool, one agent fewer")
    assert _guardrails(cli, "plans/acme.yaml", *LIMIT) == []


AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")


def test_an_automated_plan_halving_its_handle_time_into_tools_trips_the_limit(
    repo: Repo, cli: Cli
) -> None:
    # Review attack46 H04: under `automated` people money may follow the work moved to bots
    # and self-service while the targets hold; the e-mail handle time written 8m → 4m, the
    # team halved (4.1 → 2.1 FTE) and its 124,000 put in tooling, the same 2,500 e-mails a
    # month answered by people to the same target as written, moved no work, and passed.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    halved = _edit(
        AUTOMATED,
        ("handle_time: 8m", "handle_time: 4m"),
        ("agents: 4.1\n", "agents: 2.1\n"),
        ("agents: 4.1 ", "agents: 2.1 "),
        ("people: 254200", "people: 130200"),
        ("tooling: 16400", "tooling: 140400"),
    )
    repo.write("plans/acme.yaml", halved)
    repo.commit("e-mails answered in half the time, the team halved, the money on tools")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert "people line falls from 254,200 USD to 130,200 USD" in tripped[0]["message"]


def test_an_automated_plan_moving_half_its_work_to_self_service_passes(
    repo: Repo, cli: Cli
) -> None:
    # The control (as test_money_moves' automated one): the help centre answers 90% (80%),
    # half the e-mails (1,250 a month) reach people, the team halved to the same target and
    # its money on the help centre: the people money fell with the work (48.8% beside 50%).
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    moved = _edit(
        AUTOMATED,
        ("containment: 80%", "containment: 90%"),
        ("contacts: 2500", "contacts: 1250"),
        ("agents: 4.1\n", "agents: 2.1\n"),
        ("agents: 4.1 ", "agents: 2.1 "),
        ("people: 254200", "people: 130200"),
        ("tooling: 16400", "tooling: 140400"),
    )
    repo.write("plans/acme.yaml", moved)
    repo.commit("the help centre answers more, the team is smaller")
    assert _guardrails(cli, "plans/acme.yaml", *LIMIT) == []
