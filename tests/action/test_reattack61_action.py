"""Reattack61: a plan the check judges that main's workflow also reads to build the gate's
inputs (`args=$(sed -n 's/^# gate-args: //p' plans/acme.yaml)`). Judging the plan's figures
says nothing of its use as an input: a pull request editing the line the step reads loosens
its own gate, as one editing a file of arguments does (reattack60)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.test_action import ALIGNED, WORKFLOW, PullRequest
from tests.action.test_reattack60 import _on_main, _workflow


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pull request's repository, built once for every test."""
    return PullRequest(tmp_path_factory.mktemp("reattack61")).tmp


@pytest.fixture
def pr(tmp_path: Path, _built: Path) -> PullRequest:
    """A copy of the built repository: each test changes and runs its own."""
    return PullRequest(tmp_path, _built)


STRICT = "guardrails:\n  max_budget_increase: 5%\n"
ACTION = (
    "uses: cs-align/cs-align@v1\n        with: {plans: plans/, args: ${{ steps.a.outputs.args }}}"
)
READS = 'run: echo "args=$(sed -n \'s/^# gate-args: //p\' plans/acme.yaml)" >> "$GITHUB_OUTPUT"'


def _raised(pr: PullRequest, args: str) -> None:
    """The pull request writes ``args`` on the line main's step reads and raises the plan's
    budget by 16.9% (1,540,241 → 1,800,000), past main's 5% cap."""
    raised = ALIGNED.replace("total: 1540241", "total: 1800000")
    pr.write(
        "plans/acme.yaml",
        f"# gate-args: {args}\n" + raised.replace("tooling: 82800", "tooling: 342559"),
    )
    pr.commit("more tooling, and the gate's arguments")


@pytest.mark.parametrize(
    "reads",
    [
        READS,
        # The same through a shell pattern (left open by the first fix: `_WORD` parts a
        # name at `*`, so `plans/*.yaml` named no file).
        READS.replace("plans/acme.yaml", "plans/*.yaml"),
        READS.replace("plans/acme.yaml", '"$GITHUB_WORKSPACE"/plans/ac?e.y*ml'),
    ],
)
def test_a_plan_a_step_reads_the_gate_s_arguments_from_is_a_file_of_the_gate(
    pr: PullRequest, reads: str
) -> None:
    """Main's workflow builds `args` from a comment in plans/acme.yaml. The pull request
    writes `--max-budget-increase 1000%` there and raises the budget by 16.9% past main's
    5%: before, a warning and exit 0 (the plan was skipped as judged); now exit 1, naming
    the plan as a file of the gate it edits."""
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


@pytest.mark.parametrize(
    "names",
    [
        # The Action's own inputs name the plan and a waiver file: cs-align reads them.
        "uses: cs-align/cs-align@v1\n        with:\n          plans: |\n            "
        "plans/acme.yaml\n          args: --waivers plans/waivers.yaml",
        # A step runs cs-align on the plan (also after another command on its line).
        "run: cs-align report plans/acme.yaml -o acme.html && cs-align check plans/acme.yaml",
        "run: python -m cs_align diff --base-ref main plans/acme.yaml",
    ],
)
def test_a_plan_cs_align_alone_reads_is_judged_not_watched(pr: PullRequest, names: str) -> None:
    """A plan named only where cs-align reads it (the Action's plans and args inputs, a
    `cs-align` command) is judged by the check: main's loosening inputs (a 20% cap against
    its config's 5%) pass a pull request raising it by 16.9%, exit 0."""
    _on_main(
        pr,
        {
            ".cs-align.yaml": STRICT,
            "plans/waivers.yaml": "waivers: []\n",
            ".github/workflows/gate.yml": _workflow(names),
        },
    )
    _raised(pr, "")
    run = pr.run(env=WORKFLOW, args="--max-budget-increase 20%")
    assert run.code == "0", run.annotations
    assert not any("this pull request edits" in a for a in run.annotations), run.annotations


CUT = ALIGNED.replace("agents: 16.2", "agents: 4")
"""plans/acme.yaml with its phone team cut to 4: misaligned under delight."""


@pytest.mark.parametrize("how", ["written-over", "removed"])
def test_a_plan_a_step_changes_before_the_gate_is_unusable(pr: PullRequest, how: str) -> None:
    """A pull request cuts plans/acme.yaml's phone team to 4 and adds a step before the gate
    to its copy of the workflow: `git show HEAD^1:plans/acme.yaml > plans/acme.yaml` (main's
    aligned text over the cut one), or `rm plans/acme.yaml`. Its inputs loosen nothing, so
    the edited workflow was no failure, and the gate judged a file the commit does not
    hold: exit 0, the cut merged. Now a plan or policy file on disk that differs from the
    commit (or is gone from it) is unusable, exit 2, naming it. Made here as the step
    leaves the checkout, main holding another organisation's plan beside (so that the
    check has a plan to judge once acme.yaml is removed)."""
    _on_main(pr, {"plans/other.yaml": ALIGNED.replace("Example Delight Co", "Other Co")})
    pr.write("plans/acme.yaml", CUT)
    pr.write(".github/workflows/gate.yml", _workflow(f"run: {how}", "uses: ./"))
    pr.commit("the phone team cut to 4, and a step before the gate")
    if how == "removed":
        (pr.root / "plans/acme.yaml").unlink()
    else:
        pr.write("plans/acme.yaml", ALIGNED)
    run = pr.run(env=WORKFLOW)
    assert run.code == "2", run.annotations
    said = next(a for a in run.annotations if "not the one the commit holds" in a)
    assert said.startswith("::error title=cs-align::plans/acme.yaml: "), said
    assert "**cs-align could not judge this change:** `plans/acme.yaml`" in run.comment


def test_a_checkout_as_committed_is_judged(pr: PullRequest) -> None:
    """The same cut with nothing written over it is judged: misaligned, exit 1."""
    pr.write("plans/acme.yaml", CUT)
    pr.commit("the phone team cut to 4")
    run = pr.run(env=WORKFLOW)
    assert run.code == "1", run.annotations
    assert not any("not the one the commit holds" in a for a in run.annotations)


def test_a_strategy_file_a_step_writes_before_the_gate_is_unusable(pr: PullRequest) -> None:
    """The pull request's plan names strategies/ours.yaml, which it never commits: a step of
    its workflow writes it (staffing rules off) before the gate. The reviewer, shown no such
    file in the pull request, accepts the policy change the run reports, and the cut plan
    was judged by rules the commit does not hold: exit 0. Now exit 2, naming the file."""
    loose = (
        "id: ours\nname: Ours\nextends: delight\nrules:\n"
        "  - {rule: staffing-meets-targets, severity: disable}\n"
        "  - {rule: abandonment-max, severity: disable}\n"
    )
    pr.write(
        "plans/acme.yaml", CUT.replace("strategy: delight", "strategy: ../strategies/ours.yaml")
    )
    pr.commit("the phone team cut to 4, under our own strategy")
    pr.write("strategies/ours.yaml", loose)
    run = pr.run(env=WORKFLOW, allow="true")
    assert run.code == "2", run.annotations
    assert any(
        a.startswith("::error title=cs-align::strategies/ours.yaml: the file this run read is not")
        for a in run.annotations
    ), run.annotations
