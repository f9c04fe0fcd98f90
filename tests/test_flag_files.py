"""A file a flag or variable names that cannot be opened is told with that flag and the name
as the user wrote it (review user55: `--waivers sub/` said `sub: is a folder, not a file`,
which names no flag and reads like a plan of that name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "env", "told"),
    [
        (
            ("check", "plan.yaml", "--waivers", "sub/"),
            {},
            "--waivers sub/: is a folder, not a file — name a .yaml waiver file inside it",
        ),
        (
            ("check", "plan.yaml", "--waivers", "nope.yaml"),
            {},
            "--waivers nope.yaml: no such file — check the path",
        ),
        (
            ("check", "plan.yaml"),
            {"CS_ALIGN_WAIVERS": "sub"},
            "CS_ALIGN_WAIVERS=sub: is a folder, not a file",
        ),
        (
            ("check", "plan.yaml", "--config", "sub"),
            {},
            "--config sub: is a folder, not a file — name the settings file in it, e.g. "
            "--config sub/.cs-align.yaml",
        ),
        (  # as written, not as Path reads it: `sub` (review user56)
            ("check", "plan.yaml", "--config", "sub/"),
            {},
            "--config sub/: is a folder, not a file — name the settings file in it, e.g. "
            "--config sub/.cs-align.yaml",
        ),
        (
            ("diff", "plan.yaml", "plan.yaml", "--config", "./sub//"),
            {},
            "--config ./sub//: is a folder, not a file",
        ),
        (
            ("promise", "plan.yaml", "--config", "nope/"),
            {},
            "--config nope/: no such file — check the path",
        ),
        (
            ("report", "plan.yaml", "-o", "r.md", "--template", "nope/"),
            {},
            "nope/: no such template file or folder — check the path",
        ),
        (
            ("report", "plan.yaml", "-o", "r.md", "--template", "./sub/"),
            {},
            "./sub/: no report.md in this folder",
        ),
        (
            ("report", "plan.yaml", "-o", "r.md", "--baseline", "sub/"),
            {},
            "--baseline sub/: is a folder, not a file",
        ),
        (
            ("report", "plan.yaml", "-o", "r.md", "--baseline", "old.yaml"),
            {},
            "--baseline old.yaml: no such file — check the path",
        ),
    ],
)
def test_a_flag_naming_no_file_is_told_with_the_flag(
    invoke: Invoke, tree: Path, args: tuple[str, ...], env: dict[str, str], told: str
) -> None:
    result = invoke(*args, cwd=tree, env=env)
    assert result.code == 2, (result.out, result.err)
    assert told in result.err
    assert "Traceback" not in result.err
    assert not (tree / "r.md").exists()


def test_a_broken_waiver_file_keeps_its_own_line(invoke: Invoke, tree: Path) -> None:
    """What is wrong inside a file the flag opened is told at its line, not as the flag's."""
    (tree / "w.yaml").write_text("waivers:\n  - rule: x\n    reason: yes\n", encoding="utf-8")
    result = invoke("check", "plan.yaml", "--waivers", "w.yaml", cwd=tree)
    assert result.code == 2
    assert "w.yaml:3:13:" in result.err
    assert "--waivers" not in result.err


@pytest.mark.parametrize(
    ("args", "told"),
    [
        # a folder is told with its slash, written or not (`-o sub/` was told `sub`: user56)
        (("check", "plan.yaml", "-o", "sub"), "cs-align: sub/ is a folder, not a file"),
        (("check", "plan.yaml", "-o", "sub/"), "cs-align: sub/ is a folder, not a file"),
        (("check", "plan.yaml", "-f", "sarif:sub/"), "cs-align: sub/ is a folder, not a file"),
        (("report", "plan.yaml", "-o", "sub/"), "cs-align: sub/ is a folder, not a file"),
        (("report", "plan.yaml", "-o", "sub"), "cs-align: --output sub/ is a folder"),
        (("init", "sub/"), "cs-align: sub/ is a folder, not a file"),
        # a folder that is not there: refused, not written as a file named `nothere`
        # (typer's Path dropped the slash; review attack57)
        (("check", "plan.yaml", "-o", "nothere/"), "cs-align: nothere/: no such folder"),
        (("check", "plan.yaml", "-f", "json:nothere/"), "cs-align: nothere/: no such folder"),
        (("report", "plan.yaml", "-o", "nothere/"), "cs-align: nothere/: no such folder"),
        (("fix", "plan.yaml", "-o", "nothere/"), "cs-align: nothere/: no such folder"),
        (("init", "nothere/"), "cs-align: nothere/: no such folder"),
        (
            ("report", "plan.yaml", "-o", "sub/x/r.html"),
            "cs-align: sub/x/r.html: folder sub/x does not exist — create it first",
        ),
    ],
)
def test_an_output_it_cannot_write_is_named_as_written(
    invoke: Invoke, tree: Path, args: tuple[str, ...], told: str
) -> None:
    """Named by the absolute path, `/home/runner/work/…/sub is a folder` (review user55)."""
    result = invoke(*args, cwd=tree)
    assert result.code == 2
    assert told in result.err
    assert str(tree) not in result.err
    assert not (tree / "nothere").exists()


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("check", "sub\\plan.yaml"), "sub\\plan.yaml: no such file — write sub/plan.yaml"),
        (("check", "plan.yaml", "--waivers", "sub\\w.yaml"), "--waivers sub\\w.yaml: no such"),
        (
            ("report", "plan.yaml", "-o", "r.md", "--template", "tpl\\report.md"),
            "tpl\\report.md: no such template file or folder — write tpl/report.md",
        ),
    ],
)
def test_a_path_with_windows_backslashes_is_told_to_use_forward_slashes(
    invoke: Invoke, tree: Path, args: tuple[str, ...], told: str
) -> None:
    """On Linux (and so CI) a backslash is part of a file's name: `sub\\plan.yaml` was told
    only "no such file — check the path" (review user55)."""
    (tree / "sub" / "plan.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke(*args, cwd=tree)
    assert result.code == 2
    assert told in result.err, result.err
    assert "forward slashes separate folders on every system" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ("check", "nothere/"),
        ("check", "plan.yaml", "nothere/"),
        ("promise", "nothere/"),
        ("report", "nothere/", "-o", "r.md"),
        ("diff", "plan.yaml", "nothere/"),
        ("whatif", "nothere/"),
        ("fix", "nothere/"),
    ],
)
def test_a_missing_folder_is_told_as_a_folder_as_written(
    invoke: Invoke, tree: Path, args: tuple[str, ...]
) -> None:
    """`check nothere/` said "nothere: no such file" (review user56): the slash that says a
    folder was meant was dropped, and the folder was called a file."""
    result = invoke(*args, cwd=tree)
    assert result.code == 2
    assert "nothere/: no such folder — check the path" in result.err
    assert "nothere: no such file" not in result.err
