"""Red team on this session's gate code (attack50b)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main
from tests.security.test_attack46_people_money import _line_kept
from tests.security.test_money_moves import FAST_FOOD, _edit, _fast_food_cut, _guardrails

Cli = Callable[..., Result]
LIMIT = ("--max-budget-decrease", "10%")
UNCOSTED = ("  loaded_cost_per_fte: 62000   # salary + benefits + overheads\n", "")


def _decrease(cli: Cli) -> list[dict[str, str]]:
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    return [g for g in found if g["guardrail"] == "max_budget_decrease"]


def test_a_team_cut_where_main_states_no_cost_per_fte_trips_the_limit(repo: Repo, cli: Cli) -> None:
    # Review attack50b B1: main's fast-food plan states no loaded cost per FTE. The targets
    # loosened (80% in 60 s → 50% in 5 min) and the team cut from 20.7 FTE to 11.6, its
    # people line kept at 1,283,400: the people money was compared as money, 1,283,400 both
    # sides, and `diff` passed with exit 0. Priced at what main pays an FTE, its people
    # money over its FTE, 1,283,400 / 20.7 = 62,000: 11.6 × 62,000 = 719,200, -43.96%
    # against a limit of 10% of 1,283,400 = 128,340.
    on_main(repo, {"plans/acme.yaml": _edit(FAST_FOOD, UNCOSTED)}, "no cost per FTE")
    repo.write("plans/acme.yaml", _edit(_line_kept(_fast_food_cut()), UNCOSTED))
    repo.commit("targets loosened, the team cut, the people line kept")
    assert cli("diff", "--base-ref", "main", "plans/acme.yaml", *LIMIT).code == 1
    tripped = _decrease(cli)
    assert len(tripped) == 1, tripped
    assert tripped[0]["message"].startswith(
        "the staff the people money pays for fall from 20.7 FTE to 11.6 (-43.96%; at the "
        "base's 62,000 USD an FTE (its people money over its FTE, as it states no loaded "
        "cost per FTE), 1,283,400 USD a year to 719,200 USD; the loaded cost per FTE is not "
        "stated now): the limit of 128,340 USD (10%)"
    ), tripped[0]["message"]


def test_a_team_cut_behind_a_cost_per_fte_main_never_stated_trips_the_limit(
    repo: Repo, cli: Cli
) -> None:
    # The same cut with a loaded cost per FTE written now, 110,637 (11.6 × 110,637 =
    # 1,283,389.2, within the line kept): the plan turned aligned (main's had no cost to
    # check the budget by) and the cut passed with exit 0. At main's 62,000: 719,200.
    on_main(repo, {"plans/acme.yaml": _edit(FAST_FOOD, UNCOSTED)}, "no cost per FTE")
    dearer = ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 110637")
    repo.write("plans/acme.yaml", _edit(_line_kept(_fast_food_cut()), dearer))
    repo.commit("targets loosened, the team cut, a cost per FTE stated, the line kept")
    tripped = _decrease(cli)
    assert len(tripped) == 1, tripped
    assert "from 20.7 FTE to 11.6 (-43.96%;" in tripped[0]["message"]
    assert "the loaded cost per FTE is 110,637 USD now" in tripped[0]["message"]


def test_a_cost_per_fte_first_stated_with_the_team_kept_passes(repo: Repo, cli: Cli) -> None:
    # The control: main states no cost; the change states 62,000 and keeps the 20.7 FTE and
    # the people line (20.7 × 62,000 = 1,283,400): the staff it pays for hold.
    on_main(repo, {"plans/acme.yaml": _edit(FAST_FOOD, UNCOSTED)}, "no cost per FTE")
    repo.write("plans/acme.yaml", FAST_FOOD)
    repo.commit("the cost per FTE stated")
    assert cli("diff", "--base-ref", "main", "plans/acme.yaml", *LIMIT).code == 0
    assert _decrease(cli) == []


def test_a_team_cut_onto_a_sibling_where_neither_states_a_cost_keeps_no_team(
    repo: Repo, cli: Cli
) -> None:
    # B1 across the organisation: neither plan states a loaded cost per FTE. The team cut
    # from 20.7 FTE to 11.6 in acme (people 1,283,400 → 719,200) and the 564,200 put on the
    # west plan's people line, its 20.7 FTE unchanged: counted as money, the organisation's
    # people money held (2,566,800 both sides) and the limit was lifted. At main's 62,000 an
    # FTE (1,283,400 / 20.7), the west's 20.7 FTE pay for 1,283,400, not 1,847,600: the
    # organisation's staff fall from 41.4 FTE to 32.3 (-22%).
    west = FAST_FOOD.replace("id: phone\n", "id: phone-west\n", 1)
    plans = {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": west}
    on_main(repo, {name: _edit(text, UNCOSTED) for name, text in plans.items()}, "two plans")
    cut = _edit(
        _fast_food_cut(),
        UNCOSTED,
        ("total: 1415880", "total: 851680"),
        ("tooling: 647000", "tooling: 82800"),
    )
    grown = _edit(
        west, UNCOSTED, ("total: 1415880", "total: 1980080"), ("people: 1283400", "people: 1847600")
    )
    repo.write("plans/acme.yaml", cut)
    repo.write("plans/acme-west.yaml", grown)
    repo.commit("the team cut, its money on the west's people line")
    assert len(_decrease(cli)) == 1


def test_a_people_line_cut_where_main_states_no_cost_is_said_as_money(repo: Repo, cli: Cli) -> None:
    # Neither side states a cost and the team is kept (20.7 FTE): the people line cut from
    # 1,283,400 to 1,083,400 (-15.58%) with the 200,000 in tooling is said as money, as
    # before, not as staff "falling" while the FTE written hold.
    on_main(repo, {"plans/acme.yaml": _edit(FAST_FOOD, UNCOSTED)}, "no cost per FTE")
    cut = _edit(
        FAST_FOOD,
        UNCOSTED,
        ("people: 1283400", "people: 1083400"),
        ("tooling: 82800", "tooling: 282800"),
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("people money to tooling")
    tripped = _decrease(cli)
    assert len(tripped) == 1, tripped
    assert tripped[0]["message"].startswith(
        "the people line falls from 1,283,400 USD to 1,083,400 USD a year (-15.58%) while "
        "tooling grows by 200,000 USD"
    ), tripped[0]["message"]


AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")
HALVED = (
    ("contacts: 2500", "contacts: 1250"),
    ("agents: 4.1\n", "agents: 2.1\n"),
    ("agents: 4.1 ", "agents: 2.1 "),
    ("people: 254200", "people: 130200"),
    ("tooling: 16400", "tooling: 140400"),
)


def test_an_automated_plans_forecast_cut_is_no_work_moved(repo: Repo, cli: Cli) -> None:
    # Review attack50b B2: the automated plan's e-mails written 2,500 → 1,250 a month with
    # nothing to take them (the help centre's containment kept at 80%, no bot), the team
    # halved (4.1 → 2.1 FTE) and its people money put in tooling (254,200 → 130,200,
    # -48.78%): read as work moved to automation, the 10% limit was lifted and `diff`
    # passed with exit 0. The help centre leaves people 20% of the demand, as at main, so
    # the 2,500 a month are still people's work; the limit judges the money.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _edit(AUTOMATED, *HALVED))
    repo.commit("fewer e-mails forecast, the team halved, its money in tooling")
    assert cli("diff", "--base-ref", "main", "plans/acme.yaml", *LIMIT).code == 1
    tripped = _decrease(cli)
    assert len(tripped) == 1, tripped
    assert tripped[0]["message"].startswith(
        "the people line falls from 254,200 USD to 130,200 USD a year (-48.78%)"
    ), tripped[0]["message"]


def test_an_automated_plans_work_taken_by_a_bot_is_work_moved(repo: Repo, cli: Cli) -> None:
    # The control: the 1,250 e-mails a month the people no longer answer are answered by an
    # e-mail bot added beside them (1,250 a month): work moved, and the limit stays lifted,
    # as for the help centre's containment 80% → 90% (test_fix50g_gate).
    bot = (
        "  - id: help-centre\n",
        "  - id: email-bot\n    kind: email\n    staffed_by: bots\n"
        "    volume: {contacts: 1250, per: month}\n  - id: help-centre\n",
    )
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _edit(AUTOMATED, *HALVED, bot))
    repo.commit("a bot answers half the e-mails, the team halved, its money in tooling")
    assert _decrease(cli) == []
