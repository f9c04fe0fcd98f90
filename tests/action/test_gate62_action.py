"""Gate62: a step of main's workflow that reaches a plan through its folder, building the
plan's name at run time (`plans/$X.yaml`, `plans/acme.{yaml,yml}`) or listing the folder
(`find plans`, `git ls-files plans | xargs`), to build the gate's inputs. Reattack61 made a
plan a step names, or a shell pattern matches, a file of the gate; a word naming the folder
alone, or a name the shell completes, named no file, so the pull request could write its
own `--max-budget-increase` into the plan unwatched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.test_action import ALIGNED, WORKFLOW, PullRequest
from tests.action.test_reattack60 import _on_main, _workflow
from tests.action.test_reattack61_action import ACTION, STRICT, _raised


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("gate62")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


SED = "sed -n 's/^# gate-args: //p'"
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
