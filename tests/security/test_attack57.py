"""Review attack57: a plan hidden in a file that reads as another tool's (ebd22b4, dbfb63b).

A folder check passes over a file holding a key no plan has (`jobs`, `updates`, ...) beside
none of a plan's own. YAML's merge key (`<<:`, or any key tagged `!!merge`) brings a whole
mapping's keys into the file for every other YAML reader, while cs-align's loader reads
`<<` as a key like any other: `jobs: {}` beside `<<:` holding a plan was passed over, exit
0, where every other tool reads a plan with its channels and budget."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml

from tests.security.conftest import MISALIGNED, Repo, cli

__all__ = ["cli"]


def _merged(how: str) -> str:
    return f"jobs: {{}}\n{how}\n" + textwrap.indent(MISALIGNED, "  ")


@pytest.mark.parametrize(
    "text",
    [
        _merged("<<:"),  # the loader reads `<<` as a key: judged as a plan now
        _merged("!!merge plan:"),  # a tagged key: the loader refuses, the events told
        "on: push\n" + _merged("<<:"),  # refused for `on`, the events told
        "on: push\n" + _merged("!!merge plan:"),
    ],
    ids=["merge", "tagged", "on-merge", "on-tagged"],
)
def test_a_plan_merged_into_another_tools_file_is_judged(
    repo: Repo, cli: object, text: str
) -> None:
    merged = yaml.safe_load(text)
    assert {"channels", "budget"} <= {str(k) for k in merged}  # a plan to other readers
    repo.write("plans/north.yaml", text)
    result = cli("check", ".", "-f", "json")  # type: ignore[operator]
    assert result.code == 2, result.out + result.err
    data = json.loads(result.out)
    judged = [p["path"] for p in data["plans"]] + [e["file"] for e in data["errors"]]
    assert "plans/north.yaml" in judged


@pytest.mark.parametrize("pattern", [".", "**", "**/*.yaml", "./**"])
def test_a_folder_check_reads_no_file_of_the_git_folder(
    repo: Repo, cli: object, pattern: str
) -> None:
    # git's own files are never a plan (repo.in_git_metadata), yet `check .` judged
    # .git/x.yaml as one ("missing required key 'organisation'") and `check '**'` (which
    # reads files since 0fd247a) called it "a symbolic link into .git": exit 2 both.
    (repo.root / ".git" / "x.yaml").write_text("version: 1\n")
    (repo.root / ".git" / "hooks" / "y.yml").write_text("jobs: {}\n")
    result = cli("check", pattern, "-f", "json")  # type: ignore[operator]
    assert result.code == 0, result.out + result.err
    data = json.loads(result.out)
    assert [p["path"] for p in data["plans"]] == ["plans/acme.yaml"], data
    assert data["errors"] == []
