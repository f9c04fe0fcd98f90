"""reattack61: a second red team with only a pull request, against gate61's fold checks
(a case-insensitive checkout writing two names git tells apart as one file)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import GOOD, Repo, Result
from tests.test_gate61 import BETA, LOOSE, STRICT, _folded_in

Cli = Callable[..., Result]


@pytest.mark.parametrize(
    "words",
    [["plans/"], ["plans/*.yaml"], ["plans/acme.yaml"]],
)
def test_a_plan_whose_folder_a_case_insensitive_checkout_folds_is_unusable(
    repo: Repo, cli: Cli, words: list[str]
) -> None:
    # gate61 compared a file's name within its folder: a pull request that cuts
    # plans/acme.yaml and adds PLANS/acme.yaml (the aligned text) had both written into one
    # folder on a macOS or Windows runner, one file holding the last one's text, and
    # 'check plans/ --policy-ref main' read a plan git does not hold under that name, exit 0
    # (the fold is in the folder's name, which the check compared exactly). Made here as
    # that checkout leaves it: git holds both, the disk the folder plans/ alone.
    _folded_in(repo, "PLANS/acme.yaml", GOOD.replace("agents: 16.2", "agents: 4"))
    result = cli("check", *words, "--policy-ref", "main")
    said = result.out + result.err
    assert result.code == 2, said
    assert (
        "PLANS/acme.yaml: this checkout has no file of this exact name, only plans/acme.yaml"
    ) in said, said
    assert "runs-on: ubuntu-latest" in said


def test_a_diff_of_a_plan_whose_folder_folds_is_unusable(repo: Repo, cli: Cli) -> None:
    # The same fold, met by a gate of `diff --base-ref main plans/acme.yaml` alone.
    _folded_in(repo, "Plans/acme.yaml", GOOD.replace("agents: 16.2", "agents: 4"))
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    said = result.out + result.err
    assert result.code == 2, said
    assert "Plans/acme.yaml: this checkout has no file of this exact name" in said, said


def test_a_strategy_whose_folder_folds_is_unusable_under_review(repo: Repo, cli: Cli) -> None:
    # A pull request adds plans/beta.yaml (its phone team cut to 8) under
    # STRATEGIES/ours.yaml, delight as it is (what GitHub shows the reviewer), and an unused
    # strategies/ours.yaml that switches the staffing rules off. A case-insensitive checkout
    # writes one folder, STRATEGIES (the first written), whose ours.yaml holds the loose
    # text (the last): accepted as reviewed, beta was judged by the loose rules, exit 0.
    # gate61 listed git's files in the folder STRATEGIES alone. Made as that checkout
    # leaves it: git holds both, the disk STRATEGIES/ours.yaml with the loose text.
    repo.write("STRATEGIES/ours.yaml", STRICT)
    repo.write(
        "plans/beta.yaml", BETA.replace("strategy: delight", "strategy: ../STRATEGIES/ours.yaml")
    )
    repo.commit("beta")
    _folded_in(repo, "strategies/ours.yaml", LOOSE)
    repo.write("STRATEGIES/ours.yaml", LOOSE)
    result = cli("check", "plans/", "--policy-ref", "main", "--allow-policy-change")
    said = result.out + result.err
    assert result.code == 2, said
    assert (
        "strategies/ours.yaml: this checkout has no file of this exact name, only "
        "STRATEGIES/ours.yaml"
    ) in said, said


def test_two_folders_a_case_sensitive_checkout_holds_apart_are_no_fold(
    repo: Repo, cli: Cli
) -> None:
    # On Linux Plans/ and plans/ are two folders, each file there by its own name: no fold
    # (Plans/ is simply a folder the run does not gate).
    repo.write("Plans/acme.yaml", GOOD)
    repo.commit("another folder")
    result = cli("check", "plans/", "--policy-ref", "main")
    assert "no file of this exact name" not in result.out + result.err
    assert result.code == 0, result.out + result.err
