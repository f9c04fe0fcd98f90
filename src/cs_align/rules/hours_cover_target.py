"""A response target in calendar time fits inside the channel's closed hours.

A first response or resolution time is broken by any closed stretch longer than it, and an
average speed of answer (`asa`) on such a channel is sized in open time while contacts wait
the closed hours too; a
service level ("90% in 24h") is broken when more of the week's contacts than it allows are
sent longer than its time before the channel opens (contacts taken to arrive evenly round
the clock: 39 of the 168 hours of a Mon–Fri 09:00–18:00 week, 23%, for 90% in 24 hours).

Why: mail, messages and posts keep arriving while a channel is closed. A contact sent as
it closes waits the whole closed stretch, so a 24-hour promise on Mon–Fri 09:00–18:00 is
broken every Friday evening (Friday 18:00 to Monday 09:00 is 63 hours), however many
people work the open hours. Help desks write such promises in business time instead
(the clock runs only while the desk is open: `1 business day`, `8 business hours`), or
staff the gap.

Source: 000 (customers must be able to count on an answer to every email); 003 (say
honestly how long it will take); business-hours SLA policies as help-desk tools define them
(e.g. Zendesk and Freshdesk service-level policies).

Options: none.

A first response or resolution time in calendar time at least as long as the longest closed
stretch is kept by the clock, but sizing counts it as that much open time (calendar time
counts one for one), far more than the channel is open in it: 72 hours on Mon–Fri
09:00–17:00 is sized as 72 open hours, nine business days, where an email sent on a Friday
afternoon has 8 open hours in them (review calc26 C2). That is said too, with the least
open time any contact gets, so that the promise is written in business time. A shorter one,
broken by the closure, is sized the same way: 24 hours on Mon–Fri 09:00–18:00 are 24 open
hours, 2.7 business days, where a contact sent as the desk opens has 9 open hours before the
clock runs out; the finding says so beside the closure (review calc53).

Fails:
    - {id: email, kind: email, hours: Mon-Fri 09:00-18:00, target: {first_response: 24h}}
    - {id: email, kind: email, hours: Mon-Fri 09:00-17:00, target: {first_response: 72h}}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction

from cs_align.plan import DEFERRED_KINDS, Kind
from cs_align.queueing import TOLERANCE
from cs_align.rules.base import CHANNEL, Context, Hit, Options, pct, pct_against
from cs_align.schedule import Schedule, fmt_week_minute
from cs_align.units import WEEK_MINUTES, ServiceLevelTarget, Wait, fmt_seconds

ID = "hours-cover-target"
AREA = "response targets"
SEVERITY = "warning"
TITLE = "Calendar-time targets fit the opening hours"
SOURCE = "000, 003"
REACH = CHANNEL

_ARRIVES_WHEN_CLOSED = DEFERRED_KINDS | {Kind.messaging}


def check(ctx: Context, options: Options) -> Iterator[Hit]:
    for index, channel, _ in ctx.channels():
        target = channel.target
        if not channel.human or target is None or channel.kind not in _ARRIVES_WHEN_CLOSED:
            continue
        gap, start = channel.schedule.longest_gap
        if target.service_level is not None:
            yield from _share(index, channel.id, target.service_level, channel.schedule)
        if target.asa is not None and gap:
            # An average answer is sized in open time, as a first response would be; the
            # contacts sent while it is closed wait the closed hours as well (review calc41
            # F8: "ASA 2h" kept at 1h40m of open time, about 6.6 h by the clock).
            yield Hit(
                message=f"{channel.id}: an average speed of answer of {fmt_seconds(target.asa)} is "
                "judged in open time, but contacts sent while the channel is closed wait the "
                f"closed hours too: {fmt_week_minute(start)} → {fmt_week_minute(start + gap)} "
                f"is {_hours(gap)} closed",
                path=("channels", index, "target", "asa"),
                fix="promise a first response in business time (`first_response: "
                f"{_business_minutes(max(1, int(target.asa) // 60))}`), or staff the gap",
            )
        for name in ("first_response", "resolution"):
            wait: Wait | None = getattr(target, name)
            if wait is None or wait.business or gap == 0:
                continue
            if gap * 60 <= wait.amount:
                yield from _sized_as_open(index, channel.id, name, wait, channel.schedule)
                continue
            yield Hit(
                message=f"{channel.id}: {name.replace('_', ' ')} within {wait} cannot be kept for "
                f"contacts sent as the channel closes: {fmt_week_minute(start)} → "
                f"{fmt_week_minute(start + gap)} is {_hours(gap)} closed"
                + _counted_as_open(wait, channel.schedule),
                path=("channels", index, "target", name),
                fix=f"staff the gap (e.g. weekend cover), or promise it in business hours: "
                f"`{name}: {_business(wait)}`",
            )


def _sized_as_open(index: int, name: str, field: str, wait: Wait, week: Schedule) -> Iterator[Hit]:
    """A calendar time the closed hours do not break, counted as open time by sizing."""
    is_open, open_after = _open_after(week, int(wait.amount))
    # The least any contact sent while the channel is open gets (some arrival meets the gap),
    # and a promise to suggest: what a contact sent as the channel opens gets, at the least
    # (the worst minute can be next to nothing: 64 h on Mon–Fri 09–17 gives 16:59 on Friday
    # one minute, and "1 business minute" is no promise; review calc27 N5).
    least, sent = min((open_after(t), t) for t in range(WEEK_MINUTES) if is_open[t])
    opening = min(open_after(start) for start in week.opens) // 60
    days = Fraction(wait.amount) / 3600 / week.hours_per_open_day
    yield Hit(
        message=f"{name}: {field.replace('_', ' ')} within {wait} is sized as {wait} of open "
        f"time ({_days(days)} of this channel's "
        f"{_day(week)}), but a contact sent "
        f"{fmt_week_minute(sent)} has {_open(least)} of open time within {wait}",
        path=("channels", index, "target", field),
        fix=f"promise it in business time (`{field}: {_business_minutes(opening)}` is what a "
        "contact sent as the channel opens gets), or staff the closed hours",
    )


def _counted_as_open(wait: Wait, week: Schedule) -> str:
    """What sizing counts a calendar time shorter than the closure as, where that is more open
    time than a contact sent as the channel opens gets by the clock: 24 h on Mon–Fri
    09:00–18:00 is sized as 24 open hours, 2.7 business days, while a mail sent at 09:00 on
    Monday has Monday's 9 open hours before Tuesday 09:00 (review calc53: the staff a "24h"
    promise was said to need could not be reproduced from 24 hours by the clock)."""
    _, open_after = _open_after(week, int(wait.amount))
    opening = min(open_after(start) for start in week.opens)
    if opening >= wait.amount:
        return ""
    days = Fraction(wait.amount) / 3600 / week.hours_per_open_day
    return (
        f"; staffing counts it as {wait} of open time ({_days(days)} "
        f"of this channel's {_day(week)}), where a contact sent "
        f"as the channel opens has {_open(opening)} of open time within {wait}"
    )


def _open_after(week: Schedule, seconds: int) -> tuple[tuple[int, ...], Callable[[int], int]]:
    """Whether each minute of the week is open, and the open seconds in the ``seconds`` of
    the clock that follow a minute of the week (round the weeks). A part minute counts as
    its minute is: open or closed (calc59: 14m30s on Mon–Fri 09:00–17:00 was counted as 14
    minutes, and a mail sent as the desk opens "has 14 min of open time within 14m30s")."""
    minutes, part = divmod(seconds, 60)
    before = week.open_before(2 + minutes // WEEK_MINUTES)
    is_open = week.open_each_minute

    def open_after(t: int) -> int:
        return 60 * (before[t + minutes] - before[t]) + part * is_open[(t + minutes) % WEEK_MINUTES]

    return is_open, open_after


def _open(seconds: int) -> str:
    """Open time as hours, minutes and seconds: "30 h", "8 h 30 min", "1 min", "14 min 30 s"."""
    minutes, part = divmod(seconds, 60)
    hours, rest = divmod(minutes, 60)
    return " ".join(
        filter(
            None,
            [
                f"{hours} h" if hours else "",
                f"{rest} min" if rest else "",
                f"{part} s" if part else "",
            ],
        )
    )


def _days(days: Fraction) -> str:
    """Business days to the tenth, or to two figures under a twentieth: 14m30s of an 8 h day
    is "0.03 business days", where it read "0 business days" (calc59)."""
    if days and round(float(days), 1) == 0:
        shown = f"{float(days):.2g}"
    else:
        shown = f"{round(float(days), 1):g}"
    # 12h of a 12 h day is "1 business day", where it read "1 business days"
    return f"{shown} business day" + ("" if shown == "1" else "s")


def _business_minutes(minutes: int) -> str:
    if minutes % 60:
        return f"{minutes} business minute" + ("s" if minutes != 1 else "")
    hours = minutes // 60
    return f"{hours} business hour" + ("s" if hours != 1 else "")


def _hours(minutes: int) -> str:
    """Hours to the tenth where they are ("8.5 h", "14 h"), else in hours and minutes: a day
    of 485 minutes read "8.08333 h" (calc59), now "8 h 5 min"."""
    if minutes % 6:
        return _open(minutes * 60)
    return f"{minutes / 60:g} h"


def _day(week: Schedule) -> str:
    """The average open day, to the hundredth of an hour where it is no whole minute: 58 open
    hours over 7 days read "8.28333 h", the day cut to 497 minutes (calc56), where it is
    8.2857 h and the business days beside it were counted by it."""
    hours = Fraction(week.hours_per_open_day)
    if (hours * 60).denominator == 1:
        return _hours(int(hours * 60))
    return f"{round(float(hours), 2):g} h"


def _business(wait: Wait) -> str:
    """The calendar target read as business time, as a help desk would write it."""
    seconds = int(wait.amount)
    if seconds % 86400 == 0:
        days = seconds // 86400
        return f"{days} business day" + ("s" if days != 1 else "")
    if seconds < 3600:
        minutes = (wait.amount / 60).normalize()
        return f"{minutes:f} business minute" + ("s" if minutes != 1 else "")
    hours = (wait.amount / 3600).quantize(Decimal("0.01")).normalize()
    # 62h59m: 62.98 business hours; one hour is "1 business hour" (review calc41 L1)
    return f"{hours:f} business hour" + ("s" if hours != 1 else "")


def _share(index: int, name: str, target: ServiceLevelTarget, week: Schedule) -> Iterator[Hit]:
    """A service level on work that arrives while the channel is closed: a contact sent more
    than the target's time before the channel opens misses it, however fast it is then
    answered. Contacts are taken to arrive evenly round the clock."""
    minutes = float(target.seconds) / 60
    late = sum(max(0.0, gap - minutes) for gap, _ in week.gaps)
    missed = late / WEEK_MINUTES
    if missed <= 1 - float(target.share) + TOLERANCE:
        return
    gap, start = week.longest_gap
    yield Hit(
        message=f"{name}: {target} cannot be kept: a contact sent more than "
        f"{fmt_seconds(target.seconds)} before the channel opens misses it, and that is "
        # With the digits that show the breach: 2,018 of 10,080 minutes are 20.02%, never
        # "20%" beside "at most 20% may miss it" (review calc52 D4).
        f"{pct_against(missed, float(1 - target.share))} of the week's contacts if they "
        "arrive evenly round the clock "
        f"(at most {pct(1 - float(target.share))} may miss it; {fmt_week_minute(start)} → "
        f"{fmt_week_minute(start + gap)} is {_hours(gap)} closed)",
        path=("channels", index, "target", "service_level"),
        fix="staff the closed hours (e.g. weekend cover), or promise a first_response in "
        "business time instead (`first_response: 1 business day`)",
    )
