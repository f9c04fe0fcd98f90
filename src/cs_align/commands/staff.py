"""`staff`: the queueing calculator. The agents a queue needs for a target, or what a given
number of agents achieves, by Erlang C (Erlang A with a caller patience)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from pydantic_core import PydanticCustomError

from cs_align import __version__, sizing
from cs_align import queueing as q
from cs_align.errors import CsAlignError, unknown_format, usage
from cs_align.fractional import Queue
from cs_align.output import emit
from cs_align.reporters.json import share, unusable_input
from cs_align.schedule import Schedule, parse_hours
from cs_align.units import (
    DEFAULT_MAX_OCCUPANCY,
    PER_WEEK,
    PERIOD_HOURS,
    bounded,
    calendar_note,
    fmt_percent,
    fmt_seconds,
    fmt_share,
    fmt_share_against,
    fmt_wait,
    no_percent_slip,
    occupancy_ceiling,
    parse_duration,
    parse_option,
    parse_patience,
    parse_percent,
    parse_service_level,
    parse_wait_time,
    plain_digits,
    plan_number,
    seconds_up,
    share_up,
)

VOLUME_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(.+?)\s*$")
"""What --volume reads: contacts, a slash, and what they arrive per."""
_HOUR = ("h", "hour")
MAX_GIVEN = 10**9
"""The most agents `--agents` evaluates: a plan's own counts stop there too (`Count`)."""
_PERIODS = {
    **dict.fromkeys(("d", "day"), "day"),
    **dict.fromkeys(("w", "wk", "week"), "week"),
    **dict.fromkeys(("mo", "month"), "month"),
    **dict.fromkeys(("y", "yr", "year"), "year"),
}
"""Periods a plan's volume is written per; the same words mean the same here."""
_SPANS = {86400: "day", 7 * 86400: "week"}
"""Clock intervals that are a period: 2000/24h is 2000/day."""


class Volume(NamedTuple):
    contacts: Fraction
    seconds: Fraction
    """The time they arrive over."""
    period: str = ""
    """The plan period the volume was written per ('' for a clock interval such as 30m)."""


def _a_period(per: str) -> bool:
    """Whether ``per`` is what --volume reads after the slash: a plan's period, an hour, or
    a clock interval (30m, 1d)."""
    if per in _PERIODS or per in _HOUR:
        return True
    try:
        parse_duration(per)
    except (PydanticCustomError, ValueError):
        return False
    return True


def parse_volume(text: str, schedule: Schedule | None = None) -> Volume:
    """'120/30m' → 120 contacts over 1,800 s. A volume per day, week, month or year arrives
    as a plan's does: over the open hours of ``schedule`` (a day is an open day), else
    around the clock."""
    from cs_align.plan import thousands_dot, write_volume

    plain_digits("--volume", text)
    match = VOLUME_TEXT.match(text)
    # As a plan's volume is told: '1200 per month' and '1200/monthly' → write 1200/month
    # (the latter was "'monthly' is not a duration", user54).
    written = write_volume(text)
    if not match or (written and not _a_period(match.group(2).lower())):
        raise usage(
            f"--volume {text!r} is not contacts per interval",
            written or "write e.g. 120/30m, 240/h, 2000/day or 9000/month",
        )
    if asked := thousands_dot(Decimal(match.group(1).replace("_", ""))):
        raise usage(f"--volume {text!r}: {asked[0]}", asked[1])
    contacts, per = Fraction(Decimal(match.group(1))), match.group(2).lower()
    period = _PERIODS.get(per)
    if period is None:
        seconds = Decimal(3600) if per in _HOUR else parse_option("--volume", parse_duration, per)
        period = _SPANS.get(int(seconds), "") if seconds == int(seconds) else ""
        if not period:
            return Volume(contacts=contacts, seconds=Fraction(seconds))
    week = Fraction(schedule.weekly_seconds) if schedule else Fraction(168 * 3600)
    days = schedule.open_days if schedule else 7
    weekly = contacts * (days if period == "day" else PER_WEEK[period])
    return Volume(contacts=weekly, seconds=week, period=period)


