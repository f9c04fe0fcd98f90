"""Under a strategy of people, the contacts a change moves between lines are compared with
themselves: what left (lines gone or answering fewer) against what arrived (lines new or
answering more). Lines as they were on both sides weigh nothing, so a large region, or a
large second line in the plan, no longer dilutes a line moved at 30 s a call into an
average within half (review attack42 B06)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, on_main, policy_notes

Cli = Callable[..., Result]
PHONE = ALIGNED[ALIGNED.index("  - id: phone\n") : ALIGNED.index("  - id: email\n")]
BIG = (
    PHONE.replace("id: phone", "id: phone-big")
    .replace("contacts: 9000", "contacts: 40000")
    .replace("agents: 16.2", "agents: 46.2")
)
"""A second live line of 40,000 calls a month at 6m: 40,000 × 12 ÷ 52.18 = 9,199 a week."""


def _region(repo: Repo) -> None:
    """Main has a second region, plans/acme-big.yaml, whose phone line takes 40,000 calls
    a month at 6m (the plan's e-mail line renamed so no id is shared)."""
    big = ALIGNED.replace(PHONE, BIG, 1).replace("id: email", "id: email-big", 1)
    on_main(repo, {"plans/acme-big.yaml": big.replace("agents: 20.7", "agents: 50.7")})


def _moved_out(repo: Repo, handle_time: str) -> None:
    """plans/acme.yaml's phone line moved into a new plan of the organisation at
    ``handle_time`` a call."""
    repo.write(
        "plans/acme.yaml", ALIGNED.replace(PHONE, "", 1).replace("agents: 20.7", "agents: 4.5")
    )
    mail = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index("  - id: help-centre\n")]
    phone = ALIGNED.replace(mail, "", 1).replace("handle_time: 6m", f"handle_time: {handle_time}")
    repo.write("plans/acme-phone.yaml", phone.replace("agents: 20.7", "agents: 16.2"))
    repo.commit(f"the phone line in a plan of its own, at {handle_time} a call")


def test_a_line_moved_at_30s_beside_a_large_region_is_a_cut(repo: Repo, cli: Cli) -> None:
    # Review attack42 B06: over every live line of the organisation the region's 9,199
    # calls a week at 6m (919.9 hours) kept the average within half: (207.0 + 919.9) hours
    # for 11,269 calls at main, (17.2 + 919.9) now: -16.8%. The calls that moved: 2,070 a
    # week (9,000 × 12 ÷ 52.18), 207.0 hours at 6m where they left, 17.2 at 30 s where they
    # arrived: 30/360 of the time, 91.7% less.
    _region(repo)
    _moved_out(repo, "30s")
    assert (
        "people give each live contact 30s on average in Example Delight Co's plans in plans/ "
        "in 2027 now, 6m at main (-91.7%) under delight: 17.2 hours a week for the 2,070 "
        "contacts on lines new or grown, 207.0 for the 2,070 on lines gone or shrunk"
    ) in policy_notes(cli)


def test_a_line_renamed_at_30s_beside_a_large_line_is_a_cut(repo: Repo, cli: Cli) -> None:
    # The same inside one plan: a second live line of 9,199 calls a week at 6m beside the
    # phone renamed to `calls` at 30 s kept the plan's average at -16.8%; the renamed line
    # alone: 2,070 calls, 207.0 hours → 17.2, 91.7% less.
    on_main(repo, {"plans/acme.yaml": ALIGNED.replace(PHONE, PHONE + BIG, 1)})
    renamed = PHONE.replace("id: phone", "id: calls").replace("handle_time: 6m", "handle_time: 30s")
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, renamed + BIG, 1))
    repo.commit("the phone renamed, at 30s a call")
    assert policy_notes(cli).startswith(
        "the policy differs from main: people give each live contact 30s on average now, 6m at "
        "main (-91.7%) under delight: 17.2 hours a week for the 2,070 contacts on lines new or "
        "grown, 207.0 for the 2,070 on lines gone or shrunk"
    )


@pytest.mark.parametrize(
    "change",
    [
        "moved at 5m",  # a sixth shorter where it arrived: within half (attack37 F2)
        "renamed",
        "forecast lower",  # phone 9,000 → 8,550 a month (-5%)
        "reshuffled",  # phone -5%, the 2m line +450 calls: 104 calls a week, under a tenth
    ],
)
def test_honest_changes_beside_a_large_line_are_no_cut(repo: Repo, cli: Cli, change: str) -> None:
    fast = BIG.replace("handle_time: 6m", "handle_time: 2m")  # 9,199 calls a week at 2m
    if change == "moved at 5m":
        _region(repo)
        _moved_out(repo, "5m")
        assert "people give each" not in policy_notes(cli)
        return
    on_main(repo, {"plans/acme.yaml": ALIGNED.replace(PHONE, PHONE + fast, 1)})
    now = {
        "renamed": PHONE.replace("id: phone", "id: calls") + fast,
        "forecast lower": PHONE.replace("contacts: 9000", "contacts: 8550") + fast,
        "reshuffled": PHONE.replace("contacts: 9000", "contacts: 8550")
        + fast.replace("contacts: 40000", "contacts: 40450"),
    }[change]
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, now, 1))
    repo.commit(change)
    assert "people give each" not in policy_notes(cli)
