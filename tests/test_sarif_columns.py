"""SARIF says how its columns count: characters as the file's text holds them (code points),
where SARIF's default is UTF-16 code units, which differ past U+FFFF (user60, left)."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, Invoke


def test_sarif_columns_are_code_points_and_say_so(invoke: Invoke) -> None:
    plan = EXAMPLES / "delight-fedex-misaligned.yaml"
    run = json.loads(invoke("check", str(plan), "-f", "sarif").out)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    lines = plan.read_text(encoding="utf-8").splitlines()
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        # The column is a character's place in its line, counted from 1, as the text holds it.
        assert 1 <= region["startColumn"] <= len(lines[region["startLine"] - 1]) + 1
