"""Review attack59: what a pull request can do to the gate around its plans.

1. CS_ALIGN_* variables in the job's environment (a pull request edits its own copy of the
   workflow, or a step that runs its code writes them to $GITHUB_ENV) overrode main's
   config under --policy-ref / --base-ref, unsaid: `CS_ALIGN_FAIL_ON=error` passed a plan
   main's `fail_on: warning` fails, `CS_ALIGN_MAX_BUDGET_INCREASE=50%` passed a 19.5%
   raise past main's 5% cap, exit 0 both. A variable that loosens the trusted policy is now
   a policy change: said, not obeyed until accepted."""

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


def _said(out: str) -> str:
    findings = json.loads(out)["plans"][0]["findings"]
    return next((f["message"] for f in findings if f["rule"] == "policy-changed"), "")


def test_a_fail_on_the_environment_loosens_is_a_policy_change(repo: Repo, cli: object) -> None:
    on_main(repo, {".cs-align.yaml": "fail_on: warning\n"})
    repo.write("plans/acme.yaml", CEILING)
    repo.commit("a ceiling the team passes")
    env = {"CS_ALIGN_FAIL_ON": "error"}
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json", env=env)  # type: ignore[operator]
    assert checked.code == 1, checked.err
    said = _said(checked.out)
    assert "CS_ALIGN_FAIL_ON=error in the environment overrides fail_on: warning" in said, said
    # Accepted, it is obeyed and still said.
    accepted = cli(  # type: ignore[operator]
        "check", "plans/", "--policy-ref", "main", "--allow-policy-change", "-f", "json", env=env
    )
    assert accepted.code == 0, accepted.out
    assert "CS_ALIGN_FAIL_ON=error" in _said(accepted.out)
    # Stricter than main's is no change: obeyed, nothing said.
    on_main(repo, {".cs-align.yaml": "fail_on: error\n"})
    stricter = cli(  # type: ignore[operator]
        "check", "plans/", "--policy-ref", "main", "-f", "json", env={"CS_ALIGN_FAIL_ON": "warning"}
    )
    assert stricter.code == 1 and _said(stricter.out) == "", stricter.out
    # Without --policy-ref the environment decides, as documented.
    plain = cli("check", "plans/", env=env)  # type: ignore[operator]
    assert plain.code == 0, plain.out


@pytest.mark.parametrize(
    "env",
    [
        {"CS_ALIGN_MAX_BUDGET_INCREASE": "50%"},
        {"CS_ALIGN_MAX_BUDGET_INCREASE": "5%:warn"},
        {"CS_ALIGN_MAX_BUDGET_INCREASE": "400000"},
    ],
)
def test_a_guardrail_the_environment_loosens_still_blocks_and_is_said(
    repo: Repo, cli: object, env: dict[str, str]
) -> None:
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("more tooling")
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml", env=env)  # type: ignore[operator]
    assert diffed.code == 1, diffed.out
    assert "blocked by max_budget_increase" in diffed.out and "(5%)" in diffed.out, diffed.out
    name, value = next(iter(env.items()))
    assert f"{name}={value} in the environment overrides max_budget_increase: 5%" in diffed.out


def test_a_strategy_or_waivers_from_the_environment_are_a_policy_change(
    repo: Repo, cli: object
) -> None:
    repo.write("plans/acme.yaml", ALIGNED.replace("total: 1540241", "total: 1540242"))
    repo.commit("an edit")
    checked = cli(  # type: ignore[operator]
        "check",
        "plans/",
        "--policy-ref",
        "main",
        "-f",
        "json",
        env={"CS_ALIGN_STRATEGY": "fast-food"},
    )
    assert checked.code == 1, checked.out
    assert "CS_ALIGN_STRATEGY=fast-food in the environment overrides strategy: the plan's own" in (
        _said(checked.out)
    )
    # A waiver file main holds but its config does not name: granted, unsaid, before.
    waivers = (
        "waivers:\n  - {rule: occupancy-cap, reason: the team agreed this ceiling, "
        "owner: ops-team, expires: 2099-01-01}\n"
    )
    on_main(repo, {"policy/extra.yaml": waivers})
    repo.write("plans/acme.yaml", CEILING)
    repo.commit("a ceiling the team passes")
    env = {"CS_ALIGN_WAIVERS": "policy/extra.yaml", "CS_ALIGN_FAIL_ON": "warning"}
    waived = cli("check", "plans/", "--policy-ref", "main", "-f", "json", env=env)  # type: ignore[operator]
    assert waived.code == 1, waived.out
    assert "CS_ALIGN_WAIVERS=policy/extra.yaml in the environment overrides waivers: none" in (
        _said(waived.out)
    )


