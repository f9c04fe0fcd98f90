"""Suggested lists keep each item whole: an item with a comma of its own (a thousands comma in
a figure, a comma in a file name or a text) is one item of the list a fix writes, in a plan,
a strategy, a config and a pyproject.toml alike; and `fix` keeps each answer whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke


def _run(invoke: Invoke, tmp_path: Path, files: dict[str, str], *args: str) -> tuple[int, str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", *args, cwd=tmp_path)
    assert "Traceback" not in result.err
    return result.code, result.err


STRATEGY = "id: ours\nname: Ours\nextends: delight\nexemplars: {}\n"
PLAN = GOOD.replace("strategy: delight", "strategy: ours.yaml")


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        # Review user58: cut at every comma, as `[Ritz-Carlton's $2, 000 rule, Zappos]`.
        (
            "Ritz-Carlton's $2,000 rule, Zappos",
            """write ["Ritz-Carlton's $2,000 rule", Zappos] (a list)""",
        ),
        ("Zappos, Ritz-Carlton", "write [Zappos, Ritz-Carlton] (a list)"),
        ("1,200 hotels", 'write ["1,200 hotels"] (a list, even of one item)'),
    ],
)
def test_a_strategy_list_written_as_text_is_told_with_its_items_whole(
    written: str, fix: str, invoke: Invoke, tmp_path: Path
) -> None:
    files = {"ours.yaml": STRATEGY.format(written), "plan.yaml": PLAN}
    code, err = _run(invoke, tmp_path, files, "plan.yaml")
    assert code == 2
    assert err.startswith("ours.yaml:4:12: exemplars: expected a list — ")
    assert fix in err


def test_the_suggested_yaml_list_reads_back_as_the_items_meant(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Writing what the message says makes the file load: the suggestion is YAML that holds
    the items, not text that looks like it."""
    files = {"ours.yaml": STRATEGY.format("Ritz-Carlton's $2,000 rule, Zappos"), "plan.yaml": PLAN}
    _, err = _run(invoke, tmp_path, files, "plan.yaml")
    suggested = err.split("write ", 1)[1].split(" (a list")[0]
    (tmp_path / "ours.yaml").write_text(STRATEGY.format(suggested), encoding="utf-8")
    assert invoke("check", "plan.yaml", cwd=tmp_path).code == 0
    shown = invoke("strategies", "show", "ours.yaml", "-f", "json", cwd=tmp_path)
    assert json.loads(shown.out)["exemplars"] == ["Ritz-Carlton's $2,000 rule", "Zappos"]


def test_a_pyproject_list_written_as_text_is_told_in_toml_with_its_items_whole(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The TOML quoting split the YAML suggestion again at each ", ": "policy/b 1", "000.yaml".
    files = {
        "pyproject.toml": '[tool.cs-align]\nwaivers = "policy/a.yaml, policy/b 1,000.yaml"\n',
        "plan.yaml": GOOD,
    }
    code, err = _run(invoke, tmp_path, files, "plan.yaml")
    assert code == 2
    assert (
        'pyproject.toml:2:11: waivers: expected a list — write ["policy/a.yaml", '
        '"policy/b 1,000.yaml"] (a list)'
    ) in err


def test_a_yaml_config_list_written_as_text_is_told_with_its_items_whole(
    invoke: Invoke, tmp_path: Path
) -> None:
    files = {".cs-align.yaml": "waivers: policy/a.yaml, policy/b 1,000.yaml\n", "plan.yaml": GOOD}
    code, err = _run(invoke, tmp_path, files, "plan.yaml")
    assert code == 2
    assert 'write [policy/a.yaml, "policy/b 1,000.yaml"] (a list)' in err


def test_a_fix_answer_holding_a_comma_is_one_answer(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fix -f json` lists what each change answers; the answers were one text split again at
    each ", " (review calc36 L2 mended one answer by writing it without a comma). An answer
    that holds one stays whole, and several answers stay several."""
    from cs_align import fixstaff

    monkeypatch.setattr(
        fixstaff, "_why", lambda draft, index, rule: ("staffing-meets-targets, as promised",)
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text((EXAMPLES / "delight-fedex-misaligned.yaml").read_text(), encoding="utf-8")
    result = invoke("fix", "plan.yaml", "-f", "json", cwd=tmp_path)
    changes = {c["path"]: c for c in json.loads(result.out)["changes"]}
    assert changes["channels[phone].agents"]["answers"] == ["staffing-meets-targets, as promised"]


def test_a_long_list_text_is_read_back_in_linear_time() -> None:
    """The TOML form reads the suggested items back: a lazy match before blanks and a comma
    took quadratic time on a run of blanks (200,000 blanks inside one item)."""
    import time

    from cs_align.loader import flow_items, flow_list, list_items

    items = list_items("a" + " " * 200_000 + "b, c")
    started = time.perf_counter()
    assert flow_items(flow_list(items)[1:-1]) == items
    assert time.perf_counter() - started < 2
