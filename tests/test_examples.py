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


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_an_example_s_verdict_is_the_one_its_name_says(path: Path) -> None:
    """The verdict each example is held to is its own `# expect:` comment, which the same
    change can rewrite: an edit that made delight-fedex-misaligned.yaml pass and its comment
    say `aligned` kept this suite green, and the fixtures other tests build on (tests/action,
    tests/security read delight-aligned.yaml and delight-fedex-misaligned.yaml) would have
    meant something else unseen (review attack59). The file's name pins it."""
    verdict, _ = expectation(path)
    named = "misaligned" if path.stem.endswith("-misaligned") else "aligned"
    assert path.stem.endswith(("-aligned", "-misaligned")), path.name
    assert verdict == named, f"{path.name} says '# expect: {verdict}'"


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


def test_the_tiered_example_with_an_asa_only_gold_line_stays_aligned(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Review calc36 F5 (s24): the example's gold line written `target: {asa: 1s}`, the same
    # 22.6 FTE. Hand: 1,500 × 8 min a month over 168 h a week = 0.2738 Erlang; 22.6 FTE ×
    # 1,800 h × 68% × 7/365.25 ÷ 168 h = 3.156 on shift; Erlang C ASA 0.41 s, far ahead of
    # the phone line. Before the fix: MISALIGNED, "no staffed live channel serves the best
    # tier 'gold'".
    text = (EXAMPLES / "tiered-aligned.yaml").read_text(encoding="utf-8")
    written = text.replace('target: {service_level: "95% in 10s", asa: 1s}', "target: {asa: 1s}")
    assert written != text
    path = tmp_path / "tier-asa.yaml"
    path.write_text(written, encoding="utf-8")
    result = invoke("check", str(path), "--format", "json")
    report = json.loads(result.out)["plans"][0]
    gold = next(c for c in report["metrics"]["channels"] if c["id"] == "gold-phone")
    assert round(gold["asa_seconds"], 2) == 0.41 and gold["service_level"] is None
    assert "best-tier-served-better" not in {f["rule"] for f in report["findings"]}
    assert report["verdict"] == "aligned" and result.code == 0