@pytest.mark.parametrize(
    ("to", "text"),
    [
        (".cs-align.yml", "guardrails:\n  max_budget_increase: 5%\n"),
        ("pyproject.toml", '[tool.cs-align.guardrails]\nmax_budget_increase = "5%"\n'),
    ],
)
def test_a_config_renamed_with_the_same_settings_reads_as_moved(
    repo: Repo, cli: object, to: str, text: str
) -> None:
    """2. A pure rename read ".cs-align.yaml deleted; .cs-align.yml added" (review attack57,
    left open): it is said as the move it is, and still reported."""
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write(to, text)
    repo.commit("the config renamed")
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert checked.code == 1, checked.err
    said = _said(checked.out)
    assert f".cs-align.yaml moved to {to}" in said and "(the same settings)" in said, said
    assert "deleted" not in said and "added" not in said, said
    accepted = cli(  # type: ignore[operator]
        "check", "plans/", "--policy-ref", "main", "--allow-policy-change", "-f", "json"
    )
    assert accepted.code == 0 and f".cs-align.yaml moved to {to}" in _said(accepted.out)


def test_a_config_renamed_and_loosened_is_still_deleted_and_added(repo: Repo, cli: object) -> None:
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write(".cs-align.yml", "guardrails:\n  max_budget_increase: 50%\n")
    repo.commit("the config renamed and loosened")
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    said = _said(checked.out)
    assert ".cs-align.yaml deleted" in said and ".cs-align.yml added" in said, said


WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"


@pytest.mark.parametrize("text", [WORKFLOW, "jobs:\n  test:\n    runs-on: ubuntu-latest\n"])
def test_a_config_holding_another_tool_s_file_is_said_to_be_one(
    repo: Repo, cli: object, text: str
) -> None:
    """3. `.cs-align.yaml` holding a workflow was "key 'on' is not text … quote it: "on":",
    a fix that led on to the next key; or "unknown key 'jobs' — remove it"."""
    repo.write(".cs-align.yaml", text)
    repo.commit("a workflow where the config was")
    for args in (
        ("check", "plans/"),
        ("check", "plans/", "--policy-ref", "main", "--allow-policy-change"),
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.code == 2, result.out
        line = 3 if text == WORKFLOW else 1
        assert f".cs-align.yaml:{line}:1: this is a GitHub Actions workflow (its `jobs:`)" in (
            result.err
        ), result.err
        assert "give that file another name" in result.err and "Traceback" not in result.err
    # Under review, not accepted, main's config judges and the change is said (exit 1).
    judged = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert judged.code == 1 and ".cs-align.yaml changed" in _said(judged.out), judged.out


def test_a_plan_main_cannot_read_is_said_to_be_judged_as_new(repo: Repo, cli: object) -> None:
    """A plan whose file main holds but cannot read (a duplicate key) was judged as the
    repository's first plan, with nothing said: a 65% raise passed `check --policy-ref`,
    exit 0."""
    on_main(repo, {"plans/acme.yaml": ALIGNED + "currency: USD\n"})
    repo.write(
        "plans/acme.yaml",
        ALIGNED.replace("total: 1540241", "total: 2540241").replace(
            "tooling: 82800", "tooling: 1082800"
        ),
    )
    repo.commit("mended, and a million more")
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert checked.code == 1, checked.out
    said = _said(checked.out)
    assert "plans/acme.yaml at main cannot be read (duplicate key 'currency'" in said, said
    assert "judged as a new plan" in said
