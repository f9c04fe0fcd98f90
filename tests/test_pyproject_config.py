"""A pyproject.toml whose `[tool.cs-align]` cannot be read, or that names the table almost
right, is refused (exit 2, file:line:col) rather than silently dropping the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


def _folder(tmp_path: Path, pyproject: bytes) -> Path:
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_a_latin1_pyproject_is_refused_at_the_byte(invoke: Invoke, tmp_path: Path) -> None:
    folder = _folder(tmp_path, b'[tool.cs-align]\nfail_on = "info"\n# r\xe9sum\xe9\n')
    for args in (("check", "plan.yaml"), ("check", "plan.yaml", "--show-config")):
        result = invoke(*args, cwd=folder)
        assert result.code == 2, result.err
        assert "pyproject.toml:3:4: byte 0xe9 is not valid UTF-8" in result.err
        assert "save the file as UTF-8" in result.err
        assert "fail_on" not in result.out


def test_a_utf16_pyproject_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    text = '[tool.cs-align]\nfail_on = "info"\n'
    folder = _folder(tmp_path, "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 2, result.err
    assert "pyproject.toml:1:1: the file is UTF-16 encoded" in result.err
    assert "save it as UTF-8" in result.err


def test_a_latin1_pyproject_named_with_config_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    folder = _folder(tmp_path, b'[tool.cs-align]\nfail_on = "info" # caf\xe9\n')
    result = invoke("check", "plan.yaml", "--config", "pyproject.toml", cwd=folder)
    assert result.code == 2 and "pyproject.toml:2:23: byte 0xe9" in result.err, result.err


@pytest.mark.parametrize(
    ("text", "where", "shown"),
    [
        ('[tool.cs_align]\nfail_on = "info"\n', "1:7", "[tool.cs_align]"),
        ('[tool.csalign]\nfail_on = "info"\n', "1:7", "[tool.csalign]"),
        ('[tool.cs-aling]\nfail_on = "info"\n', "1:7", "[tool.cs-aling]"),
        ('[tool."CS-Align"]\nfail_on = "info"\n', "1:7", "[tool.CS-Align]"),
        ('[tool.cs_align.guardrails]\nno_verdict_regression = "warn"\n', "1:7", "[tool.cs_align]"),
        ('[project]\nname = "x"\n\n[cs-align]\nfail_on = "info"\n', "4:2", "[cs-align]"),
        (
            '[tool.cs-align]\nfail_on = "error"\n[tool.cs_align]\nfail_on = "info"\n',
            "3:7",
            "[tool.cs_align]",
        ),
    ],
)
def test_a_near_miss_table_name_gets_a_did_you_mean(
    invoke: Invoke, tmp_path: Path, text: str, where: str, shown: str
) -> None:
    folder = _folder(tmp_path, text.encode())
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 2, result.err
    assert f"pyproject.toml:{where}: {shown} is not read by cs-align" in result.err
    assert "did you mean [tool.cs-align]?" in result.err


def test_a_cs_align_key_that_is_no_table_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    folder = _folder(tmp_path, b'[tool]\ncs-align = "info"\n')
    result = invoke("check", "plan.yaml", cwd=folder)
    assert result.code == 2, result.err
    assert "pyproject.toml:2:1: tool.cs-align is a string, not a table of settings" in result.err
    assert "write the settings under a [tool.cs-align] header" in result.err


def test_other_tools_tables_are_left_alone(invoke: Invoke, tmp_path: Path) -> None:
    text = (
        '[tool.ruff]\nline-length = 100\n[tool.cs-lint]\nx = 1\n[tool.cs-align]\nfail_on = "info"\n'
    )
    folder = _folder(tmp_path, text.encode())
    result = invoke("check", "plan.yaml", "--show-config", cwd=folder)
    assert result.code == 0, result.err
    assert "fail_on" in result.err and "info" in result.err  # settings on stderr beside plans


@pytest.mark.parametrize(
    ("value", "where", "message"),
    [
        ("9" * 4301, "2:5", "a number of thousands of digits is out of range"),
        ("[" * 2000 + "]" * 2000, "2:69", "nesting too deep to read"),
    ],
    ids=["digits", "nesting"],
)
def test_a_pyproject_past_what_python_reads_is_placed(
    invoke: Invoke, tmp_path: Path, value: str, where: str, message: str
) -> None:
    # Review input31 F01: in any table of a pyproject.toml on the way, 4,301 digits were an
    # "internal error — please report it", and deep nesting an error naming no file, with
    # no document for -f json. tomllib reads the whole file, so the guard wraps the read.
    folder = _folder(tmp_path, f"[tool.other]\nx = {value}\n".encode())
    result = invoke("check", "plan.yaml", "-f", "json", cwd=folder)
    assert result.code == 2, result.err
    assert f"pyproject.toml:{where}: {message}" in result.err
    assert "internal error" not in result.err
    assert '"file": "pyproject.toml"' in result.out  # the document carries it
