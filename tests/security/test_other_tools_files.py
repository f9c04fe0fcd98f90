"""A folder check passes over files other tools read (a repository's workflows, Dependabot,
Compose, pre-commit), so `cs-align check .` over a repository's root judges its plans
(review attack56: `.github/dependabot.yml`'s `version: 2` and a workflow's `on:` were
judged as plans, exit 2). Such a file is known by a key no plan has, beside none of a plan's
own; anything else is still judged as a plan, so a plan cannot hide behind one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.discovery import OTHER_TOOLS, kind
from tests.conftest import examples
from tests.security.conftest import ALIGNED, MISALIGNED, Repo, cli

__all__ = ["cli"]

DEPENDABOT = """\
version: 2
updates:
  - package-ecosystem: pip
    directory: "/"
    schedule:
      interval: weekly
"""
WORKFLOW = """\
name: cs-align
on:
  pull_request:
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: {fetch-depth: 0}
"""
COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n'
PRE_COMMIT = "repos:\n  - repo: local\n    hooks: []\n"


def test_a_check_of_the_repository_root_judges_its_plans_not_its_tooling(
    repo: Repo, cli: object
) -> None:
    repo.write(".github/dependabot.yml", DEPENDABOT)
    repo.write(".github/workflows/cs-align.yml", WORKFLOW)
    repo.write("compose.yaml", COMPOSE)
    repo.write(".pre-commit-config.yaml", PRE_COMMIT)
    result = cli("check", ".", "-f", "json")  # type: ignore[operator]
    assert result.code == 0, result.out + result.err
    data = json.loads(result.out)
    assert [p["path"] for p in data["plans"]] == ["plans/acme.yaml"]
    assert data["errors"] == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # a plan's own key beside a workflow's: judged as a plan, and refused
        ("plans/jobs.yaml", MISALIGNED + "jobs: {}\n"),
        # a plan's keys escaped where a line reading cannot see them
        ("plans/escaped.yaml", MISALIGNED.replace("channels:", '"\\x63hannels":', 1) + "jobs: 1\n"),
        # a second document the loader refuses: not looked into, judged as a plan
        ("plans/two.yaml", "updates: []\n---\n" + MISALIGNED),
        # only a `version` (a plan's and other tools'): judged as a plan
        (".github/v.yml", "version: 1\n"),
    ],
)
def test_a_file_with_a_plans_key_is_judged_whatever_else_it_holds(
    repo: Repo, cli: object, name: str, text: str
) -> None:
    repo.write(name, text)
    result = cli("check", ".", "-f", "json")  # type: ignore[operator]
    assert result.code == 2, result.out + result.err
    data = json.loads(result.out)
    assert name in [p["path"] for p in data["plans"]] + [e["file"] for e in data["errors"]]


def test_a_plan_turned_into_a_workflow_is_a_plan_gone_under_review(repo: Repo, cli: object) -> None:
    # plans/acme.yaml was a plan at main; a workflow at its path is no plan now, and the
    # organisation's budget does not vanish unjudged: the Action diffs every file that was
    # a plan at the base and is none the check read, and the diff judges it as the plan
    # named (tests/action: a plan turned into another kind of file).
    repo.write("plans/other.yaml", ALIGNED.replace("Example Delight Co", "Other Co"))
    repo.write("plans/acme.yaml", WORKFLOW)
    repo.commit("acme is a workflow now")
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")  # type: ignore[operator]
    assert result.code == 2, result.out + result.err
    assert "plans/acme.yaml:2:1: key 'on' is not text" in result.err


KEYS = st.sampled_from(
    ["version", "channels", "organisation", "strategy", "jobs", "updates", "on", "name", "runs"]
)
STYLES = st.sampled_from(["{k}: []", '"{k}": []', "? {k}\n: []", "!!str {k}: []", "{k}:\n  []"])


@settings(max_examples=examples(300), deadline=None)
@given(written=st.lists(st.tuples(KEYS, STYLES), min_size=1, max_size=5, unique_by=lambda t: t[0]))
def test_only_a_file_without_a_plans_own_key_is_another_tools(
    tmp_path_factory: pytest.TempPathFactory, written: list[tuple[str, str]]
) -> None:
    # Whatever style each key is written in, the folder scan passes a file over as another
    # tool's only where YAML reads a key no plan has (OTHER_TOOLS) and none of channels,
    # organisation or strategy; written plainly, such a file always is passed over.
    text = "".join(style.format(k=key) + "\n" for key, style in written)
    path = Path(tmp_path_factory.mktemp("tools")) / "file.yaml"
    path.write_text(text)
    read = {str(k) for k in yaml.safe_load(text)}
    tools = bool(read & set(OTHER_TOOLS)) and not read & {"channels", "organisation", "strategy"}
    found = kind(path)
    assert found in ("plan", "other"), text
    if found == "other":
        assert tools, text
    if tools and all(style == "{k}: []" for _, style in written):
        assert found == "other", text


def test_a_plans_own_keys_are_the_plan_models_fields() -> None:
    # other_tool() passes a file over only where it holds none of these: a field the plan
    # gains must join them, or a file with it and `jobs:` would be skipped, not refused.
    from cs_align.discovery import PLAN_OWN_KEYS
    from cs_align.plan import Plan

    assert set(PLAN_OWN_KEYS) == set(Plan.model_fields) - {"version"}
