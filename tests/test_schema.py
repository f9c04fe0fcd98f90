"""`cs-align schema` agrees with the loader: editors accept what cs-align accepts, and flag
what it refuses wherever JSON Schema can say so."""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from cs_align.cli import app
from cs_align.commands.info import plan_schema
from cs_align.errors import CsAlignError
from cs_align.loader import parse_plan
from cs_align.plan import Count, Volume
from cs_align.schedule import Hours
from cs_align.starter import starter_plan
from cs_align.strategy import builtin_ids
from cs_align.units import Date, Duration, HoursPerYear, Money, Per, Percent, ServiceLevel
from cs_align.yamlsafe import load_text
from tests.conftest import EXAMPLES, examples, flow_yaml

SCHEMA = json.loads(plan_schema())
FORMATS = Draft202012Validator.FORMAT_CHECKER
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)

BASE: dict[str, Any] = {
    "version": 1,
    "organisation": "Schema Co",
    "strategy": "delight",
    "period": {"start": "2027-01-01", "end": "2027-12-31"},
    "channels": [
        {
            "id": "phone",
            "kind": "voice",
            "hours": "Mon-Fri 08:00-20:00",
            "volume": {"contacts": 9000, "per": "month"},
            "handle_time": "6m",
            "target": {"service_level": "80% in 20s"},
            "agents": 20,
        }
    ],
    "staffing": {"agents": 20, "shrinkage": "32%", "paid_hours_per_fte": "1800/year"},
    "budget": {"total": "1.5M", "lines": {"people": "1.5M"}},
}
INTERVALS = [{"at": f"{8 + i // 2:02d}:{30 * (i % 2):02d}", "contacts": 40 + i} for i in range(24)]
"""Half-hours that tile the phone's Mon-Fri 08:00-20:00."""
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def with_value(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    plan = copy.deepcopy(BASE)
    node: Any = plan
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return plan


def verdicts(plan: dict[str, Any]) -> tuple[bool, bool]:
    """(the loader accepts it, the schema accepts it), for one plan text read both ways."""
    text = flow_yaml(plan)
    schema_ok = VALIDATOR.is_valid(load_text(text, "plan.yaml").data)
    try:
        parse_plan(text, "plan.yaml")
    except CsAlignError:
        return False, schema_ok
    return True, schema_ok


VOLUME = ("channels", 0, "volume")
PAID = ("staffing", "paid_hours_per_fte")
AHT = ("channels", 0, "handle_time")
OCCUPANCY = ("staffing", "max_occupancy")
SHRINKAGE = ("staffing", "shrinkage")
SL = ("channels", 0, "target", "service_level")
ABANDONED = ("channels", 0, "target", "abandonment_max")
TOTAL = ("budget", "total")
HOURS = ("channels", 0, "hours")
AGENTS = ("channels", 0, "agents")
PEAK = ("channels", 0, "peak_factor")
CONCURRENCY = ("channels", 0, "concurrency")
START = ("period", "start")

ACCEPTED: list[tuple[tuple[str | int, ...], Any]] = [
    *[
        (VOLUME, v)
        for v in (
            "4000/month",
            "4_000/month",
            " 4000 / Month ",
            "40000/mo",
            "120/h",
            "2.5/day",
            "1000000000/year",
            {"contacts": 4000, "per": "month"},
            {"contacts": "40_000", "per": "wk"},
            {"interval": "30m", "intervals": INTERVALS},
            {"interval": "30m", "intervals": INTERVALS, "days": WEEKDAYS},
            {"interval": "1h", "intervals": INTERVALS[::2]},
        )
    ],
    *[
        (PAID, v)
        for v in (
            "1800/year",
            "40/week",
            "1_800/yr",
            "150/Month",
            "730.5/month",
            "8766/year",
            2080,
            Decimal("1732.5"),
        )
    ],
    *[
        (AHT, v)
        for v in (
            "6m",
            "7m30s",
            "7M30S",
            "1h 30m",
            "2 days",
            "90 seconds",
            "0.5h",
            "PT20S",
            "pt7m30s",
            "P1DT2H",
            "P1D",
            "PT0.5M",
        )
    ],
    *[
        (OCCUPANCY, v)
        for v in ("85%", "85 %", "100%", "12.5%", "0.85", "1", 0.85, 1, Decimal("0.85"))
    ],
    *[(SHRINKAGE, v) for v in ("32%", "99.9%", 0.3, "0.3")],
    *[(ABANDONED, v) for v in ("5%", "0.001%", "100%", 0.05, "0.00001")],
    *[
        (SL, v)
        for v in (
            "80% in 20s",
            "80/20",
            "80 % within 1m",
            "90% IN PT20S",
            "99.999% in 0s",
            "99.999/20",
            "80.5/20.5",
            "80%in 20s",
        )
    ],
    *[
        (TOTAL, v)
        for v in (
            6200000,
            "6.2M",
            "6_200_000",
            "62k",
            "62K",
            "1.5bn",
            "2B",
            "6.2 M",
            "10000000000000",
            "10_000_000_000_000",
            "10000000000k",
            "10000B",
            Decimal("6200000.50"),
            "0",
        )
    ],
    *[
        (HOURS, v)
        for v in (
            "24x7",
            "24/7",
            "24 X 5",
            "Mon-Fri 08:00-20:00",
            "mon - fri 8:00 - 20:00",
            "Monday-Friday 08:00-20:00",
            "Sat,Sun 10:00-14:00",
            "Sat, Sun 10:00-14:00",
            "daily 06:00-22:00",
            "Every day 06:00-22:00",
            "Fri-Mon 22:00-06:00",
            "Mon-Fri 08:00-24:00",
            ["Mon-Fri 08:00-20:00", "Sat 09:00-13:00"],
        )
    ],
    *[(AGENTS, v) for v in (12, Decimal("12.5"), "12", "1_000", 0, "0.5")],
    *[(PEAK, v) for v in (1, Decimal("2.5"), "20")],
    (CONCURRENCY, 1),
    (START, "2027-01-01"),
    (("period",), {"start": "2028-02-29", "end": "2028-03-01"}),
    (("currency",), "EUR"),
    (
        ("strategy",),
        {
            "primary": "fast-food",
            "by_segment": {"gold": "extraordinary-trust"},
            "by_channel": {"phone": "delight"},
        },
    ),
    (("strategy",), {"primary": "delight"}),
    (("version",), 1),
]

REFUSED: list[tuple[tuple[str | int, ...], Any]] = [
    *[
        (VOLUME, v)
        for v in (
            "4000",
            "4000/fortnight",
            "4e3/month",
            "-5/month",
            "4,000/month",
            "1000000001/month",
            "/month",
            {"contacts": 4000},
            {"contacts": 4000, "per": "month", "interval": "30m", "intervals": INTERVALS},
            {"intervals": INTERVALS},
            {"contacts": -1, "per": "month"},
            {"contacts": 4000, "per": None},
            {"interval": "30m", "intervals": INTERVALS, "days": []},
            {"interval": "30m", "intervals": INTERVALS, "days": [*WEEKDAYS, "mon"]},
        )
    ],
    *[
        (PAID, v)
        for v in (
            "1800",
            "0/week",
            "169/week",
            "730.6/month",
            "25/day",
            "2/hour",
            "8/day",  # working days, not every day: ambiguous (review calc31 F2)
            "1/hour",
            "8767/year",
            9000,
            0,
            "40/fortnight",
            "-40/week",
            "1e3/year",
            "40 / week / person",
        )
    ],
    *[
        (AHT, v)
        for v in (
            "6",
            360,
            "PT0S",
            "0s",
            "0m 0s",
            "P1DT",
            "PT",
            "P",
            "6 parsecs",
            "7m30",
            "-5m",
            "1e3s",
            "\u0662\u0660s",  # Arabic-Indic digits: Python's \d would take them
            "6 m s",
            "",
        )
    ],
    *[
        (OCCUPANCY, v)
        for v in ("85", 85, "101%", "-5%", "+85%", "8e1%", "1.5", 1.5, "85%%", "high", "")
    ],
    *[(SHRINKAGE, v) for v in ("100%", 1, "1.0", "100.0 %")],
    *[(ABANDONED, v) for v in ("0%", 0, "0.0009%", "0.000009")],  # 0% is never kept
    *[
        (SL, v)
        for v in (
            "80 in 20s",
            "0% in 20s",
            "0/20",
            "101/20",
            "100% in 20s",  # never kept by a queue
            "100/20",
            "99.9991% in 20s",  # finer than a figure is judged
            "80% in 20",
            "80%",
            "80% in",
            "80% in -5s",
            "80% within20s",
            "80.5.5% in 20s",
            80,
        )
    ],
    *[
        (TOTAL, v)
        for v in (
            "$6.2M",
            "USD 6.2M",
            "6,200,000",
            "6.2m",
            "6.2MM",
            "-5",
            -5,
            "10000000000001",
            "10000000000.5k",
            "10001B",
            Decimal("10000000000000.01"),
            "6.2e6",
            "1__0",
            "_1",
            "1_",
            True,
        )
    ],
    *[
        (HOURS, v)
        for v in (
            "Mon-Fry 08:00-20:00",
            "Mon-Fri 08:00-25:00",
            "Mon-Fri 08:00-24:30",
            "Mon-Fri 8-20",
            "24x6",
            [],
            "Mon-Fri",
            "weekdays 08:00-20:00",
            "Mon- 08:00-20:00",
            ",Mon 08:00-20:00",
            ["24x7", 5],
            5,
        )
    ],
    *[(AGENTS, v) for v in (-1, "-1", "1e3", "12 agents", 2000000000, True, "")],
    *[(PEAK, v) for v in (Decimal("0.5"), 21, "0.9", "21")],
    *[(CONCURRENCY, v) for v in ("2", 0, 21, Decimal("2.5"), True)],
    *[
        (START, v)
        for v in ("2027-1-1", "2027-02-30", "2027-01-01T00:00:00", 20270101, "01/01/2027")
    ],
    *[(("currency",), v) for v in ("eur", "EURO", "XYZ", 840)],
    *[
        (("strategy",), v)
        for v in (
            "",
            5,
            {"by_segment": {"gold": "delight"}},
            {"primary": "delight", "by_tier": {}},
            {"primary": ""},
            {"primary": "delight", "by_channel": {"phone": ""}},
        )
    ],
    *[(("version",), v) for v in ("1", 2)],
]

LOADER_ONLY: list[tuple[tuple[str | int, ...], Any]] = [
    # Refused by the loader; JSON Schema cannot compare one part of a value with another.
    (HOURS, "Mon-Fri 08:00-08:00"),
    (("period",), {"start": "2027-12-31", "end": "2027-01-01"}),
    # A voice line (channel 0) takes one call at a time; chat takes up to 20 (the schema
    # states the range, the loader the kind).
    *[(CONCURRENCY, v) for v in (3, 20)],
    # Intervals measured against the channel's hours: open hours without one, one at a
    # closed time or on a closed day, two over the same minutes.
    (VOLUME, {"interval": "30m", "intervals": INTERVALS[:2]}),
    (VOLUME, {"interval": "30m", "intervals": [*INTERVALS, {"at": "20:00", "contacts": 1}]}),
    (VOLUME, {"interval": "30m", "intervals": INTERVALS, "days": [*WEEKDAYS, "sat"]}),
    (VOLUME, {"interval": "30m", "intervals": [*INTERVALS, INTERVALS[3]]}),
    (VOLUME, {"interval": "1h", "intervals": INTERVALS}),
]


def _id(row: tuple[tuple[str | int, ...], Any]) -> str:
    return f"{row[0][-1]}={row[1]!r}"


@pytest.mark.parametrize("row", ACCEPTED, ids=[_id(r) for r in ACCEPTED])
def test_forms_the_loader_accepts_validate(row: tuple[tuple[str | int, ...], Any]) -> None:
    assert verdicts(with_value(*row)) == (True, True)


@pytest.mark.parametrize("row", REFUSED, ids=[_id(r) for r in REFUSED])
def test_forms_the_loader_refuses_do_not_validate(row: tuple[tuple[str | int, ...], Any]) -> None:
    assert verdicts(with_value(*row)) == (False, False)


@pytest.mark.parametrize("row", LOADER_ONLY, ids=[_id(r) for r in LOADER_ONLY])
def test_what_json_schema_cannot_say_is_left_to_the_loader(
    row: tuple[tuple[str | int, ...], Any],
) -> None:
    assert verdicts(with_value(*row)) == (False, True)


def test_a_quoted_version_is_refused_with_the_reason() -> None:
    with pytest.raises(CsAlignError) as refused:
        parse_plan(flow_yaml(with_value(("version",), "1")), "plan.yaml")
    message = "version: '1' is text here — write 1 without quotes"
    assert str(refused.value) == f"plan.yaml:1:13: {message}"


DOCUMENTS = {
    **{path.name: path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.yaml"))},
    **{f"init --strategy {sid}": starter_plan(sid) for sid in builtin_ids()},
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_example_and_starter_validates(name: str) -> None:
    data = load_text(DOCUMENTS[name], name).data
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    parse_plan(DOCUMENTS[name], name)


def test_init_writes_the_editor_modeline_beside_a_valid_plan(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = CliRunner().invoke(app, ["init", str(target), "--strategy", "tiered"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=plan.schema.json"
    assert VALIDATOR.is_valid(load_text(text, "plan.yaml").data)


def _with_defaults(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [d for item in node for d in _with_defaults(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if "default" in node else []
    return found + [d for value in node.values() for d in _with_defaults(value)]


def test_every_default_is_written_as_a_user_would_write_it() -> None:
    defaults = _with_defaults(SCHEMA)
    for prop in defaults:
        check = Draft202012Validator({**prop, "$defs": SCHEMA["$defs"]})
        assert check.is_valid(prop["default"]), prop
    shown = {d["title"]: d["default"] for d in defaults if "title" in d}
    assert shown["Shrinkage"] == "30%" and shown["Max Occupancy"] == "85%"
    assert shown["Paid Hours Per Fte"] == 2080
    assert SCHEMA["$defs"]["Channel"]["properties"]["hours"]["default"] == "24x7"


def _patterns(node: Any) -> list[str]:
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    if not isinstance(node, dict):
        return []
    own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
    return own + [p for key, value in node.items() if key != "pattern" for p in _patterns(value)]


PATTERNS = sorted(set(_patterns(SCHEMA)))
SAMPLES = sorted({v for _, v in ACCEPTED + REFUSED + LOADER_ONLY if isinstance(v, str)})


def test_patterns_use_only_syntax_python_and_javascript_read_alike() -> None:
    for pattern in PATTERNS:
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        for python_only in (r"\d", r"\w", "(?P<", r"\Z", r"\A", "(?i", "(?#"):
            assert python_only not in pattern, (python_only, pattern)


def test_javascript_reads_every_pattern_as_python_does() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(data.patterns.map("
        "p => { const r = new RegExp(p, 'u'); return data.samples.map(s => r.test(s)); })));"
    )
    given = json.dumps({"patterns": PATTERNS, "samples": SAMPLES})
    result = subprocess.run(
        [node, "-e", script], input=given, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    javascript = json.loads(result.stdout)
    python = [[re.search(p, s) is not None for s in SAMPLES] for p in PATTERNS]
    assert javascript == python


# ---- property tests: each unit's parser and its schema accept the same text -------------


@functools.cache
def _both(kind: Any) -> tuple[TypeAdapter[Any], Draft202012Validator]:
    adapter = TypeAdapter(kind)
    return adapter, Draft202012Validator(adapter.json_schema(), format_checker=FORMATS)


def _agree(kind: Any, value: Any, *, unsayable: tuple[str, ...] = ()) -> None:
    """The loader takes ``value`` exactly when the schema does (apart from a refusal whose
    message contains one of ``unsayable``, which JSON Schema cannot state)."""
    adapter, schema = _both(kind)
    try:
        adapter.validate_python(value)
        loader = True
    except ValidationError as exc:
        if any(said in str(exc) for said in unsayable):
            return
        loader = False
    assert schema.is_valid(value) == loader, value


def _texts(alphabet: str, shape: str) -> st.SearchStrategy[str]:
    return st.text(alphabet, max_size=14) | st.from_regex(shape, fullmatch=True)


DURATION_PART = (
    r" ?[0-9]{1,2}(\.[0-9])? ?(s|sec|secs|second|seconds|m|min|mins|minute|minutes|M|Min"
    r"|h|hr|hrs|hour|hours|H|d|day|days|D)"
)
"""One part of a duration, in any of the unit's words."""

UNIT_TEXTS = {
    "duration": (Duration, _texts("0123456789. smhdayPTHMSD-", r" ?[0-9]{1,2}(\.[0-9])? ?[smhd]")),
    "percent": (Percent, _texts("0123456789.% -+e", r" ?[0-9]{1,3}(\.[0-9]{1,2})? ?%?")),
    "service level": (
        ServiceLevel,
        _texts("0123456789.%/ insPTS", r"[0-9]{1,3}(% in |/)[0-9]{1,2}s?"),
    ),
    "money": (Money, _texts("0123456789._kKMBbn $,-", r"[0-9][0-9_]{0,15}(\.[0-9])? ?(k|M|B|bn)?")),
    "paid hours": (
        HoursPerYear,
        _texts("0123456789._/ yearwkmonthd", r"[0-9]{1,5}(\.[0-9])?/(year|week|month|day|h)"),
    ),
    "count": (Count, _texts("0123456789._ -e", r"[0-9][0-9_]{0,11}(\.[0-9]{1,2})?")),
    "period": (Per, _texts("hourdaywkmnthyr ", r" ?(h|hr|d|w|wk|mo|y|yr|day|week|month|year) ?")),
    "date": (Date, _texts("0123456789-", r"20[0-9]{2}-[01][0-9]-[0-3][0-9]")),
    # Durations of several parts, a unit now and then given twice (review user59: `1h1h`
    # passed the schema, which the reader asks about).
    "duration of parts": (Duration, st.from_regex(rf"({DURATION_PART}){{1,4}}", fullmatch=True)),
    "service level of parts": (
        ServiceLevel,
        st.from_regex(rf"[1-9][0-9]?% (in|within)({DURATION_PART}){{1,3}}", fullmatch=True),
    ),
    "volume": (Volume, _texts("0123456789_/ month", r"[0-9][0-9_]{0,10}/(month|week|day|h)")),
}


@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("unit", sorted(UNIT_TEXTS))
def test_unit_text_parses_exactly_when_its_schema_matches(unit: str, data: st.DataObject) -> None:
    kind, texts = UNIT_TEXTS[unit]
    # A duration's cap (a year, summed over its parts) is beyond what a pattern states; so
    # are its floors (units.MIN_SECONDS, a second, and MIN_WAIT, a tenth, summed over its
    # parts in any unit: 0.01m is under a second, 0.02m not). Review reattack59: since
    # 0305c3e a draw such as '0.1S' (the schema's yes, the reader's "under a second") failed
    # the suite at random.
    bounds = ("longer than a year", "is under a second", "is under a tenth of a second")
    _agree(
        kind, data.draw(texts), unsayable=bounds if "duration" in unit or "service" in unit else ()
    )


@pytest.mark.parametrize(
    ("unit", "text"),
    [("duration", "0.01m"), ("duration", "0.01m 0.1s"), ("service level", "80/0.05")],
)
def test_a_duration_under_its_floor_is_the_reader_s_refusal_alone(unit: str, text: str) -> None:
    """The draws that failed the property above at random: the schema takes them (its
    pattern states no floor but for a lone figure of seconds, `0.1S`, which it refuses
    since review input60), the reader refuses them under units.MIN_SECONDS or MIN_WAIT."""
    kind, _ = UNIT_TEXTS[unit]
    adapter, schema = _both(kind)
    assert schema.is_valid(text)
    with pytest.raises(ValidationError, match=r"is under a (second|tenth of a second)"):
        adapter.validate_python(text)


HOURS_TEXT = st.from_regex(
    r"(24x7|24/5|(Mon|Tue|Fri|Sat|Sun|daily|mon|Fry)(-(Fri|Sun|Mon))?(,Sat)? "
    r"[0-2]?[0-9]:[0-6][0-9] ?- ?[0-2]?[0-9]:[0-6][0-9])",
    fullmatch=True,
)


@settings(max_examples=examples(100), deadline=None)
@given(text=HOURS_TEXT | st.text("MonFri0123456789:- x", max_size=16))
def test_hours_parse_exactly_when_the_schema_matches(text: str) -> None:
    _agree(Hours, text, unsayable=("opens and closes at the same time",))


@pytest.mark.parametrize(
    ("path", "twice", "once"),
    [
        (("channels", 0, "handle_time"), "1h1h", "1h"),
        (("channels", 0, "handle_time"), "6m30s6m", "6m30s"),
        (("channels", 0, "handle_time"), "1 min 30 seconds 1m", "1 min 30 seconds"),
        (("channels", 0, "target", "service_level"), "80% in 10s10s", "80% in 10s"),
        (("channels", 0, "patience"), "1m1m", "1m"),
    ],
)
def test_a_unit_given_twice_is_refused_by_the_schema_as_by_the_reader(
    path: tuple[str | int, ...], twice: str, once: str
) -> None:
    # Review user59: `cs-align schema` accepted handle_time: 1h1h, which check refuses
    # ("gives the hours more than once"), so an editor passed a plan CI then stopped.
    assert verdicts(with_value(path, twice)) == (False, False)
    assert verdicts(with_value(path, once)) == (True, True)
