"""The gate reads the plans of the work tree once a run, however many of its checks ask."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.security.conftest import ALIGNED, Repo, on_main


@pytest.mark.parametrize(
    "args",
    [
        ("check", "plans/", "--policy-ref", "main", "-f", "json"),
        ("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json"),
    ],
    ids=["check", "diff"],
)
def test_each_plan_of_the_work_tree_is_read_for_its_budget_once_a_run(
    repo: Repo, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # The organisation checks (work moved, ceilings lowered, contacts promised, the change's
    # id) each asked for the plans of the folder now, and each read and parsed every one of
    # them again: in a pull request changing one plan of three, `check --policy-ref` read
    # the two it left alone 16 times each.
    from cs_align import organisations

    west = ALIGNED.replace("Example Delight Co", "West Co")
    east = ALIGNED.replace("Example Delight Co", "East Co")
    on_main(repo, {"plans/west.yaml": west, "plans/east.yaml": east})
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1550000"))
    repo.commit("a little more money")
    read: Counter[str] = Counter()
    budgeted = organisations._budgeted

    def counted(raw: bytes | None, path: Path | None = None) -> Any:
        if path is not None and path.parent.name == "plans" and raw == path.read_bytes():
            read[path.name] += 1
        return budgeted(raw, path)

    monkeypatch.setattr(organisations, "_budgeted", counted)
    result = invoke(*args, cwd=repo.root)
    assert result.code in (0, 1), result.err
    assert set(read) == {"acme.yaml", "east.yaml", "west.yaml"}, read
    # A plan main holds as it is reads the same at main and now; the people's work moved is
    # weighed within the plans' folder and across the repository: four reads at most.
    assert max(read.values()) <= 4, read
