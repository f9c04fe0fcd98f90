"""attack54b: hostile and unusual plan input, in every command (helper attack54b)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOOD, Invoke, Repo, Result

Cli = Callable[..., Result]

UNDERFUNDED = (EXAMPLES / "delight-underfunded-misaligned.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "flags", "written"),
    [
        # A share may be written 0.3 as well as 30% (README): fix raises delight's shrinkage
        # to its floor of 25% and wrote "25%" beside the 0 as written, then compared the two
        # as numbers: "internal error: InvalidOperation", exit 2.
        # Written back as the plan writes it, a fraction (review user55: "0.1 → 25%").
        (GOOD.replace("shrinkage: 32%", "shrinkage: 0"), (), "shrinkage: 0.25"),
        (GOOD.replace("shrinkage: 32%", "shrinkage: 0.1"), (), "shrinkage: 0.25"),
        # --keep-budget loosens the abandonment ceiling to what the money keeps: 14.6%.
        (
            UNDERFUNDED.replace("abandonment_max: 8%", "abandonment_max: 0.08"),
            ("--keep-budget",),
            "abandonment_max: 0.146",
        ),
    ],
)
def test_fix_rewrites_a_share_written_as_a_plain_number(
    text: str, flags: tuple[str, ...], written: str, tmp_path: Path, invoke: Invoke
) -> None:
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("fix", "plan.yaml", "-f", "diff", *flags, cwd=tmp_path)
    assert "internal error" not in result.err
    assert result.code in (0, 1), result.err
    assert any(line.startswith("+") and written in line for line in result.out.splitlines())


def _check(tmp_path: Path, invoke: Invoke, text: str) -> tuple[int, str]:
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    return result.code, result.err.strip().splitlines()[-1] if result.err.strip() else ""


@pytest.mark.parametrize(
    ("written", "fix", "fixed"),
    [
        # A duration without a unit was told to take its own text with one: "nans or nanm",
        # "infs", "1e400s", "+.5s", "1E+3s", "99999999999999s", none of them a duration
        # cs-align reads (the last is over the year a duration may run).
        ("nan", "give a unit, e.g. 20s, 7m30s or 4h", None),
        ('"inf"', "give a unit, e.g. 20s, 7m30s or 4h", None),
        ('"1e400"', "give a unit, e.g. 20s, 7m30s or 4h", None),
        ("99999999999999", "give a unit, e.g. 20s, 7m30s or 4h", None),
        (
            '"+.5"',
            "give a unit: 0.5m for minutes or 0.5s for seconds (e.g. 20s, 7m30s, 4h)",
            "0.5m",
        ),
        (
            "1e3",
            "give a unit: 1000m for minutes or 1000s for seconds (e.g. 20s, 7m30s, 4h)",
            "1000s",
        ),
        (
            '"1e3"',
            "give a unit: 1000m for minutes or 1000s for seconds (e.g. 20s, 7m30s, 4h)",
            "1000s",
        ),
        ("6", "give a unit: 6m for minutes or 6s for seconds (e.g. 20s, 7m30s, 4h)", "6s"),
        # Over a year in minutes, still a duration in seconds: only the one cs-align reads.
        ("600000", "give a unit: 600000s for seconds (e.g. 20s, 7m30s, 4h)", None),
    ],
)
def test_a_duration_without_a_unit_is_told_a_duration_cs_align_reads(
    written: str, fix: str, fixed: str | None, tmp_path: Path, invoke: Invoke
) -> None:
    plan = GOOD.replace("handle_time: 6m", f"handle_time: {written}")
    code, line = _check(tmp_path, invoke, plan)
    assert code == 2 and line.startswith("plan.yaml:16:18: channels[phone].handle_time: ")
    assert line.endswith(f"has no unit — {fix}")
    if fixed is not None:  # what it says to write is read
        code, _ = _check(tmp_path, invoke, GOOD.replace("handle_time: 6m", f"handle_time: {fixed}"))
        assert code in (0, 1)


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        # Quoted scientific notation was read as a number and a word: "write 1 (the field's
        # name says its unit: no 'e3')", where the plan reads 1e3 unquoted as 1000.
        ('"1e3"', "write 1000"),
        ('"2.5E1"', "write 25"),
        ('"+.5"', "write 0.5"),
        ('"1e400"', "write a realistic figure"),
        ('"16.2 FTE"', "write 16.2 (the field's name says its unit: no 'FTE')"),
    ],
)
def test_a_quoted_figure_in_scientific_notation_is_told_its_digits(
    written: str, fix: str, tmp_path: Path, invoke: Invoke
) -> None:
    plan = GOOD.replace("    agents: 16.2", f"    agents: {written}")
    code, line = _check(tmp_path, invoke, plan)
    assert code == 2 and line.startswith("plan.yaml:19:13: channels[phone].agents: ")
    assert line.endswith(f"is not a number — {fix}")


MIX = (EXAMPLES / "bank-mix-aligned.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "named_at"),
    [
        ("plan strategy", "plans/acme.yaml:8:11: "),
        ("extends", "plans/ours.yaml:3:10: "),
        ("config strategy", ".cs-align.yaml:1:11: "),
        ("mix segment", "plans/acme.yaml:12:25: "),
        ("policy-ref", "plans/acme.yaml:8:11: "),
    ],
)
def test_a_strategy_reference_to_a_folder_is_refused_where_it_is_named(
    repo: Repo, cli: Cli, where: str, named_at: str
) -> None:
    """`strategy: kinds/` said "kinds: is a folder, not a file": the folder, no line of the
    file that names it, in every place a strategy is named (a FIFO is said where it is
    named, tests/security/test_files.py)."""
    (repo.root / "plans" / "kinds").mkdir()
    (repo.root / "plans" / "kinds" / "ours.yaml").write_text("id: ours\nname: Ours\n")
    if where in ("plan strategy", "policy-ref"):
        repo.write("plans/acme.yaml", GOOD.replace("strategy: delight", "strategy: kinds/"))
    elif where == "extends":
        repo.write("plans/ours.yaml", "id: ours\nname: Ours\nextends: kinds/\n")
        repo.write("plans/acme.yaml", GOOD.replace("strategy: delight", "strategy: ours.yaml"))
    elif where == "config strategy":
        repo.write(".cs-align.yaml", "strategy: plans/kinds/\n")
    else:
        mixed = MIX.replace("{private: extraordinary-trust}", "{private: ./kinds/}")
        repo.write("plans/acme.yaml", mixed)
    flags = ("--policy-ref", "main") if where == "policy-ref" else ()
    if where == "policy-ref":
        repo.commit("the folder on main too")
        repo.git("checkout", "-q", "main")
        repo.git("merge", "-q", "pr")
    result = cli("check", *flags, "plans/acme.yaml")
    assert result.code == 2, result.err
    assert result.err.startswith(named_at), result.err
    assert "is a folder — name a .yaml strategy file inside it" in result.err


@pytest.mark.parametrize(
    ("file", "text", "said"),
    [
        # An optional key in capitals was told "remove it; allowed here: …": removing
        # `CURRENCY: EUR` leaves the plan in USD, with no word of it.
        (
            "plans/acme.yaml",
            GOOD.replace("currency: USD", "CURRENCY: EUR"),
            "plans/acme.yaml:6:1: unknown key 'CURRENCY' — did you mean 'currency'?",
        ),
        (
            "plans/acme.yaml",
            GOOD.replace("handle_time: 6m", "HANDLE-TIME: 6m"),
            "plans/acme.yaml:16:5: unknown key 'HANDLE-TIME' in channels[phone] — did you mean "
            "'handle_time'?",
        ),
        (
            ".cs-align.yaml",
            "guardrails:\n  MAX_TOTAL: 5M\n",
            ".cs-align.yaml:2:3: unknown key 'MAX_TOTAL' in guardrails — did you mean 'max_total'?",
        ),
        # A strategy's options: an unknown one was told after pydantic's "metric: Field
        # required" for the option it left out, or with no case-blind hint; at the key, not
        # its value (input62).
        (
            "plans/ours.yaml",
            "id: ours\nname: Ours\nextends: universal\nrules:\n"
            "  - {rule: metric, METRIC: shrinkage, min: 0.2}\n",
            "plans/ours.yaml:5:20: rule 'metric' has no option 'METRIC' — did you mean 'metric'?",
        ),
        (
            "plans/ours.yaml",
            "id: ours\nname: Ours\nextends: universal\nrules:\n"
            "  - {rule: metric, metrc: shrinkage, min: 0.2}\n",
            "plans/ours.yaml:5:20: rule 'metric' has no option 'metrc' — did you mean 'metric'?",
        ),
        (
            "plans/ours.yaml",
            "id: ours\nname: Ours\nextends: universal\nrules:\n"
            "  - {rule: training-hours, MIN_HOURS: 5}\n",
            "plans/ours.yaml:5:28: rule 'training-hours' has no option 'MIN_HOURS' — did you mean "
            "'min_hours'?",
        ),
        (
            "plans/ours.yaml",
            "id: ours\nname: Ours\nextends: universal\nrules:\n  - {rule: metric, min: 0.2}\n",
            "plans/ours.yaml:5:5: rule 'metric' needs the option 'metric' — add `metric: …`",
        ),
    ],
)
def test_a_key_in_the_wrong_case_or_spelling_is_told_the_key_meant(
    repo: Repo, cli: Cli, file: str, text: str, said: str
) -> None:
    repo.write(file, text)
    if file == "plans/ours.yaml":
        repo.write("plans/acme.yaml", GOOD.replace("strategy: delight", "strategy: ours.yaml"))
    result = cli("check", "plans/acme.yaml")
    assert result.code == 2, result.err
    assert result.err.startswith(said), result.err


def test_explain_of_a_rule_as_fix_names_it_is_told_the_rule(invoke: Invoke) -> None:
    """`fix` says what a change answers as `metric:shrinkage`; `cs-align explain
    metric:shrinkage` said "run `cs-align explain` for the list"."""
    result = invoke("explain", "metric:shrinkage")
    assert result.code == 2
    said = "cs-align: unknown rule 'metric:shrinkage' — did you mean 'metric'?"
    assert result.err.strip() == said


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # Was "missing required key 'id' in channels[0] — add `id: phone` here", the `di:`
        # written there not named.
        ("  - id: phone", "  - di: phone", "plan.yaml:12:5: missing required key 'id' in "),
        ("    kind: voice", "    kidn: voice", "plan.yaml:13:5: missing required key 'kind' in "),
    ],
)
def test_a_required_key_with_two_letters_swapped_is_told_where_it_is_written(
    old: str, new: str, said: str, tmp_path: Path, invoke: Invoke
) -> None:
    code, line = _check(tmp_path, invoke, GOOD.replace(old, new, 1))
    key, written = old.split(":")[0].strip(" -"), new.split(":")[0].strip(" -")
    assert code == 2
    assert line.startswith(said) and line.endswith(f"write '{written}' as `{key}`"), line
