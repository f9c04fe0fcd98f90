"""Gate levers closed by review fix54g: each kind's contacts people answer handed to bots."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.security.conftest import ALIGNED, on_main, policy_notes
from tests.security.test_fix51g_gate import Cli
from tests.security.test_fix53g_gate import _on_main_at
from tests.security.test_money_moves import _edit

HELP = "  - id: help-centre\n"


def _to_bots(people: int, bots: int) -> str:
    """The delight plan with ``people`` of its 2,500 e-mails a month left to people and
    ``bots`` to a bot line that promises nothing (people-answer judges no line of bots
    without a target)."""
    line = (
        f"  - {{id: email-bot, kind: email, staffed_by: bots, hours: 24x7, "
        f"volume: {bots}/month, handle_time: 1m}}\n"
    )
    return _edit(ALIGNED, ("contacts: 2500", f"contacts: {people}"), (HELP, line + HELP))


# Review fix54g item 6 (attack notes: "44% of an email line, 9.6% of the plan, passes"): the
# people-work lever holds a tenth of the PLAN's contacts people answer. A week is a month's
# × 12 / 52.1786: phone 9,000 → 2,069.8, e-mail 2,500 → 574.9: 2,644.8 a week, a tenth
# 264.5. 1,100 e-mails a month to a bot are 253.0 a week: 9.6% of the plan, 44% of e-mail;
# the delight promise ("every email within 4 hours" by a trained person) is the e-mail
# customers', so the share is the kind's: 253 > 57.5 (a tenth of e-mail's 575).
def test_a_kind_s_contacts_handed_to_bots_past_a_tenth_of_that_kind_is_policy(
    repo: Repo, cli: Cli
) -> None:
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _to_bots(1400, 1100))
    repo.commit("44% of e-mail to a bot")
    notes = policy_notes(cli)
    # 1,400 a month: 322.0 a week; 575 → 322 is -44%.
    assert (
        "253 contacts a week people answered on email lines under delight at main are "
        "answered by bots now (email-bot (new) +253): email 575 → 322 (-44%), more than a "
        "tenth of that kind's" in notes
    ), notes


def test_a_line_turned_over_to_bots_in_place_is_said_of_its_kind(repo: Repo, cli: Cli) -> None:
    # The e-mail line kept under its id, `staffed_by: bots`, its target and agents dropped
    # (the staff's 4.5 FTE kept on the phone's): all 575.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    bots = _edit(
        ALIGNED,
        ("    kind: email\n", "    kind: email\n    staffed_by: bots\n"),
        ("    target: {first_response: 4 business hours}\n    agents: 4.5\n", ""),
    )
    repo.write("plans/acme.yaml", bots)
    repo.commit("e-mail to bots")
    notes = policy_notes(cli)
    assert (
        "575 contacts a week people answered on email lines under delight at main are "
        "answered by bots now (email +575): email 575 → 0 (-100%)" in notes
    ), notes


def test_a_tenth_of_a_kind_to_bots_reads_nothing(repo: Repo, cli: Cli) -> None:
    # The control: 225 of 2,500 (9%: 51.7 a week, under 57.5) in one change.
    on_main(repo, {"plans/acme.yaml": ALIGNED + "# main\n"})
    repo.write("plans/acme.yaml", _to_bots(2275, 225))
    repo.commit("9% of e-mail to a bot")
    assert policy_notes(cli) == ""


def test_a_kind_handed_to_bots_a_step_under_a_tenth_adds_up_over_the_window(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100 days ago 2,500 e-mails; 40 days ago main sent 225 (9%) to a bot; the change 225
    # more (9.9% of 2,275): 450 of 2,500, 18%. A week: 450 → 103.5; 2,050 → 471.4.
    _on_main_at(repo, monkeypatch, 100, ALIGNED + "# dated\n")
    _on_main_at(repo, monkeypatch, 40, _to_bots(2275, 225))
    repo.write("plans/acme.yaml", _to_bots(2050, 450))
    repo.commit("225 more e-mails to the bot")
    notes = policy_notes(cli)
    assert "over the 92 days since main on " in notes, notes
    assert "(each kind's contacts people answer: this change alone stays within" in notes, notes
    assert (
        "103 contacts a week people answered on email lines under delight at main on " in notes
    ), notes
    assert "email 575 → 471 (-18%)" in notes, notes
