"""Under a strategy of people, the hours a week people give the contacts they answer
(contacts times the time each gets) may fall by a quarter in one change, whichever levers
move them: each lever's own tolerance, judged as if the others had not moved, let calls
-8.9% and handle times halved less 5 s take half a delight plan's hours with no note
(review attack41 B11)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes

Cli = Callable[..., Result]
PHONE = "    handle_time: 6m\n"
MAIL = "    handle_time: 8m\n"


def _plan(calls: int = 9000, phone: str = "6m", mail: str = "8m") -> str:
    """The delight plan with the phone's calls a month and both lines' handle times."""
    text = ALIGNED.replace("contacts: 9000,", f"contacts: {calls},", 1)
    assert PHONE in text and MAIL in text
    text = text.replace(PHONE, f"    handle_time: {phone}\n", 1)
    return text.replace(MAIL, f"    handle_time: {mail}\n", 1)


def test_every_lever_just_under_its_tolerance_is_a_cut_of_peoples_hours(
    repo: Repo, cli: Cli
) -> None:
    # Review attack41 B11: calls 9,000 → 8,200 a month (-8.9%, under the contacts' tenth),
    # handle times 6m → 3m5s and 8m → 4m5s (each less than half off). A week at main:
    # 9,000 × 12 ÷ 52.18 = 2,070 calls × 6 min = 207.0 h, 2,500 × 12 ÷ 52.18 = 575 e-mails
    # × 8 min = 76.7 h: 283.6 h for 2,645 contacts. Now: 1,886 calls × 185 s = 96.9 h, 575
    # × 245 s = 39.1 h: 136.0 h for 2,461 (-7%); 283.6 → 136.0 is -52%, over a quarter.
    repo.write("plans/acme.yaml", _plan(8200, "3m5s", "4m5s"))
    repo.commit("fewer calls, shorter calls, shorter e-mails")
    assert policy_notes(cli) == (
        "the policy differs from main: people give the contacts they answer to a target under "
        "delight 136.0 hours a week in Example Delight Co's plans in plans/ in 2027 now, 283.6 "
        "at main (-52%): contacts a week 2,645 → 2,461 (-7%), time per contact 6m27s → 3m20s "
        "(-48.5%); judged by main's policy"
    )
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert result.code == 1 and "136.0 hours a week" in result.out, result.out


@pytest.mark.parametrize(
    ("calls", "phone", "cut"),
    [
        (9000, "5m", False),  # a handle time a sixth shorter (attack37 F2): -12.2% of hours
        (8550, "6m", False),  # a forecast 5% lower: -3.6%
        (8280, "5m", False),  # both: 1,904 × 5 min + 76.7 = 235.3 h, -17%
        (9000, "3m50s", True),  # 2,070 × 230 s + 76.7 = 208.9 h, -26.3%: over a quarter
    ],
)
def test_peoples_hours_may_fall_by_a_quarter(
    repo: Repo, cli: Cli, calls: int, phone: str, cut: bool
) -> None:
    repo.write("plans/acme.yaml", _plan(calls, phone))
    repo.commit(f"{calls} calls of {phone}")
    result = cli("check", "plans/acme.yaml", "--policy-ref", "main", "-f", "json")
    found = [f for f in json.loads(result.out)["plans"][0]["findings"]]
    hours = [f for f in found if "people give the contacts" in f["message"]]
    assert bool(hours) is cut, hours
    policy = [f for f in found if f["rule"] == "policy-changed"]
    assert bool(policy) is cut, policy
