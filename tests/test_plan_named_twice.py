"""A plan named twice (by the same path, a symbolic link, or in a folder named too) is
checked and reported once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import GOOD, Invoke


def test_a_plan_named_twice_is_checked_once(invoke: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    os.link(plan, tmp_path / "hard.yaml")  # a file of its own, as git keeps it
    (tmp_path / "soft.yaml").symlink_to(plan)
    args = [
        str(plan),
        str(plan),
        str(tmp_path / "hard.yaml"),
        str(tmp_path / "soft.yaml"),
        str(tmp_path),
    ]
    result = invoke("check", *args, "-f", "json")
    assert result.code == 0, result.err
    paths = [p["path"] for p in json.loads(result.out)["plans"]]
    assert paths == [str(plan), str(tmp_path / "hard.yaml")]
