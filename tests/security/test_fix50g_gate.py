"""The gate compares what the money funds, not the money (review fix50g)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLES, Invoke, Repo, Result
from tests.security.conftest import ALIGNED, on_main
from tests.security.test_attack46_people_money import _line_kept
from tests.security.test_money_moves import FAST_FOOD, _edit, _fast_food_cut, _guardrails

Cli = Callable[..., Result]
LIMIT = ("--max-budget-decrease", "10%")
COST = ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 110637")


def test_a_team_cut_behind_a_dearer_fte_trips_the_decrease_limit(repo: Repo, cli: Cli) -> None:
    # The fast-food plan's targets loosened and its team cut from 20.7 FTE to 11.6, its
    # people line kept at 1,283,400 and the loaded cost per FTE raised from 62,000 to
    # 110,637 (11.6 × 110,637 = 1,283,389.2, within the line): the money that pays the
    # staff held, so the cut passed a 10% limit. The staff it pays for fell:
    # 11.6 / 20.7 = 0.5604, -43.96%; at the base's 62,000 an FTE, 11.6 × 62,000 = 719,200
    # a year against 1,283,400; the limit is 10% of 1,283,400 = 128,340.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    repo.write("plans/acme.yaml", _edit(_line_kept(_fast_food_cut()), COST))
    repo.commit("targets loosened, the team cut, each FTE dearer, the people line kept")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the staff the people money pays for fall from 20.7 FTE to 11.6 (-43.96%; at the "
        "base's 62,000 USD an FTE, 1,283,400 USD a year to 719,200 USD; the loaded cost per "
        "FTE is 110,637 USD now): the limit of 128,340 USD (10%)"
    ), tripped[0]["message"]


def test_a_team_cut_behind_a_cost_per_fte_no_longer_stated_trips_the_limit(
    repo: Repo, cli: Cli
) -> None:
    # The same cut with the loaded cost per FTE taken out: the people line kept whole
    # counted as money that pays staff. Priced at the base's 62,000: 11.6 FTE, 719,200.
    # (`budget-funds-targets` cannot be checked without the cost, a new error that
    # `no_new_errors` blocks too, unless switched off: the limit judges it on its own.)
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    uncosted = _edit(
        _line_kept(_fast_food_cut()),
        ("  loaded_cost_per_fte: 62000   # salary + benefits + overheads\n", ""),
    )
    repo.write("plans/acme.yaml", uncosted)
    repo.commit("the team cut, its cost per FTE no longer stated, the people line kept")
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    tripped = [g for g in found if g["guardrail"] == "max_budget_decrease"]
    assert len(tripped) == 1, found
    assert "from 20.7 FTE to 11.6 (-43.96%;" in tripped[0]["message"], tripped[0]["message"]
    assert "the loaded cost per FTE is not stated now" in tripped[0]["message"]


def test_a_dearer_fte_with_the_team_kept_passes(repo: Repo, cli: Cli) -> None:
    # The control: each FTE dearer (62,000 to 68,200, +10%) and the people line raised to
    # pay the same 20.7 FTE (20.7 × 68,200 = 1,411,740): the staff it pays for hold.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD}, "a fast-food plan")
    dearer = _edit(
        FAST_FOOD,
        ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 68200"),
        ("total: 1415880", "total: 1544220"),
        ("people: 1283400", "people: 1411740"),
    )
    repo.write("plans/acme.yaml", dearer)
    repo.commit("pay rise")
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g for g in found if g["guardrail"] == "max_budget_decrease"] == [], found


AUTOMATED = (EXAMPLES / "automated-aligned.yaml").read_text(encoding="utf-8")


def _half_to_self_service(*more: tuple[str, str]) -> str:
    """The automated plan with half its e-mails (1,250 a month of 2,500) answered by the help
    centre (containment 80% → 90%), the team halved (4.1 → 2.1 FTE) and its money on the help
    centre (people 254,200 → 130,200, tooling 16,400 → 140,400): test_attack46's control."""
    return _edit(
        AUTOMATED,
        ("containment: 80%", "containment: 90%"),
        ("contacts: 2500", "contacts: 1250"),
        ("agents: 4.1\n", "agents: 2.1\n"),
        ("agents: 4.1 ", "agents: 2.1 "),
        ("people: 254200", "people: 130200"),
        ("tooling: 16400", "tooling: 140400"),
        *more,
    )


def test_an_automated_plan_moving_work_to_self_service_and_tightening_a_target_passes(
    repo: Repo, cli: Cli
) -> None:
    # Review fix50g: the work halved, the people money with it (48.8% beside 50%), passes a
    # 10% limit under `automated` while every target holds. Tightening the e-mails' first
    # response from 1 business day (10 open hours) to 8 business hours, which the 2.1 FTE
    # keep (the check has no finding), read as a target not held, since it was compared as
    # written, and the limit blocked.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    tight = ("first_response: 1 business day", "first_response: 8 business hours")
    repo.write("plans/acme.yaml", _half_to_self_service(tight))
    repo.commit("the help centre answers more, the team is smaller, e-mails answered sooner")
    assert cli("check", "plans/", "--policy-ref", "main").code == 0
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g for g in found if g["guardrail"] == "max_budget_decrease"] == [], found


