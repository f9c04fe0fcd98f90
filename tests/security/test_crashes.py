"""No input makes cs-align crash: every cause found is unusable input (exit 2) with its
file:line:col and a fix, and whatever nobody has found yet is one line and exit 2 too, for
the one plan it hits in a batch. Exit 1 means findings to CI, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cs_align.errors import UsageError
from cs_align.repo import confine
from tests.conftest import Invoke
from tests.security.conftest import ALIGNED, Repo, Result

Cli = Callable[..., Result]

BIG = """version: 1
organisation: Big
currency: USD
strategy: delight
promise: "x"
channels:
  - {id: phone, kind: voice, hours: 24x7, volume: 300000/hour, handle_time: 59m,
     target: {service_level: "99% in 1s"}, agents: 10}
staffing: {agents: 10, shrinkage: 32%, paid_hours_per_fte: 1800/year, loaded_cost_per_fte: 62000}
budget: {total: 1000000}
"""
TOO_MANY = "plans/big.yaml:7:51: channels[phone].volume: needs more than 200,000 agents"


def _clean(result: Result) -> None:
    """Exit 2 with one message a problem, never a traceback."""
    assert result.code == 2, result.err
    assert "Traceback" not in result.err


# ---- a queue beyond 200,000 agents -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("check", "plans/big.yaml"),
        ("diff", "plans/acme.yaml", "plans/big.yaml"),
        ("promise", "plans/big.yaml"),
        ("whatif", "plans/big.yaml"),
        ("fix", "plans/big.yaml"),
        ("report", "plans/big.yaml", "-o", "big.md"),
        ("explain", "staffing-meets-targets", "--plan", "plans/big.yaml"),
    ],
    ids=lambda args: args[0],
)
def test_a_queue_beyond_200000_agents_is_the_plans_error_at_its_volume(
    repo: Repo, cli: Cli, args: tuple[str, ...]
) -> None:
    repo.write("plans/big.yaml", BIG)
    result = cli(*args)
    _clean(result)
    assert TOO_MANY in result.err
    assert "9000/month, not 9000/hour" in result.err and "split a larger" in result.err


def test_a_batch_with_a_queue_too_large_still_reports_the_other_plans(repo: Repo, cli: Cli) -> None:
    repo.write("plans/big.yaml", BIG)
    result = cli("check", "plans/", "-f", "json", "-f", "sarif:out.sarif", "-f", "github:gh.txt")
    _clean(result)
    data = json.loads(result.out)
    assert [p["path"] for p in data["plans"]] == ["plans/acme.yaml"]
    assert data["errors"][0]["line"] == 7 and "200,000 agents" in data["errors"][0]["message"]
    sarif = json.loads((repo.root / "out.sarif").read_text())
    assert any("200,000 agents" in r["message"]["text"] for r in sarif["runs"][0]["results"])
    assert "file=plans/big.yaml,line=7,col=51" in (repo.root / "gh.txt").read_text()


def test_a_stress_that_makes_a_queue_too_large_names_the_volume(repo: Repo, cli: Cli) -> None:
    big = BIG.replace("300000/hour", "30000/hour")  # 29,500 Erlangs: sized as planned
    repo.write("plans/big.yaml", big)
    assert cli("check", "plans/big.yaml").code == 1
    result = cli("whatif", "plans/big.yaml", "--vary", "volume=+1000%")
    _clean(result)
    assert TOO_MANY in result.err and "under a what-if or stress" in result.err


def test_the_queueing_calculator_refuses_a_queue_too_large(invoke: Invoke) -> None:
    result = invoke("staff", "--volume", "1000000000/h", "--aht", "1h")
    _clean(result)
    assert "--volume 1000000000/h with --aht 1h is a queue of more than 200,000" in result.err


# ---- control characters in the names of files ------------------------------------------------

NUL_IN_PLAN = {
    "strategy": ('strategy: "x\\0.yaml"', "8:11: strategy"),
    "primary": ('strategy: {primary: "x\\0.yaml"}', "8:21: strategy.primary"),
    "by_channel": (
        'strategy: {primary: delight, by_channel: {email: "x\\e.yaml"}}',
        "8:50: strategy.by_channel.email",
    ),
    "by_segment": (
        'strategy: {primary: delight, by_segment: {vip: "x\\0.yaml"}}\n'
        "segments: [{id: vip, share: 10%}]",
        "8:48: strategy.by_segment.vip",
    ),
    "segment": (
        'strategy: delight\nsegments: [{id: vip, share: 10%, strategy: "\\0"}]',
        "9:44: segments[vip].strategy",
    ),
}


@pytest.mark.parametrize("name", NUL_IN_PLAN)
def test_a_control_character_escaped_into_a_strategy_reference_is_refused_where_written(
    tmp_path: Path, invoke: Invoke, name: str
) -> None:
    new, where = NUL_IN_PLAN[name]
    (tmp_path / "plan.yaml").write_text(ALIGNED.replace("strategy: delight", new, 1))
    for command in ("check", "diff", "promise", "whatif", "fix"):
        args = ("diff", "plan.yaml", "plan.yaml") if command == "diff" else (command, "plan.yaml")
        result = invoke(*args, cwd=tmp_path)
        _clean(result)
        assert f"plan.yaml:{where}: " in result.err
        assert "holds the control character U+00" in result.err and "without escapes" in result.err


def test_a_strategy_file_cannot_extend_a_name_with_a_nul(tmp_path: Path, invoke: Invoke) -> None:
    (tmp_path / "ours.yaml").write_text('id: ours\nname: Ours\nextends: "delight\\0.yaml"\n')
    (tmp_path / "plan.yaml").write_text(ALIGNED.replace("strategy: delight", "strategy: ours.yaml"))
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    _clean(result)
    assert "ours.yaml:3:10: extends: 'delight\\x00.yaml' holds the control character" in result.err


CONFIGS = {
    "yaml-strategy": (".cs-align.yaml", 'strategy: "x\\0.yaml"\n', "1:11: strategy"),
    "yaml-format": (".cs-align.yaml", 'format: "github:x\\0y"\n', "1:9: format"),
    "yaml-waivers": (".cs-align.yaml", 'waivers: ["w\\e.yaml"]\n', "1:11: waivers[0]"),
    "toml-strategy": (
        "pyproject.toml",
        '[tool.cs-align]\nstrategy = "x\\u0000.yaml"\n',
        "2:12: strategy",
    ),
    "toml-format": (
        "pyproject.toml",
        '[tool.cs-align]\nformat = "github:x\\u0000y"\n',
        "2:10: format",
    ),
}


def _without_config(repo: Repo) -> None:
    """main (the policy) without a config: a config the pull request adds applies."""
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.commit("no config")
    repo.git("branch", "-f", "main")


@pytest.mark.parametrize("name", CONFIGS)
def test_a_config_cannot_name_a_file_with_a_control_character(
    repo: Repo, cli: Cli, name: str
) -> None:
    _without_config(repo)
    file, text, where = CONFIGS[name]
    repo.write(file, text)
    result = cli("check", "plans/acme.yaml")
    _clean(result)
    assert f"{file}:{where}: " in result.err and "holds the control character" in result.err
    # Under review a config the pull request adds is not even read: it is a policy change.
    for args in (
        ("check", "--policy-ref", "main", "plans/acme.yaml"),
        ("diff", "--base-ref", "main", "plans/acme.yaml"),
    ):
        result = cli(*args)
        assert result.code == 1 and f"{file} added" in result.out, args


def test_a_nul_never_reaches_the_file_system() -> None:
    from cs_align.errors import Problem

    named_by = Problem(file="plan.yaml", line=3, column=4, message="'x'")
    with pytest.raises(UsageError, match="holds a NUL character") as caught:
        confine(Path("x\0y.yaml"), Path.cwd(), False, named_by, "strategy file")
    assert caught.value.problems[0].line == 3


# ---- the resilience stress -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience: {aht: +99999999999%, at_least: at-risk}\n",
            ".cs-align.yaml:2:21: guardrails.resilience.aht: aht=+99999999999%",
        ),
        (
            "pyproject.toml",
            '[tool.cs-align.guardrails]\nresilience = {aht = "+99999999999%", at_least = '
            '"at-risk"}\n',
            "pyproject.toml:2:21: guardrails.resilience.aht: aht=+99999999999%",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  resilience: {aht: +300d}\n",
            ".cs-align.yaml:2:21: guardrails.resilience.aht: aht=+300d",
        ),
    ],
)
def test_an_extreme_stress_in_the_config_is_refused_where_written(
    repo: Repo, cli: Cli, file: str, text: str, where: str
) -> None:
    _without_config(repo)
    repo.write(file, text)
    result = cli("check", "plans/acme.yaml")
    _clean(result)
    assert where in result.err and "beyond what a stress can mean" in result.err
    assert "+1000% (relative), ±24h (aht)" in result.err
    reviewed = cli("check", "--policy-ref", "main", "plans/")  # an added config: not read
    assert reviewed.code == 1 and f"{file} added" in reviewed.out
    (repo.root / file).unlink()
    repo.write(".cs-align.yaml", "guardrails:\n  resilience: {volume: +1000%}\n")
    result = cli("check", "plans/acme.yaml")  # the largest stress allowed is judged
    assert result.code == 1 and "resilience" in result.out


# ---- fix reads money as the plan model does --------------------------------------------------


@pytest.mark.parametrize(
    ("written", "cost"), [("2M", "-459759.00"), ("2000k", "-459759.00"), ("1.5M", "40241.00")]
)
def test_fix_takes_a_budget_written_in_any_documented_form(
    repo: Repo, cli: Cli, written: str, cost: str
) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", f"total: {written}"))
    result = cli("fix", "plans/acme.yaml", "-f", "json")
    assert result.code == 0, result.err
    change = json.loads(result.out)["changes"][0]
    assert (change["path"], change["before"], change["after"], change["cost"]) == (
        "budget.total",
        written,
        "1540241",
        cost,
    )


# ---- safety nets for what nobody has found yet -----------------------------------------------


def _broken_for(name: str, exc: Exception) -> Callable[..., object]:
    from cs_align.engine import check_file

    def check_file_or_fail(path: str, *args: object, **kwargs: object) -> object:
        if name in str(path):
            raise exc
        return check_file(path, *args, **kwargs)  # type: ignore[arg-type]

    return check_file_or_fail


FAULTS = {
    "internal": (
        ValueError("boom\nsecond line"),
        "plans/broken.yaml: internal error while checking this plan: ValueError: boom second "
        "line — please report it",
    ),
    "recursion": (
        RecursionError("maximum recursion depth exceeded"),
        "plans/broken.yaml: the input nests too deeply to process — flatten it",
    ),
    "os": (
        OSError(5, "Input/output error"),
        "plans/broken.yaml: cannot be checked: Input/output error — check the file",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_checking_one_plan_is_that_plans_problem(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    from cs_align.commands import check as command

    exc, wording = FAULTS[fault]
    repo.write("plans/broken.yaml", ALIGNED)
    monkeypatch.setattr(command, "check_file", _broken_for("broken", exc))
    result = cli("check", "plans/", "-f", "json", "-f", "sarif:out.sarif", "-f", "junit:out.xml")
    _clean(result)
    assert wording in result.err
    data = json.loads(result.out)
    assert [p["path"] for p in data["plans"]] == ["plans/acme.yaml"]
    assert data["errors"][0]["file"] == "plans/broken.yaml"
    assert wording.split(": ", 1)[1][:20] in (repo.root / "out.sarif").read_text()
    assert "plans/acme.yaml" in (repo.root / "out.xml").read_text()


def test_any_other_fault_is_one_line_and_exit_2(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cs_align.commands import promise as command

    def fail(*args: object) -> str:
        raise KeyError("\x1b[2Jgone")

    monkeypatch.setattr(command, "run_promise", fail)
    result = cli("promise", "plans/acme.yaml")
    assert result.code == 2
    assert result.err == ("cs-align: internal error: KeyError: '\\x1b[2Jgone' — please report it\n")
    debug = cli("promise", "plans/acme.yaml", env={"CS_ALIGN_DEBUG": "1"})
    assert debug.code == 2 and "Traceback" in debug.err and "in fail" in debug.err
    assert debug.err.endswith("— please report it\n")
