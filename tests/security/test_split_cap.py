"""`max_total` judged against a split: a new plan of an organisation whose plans kept the
cap at the base trips it when, with the new one, they spend more a year than the cap
(review attack39 F8: the plan's phone kept at 1.5M and its e-mail team moved to a new plan
at 0.9M, each under a 1.6M cap, together 2.4M)."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main

Cli = Callable[..., Result]
TOTAL = "total: 1540241"
LINES = "lines: {people: 1283400, training: 149040, tooling: 82800, goodwill: 25001}"


def _capped(repo: Repo) -> None:
    on_main(repo, {".cs-align.yaml": "guardrails:\n  max_total: 1.6M\n"}, "a cap")


def _tripped(cli: Cli, plan: str) -> dict[str, str]:
    result = cli("diff", "--base-ref", "main", plan, "-f", "json")
    assert result.code in (0, 1), result.err
    return {g["guardrail"]: g["message"] for g in json.loads(result.out)["diff"]["guardrails"]}


def test_a_split_whose_halves_each_keep_the_cap_is_judged_as_the_organisation(
    repo: Repo, cli: Cli
) -> None:
    _capped(repo)
    assert TOTAL in ALIGNED and LINES in ALIGNED
    phone = ALIGNED.replace(TOTAL, "total: 1500000").replace(
        LINES, "lines: {people: 1243159, training: 149040, tooling: 82800, goodwill: 25001}"
    )
    email = ALIGNED.replace(TOTAL, "total: 900000").replace(
        LINES, "lines: {people: 279000, training: 300000, tooling: 296000, goodwill: 25000}"
    )
    repo.write("plans/acme.yaml", phone)
    repo.write("plans/acme-email.yaml", email)
    repo.commit("the e-mail team in a plan of its own")
    # 1,500,000 + 900,000 = 2,400,000 a year; 2,400,000 − 1,600,000 = 800,000 over.
    assert _tripped(cli, "plans/acme-email.yaml")["max_total"] == (
        "the plans naming Example Delight Co spend 2,400,000 USD a year together with this "
        "one, 1,540,241 USD at the base: above the cap of 1,600,000 USD by 800,000 USD"
    )
    assert "max_total" not in _tripped(cli, "plans/acme.yaml")  # its own total is under it


def test_a_cap_an_organisation_was_already_over_is_each_plans_own(repo: Repo, cli: Cli) -> None:
    # Two regions of 1,540,241 each at the base (3,080,482): the cap was met plan by plan.
    on_main(
        repo,
        {".cs-align.yaml": "guardrails:\n  max_total: 1.6M\n", "plans/acme-west.yaml": ALIGNED},
        "a cap, and a second region",
    )
    repo.write("plans/acme-north.yaml", ALIGNED)
    repo.commit("a third region")
    assert "max_total" not in _tripped(cli, "plans/acme-north.yaml")


def test_next_years_plan_and_the_other_half_of_a_year_are_not_this_years_money(
    repo: Repo, cli: Cli
) -> None:
    # Review attack40 A8: a rollover beside last year's plan, and a second half beside the
    # first, read as 3,080,482 a year against a 2M cap. In 2027 the organisation spends
    # 1,540,241 (the year's plan); in 2028, next year's alone.
    on_main(repo, {".cs-align.yaml": "guardrails:\n  max_total: 2M\n"}, "a cap")
    year = "period: {start: 2027-01-01, end: 2027-12-31}"
    assert year in ALIGNED
    repo.write("plans/acme-2028.yaml", ALIGNED.replace(year, year.replace("2027", "2028")))
    repo.commit("next year's plan")
    assert "max_total" not in _tripped(cli, "plans/acme-2028.yaml")


def test_a_second_plan_grown_past_the_cap_is_judged_as_the_organisation(
    repo: Repo, cli: Cli
) -> None:
    # Review attack41 B05: the organisation's plans were added up only for a new one; a
    # second plan added small (1,540,241 + 50,000 under a 1.6M cap), then grown to 900,000,
    # spent 2,440,241 a year with every diff passing. The plan left alone is not blamed.
    small = ALIGNED.replace(TOTAL, "total: 50000").replace(
        LINES, "lines: {people: 20000, training: 10000, tooling: 10000, goodwill: 10000}"
    )
    on_main(
        repo,
        {".cs-align.yaml": "guardrails:\n  max_total: 1.6M\n", "plans/acme-email.yaml": small},
        "a cap, and a small second plan",
    )
    grown = ALIGNED.replace(TOTAL, "total: 900000").replace(
        LINES, "lines: {people: 279000, training: 300000, tooling: 296000, goodwill: 25000}"
    )
    repo.write("plans/acme-email.yaml", grown)
    repo.commit("the second plan grown")
    assert _tripped(cli, "plans/acme-email.yaml")["max_total"] == (
        "the plans naming Example Delight Co spend 2,440,241 USD a year together with this "
        "one, 1,590,241 USD at the base: above the cap of 1,600,000 USD by 840,241 USD"
    )
    assert "max_total" not in _tripped(cli, "plans/acme.yaml")


def test_a_two_year_plan_is_judged_a_year_at_a_time_not_halved(repo: Repo, cli: Cli) -> None:
    # Review attack42 F03 (its amounts): over a two-year window each plan's share of the
    # window's days was a year's spend on average over the two, and was halved again.
    # Judged a calendar year at a time: in 2027 this year's plan spends 1,540,241 and the
    # new one 2,000,000 over its two years = 1,000,000 a year; together 2,540,241 a year,
    # over a 1.6M cap by 940,241 (the average over 2027-2028, 1,769,066.98, hid 2027's).
    _capped(repo)
    two = ALIGNED.replace("end: 2027-12-31", "end: 2028-12-31").replace(TOTAL, "total: 2000000")
    two = two.replace(
        LINES, "lines: {people: 1700000, training: 200000, tooling: 75000, goodwill: 25000}"
    )
    repo.write("plans/acme-2.yaml", two)
    repo.commit("a two-year plan beside this year's")
    assert _tripped(cli, "plans/acme-2.yaml")["max_total"] == (
        "the plans naming Example Delight Co spend 2,540,241 USD a year in 2027 together with "
        "this one, 1,540,241 USD at the base: above the cap of 1,600,000 USD by 940,241 USD"
    )


def test_a_plan_moved_onto_another_plans_year_is_judged_with_it(repo: Repo, cli: Cli) -> None:
    # Review attack42 B08: next year's second plan (100,000) moved onto this year, beside
    # the 1,540,241 there, at the same money: 1,640,241 a year over a 1.6M cap, unjudged
    # because its money a year did not grow.
    small = ALIGNED.replace(TOTAL, "total: 100000").replace(
        LINES, "lines: {people: 40000, training: 20000, tooling: 20000, goodwill: 20000}"
    )
    later = small.replace(
        "start: 2027-01-01, end: 2027-12-31", "start: 2028-01-01, end: 2028-12-31"
    )
    on_main(
        repo,
        {".cs-align.yaml": "guardrails:\n  max_total: 1.6M\n", "plans/acme-b.yaml": later},
        "a cap, and next year's second plan",
    )
    repo.write("plans/acme-b.yaml", small)
    repo.commit("moved onto this year")
    assert _tripped(cli, "plans/acme-b.yaml")["max_total"].startswith(
        "the plans naming Example Delight Co spend 1,640,241 USD a year together with this one"
    )
