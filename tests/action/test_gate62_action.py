"""Gate62: a step of main's workflow that reaches a plan through its folder, building the
plan's name at run time (`plans/$X.yaml`, `plans/acme.{yaml,yml}`) or listing the folder
(`find plans`, `git ls-files plans | xargs`), to build the gate's inputs. Reattack61 made a
plan a step names, or a shell pattern matches, a file of the gate; a word naming the folder
alone, or a name the shell completes, named no file, so the pull request could write its
own `--max-budget-increase` into the plan unwatched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.test_action import (
    ALIGNED,
    WORKFLOW,
    PullRequest,
    _stricter_main_and_a_looser_change,
)
from tests.action.test_reattack60 import LOOSENING, _on_main, _workflow
from tests.action.test_reattack61_action import STRICT, _raised


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("gate62")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


SED = "sed -n 's/^# gate-args: //p'"
ACTION = (
    "uses: cs-align/cs-align@v1\n        with:\n          plans: plans/\n"
    "          args: ${{ steps.a.outputs.args }}"
)
"""The gate, given the args the step before it built (block style: reattack61's flow
mapping `{plans: plans/, args: ${{ … }}}` is no YAML, which the watch then reads whole)."""
OUTPUT = '>> "$GITHUB_OUTPUT"'


@pytest.mark.parametrize(
    "reads",
    [
        # The plan's name built from a variable.
        f'run: X=acme; echo "args=$({SED} plans/$X.yaml)" {OUTPUT}',
        f'run: echo "args=$({SED} "plans/${{NAME}}.yaml")" {OUTPUT}',
        # A brace the shell expands.
        f'run: echo "args=$({SED} plans/acme.{{yaml,yml}} 2>/dev/null)" {OUTPUT}',
        # The folder listed, each file then read.
        f'run: echo "args=$(find plans -type f -exec {SED} {{}} +)" {OUTPUT}',
        f'run: echo "args=$(git ls-files -z plans | xargs -0 {SED})" {OUTPUT}',
        f'run: echo "args=$(ls plans/ | xargs -I{{}} {SED} plans/{{}})" {OUTPUT}',
        f'run: echo "args=$(cd "$GITHUB_WORKSPACE/plans" && cat -- * | {SED})" {OUTPUT}',
        # actions/github-script's code, listing the folder.
        "uses: actions/github-script@v7\n        with:\n          script: |\n"
        "            const fs = require('fs'), path = require('path');\n"
        "            const text = fs.readdirSync('plans').map("
        "f => fs.readFileSync(path.join('plans', f), 'utf8')).join('');\n"
        "            core.setOutput('args', text.match(/# gate-args: (.*)/)[1]);",
    ],
)
def test_a_plan_a_step_reaches_through_its_folder_is_a_file_of_the_gate(
    pr: PullRequest, reads: str
) -> None:
    """Main's workflow builds `args` from a comment in a plan it reaches through plans/.
    The pull request writes `--max-budget-increase 1000%` there and raises the budget by
    16.9% (1,540,241 → 1,800,000) past main's 5%: before, a warning and exit 0; now exit
    1, naming plans/acme.yaml as a file of the gate the pull request edits."""
    _on_main(
        pr,
        {
            ".cs-align.yaml": STRICT,
            "plans/acme.yaml": "# gate-args: --max-budget-increase 5%\n" + ALIGNED,
            ".github/workflows/gate.yml": _workflow(reads + "\n        id: a", ACTION),
        },
    )
    _raised(pr, "--max-budget-increase 1000%")
    run = pr.run(env=WORKFLOW, args="--max-budget-increase 1000%")
    assert run.code == "1", run.annotations
    assert any("this pull request edits plans/acme.yaml" in a for a in run.annotations), (
        run.annotations
    )


def test_a_folder_named_where_cs_align_reads_it_is_judged_not_watched(pr: PullRequest) -> None:
    """plans/ named only as the Action's input and on a `cs-align` command line is judged
    by the check: main's loosening input (a 20% cap against its config's 5%) passes the
    pull request raising the plan by 16.9%, exit 0, as before."""
    _on_main(
        pr,
        {
            ".cs-align.yaml": STRICT,
            ".github/workflows/gate.yml": _workflow(
                "name: Check plans\n        run: cs-align check plans/",
                "uses: cs-align/cs-align@v1\n        with:\n          plans: plans\n"
                "          args: --max-budget-increase 20%",
            ),
        },
    )
    _raised(pr, "")
    run = pr.run(env=WORKFLOW, args="--max-budget-increase 20%")
    assert run.code == "0", run.annotations
    assert not any("this pull request edits" in a for a in run.annotations), run.annotations


SCRIPT = 'echo "args=--max-budget-increase 5%" >> "$GITHUB_OUTPUT"\n'
READ_ARGS = 'run: echo "args=$(cat {})" >> "$GITHUB_OUTPUT"'
SCRIPTS = {
    # A file of arguments or a script named by a shell pattern, or by a name the shell
    # makes at run time: `_named` followed words alone, and a word parted at `*` or `$`
    # named no file.
    "pattern": (READ_ARGS.format("ci/gate-args.*"), "ci/gate-args.txt"),
    "variable": ("run: X=gate-args; " + READ_ARGS[5:].format("ci/$X.txt"), "ci/gate-args.txt"),
    "brace": (READ_ARGS.format("ci/gate-args.{txt,text}"), "ci/gate-args.txt"),
    # Every script of a folder, listed or run whole.
    "for-each-in-a-folder": (
        'run: for s in ci/steps/*.sh; do bash "$s"; done',
        "ci/steps/args.sh",
    ),
    "run-parts": ("run: run-parts --regex '.*' ci/steps", "ci/steps/args.sh"),
    "find-exec": ("run: find ci/steps -type f -exec bash {} \\;", "ci/steps/args.sh"),
}


@pytest.mark.parametrize(("step", "edited"), SCRIPTS.values(), ids=list(SCRIPTS))
def test_a_script_a_step_reaches_through_its_folder_is_watched(
    pr: PullRequest, step: str, edited: str
) -> None:
    """Main's workflow runs (or reads the gate's arguments from) a file it reaches through
    a pattern, a name made at run time or its folder. The pull request edits that file
    alone, with inputs loosening main's policy (`fail-on: error`, a 1000% cap against
    main's `fail_on: warning` and 5%): before, exit 0; now exit 1, naming the file."""
    _stricter_main_and_a_looser_change(pr)
    text = SCRIPT if edited.endswith(".sh") else "--max-budget-increase 5%\n"
    _on_main(pr, {".github/workflows/gate.yml": _workflow(step), edited: text})
    pr.write(edited, "echo 'args=--max-budget-increase 1000%'\n")
    pr.commit("the gate's script, loosened")
    run = pr.run(env=WORKFLOW, **LOOSENING)
    assert run.code == "1", run.annotations
    error = next((a for a in run.annotations if f"edits {edited}" in a), run.annotations)
    assert str(error).startswith("::error title=cs-align::this pull request edits"), error
