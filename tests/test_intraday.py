"""Intraday intervals are held to the channel's hours: an interval at a closed time or on a
closed day, two over the same minutes, or open hours no interval covers is unusable input
(exit 2 at the interval, with what to write instead), in every command that reads the plan."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cs_align.loader import parse_plan
from cs_align.metrics import compute
from cs_align.sizing import demand
from tests.conftest import Invoke

PLAN = """version: 1
organisation: Intraday Co
strategy: fast-food
channels:
  - id: phone
    kind: voice
    hours: {hours}
    volume:
      interval: {length}{days}
      intervals:
{rows}
    handle_time: 5m
    target: {{service_level: "80% in 20s"}}
    agents: 9
staffing: {{agents: 9, shrinkage: 0%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 30000}}
"""
MORNING = ("08:00", "09:00", "10:00", "11:00")


def plan(
    starts: tuple[str, ...] = MORNING,
    hours: str = "Mon-Fri 08:00-12:00",
    length: str = "1h",
    days: str = "",
) -> str:
    rows = "\n".join(f'        - {{at: "{at}", contacts: {30 + i}}}' for i, at in enumerate(starts))
    shown_days = f"\n      days: [{days}]" if days else ""
    return PLAN.format(hours=hours, length=length, days=shown_days, rows=rows)


def where(text: str, needle: str, nth: int = 1) -> str:
    """'line:column' of the nth ``needle`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return f"{line}:{at - text.rfind(chr(10), 0, at)}"


def refused(invoke: Invoke, plan_file, text: str, *command: str) -> str:  # type: ignore[no-untyped-def]
    path = plan_file(text)
    result = invoke(*(command or ("check",)), str(path), cwd=path.parent)  # `report` writes there
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err
    return result.err


CASES = [
    pytest.param(
        plan(hours="Mon-Fri 14:00-18:00"),
        ('"08:00"', 1),
        "channels[phone].volume.intervals[0].at: the interval 08:00-09:00 starts while the "
        "channel is closed on Mon-Fri (hours Mon-Fri 14:00-18:00): its contacts would be "
        "sized and answered while nobody is there — give intervals only within the open "
        "hours, or widen `hours` to take in 08:00-09:00",
        id="closed-time",
    ),
    pytest.param(
        plan(starts=("08:00", "09:00", "10:00", "11:30"), length="1h"),
        ('"11:30"', 1),
        "channels[phone].volume.intervals[3].at: the interval 11:30-12:30 runs past 12:00, "
        "when the channel closes on Mon-Fri (hours Mon-Fri 08:00-12:00)",
        id="runs-past-closing",
    ),
    pytest.param(
        plan(hours="Mon-Sat 08:00-12:00", days="sun"),
        ("sun", 1),
        "channels[phone].volume.days[0]: the channel does not open on Sun (hours Mon-Sat "
        "08:00-12:00): intervals given for it would be sized and answered while nobody is "
        "there — list only days it opens (Mon-Sat), or open it on Sun in `hours`",
        id="closed-day",
    ),
    pytest.param(
        plan(starts=("08:00", "08:00", "10:00", "11:00")),
        ('"08:00"', 2),
        "channels[phone].volume.intervals[1].at: a second interval starts at 08:00 (the first "
        "is intervals[0]): its contacts would be sized on top of the first's — add the two "
        "into one interval, or give this one the start it was meant to have (09:00-10:00 has no "
        "interval)",
        id="duplicate-start",
    ),
    pytest.param(
        plan(starts=("08:00", "09:00", "09:30", "10:00", "11:00")),
        ('"09:30"', 1),
        "channels[phone].volume.intervals[2].at: the interval at 09:30 overlaps the one at "
        "09:00 (each lasts 1h): contacts would be sized twice over the same minutes",
        id="overlap",
    ),
    pytest.param(
        plan(hours="Mon-Fri 08:00-20:00"),
        ("- {at:", 1),
        "channels[phone].volume.intervals: intervals cover Mon-Fri 08:00-12:00 of the "
        "channel's hours Mon-Fri 08:00-20:00: Mon-Fri 12:00-20:00 has no forecast, so it would be "
        "planned with no contacts and no staff — give intervals for 12:00-20:00 too, or "
        "narrow `hours` to Mon-Fri 08:00-12:00",
        id="open-hours-uncovered",
    ),
    pytest.param(
        plan(hours="Mon-Sat 08:00-12:00", days="mon, tue"),
        ("- {at:", 1),
        "channels[phone].volume.intervals: intervals cover Mon-Tue 08:00-12:00 of the "
        "channel's hours Mon-Sat 08:00-12:00: Wed-Sat 08:00-12:00 has no forecast, so it would be "
        "planned with no contacts and no staff — add wed, thu, fri, sat to `days` (or drop "
        "`days`) if these intervals hold then too, or narrow `hours` to Mon-Tue 08:00-12:00",
        id="open-days-uncovered",
    ),
    pytest.param(
        plan(hours="Mon-Fri 08:00-12:00", days="mon, tue, wed, thu, fri, mon"),
        ("mon", 2),
        "channels[phone].volume.days[5]: mon is listed twice: its contacts would count "
        "twice — list each day once",
        id="day-twice",
    ),
]


@pytest.mark.parametrize(("text", "needle", "message"), CASES)
def test_intervals_that_do_not_tile_the_hours_are_refused_at_the_interval(
    invoke: Invoke,
    plan_file,  # type: ignore[no-untyped-def]
    text: str,
    needle: tuple[str, int],
    message: str,
) -> None:
    err = refused(invoke, plan_file, text)
    assert f"plan.yaml:{where(text, *needle)}: {message}" in err


@pytest.mark.parametrize("command", [("check",), ("fix",), ("report", "-o", "r.md"), ("promise",)])
def test_no_command_plans_open_hours_without_a_forecast(
    invoke: Invoke,
    plan_file,  # type: ignore[no-untyped-def]
    command: tuple[str, ...],
) -> None:
    # The reviewer's c6d: `fix` cut staff to the morning's need and called it aligned.
    err = refused(invoke, plan_file, plan(hours="Mon-Fri 08:00-20:00"), *command)
    assert "Mon-Fri 12:00-20:00 has no forecast" in err


NIGHT = tuple(f"{h:02d}:00" for h in (*range(22, 24), *range(0, 6)))


@pytest.mark.parametrize(
    ("starts", "hours", "length"),
    [
        (MORNING, "Mon-Fri 08:00-12:00", "1h"),
        (
            tuple(f"{8 + i // 2:02d}:{30 * (i % 2):02d}" for i in range(8)),
            "Mon-Fri 08:00-12:00",
            "30m",
        ),
        (NIGHT, "Mon-Fri 22:00-06:00", "1h"),  # 00:00 on mon is Tuesday's small hours
        (("00:00",), "24x7", "24h"),
        (("08:00", "09:00", "13:00"), ["Mon-Fri 08:00-10:00", "Mon-Fri 13:00-14:00"], "1h"),
    ],
)
def test_intervals_that_tile_the_hours_spread_staff_over_every_open_hour(
    invoke: Invoke,
    plan_file,  # type: ignore[no-untyped-def]
    starts: tuple[str, ...],
    hours: str | list[str],
    length: str,
) -> None:
    shown = hours if isinstance(hours, str) else "[" + ", ".join(hours) + "]"
    text = plan(starts=starts, hours=shown, length=length)
    assert invoke("check", str(plan_file(text))).code in (0, 1)
    channel = parse_plan(text, "plan.yaml").plan.channels[0]
    sized = demand(channel, Fraction(1), Fraction(1), Fraction(85, 100))
    assert sized is not None
    assert sum(s.hours for s in sized.slices) == channel.schedule.weekly_hours


MORNING_CALLS = """version: 1
organisation: Interval Co
strategy: fast-food
channels:
  - id: phone
    kind: voice
    hours: Mon-Fri 08:00-12:00
    volume:
      interval: 30m
      intervals:
        - {at: "08:00", contacts: 8}
        - {at: "08:30", contacts: 14}
        - {at: "09:00", contacts: 25}
        - {at: "09:30", contacts: 38}
        - {at: "10:00", contacts: 47}
        - {at: "10:30", contacts: 41}
        - {at: "11:00", contacts: 22}
        - {at: "11:30", contacts: 0}
    handle_time: 5m
    target: {service_level: "80% in 20s", abandonment_max: 5%, asa: 15s}
    patience: 75s
    agents: 3.5
staffing: {agents: 3.5, shrinkage: 25%, paid_hours_per_fte: 40/week, loaded_cost_per_fte: 40000}
"""


def test_the_days_average_wait_is_that_of_the_contacts_answered() -> None:
    # Review calc39 F7, hand (Erlang A, mpmath, /work/h-calc39-scratch/h_i03.py): 3.5 FTE ×
    # 0.75 × 40 h ÷ 20 open hours = 5.25 on shift, shared over the half hours by their work;
    # each half hour's answered callers wait ASA_i, and it answers offered_i × (1 − aband_i).
    # Σ answered_i × ASA_i ÷ Σ answered_i = 5.9785 s; weighted by the offered, 6.0096 s
    # (busy half hours lose more callers, and those answered there wait longer).
    loaded = parse_plan(MORNING_CALLS, "plan.yaml", None)
    (phone,) = compute(loaded.plan).channels
    assert phone.asa == pytest.approx(5.978513873429381, abs=1e-6)
    assert phone.abandonment == pytest.approx(0.12338340519303821, abs=1e-9)


@pytest.mark.parametrize("days", ["Mon-Fri", "Monday, tue, Wed-Fri", "mon, tue, wed, thu, fri"])
def test_days_read_as_hours_writes_them(days: str) -> None:
    # Review calc51 W2: `days: [Mon-Fri]` beside `hours: Mon-Fri 08:00-12:00` was refused
    # ("must be 'mon', 'tue', …"), though `hours` reads the same words; now each spelling
    # is the five weekdays, and the plan is sized as with the names written out.
    listed = parse_plan(plan(days=days), "plan.yaml").plan.channels[0].volume
    assert listed is not None and listed.days == ["mon", "tue", "wed", "thu", "fri"]


def test_a_misspelt_day_is_refused_at_its_line_with_what_to_write(
    invoke: Invoke,
    plan_file,  # type: ignore[no-untyped-def]
) -> None:
    text = plan(days="Mon-Fry")
    err = refused(invoke, plan_file, text)
    assert f"plan.yaml:{where(text, '[Mon-Fry]')}: channels[phone].volume.days: " in err
    assert "'Mon-Fry'" in err and "write Mon, Tue, … Sun, Mon-Fri or daily" in err


def test_the_plan_schema_takes_the_days_the_plan_takes() -> None:
    import json

    import jsonschema
    import yaml

    from cs_align.commands.info import plan_schema

    schema = json.loads(plan_schema())
    for days in ("Mon-Fri", "mon, tue, wed, thu, fri"):
        jsonschema.validate(yaml.safe_load(plan(days=days)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(plan(days="Mon-Fry")), schema)