def test_an_automated_plan_whose_business_day_grows_under_a_target_as_written_trips(
    repo: Repo, cli: Cli
) -> None:
    # The reverse: the same move with the target left as written, "1 business day", while
    # the e-mail desk's hours grow from 08:00-18:00 to 06:00-22:00: a business day is 16
    # open hours, not 10 (+60%), and the staff are sized by it. The target as written was
    # equal, so the exemption held; the promise is looser, and the limit judges the money.
    on_main(repo, {"plans/acme.yaml": AUTOMATED}, "an automated plan")
    longer = ("hours: Mon-Fri 08:00-18:00", "hours: Mon-Fri 06:00-22:00")
    repo.write("plans/acme.yaml", _half_to_self_service(longer))
    repo.commit("the help centre answers more, the team is smaller, the desk open longer")
    tripped = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    assert [g["guardrail"] for g in tripped] == ["max_budget_decrease"], tripped
    assert tripped[0]["message"].startswith(
        "the people line falls from 254,200 USD to 130,200 USD a year (-48.78%)"
    ), tripped[0]["message"]


WEST = FAST_FOOD.replace("id: phone\n", "id: phone-west\n", 1)
LOOSENED = (
    (
        'service_level: "80% in 60s", abandonment_max: 8%',
        'service_level: "50% in 300s", abandonment_max: 40%',
    ),
    ("first_response: 1 business day", "first_response: 3 business days"),
)


def _cut_and_moved_west(west: str, *more: tuple[str, str]) -> dict[str, str]:
    """The fast-food plan's targets loosened and its team cut from 20.7 FTE to 11.6, its
    people line and total down by 564,200 (9.1 × 62,000), and the west plan ``west`` given
    the 564,200 on its people line and total, with ``more`` edits."""
    cut = _edit(
        FAST_FOOD,
        *LOOSENED,
        ("agents: 16.2", "agents: 7.7"),
        ("agents: 4.5", "agents: 3.9"),
        ("agents: 20.7 ", "agents: 11.6 "),
        ("total: 1415880", "total: 851680"),
        ("people: 1283400", "people: 719200"),
    )
    grown = _edit(
        west, ("total: 1415880", "total: 1980080"), ("people: 1283400", "people: 1847600"), *more
    )
    return {"plans/acme.yaml": cut, "plans/acme-west.yaml": grown}


def _decrease(cli: Cli) -> list[dict[str, str]]:
    found = _guardrails(cli, "plans/acme.yaml", *LIMIT)
    return [g for g in found if g["guardrail"] == "max_budget_decrease"]


def test_a_sibling_people_line_raised_with_staff_on_no_channel_keeps_no_team(
    repo: Repo, cli: Cli
) -> None:
    # Review fix50g: the 9.1 FTE cut from one plan (564,200 a year at 62,000) put on the
    # west plan's people line, with its `staffing.agents` raised 20.7 → 29.8 and no channel
    # given them (`agents-on-channels`: they answer no contact). Counted as staff the line
    # pays for, the organisation's people money held (1,283,400 + 1,283,400 = 719,200 +
    # 1,847,600) and the cut passed a 10% limit. The west's staff on channels are 16.2 +
    # 4.5 = 20.7, as at main: the organisation's fell by 9.1 of 41.4 FTE (22%).
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": WEST}, "two plans")
    for name, text in _cut_and_moved_west(WEST, ("agents: 20.7 ", "agents: 29.8 ")).items():
        repo.write(name, text)
    repo.commit("the team cut, its money on the west's people line, 9.1 FTE on no channel")
    assert len(_decrease(cli)) == 1


def test_a_sibling_people_line_raised_where_no_cost_per_fte_is_stated_keeps_no_team(
    repo: Repo, cli: Cli
) -> None:
    # The west plan states no loaded cost per FTE: its people line counted whole as money
    # that pays staff, so 564,200 more on it, its 20.7 FTE unchanged, stood in for the 9.1
    # FTE cut. Its staff priced at the cut plan's 62,000: 20.7 × 62,000 = 1,283,400, as at
    # main.
    uncosted = _edit(WEST, ("  loaded_cost_per_fte: 62000   # salary + benefits + overheads\n", ""))
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": uncosted}, "two plans")
    for name, text in _cut_and_moved_west(uncosted).items():
        repo.write(name, text)
    repo.commit("the team cut, its money on the west's people line")
    assert len(_decrease(cli)) == 1


def test_a_sibling_people_line_raised_with_a_dearer_fte_keeps_no_team(repo: Repo, cli: Cli) -> None:
    # The west plan's loaded cost per FTE raised to 89,256 (20.7 × 89,256 = 1,847,599.2) so
    # its staff cost covers the 564,200 more on its people line: the same 20.7 FTE.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": WEST}, "two plans")
    dearer = ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: 89256")
    for name, text in _cut_and_moved_west(WEST, dearer).items():
        repo.write(name, text)
    repo.commit("the team cut, its money on the west's people line, each FTE dearer there")
    assert len(_decrease(cli)) == 1


