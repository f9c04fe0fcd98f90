"""Review attack58: a config moved between the names cs-align reads it under.

main's `.cs-align.yaml` caps a budget increase at 5%. A pull request that moves the
settings to `.cs-align.yml` or to pyproject.toml's `[tool.cs-align]` (deleting the old
file, as the message asked) was refused: "two config files apply: .cs-align.yaml and
.cs-align.yml — keep the cs-align settings in one of them and delete the other", exit 2,
with --allow-policy-change too: no reviewed move could ever pass. Each side of the change
has one config: the trusted one judges, and the move is a policy change."""

from __future__ import annotations

import json

import pytest

from tests.security.conftest import ALIGNED, Repo, cli

__all__ = ["cli"]

GROWN = ALIGNED.replace("total: 1540241", "total: 1700000").replace(
    "goodwill: 25001", "goodwill: 184760"
)  # +10.37%: past main's 5% cap, within the moved config's 50%

MOVES = {
    ".cs-align.yml": "guardrails:\n  max_budget_increase: 50%\n",
    "pyproject.toml": '[project]\nname = "plans"\n\n[tool.cs-align.guardrails]\n'
    'max_budget_increase = "50%"\n',
}


def _moved(repo: Repo, to: str) -> None:
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write(to, MOVES[to])
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("settings moved, budget grown")


@pytest.mark.parametrize("to", [*MOVES])
def test_a_config_moved_to_another_name_is_a_policy_change_judged_by_the_trusted_one(
    repo: Repo, cli: object, to: str
) -> None:
    _moved(repo, to)
    checked = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert checked.code == 1, checked.err
    findings = json.loads(checked.out)["plans"][0]["findings"]
    said = next(f["message"] for f in findings if f["rule"] == "policy-changed")
    assert ".cs-align.yaml deleted" in said and f"{to} added" in said, said
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml")  # type: ignore[operator]
    assert diffed.code == 1, diffed.err
    assert "max_budget_increase" in diffed.out and "(5%)" in diffed.out, diffed.out


@pytest.mark.parametrize("to", [*MOVES])
def test_a_config_move_accepted_judges_by_the_moved_config(
    repo: Repo, cli: object, to: str
) -> None:
    _moved(repo, to)
    checked = cli(  # type: ignore[operator]
        "check", "plans/", "--policy-ref", "main", "--allow-policy-change", "-f", "json"
    )
    assert checked.code == 0, checked.err
    findings = json.loads(checked.out)["plans"][0]["findings"]
    said = next(f for f in findings if f["rule"] == "policy-changed")
    assert said["severity"] == "info" and ".cs-align.yaml deleted" in said["message"], said
    diffed = cli(  # type: ignore[operator]
        "diff", "--base-ref", "main", "plans/acme.yaml", "--allow-policy-change"
    )
    assert diffed.code == 0, diffed.out + diffed.err


def test_two_configs_the_change_leaves_side_by_side_still_apply_twice(
    repo: Repo, cli: object
) -> None:
    # Not a move: merged, both would apply.
    repo.write(".cs-align.yml", MOVES[".cs-align.yml"])
    repo.commit("a second config")
    for accept in ([], ["--allow-policy-change"]):
        checked = cli("check", "plans/", "--policy-ref", "main", *accept)  # type: ignore[operator]
        assert checked.code == 2, checked.out
        assert "two config files apply: .cs-align.yaml and .cs-align.yml" in checked.err
