"""Reattack60: what the gate's watch of a workflow's steps (cs_align.stepcalls) costs a
run, where the pull request chooses the repository it reads."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from cs_align import stepcalls


def test_links_to_the_top_cannot_stall_the_watch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each link to a folder lends its files a name through it (`bin/gate.sh` runs
    tools/gate.sh), which the watch found by reading every file of the tree once a link:
    a pull request adding 1,500 links to a folder of 1,500 files made the workflow-edit
    check take ~35 s of CPU (n² names; 10,000 links, a quarter of an hour), and a bound on
    the names lent would let links the pull request adds use it up before main's own. A
    name is now read through the links on its way, a folder at a time."""
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "gate.yml").write_text(
        "jobs:\n  gate:\n    steps:\n      - run: ./l7/gate.sh\n", encoding="utf-8"
    )
    (tmp_path / "tools").mkdir()
    for n in range(1500):
        (tmp_path / "tools" / f"{n}.sh").write_text("true\n", encoding="utf-8")
        os.symlink("tools", tmp_path / f"l{n}")
    (tmp_path / "tools" / "gate.sh").write_text("true\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "links"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    started = time.process_time()
    reached = stepcalls.scripts([".github/workflows"])
    assert time.process_time() - started < 5
    assert "tools/gate.sh" in reached.files  # through the link l7, to tools/


def test_a_file_a_command_reads_is_watched_though_the_check_judges_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyproject.toml may be the config the check reads ([tool.cs-align]) and hold the
    scripts `uv run gate-args` runs: a file the check judges is no script, but one a command
    a step names reads by itself is, whatever else reads it."""
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "gate.yml").write_text(
        "jobs:\n  gate:\n    steps:\n      - run: uv run gate-args\n"
        "      - run: cs-align check plans/acme.yaml --config pyproject.toml\n",
        encoding="utf-8",
    )
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.cs-align]\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "a gate"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    reached = stepcalls.scripts([".github/workflows"], {"plans/acme.yaml", "pyproject.toml"})
    assert reached.files == ["pyproject.toml"]


def test_a_script_too_long_to_read_fails_closed_in_bounded_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script main's workflow runs, edited by the pull request to 10 MB of names, was
    read word by word: ~15 s of CPU (100 MB, GitHub's largest file: minutes). Past 1 MiB
    a file is read no further and the search is cut, which fails a loosening run."""
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "gate.yml").write_text(
        "jobs:\n  gate:\n    steps:\n      - run: ./ci/gate.sh\n", encoding="utf-8"
    )
    (tmp_path / "ci").mkdir()
    names = " ".join(f"d{n}/s{n}.sh" for n in range(560_000))  # 10 MB
    (tmp_path / "ci" / "gate.sh").write_text(names, encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "a long script"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    started = time.process_time()
    reached = stepcalls.scripts([".github/workflows"])
    spent = time.process_time() - started
    assert reached.cut and reached.files == ["ci/gate.sh"]
    assert spent < 8
