"""Under a strategy of people, the time people give each contact is policy: a line whose
handle time (shared by the conversations held at once) falls by more than half in one
change is `policy-changed` (review attack38 B3). Contacts counted alone let a delight phone
line keep its 9,000 calls a month at 30 seconds each, on 3 FTE instead of 16.2."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import yaml

from tests.conftest import Repo, Result
from tests.security.conftest import ALIGNED, policy_notes

Cli = Callable[..., Result]
PHONE = "    handle_time: 6m\n"
MAIL = ALIGNED[ALIGNED.index("  - id: email\n") : ALIGNED.index("  - id: help-centre\n")]


def test_a_phone_line_cut_to_half_a_minute_a_call_is_policy(repo: Repo, cli: Cli) -> None:
    # 6m = 360 s a call → 30 s: 30/360 = 1/12 of the time, 11/12 = 91.7% less; the staff
    # fall with it (16.2 → 3.0 FTE), and every rule holds at the new handle time.
    cut = ALIGNED.replace(PHONE, "    handle_time: 30s\n", 1).replace("agents: 16.2", "agents: 3")
    repo.write("plans/acme.yaml", cut.replace("agents: 20.7", "agents: 7.5"))
    repo.commit("the phone line at half a minute a call")
    assert policy_notes(cli).startswith(
        "the policy differs from main: people give each contact of phone 30s now, 6m at main "
        "(-91.7%) under delight: handle time 6m → 30s"
    )


def test_calls_moved_to_a_one_minute_chat_three_at_once_are_policy(repo: Repo, cli: Cli) -> None:
    # The phone's 9,000 contacts a month arrive on a new chat line: 60 s shared by 3
    # conversations = 20 s a contact, against 360 s: 17/18 = 94.4% less.
    chat = ALIGNED.replace(
        "  - id: phone\n    kind: voice\n", "  - id: chat\n    kind: chat\n    concurrency: 3\n", 1
    ).replace(PHONE, "    handle_time: 1m\n", 1)
    repo.write("plans/acme.yaml", chat.replace("    patience: 2m ", "    # patience: 2m ", 1))
    repo.commit("the phone number gone, a chat instead")
    # Hours a week: 2,070 calls × 6 min = 207.0 at main; 2,070 chats × 20 s = 11.5 now.
    assert (
        "people give each live contact 20s on average now, 6m at main (-94.4%) under "
        "delight: 11.5 hours a week for the 2,070 contacts on lines new or grown, 207.0 for "
        "the 2,070 on lines gone or shrunk"
    ) in policy_notes(cli)


def test_a_renamed_line_keeps_its_time_per_contact(repo: Repo, cli: Cli) -> None:
    # Renamed and cut to 2m: 120/360 = 1/3 of the time, 66.7% less.
    renamed = ALIGNED.replace("  - id: phone\n", "  - id: calls\n", 1)
    repo.write("plans/acme.yaml", renamed.replace(PHONE, "    handle_time: 2m\n", 1))
    repo.commit("the phone line renamed, and shorter calls")
    assert "people give each live contact 2m on average now, 6m at main (-66.7%)" in (
        policy_notes(cli)
    )


def test_a_line_split_in_two_or_kept_as_a_token_is_still_counted(repo: Repo, cli: Cli) -> None:
    # Review attack40 A01: the phone's calls on two new lines at 30 s each (1/12 of 6m,
    # 91.7% less), which a line-by-line pairing missed.
    split = (
        ALIGNED.replace("  - id: phone\n", "  - id: phone-a\n", 1)
        .replace(PHONE, "    handle_time: 30s\n", 1)
        .replace("contacts: 9000,", "contacts: 4500,", 1)
    )
    start = split.index("  - id: phone-a")
    line = split[start : split.index("  - id: email")]
    split = split.replace(line, line + line.replace("phone-a", "phone-b"), 1)
    repo.write("plans/acme.yaml", split)
    repo.commit("the phone split in two, at 30s")
    assert "people give each live contact 30s on average now, 6m at main (-91.7%)" in (
        policy_notes(cli)
    )


def test_a_new_line_beside_the_others_is_no_cut(repo: Repo, cli: Cli) -> None:
    # A chat line added beside the phone lowers the average time a live contact gets, with
    # more hours, not fewer: nothing was taken from anyone.
    chat = (
        "  - {id: chat, kind: chat, hours: Mon-Fri 08:00-20:00, volume: 30000/month, "
        "handle_time: 1m, concurrency: 3, target: {service_level: 80% in 60s}, agents: 5}\n"
    )
    repo.write("plans/acme.yaml", ALIGNED.replace("  - id: email\n", chat + "  - id: email\n", 1))
    repo.commit("a chat line")
    assert "people give each" not in policy_notes(cli)


@pytest.mark.parametrize(
    ("handle_time", "blocked"),
    [
        ("5m", False),  # a sixth shorter: an improvement (review attack37 F2)
        ("3m", False),  # exactly half: 180 s of 360 s is not less than half
        ("2m59s", True),  # 179/360: 50.3% less
    ],
)
def test_a_handle_time_may_fall_by_up_to_half(
    repo: Repo, cli: Cli, handle_time: str, blocked: bool
) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace(PHONE, f"    handle_time: {handle_time}\n", 1))
    repo.commit(f"calls of {handle_time}")
    notes = policy_notes(cli)
    assert ("people give each contact of phone" in notes) is blocked, notes


def test_a_strategy_that_is_not_of_people_may_shorten_its_calls(repo: Repo, cli: Cli) -> None:
    # fast-food's own plan: keeping the line moving is its strategy.
    fast = (repo.root / "plans" / "acme.yaml").read_text(encoding="utf-8")
    with_fast = fast.replace("strategy: delight", "strategy: fast-food", 1)
    repo.git("checkout", "-q", "main")
    repo.write("plans/acme.yaml", with_fast)
    repo.commit("fast food")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("plans/acme.yaml", with_fast.replace(PHONE, "    handle_time: 1m\n", 1))
    repo.commit("one-minute calls")
    assert "people give each contact" not in policy_notes(cli)


def _moved_out(repo: Repo, handle_time: str) -> None:
    """The phone line moved out of plans/acme.yaml into a new plan of the organisation,
    plans/acme-phone.yaml, at ``handle_time`` a call."""
    line = ALIGNED[ALIGNED.index("  - id: phone\n") : ALIGNED.index("  - id: email\n")]
    repo.write(
        "plans/acme.yaml", ALIGNED.replace(line, "", 1).replace("agents: 20.7", "agents: 4.5")
    )
    phone = ALIGNED.replace(MAIL, "", 1).replace(PHONE, f"    handle_time: {handle_time}\n", 1)
    repo.write("plans/acme-phone.yaml", phone.replace("agents: 20.7", "agents: 16.2"))
    repo.commit(f"the phone line in a plan of its own, at {handle_time} a call")


def test_a_line_moved_into_another_plan_keeps_its_time_per_contact(repo: Repo, cli: Cli) -> None:
    # Review attack40 A02: the phone's calls moved into a new plan of the organisation at
    # 30 s each; time per contact was compared within a plan, and the organisation still
    # answered every call. Over its plans in 2027: 9,000 × 12 ÷ 52.18 = 2,070 calls a week,
    # × 6 min = 207.0 hours at main; × 30 s = 17.2 hours now: 30/360 of the time, 91.7% less.
    # Its 207 hours at 30 s a call keep the targets on 11.2 FTE, not 13.8 (attack43 C02).
    _moved_out(repo, "30s")
    assert policy_notes(cli) == (
        "the policy differs from main: people give each live contact 30s on average in "
        "Example Delight Co's plans in plans/ in 2027 now, 6m at main (-91.7%) under delight: "
        "17.2 hours a week for the 2,070 contacts on lines new or grown, 207.0 for the 2,070 "
        "on lines gone or shrunk; phone's targets need 18.8% fewer staff for the same work "
        "under delight in plans/acme-phone.yaml: 11.2 FTE for 207.0 hours a week now, 13.8 at "
        "main, sized from moved from this plan's phone; phone.handle_time 6m → 30s; judged by "
        "main's policy"
    )


def test_a_plan_deleted_while_its_calls_get_30s_elsewhere_is_a_cut(repo: Repo, cli: Cli) -> None:
    # The same with the plan deleted, its lines in two new plans written as JSON (so git
    # sees no rename): its diff compares the organisation's plans as ``check`` does.
    _moved_out(repo, "30s")
    for name in ("acme", "acme-phone"):
        text = (repo.root / "plans" / f"{name}.yaml").read_text(encoding="utf-8")
        repo.write(f"plans/{name}-new.yaml", json.dumps(yaml.safe_load(text), default=str))
        repo.git("rm", "-q", f"plans/{name}.yaml")
    repo.commit("the old plan deleted, its lines in two plans of JSON")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    assert (
        "people give each live contact 30s on average in Example Delight Co's plans in plans/ "
        "in 2027 now, 6m at main (-91.7%)"
    ) in result.out, result.out
    assert result.code == 1


def test_a_line_moved_as_it_was_into_another_plan_is_no_cut(repo: Repo, cli: Cli) -> None:
    # 5m: a sixth shorter, as a handle time may fall within a plan (attack37 F2).
    _moved_out(repo, "5m")
    assert "people give each" not in policy_notes(cli)