def open_hours(hours: Sequence[str] | None) -> Schedule | None:
    """The schedule --hours names (each repeat one span of a plan's `hours:` list)."""
    if not hours:
        return None
    for span in hours:  # each named in its own message
        try:
            parse_hours(span)
        except PydanticCustomError as exc:
            reason = str((exc.context or {}).get("message", exc))
            raise usage(f"--hours {span!r}: {reason}", _hours_fix(exc)) from None
    schedule = parse_hours(list(hours))
    if not schedule.weekly_seconds:
        raise usage(
            f"--hours {'; '.join(hours)!r} is never open", 'write e.g. "Mon-Fri 08:00-20:00"'
        )
    return schedule


def _hours_fix(exc: PydanticCustomError) -> str:
    """The plan's fix for a span, where it is one span to write (`24-7`: write "24x7"; en
    dashes for hyphens: review user60); the plan's list of forms names a YAML list, which
    --hours writes by repeating it."""
    fix = str((exc.context or {}).get("fix", ""))
    if fix.startswith('write "') and "[" not in fix:
        return fix
    if fix.startswith("write a list, one span an item: ["):  # two spans in one --hours
        spans = re.findall(r'"([^"]+)"', fix)
        return "repeat --hours, one span each: " + " ".join(f'--hours "{s}"' for s in spans)
    return (
        'write one span, e.g. "Mon-Fri 08:00-20:00", and repeat --hours for more: '
        '--hours "Mon-Fri 08:00-20:00" --hours "Sat 10:00-16:00"'
    )


class StaffArgs(NamedTuple):
    """`cs-align staff`'s options, as typed."""

    volume: str
    aht: str
    target: str
    asa: str | None
    shrinkage: str
    max_occupancy: str | None
    patience: str | None
    concurrency: str | int
    agents: str | int | None
    hours: Sequence[str] | None
    fmt: str
    abandonment_max: str | None = None
    peak_factor: str | None = None
    kind: str | None = None
    """--kind: size the line as `check` sizes a channel of that kind (`staffkind`)."""
    first_response: str | None = None
    paid_hours: str | None = None
    """--paid-hours: a plan's staffing.paid_hours_per_fte, with --kind (FTE) only."""
    target_given: bool = True
    """Whether --target was typed (its default is no target beside --first-response)."""


def run(args: StaffArgs) -> int:
    """`cs-align staff`: print the answer."""
    volume, aht = args.volume, args.aht
    try:
        try:
            text = run_staff(args)
        except q.TooManyAgents:
            raise usage(
                f"--volume {volume} with --aht {aht} is a queue of more than "
                f"{q.MAX_AGENTS:,} agents",
                "check the volume, its interval and the handle time (e.g. 240/h, not 240/30s); "
                f"cs-align sizes queues of up to {q.MAX_AGENTS:,} agents",
            ) from None
    except CsAlignError as exc:
        if args.fmt == "json":  # a document with the errors, as check's (stderr as ever)
            emit(unusable_input(exc.problems))
        raise
    emit(text)
    return 0