def test_a_team_moved_to_a_sibling_channel_passes(repo: Repo, cli: Cli) -> None:
    # The control: the 9.1 FTE put on the west's phone line (16.2 → 25.3) with the money.
    on_main(repo, {"plans/acme.yaml": FAST_FOOD, "plans/acme-west.yaml": WEST}, "two plans")
    staffed = (("agents: 16.2", "agents: 25.3"), ("agents: 20.7 ", "agents: 29.8 "))
    for name, text in _cut_and_moved_west(WEST, *staffed).items():
        repo.write(name, text)
    repo.commit("the phone team moved west")
    assert _decrease(cli) == []


def _policy_finding(invoke: Invoke, cwd: Path, *args: str) -> tuple[str, str]:
    """The policy-changed message and fix of plans/acme.yaml's check, run from ``cwd``."""
    result = invoke("check", *args, "--policy-ref", "main", "-f", "json", cwd=cwd)
    assert result.code in (0, 1), result.err
    found = json.loads(result.out)["plans"][0]["findings"]
    hit = next(f for f in found if f["rule"] == "policy-changed")
    return hit["message"], hit["fix"]


def test_a_strategy_file_given_for_the_run_is_named_alike_from_every_folder(
    repo: Repo, invoke: Invoke
) -> None:
    # Review fix50g: `--strategy strategies/ours.yaml` (named from the working folder, as
    # the engine reads it) was read from the plan's folder in the policy notes, which named
    # "plans/strategies/ours.yaml"; the id held the words as typed, so the same run from
    # plans/ (../strategies/ours.yaml), or with the file's absolute path (where the
    # checkout lies), gave another id, and an approval read in one approved nothing in the
    # other. The phone's 9,000 calls a month cut to 4,000: people's contacts fall by 43.5%.
    ours = "id: ours\nname: Ours\nextends: delight\nrules: []\n"
    on_main(repo, {"strategies/ours.yaml": ours}, "our strategy")
    repo.write("plans/acme.yaml", _edit(ALIGNED, ("contacts: 9000", "contacts: 4000")))
    repo.commit("fewer calls")
    absolute = str(repo.root / "strategies" / "ours.yaml")
    runs = [
        (repo.root, "plans/", "--strategy", "strategies/ours.yaml"),
        (repo.root, "plans/", "--strategy", absolute),
        (repo.root / "plans", ".", "--strategy", "../strategies/ours.yaml"),
        (repo.root / "plans", ".", "--strategy", absolute),
    ]
    found = {_policy_finding(invoke, cwd, *args) for cwd, *args in runs}
    assert len(found) == 1, found
    (message, _), *_ = found
    assert "to a target under strategies/ours.yaml in Example Delight Co's plans" in message


def _policy_changed(cli: Cli, *paths: str) -> list[tuple[str, str]]:
    result = cli("check", *paths, "--policy-ref", "main", "-f", "json")
    assert result.code in (0, 1), result.err
    plans = json.loads(result.out)["plans"]
    return [
        (p["path"], f["message"])
        for p in plans
        for f in p["findings"]
        if f["rule"] == "policy-changed"
    ]


def test_check_of_the_top_folder_gates_its_top_folders_together(repo: Repo, cli: Cli) -> None:
    # Review fix50g: the e-mail team moved from plans/acme.yaml to a plan of its own in
    # regions/. `check plans/ regions/` gates both folders as one scope and reads a move;
    # `check .`, which checks every plan in both, gated each top folder apart: "email is
    # gone" from plans/ (people's contacts -21.7%) and "an organisation no plan in regions/
    # names", two policy-changed errors.
    i, j = ALIGNED.index("  - id: email\n"), ALIGNED.index("  - id: help-centre\n")
    email = ALIGNED[i:j]
    head, tail = (
        ALIGNED[: ALIGNED.index("  - id: phone\n")],
        ALIGNED[ALIGNED.index("\nstaffing:") :],
    )
    repo.write("plans/acme.yaml", ALIGNED[:i] + ALIGNED[j:])
    repo.write("regions/acme-email.yaml", head + email + tail)
    repo.commit("the e-mail team in a plan of its own, in regions/")
    assert _policy_changed(cli, "plans/", "regions/") == []
    assert _policy_changed(cli, ".") == []
    assert _policy_changed(cli, "**/*.yaml") == []


def test_check_of_the_top_files_alone_gates_no_folder_with_them(repo: Repo, cli: Cli) -> None:
    # The control: `check plans/` gates plans/ alone, so the same move is work gone from
    # it and a plan new in a folder it does not gate.
    i, j = ALIGNED.index("  - id: email\n"), ALIGNED.index("  - id: help-centre\n")
    repo.write("plans/acme.yaml", ALIGNED[:i] + ALIGNED[j:])
    repo.write("regions/acme-email.yaml", ALIGNED)
    repo.commit("the e-mail team in a plan of its own, in regions/")
    assert [path for path, _ in _policy_changed(cli, "plans/")] == ["plans/acme.yaml"]
