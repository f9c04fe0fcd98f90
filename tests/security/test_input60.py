"""Review input60: untrusted plans, configs and pyproject tables, read as their authors
wrote them; what cannot be read is refused at its place, in the author's own words."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_align.engine import CheckOptions, assess
from cs_align.errors import CsAlignError
from cs_align.loader import parse_plan
from tests.conftest import GOOD, Invoke, examples
from tests.test_schema import SCHEMA, verdicts, with_value


def _pyproject(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        (
            "[tool.cs-align.guardrails]\nmax_total = 1e400",
            "2:13: guardrails.max_total: `1e400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = +1E400",
            "2:13: guardrails.max_total: `+1E400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = 1_0e4_00",
            "2:13: guardrails.max_total: `1_0e4_00` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = 1.5e-400",
            "2:13: guardrails.max_total: `1.5e-400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = 0x" + "f" * 30,
            "2:13: guardrails.max_total: `0x" + "f" * 30 + "` is a number in base 16",
        ),
        # Inside an inline table: placed at the number, not at the `{`.
        (
            "[tool.cs-align]\nguardrails = {max_total = 1e400}",
            "2:27: guardrails.max_total: `1e400` is out of range",
        ),
        # In a nested array, or an array in an inline table: tomllib's `1E+400` was quoted.
        (
            "[tool.cs-align.guardrails]\nresilience = [[1e400]]",
            "2:16: guardrails.resilience[0][0]: `1e400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nresilience = {volume = [1e400]}",
            "2:25: guardrails.resilience.volume[0]: `1e400` is out of range",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = inf",
            "2:13: guardrails.max_total: `inf` is not a finite figure",
        ),
        (
            "[tool.cs-align.guardrails]\nmax_total = nan",
            "2:13: guardrails.max_total: `nan` is not a finite figure",
        ),
        (
            '[tool.cs-align.guardrails]\nresilience = {volume = -inf, at_least = "at-risk"}',
            "2:24: guardrails.resilience.volume: `-inf` is not a finite figure",
        ),
    ],
    ids=[
        *("exp", "signed", "underscores", "tiny", "hex", "inline", "nested", "inline-array"),
        *("inf", "nan", "inline-inf"),
    ],
)
def test_a_toml_number_out_of_range_is_quoted_as_written(
    invoke: Invoke, tmp_path: Path, setting: str, said: str
) -> None:
    # Before: tomllib's figure was quoted (`1E+400`, `1.5E-400`, the hex as 1329…, `inf` as
    # "Infinity is not a finite amount"), a figure no author wrote; YAML quotes `1e400`.
    folder = _pyproject(tmp_path, setting + "\n")
    result = invoke("check", "plan.yaml", cwd=folder)
    assert result.code == 2, result.err
    assert f"pyproject.toml:{said}" in result.err, result.err
    assert "E+" not in result.err and "Infinity" not in result.err and "NaN" not in result.err
    assert "Traceback" not in result.err


# A lone figure of seconds in every field that holds a duration, the reader's floor beside
# it: 1 s for handle time and patience (units.MIN_SECONDS), 0.1 s for a wait (MIN_WAIT).
FLOORS = [
    (("channels", 0, "handle_time"), Decimal(1)),
    (("channels", 0, "patience"), Decimal(1)),
    (("channels", 0, "target", "asa"), Decimal("0.1")),
]


@settings(max_examples=examples(60), deadline=None)
@given(
    where=st.sampled_from(FLOORS),
    hundredths=st.integers(min_value=1, max_value=300),
    iso=st.booleans(),
)
def test_the_schema_refuses_a_duration_under_the_reader_s_floor(
    where: tuple[tuple[str | int, ...], Decimal], hundredths: int, iso: bool
) -> None:
    # Before: the schema passed `handle_time: 0.5s` (and `PT0.5S`, an ASA of 0.05s), which
    # the reader refuses as "under a second": an editor showed green, `check` exit 2.
    path, floor = where
    figure = Decimal(hundredths) / 100
    text = f"PT{figure}S" if iso else f"{figure}s"
    loader, schema = verdicts(with_value(path, text))
    assert loader == (figure >= floor)
    assert schema == loader, f"{text}: the loader says {loader}, the schema {schema}"


def test_the_schema_says_each_duration_s_floor_and_ceiling() -> None:
    channel = SCHEMA["$defs"]["Channel"]["properties"]
    target = SCHEMA["$defs"]["Target"]["properties"]

    def said(prop: dict[str, Any]) -> str:
        return json.dumps(prop)

    assert "at least 1s and at most a year" in said(channel["handle_time"])
    assert "at least 1s and at most an hour" in said(channel["patience"])
    assert "at least 0.1s and at most a year" in said(target["first_response"])


@pytest.mark.parametrize(
    ("written", "said", "fix"),
    [
        # A Cyrillic р: the fix dropped it, "write hone".
        ("\u0440hone", "(it contains U+0440, which looks like plain text but is not)", "phone"),
        # A zero-width space: the fix made it a `-`, "write ph-one", and nothing said why.
        ("ph\u200bone", "(it contains U+200B, which looks like plain text but is not)", "phone"),
        # Full-width letters: "write " and nothing.
        ("\uff50\uff48\uff4f\uff4e\uff45", "which look like plain text but are not)", "phone"),
        # An accent is seen: no note, and the letter kept ("write caf-line").
        ("Caf\u00e9 Line", "is not a valid name —", "cafe-line"),
    ],
    ids=["cyrillic", "zero-width", "full-width", "accent"],
)
def test_a_name_with_look_alike_letters_is_told_the_name_it_reads_as(
    invoke: Invoke, tmp_path: Path, written: str, said: str, fix: str
) -> None:
    plan = GOOD.replace("- id: phone", f'- id: "{written}"', 1)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert "is not a valid name" in result.err and said in result.err, result.err
    assert f"— write {fix} (use ASCII letters" in result.err, result.err


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        # Each was Python's name for the value ("Infinity", "NaN"), and paid hours were
        # "Infinity must be more than zero", a duration "Infinity has no unit".
        ("  total: 1540241", "  total: -.inf", "budget.total: -.inf is not a finite amount"),
        (
            "  loaded_cost_per_fte: 62000",
            "  loaded_cost_per_fte: .nan",
            "staffing.loaded_cost_per_fte: .nan is not a finite amount",
        ),
        (
            "  paid_hours_per_fte: 1800/year",
            "  paid_hours_per_fte: .inf",
            "staffing.paid_hours_per_fte: .inf is not hours per period — write e.g. 1800/year",
        ),
        (
            "    handle_time: 6m",
            "    handle_time: .inf",
            "channels[phone].handle_time: .inf is not a duration — write e.g. 20s",
        ),
        ("version: 1", "version: .nan", "version: .nan is not a format version"),
    ],
    ids=["money", "cost", "paid-hours", "duration", "version"],
)
def test_a_plan_s_infinite_figure_is_quoted_as_written(
    invoke: Invoke, tmp_path: Path, before: str, after: str, said: str
) -> None:
    assert before in GOOD
    (tmp_path / "plan.yaml").write_text(GOOD.replace(before, after, 1), encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert said in result.err, result.err
    assert "Infinity" not in result.err and "NaN" not in result.err


def test_a_strategy_option_s_infinite_figure_is_told_what_to_write(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Before: "training-hours: min_hours Input should be a finite number — see `cs-align
    # explain training-hours`", pydantic's words and no figure to write.
    (tmp_path / "mine.yaml").write_text(
        "id: mine\nname: Mine\nextends: delight\nrules:\n"
        "  - {rule: training-hours, min_hours: .inf}\n",
        encoding="utf-8",
    )
    plan = GOOD.replace("strategy: delight", "strategy: mine.yaml", 1)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert "mine.yaml:5:39: training-hours: min_hours .inf is not a number" in result.err
    assert "write a number, e.g. 40" in result.err and "Input should" not in result.err


FORTY_FOUR = "1" + "0" * 43


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "plan.yaml",
            GOOD.replace("  total: 1540241", f"  total: {FORTY_FOUR}", 1),
            "budget.total",
        ),
        (".cs-align.yaml", f"guardrails: {{max_total: {FORTY_FOUR}}}\n", "guardrails.max_total"),
        (
            "waivers.yaml",
            "waivers:\n  - rule: no-scripts\n    path: staffing.uses_scripts\n    reason: r\n"
            f"    owner: o\n    expires: 2027-01-01\n    note: {FORTY_FOUR}\n",
            "waivers[0].note",
        ),
    ],
    ids=["plan", "config", "waivers"],
)
def test_a_number_of_too_many_digits_is_said_once(
    invoke: Invoke, tmp_path: Path, name: str, text: str, said: str
) -> None:
    # Before: "budget.total: a 44-digit number is out of range" and again without the field,
    # two errors at one place for one figure (JSON's `errors` held both).
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    extra = ("--waivers", "waivers.yaml") if name == "waivers.yaml" else ()
    result = invoke("check", "plan.yaml", *extra, cwd=tmp_path)
    assert result.code == 2, result.err
    assert f"{said}: a 44-digit number is out of range" in result.err, result.err
    assert result.err.count("44-digit number") == 1, result.err


_SLOTS = [
    line.split(":", 1)[0] + ":"
    for line in GOOD.splitlines()
    if re.match(r"^\s+(- )?[a-z_]+: [^{\[#]", line) and "id:" not in line
]
"""Each `key:` of the example plan that holds a scalar, as written (with its indent)."""
_FIGURES = [
    *(".inf", "-.inf", ".nan", ".NaN", "1e400", "-1e400", "1e-400", "1" + "0" * 43),
    *("6e2", "1e20", "-2.5e3"),  # in range, in exponent form: said `6E+2`, `1E+20`
]


@settings(max_examples=examples(150), deadline=None)
@given(slot=st.sampled_from(_SLOTS), figure=st.sampled_from(_FIGURES))
def test_no_message_shows_a_figure_other_than_the_one_written(slot: str, figure: str) -> None:
    # The class behind ae39279 and c86fe43: wherever a non-finite or out-of-range figure is
    # written, a refusal quotes it as written (`.inf`, `1e400`), never as Python names it
    # ("Infinity", "NaN", "1E+400"), and says so once.
    at = GOOD.index(slot)
    end = GOOD.index("\n", at)
    text = GOOD[:at] + f"{slot} {figure}" + GOOD[end:]
    try:
        assess(parse_plan(text, "plan.yaml"), CheckOptions())
    except CsAlignError as exc:
        said = [str(p) for p in exc.problems]
        assert all(s.startswith("plan.yaml:") and " — " in s for s in said), said
        assert not re.search(r"Infinity|NaN|E\+|E-\d|Decimal\(", " ".join(said)), said
        assert len(said) == len(set(said)), said


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        (
            "guardrails: {no_verdict_regression: .inf}",
            "1:37: guardrails.no_verdict_regression: .inf is not a guardrail setting",
        ),
        ("format: .nan", "1:9: format: .nan is not an output format"),
        (
            "guardrails: {resilience: {volume: .inf, at_least: at-risk}}",
            "1:35: guardrails.resilience.volume: volume=.inf: not a value for volume",
        ),
        (
            "guardrails: {resilience: {volume: '+10%', at_least: .inf}}",
            "1:53: guardrails.resilience.at_least: at_least '.inf' is not a verdict",
        ),
        ("format: {json: out.json}", "1:9: format: a mapping is not an output format"),
    ],
    ids=["switch", "format", "stress", "verdict", "format-mapping"],
)
def test_a_config_setting_of_the_wrong_kind_is_quoted_as_written(
    invoke: Invoke, tmp_path: Path, setting: str, said: str
) -> None:
    # Before: "Decimal('Infinity') is not a guardrail setting", "Decimal('NaN') is not an
    # output format", "{'json': 'out.json'} is not an output format": Python's repr; and a
    # stress "volume=Infinity: not a value for volume", "at_least 'Infinity'".
    (tmp_path / ".cs-align.yaml").write_text(setting + "\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("check", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert f".cs-align.yaml:{said}" in result.err, result.err
    assert "Decimal(" not in result.err and "{'" not in result.err
    assert "Infinity" not in result.err and "NaN" not in result.err
