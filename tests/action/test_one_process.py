"""The Action's check and diffs in one process (`python -m cs_align.action --check`), in
process: what it writes is what the check's own process and the diffs' process wrote."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.conftest import Invoke, _clear_caches
from tests.security.conftest import ALIGNED, Repo, on_main


def _action(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from cs_align import action

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    capsys.readouterr()
    _clear_caches()  # as a new process starts
    try:
        code = action.main(argv)
    except SystemExit as stop:  # a fault of the process's own ends it (exit 2)
        code = int(stop.code or 0)
    finally:
        for number, handler in handlers.items():  # cli.main installs its own
            signal.signal(number, handler)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_check_and_the_diffs_in_one_process_write_what_two_processes_wrote(
    repo: Repo,
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    west = ALIGNED.replace("Example Delight Co", "West Co")
    on_main(repo, {"plans/west.yaml": west})
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1650000"))
    repo.write("plans/west.yaml", west.replace("agents: 4.5", "agents: 4.6"))
    repo.commit("more money, and a figure")
    common = ["--base-ref", "main", "--gated", "plans/"]
    outs = {}
    for way in ("apart", "together"):
        out = repo.root.parent / way
        out.mkdir()
        (out / "gone.z").write_bytes(b"")
        check = ["plans/", "--policy-ref", "main", "-f", f"json:{out}/check.json", "-f", "github"]
        outs[way] = out
        if way == "apart":  # as the script ran them: `cs-align check`, then the diffs
            checked = invoke("check", *check, cwd=repo.root)
            (out / "check-annotations.txt").write_text(checked.out, encoding="utf-8")
            (out / "check-code").write_text(f"{checked.code}\n", encoding="utf-8")
            argv = [str(out), "main", "", *common]
        else:
            (out / "check-args").write_bytes(b"".join(os.fsencode(a) + b"\0" for a in check))
            argv = ["--check", str(out), "main", "", *common]
        monkeypatch.chdir(repo.root)
        monkeypatch.setenv("CS_ALIGN_WORKERS", "1")
        code, said, err = _action(argv, capsys)
        (out / "said.txt").write_text(f"{code}\n{said}{err}", encoding="utf-8")
    apart, together = outs["apart"], outs["together"]
    assert (together / "check-code").read_text() == "1\n"  # a budget over the 5% cap
    assert "title=guardrail" in (together / "said.txt").read_text()
    for name in ("check-code", "check-annotations.txt", "check.json", "said.txt"):
        assert (together / name).read_text() == (apart / name).read_text(), name
    for n in (1, 2):
        assert (together / f"diff-{n}.json").read_text() == (apart / f"diff-{n}.json").read_text()
    tsv = (apart / "diffs.tsv").read_text().replace(str(apart), str(together))
    assert (together / "diffs.tsv").read_text() == tsv


def test_a_run_with_no_base_checks_and_diffs_nothing(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = repo.root.parent / "out"
    out.mkdir()
    check = ["plans/", "-f", f"json:{out}/check.json", "-f", "github"]
    (out / "check-args").write_bytes(b"".join(os.fsencode(a) + b"\0" for a in check))
    monkeypatch.chdir(repo.root)
    code, said, err = _action(["--check", str(out), "", "", "--base-ref", ""], capsys)
    assert (code, said) == (0, ""), err
    assert (out / "check-code").read_text() == "0\n"
    assert (out / "check.json").is_file() and not (out / "diffs.tsv").exists()


def test_a_check_that_cannot_start_is_exit_2_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no check-args: the script did not write them
    code, said, err = _action(["--check", str(tmp_path), "main", ""], capsys)
    assert code == 2 and said == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2, err
    assert not (tmp_path / "check-code").exists()
