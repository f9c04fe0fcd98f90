"""Files cs-align may not read (mode 000 for another user; review user45 U13: the suite runs
as root, which reads anything, so this was never tested). The read is made to fail as the
system fails it, with PermissionError (EACCES) for that one path, in process: each input is
exit 2 with the path and a message that says what is wrong and what to do, no traceback."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cs_align import templating
from tests.conftest import GOOD, Invoke, Result

DENIED = "cannot be read: Permission denied"


@pytest.fixture
def deny(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make every way of opening ``path`` fail with EACCES, as a file of mode 000 does for
    a user who is not its owner (os.open, open(), Path.open/read_*)."""
    denied: set[str] = set()
    real_os_open, real_open = os.open, builtins.open

    def refuse(path: Any) -> None:
        if isinstance(path, str | os.PathLike) and os.path.realpath(path) in denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    def os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        refuse(path)
        return real_os_open(path, *args, **kwargs)

    def open_(path: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)

    def add(path: Path) -> None:
        denied.add(os.path.realpath(path))

    return add


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / ".git").mkdir()  # a repository's top: files named in it stay inside
    yield tmp_path


def _told(result: Result, path: Path, message: str = DENIED) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    line = next((x for x in result.err.splitlines() if message in x), None)
    assert line is not None, result.err
    assert path.name in line and "check its permissions" in line, line


def test_an_unreadable_plan(invoke: Invoke, tree: Path, deny: Callable[[Path], None]) -> None:
    plan = tree / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    assert invoke("check", str(plan), cwd=tree).code == 0  # the control: readable, it passes
    deny(plan)
    for command in ("check", "promise", "whatif", "fix", "report"):
        args = (command, str(plan)) + (("-o", str(tree / "r.md")) if command == "report" else ())
        _told(invoke(*args, cwd=tree), plan)


def test_an_unreadable_plan_in_a_folder(
    invoke: Invoke, tree: Path, deny: Callable[[Path], None]
) -> None:
    plan = tree / "plans" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text(GOOD, encoding="utf-8")
    deny(plan)
    _told(invoke("check", "plans", cwd=tree), plan)


def test_an_unreadable_strategy(invoke: Invoke, tree: Path, deny: Callable[[Path], None]) -> None:
    strategy = tree / "ours.yaml"
    strategy.write_text("id: ours\nname: Ours\nextends: delight\n", encoding="utf-8")
    plan = tree / "plan.yaml"
    plan.write_text(GOOD.replace("strategy: delight", "strategy: ours.yaml"), encoding="utf-8")
    assert invoke("check", str(plan), cwd=tree).code == 0
    deny(strategy)
    _told(invoke("check", str(plan), cwd=tree), strategy)
    _told(invoke("check", str(plan), "--strategy", str(strategy), cwd=tree), strategy)


def test_an_unreadable_waiver_file(
    invoke: Invoke, tree: Path, deny: Callable[[Path], None]
) -> None:
    waivers = tree / "waivers.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    plan = tree / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    assert invoke("check", str(plan), "--waivers", str(waivers), cwd=tree).code == 0
    deny(waivers)
    _told(invoke("check", str(plan), "--waivers", str(waivers), cwd=tree), waivers)


@pytest.mark.parametrize(
    ("name", "text"),
    [(".cs-align.yaml", "fail_on: error\n"), ("pyproject.toml", "[tool.cs-align]\n")],
)
def test_an_unreadable_config(
    invoke: Invoke, tree: Path, deny: Callable[[Path], None], name: str, text: str
) -> None:
    config = tree / name
    config.write_text(text, encoding="utf-8")
    plan = tree / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    assert invoke("check", str(plan), cwd=tree).code == 0
    deny(config)
    _told(invoke("check", str(plan), cwd=tree), config)
    _told(invoke("check", str(plan), "--config", str(config), cwd=tree), config)


def test_an_unreadable_template(invoke: Invoke, tree: Path, deny: Callable[[Path], None]) -> None:
    plan = tree / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    folder = tree / "t"
    assert invoke("report", str(plan), "--export-templates", str(folder), cwd=tree).code == 0
    out = tree / "r.md"
    assert (
        invoke("report", str(plan), "-o", str(out), "--template", str(folder), cwd=tree).code == 0
    )
    template = folder / "report.md"
    assert template.is_file(), sorted(p.name for p in folder.iterdir())
    deny(template)
    templating._environment.cache_clear()  # as a new process starts: nothing compiled yet
    _told(
        invoke("report", str(plan), "-o", str(out), "--template", str(folder), cwd=tree), template
    )
    templating._environment.cache_clear()
    _told(
        invoke("report", str(plan), "-o", str(out), "--template", str(template), cwd=tree), template
    )


def test_an_unreadable_template_a_template_includes(
    invoke: Invoke, tree: Path, deny: Callable[[Path], None]
) -> None:
    plan = tree / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    folder = tree / "t"
    folder.mkdir()
    (folder / "report.md").write_text('# {{ plan.organisation }}\n{% include "part.md" %}\n')
    part = folder / "part.md"
    part.write_text("part\n", encoding="utf-8")
    out = tree / "r.md"
    templating._environment.cache_clear()
    args = ("report", str(plan), "-o", str(out), "--template", str(folder))
    assert invoke(*args, cwd=tree).code == 0, "the control: readable, it renders"
    deny(part)
    templating._environment.cache_clear()
    _told(invoke(*args, cwd=tree), part)
