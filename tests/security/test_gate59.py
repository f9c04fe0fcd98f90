"""Review gate59: loosening the gate from the workflow, and plans the gate could not mend.

1. A limit of 100% or more was shown a hundredth or a tenth of itself (`--max-budget-increase
   1000%` read "1%", 200% "2%") in `--show-config` and in every note naming a limit.
2. Under review, a flag that loosens the trusted policy (the Action's `fail-on` and `args`
   inputs, from the pull request's own copy of the workflow in a `pull_request` run) was
   obeyed with no word: `--fail-on error` over main's `fail_on: warning`,
   `--max-budget-increase 1000%` over its 5% cap, exit 0. It is now a policy-overridden
   finding in every format, naming the flag, where it was written and the setting it
   overrides."""

from __future__ import annotations

import json

import pytest

from tests.conftest import invoke
from tests.security.conftest import ALIGNED, Repo, cli, on_main

__all__ = ["cli", "invoke"]

CEILING = ALIGNED.replace("max_occupancy: 85%", "max_occupancy: 50%")  # two warnings, no error
GROWN = ALIGNED.replace("total: 1540241", "total: 1840241").replace(
    "tooling: 82800", "tooling: 382800"
)  # +19.48%: past main's 5% cap


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1000%", "1000%"), ("200%", "200%"), ("100%", "100%"), ("5.50%", "5.5%")],
)
def test_a_limit_of_a_hundred_percent_or_more_is_shown_as_written(
    repo: Repo, cli: object, written: str, shown: str
) -> None:
    said = cli("diff", "--show-config", "--max-budget-increase", written)  # type: ignore[operator]
    assert said.code == 0, said.err
    line = next(x for x in said.out.splitlines() if x.startswith("max_budget_increase"))
    assert f" {shown} (block)" in line, line


def _finding(out: str, rule: str) -> dict[str, object]:
    data = json.loads(out)
    plans = data["plans"] if "plans" in data else [data["diff"]["plan"]]
    return next((f for f in plans[0]["findings"] if f["rule"] == rule), {})


def test_a_flag_that_loosens_the_trusted_policy_is_said(repo: Repo, cli: object) -> None:
    on_main(repo, {".cs-align.yaml": "fail_on: warning\nguardrails:\n  max_budget_increase: 5%\n"})
    repo.write("plans/acme.yaml", CEILING)
    repo.commit("a ceiling the team passes")
    check = ("check", "plans/", "--policy-ref", "main", "-f", "json")
    loose = cli(*check, "--fail-on", "error")  # type: ignore[operator]
    assert loose.code == 0, loose.err  # obeyed: the command line is the workflow's
    said = _finding(loose.out, "policy-overridden")
    assert said["severity"] == "info", said
    assert (
        "--fail-on error, from the command line, overrides fail_on: warning (main:.cs-align.yaml)"
        in str(said["message"])
    ), said
    # A flag as strict as main's, or stricter, is not said; nor is any without --policy-ref.
    assert _finding(cli(*check, "--fail-on", "info").out, "policy-overridden") == {}  # type: ignore[operator]
    assert (
        _finding(cli(*check[:2], "-f", "json", "--fail-on", "error").out, "policy-overridden") == {}
    )  # type: ignore[operator]
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("more tooling")
    diffed = cli(  # type: ignore[operator]
        "diff",
        "--base-ref",
        "main",
        "--max-budget-increase",
        "1000%",
        "plans/acme.yaml",
        "-f",
        "github",
    )
    assert diffed.code == 0, diffed.out
    assert (
        "title=policy-overridden::this run does not judge by main's policy alone: "
        "--max-budget-increase 1000%25 (block), from the command line, overrides "
        "max_budget_increase: 5%25 (block) (main:.cs-align.yaml)" in diffed.out
    ), diffed.out


