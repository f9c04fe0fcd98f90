"""Shared helpers: the example plans, the command line in process (`repo` and `cli`), and
as a separate process where the process itself is under test (`run`)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
# pytest-xdist's workers set COLUMNS=80, which the table format honours for a pipe: every
# output is tested as a pipe without it gives it (100 wide), in process and in subprocesses.
os.environ.pop("COLUMNS", None)
EXAMPLES = ROOT / "examples"
# Bytecode is cached, whatever PYTHONDONTWRITEBYTECODE says (set on some CI images and
# containers): without it every xdist worker rewrites the assertions of every test module on
# each run (~5 s of a worker's ~7 s collection), and every `python -m cs_align` the suite
# starts (hundreds, the Action's script several per test) compiles cs_align from source
# (0.40 s a start instead of 0.28 s). The .pyc files go where Python puts them by default
# (__pycache__, ignored by git); what runs is the same code.
sys.dont_write_bytecode = False
GOOD = (EXAMPLES / "delight-aligned.yaml").read_text(encoding="utf-8")

# Property tests judge what a function returns, never how long one example takes on the
# clock: Hypothesis's default deadline (200 ms an example) and its too-slow health check
# failed examples of microseconds that a loaded machine paused ("Unreliable test timings!
# … took 340 ms … on a subsequent run it took 0.08 ms"). A test that means a time bound says
# so itself (in CPU time, or a limit of cs-align's own).
#
# The suite runs each property's examples as its test states them (`suite`, Hypothesis's 100
# where it states none), new ones each run; `--hypothesis-profile=search` runs ten times as
# many, to hunt for a case the suite has not met (e.g. `python -m pytest --hypothesis-profile=search
# tests/test_fix.py`). A property says how many it runs through `examples`.
settings.register_profile(
    "suite", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("search", settings.get_profile("suite"), max_examples=1000)
# In CI (GitHub Actions and most runners set CI) the suite draws the same examples every run:
# a pull request is judged by its own change, never by a new example that a run happened to
# draw (test_fix's generated genius plans failed at times, an idempotence defect fixed since,
# review idem60). Hunting for new cases is the `search` profile's job, and local runs still
# draw new ones each time.
settings.register_profile("ci", settings.get_profile("suite"), derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "suite")


def examples(count: int) -> int:
    """A property's examples: ``count`` in Hypothesis's own terms (its default is 100), scaled
    by the profile loaded: ``count`` in the suite, ``count * 10`` in `search`. Read when
    the test module is imported, after pytest has loaded the profile it was given."""
    return max(1, count * settings.default.max_examples // 100)


def flow_yaml(value: Any) -> str:
    """A Python value as YAML flow text, typed exactly: strings quoted (so `"80%"` and
    `"6_200_000"` stay text, as YAML 1.2 editors read them), numbers bare."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {flow_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_yaml(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "cs_align", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def plan_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def pytest_configure(config: pytest.Config) -> None:
    """Compile cs_align once, before the workers start, for the processes the suite runs:
    they inherit PYTHONDONTWRITEBYTECODE and would compile it again at each start."""
    if not hasattr(config, "workerinput"):  # the controller (or the only process)
        import compileall

        compileall.compile_dir(ROOT / "src", quiet=1)
        if config.option.basetemp is None and "PYTEST_DEBUG_TEMPROOT" not in os.environ:
            memory = _memory_folder()
            if memory is not None:  # the workers inherit it, and their folders are below
                os.environ["PYTEST_DEBUG_TEMPROOT"] = memory


