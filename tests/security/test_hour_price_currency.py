"""A new plan's price of an hour is compared with its organisation's plans' price, or said
to be beyond comparison when none of them prices an hour in its currency (review attack43
C10)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes

Cli = Callable[..., Result]
COST = "loaded_cost_per_fte: 62000"


def _in(currency: str, cost: int) -> str:
    """The aligned plan in ``currency`` at ``cost`` an FTE-year."""
    assert "currency: USD" in ALIGNED and COST in ALIGNED
    text = ALIGNED.replace("currency: USD", f"currency: {currency}")
    return text.replace(COST, f"loaded_cost_per_fte: {cost}")


def test_a_new_plan_in_another_currency_at_a_tenth_of_the_cost_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # Review attack43 C10: the organisation prices an hour at 50.65 USD at main; a new plan
    # of it in EUR at 6,200 an FTE-year (5.07 EUR an hour) was compared with its plans in
    # EUR only, of which there are none: nothing was said.
    repo.write("plans/acme-eu.yaml", _in("EUR", 6200))
    repo.commit("the phone team in a plan of its own, in euros")
    assert (
        "an hour of an agent's time on contacts costs 5.07 EUR in a plan that is new for "
        "Example Delight Co, whose plans at main price it in USD only (50.65 USD at least)"
    ) in policy_notes(cli, "plans/acme-eu.yaml")


def test_a_new_plan_in_a_currency_its_organisation_prices_in_is_compared_there(
    repo: Repo, cli: Cli
) -> None:
    # The control: the organisation has a plan in EUR at main (57,000 an FTE-year, 46.57
    # EUR an hour) beside its USD plan; a new EUR plan at the same cost is no change.
    on_main(repo, {"plans/acme-eu.yaml": _in("EUR", 57000)}, "a plan in euros")
    repo.write("plans/acme-eu-2.yaml", _in("EUR", 57000))
    repo.commit("a second plan in euros")
    assert "an hour of an agent's time" not in policy_notes(cli, "plans/acme-eu-2.yaml")


def test_a_plan_moved_to_another_currency_at_a_tenth_of_the_cost_is_policy(
    repo: Repo, cli: Cli
) -> None:
    # The same price moved into the plan itself: its currency changed to EUR with 6,200 an
    # FTE-year was not compared (plans in other currencies are not), and only a budget
    # limit, where one is set, said anything.
    repo.write("plans/acme.yaml", _in("EUR", 6200))
    repo.commit("the plan in euros")
    assert (
        "an hour of an agent's time on contacts costs 5.07 EUR now, 50.65 USD at main: in "
        "another currency, the prices cannot be compared"
    ) in policy_notes(cli)
