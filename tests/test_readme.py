"""README's examples are what the tool really does: each console block's command prints the
lines shown (in order; `…` stands for lines left out), and the walkthrough runs as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD, ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLES = re.findall(r"^```console\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def _shown(block: str) -> tuple[list[str], list[str]]:
    first, *lines = block.splitlines()
    assert first.startswith("$ cs-align "), first
    return first.removeprefix("$ cs-align ").split(" "), [line.rstrip() for line in lines]


@pytest.mark.parametrize("block", CONSOLES, ids=[_shown(b)[0][0] for b in CONSOLES])
def test_a_console_example_prints_what_the_readme_shows(
    block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cs_align.cli import app

    args, expected = _shown(block)
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', " ".join(args))]
    monkeypatch.chdir(ROOT)  # README's commands run from the project's root
    result = CliRunner().invoke(app, args)
    actual = [line.rstrip() for line in result.stdout.splitlines()]
    at = 0
    for line in expected:
        if line == "…":
            continue
        assert line in actual[at:], f"README shows a line the command does not print:\n{line}"
        at = actual.index(line, at) + 1


@pytest.mark.skipif(shutil.which("git") is None, reason="the walkthrough needs git")
def test_the_gate_walkthrough_runs_as_written(tmp_path: Path) -> None:
    section = README[README.index("## Gate a pull request") :]
    script = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert script is not None
    steps = script.group(1).strip().splitlines()
    bash = "set -u\n" + "\n".join(f'{line}\necho "exit=$?"' for line in steps)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "You",
        "GIT_AUTHOR_EMAIL": "you@example.com",
        "GIT_COMMITTER_NAME": "You",
        "GIT_COMMITTER_EMAIL": "you@example.com",
    }
    done = subprocess.run(
        ["bash", "-c", bash], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    codes = [int(c) for c in re.findall(r"^exit=(\d+)$", done.stdout, flags=re.MULTILINE)]
    commented = [re.search(r"# exit (\d)|exit (\d)", line) for line in steps]
    for step, code, said in zip(steps, codes, commented, strict=True):
        expected = int(next(g for g in said.groups() if g)) if said else 0
        assert code == expected, f"{step!r} exited {code}:\n{done.stdout}\n{done.stderr}"
    printed = set(done.stdout.splitlines())  # whole lines: a shown line cut short drifted
    for text in re.findall(r"```text\n(.*?)```", section[: section.index("### ")], re.DOTALL):
        for line in text.splitlines():
            if line != "…":
                assert line in printed, (
                    f"README shows a line the walkthrough does not print:\n{line}"
                )


def test_no_table_row_is_broken_over_two_lines() -> None:
    # Review final25 L5: a wrapped row of the command table rendered as two rows, the
    # second with half a sentence in the command column.
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    broken = [
        n + 1
        for n in range(1, len(lines) - 1)
        if lines[n - 1].startswith("|")
        and lines[n + 1].startswith("|")
        and lines[n].strip()
        and not lines[n].startswith("|")
    ]
    assert broken == [], f"README.md lines {broken} continue a table row on a new line"


def test_the_documented_workflow_runs_on_every_pull_request() -> None:
    # Review attack43 C13: the workflow ran only for `plans/**` and `.cs-align.yaml`, so a
    # pull request that removed `[tool.cs-align]` guardrails from pyproject.toml (or edited
    # `.cs-align.yml`, a strategy or a waiver file outside plans/) was never judged, and the
    # next plan's pull request was judged by the policy it had loosened.
    import yaml

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# \.github/workflows/cs-align\.yml\n.*?)```", text, re.S)
    assert len(blocks) == 1, "the README shows one workflow"
    workflow = yaml.safe_load(blocks[0])
    trigger = workflow[True]["pull_request"]  # YAML 1.1 reads the key `on` as true
    assert not (trigger or {}).get("paths"), trigger
    assert "paths-ignore" not in (trigger or {}), trigger


def test_sized_from_lists_what_reads_otherwise_as_the_readme_says(
    invoke: Invoke, tmp_path: Path
) -> None:
    """README said diff lists a sizing input "where the proposal writes it otherwise"; a
    figure written another way that reads the same (`32%` as `0.32`, `6m` as `360s`) is not
    listed, and README now says so: "writes it otherwise and it reads otherwise"."""
    said = " ".join(README.split())
    assert "where the proposal writes it otherwise and it reads otherwise" in said
    base = tmp_path / "base.yaml"
    base.write_text(GOOD, encoding="utf-8")
    same = GOOD.replace("shrinkage: 32%", "shrinkage: 0.32").replace(
        "handle_time: 6m\n", "handle_time: 360s\n", 1
    )
    assert same != GOOD
    (tmp_path / "same.yaml").write_text(same, encoding="utf-8")
    cut = GOOD.replace("shrinkage: 32%", "shrinkage: 30%")
    (tmp_path / "cut.yaml").write_text(cut, encoding="utf-8")
    rewritten = invoke("diff", "base.yaml", "same.yaml", cwd=tmp_path)
    assert "sized from" not in rewritten.out
    changed = invoke("diff", "base.yaml", "cut.yaml", cwd=tmp_path)
    assert "staffing.shrinkage: 32% → 30%" in changed.out


def _grammar_rows() -> list[tuple[str, list[str], list[str]]]:
    section = README.split("**How durations and money are written.**", 1)[1]
    rows = re.findall(r"^\| (duration|target time|money) \| (.*?) \| (.*?) \|$", section, re.M)

    def spans(cell: str) -> list[str]:
        return re.findall(r"`([^`]+)`", cell)

    return [(kind, spans(kept), spans(refused)) for kind, kept, refused in rows]


def test_the_readme_teaches_the_duration_and_money_grammar_the_reader_takes(
    tmp_path: Path, invoke: Invoke
) -> None:
    # Review user59: the plan sample said only "durations need a unit", and nothing said
    # which unit words, orders, decimals or money forms are read. Each figure the README's
    # table writes is read, and each it refuses is exit 2 at its line with a fix, in a plan.
    rows = _grammar_rows()
    assert [kind for kind, _, _ in rows] == ["duration", "target time", "money"]
    fields = {
        "duration": ("handle_time: 6m", "handle_time: {}"),
        "target time": ("first_response: 4h", "first_response: {}"),
        "money": ("loaded_cost_per_fte: 62000", "loaded_cost_per_fte: {}"),
    }
    plan = (ROOT / "examples" / "delight-aligned.yaml").read_text(encoding="utf-8")
    email = "\n".join(
        [
            "  - id: mail",
            "    kind: email",
            "    hours: Mon-Fri 09:00-18:00",
            "    volume: 100/month",
            "    handle_time: 6m",
            "    target: {first_response: 4h}",
            "    agents: 1",
        ]
    )
    plan = plan.replace("\nstaffing:", f"\n{email}\nstaffing:", 1)
    for kind, kept, refused in rows:
        old, new = fields[kind]
        assert old in plan, old
        for written, usable in [*((k, True) for k in kept), *((r, False) for r in refused)]:
            text = plan.replace(old, new.format(f'"{written}"'), 1)
            (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
            result = invoke("check", "plan.yaml", "-f", "json", cwd=tmp_path)
            if usable:
                assert result.code in (0, 1), (written, result.err)
            else:
                assert result.code == 2, written
                assert re.match(r"plan\.yaml:\d+:\d+: .+ — .+", result.err), (written, result.err)


def test_a_bare_number_in_exponent_form_is_money_as_the_readme_says(
    tmp_path: Path, invoke: Invoke
) -> None:
    # README: "a bare `1e6` is one, 1,000,000; quoted, `"1e6"` is text, refused" (input60:
    # the table listed 1e6 as refused, which holds only for the text).
    assert "a bare\n`1e6` is one, 1,000,000" in README
    plan = (ROOT / "examples" / "delight-aligned.yaml").read_text(encoding="utf-8")
    assert "  total: 1540241\n" in plan
    (tmp_path / "bare.yaml").write_text(plan.replace("  total: 1540241\n", "  total: 1e6\n"))
    bare = invoke("check", "bare.yaml", cwd=tmp_path)
    assert "total says 1,000,000 USD" in bare.out
    (tmp_path / "text.yaml").write_text(plan.replace("  total: 1540241\n", '  total: "1e6"\n'))
    assert invoke("check", "text.yaml", cwd=tmp_path).code == 2