def _memory_folder() -> str | None:
    """/dev/shm when it is a tmpfs that may run programs, for the tests' temporary folders.

    The suite makes and removes ~25,000 files and folders (repositories copied per test,
    plans, reports); on a disk mounted with `discard` removing them cost more than a minute
    of the suite's time (rmdir ~2 ms a folder), on a tmpfs almost nothing. Only where
    tmp_path lives changes: --basetemp or PYTEST_DEBUG_TEMPROOT, when given, decide; the
    files and what the tests do with them are the same (they run programs from their
    folders, hence no `noexec`)."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in mounts:
        fields = line.split()
        if len(fields) >= 4 and fields[1] == "/dev/shm" and fields[2] == "tmpfs":
            usable = "noexec" not in fields[3].split(",") and os.access("/dev/shm", os.W_OK)
            return "/dev/shm" if usable and _free("/dev/shm") >= ROOM else None
    return None


ROOM = 1 << 30
"""Bytes a memory folder must have free to hold the tests' files: a container's /dev/shm is
often 64 MB, which a full run's repositories could fill (then the disk it is)."""


def _free(folder: str) -> int:
    try:
        found = os.statvfs(folder)
    except OSError:
        return 0
    return found.f_bavail * found.f_frsize


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from the current output."
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden.

    cs-align's version is masked as `<version>`, so a release changes no golden file."""

    def check(name: str, text: str) -> None:
        from cs_align import __version__

        text = re.sub(rf"(?<![\w.]){re.escape(__version__)}(?![\w.])", "<version>", text)
        path = ROOT / "tests" / "golden" / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {name}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from its golden file; if the change is meant, run "
            "`python -m pytest --update-golden` and review the diff"
        )

    return check


@contextmanager
def unless_it_hangs(seconds: float) -> Iterator[None]:
    """Fail the test, rather than hang its worker, should the block not end in ``seconds``:
    the alarm that bounds cs-align's own work interrupts a blocked open() or read() as it
    does a loop. (What cs-align makes of the interruption, an error of its own, fails the
    test's assertions as well.)"""
    from cs_align.deadline import Overtime, within

    try:
        with within(seconds):
            yield
    except Overtime:
        pytest.fail(f"still blocked after {seconds} s")


# ---- in process: a temporary git repository and the CLI's main() ---------------------------


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Repo:
    root: Path
    outside: Path

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        ).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message)

    def victim(self) -> Path:
        return self.outside / "victim.txt"


def _build_repo(tmp_path: Path) -> Repo:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("the victim's data\n")
    made = Repo(root, outside)
    made.git("init", "-q", "-b", "main")
    made.git("config", "user.email", "ci@example.com")
    made.git("config", "user.name", "CI")
    # git starts `git maintenance run --auto` after every commit, a process that finds
    # nothing to do in a repository of a few commits: one in twenty of the suite's processes.
    # What cs-align reads is the same (it never commits).
    made.git("config", "maintenance.auto", "false")
    made.write("plans/acme.yaml", GOOD)
    made.write(".cs-align.yaml", "guardrails:\n  max_budget_increase: 5%\n")
    made.commit("base")
    made.git("checkout", "-qb", "pr")
    return made


