"""Two channels of one id (review user45): `unique-channel-ids` reported them, but the
figures sized both lines as one (JSON showed the email line's 4.5 planned FTE for the phone
line too, its 16.2 FTE as working no channel). Every figure, finding and waiver names a
channel by id, so such a plan is unusable input: exit 2 at the second id, in every command,
and a plan with the ids told apart has each line's own figures."""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOOD, Invoke

DOUBLED = GOOD.replace("  - id: email\n", "  - id: phone\n", 1)
RENAMED = GOOD.replace("  - id: email\n", "  - id: phone-email\n", 1)


def _line_of_second_id() -> tuple[int, int]:
    lines = DOUBLED.splitlines()
    found = [n for n, text in enumerate(lines, 1) if text == "  - id: phone"]
    assert len(found) == 2
    return found[1], lines[found[1] - 1].index("phone") + 1


def test_a_repeated_channel_id_is_unusable_input_with_no_figures(invoke: Invoke, plan_file) -> None:
    assert DOUBLED != GOOD
    result = invoke("check", str(plan_file(DOUBLED)), "-f", "json")
    assert result.code == 2, result.out
    data = json.loads(result.out)
    assert data["plans"] == []  # no figure of either line, rather than one line's for both
    line, column = _line_of_second_id()
    [error] = data["errors"]
    assert (error["line"], error["column"]) == (line, column)
    assert error["message"] == (
        "channels[phone].id: channel id 'phone' is used twice (channels 1 and 2): every "
        "figure, finding and waiver names a channel by its id"
    )
    assert error["fix"] == "give each channel its own id, e.g. phone-email"


@pytest.mark.parametrize("command", ["check", "promise", "whatif", "fix", "diff"])
def test_every_command_refuses_it_at_the_second_id(invoke: Invoke, plan_file, command: str) -> None:
    path = str(plan_file(DOUBLED))
    base = str(plan_file(GOOD, "base.yaml"))
    args = ("diff", base, path) if command == "diff" else (command, path)
    result = invoke(*args)
    line, column = _line_of_second_id()
    assert result.code == 2 and "Traceback" not in result.err
    assert f"plan.yaml:{line}:{column}: channels[phone].id: channel id 'phone' is used twice" in (
        result.err
    ), result.err


def test_two_lines_told_apart_each_have_their_own_figures(invoke: Invoke, plan_file) -> None:
    result = invoke("check", str(plan_file(RENAMED)), "-f", "json")
    assert result.code == 0, result.err
    [plan] = json.loads(result.out)["plans"]
    by_id = {c["id"]: c for c in plan["metrics"]["channels"]}
    assert by_id["phone"]["kind"] == "voice" and by_id["phone"]["planned_fte"] == 16.2
    assert by_id["phone-email"]["kind"] == "email" and by_id["phone-email"]["planned_fte"] == 4.5
    assert by_id["phone"]["needed_fte"] == 13.8 and by_id["phone-email"]["needed_fte"] == 3.5
    assert plan["metrics"]["planned_fte"] == 20.7
