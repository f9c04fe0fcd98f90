"""Review attack58: a config moved between the names cs-align reads it under.

main's `.cs-align.yaml` caps a budget increase at 5%. A pull request that moves the
settings to `.cs-align.yml` or to pyproject.toml's `[tool.cs-align]` (deleting the old
file, as the message asked) was refused: "two config files apply: .cs-align.yaml and
.cs-align.yml — keep the cs-align settings in one of them and delete the other", exit 2,
with --allow-policy-change too: no reviewed move could ever pass. Each side of the change
has one config: the trusted one judges, and the move is a policy change."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Invoke, invoke
from tests.security.conftest import ALIGNED, Repo, cli, on_main

__all__ = ["cli", "invoke"]

GROWN = ALIGNED.replace("total: 1540241", "total: 1700000").replace(
    "goodwill: 25001", "goodwill: 184760"
)  # +10.37%: past main's 5% cap, within the moved config's 50%

OTHER = ALIGNED.replace("Example Delight Co", "Other Co")

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


def _git(folder: Path, *args: str) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, *args], cwd=folder, check=True, capture_output=True)


def test_a_folder_of_plans_made_a_submodule_is_a_policy_change(repo: Repo, cli: object) -> None:
    """main has plans/eu/acme.yaml; the change replaces plans/eu with a submodule holding
    the same acme.yaml. The check compared it with main's plans/eu/acme.yaml, an edit of
    nothing: exit 0, no note. Yet the change commits a pointer to another repository's
    commit, not the plan: its text is in no diff a reviewer reads, and every later change to
    it has no plan at main to be compared with (judged as a new plan, the 5% cap "cannot
    apply to it, so it is reported, not blocked")."""
    on_main(repo, {"plans/eu/acme.yaml": ALIGNED, "plans/acme.yaml": OTHER})
    vendor = repo.outside / "vendor"
    vendor.mkdir()
    (vendor / "acme.yaml").write_text(ALIGNED, encoding="utf-8")
    _git(vendor, "init", "-q", "-b", "main")
    _git(vendor, "add", "-A")
    _git(vendor, "commit", "-qm", "the plan, elsewhere")
    repo.git("rm", "-rq", "plans/eu")
    _git(
        repo.root,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(vendor),
        "plans/eu",
    )
    repo.commit("plans/eu is a submodule")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code == 1, result.out + result.err
    plans = {p["path"]: p["findings"] for p in json.loads(result.out)["plans"]}
    said = [f["message"] for f in plans["plans/eu/acme.yaml"] if f["rule"] == "policy-changed"]
    assert (
        said
        and (
            "plans/eu/acme.yaml lies in plans/eu, a git repository of its own inside this one (a "
            "submodule): the change commits a pointer to a commit there, not the plan"
        )
        in said[0]
    ), said
    assert not plans["plans/acme.yaml"], plans


def test_a_config_added_nearer_the_run_than_main_s_leaves_main_s_judging(
    repo: Repo, invoke: Invoke
) -> None:
    """Run from plans/, the search for the config stopped at plans/.cs-align.yaml, which
    the change adds (`fail_on: error` alone): main's top-level config, with its 5% cap, was
    never read. The addition was said, but approved by its id (main's policy still to
    judge) the diff passed a +10.37% budget, exit 0, judged by no cap at all."""
    repo.write("plans/.cs-align.yaml", "fail_on: error\n")
    repo.write("plans/acme.yaml", GROWN)
    repo.commit("a config of our own, and more money")
    here = repo.root / "plans"
    checked = invoke("check", ".", "--policy-ref", "main", "-f", "json", cwd=here)
    assert checked.code == 1, checked.err
    said = json.loads(checked.out)["plans"][0]["findings"][0]["message"]
    assert "plans/.cs-align.yaml added" in said, said
    approved = re.search(r"--approve-policy-change ([0-9a-f]{32})", checked.out)
    assert approved is not None, checked.out
    diffed = invoke(
        "diff", "--base-ref", "main", "acme.yaml", "--approve-policy-change", approved[1], cwd=here
    )
    assert diffed.code == 1, diffed.out + diffed.err
    assert (
        "blocked by max_budget_increase: budget total increases by 159,759 USD (10.37%); the "
        "limit is 77,012.05 USD (5%)"
    ) in diffed.out
    shown = invoke("check", "--policy-ref", "main", "--show-config", "-f", "json", cwd=here)
    settings = json.loads(shown.out)
    assert settings["config"] == ".cs-align.yaml", settings
    assert settings["settings"]["max_budget_increase"]["value"] == "5% (block)", settings


def test_a_strategy_file_moved_into_a_submodule_is_a_policy_change(repo: Repo, cli: object) -> None:
    """main's plan declares strategies/eu/ours.yaml; the change replaces strategies/eu by a
    submodule holding the same file. Read alike on both sides: no note, exit 0. Merged,
    every later run found no such file at main, read the submodule's as one the change
    adds, and judged the plan by it ("judged by main's policy and by the change's own
    ours.yaml (added)"): a bump of the submodule that disables answer-speed is a change no
    reviewer reads."""
    ours = "id: ours\nname: Ours\nextends: delight\npurpose: Delight, as we run it.\n"
    declared = ALIGNED.replace("strategy: delight", "strategy: ../strategies/eu/ours.yaml")
    on_main(repo, {"strategies/eu/ours.yaml": ours, "plans/acme.yaml": declared})
    vendor = repo.outside / "vendor"
    vendor.mkdir()
    (vendor / "ours.yaml").write_text(ours, encoding="utf-8")
    _git(vendor, "init", "-q", "-b", "main")
    _git(vendor, "add", "-A")
    _git(vendor, "commit", "-qm", "our strategy, elsewhere")
    repo.git("rm", "-rq", "strategies/eu")
    _git(
        repo.root,
        *("-c", "protocol.file.allow=always", "submodule", "add", "-q"),
        *(str(vendor), "strategies/eu"),
    )
    repo.commit("strategies/eu is a submodule")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code == 1, result.out + result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    said = [f["message"] for f in findings if f["rule"] == "policy-changed"]
    assert said and (
        "strategies/eu/ours.yaml moved into a git repository of its own (a submodule)" in said[0]
    ), said


@pytest.mark.parametrize("linked", [".cs-align.yaml", "strategies/ours.yaml", "strategies"])
def test_a_policy_file_put_behind_a_symbolic_link_is_a_policy_change(
    repo: Repo, cli: object, linked: str
) -> None:
    """The change moves a policy file (the config, the plan's strategy file, or the folder
    it lies in) elsewhere and leaves a symbolic link to it, its text the same: no note,
    exit 0. Merged, git keeps the link, not the file: a review reads none at the trusted
    revision ("main:.cs-align.yaml: is a symbolic link, not a file", exit 2 for every later
    pull request), or reads the strategy as a file the change adds, by its own text."""
    ours = "id: ours\nname: Ours\nextends: delight\npurpose: Delight, as we run it.\n"
    declared = ALIGNED.replace("strategy: delight", "strategy: ../strategies/ours.yaml")
    on_main(repo, {"strategies/ours.yaml": ours, "plans/acme.yaml": declared})
    kept = repo.root / "policy" / Path(linked).name
    kept.parent.mkdir()
    (repo.root / linked).rename(kept)
    (repo.root / linked).symlink_to(
        Path("..", kept.relative_to(repo.root)) if "/" in linked else kept.relative_to(repo.root)
    )
    repo.commit("kept under policy/")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code == 1, result.out + result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    said = [f["message"] for f in findings if f["rule"] == "policy-changed"]
    shown = ".cs-align.yaml" if linked == ".cs-align.yaml" else "strategies/ours.yaml"
    assert said and f"{shown} reached through a symbolic link now" in said[0], said


def test_a_pyproject_config_put_behind_a_symbolic_link_is_a_policy_change(
    repo: Repo, cli: object
) -> None:
    """Review reattack58: main's settings in pyproject.toml's `[tool.cs-align]` (5% cap),
    the file moved to config/ and a link left, its text the same: check and diff exit 0,
    no note, where `.cs-align.yaml` behind a link is a policy change (the pyproject.toml's
    table compared alike on both sides dropped the link's record). Merged, every later
    review stopped on "main:pyproject.toml: is a symbolic link, not a file", exit 2."""
    repo.git("checkout", "-q", "main")
    repo.git("rm", "-q", ".cs-align.yaml")
    repo.write("pyproject.toml", MOVES["pyproject.toml"].replace("50%", "5%"))
    repo.commit("settings in pyproject.toml")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    (repo.root / "config").mkdir()
    (repo.root / "pyproject.toml").rename(repo.root / "config" / "pyproject.toml")
    (repo.root / "pyproject.toml").symlink_to(Path("config", "pyproject.toml"))
    repo.commit("pyproject.toml kept under config/")
    result = cli("check", "plans/", "--policy-ref", "main", "-f", "json")  # type: ignore[operator]
    assert result.code == 1, result.out + result.err
    findings = json.loads(result.out)["plans"][0]["findings"]
    said = [f["message"] for f in findings if f["rule"] == "policy-changed"]
    assert said and "pyproject.toml reached through a symbolic link now" in said[0], said
    diffed = cli("diff", "--base-ref", "main", "plans/acme.yaml")  # type: ignore[operator]
    assert diffed.code == 1, diffed.out + diffed.err
