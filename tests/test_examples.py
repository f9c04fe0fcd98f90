"""Every example in examples/ is checked end to end for the verdict its comment promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

FILES = sorted(EXAMPLES.glob("*.yaml"))


def expectation(path: Path) -> tuple[str, str | None]:
    match = re.search(r"# expect: ([a-z-]+)(?:; key finding: ([a-z-]+))?", path.read_text())
    assert match, f"{path.name} has no '# expect:' comment"
    return match.group(1), match.group(2)


def test_there_is_an_aligned_and_a_misaligned_example_per_strategy() -> None:
    names = {p.stem for p in FILES}
    for sid in (
        "delight",
        "fast-food",
        "automated",
        "genius",
        "engagement",
        "squeaky-wheel",
        "extraordinary-trust",
        "tiered",
        "cost-race",
        "because-we-can",
    ):
        assert f"{sid}-aligned" in names and f"{sid}-misaligned" in names


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_example_verdict(path: Path, invoke: Invoke) -> None:
    verdict, key = expectation(path)
    result = invoke("check", str(path), "--format", "json")
    report = json.loads(result.out)["plans"][0]
    assert report["verdict"] == verdict
    assert result.code == (1 if verdict == "misaligned" else 0)
    if key:
        rules = {f["rule"] for f in report["findings"]}
        assert key in rules
        finding = next(f for f in report["findings"] if f["rule"] == key)
        assert finding["line"] > 0 and finding["fix"] and finding["source"]


def test_examples_point_at_the_schema() -> None:
    for path in FILES:
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (EXAMPLES.parent / "schema" / "plan.schema.json").exists()


def test_schema_file_is_current(invoke: Invoke) -> None:
    result = invoke("schema")
    committed = (EXAMPLES.parent / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    assert result.code == 0 and json.loads(result.out)["type"] == "object"
    assert result.out == committed, (
        "schema/plan.schema.json is stale: run `cs-align schema > schema/plan.schema.json`"
    )
