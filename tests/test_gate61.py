"""gate61: what a pull request can put in the gated plans' folders that the gate did not
see (a red team with only a pull request)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke, Repo, Result

Cli = Callable[..., Result]


def _submodule(repo: Repo, path: str) -> None:
    """Commit a submodule at ``path`` as a checkout without submodules leaves it
    (actions/checkout's default, `submodules: false`): the pointer committed, an empty
    folder on disk. The commit it points to is any commit id; git never reads it here."""
    commit = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},{path}")
    (repo.root / path).mkdir(parents=True, exist_ok=True)
    repo.git("commit", "-qm", f"a submodule at {path}")


def test_a_submodule_not_checked_out_among_the_plans_is_unusable(repo: Repo, cli: Cli) -> None:
    # A pull request that adds a submodule under plans/ commits a pointer to another
    # repository's plans: a checkout without submodules (CI's default) shows an empty
    # folder, so `check plans/ --policy-ref main` judged plans/acme.yaml alone and passed,
    # exit 0, while the submodule's plans (misaligned, or the organisation's money doubled)
    # entered the gated folder unread. A checked-out submodule's plans are a policy change
    # (review attack58); one not checked out is a folder whose plans cannot be read, which
    # the walk refuses as it refuses a folder it cannot list (exit 2).
    _submodule(repo, "plans/vendor")
    result = cli("check", "plans/", "--policy-ref", "main")
    assert result.code == 2, result.out + result.err
    said = result.out + result.err
    assert "plans/vendor: is a submodule that is not checked out" in said, said
    assert "submodules: true" in said


def test_a_submodule_not_checked_out_is_unusable_without_review_too(repo: Repo, cli: Cli) -> None:
    # Outside a review (a pre-commit hook, a local `check plans/`) the folder's plans are
    # as absent: judged as passing, they were never read.
    _submodule(repo, "plans/vendor")
    result = cli("check", "plans/")
    assert result.code == 2, result.out + result.err
    assert "plans/vendor: is a submodule that is not checked out" in result.out + result.err


def test_a_submodule_checked_out_among_the_plans_is_still_judged(repo: Repo, cli: Cli) -> None:
    # The same pointer with the submodule's files on disk: its plans are read (and, under
    # review, said as a policy change, as before): nothing here refuses it.
    _submodule(repo, "plans/vendor")
    (repo.root / "plans/vendor/.git").write_text("gitdir: ../../.git/modules/vendor\n")
    (repo.root / "plans/vendor/acme.yaml").write_text(
        (repo.root / "plans/acme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = cli("check", "plans/")
    assert result.code == 0, result.out + result.err
    assert "not checked out" not in result.out + result.err


@pytest.mark.parametrize(
    "table",
    [
        "[tool.\"cs-align\"]\nfail_on = 'warning'\n",
        "[tool.'cs-align']\nfail_on = 'warning'\n",
        "[ tool . cs-align ]\nfail_on = 'warning'\n",
        "tool.cs-align.fail_on = 'warning'\n",
        "tool = {cs-align = {fail_on = 'warning'}}\n",
        "[tool.cs-align.guardrails]\nmax_budget_increase = '5%'\n",
        "[tool.\"cs\\u002Dalign\"]\nfail_on = 'warning'\n",
    ],
)
def test_a_settings_table_written_any_way_toml_allows_is_said_not_in_force(
    invoke: Invoke, tmp_path: Path, table: str
) -> None:
    # east/pyproject.toml's [tool."cs-align"] is the table [tool.cs-align] is to TOML, and
    # to cs-align run from east/ (its `fail_on: warning` fails a warning there); run from
    # the top it is not in force, which check says on stderr (gate60) only where the bytes
    # read `[tool.cs-align`: a quoted name, blanks about the dot, a dotted key or an inline
    # table held a stricter setting out of force without a word.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "east").mkdir()
    (tmp_path / "east" / "acme.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "east" / "pyproject.toml").write_text(table, encoding="utf-8")
    ran = invoke("check", "east/", cwd=tmp_path)
    assert ran.code == 0, ran.out + ran.err
    assert "cs-align: note: east/pyproject.toml is not in force for east/acme.yaml" in ran.err, (
        ran.err
    )


def test_a_pyproject_without_the_table_is_still_no_settings_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Named in a comment, a string or another tool's table, cs-align is no table of its own.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "east").mkdir()
    (tmp_path / "east" / "acme.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "east" / "pyproject.toml").write_text(
        "# [tool.cs-align] lives at the top\n[project]\nname = 'cs-align-plans'\n",
        encoding="utf-8",
    )
    assert "not in force" not in invoke("check", "east/", cwd=tmp_path).err


@pytest.mark.parametrize("pattern", ["plans/*/*.yaml", "plans/*", "plans/v*/acme.yaml"])
def test_a_submodule_not_checked_out_that_a_pattern_reaches_is_unusable(
    repo: Repo, cli: Cli, pattern: str
) -> None:
    # A pattern without `**` reads no folder walk: `plans/*/*.yaml` matched nothing in the
    # empty plans/vendor, and passed on plans/east/acme.yaml alone, exit 0.
    repo.write("plans/east/acme.yaml", GOOD)
    repo.commit("east")
    _submodule(repo, "plans/vendor")
    result = cli("check", pattern, "plans/acme.yaml")
    assert result.code == 2, result.out + result.err
    assert "plans/vendor: is a submodule that is not checked out" in result.out + result.err


def _folded_in(repo: Repo, tracked: str, text: str) -> None:
    """Commit ``tracked`` as a case-insensitive file system checks it out beside a file
    whose name differs only in case: git holds both, the disk the other's name alone."""
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=repo.root,
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{tracked}")
    repo.git("commit", "-qm", f"{tracked} beside its namesake")


@pytest.mark.parametrize(
    ("tracked", "words"),
    [
        ("plans/ACME.yaml", ["plans/"]),
        ("plans/ACME.yaml", ["plans/*.yaml"]),
        ("plans/ACME.yaml", ["plans/acme.yaml"]),
        ("plans/Acme.YAML", ["plans/**"]),
    ],
)
def test_a_plan_a_case_insensitive_checkout_folds_away_is_unusable_under_review(
    repo: Repo, cli: Cli, tracked: str, words: list[str]
) -> None:
    # A pull request adds plans/ACME.yaml (the phone team cut to 4) beside plans/acme.yaml.
    # On a macOS or Windows runner git checks out one file for the two names, and the gate
    # read plans/acme.yaml's aligned text alone: the cut plan, in the commit, went unread,
    # exit 0. Here the checkout's result is made directly (git holds both, the disk one).
    _folded_in(repo, tracked, GOOD.replace("agents: 16.2", "agents: 4"))
    result = cli("check", *words, "--policy-ref", "main")
    assert result.code == 2, result.out + result.err
    said = result.out + result.err
    assert (
        f"{tracked}: this checkout has no file of this exact name, only plans/acme.yaml"
    ) in said, said
    assert "runs-on: ubuntu-latest" in said


def test_names_that_differ_in_more_than_case_are_no_fold(repo: Repo, cli: Cli) -> None:
    # A file git holds that the disk lacks, with no namesake there (deleted, not yet
    # committed), is no fold: the deletion is the change's own, said by the diffs.
    _folded_in(repo, "plans/acme-2028.yaml", GOOD)
    result = cli("check", "plans/", "--policy-ref", "main")
    assert "no file of this exact name" not in result.out + result.err


def test_a_folder_check_over_a_submodule_not_checked_out_says_how_to_leave_it_out(
    repo: Repo, cli: Cli
) -> None:
    # `check .` in a repository whose docs theme is a submodule not checked out: the
    # folder may hold plans as far as the walk can tell, so it is unusable, and the fix
    # says how to check the plans without it (name their folders).
    _submodule(repo, "docs/theme")
    result = cli("check", ".")
    assert result.code == 2
    assert "docs/theme: is a submodule that is not checked out" in result.out + result.err
    assert "name the folders that hold plans, not the one holding it" in result.out + result.err
    assert cli("check", "plans/").code == 0


BETA = GOOD.replace("Example Delight Co", "Beta Co").replace("agents: 16.2", "agents: 8")
"""A new organisation's plan, its phone team cut to 8 (misaligned under delight), judged by
the strategy file it names."""
STRICT = "id: ours\nname: Ours\nextends: delight\n"
LOOSE = (
    STRICT
    + "rules:\n  - {rule: staffing-meets-targets, severity: disable}\n"
    + "  - {rule: abandonment-max, severity: disable}\n"
)


def test_a_strategy_a_case_insensitive_checkout_folds_is_unusable_under_review(
    repo: Repo, cli: Cli
) -> None:
    # A pull request adds plans/beta.yaml under strategies/OURS.yaml (delight as it is)
    # and a strategies/ours.yaml that switches the staffing rules off. GitHub shows the
    # reviewer OURS.yaml's text; a macOS or Windows checkout writes one file, named
    # OURS.yaml (the first written) with ours.yaml's text (the last): the gate judged beta
    # by the loose text, and a reviewer accepting what GitHub showed passed the cut plan,
    # exit 0, which main's next check on Linux fails. Made here as that checkout leaves
    # it: git holds both, the disk OURS.yaml alone, with ours.yaml's text.
    repo.write("strategies/OURS.yaml", STRICT)
    repo.write(
        "plans/beta.yaml", BETA.replace("strategy: delight", "strategy: ../strategies/OURS.yaml")
    )
    repo.commit("beta")
    _folded_in(repo, "strategies/ours.yaml", LOOSE)
    repo.write("strategies/OURS.yaml", LOOSE)
    result = cli("check", "plans/", "--policy-ref", "main", "--allow-policy-change")
    said = result.out + result.err
    assert result.code == 2, said
    assert (
        "strategies/ours.yaml: this checkout has no file of this exact name, only "
        "strategies/OURS.yaml"
    ) in said, said


def test_a_strategy_named_in_another_case_than_the_disk_has_it_is_unusable(
    repo: Repo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `strategy: ../strategies/OURS.yaml` where git holds strategies/ours.yaml (loose): on
    # macOS the name opens ours.yaml; merged, Linux finds no such file. Linux cannot open a
    # file by another case, so the file system's answer is made: the listing shows
    # ours.yaml, as a case-insensitive one would for the file the plan opened.
    repo.write("strategies/OURS.yaml", LOOSE)
    repo.write(
        "plans/beta.yaml", BETA.replace("strategy: delight", "strategy: ../strategies/OURS.yaml")
    )
    repo.commit("ours")
    listdir = os.listdir

    def case_insensitive(folder: object) -> list[str]:
        return [n.replace("OURS", "ours") for n in listdir(folder)]  # type: ignore[call-overload]

    monkeypatch.setattr(os, "listdir", case_insensitive)
    result = cli("check", "plans/", "--policy-ref", "main", "--allow-policy-change")
    said = result.out + result.err
    assert result.code == 2, said
    assert (
        "strategies/OURS.yaml: this checkout has no file of this exact name, only "
        "strategies/ours.yaml"
    ) in said, said


def test_a_diff_of_a_plan_a_case_insensitive_checkout_folds_is_unusable(
    repo: Repo, cli: Cli
) -> None:
    # A gate of `diff --base-ref main plans/acme.yaml` alone (another CI than the Action)
    # on a macOS runner: the pull request's plans/ACME.yaml, cut, and plans/acme.yaml were
    # one file on disk, and the diff compared acme.yaml's aligned text with main's, exit 0.
    _folded_in(repo, "plans/ACME.yaml", GOOD.replace("agents: 16.2", "agents: 4"))
    result = cli("diff", "--base-ref", "main", "plans/acme.yaml")
    said = result.out + result.err
    assert result.code == 2, said
    assert (
        "plans/ACME.yaml: this checkout has no file of this exact name, only plans/acme.yaml"
    ) in said, said


def test_a_fold_in_a_hidden_folder_is_found_too(repo: Repo, cli: Cli) -> None:
    # The waiver file main's config names lies in .github/: git's names there start with a
    # dot, which the comparison once stripped from the folder's name.
    repo.write(".github/waivers.yaml", "waivers: []\n")
    repo.write(
        ".cs-align.yaml",
        "guardrails:\n  max_budget_increase: 5%\nwaivers: [.github/waivers.yaml]\n",
    )
    repo.commit("waivers")
    repo.git("branch", "-f", "main", "HEAD")
    _folded_in(repo, ".github/Waivers.yaml", "waivers: []\n")
    result = cli("check", "plans/", "--policy-ref", "main")
    said = result.out + result.err
    assert result.code == 2, said
    assert ".github/Waivers.yaml: this checkout has no file of this exact name" in said, said
