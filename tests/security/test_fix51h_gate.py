"""Gaps of the pull-request gate closed together (review fix51h, after fix51g): a base that
states no FTE judged organisation-wide; a plan whose declared strategy changed in the window."""

from __future__ import annotations

from tests.conftest import Repo
from tests.security.conftest import on_main
from tests.security.test_fix51g_gate import FAST_FOOD, UNSTAFFED, Cli, _decrease
from tests.security.test_money_moves import _edit

CUT = (("people: 1283400", "people: 719200"), ("tooling: 82800", "tooling: 647000"))


def test_a_people_line_cut_where_main_states_no_fte_trips_beside_a_staffed_sibling(
    repo: Repo, cli: Cli
) -> None:
    # Review fix51g (left): main's plan states no FTE and is taken as staffed with the 17.2
    # FTE its targets need (phone 13.8 + e-mail 3.4) at 62,000 = 1,066,400 a year; its
    # people line cut to 719,200 into tooling trips a 10% limit alone. Beside a staffed
    # sibling of the organisation (the fast-food plan, 20.7 FTE, 1,283,400) the
    # organisation-wide re-check read the unstaffed plan's people money as 0 on both
    # sides and lifted the trip. Organisation-wide: 1,066,400 + 1,283,400 = 2,349,800 →
    # 719,200 + 1,283,400 = 2,002,600, 347,200 less (14.78%), past the 234,980 (10%) allowed.
    on_main(
        repo,
        {"plans/acme.yaml": UNSTAFFED, "plans/sibling.yaml": FAST_FOOD},
        "a plan that states no FTE beside a staffed one",
    )
    repo.write("plans/acme.yaml", _edit(UNSTAFFED, *CUT))
    repo.commit("the people line cut into tooling")
    said = _decrease(cli)
    assert len(said) == 1, said
    assert said[0].startswith(
        "the people money that pays the planned staff falls from 1,066,400 USD to 719,200 USD "
        "a year (-32.56%)"
    ), said


def test_a_no_fte_plans_cut_a_staffed_sibling_takes_up_is_no_cut(repo: Repo, cli: Cli) -> None:
    # The control: the same cut of 347,200 a year, with the sibling's phone team grown by
    # 5.6 FTE (16.2 → 21.8; 20.7 → 26.3 FTE, 1,283,400 → 1,630,600 a year) and its people
    # line with it: the organisation's staff money goes 2,349,800 → 719,200 + 1,630,600 =
    # 2,349,800, kept; the team moved between the organisation's plans.
    on_main(
        repo,
        {"plans/acme.yaml": UNSTAFFED, "plans/sibling.yaml": FAST_FOOD},
        "a plan that states no FTE beside a staffed one",
    )
    repo.write("plans/acme.yaml", _edit(UNSTAFFED, *CUT))
    grown = _edit(
        FAST_FOOD,
        ("agents: 16.2", "agents: 21.8"),
        ("agents: 20.7", "agents: 26.3"),
        ("people: 1283400", "people: 1630600"),
        ("total: 1415880", "total: 1763080"),
    )
    repo.write("plans/sibling.yaml", grown)
    repo.commit("the people line cut, the sibling's team grown")
    assert _decrease(cli) == []
