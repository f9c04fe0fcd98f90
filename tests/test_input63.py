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
