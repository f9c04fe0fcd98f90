"""Review input60: untrusted plans, configs and pyproject tables, read as their authors
wrote them; what cannot be read is refused at its place, in the author's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


def _pyproject(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("[tool.cs-align.guardrails]\nmax_total = 1e400", "2:13: `1e400` is out of range"),
        ("[tool.cs-align.guardrails]\nmax_total = +1E400", "2:13: `+1E400` is out of range"),
        ("[tool.cs-align.guardrails]\nmax_total = 1_0e4_00", "2:13: `1_0e4_00` is out of range"),
        ("[tool.cs-align.guardrails]\nmax_total = 1.5e-400", "2:13: `1.5e-400` is out of range"),
        (
            "[tool.cs-align.guardrails]\nmax_total = 0x" + "f" * 30,
            "2:13: `0x" + "f" * 30 + "` is out of range",
        ),
        # Inside an inline table: placed at the number, not at the `{`.
        (
            "[tool.cs-align]\nguardrails = {max_total = 1e400}",
            "2:27: `1e400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = inf",
            "2:13: guardrails.max_total: `inf` is not a finite figure",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = nan",
            "2:13: guardrails.max_total: `nan` is not a finite figure",
        ),
        (
            '[tool.cs-align.guardrails]\nresilience = {volume = -inf, at_least = "at-risk"}',
            "2:24: guardrails.resilience.volume: `-inf` is not a finite figure",
        ),
    ],
    ids=["exp", "signed", "underscores", "tiny", "hex", "inline", "inf", "nan", "inline-inf"],
)
def test_a_toml_number_out_of_range_is_quoted_as_written(
    invoke: Invoke, tmp_path: Path, setting: str, said: str
) -> None:
    # Before: tomllib's figure was quoted (`1E+400`, `1.5E-400`, the hex as 1329…, `inf` as
    # "Infinity is not a finite amount"), a figure no author wrote; YAML quotes `1e400`.
    folder = _pyproject(tmp_path, setting + "\n")
    result = invoke("check", "plan.yaml", cwd=folder)
    assert result.code == 2, result.err
    assert f"pyproject.toml:{said}" in result.err, result.err
    assert "E+" not in result.err and "Infinity" not in result.err and "NaN" not in result.err
    assert "Traceback" not in result.err
