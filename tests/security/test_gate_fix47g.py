"""Gaps of the pull-request gate closed together (review fix47g): the decrease limit's amount
scaled to the period of the money it judges, ..."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_money_moves import FAST_FOOD, _edit, _guardrails

Cli = Callable[..., Result]

HALF_YEAR = _edit(
    FAST_FOOD,
    ("end: 2027-12-31", "end: 2027-06-30"),
    ("total: 1415880", "total: 707940"),
    (
        "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
        "lines: {people: 641700, training: 24840, tooling: 41400, goodwill: 0}",
    ),
)
TWO_YEARS = _edit(
    FAST_FOOD,
    ("end: 2027-12-31", "end: 2028-12-31"),
    ("total: 1415880", "total: 2831760"),
    (
        "lines: {people: 1283400, training: 49680, tooling: 82800, goodwill: 0}",
        "lines: {people: 2566800, training: 99360, tooling: 165600, goodwill: 0}",
    ),
)


def _decrease(cli: Cli, *limit: str) -> list[str]:
    found = _guardrails(cli, "plans/acme.yaml", *limit)
    return [g["message"] for g in found if g["guardrail"] == "max_budget_decrease"]


def test_an_amount_limit_judges_a_half_year_plans_people_money_over_its_half_year(
    repo: Repo, cli: Cli
) -> None:
    # A half-year plan's phone team cut by 1.3 FTE (16.2 → 14.9), their 40,300 for the half
    # year (1.3 × 62,000 / 2) moved to tooling: within a limit of 50,000 written as an
    # amount, which the total is judged by over the base's half year. The people money is
    # counted a year (80,600 of 1,283,400), and was compared with the 50,000 unscaled:
    # it tripped. Scaled to a year the limit is 100,000.
    on_main(repo, {"plans/acme.yaml": HALF_YEAR}, "a half-year plan")
    cut = _edit(
        HALF_YEAR,
        ("agents: 16.2", "agents: 14.9"),
        ("agents: 20.7 ", "agents: 19.4 "),
        ("people: 641700", "people: 601400"),
        ("tooling: 41400", "tooling: 81700"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("1.3 FTE fewer, the money on tools")
    assert _decrease(cli, "--max-budget-decrease", "50000") == []
    # Past it: 2 FTE (62,000 for the half year, 124,000 a year).
    more = _edit(
        HALF_YEAR,
        ("agents: 16.2", "agents: 14.2"),
        ("agents: 20.7 ", "agents: 18.7 "),
        ("people: 641700", "people: 579700"),
        ("tooling: 41400", "tooling: 103400"),
    )
    repo.write("plans/acme.yaml", more)
    repo.commit("2 FTE fewer, the money on tools")
    said = _decrease(cli, "--max-budget-decrease", "50000")
    assert len(said) == 1, said
    assert "falls from 1,283,400 USD to 1,159,400 USD a year" in said[0], said
    assert "the limit of 100,000 USD a year (50,000 USD over ½ year)" in said[0], said


def test_an_amount_limit_judges_a_two_year_plans_people_money_over_its_two_years(
    repo: Repo, cli: Cli
) -> None:
    # A two-year plan's team cut by 1.2 FTE, their 148,800 over the two years (74,400 a
    # year) moved to tooling, under a limit of 100,000 written as an amount: the people money
    # a year fell by 74,400, below the 100,000 unscaled, and passed a cut half as large
    # again as the limit allows over the plan's period (50,000 a year).
    on_main(repo, {"plans/acme.yaml": TWO_YEARS}, "a two-year plan")
    cut = _edit(
        TWO_YEARS,
        ("agents: 16.2", "agents: 15.0"),
        ("agents: 20.7 ", "agents: 19.5 "),
        ("people: 2566800", "people: 2418000"),
        ("tooling: 165600", "tooling: 314400"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("1.2 FTE fewer, the money on tools")
    said = _decrease(cli, "--max-budget-decrease", "100000")
    assert len(said) == 1, said
    assert "the limit of 50,000 USD a year (100,000 USD over 2 years)" in said[0], said
    # The control: 0.6 FTE (37,200 a year) is within it.
    kept = _edit(
        TWO_YEARS,
        ("agents: 16.2", "agents: 15.6"),
        ("agents: 20.7 ", "agents: 20.1 "),
        ("people: 2566800", "people: 2492400"),
        ("tooling: 165600", "tooling: 240000"),
    )
    repo.write("plans/acme.yaml", kept)
    repo.commit("0.6 FTE fewer")
    assert _decrease(cli, "--max-budget-decrease", "100000") == []


def test_without_a_decrease_limit_a_delight_team_cut_is_judged_by_its_service(
    repo: Repo, cli: Cli
) -> None:
    # No decrease limit, so the people money is not judged as money (fix47g: a default
    # would be a false alarm on the control below). Under a strategy whose plans people
    # answer, a team cut is still seen through the service: delight's floors (answer-speed)
    # and the staff its targets need hold the team, and a lever lightened to cut it is a
    # policy change. Here shrinkage written 32% → 22% and the phone team cut 16.2 → 12.5
    # FTE, the 229,400 moved to tooling: every rule holds as written.
    # main holds the delight example (the `repo` fixture).
    cut = _edit(
        ALIGNED,
        ("shrinkage: 32%", "shrinkage: 22%"),
        ("agents: 16.2", "agents: 12.5"),
        ("agents: 20.7 ", "agents: 17.0 "),
        ("people: 1283400", "people: 1054000"),
        ("tooling: 82800", "tooling: 312200"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("a lower shrinkage, the team's money on tools")
    notes = policy_notes(cli)
    assert "phone's targets need 13% fewer staff" in notes, notes


def test_without_a_decrease_limit_a_team_trimmed_to_its_need_passes(repo: Repo, cli: Cli) -> None:
    # The control: the delight phone team (16.2 FTE where its targets need 13.8) trimmed to
    # 12.8 with its abandonment ceiling dropped (80% in 20s alone needs 12.6: 8.7% lighter,
    # within the tenth), the 210,800 a year (-16.4% of the people line) moved to tooling: every
    # rule and delight's floors hold. A default people-money limit would block this; a
    # decrease limit, where the policy sets one, judges it as money.
    trimmed = _edit(
        ALIGNED,
        (", abandonment_max: 8%", ""),
        ("agents: 16.2", "agents: 12.8"),
        ("agents: 20.7 ", "agents: 17.3 "),
        ("people: 1283400", "people: 1072600"),
        ("tooling: 82800", "tooling: 293600"),
    )
    repo.write("plans/acme.yaml", trimmed)
    repo.commit("the phone team trimmed to its need")
    checked = cli("check", "plans/", "--policy-ref", "main")
    assert checked.code == 0, checked.out
    assert cli("diff", "--base-ref", "main", "plans/acme.yaml").code == 0
    said = _decrease(cli, "--max-budget-decrease", "10%")
    assert len(said) == 1 and "-16.43%" in said[0], said
