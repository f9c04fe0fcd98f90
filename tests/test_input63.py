"""Review input63: a problem with a pyproject.toml table header is placed at the header, and
a key written at the wrong level of a file is told where it belongs, not to remove it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        # Before: each was placed at pyproject.toml:1:1, the `[project]` table's header.
        (
            '[project]\nname = "x"\n\n[tool.cs-align.guardrail]\nmax_budget_increase = "5%"\n',
            "pyproject.toml:4:16: unknown key 'guardrail' — did you mean 'guardrails'?",
        ),
        (
            '[project]\nname = "x"\n\n[tool.cs-align.guardrails.foo]\nx = "5%"\n',
            "pyproject.toml:4:27: unknown key 'foo' in guardrails",
        ),
        (
            '[tool.cs-align]\nfail_on = "error"\n\n[[tool.cs-align.foo]]\nx = 1\n',
            "pyproject.toml:4:17: unknown key 'foo'",
        ),
        (
            '[tool."cs-align"]\nfail_on = "error"\n[tool . "cs-align" . "guardrail"]\nx = 1\n',
            "pyproject.toml:3:22: unknown key 'guardrail' — did you mean 'guardrails'?",
        ),
    ],
    ids=["table", "nested-table", "array-of-tables", "quoted-parts"],
)
def test_a_table_header_s_key_is_placed_at_the_header(
    invoke: Invoke, tmp_path: Path, toml: str, said: str
) -> None:
    result = invoke("check", "plan.yaml", cwd=_folder(tmp_path, "pyproject.toml", toml))
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_a_key_under_an_array_of_tables_is_placed_at_its_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    toml = (
        '[tool.cs-align]\nfail_on = "error"\n'
        '[[tool.cs-align.guardrails.resilience]]\nvolume = "+10%"\n'
    )
    result = invoke("check", "plan.yaml", cwd=_folder(tmp_path, "pyproject.toml", toml))
    assert result.code == 2, result.out + result.err
    assert "pyproject.toml:3:" in result.err, result.err
    assert "pyproject.toml:1:1" not in result.err, result.err


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        # Before: "unknown key 'resilience' — remove it; allowed here: fail_on, format, …":
        # removing it drops the stress the author meant to gate on.
        (
            ".cs-align.yaml",
            "fail_on: error\nresilience: {volume: +10%, at_least: at-risk}\n",
            ".cs-align.yaml:2:1: unknown key 'resilience' — "
            "move it under `guardrails:`, where resilience belongs",
        ),
        (
            ".cs-align.yaml",
            "max_budget_increase: 5%\n",
            ".cs-align.yaml:1:1: unknown key 'max_budget_increase' — "
            "move it under `guardrails:`, where max_budget_increase belongs",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  fail_on: warning\n",
            ".cs-align.yaml:2:3: unknown key 'fail_on' in guardrails — "
            "move it to the top level of the file, where fail_on belongs",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align]\nfail_on = "error"\n[tool.cs-align.resilience]\nvolume = "+10%"\n',
            "pyproject.toml:3:16: unknown key 'resilience' — "
            "move it under [tool.cs-align.guardrails], where resilience belongs",
        ),
    ],
    ids=["resilience", "guardrail", "top-level-setting", "toml-table"],
)
def test_a_setting_at_the_wrong_level_is_told_where_it_belongs(
    invoke: Invoke, tmp_path: Path, name: str, text: str, said: str
) -> None:
    result = invoke("check", "plan.yaml", cwd=_folder(tmp_path, name, text))
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err
    assert "remove it" not in result.err, result.err


@pytest.mark.parametrize(
    ("meant", "written", "said"),
    [
        # Before: "remove it; allowed here: budget, channels, …" for a figure the plan
        # needs, at the wrong level.
        (
            "  shrinkage: 32%               # leave, training, meetings, breaks\n",
            "  shrinkage: 32%\n",  # the same key, moved under the phone channel below
            "unknown key 'shrinkage' in channels[phone] — "
            "move it under `staffing:`, where shrinkage belongs",
        ),
        (
            "  agents: 20.7               # FTE in total\n",
            "  agents: 20.7\n  service_level: 80% in 20s\n",
            "unknown key 'service_level' in staffing — "
            "move it under `channels[…].target:`, where service_level belongs",
        ),
    ],
    ids=["staffing-key-in-channel", "target-key-in-staffing"],
)
def test_a_plan_key_at_the_wrong_level_is_told_where_it_belongs(
    invoke: Invoke, tmp_path: Path, meant: str, written: str, said: str
) -> None:
    assert meant in GOOD
    plan = GOOD.replace(meant, written, 1)
    if "shrinkage" in said:
        plan = plan.replace("  shrinkage: 32%\n", "", 1).replace(
            "    handle_time: 6m\n", "    handle_time: 6m\n    shrinkage: 32%\n", 1
        )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert said in result.err, result.err


def test_a_waiver_s_key_beside_the_list_is_told_to_go_in_an_entry(
    invoke: Invoke, tmp_path: Path
) -> None:
    waivers = (
        "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n"
        "    reason: scripts stay until the spring training lands\n"
        "    owner: head-of-service\nexpires: 2027-03-31\n"
    )
    folder = _folder(tmp_path, "w.yaml", waivers)
    result = invoke("check", "plan.yaml", "--waivers", "w.yaml", cwd=folder)
    assert result.code == 2, result.out + result.err
    assert (
        "w.yaml:6:1: unknown key 'expires' — move it under `waivers[…]`, where expires belongs"
    ) in result.err, result.err


def test_a_misspelt_key_of_its_own_place_is_still_told_the_spelling(
    invoke: Invoke, tmp_path: Path
) -> None:
    # `Shrinkage` under staffing is staffing's own key in capitals, not one to move.
    plan = GOOD.replace("  shrinkage: 32%", "  Shrinkage: 32%", 1)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "did you mean 'shrinkage'?" in result.err, result.err
    assert "move it" not in result.err
