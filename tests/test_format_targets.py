"""Where each format goes: at most one to standard output, each file named once, and
FORMAT:FILE with a FILE — from the command line, a config file or CS_ALIGN_FORMAT, for
`check` and `diff` alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke

PLAN = str(EXAMPLES / "delight-misaligned.yaml")
BASE = str(EXAMPLES / "delight-aligned.yaml")
COMMANDS = {"check": ("check", PLAN), "diff": ("diff", BASE, PLAN)}


@pytest.mark.parametrize("command", COMMANDS)
def test_two_formats_to_standard_output_are_refused(invoke: Invoke, command: str) -> None:
    result = invoke(*COMMANDS[command], "-f", "json", "-f", "sarif")
    assert result.code == 2, result.err
    assert result.out == ""
    assert "at most one format may go to standard output" in result.err
    assert "name a file for the others, e.g. -f sarif:results.sarif" in result.err


@pytest.mark.parametrize("command", COMMANDS)
def test_one_format_to_standard_output_and_the_others_to_files_is_fine(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "results.sarif"
    result = invoke(*COMMANDS[command], "-f", "json", "-f", f"sarif:{out}")
    assert result.code == 1, result.err
    assert result.out.startswith("{") and out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_two_formats_naming_one_file_are_refused(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "a"
    result = invoke(*COMMANDS[command], "-f", f"json:{out}", "-f", f"sarif:{tmp_path}/./a")
    assert result.code == 2, result.err
    assert f"json and sarif both name the file {out}" in result.err
    assert "name a file for each format" in result.err
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_format_with_an_empty_file_is_refused(invoke: Invoke, command: str) -> None:
    result = invoke(*COMMANDS[command], "-f", "json:")
    assert result.code == 2, result.err
    assert "format 'json:' names no file" in result.err
    assert "write json:FILE to write it to a file, or json for standard output" in result.err
    assert result.out == ""


def test_output_and_a_format_file_both_naming_a_file_are_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("check", PLAN, "-f", f"json:{tmp_path / 'a.json'}", "-o", str(tmp_path / "b"))
    assert result.code == 2, result.err
    assert "both name a file" in result.err
    assert list(tmp_path.iterdir()) == []


def test_the_environment_may_send_one_format_to_standard_output(invoke: Invoke) -> None:
    result = invoke("check", PLAN, env={"CS_ALIGN_FORMAT": "json,sarif"})
    assert result.code == 2, result.err
    assert "json and sarif (from environment CS_ALIGN_FORMAT)" in result.err
    assert "at most one format may go to standard output" in result.err


def test_a_config_may_send_one_format_to_standard_output(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / ".cs-align.yaml").write_text("format: [json, github]\n")
    (tmp_path / "plan.yaml").write_bytes(Path(PLAN).read_bytes())
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert "json and github (from .cs-align.yaml)" in result.err
    assert "at most one format may go to standard output" in result.err
    assert "e.g. -f github:results.txt" in result.err


@pytest.mark.parametrize("config", [".cs-align.yaml", "pyproject.toml"])
def test_a_dash_in_a_config_format_is_standard_output(
    invoke: Invoke, tmp_path: Path, config: str
) -> None:
    # Review user26 U2: `json:-` in a config wrote a file named `-` beside it and printed
    # nothing, where `-f json:-` and CS_ALIGN_FORMAT=json:- print the JSON.
    text = {".cs-align.yaml": 'format: ["json:-"]\n', "pyproject.toml": ""}[config]
    text = text or '[tool.cs-align]\nformat = ["json:-"]\n'
    (tmp_path / config).write_text(text)
    (tmp_path / "plan.yaml").write_bytes(Path(PLAN).read_bytes())
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 1, result.err  # the misaligned example, judged
    assert json.loads(result.out)["plans"][0]["path"] == "plan.yaml"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([config, "plan.yaml"])


def test_a_config_format_with_an_empty_file_is_refused_at_its_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / ".cs-align.yaml").write_text("fail_on: error\nformat: [table, 'json:']\n")
    (tmp_path / "plan.yaml").write_bytes(Path(PLAN).read_bytes())
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert ".cs-align.yaml:2:" in result.err and "'json:' names no file" in result.err
    assert "write json:FILE" in result.err
    assert list(tmp_path.iterdir()) != [] and not (tmp_path / "json").exists()


def test_a_config_format_with_two_formats_on_one_file_is_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / ".cs-align.yaml").write_text("format: [json:out, sarif:out]\n")
    (tmp_path / "plan.yaml").write_bytes(Path(PLAN).read_bytes())
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert "json and sarif (from .cs-align.yaml) both name the file" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dash_is_standard_output_not_a_file_named_dash(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    # `-f sarif:-` wrote a file named `-` and so slipped past the one-format rule.
    result = invoke(*COMMANDS[command], "-f", "json", "-f", "sarif:-", cwd=tmp_path)
    assert result.code == 2 and "at most one format may go to standard output" in result.err
    alone = invoke(*COMMANDS[command], "-f", "sarif:-", cwd=tmp_path)
    assert alone.code == 1 and '"version": "2.1.0"' in alone.out
    dashed = invoke(*COMMANDS[command], "-f", "sarif", "-o", "-", cwd=tmp_path)
    assert dashed.code == 1 and dashed.out == alone.out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "listed",
    [
        "json:{d}/out,1.json",
        "json:{d}/out,1.json,sarif:{d}/r.sarif",
        "sarif:{d}/r.sarif, json:{d}/out,1.json",
    ],
)
def test_the_environment_reads_a_file_holding_a_comma_as_the_flag_does(
    invoke: Invoke, tmp_path: Path, listed: str
) -> None:
    # Review user58/user59: CS_ALIGN_FORMAT was cut at every comma, so json:out,1.json was
    # "unknown format '1.json'", where -f json:out,1.json writes out,1.json.
    flag = invoke("check", PLAN, "-f", f"json:{tmp_path}/flag,1.json")
    result = invoke("check", PLAN, env={"CS_ALIGN_FORMAT": listed.format(d=tmp_path)})
    assert (result.code, flag.code) == (1, 1), result.err + flag.err
    written = json.loads((tmp_path / "out,1.json").read_text())
    assert written == json.loads((tmp_path / "flag,1.json").read_text())
    assert (tmp_path / "r.sarif").exists() == ("sarif" in listed)


@pytest.mark.parametrize(
    ("flags", "env", "told"),
    [
        (["-f", "json=out.json"], {}, "write json:out.json (FORMAT:FILE, with a colon)"),
        ([], {"CS_ALIGN_FORMAT": "json=out.json"}, "write json:out.json (FORMAT:FILE"),
        (
            ["-f", "json,sarif:r.sarif"],
            {},
            "give -f once for each format: -f json -f sarif:r.sarif",
        ),
        (
            [],
            {"CS_ALIGN_FORMAT": "json;sarif:r.sarif"},
            "separate formats with commas: json,sarif:r",
        ),
        ([], {"CS_ALIGN_FORMAT": "json:a.json,srif:b.sarif"}, "unknown format 'srif'"),
    ],
)
def test_a_format_joined_by_the_wrong_mark_is_told_the_mark_to_write(
    invoke: Invoke, tmp_path: Path, flags: list[str], env: dict[str, str], told: str
) -> None:
    result = invoke("check", PLAN, *flags, env=env, cwd=tmp_path)
    assert result.code == 2, result.err
    assert told in result.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("config", "text", "told"),
    [
        (
            ".cs-align.yaml",
            'format: "json, sarif:r.sarif"\n',
            "write [json, sarif:r.sarif] (a list",
        ),
        (".cs-align.yaml", 'format: "json=out.json"\n', "write json:out.json (FORMAT:FILE"),
        (
            "pyproject.toml",
            '[tool.cs-align]\nformat = "json, sarif:r.sarif"\n',
            'write ["json", "sarif:r.sarif"] (a list',
        ),
    ],
)
def test_a_config_format_joined_by_the_wrong_mark_is_told_the_list_to_write(
    invoke: Invoke, tmp_path: Path, config: str, text: str, told: str
) -> None:
    # Review user59: a config's `format: "json, sarif:r.sarif"` was told "did you mean
    # sarif?", and `json=out.json` only the list of formats.
    (tmp_path / config).write_text(text)
    (tmp_path / "plan.yaml").write_bytes(Path(PLAN).read_bytes())
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert told in result.err and "did you mean" not in result.err


def test_a_report_with_no_file_is_told_how_to_write_to_standard_output(invoke: Invoke) -> None:
    result = invoke("report", PLAN, "-f", "html")
    assert result.code == 2
    assert "-o - with -f md or -f html for standard output" in result.err
