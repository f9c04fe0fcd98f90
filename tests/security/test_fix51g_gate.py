"""Gaps of the pull-request gate closed together (review fix51g): automation claimed beyond
what a change may hand it; staff no work needs kept as staff; a base that states no FTE."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import EXAMPLES, Repo, Result
from tests.security.conftest import on_main
from tests.security.test_money_moves import _edit

Cli = Callable[..., Result]


def _decrease(cli: Cli, *flags: str) -> list[str]:
    result = cli(
        "diff", "--base-ref", "main", "plans/acme.yaml", "--max-budget-decrease", "10%",
        "-f", "json", *flags,
    )  # fmt: skip
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["diff"]["guardrails"]
    return [g["message"] for g in found if g["guardrail"] == "max_budget_decrease"]


AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")


def _claimed(containment: str, contacts: int, agents: str, people: int) -> str:
    """The automated plan with the help centre's containment ``containment``, the e-mails
    people answer ``contacts`` a month, their team ``agents`` FTE and its people line
    ``people``, the rest of the 254,200 + 16,400 in tooling (the total kept)."""
    return _edit(
        AUTOMATED,
        ("containment: 80%", f"containment: {containment}"),
        ("contacts: 2500", f"contacts: {contacts}"),
        ("agents: 4.1\n", f"agents: {agents}\n"),
        ("agents: 4.1 ", f"agents: {agents} "),
        ("people: 254200", f"people: {people}"),
        ("tooling: 16400", f"tooling: {254200 + 16400 - people}"),
    )


def test_a_containment_claimed_beyond_half_the_peoples_work_needs_approval(
    repo: Repo, cli: Cli
) -> None:
    # Review attack50b: the help centre's containment stated 80% → 99% leaves people 1% of
    # the demand instead of 20% (2,500 e-mails a month → 125): the team cut 4.1 → 0.2 FTE
    # and its people money 254,200 → 12,400 (-95.12%) into tooling kept the automated
    # exemption. Automation is credited with at most half of what people answered in one
    # change: 1,250 a month left, for which 254,200 × 1,250 / 2,500 = 127,100 less the
    # 25,420 (10%) the limit allows is the least the people money may fall to; 12,400 trips.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _claimed("99%", 125, "0.2", 12400))
    repo.commit("the help centre takes 99%, the team's money in tooling")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith("the people line falls from 254,200 USD to 12,400 USD"), said
    assert said[0].endswith(
        "; the automation stated now (help-centre's containment 80% → 99%) would take 95% of "
        "the contacts people answered, more than the 50% a change may hand it with the "
        "people money"
    ), said


def test_a_containment_claimed_within_half_the_peoples_work_keeps_the_exemption(
    repo: Repo, cli: Cli
) -> None:
    # The control (fix50g's): 80% → 90% leaves people 10% instead of 20%, half the 2,500
    # e-mails a month; the team halved (4.1 → 2.1 FTE, 254,200 → 130,200) passes.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    repo.write("plans/acme.yaml", _claimed("90%", 1250, "2.1", 130200))
    repo.commit("the help centre takes 90%, the team halved")
    assert _decrease(cli) == []


FAST_FOOD = (EXAMPLES / "fast-food-aligned.yaml").read_text(encoding="utf-8")
BACK_OFFICE = (
    "  - id: help-centre\n",
    "  - id: back-office\n    kind: chat\n    volume: {contacts: 10, per: month}\n"
    '    handle_time: 6m\n    target: {service_level: "95% in 10s"}\n'
    "    agents: 9.1\n  - id: help-centre\n",
)


def test_staff_moved_to_a_line_no_work_needs_are_no_staff_kept(repo: Repo, cli: Cli) -> None:
    # Review attack50b: 9.1 FTE cut from the phone (16.2 → 7.1) onto a new chat open
    # always (no `hours`) for 10 chats a month with 95% in 10s, whose cover the sizing asks
    # 6.9 FTE for; the people line kept at 1,283,400, so `diff` read a reallocation. Its
    # work: 10 × 12 / 52.18 = 2.30 chats a week × 6 min = 0.23 hours a week; an FTE gives
    # 1,800 × (1 − 32%) / 52.18 = 23.46 productive hours a week, at the 85% ceiling 19.94:
    # 0.0115 FTE busy, counted 0.1 (a tenth, rounded up). Staff paid for: 7.1 + 4.5 + 0.1 =
    # 11.7 FTE × 62,000 = 725,400 of 1,283,400 (-43.48%), past a 10% limit.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _edit(FAST_FOOD, ("agents: 16.2", "agents: 7.1"), BACK_OFFICE))
    repo.commit("the phone team moved to a 24/7 back office")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith(
        "the people money that pays the planned staff falls from 1,283,400 USD to 725,400 USD"
    ), said


def test_staff_moved_to_a_line_its_work_needs_are_staff_kept(repo: Repo, cli: Cli) -> None:
    # The control: the same 9.1 FTE moved to a new chat of 9,000 chats a month (its work
    # keeps 9,000 × 12 / 52.18 × 6 min / 60 / 19.94 = 10.4 FTE busy): every one counts.
    busy = (BACK_OFFICE[0], BACK_OFFICE[1].replace("contacts: 10,", "contacts: 9000,"))
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _edit(FAST_FOOD, ("agents: 16.2", "agents: 7.1"), busy))
    repo.commit("the phone team moved to a busy chat")
    assert _decrease(cli) == []


UNSTAFFED = _edit(
    FAST_FOOD,
    ("    agents: 16.2\n", ""),
    ("    agents: 4.5\n", ""),
    ("  agents: 20.7               # FTE in total\n", ""),
)


def test_a_people_line_cut_where_main_states_no_fte_is_judged_by_the_staff_its_targets_need(
    repo: Repo, cli: Cli
) -> None:
    # Review attack50b: main's plan states no FTE, so the people-money limit had nothing to
    # compare (0 → 0): its people line cut 1,283,400 → 719,200 (-43.96%) into tooling passed
    # a 10% limit. The staff main's money pays for are now those its targets need: the
    # phone's and the e-mails' least FTE that keep them (as `fix` writes them), priced at
    # its 62,000 an FTE: phone 13.8 + e-mail 3.4 = 17.2 FTE × 62,000 = 1,066,400 a year;
    # 719,200 is 347,200 (32.56%) less, past the 106,640 (10%) the limit allows.
    on_main(repo, {"plans/acme.yaml": UNSTAFFED}, "a plan that states no FTE")
    cut = _edit(
        UNSTAFFED, ("people: 1283400", "people: 719200"), ("tooling: 82800", "tooling: 647000")
    )
    repo.write("plans/acme.yaml", cut)
    repo.commit("the people line cut into tooling")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith(
        "the people money that pays the planned staff falls from 1,066,400 USD to 719,200 USD "
        "a year (-32.56%)"
    ), said
    assert said[0].endswith(
        "(the base states no FTE: its staff are taken as the 17.2 FTE its targets need: "
        "phone 13.8, email 3.4)"
    ), said


def test_a_people_line_trimmed_to_what_the_targets_need_where_main_states_no_fte_passes(
    repo: Repo, cli: Cli
) -> None:
    # The control: the people line 1,283,400 trimmed to the 1,066,400 the 17.2 FTE the
    # targets need cost, the rest into tooling: no one the targets need goes unpaid.
    on_main(repo, {"plans/acme.yaml": UNSTAFFED}, "a plan that states no FTE")
    trim = ("people: 1283400", "people: 1066400"), ("tooling: 82800", "tooling: 299800")
    repo.write("plans/acme.yaml", _edit(UNSTAFFED, *trim))
    repo.commit("the people line trimmed to the targets' need")
    assert _decrease(cli) == []