@pytest.fixture(scope="session")
def _repo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `repo` fixture's folders, built once a session (seven git processes); each test
    gets its own copy, so what one test writes or commits no other test sees.

    Its objects are packed (as `git gc` may do in any repository) and git's sample hooks
    (never run, and whatever this machine's git template holds) left out: a copy is 32
    entries, not 53, to write and to remove."""
    built = _build_repo(tmp_path_factory.mktemp("repo-template"))
    built.git("repack", "-adqn")
    built.git("prune-packed")
    for sample in (built.root / ".git" / "hooks").glob("*.sample"):
        sample.unlink()
    return built.root.parent


@pytest.fixture
def repo(tmp_path: Path, _repo_template: Path) -> Repo:
    """main: plans/acme.yaml (aligned) and a config with a 5% increase cap; then on `pr`.

    A copy of one repository built for the session: the same files, history and branch as
    building it here, in a tenth of the time. Git's index is refreshed for the copies' new
    inodes and times, so even plumbing that trusts the index sees a clean work tree."""
    for name in ("repo", "outside"):
        shutil.copytree(_repo_template / name, tmp_path / name, symlinks=True)
    made = Repo(tmp_path / "repo", tmp_path / "outside")
    made.git("update-index", "-q", "--refresh")
    return made


@pytest.fixture(scope="session", autouse=True)
def _command_tree_built_once() -> Iterator[None]:
    """typer turns the app's functions into click's command tree on each `app()` call,
    reading every command's signature (~14 ms); a CLI process does that once. The suite's
    thousand-odd in-process runs (`invoke`, `cli`, typer's CliRunner) share one tree per
    app, as click's own test runner reuses a command: each run still parses its arguments
    in a context of its own, and the tree is built by typer's own code, from the same app."""
    import typer.main
    import typer.testing

    build = typer.main.get_command
    built: dict[int, tuple[object, Any]] = {}

    def once(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, build(app))  # the app held, so its id stays its own
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_command", once)
        patch.setattr(typer.testing, "_get_command", once)
        yield


def _clear_caches() -> None:
    """A CLI process starts with empty caches of what it reads; so does each in-process run.
    Every cache of the modules that read the file system and git is emptied (a test changes
    both between runs, and some answers depend on the working directory); pure caches (parsed
    units, the strategies' ranking table) stay warm."""
    from cs_align import organisations, repo, strategy

    strategy.load_strategy.cache_clear()
    repo.close_readers()  # what a test read through the library directly, not via main()
    for module in (repo, organisations):
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


Invoke = Callable[..., Result]
"""`invoke(*args, cwd=…, env=…, stdin=…)`: `cs-align ARGS` run in process."""


def _main_in_process(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
) -> Result:
    """`cs-align ARGS` as its process would run it: main() from ``cwd``, with a clean
    cs-align environment (no CS_ALIGN_* but ``env``), ``stdin`` as standard input, and exit
    code, stdout and stderr captured. Plans are checked in this process
    (CS_ALIGN_WORKERS=1 unless ``env`` says otherwise): worker pools are tested as
    processes."""
    from cs_align.cli import main

    _clear_caches()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    with monkeypatch.context() as patch:
        patch.chdir(cwd)
        patch.setattr(sys, "argv", ["cs-align", *args])
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        for name in [n for n in os.environ if n.startswith("CS_ALIGN_")]:
            patch.delenv(name)
        # main() sets this for its own process; here it is undone after the run.
        patch.setenv(
            "PYDANTIC_DISABLE_PLUGINS", os.environ.get("PYDANTIC_DISABLE_PLUGINS", "__all__")
        )
        patch.setenv("CS_ALIGN_WORKERS", "1")
        patch.delenv("PYTHONSAFEPATH", raising=False)  # a batch sets it for its workers
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            for number, handler in handlers.items():  # main() installs its own
                if handler is not None:  # None: set outside Python, left as it is
                    signal.signal(number, handler)
        captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Invoke:
    """Run `cs-align ARGS` in process from ``cwd`` (default: the project root, where
    `examples/` is), as `python -m cs_align ARGS` would; see `_main_in_process`."""

    def run_main(
        *args: str,
        cwd: Path = ROOT,
        env: Mapping[str, str] | None = None,
        stdin: bytes = b"",
    ) -> Result:
        return _main_in_process(monkeypatch, capsys, args, cwd, env, stdin)

    return run_main


@pytest.fixture
def cli(repo: Repo, invoke: Invoke) -> Callable[..., Result]:
    """Run `cs-align ARGS` in process, from the repository root, as the CLI's main() does."""

    def run_in_repo(*args: str, env: Mapping[str, str] | None = None) -> Result:
        return invoke(*args, cwd=repo.root, env=env)

    return run_in_repo


# ---- order: the longest tests first --------------------------------------------------------

LONGEST_FIRST = (
    "tests/test_gate.py::test_pre_commit_hook_runs_through_try_repo",
    "tests/test_report.py::test_html_renders_in_headless_chromium",
    "tests/action/",
)
"""Tests that run processes for seconds (pre-commit installs cs-align into a fresh
environment; Chromium starts to lay out reports; the Action runs its script for each
scenario). Run on several workers (`-n
auto`), the suite ends soonest when these start first rather than last."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next(
            (i for i, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)),
            len(LONGEST_FIRST),
        )

    items.sort(key=rank)  # stable: the rest keep their order
