"""Deleting the line that fails does not pass: a figure or practice a rule judges, left out,
is reported as not checked at the rule's severity.

For every misaligned example, each key on the path of each error (the failing value, then
the block that holds it) is deleted in turn, and the plan must still have an error. Only
keys with a documented meaning when absent may turn the plan aligned: `DEFAULTS`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import cs_align
from cs_align.errors import CsAlignError
from tests.conftest import EXAMPLES

MISALIGNED = sorted(EXAMPLES.glob("*-misaligned.yaml"))
DEFAULTS = {
    # Without lines, the whole budget total is what pays for people (budget-funds-targets
    # then judges the total): a plan that names no lines claims no other spending.
    ("budget", "lines"),
}
_PART = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")


def _keys(data: Any, printed: str) -> list[tuple[str | int, ...]]:
    """The key paths a finding's printed path (`channels[phone].target.service_level`) goes
    through below its list items: the value itself first, then each block holding it."""
    path: list[str | int] = []
    found: list[tuple[str | int, ...]] = []
    node = data
    for match in _PART.finditer(printed):
        key, item = match.group(1), match.group(2)
        if not isinstance(node, dict) or key not in node:
            break
        path.append(key)
        node = node[key]
        if len(path) > 1 or item is None:
            found.append(tuple(path))
        if item is not None:
            index = next(
                (i for i, e in enumerate(node) if isinstance(e, dict) and e.get("id") == item),
                None,
            )
            if index is None:
                break
            path.append(index)
            node = node[index]
    return [p for p in reversed(found) if p != ("channels",)]


def _errors(path: Path) -> set[str]:
    report = cs_align.check(path)
    return {f.rule for f in report.findings if f.severity.name == "error" and f.counts}


@pytest.mark.parametrize("example", MISALIGNED, ids=lambda p: p.stem)
def test_deleting_what_an_error_is_about_keeps_an_error(example: Path, tmp_path: Path) -> None:
    yaml = YAML()
    data = yaml.load(example.read_text(encoding="utf-8"))
    before = cs_align.check(example)
    errors = [f for f in before.findings if f.severity.name == "error" and f.counts]
    assert errors, f"{example.name} is misaligned but has no error"
    for finding in errors:
        for keys in _keys(data, finding.path):
            if keys in DEFAULTS:
                continue
            doc = yaml.load(example.read_text(encoding="utf-8"))
            node = doc
            for key in keys[:-1]:
                node = node[key]
            del node[keys[-1]]
            out = io.StringIO()
            yaml.dump(doc, out)
            plan = tmp_path / example.name
            plan.write_text(out.getvalue(), encoding="utf-8")
            try:
                left = _errors(plan)
            except CsAlignError:
                continue  # unusable without it: exit 2, never a pass
            where = ".".join(map(str, keys))
            assert left, f"{example.name}: deleting {where} ({finding.rule}) passes"


def test_the_deletions_reach_the_failing_values() -> None:
    yaml = YAML()
    data = yaml.load((EXAMPLES / "because-we-can-misaligned.yaml").read_text(encoding="utf-8"))
    assert _keys(data, "staffing.rewarded_on[1]") == [("staffing", "rewarded_on"), ("staffing",)]
    assert _keys(data, "channels[phone].target.service_level") == [
        ("channels", 0, "target", "service_level"),
        ("channels", 0, "target"),
    ]
