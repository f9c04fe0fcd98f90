"""A plan that cuts a team to nobody is a finding (exit 1), never a tool fault (review user17
U15: intraday intervals with `agents: 0` divided by the staff on shift, exit 2 "internal
error" in every command). The gate exists to catch exactly that cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke
from tests.test_intraday import plan as intraday_plan

PLANS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
PLANS["intraday"] = intraday_plan()


def nobody(text: str) -> str:
    """The plan with every `agents:` figure (each channel's and the total) set to 0."""
    return re.sub(r"(\bagents:\s*)[0-9.]+", r"\g<1>0", text)


@pytest.mark.parametrize("name", sorted(PLANS))
@pytest.mark.parametrize("command", ["check", "whatif", "promise"])
def test_nobody_on_shift_is_judged_not_a_crash(
    invoke: Invoke, tmp_path: Path, name: str, command: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(nobody(PLANS[name]), encoding="utf-8")
    result = invoke(command, str(path))
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert result.code in (0, 1), result.err
