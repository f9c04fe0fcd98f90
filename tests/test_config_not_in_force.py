"""A settings file nearer a plan than the current directory is said to be out of force:
the nearest one is read from the current directory upwards (README), so `east/.cs-align.yaml`
holding a 5% cap beside east/acme.yaml did nothing in a run from the top, and a +16.9%
budget passed with no word of it (reviews gate60, reattack60)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, Invoke

ALIGNED = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")


def _repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "east").mkdir()
    (tmp_path / "east" / "acme.yaml").write_text(ALIGNED, encoding="utf-8")
    (tmp_path / "east" / ".cs-align.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    return tmp_path


def test_a_settings_file_beside_the_plan_run_from_the_top_is_said(
    invoke: Invoke, tmp_path: Path
) -> None:
    root = _repo(tmp_path)
    (root / ".cs-align.yaml").write_text("fail_on: error\n", encoding="utf-8")
    ran = invoke("check", "east/", cwd=root)
    assert ran.code == 0
    assert (
        "cs-align: note: east/.cs-align.yaml is not in force for east/acme.yaml: settings are "
        "read from the current directory upwards (the one in force is .cs-align.yaml) — run "
        "from its folder, or name it: --config east/.cs-align.yaml"
    ) in ran.err
    # With no settings file at the top, it says none is.
    (root / ".cs-align.yaml").unlink()
    assert "(none is in force)" in invoke("check", "east/acme.yaml", cwd=root).err


def test_no_note_where_the_file_is_in_force_or_named(invoke: Invoke, tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert "not in force" not in invoke("check", "acme.yaml", cwd=root / "east").err
    named = invoke("check", "east/", "--config", "east/.cs-align.yaml", cwd=root)
    assert "not in force" not in named.err
    # A pyproject.toml without a [tool.cs-align] table is no settings file.
    (root / "east" / ".cs-align.yaml").unlink()
    (root / "east" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert "not in force" not in invoke("check", "east/", cwd=root).err
    (root / "east" / "pyproject.toml").write_text(
        "[tool.cs-align]\nfail_on = 'warning'\n", encoding="utf-8"
    )
    assert "east/pyproject.toml is not in force" in invoke("check", "east/", cwd=root).err


def test_a_link_is_not_read_for_the_note(invoke: Invoke, tmp_path: Path) -> None:
    # A pull request's east/pyproject.toml linked to a file outside the repository holding
    # `[tool.cs-align` is not read, even to say it is not in force.
    root = _repo(tmp_path / "repo")
    (root / "east" / ".cs-align.yaml").unlink()
    outside = tmp_path / "outside.toml"
    outside.write_text("[tool.cs-align]\n", encoding="utf-8")
    (root / "east" / "pyproject.toml").symlink_to(outside)
    assert "not in force" not in invoke("check", "east/", cwd=root).err