def run_staff(args: StaffArgs) -> str:
    if args.fmt not in ("table", "json"):
        raise unknown_format(args.fmt, ("table", "json"))
    schedule = open_hours(args.hours)
    contacts, interval, period = parse_volume(args.volume, schedule)
    handle = Fraction(parse_option("--aht", parse_duration, args.aht))
    # `--target none`: a line whose targets are an ASA or an abandonment ceiling alone, as a
    # plan's `target: {asa: 30s}` (review calc51 D2: the default 80% in 20s was always added,
    # so a night line check sized at 1 agent for ASA 34m read 3 here).
    sl = (
        None
        if args.target.strip().lower() == "none"
        else parse_option("--target", parse_service_level, args.target)
    )
    asa_s = float(parse_option("--asa", parse_wait_time, args.asa)) if args.asa else None
    share, seconds = (0.0, 0.0) if sl is None else (float(sl.share), float(sl.seconds))
    shrink = parse_option("--shrinkage", _shrinkage, args.shrinkage, as_plan=True)
    cap = _cap(args.max_occupancy)
    pat = (
        float(parse_option("--patience", parse_patience, args.patience)) if args.patience else None
    )
    if shrink >= 1:
        raise usage("--shrinkage of 100% leaves no one to answer", "write e.g. 30%")
    lost = _abandonment_max(args.abandonment_max, pat)
    peak = _peak(args.peak_factor)
    load = contacts * handle / interval * peak
    if (args.kind, args.first_response, args.paid_hours) != (None, None, None):
        from cs_align.commands.staffkind import run_kind

        k = _whole("--concurrency", args.concurrency, 20, "chats per agent", "3")
        given = (
            None
            if args.agents is None
            else _whole("--agents", args.agents, MAX_GIVEN, "agents", "12")
        )
        volume = Volume(contacts=contacts, seconds=interval, period=period)
        return run_kind(args, volume, k, given)
    if sl is None and asa_s is None and lost is None:
        raise usage(
            "--target none leaves nothing to size for",
            "keep a service level (--target 80/20), or give --asa 30s or --abandonment-max 5%",
        )
    evaluate = _evaluator(float(load), float(handle), seconds, pat)
    k = _whole("--concurrency", args.concurrency, 20, "chats per agent", "3")
    given = (
        None if args.agents is None else _whole("--agents", args.agents, MAX_GIVEN, "agents", "12")
    )

    def solve(ceiling: Fraction | None = cap) -> q.Requirement:
        if pat:
            return q.required_a(load, float(handle), share, seconds, pat, asa_s, lost, ceiling)
        return q.required_c(load, float(handle), share, seconds, asa_s, ceiling)

    if given is None and load == 0:
        slots, binding = 0, "none"  # no contacts: no queue to staff
    elif given is None:
        req = solve()
        slots, binding = (
            req.agents,
            _deciding(req, load, handle, k, share, seconds, asa_s, lost, pat),
        )
    else:
        slots, binding = given * k, "given"
    n_agents = -(-slots // k)
    # The figures of the people on shift, each bringing all the chats they take at once:
    # those of the least slot count belonged to 2.5 people (review calc39 F4).
    result = evaluate(n_agents * k)
    data = _staff_dict(load, n_agents, q.scheduled_agents(n_agents, shrink), binding, result, k)
    if given is not None:
        # The headcount given is evaluated; `required_agents` stays what the target needs.
        data["agents"] = given
        data["agents_scheduled"] = data["scheduled_agents"]
        needed = _needed(solve, load, k)
        data["required_agents"] = needed
        data["scheduled_agents"] = None if needed is None else q.scheduled_agents(needed, shrink)
    if period:  # what a period's contacts arrive over
        open_week = schedule.weekly_hours if schedule else Fraction(168)
        days = schedule.open_days if schedule else 7
        data["open_hours_per_week"] = round(float(open_week), 4)
        if period == "day":
            data["hours_per_day"] = round(float(open_week / days), 4)
        data["period"] = period
        if period in ("month", "year"):  # how long it is, as `check` says (p-fix51o 4)
            data["period_days"] = float(PERIOD_HOURS[period] / 24)
    if peak != 1:
        data["peak_factor"] = float(peak)
    # The solver's own test, so that --agents with its answer is always met.
    data["meets_target"] = q.keeps(result, share, asa_s, lost)
    if sl is None:  # no time to answer in: no service level to give, as `check` gives none
        data["service_level"] = None
    # The ceiling sized at, and whether it is the one `check` holds a plan that states none to
    # (review fix50f: `staff` sized 100 Erlangs at 107 agents, 93.5% busy, where `check` and
    # `staff --max-occupancy 85%` say 118).
    data["max_occupancy"] = None if cap is None else float(cap)
    data["max_occupancy_default"] = args.max_occupancy is None
    # The share scheduled_agents is grossed up by: "23 scheduled after shrinkage" named
    # none, and the 30% default was nowhere in the answer (review user56).
    data["shrinkage"] = float(shrink)
    if cap is not None:
        # The ceiling is no target (`meets_target` stays the targets'), but a headcount given
        # over it is told so: 14 agents on 12 Erlangs are 85.7% busy over an 85% ceiling, and
        # the answer said "target met" beside a required 15 with no word why (review calc49
        # D5; `check` warns occupancy-cap for the same staff).
        data["within_ceiling"] = result.occupancy <= float(cap) + q.TOLERANCE
    if args.fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    # The targets in check's words, as `staff --kind` and a finding name them ("80% in 20s,
    # ASA 15s, abandonment at most 5%"): "ASA within 15s and at most 5% hanging up" named
    # the same targets otherwise (review user62).
    parts = [] if sl is None else [str(sl)]
    parts += [f"ASA {fmt_seconds(Decimal(asa_s))}"] if asa_s else []
    parts += [f"abandonment at most {fmt_percent(Decimal(repr(lost)))}"] if lost is not None else []
    wanted = ", ".join(parts)
    table = _staff_table(
        data, evaluate, n_agents, k, wanted, None if sl is None else share, cap, lost, asa_s
    )
    binds = data["binding_constraint"] == "occupancy" or data.get("within_ceiling") is False
    alone = _needed(lambda: solve(None), load, k) if binds else None
    ceiling = _ceiling_line(cap, args.max_occupancy is None, alone)
    return table + ceiling + _inbox_line(seconds, peak) + _calendar(data)


def _inbox_line(seconds: float, peak: Fraction) -> str:
    """Where `check` sizes a line with this target otherwise: a time over an hour on an
    email, social, community or messaging line is inbox work, judged over the open week
    without the peak, in part-time cover (`sizing.deferred`), where this answer is a live
    queue in whole agents (review cross53: 2,500 messages a month at 8 min, 90% in 4h and
    peak 1.3 read "3 agents" here beside check's 1.64 on shift; staff has no channel kind
    to tell the two apart, so it says which it sized)."""
    if seconds <= sizing.QUEUE_LIKE_SECONDS:
        return ""
    peak_note = ", without --peak-factor" if peak != 1 else ""
    return (
        "sized as a live queue (voice, chat); `check` sizes an email, social, community or "
        f"messaging line with a target over an hour as inbox work over the open week{peak_note}, "
        "in part-time cover: check a plan with the line for its figure\n"
    )


def _calendar(data: dict[str, Any]) -> str:
    """How long a month or a year is, where the volume is given per one, as `check`'s
    assumption line says it: 9000/month over 60 open hours a week is 9.58 Erlangs at 3 min
    by 4.348 weeks a month, 9.62 by 52 ÷ 12 (review p-fix51o 4)."""
    if data.get("period") not in ("month", "year"):
        return ""
    spread = f"a {data['period']}'s contacts are spread over it"
    return calendar_note(data["period"] == "month", spread) + "\n"


def _cap(text: str | None) -> Fraction | None:
    """The occupancy ceiling to size at: the one `check` holds a plan that states none to
    (85%) unless --max-occupancy gives another, or `none` to size for the targets alone."""
    if text is None:
        return Fraction(DEFAULT_MAX_OCCUPANCY)
    word = text.strip().lower()
    if word == "none":
        return None
    if word in ("off", "no", "false", "0", "0%"):  # a way to say "none" that reads as a share
        raise usage(
            f"--max-occupancy {text!r} is not a ceiling",
            "write --max-occupancy none to size for the targets alone, or a share, e.g. 85%",
        )
    return Fraction(parse_option("--max-occupancy", _ceiling, text, as_plan=True))


def _ceiling_line(cap: Fraction | None, default: bool, alone: int | None) -> str:
    """Which occupancy ceiling the answer holds, and how to size without it (``alone``: the
    agents the targets alone need, where the ceiling asks for more)."""
    if cap is None:
        return (
            "no occupancy ceiling (--max-occupancy none); `check` holds a plan that states "
            f"none to {fmt_percent(DEFAULT_MAX_OCCUPANCY)}\n"
        )
    shown = fmt_percent(Decimal(cap.numerator) / Decimal(cap.denominator))
    where = (
        "the default, as `check` holds a plan that states no staffing.max_occupancy"
        if default
        else "--max-occupancy"
    )
    if alone is not None:
        people = f"{alone} agent{'' if alone == 1 else 's'}"
        off = f"; the target alone needs {people} (--max-occupancy none)"
    else:
        off = "; --max-occupancy none sizes for the target alone"
    return f"occupancy ceiling {shown} ({where}){off}\n"


def _needed(solve: Any, load: Fraction, k: int) -> int | None:
    """People on shift the target needs (None past the largest queue sized)."""
    if load == 0:
        return 0
    try:
        slots: int = solve().agents
    except q.TooManyAgents:
        return None
    return -(-slots // k)


def _abandonment_max(text: str | None, patience: float | None) -> float | None:
    if text is None:
        return None
    if patience is None:
        raise usage(
            "--abandonment-max needs --patience: without it no caller hangs up",
            "add the callers' mean patience, e.g. --patience 2m",
        )
    share = parse_option("--abandonment-max", parse_percent, text, as_plan=True)
    if not 0 < share < 1:
        raise usage(f"--abandonment-max {text} is not a share to keep", "write e.g. 5%")
    return float(share)


def _ceiling(text: str) -> Decimal:  # as a plan's max_occupancy is read
    return occupancy_ceiling(parse_percent(no_percent_slip(text, "an occupancy ceiling", False)))


def _shrinkage(text: str) -> Decimal:  # as a plan's shrinkage is read
    return parse_percent(no_percent_slip(text, "shrinkage"))


def _peak(text: str | None) -> Fraction:
    if text is None:
        return Fraction(1)
    # As a plan reads a channel's peak_factor: its spellings (1e0, +1.3) and its bounds.
    return Fraction(
        parse_option(
            "--peak-factor",
            bounded(1, 20, "peak factor", "1.3"),
            text,
            as_plan=True,
        )
    )


def _whole(label: str, text: str | int, high: int, what: str, example: str) -> int:
    """A count from 1 to ``high``, spelt as a plan may spell a whole number: `1e2` and
    `1_000` are whole numbers there (a plan's `concurrency: 2e0` is 2)."""
    value = text if isinstance(text, int) else plan_number(label, text)
    number = value if isinstance(value, int) else None
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    if number is None:
        raise usage(
            f"{label} {str(text)!r} is not a whole number", f"write a whole number, e.g. {example}"
        )
    if not 1 <= number <= high:
        side = "below 1" if number < 1 else f"above {high:,}, the most {what}"
        raise usage(
            f"{label} {str(text)!r}: {number} is {side}",
            f"write a whole number from 1 to {high:,}, e.g. {example}",
        )
    return number


def _deciding(
    req: q.Requirement,
    load: Fraction,
    handle: Fraction,
    k: int,
    share: float,
    seconds: float,
    asa: float | None,
    lost: float | None,
    patience: float | None,
) -> str:
    """What decides the answer, by the rule `check` names a channel's (`sizing.deciding`):
    the target a hair (a thousandth of a person on shift) under the least that keep every
    target miss, else the queue's own reason. One
    agent kept at ASA 24m on 0.8 Erlangs read "stability binds" here where check's JSON said
    `asa` for the same line (review calc51)."""
    if req.binding not in sizing.BINDINGS or req.binding in ("occupancy", "none"):
        return req.binding
    people = Fraction(-(-req.agents // k))
    kind: sizing.Binding = "service_level" if share else "asa" if asa is not None else "abandonment"
    goal = sizing.Goal(kind=kind, share=share, seconds=seconds, asa=asa, abandonment=lost, text="")
    queue = Queue(load=float(load), aht=float(handle), patience=patience, person=k)

    # Asked of the least staff that keep every target, as check asks it of the least FTE
    # (review p-fix53f 5), not of the whole answer: 3 agents on 1.25 E with 80/20 and 12%
    # hanging up read "service_level binds" where check's least (2.62 on shift) is set by
    # abandonment; 1 agent on 0.03 E "stability" where check said service_level of the 0.86
    # on shift it needs. The least is found to the thousandth of a person on shift (fewer
    # whole people do not keep the targets, so it lies above people − 1), and what a
    # thousandth fewer miss is named, as check names what a thousandth of an FTE fewer miss:
    # a tenth was too coarse (0.9 on shift missed both a service level and an abandonment
    # ceiling where 0.977, a tenth of an FTE under check's least, missed the ceiling alone).
    def keeps(thousandths: int) -> bool:
        got = queue.at(Fraction(thousandths, 1000) * k, seconds)
        return got.stable and not sizing.misses(goal, got)

    low, high = max(int(people) * 1000 - 1000, 0), int(people) * 1000  # low misses, high keeps
    if low and keeps(low):
        return req.binding
    low = sizing.least_kept(low, high, keeps) - 1
    if low == 0:  # nobody: the whole headcount's reason
        return req.binding
    return sizing.deciding(goal, queue.at(Fraction(low, 1000) * k, seconds), req.binding)


def _evaluator(load: float, aht: float, threshold: float, patience: float | None) -> Any:
    def evaluate(n: int) -> q.QueueResult:
        if load == 0:  # no contacts: none waits, none hangs up, whoever is there is idle
            lost = 0.0 if patience else None
            return q.QueueResult(
                agents=n,
                offered_load=0.0,
                stable=True,
                prob_wait=0.0,
                service_level=1.0,
                asa=0.0,
                occupancy=0.0,
                abandonment=lost,
            )
        if patience:
            return q.evaluate_a(max(n, 1), load, aht, threshold, patience)
        return q.evaluate_c(n, load, aht, threshold)

    return evaluate


def _staff_dict(
    load: Fraction, agents: int, scheduled: int, binding: str, r: q.QueueResult, concurrency: int
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": __version__,  # as check, diff and whatif write it
        "offered_load_erlangs": round(float(load), 6),
        "required_agents": agents,
        "scheduled_agents": scheduled,
        "binding_constraint": binding,
        # Shares at full precision, as check's JSON gives them (`reporters.json.share`): a
        # miss never reads as met, and some callers waiting never as none (P(wait) 1.4e-07
        # read 0.0 beside the table's 0.0001%; review p-fix51o 4).
        "service_level": share(r.service_level),
        # To the millisecond, rounded up, as check's, whatif's and promise's JSON give a wait
        # (`units.seconds_up`): 8.50027 s read 8.5 here and "ASA 8.5s" in the answer line
        # beside the table's 8.6s for the same 25 agents.
        "asa_seconds": seconds_up(r.asa),
        "occupancy": share(r.occupancy),
        "prob_wait": share(r.prob_wait),
        "stable": r.stable,
        "concurrency": concurrency,
        "model": _model(r, concurrency),
    }
    if r.abandonment is not None:
        data["abandonment"] = share(r.abandonment)
    if concurrency > 3:
        data["warning"] = "more than 3 chats per agent: handle time and quality usually suffer"
    return data


def _model(r: q.QueueResult, concurrency: int) -> str:
    """The queueing model named as check names a channel's (`sizing.model`): chats three at
    a time read "model erlang-c" here and erlang-c-concurrent in check (review calc60)."""
    if r.abandonment is not None:
        return "erlang-a"
    return "erlang-c-concurrent" if concurrency > 1 else "erlang-c"


def _staff_table(
    data: dict[str, Any],
    evaluate: Any,
    agents: int,
    k: int,
    target: str,
    share: float | None,
    cap: Fraction | None = None,
    lost: float | None = None,
    asa: float | None = None,
) -> str:
    """``share`` is the service level's, None where no time to answer in is given (the column
    then reads "–"); ``lost`` the abandonment ceiling, if one is kept; ``asa`` the ASA target,
    beside which every wait shows as finely as it is written (`fmt_wait`)."""
    lines = [
        f"offered load {data['offered_load_erlangs']:.2f} Erlangs{_spread(data)}; "
        f"target {target}; model {data['model']}",
        _answer(data, agents, target, share, cap, lost, asa),
        "",
        f"{'agents':>7} {'service level':>14} {'ASA':>10} {'occupancy':>10} "
        f"{'P(wait)':>8}" + (f" {'abandon':>8}" if "abandonment" in data else ""),
    ]
    for n in range(max(1 if agents else 0, agents - 2), agents + 4):
        r = evaluate(n * k)
        wait = "unstable" if r.asa is None else fmt_wait(r.asa, asa)
        row = (
            f"{n:>7} {'–' if share is None else _level(r.service_level, share):>14} {wait:>10} "
            f"{_level(r.occupancy, 1.0 if cap is None else float(cap)):>10} "
            # As every output shows a share: never "0.0%" for some callers waiting (14 agents
            # on 4 Erlangs, 1 min patience: 0.0072%), nor "100.0%" short of all (calc50b);
            # to a tenth, as the columns beside it (it read "28%" beside "10.0%", user61).
            f"{_tenth(fmt_share(r.prob_wait)):>8}"
        )
        if r.abandonment is not None:
            row += f" {_lost(r.abandonment, lost):>8}"
        lines.append(row + ("  ←" if n == agents else ""))
    if "warning" in data:
        lines.append(f"warning: {data['warning']}")
    return "\n".join(lines) + "\n"


def _lost(value: float, ceiling: float | None) -> str:
    """The share hanging up: beside a ceiling, with the digits that show its side of it, as
    check and whatif show it (review calc51b: 10.0880541956575% on a ceiling of
    10.0880541956575%, the answer, read "10.1%" past it); else rounded up, never
    below what callers lose (past a ceiling, still past it)."""
    if ceiling is None or value > ceiling + q.TOLERANCE:
        return share_up(value)
    return fmt_share_against(value, ceiling)


def _level(value: float, target: float) -> str:
    """A service level (or an occupancy beside its ceiling) to a tenth, with more digits
    where a tenth would show a miss as the target (79.98%, 99.9999%; 85.02% over an 85%
    ceiling, review calc49 D2): only a figure that keeps the bound reads as it."""
    return _tenth(fmt_share(value, target))


def _tenth(shown: str) -> str:
    """A share a table column gives to a tenth at least: "28.0%" beside "10.0%", not "28%"."""
    return shown if "." in shown else shown.replace("%", ".0%")


def _spread(data: dict[str, Any]) -> str:
    """How a volume per day, week, month or year was read: over the open hours --hours
    gives (a day is an open day), or around the clock."""
    period = data.get("period")
    if period is None:
        return ""
    week = data["open_hours_per_week"]
    if week == 168:
        return f" (a {period}'s contacts around the clock; --hours gives the open hours)"
    if period == "day":
        return f" (a day's contacts over {data['hours_per_day']:g} open hours)"
    return f" (a {period}'s contacts over {week:g} open hours a week)"


def _answer(
    data: dict[str, Any],
    agents: int,
    target: str,
    share: float | None,
    cap: Fraction | None = None,
    lost: float | None = None,
    asa_target: float | None = None,
) -> str:
    shrinkage = fmt_percent(Decimal(repr(data["shrinkage"])))
    scheduled = (
        f"{data.get('agents_scheduled', data['scheduled_agents'])} scheduled after "
        f"{shrinkage} shrinkage"
    )
    people = f"{agents} agent{'' if agents == 1 else 's'} on shift"
    if data["binding_constraint"] == "none":
        return f"answer: {people} (no contacts arrive), {scheduled}"
    if data["binding_constraint"] != "given":
        return f"answer: {people} ({binds(data['binding_constraint'])}), {scheduled}"
    asa = "never" if data["asa_seconds"] is None else fmt_wait(data["asa_seconds"], asa_target)
    met = "met" if data["meets_target"] else "not met"
    over = (
        ""
        if data.get("within_ceiling", True) or cap is None
        else f"; occupancy {fmt_share(data['occupancy'], float(cap))} is over the "
        f"{fmt_percent(Decimal(cap.numerator) / Decimal(cap.denominator))} ceiling"
    )
    needs = (
        ""
        if (data["meets_target"] and not over) or data["required_agents"] is None
        else (f"; it needs {data['required_agents']}")
    )
    level = "" if share is None else f"service level {_level(data['service_level'], share)}, "
    # The figure a ceiling is judged on (review calc51b: "not met — ASA 7.2s" named no share).
    hung = (
        ""
        if lost is None or data.get("abandonment") is None
        else f", {_lost(data['abandonment'], lost)} hanging up"
    )
    return (
        f"given {people} ({scheduled}): target {target} {met} — {level}ASA {asa}{hung}{over}{needs}"
    )


def binds(constraint: str) -> str:
    """What decides the answer, in check's words ("the service level binds"): the JSON's
    `binding_constraint` read "(service_level binds)", "(asa binds)" (review user62)."""
    from cs_align.rules.base import BINDS

    return BINDS.get(constraint, f"{constraint} binds")