def test_the_action_s_names_for_its_inputs_do_not_outlast_its_run(
    repo: Repo, cli: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Action names the inputs its flags come from for its own run only: a process that
    goes on (a program running the Action's module, then the command line) says "the
    command line" again."""
    from cs_align import action, config

    monkeypatch.setenv("INPUT_FAIL_ON", "error")
    monkeypatch.chdir(repo.root)
    out = repo.root.parent / "out"
    out.mkdir()
    (out / "check-args").write_bytes(b"--policy-ref\0main\0--fail-on\0error\0--\0plans/\0")
    (out / "gone.z").write_bytes(b"")
    action.main(["--check", str(out), "main", "", "--base-ref", "main", "--fail-on", "error"])
    assert config.FLAG_ORIGINS == {}


NEXT_YEAR = ALIGNED.replace(
    "start: 2027-01-01, end: 2027-12-31", "start: 2028-01-01, end: 2028-12-31"
)


def _tripped(out: str) -> dict[str, str]:
    return {t["guardrail"]: t["message"] for t in json.loads(out)["diff"]["guardrails"]}


@pytest.mark.parametrize(
    ("period", "total", "tooling", "said"),
    [
        # 2027's plan moved to 2028 with 20% more: it spent nothing in 2027, the days the
        # base's limit judged it over, so +20% read as a cut.
        (
            "start: 2028-01-01, end: 2028-12-31",
            "1848289",
            "390848",
            "increases by 308,048 USD (20%)",
        ),
        # Eighteen months from July, 30% more a day: a third of it in 2027, read as -35%.
        (
            "start: 2027-07-01, end: 2028-12-31",
            "3003470",
            "1546029",
            "for a period as long as the base's increases by 462,072.33 USD (30%)",
        ),
    ],
)
def test_a_plan_moved_past_its_base_s_period_is_held_to_the_increase_limit(
    repo: Repo, cli: object, period: str, total: str, tooling: str, said: str
) -> None:
    moved = (
        ALIGNED.replace("start: 2027-01-01, end: 2027-12-31", period)
        .replace("total: 1540241", f"total: {total}")
        .replace("tooling: 82800", f"tooling: {tooling}")
    )
    repo.write("plans/acme.yaml", moved)
    repo.commit("a later period, and more money")
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")  # type: ignore[operator]
    assert diffed.code == 1, diffed.out
    tripped = _tripped(diffed.out)
    assert said in tripped.get("max_budget_increase", ""), tripped
    # The same money a day, moved: no increase.
    repo.write("plans/acme.yaml", NEXT_YEAR)
    repo.commit("next year, the same money")
    same = cli("diff", "--base-ref", "main", "plans/acme.yaml", "-f", "json")  # type: ignore[operator]
    assert "max_budget_increase" not in _tripped(same.out), same.out


def test_a_config_named_on_the_command_line_that_loosens_the_trusted_one_is_said(
    repo: Repo, cli: object
) -> None:
    """`--config other/.cs-align.yaml` (a config main holds for another folder, `fail_on:
    error` alone) in the Action's args dropped main's 5% cap: +19.48% passed, exit 0, with
    no word. It is obeyed, as a flag is, and said."""
    on_main(repo, {"other/.cs-align.yaml": "fail_on: error\n"})
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("more tooling")
    diffed = cli(  # type: ignore[operator]
        "diff",
        "--base-ref",
        "main",
        "--config",
        "other/.cs-align.yaml",
        "plans/acme.yaml",
        "-f",
        "json",
    )
    said = str(_finding(diffed.out, "policy-overridden").get("message", ""))
    assert (
        "--config other/.cs-align.yaml, from the command line, gives max_budget_increase: (unset) "
        "over max_budget_increase: 5% (block) (main:.cs-align.yaml)" in said
    ), diffed.out
    # The config the search finds, named: nothing said.
    same = cli(  # type: ignore[operator]
        "diff", "--base-ref", "main", "--config", ".cs-align.yaml", "plans/acme.yaml", "-f", "json"
    )
    assert same.code == 1 and _finding(same.out, "policy-overridden") == {}, same.out
