"""A strategy entry's `severity:` left empty is refused at its place: it read as the rule's
own severity, unsaid, where an author who cleared it may have meant off (review user60)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

PLAN = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("rules", "where"),
    [
        ("  - {rule: reps-can-fix, severity: }\n", "ours.yaml:5:36: rules[0].severity"),
        ("  reps-can-fix: {severity: }\n", "ours.yaml:5:28: rules.reps-can-fix.severity"),
    ],
)
def test_an_empty_severity_is_refused_where_it_is_written(
    invoke: Invoke, tmp_path: Path, rules: str, where: str
) -> None:
    (tmp_path / "ours.yaml").write_text(
        f"id: ours\nname: Ours\nextends: delight\nrules:\n{rules}", encoding="utf-8"
    )
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8"
    )
    ran = invoke("check", "plan.yaml", cwd=tmp_path)
    assert ran.code == 2
    assert ran.err.startswith(
        f"{where}: severity is empty — write error, warning, info or disable — or drop the key for "
        "the rule's own"
    )


def test_a_rule_left_empty_in_the_short_form_is_switched_on_as_it_stands(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "ours.yaml").write_text(
        "id: ours\nname: Ours\nextends: delight\nrules:\n  reps-can-fix:\n", encoding="utf-8"
    )
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8"
    )
    assert invoke("check", "plan.yaml", cwd=tmp_path).code == 0
