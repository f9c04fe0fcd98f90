"""The report tells the people line as `promise` does (calc59).

Where the people line pays for every FTE planned, but as the plan shares them they miss a
target, `fix --keep-budget` shares them anew and `promise` says so: "pays for the 15.5 FTE
planned, but as the plan shares them they miss a target". The report's sentence knew only
the other case, a line paying for fewer FTE than planned, and read "pays for 15.5 of the
15.5 FTE planned; on them", as if short; on a 13-month yen plan whose line paid for 37.5 FTE
against 37.4 planned it read "pays for 37.5 of the 37.4 FTE planned".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.test_promises import PHONE_SHORT

SHARED = "pays for the 15.5 FTE planned, but as the plan shares them they miss a target; shared as "


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_people_line_paying_for_the_staff_planned_reads_as_promise_tells_it(
    tmp_path: Path, invoke: Invoke, plan_file, fmt: str
) -> None:
    # 15.5 FTE × 62,000 USD = 961,000 USD: the people line pays for the 15.5 planned exactly.
    path = str(plan_file(PHONE_SHORT))
    told = invoke("promise", path).out.splitlines()[-1]
    assert told.startswith("people line: 961,000 USD " + SHARED), told
    out = tmp_path / f"r.{fmt}"
    invoke("report", path, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "The people line, 961,000 USD, " + SHARED in text
    assert "pays for 15.5 of the 15.5 FTE planned" not in text
    # Each channel's staff and what they keep, as promise lists them.
    bold = ("**", "**") if fmt == "md" else ("<strong>", "</strong>")
    for part in told.split("writes it: ", 1)[1].split("; "):
        cid, rest = part.split(" ", 1)
        assert f"{bold[0]}{cid}{bold[1]}: {rest.replace(' keeps ', ' keep ')}" in text


def test_a_people_line_paying_for_fewer_still_says_how_many(
    tmp_path: Path, invoke: Invoke, plan_file
) -> None:
    # Control: 930,000 USD pays for 15 of the 15.5 FTE (15 × 62,000), as before.
    short = PHONE_SHORT.replace("people: 961000", "people: 930000").replace(
        "total: 1093480", "total: 1062480"
    )
    out = tmp_path / "r.md"
    invoke("report", str(plan_file(short)), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "The people line, 930,000 USD, pays for 15 of the 15.5 FTE planned; on them" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_people_line_paying_for_more_than_planned_says_how_many(
    tmp_path: Path, invoke: Invoke, plan_file, fmt: str
) -> None:
    # 1,000,000 USD ÷ 62,000 USD an FTE = 16.13 FTE, 16.1 in tenths, beside 15.5 planned:
    # `fix --keep-budget` writes staffing.agents 16.1, and promise said "pays for the 15.5
    # FTE planned" (calc59: on a yen plan, 300,000,000 JPY "paid for the 37.44 FTE planned"
    # beside the 46.1 fix wrote).
    more = PHONE_SHORT.replace("people: 961000", "people: 1000000").replace(
        "total: 1093480", "total: 1132480"
    )
    path = str(plan_file(more))
    # Named as those that miss a target, the 15.5 planned: "16.1 FTE, more than the 15.5
    # planned, but as the plan shares them they miss a target" read as if the 16.1 did.
    said = "pays for 16.1 FTE, more than the 15.5 planned, and the 15.5 as the plan shares them"
    told = invoke("promise", path).out.splitlines()[-1]
    assert told.startswith(f"people line: 1,000,000 USD {said} miss a target;"), told
    fixed = {c["path"]: c["after"] for c in _changes(invoke, path)}
    assert fixed["staffing.agents"] == "16.1"
    out = tmp_path / f"r.{fmt}"
    invoke("report", path, "-o", str(out))
    assert f"The people line, 1,000,000 USD, {said}" in out.read_text(encoding="utf-8")


def _changes(invoke: Invoke, path: str) -> list[dict[str, str]]:
    import json

    changes: list[dict[str, str]] = json.loads(
        invoke("fix", path, "--keep-budget", "-f", "json").out
    )["changes"]
    return changes
