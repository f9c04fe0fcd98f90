"""Plan arguments are each checked once, and every argument names some plan: an empty
folder, or a glob that matches no plan, is exit 2 alone or among others."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES, Invoke


def test_an_empty_folder_among_plans_is_refused_as_when_alone(
    invoke: Invoke, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    plan = str(EXAMPLES / "delight-aligned.yaml")
    for args in ((str(empty),), (str(empty), plan), (plan, str(empty))):
        result = invoke("check", *args)
        assert result.code == 2, (args, result.err)
        assert f"{empty}: no plan files found in this folder" in result.err
        assert result.out == ""


def test_a_glob_matching_no_plan_among_plans_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "ours.yaml").write_text("id: ours\nextends: delight\nrules: []\n")
    pattern = str(tmp_path / "*.yaml")
    result = invoke("check", pattern, str(EXAMPLES / "delight-aligned.yaml"))
    assert result.code == 2, result.err
    assert f"{pattern}: no plan files match" in result.err


def test_a_pattern_ending_in_globstar_reads_the_yaml_files_below(
    invoke: Invoke, tmp_path: Path
) -> None:
    # pathlib's `**` matches folders alone, so `check 'plans/**'` said "no files match"
    # (review attack56); it reads the YAML files below, as a check of the folder does.
    plans = tmp_path / "plans" / "eu"
    plans.mkdir(parents=True)
    (plans / "acme.yaml").write_text((EXAMPLES / "delight-aligned.yaml").read_text())
    (plans / "notes.txt").write_text("not a plan\n")
    (tmp_path / "plans" / "ours.yaml").write_text("id: ours\nextends: delight\nrules: []\n")
    for pattern in ("plans/**", "**"):
        result = invoke("check", pattern, "-f", "json", cwd=tmp_path)
        assert result.code == 0, (pattern, result.err)
        assert '"path": "plans/eu/acme.yaml"' in result.out
        assert "notes.txt" not in result.out + result.err
    # action.yml's way to a folder whose name holds a space (its inputs split on spaces)
    spaced = tmp_path / "plans" / "north east"
    spaced.mkdir()
    (spaced / "ne.yaml").write_text((EXAMPLES / "delight-aligned.yaml").read_text())
    result = invoke("check", "plans/north?east/**", "-f", "json", cwd=tmp_path)
    assert result.code == 0 and '"path": "plans/north east/ne.yaml"' in result.out
    result = invoke("check", "nope/**", cwd=tmp_path)
    assert result.code == 2 and "nope/**: no files match" in result.err
