"""The contacts people answer are compared over the days still to come of a plan in force
as well as over its calendar years: a cut of the rest of the year is not hidden by the
months already past (review attack43 C12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.security.conftest import ALIGNED, Repo, Result, on_main
from tests.security.test_policy import _without_phone
from tests.security.test_policy_periods import _for, _gate, _people

Cli = Callable[..., Result]
TODAY = dt.date.today()
THIS = TODAY.year
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _not_new_years_day() -> None:
    if (TODAY.month, TODAY.day) in ((1, 1), (12, 31)):
        pytest.skip("the plan in force has no days behind it, or none ahead of it")


def test_the_rest_of_the_year_without_its_phone_line_is_a_cut(repo: Repo, cli: Cli) -> None:
    # Review attack43 C12: this year's plan ends today and a plan for the rest of the
    # year added without its phone line: over the calendar year the phone was gone for
    # the days still to come only (in December, under a tenth of the year's calls), so the
    # cut passed. From today to 31 December, the phone line is gone on all days but today.
    on_main(repo, {"plans/acme.yaml": _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31")})
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{TODAY}"))
    rest = _for(_without_phone(ALIGNED), f"{TOMORROW}", f"{THIS}-12-31")
    repo.write("plans/acme-rest.yaml", rest)
    repo.commit("the plan ends today; the rest of the year without a phone line")
    result = _gate(cli)
    notes = _people(result)
    assert any(f"plans in plans/ from {TODAY} to {THIS}-12-31 at main, " in n for n in notes), (
        result.out
    )
    assert result.code == 1


def test_the_rest_of_the_year_carried_on_by_another_plan_is_no_cut(repo: Repo, cli: Cli) -> None:
    # The control: the same split with the phone line kept in the plan for the rest of the
    # year: a move, not a cut.
    on_main(repo, {"plans/acme.yaml": _for(ALIGNED, f"{THIS}-01-01", f"{THIS}-12-31")})
    repo.write("plans/acme.yaml", _for(ALIGNED, f"{THIS}-01-01", f"{TODAY}"))
    repo.write("plans/acme-rest.yaml", _for(ALIGNED, f"{TOMORROW}", f"{THIS}-12-31"))
    repo.commit("the plan ends today; another carries on the rest of the year")
    result = _gate(cli)
    assert _people(result) == [], result.out
