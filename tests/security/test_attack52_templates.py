"""attack52: a report template that runs in C past the render's time limit.

Each step passes the sandbox's size checks (10^6 items), but comparing two such structures
is 10^12 steps inside one C call, where SIGALRM (the time limit) and SIGTERM (a CI job's
cancel) wait until it returns: hours. The process is under test (its time and its signals),
so these run it as a separate process, killed by the test should it hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.conftest import ALIGNED, Repo, Result

Cli = Callable[..., Result]

IN_C = {
    "compare": "{% set a = [[1]*10**6]*10**6 %}{% set b = [[1]*10**6]*10**6 %}{{ a == b }}",
    "hash": "{% set t = ((1,)*10**6,)*10**6 %}{{ {t: 1}|length }}",
    "contains": "{{ [1]*999999 + [2] in [[1]*10**6]*10**6 }}",
}


def _start(
    tmp_path: Path, template: str, seconds: float, slack: float = 0.5
) -> subprocess.Popen[str]:
    """cs-align report with the template, its time limit ``seconds`` and its slack (the
    child is killed ``seconds + slack`` after it started): each second of it a second of
    CPU that the stuck child burns, so a short one (cs-align's own is 2 s)."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md").write_text(template)
    (tmp_path / "plan.yaml").write_text(ALIGNED)
    limited = (  # the folder in the command line, as a comment: pgrep finds the child by it
        f"# {tmp_path}\n"
        f"import sys; from cs_align import templating; templating.MAX_SECONDS = {seconds}; "
        f"templating.SLACK = {slack}; "
        "from cs_align.cli import main; sys.argv = ['cs-align', *sys.argv[1:]]; main()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", limited, "report", "plan.yaml", "-o", "r.md", "--template", "tpl"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _children(tmp_path: Path, process: subprocess.Popen[str]) -> list[int]:
    """The render children of ``process`` (a test's cs-align, named by its folder)."""
    found = subprocess.run(
        ["pgrep", "-f", str(tmp_path)], capture_output=True, text=True, check=False
    ).stdout
    return [int(pid) for pid in found.split() if int(pid) != process.pid]


def _finish(process: subprocess.Popen[str], timeout: float) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"still running after {timeout} s")
    return process.returncode, err


@pytest.mark.parametrize("name", IN_C)
def test_a_render_stuck_in_one_c_call_stops_at_the_time_limit(tmp_path: Path, name: str) -> None:
    # Before: still running after 11 minutes at 100% CPU for `compare` with the 10 s limit.
    # Now: the limit (0.25 s here) plus the slack (0.5 s here), plus start-up; 40 s is for
    # a loaded CI.
    process = _start(tmp_path, IN_C[name], 0.25)
    code, err = _finish(process, 40)
    assert code == 2, err
    assert "report.md: rendering took over 0.25 s" in err, err
    assert "Traceback" not in err and not (tmp_path / "r.md").exists()


def test_sigterm_stops_a_render_stuck_in_one_c_call(tmp_path: Path) -> None:
    # A CI job cancelled (SIGTERM) while the render is stuck: before, it waited for the
    # comparison (hours); now the run ends at once with 143, and takes its child with it.
    process = _start(tmp_path, IN_C["compare"], 3600)
    end = time.monotonic() + 20
    while not _children(tmp_path, process) and time.monotonic() < end:
        time.sleep(0.1)
    assert _children(tmp_path, process), "the render child never started"
    time.sleep(0.5)  # inside the comparison (it was 4 s from the start: 4 s of CPU)
    process.send_signal(signal.SIGTERM)
    code, err = _finish(process, 20)
    assert code == 143, err
    assert "Traceback" not in err and not (tmp_path / "r.md").exists()
    left = subprocess.run(
        ["pgrep", "-f", str(tmp_path)], capture_output=True, text=True, check=False
    ).stdout
    assert not left.strip(), left


def test_a_template_s_lone_surrogate_on_standard_output_is_escaped(repo: Repo, cli: Cli) -> None:
    # Before: `report -o - --format md` said "internal error: UnicodeEncodeError … please
    # report it" (exit 2), where `-o r.md` wrote the escape `\ud800`; now both write it.
    folder = repo.root / "templates"
    folder.mkdir()
    (folder / "report.md").write_text('A {{ "\\ud800" }} B\n')
    args = ("report", "plans/acme.yaml", "--template", "templates/report.md")
    result = cli(*args, "-o", "-", "--format", "md")
    assert result.code == 0, result.err
    assert result.out.startswith("A \\ud800 B\n"), result.out[:80]
    assert "internal error" not in result.err
    assert cli(*args, "-o", "r.md").code == 0
    assert (repo.root / "r.md").read_text(encoding="utf-8").startswith("A \\ud800 B\n")


def test_a_large_report_of_emoji_crosses_from_the_render_child_as_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the child sent its report as JSON with ASCII escapes, 12 bytes for each emoji
    # (\ud83d\ude00): 20 MB of emoji were 240 MB through the pipe, held 3 times over by the
    # parent and by the child (566 MB and 556 MB of memory each, 2.3 s of the parent's
    # 12 s; 0.08 s and 183 MB rendered in process). Now 4 bytes an emoji, as UTF-8 gives it
    # (261 MB, 0.8 s), plus a short length header.
    from cs_align import templating

    sizes: list[int] = []
    read = templating._read_until

    def measured(fd: int, deadline: float) -> bytes | None:
        received = read(fd, deadline)
        sizes.append(len(received or b""))
        return received

    monkeypatch.setattr(templating, "_read_until", measured)
    page = tmp_path / "report.md"
    page.write_text("{{ '\\U0001F600' * 100000 }} {{ '\\ud800' }}\n", encoding="utf-8")
    text = templating.render("md", {}, page)
    assert text == "\U0001f600" * 100_000 + " \ud800\n"  # the lone surrogate kept as written
    # 100,000 emoji × 4 bytes + " " + the surrogate's 3 bytes + "\n" = 400,005, + header
    assert sizes and sizes[0] <= 400_005 + 16, sizes


def test_a_report_cut_short_by_the_render_child_is_no_report() -> None:
    # A child that stopped midway through sending its report: the parent says so (the
    # length header does not match) rather than writing the part that came.
    from cs_align import templating

    whole = templating._packed({"text": "A report\n"})
    assert templating._unpacked(whole) == {"text": "A report\n"}
    assert templating._unpacked(whole[:-3]) == {}
    assert templating._unpacked(b"") == {}


def test_a_render_child_stuck_in_c_ends_when_its_parent_was_killed(tmp_path: Path) -> None:
    # Before: the parent killed with SIGKILL (the OOM killer, a supervisor's last resort)
    # left its render child inside the comparison, an orphan at 100% CPU for hours (seen:
    # still running, parent 1). Now the child is killed by its own CPU limit, the limit plus
    # the slack, whoever its parent is. Here the parent would wait a minute (0.25 s + 60 s),
    # so only the test kills it, and its child's CPU limit is cut to 2 s (the minute's
    # would be 61 s): the orphan burns 2 s of CPU, not the 6 s a slack of 5 s cost (most
    # of the test's 24-38 s on a loaded machine).
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md").write_text(IN_C["compare"])
    (tmp_path / "plan.yaml").write_text(ALIGNED)
    limited = (
        f"# {tmp_path}\n"
        "import sys; from cs_align import templating; templating.MAX_SECONDS = 0.25; "
        "templating.SLACK = 60; cap = templating._cpu_cap; "
        "templating._cpu_cap = lambda seconds: cap(min(seconds, 2)); "
        "from cs_align.cli import main; sys.argv = ['cs-align', *sys.argv[1:]]; main()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", limited, "report", "plan.yaml", "-o", "r.md", "--template", "tpl"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def children() -> list[int]:
        found = subprocess.run(
            ["pgrep", "-f", str(tmp_path)], capture_output=True, text=True, check=False
        ).stdout
        return [int(pid) for pid in found.split() if int(pid) != process.pid]

    try:
        end = time.monotonic() + 20
        while not children() and time.monotonic() < end:
            time.sleep(0.1)
        assert children(), "the render child never started"
        assert process.poll() is None, "the parent ended by itself"
        process.kill()  # the parent, at once: its clean-up never runs
        process.wait()
        assert children(), "the render child ended with its parent, not by its own limit"
        end = time.monotonic() + 40  # 2 s of CPU, on a loaded machine
        while children() and time.monotonic() < end:
            time.sleep(0.2)
        assert not children(), "the render child outlived its parent"
    finally:
        for pid in children():
            os.kill(pid, signal.SIGKILL)


def test_a_render_in_a_process_holding_a_thousand_files(tmp_path: Path) -> None:
    # Before: a library user's process with over 1,023 descriptors open (a server's sockets)
    # had every report refused as the template's fault: 'report.md: template error:
    # filedescriptor out of range in select() — check the expression on this line'. Now the
    # report renders.
    import resource

    from cs_align import templating

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("cannot open 1,100 files here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        page = tmp_path / "report.md"
        page.write_text("cost {{ x }}\n", encoding="utf-8")
        assert templating.render("md", {"x": 12}, page) == "cost 12\n"
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_render_with_no_process_to_spare_renders_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: fork refused (EAGAIN at a process limit, ENOMEM) read as the template's fault,
    # 'report.md: template error: [Errno 11] Resource temporarily unavailable — check the
    # expression on this line', and the pipe's two descriptors were left open. Now the report
    # renders in the process, under its time and memory limits, as where there is no fork.
    from cs_align import templating

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    page = tmp_path / "report.md"
    page.write_text("cost {{ x }}\n", encoding="utf-8")
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    monkeypatch.setattr(templating.os, "fork", refused)
    assert templating.render("md", {"x": 12}, page) == "cost 12\n"
    if before:
        assert len(os.listdir("/proc/self/fd")) == before  # no pipe left open


def test_a_render_with_no_descriptor_to_spare_renders_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: a process at its open-file limit read as the template's fault, 'report.md:
    # template error: [Errno 24] Too many open files — check the expression on this line'.
    # Now the report renders in the process, as where fork is refused.
    from cs_align import templating

    def refused() -> tuple[int, int]:
        raise OSError(24, "Too many open files")

    page = tmp_path / "report.md"
    page.write_text("cost {{ x }}\n", encoding="utf-8")
    monkeypatch.setattr(templating.os, "pipe", refused)
    assert templating.render("md", {"x": 12}, page) == "cost 12\n"
