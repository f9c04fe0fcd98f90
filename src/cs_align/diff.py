"""What a proposal changes against its base: money, staff, achievable targets, findings."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from cs_align.config import Limit, Settings
from cs_align.findings import VERDICTS, Finding, Report, Severity, plural
from cs_align.plan import Channel, Plan, Staffing, period_years
from cs_align.rules import RESILIENCE
from cs_align.units import (
    fmt_money,
    fmt_percent,
    fmt_share_over,
    fmt_years,
    minor,
    round_down,
    round_money,
)

if TYPE_CHECKING:
    from cs_align.loader import LoadedPlan
    from cs_align.yamlsafe import Document


@dataclass(frozen=True)
class Change:
    name: str
    before: Decimal | None
    after: Decimal | None
    comparable: bool = True
    """False when the sides are in two currencies: amounts in USD and EUR are never
    subtracted, so there is no delta and no share (review out29 R3)."""

    @property
    def delta(self) -> Decimal | None:
        if self.before is None or self.after is None or not self.comparable:
            return None
        return self.after - self.before

    @property
    def share(self) -> Decimal | None:
        """Relative change, or None when there is no base to compare with."""
        if self.delta is None or not self.before:
            return None
        return self.delta / self.before


@dataclass(frozen=True)
class ChannelChange:
    id: str
    fte_before: Fraction | None
    fte_after: Fraction | None
    required_fte: Fraction | None
    """Whole headcounts the proposal's targets need (JSON `required_fte`)."""
    needed_fte: Fraction | None
    """What the proposal's budget must fund (`ChannelMetrics.needed_fte`): its planned staff
    where they keep the targets part of the time one person short; the column shown."""
    target: str
    sl_before: float | None
    sl_after: float | None
    goal_share: float | None
    """The service-level target the levels are shown against (None without one)."""
    asa_before: float | None
    asa_after: float | None
    goal_asa: float | None = None
    """The ASA target the waits are shown against, to its places (None without one): a
    wait of 12.37 s under a target of 12.5s read "13s" (calc62)."""
    targets: str = ""
    """Every target in words, as check's findings and the report's channel table name them
    ("80% in 30s, abandonment at most 10%"); `target` (JSON) is the service level's alone,
    which hid the ceiling in the tables people read (review user62)."""


@dataclass(frozen=True)
class FindingChange:
    status: str  # new | worse | unchanged | fixed
    finding: Finding
    before: Severity | None = None


@dataclass(frozen=True)
class Tripped:
    guardrail: str
    action: str
    message: str
    line: int = 1
    column: int = 1
    """Where in the proposal it points: the budget total, the first new error, the strategy."""


@dataclass(frozen=True)
class Reason:
    """Why a diff fails (exit code 1): a guardrail set to block tripped, or the proposal
    adds or worsens findings at or above --fail-on."""

    name: str
    """The guardrail, or `--fail-on LEVEL`."""
    message: str
    line: int = 1
    column: int = 1
    file: str = ""
    """The file ``line`` is in, when it is not the proposal (a waiver file)."""
    guardrail: bool = True


@dataclass(frozen=True)
class Assumption:
    """A figure the staffing need is worked out from, as each side writes it: shrinkage,
    paid hours, a channel's hours, volume, handle time, patience, kind, target … A change
    can cut the staff a plan needs through them as surely as through `agents`, and a
    reviewer reads them beside the staff they free (review attack33 F6, F7, F9)."""

    name: str
    before: str
    after: str


_STAFFING = ("shrinkage", "paid_hours_per_fte", "max_occupancy", "loaded_cost_per_fte")
_CHANNEL_INPUTS = (
    "kind",
    "staffed_by",
    "hours",
    "volume",
    "handle_time",
    "patience",
    "concurrency",
    "peak_factor",
    "containment",
    "target",
)


def assumptions(before: object, after: object) -> tuple[Assumption, ...]:
    """The sizing inputs two plan documents write differently: the period, the staffing's,
    then each channel's that both sides have (a channel new or gone shows in the channel
    table)."""
    was = before if isinstance(before, dict) else {}
    now = after if isinstance(after, dict) else {}
    found = []
    if not reads_same(Plan, "period", was.get("period"), now.get("period")):
        # A budget for a year beside one for half a year reads +100% at the same rate
        # (review calc39 F10): the period is what the money and the volumes are for.
        found.append(_assumed("period", was.get("period"), now.get("period")))
    staffing = (_mapping(was.get("staffing")), _mapping(now.get("staffing")))
    for key in _STAFFING:
        if not reads_same(Staffing, key, staffing[0].get(key), staffing[1].get(key)):
            found.append(_assumed(f"staffing.{key}", staffing[0].get(key), staffing[1].get(key)))
    old = {str(c.get("id")): c for c in _channels_in(was)}
    for channel in _channels_in(now):
        ident = str(channel.get("id"))
        if ident not in old:
            continue
        for key in _CHANNEL_INPUTS:
            if not reads_same(Channel, key, old[ident].get(key), channel.get(key)):
                found.append(_assumed(f"{ident}.{key}", old[ident].get(key), channel.get(key)))
    return tuple(found)


def reads_same(model: type[BaseModel], key: str, before: object, after: object) -> bool:
    """Whether two values of a plan's field ``key`` (of ``model``) read the same: `32%` and
    `32.000%`, `6m` and `6.000m`, 62000 and `62.000k` are one figure written two ways, and
    the diff listed each as a changed sizing input beside a change that made none (review
    attack55 a). A value either side cannot read is compared as written."""
    if before == after:
        return True
    if before is None or after is None:
        return False
    try:
        field = _field(model, key)
        return bool(field.validate_python(before) == field.validate_python(after))
    except (ValidationError, ArithmeticError, ValueError, TypeError):
        return False


@functools.cache
def _field(model: type[BaseModel], key: str) -> TypeAdapter[Any]:
    """A reader of one field of ``model``, as the model reads it."""
    info = model.model_fields[key]
    shape: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(shape)


def _mapping(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _channels_in(data: dict[str, object]) -> list[dict[str, object]]:
    channels = data.get("channels")
    return [c for c in channels if isinstance(c, dict)] if isinstance(channels, list) else []


def _assumed(name: str, before: object, after: object) -> Assumption:
    return Assumption(name=name, before=written(before), after=written(after))


def written(value: object) -> str:
    """A value as a plan writes it, on one line: `32%`, `{contacts: 9000, per: month}`."""
    if value is None:
        text = "(not stated)"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {written(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(written(v) for v in value) + "]"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


@dataclass(frozen=True)
class PlanDiff:
    base: Report
    plan: Report
    currency: str
    budget: tuple[Change, ...]
    channels: tuple[ChannelChange, ...]
    cost_per_contact: Change
    findings: tuple[FindingChange, ...]
    tripped: tuple[Tripped, ...]
    status: str = "changed"
    """changed; new (absent at the base: judged against an empty base); deleted."""
    base_currency: str = ""
    """The base's currency (a plan new at the base has the proposal's)."""
    assumptions: tuple[Assumption, ...] = ()
    """Sizing inputs the proposal writes differently from its base (see `assumptions`)."""

    @property
    def verdict_after(self) -> str | None:
        """The proposal's verdict; None for a plan the proposal deletes, which has none (an
        empty report reads "aligned", review out29 R10)."""
        return None if self.status == "deleted" else self.plan.verdict

    @property
    def verdicts(self) -> str:
        """The verdict before and after: "misaligned → aligned", "misaligned → deleted"."""
        return f"{self.base.verdict} → {self.verdict_after or 'deleted'}"

    @property
    def currency_change(self) -> str | None:
        """ "currency changed USD → EUR" when the proposal budgets in another currency than
        its base: every format says so in these words, and shows each side in its own
        currency, never a difference (review out29 R3)."""
        if self.base_currency in ("", self.currency):
            return None
        return currency_changed(self.base_currency, self.currency)

    @property
    def currencies(self) -> str:
        """What a budget table is in: "USD", or "USD → EUR", each side in its own."""
        return f"{self.base_currency} → {self.currency}" if self.currency_change else self.currency

    @property
    def periods(self) -> str | None:
        """The two sides' periods, where their lengths differ: "½ year, base 1 year". A budget
        for a year beside one for half a year at the same money a year reads -50%, a cut
        that is none (review calc61): every format that shows the change says so."""
        was, now = self.base.metrics, self.plan.metrics
        if self.status != "changed" or was is None or now is None:
            return None
        if was.period_years == now.period_years or self.currency_change:
            return None
        return f"{fmt_years(now.period_years)}, base {fmt_years(was.period_years)}"

    @property
    def yearly_total(self) -> Change | None:
        """The budget total a year on each side, rounded to the currency's unit as the
        max_total guardrail counts it, where the periods' lengths differ (`periods`)."""
        total = self.budget[-1]
        if self.periods is None or total.before is None or total.after is None:
            return None
        assert self.base.metrics is not None and self.plan.metrics is not None
        unit = minor(self.currency)
        was, now = self.base.metrics.period_years, self.plan.metrics.period_years
        return Change(
            name="total a year",
            before=round_money(total.before * was.denominator / was.numerator, unit),
            after=round_money(total.after * now.denominator / now.numerator, unit),
        )

    @property
    def guardrail_blocks(self) -> bool:
        """Whether a guardrail set to block tripped (one of the reasons a diff fails)."""
        return any(t.action == "block" for t in self.tripped)

    def failing(self, level: Severity) -> tuple[FindingChange, ...]:
        """The proposal's new or worse findings at or above ``level`` (not waived ones)."""
        return tuple(
            c
            for c in self.findings
            if c.status in ("new", "worse") and c.finding.counts and c.finding.severity >= level
        )

    def findings_reason(self, level: Severity) -> Reason | None:
        """The failing findings as a reason: how many of each severity, and the first."""
        failing = self.failing(level)
        if not failing:
            return None
        severities = sorted({c.finding.severity for c in failing}, reverse=True)
        counts = " and ".join(
            plural(sum(1 for c in failing if c.finding.severity == s), f"new {s.name}")
            for s in severities
        )
        first = failing[0].finding
        return Reason(
            name=f"--fail-on {level.name}",
            message=f"{counts}, first: {first.rule}: {first.message}",
            line=first.line,
            column=first.column,
            file=first.file,
            guardrail=False,
        )

    def reasons(self, level: Severity) -> tuple[Reason, ...]:
        """Why the diff fails at ``level``, the blocking guardrails first; empty when it
        passes. The failing findings are left out when the blocking no_new_errors names
        exactly them (at --fail-on error)."""
        found = [
            Reason(name=t.guardrail, message=t.message, line=t.line, column=t.column)
            for t in self.tripped
            if t.action == "block"
        ]
        covered = level == Severity.error and any(r.name == "no_new_errors" for r in found)
        extra = None if covered else self.findings_reason(level)
        return (*found, *([extra] if extra else []))

    def count(self, status: str) -> int:
        """Findings with this status that count (waived ones are counted apart)."""
        return sum(1 for c in self.findings if c.status == status and c.finding.counts)

    def waived(self) -> int:
        """Findings that a waiver covers, whatever their status."""
        return sum(1 for c in self.findings if not c.finding.counts)

    def fails(self, level: Severity) -> bool:
        """Blocked by a guardrail, or a new or worse finding at or above ``level``: the
        exit code is 1. JSON's `blocked` says this."""
        return bool(self.reasons(level))


Side = tuple["LoadedPlan | None", "Report | None"]
"""A plan as loaded and as judged; (None, None) when it does not exist on that side."""


def compare(
    base: Side,
    plan: Side,
    name: str,
    settings: Settings,
    replaces: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> PlanDiff:
    """Diff two checked plans. A side that does not exist counts as an empty plan: every
    finding of the other is new (or fixed), and its budget lines count from 0. ``replaces``
    names the plans the change deletes when this one is new at the base: it may be one of
    them under a new name, so a budget limit in % that cannot compare it blocks. ``today``
    bounds the base's days still to come (see ``base_window``)."""
    (old, before), (new, after) = base, plan
    present = new or old
    assert present is not None
    was = old.plan.currency if old is not None and new is not None else None
    same = was in (None, present.plan.currency)
    lines = (budget_lines(old.plan) if old else {}, budget_lines(new.plan) if new else {})
    # A side without a budget (or without the plan) counts from 0: adding a budget to a
    # plan, or taking one out, is a change of its whole amount.
    if not lines[0]:
        lines = (dict.fromkeys(lines[1], Decimal(0)), lines[1])
    elif not lines[1]:
        lines = (lines[0], dict.fromkeys(lines[0], Decimal(0)))
    base_report = before or Report(
        file=name, organisation=present.plan.organisation, strategy="", findings=()
    )
    plan_report = after or Report(
        file=name, organisation=present.plan.organisation, strategy="", findings=()
    )
    diff = PlanDiff(
        base=base_report,
        plan=plan_report,
        currency=present.plan.currency,
        budget=_budget(*lines, comparable=same),
        channels=_channels(base_report, plan_report),
        cost_per_contact=Change(
            name="cost_per_contact",
            before=_cpc(base_report),
            after=_cpc(plan_report),
            comparable=same,
        ),
        findings=_findings(base_report, plan_report, _renames(old, new), (old, new)),
        tripped=(),
        status="new" if old is None else "deleted" if new is None else "changed",
        base_currency=(old or present).plan.currency,
        assumptions=assumptions(old.doc.data, new.doc.data) if old and new else (),
    )
    years = new.plan.years if new is not None else Fraction(1)
    length = _length_ratio(old, new, today)
    per_day = length
    if old is not None and new is not None and not within_window(old.plan, new.plan, today):
        per_day = max(length, _length_ratio(old, new))
    tripped = guardrails(diff, settings, replaces, was, length, years, per_day)
    doc = (new or old).doc  # type: ignore[union-attr]
    return replace(diff, tripped=tuple(_placed(t, doc, diff) for t in tripped))


def _placed(tripped: Tripped, doc: Document, diff: PlanDiff) -> Tripped:
    """Point a guardrail at what tripped it."""
    if tripped.guardrail in ("no_new_errors", RESILIENCE):
        first = next(
            (
                c.finding
                for c in diff.findings
                if c.finding.counts
                and (
                    c.finding.rule == RESILIENCE
                    if tripped.guardrail == RESILIENCE
                    else c.status in ("new", "worse")
                )
            ),
            None,
        )
        if first is not None:
            return replace(tripped, line=first.line, column=first.column)
    at = ("strategy",) if tripped.guardrail == "no_verdict_regression" else ("budget", "total")
    pos = doc.value_pos(at)
    return replace(tripped, line=pos.line, column=pos.column)


def budget_lines(plan: Plan) -> dict[str, Decimal]:
    """A plan's budget lines plus its `total`, as `compare` takes them."""
    budget = plan.budget
    return {} if budget is None else {**budget.lines, "total": budget.total}


def _cpc(report: Report) -> Decimal | None:
    return report.metrics.cost_per_contact if report.metrics else None


def _budget(
    before: dict[str, Decimal], after: dict[str, Decimal], comparable: bool = True
) -> tuple[Change, ...]:
    names = [n for n in before if n != "total"] + [n for n in after if n not in before]
    return tuple(
        Change(name=n, before=before.get(n), after=after.get(n), comparable=comparable)
        for n in [*(n for n in names if n != "total"), "total"]
    )


def currency_changed(was: str, now: str) -> str:
    """A budget moved to another currency, as every format and guardrail words it."""
    return f"currency changed {was} → {now}"


def _channels(base: Report, plan: Report) -> tuple[ChannelChange, ...]:
    old = {c.id: c for c in base.metrics.channels} if base.metrics else {}
    new = {c.id: c for c in plan.metrics.channels} if plan.metrics else {}
    result = []
    for cid in [*old, *(i for i in new if i not in old)]:
        a, b = old.get(cid), new.get(cid)
        latest = b or a
        if (a is None or a.model in ("self-service", "none")) and (
            b is None or b.model in ("self-service", "none")
        ):
            continue
        result.append(
            ChannelChange(
                id=cid,
                fte_before=a.planned_fte if a else None,
                fte_after=b.planned_fte if b else None,
                required_fte=b.required_fte if b else None,
                needed_fte=b.needed_fte if b else None,
                target=latest.target_text if latest else "",
                sl_before=a.service_level if a else None,
                sl_after=b.service_level if b else None,
                goal_share=latest.goal.share
                if latest and latest.goal.kind == "service_level"
                else None,
                asa_before=a.asa if a else None,
                asa_after=b.asa if b else None,
                goal_asa=latest.goal.asa if latest else None,
                targets=(latest.goal.full_text or latest.target_text) if latest else "",
            )
        )
    return tuple(result)


_CHANNEL = re.compile(r"channels\[([^\]]*)\]")


def _channel_worse(path: str, base: Report, plan: Report, was: dict[str, str]) -> bool:
    """Whether the channel a finding is about fares worse in the proposal: a wider FTE gap,
    a lower service level, a longer wait or first response, more callers hanging up, busier
    agents, or a queue that no longer keeps up. A finding on such a channel is worse even at
    the same severity (cutting a short-staffed phone team from 4 FTE to 1)."""
    match = _CHANNEL.match(path)
    if not match or base.metrics is None or plan.metrics is None:
        return False
    ident = match.group(1)
    a, b = base.metrics.channel(was.get(ident, ident)), plan.metrics.channel(ident)
    if a is None or b is None:
        return False
    higher = [(a.asa, b.asa), (a.abandonment, b.abandonment), (a.first_response, b.first_response)]
    higher.append((a.highest_occupancy, b.highest_occupancy))  # as occupancy-cap judges
    return (
        b.fte_gap > a.fte_gap
        or (a.stable and not b.stable)
        or (
            a.service_level is not None
            and b.service_level is not None
            and b.service_level < a.service_level
        )
        or any(x is not None and y is not None and y > x for x, y in higher)
    )


_SHORT_OF = {"people-line-funds-staff": "planned", "budget-funds-targets": "needed"}
"""Budget findings by the staff whose cost the people money falls short of."""


def _money_worse(
    rule: str,
    reports: tuple[Report, Report],
    loaded: tuple[LoadedPlan | None, LoadedPlan | None],
) -> str:
    """Where the people money falls further short, a year, of the staff a budget finding
    prices: what the base was short and what the change adds, said after the finding's own
    shortfall ("" where it does not grow). 2 FTE added to a plan whose people line was
    already 353,400 USD short left it 477,400 short, and `diff` said "2 unchanged
    findings", 0 worse, so a gate on new or worse findings passed 124,000 USD a year more of
    staff nobody funds; a row that says only 477,400 counts the base's 353,400 as the
    change's (calc56)."""
    from cs_align.units import fmt_money

    if rule not in _SHORT_OF or loaded[1] is None:
        return ""
    short = [_short_a_year(rule, r, p) for r, p in zip(reports, loaded, strict=True)]
    if short[0] is None or short[1] is None or short[1] <= short[0]:
        return ""
    money = loaded[1].plan.currency
    was = fmt_money(max(short[0], Decimal(0)), money)
    more = fmt_money(short[1] - max(short[0], Decimal(0)), money)
    return f" (a year: the base was {was} short, this change adds {more})"


def _short_a_year(rule: str, report: Report, loaded: LoadedPlan | None) -> Decimal | None:
    """The people money short of the staff ``rule`` prices, a year (None: not priced)."""
    m = report.metrics
    if loaded is None or m is None or loaded.plan.budget is None or m.loaded_cost is None:
        return None
    budget = loaded.plan.budget
    money = budget.lines.get("people", budget.total)
    fte = m.planned_fte if _SHORT_OF[rule] == "planned" else m.needed_fte
    return (
        (m.period_cost(fte) - money)
        / Decimal(m.period_years.numerator)
        * Decimal(m.period_years.denominator)
    )


def _renames(old: LoadedPlan | None, new: LoadedPlan | None) -> dict[str, str]:
    """Channels the proposal renames (see ``renamed_lines``)."""
    if old is None or new is None:
        return {}
    return renamed_lines(old.plan, new.plan)


def renamed_lines(was: Plan, now: Plan, *, same_kind: bool = True) -> dict[str, str]:
    """Channels a plan renames: an id gone from ``was`` paired, one to one, with the new id
    of the same kind whose contacts a week are nearest its own, within a tenth. By kind and
    order alone, a retired line's known gap stood in for a new line's new one, and a line
    added above a renamed one took its findings (review attack37 A7, F1). Without
    ``same_kind``: paired with a new id of another kind (a line whose kind changed with its
    id), among the new ids no line of their own kind takes."""
    from cs_align.sizing import weekly_contacts

    ids = {c.id for c in was.channels}
    arrived = [c for c in now.channels if c.id not in ids]
    kept = {c.id for c in now.channels}
    if not same_kind:
        same = renamed_lines(was, now)
        kept |= set(same)
        arrived = [c for c in arrived if c.id not in same.values()]
    gone = [c for c in was.channels if c.id not in kept]
    if same_kind:
        return _nearest_of_kind(gone, arrived)
    weekly = {c.id: weekly_contacts(c) for c in arrived}  # each line's once, not a pair's
    pairs = {}
    for channel in gone:
        had = weekly_contacts(channel)
        near = [
            (abs(weekly[c.id] - had), index)
            for index, c in enumerate(arrived)
            if c.kind != channel.kind and abs(weekly[c.id] - had) <= had / 10
        ]
        if near:
            pairs[channel.id] = arrived.pop(min(near)[1]).id
    return pairs


def _nearest_of_kind(gone: Sequence[Channel], arrived: Sequence[Channel]) -> dict[str, str]:
    """Each line gone, in order, paired with the new line of its kind left whose contacts a
    week are nearest its own within a tenth, the first of them on a tie; found by bisection
    in the new lines sorted by contacts (a plan of 990 lines renamed compared every pair,
    twice a run: 17 s)."""
    from cs_align.sizing import weekly_contacts

    by_kind: dict[str, list[tuple[Fraction, int, str]]] = {}
    for order, c in enumerate(arrived):
        by_kind.setdefault(c.kind.value, []).append((weekly_contacts(c), order, c.id))
    for entries in by_kind.values():
        entries.sort()
    pairs = {}
    for channel in gone:
        entries = by_kind.get(channel.kind.value, [])
        had = weekly_contacts(channel)
        at = bisect.bisect_left(entries, (had, -1, ""))
        near = []
        if at < len(entries) and entries[at][0] - had <= had / 10:
            near.append((entries[at][0] - had, entries[at][1], at))
        if at > 0 and had - entries[at - 1][0] <= had / 10:
            first = bisect.bisect_left(entries, (entries[at - 1][0], -1, ""))
            near.append((had - entries[first][0], entries[first][1], first))
        if near:
            pairs[channel.id] = entries.pop(min(near)[2])[2]
    return pairs


SPLIT_PARTS = 4
"""The most new lines a gone line is read as split into, when other lines of its kind arrive
beside them (all the new lines of its kind, however many, are tried first)."""

SPLIT_CANDIDATES = 20
"""The most new lines of a kind that are searched for a part of them adding up to a gone
line (``SPLIT_PARTS`` at a time): beyond them, all of them together and the largest that fit
(``_largest_fitting``) are tried."""


def split_lines(gone: Sequence[Channel], arrived: Sequence[Channel]) -> dict[str, tuple[str, ...]]:
    """Lines gone (``gone``) paired with the new lines (``arrived``) they became: each, in
    order, with the one new line of its kind whose contacts a week are nearest its own
    within a tenth (as ``renamed_lines``), else with two or more of its kind whose contacts
    add up to its own within a tenth (a line split in two: `phone` into `phone-a` and
    `phone-b`, review attack43 C07). A new line is paired once."""
    from cs_align.sizing import weekly_contacts

    left = list(arrived)
    weekly = {c.id: weekly_contacts(c) for c in left}  # each line's once: groups add them
    pairs: dict[str, tuple[str, ...]] = {}
    for channel in gone:
        had = weekly_contacts(channel)
        kind = [c for c in left if c.kind == channel.kind]
        near = min(
            (
                (abs(weekly[c.id] - had), index)
                for index, c in enumerate(kind)
                if abs(weekly[c.id] - had) <= had / 10
            ),
            default=None,
        )
        found: tuple[Channel, ...] = (kind[near[1]],) if near is not None else ()
        if not found and len(kind) > 1:
            groups: list[tuple[Channel, ...]] = [tuple(kind)]
            if len(kind) <= SPLIT_CANDIDATES:
                groups += [
                    group
                    for size in range(2, min(SPLIT_PARTS, len(kind) - 1) + 1)
                    for group in itertools.combinations(kind, size)
                ]
            else:  # twenty lines of a kind split in forty paired none (review of C07's fix)
                groups += [g for g in [_largest_fitting(kind, weekly, had)] if len(g) > 1]
            # Searched in floats (thousands of groups), the one found checked exactly.
            rough = {c.id: float(weekly[c.id]) for c in kind}
            best = min(
                (
                    (abs(sum(rough[c.id] for c in group) - float(had)), index)
                    for index, group in enumerate(groups)
                ),
                default=None,
            )
            if best is not None:
                group = groups[best[1]]
                if abs(sum((weekly[c.id] for c in group), Fraction(0)) - had) <= had / 10:
                    found = group
        if found:
            pairs[channel.id] = tuple(c.id for c in found)
            left = [c for c in left if c.id not in pairs[channel.id]]
    return pairs


def _largest_fitting(
    kind: Sequence[Channel], weekly: dict[str, Fraction], had: Fraction
) -> tuple[Channel, ...]:
    """New lines, largest first, each taken while their contacts stay within a tenth above
    ``had``, until they reach a tenth below it (empty when they never do): the parts of a
    split among more new lines than are searched one group at a time."""
    group: list[Channel] = []
    total = Fraction(0)
    for channel in sorted(kind, key=lambda c: -weekly[c.id]):
        if total + weekly[channel.id] <= had * Fraction(11, 10):
            group.append(channel)
            total += weekly[channel.id]
        if total >= had * Fraction(9, 10):
            return tuple(group)
    return ()


def _renamed_path(path: str, renames: dict[str, str]) -> str:
    """A base finding's path with the channel the proposal renamed under its new id."""
    for was, now in renames.items():
        at = f"channels[{was}]"
        if path == at or path.startswith((f"{at}.", f"{at}[")):
            return f"channels[{now}]" + path[len(at) :]
    return path


def _findings(
    base: Report,
    plan: Report,
    renames: dict[str, str] | None = None,
    loaded: tuple[LoadedPlan | None, LoadedPlan | None] = (None, None),
) -> tuple[FindingChange, ...]:
    """Each finding of either side: new, worse, fixed or unchanged. A channel the proposal
    renames keeps its findings (review attack36 L6: its base's known gaps read as new, and
    no_new_errors blocked a rename); a budget finding whose money short grows is worse
    (``_money_worse``)."""
    before = {(f.rule, _renamed_path(f.path, renames or {})): f for f in base.findings}
    back = {now: was for was, now in (renames or {}).items()}
    after = {(f.rule, f.path): f for f in plan.findings}
    changes = []
    for key, finding in after.items():
        old = before.get(key)
        grown = _money_worse(finding.rule, (base, plan), loaded) if old is not None else ""
        if grown:
            finding = finding._replace(message=finding.message + grown)
        if old is None:
            changes.append(FindingChange(status="new", finding=finding))
        elif (
            finding.severity > old.severity
            or _channel_worse(finding.path, base, plan, back)
            or grown
        ):
            changes.append(FindingChange(status="worse", finding=finding, before=old.severity))
        else:
            changes.append(FindingChange(status="unchanged", finding=finding, before=old.severity))
    changes += [
        FindingChange(status="fixed", finding=f, before=f.severity)
        for k, f in before.items()
        if k not in after
    ]
    order = {"new": 0, "worse": 1, "fixed": 2, "unchanged": 3}
    return tuple(sorted(changes, key=lambda c: (order[c.status], -c.finding.severity)))


def guardrails(
    diff: PlanDiff,
    settings: Settings,
    replaces: tuple[str, ...] = (),
    was: str | None = None,
    length: Fraction = Fraction(1),
    years: Fraction = Fraction(1),
    per_day: Fraction | None = None,
) -> list[Tripped]:
    """The guardrails the diff trips; ``was`` is the base's currency, when both sides exist.
    ``length`` is the base's period over the proposal's: a budget for half the time is
    twice the money, so the limits on its change compare the proposal's total scaled by it.
    ``max_total`` caps the total the proposal states, whatever the base's period (the same
    file is judged alike as a new plan and as a change to an old one), and what it spends a
    year (``years``: its period's length): a plan for January cannot hold a year's cap.
    ``per_day`` (``length`` when not given) is the base's period over the proposal's, in
    years, which the increase limit scales by."""
    per_day = length if per_day is None else per_day
    stated = diff.budget[-1]
    found = []
    for name, sign in (("max_budget_increase", 1), ("max_budget_decrease", -1)):
        # The decrease over the base's days still to come (``length``); the increase a day
        # for a day where the proposal spends past them (``per_day``): a plan moved wholly
        # past them spent nothing there, so any growth read as a cut, and +20% in 2028
        # passed a 5% cap (review gate59).
        total = _scaled(stated, length if sign < 0 else per_day, diff.currency)
        limit: Limit | None = settings[name]
        if limit is not None and was is not None and was != diff.currency:
            found.append(_another_currency(name, limit, was, diff.currency))
        elif limit is not None and total.delta is not None and sign * total.delta > 0:
            found += _budget_limit(
                name, limit, total, sign, diff.currency, replaces, diff.status == "new"
            )
    cap: Limit | None = settings["max_total"]
    if cap is not None and stated.after is not None and was is not None and was != diff.currency:
        # The cap is an amount in the base's money: the same figure in dinars is 3.25 times
        # as much (review attack31 A2: a switch from USD to KWD passed a 1.6M cap).
        found.append(_another_currency("max_total", cap, was, diff.currency))
    elif cap is not None and stated.after is not None and stated.after > cap.value:
        found.append(
            Tripped(
                guardrail="max_total",
                action=cap.action,
                message=f"budget total {fmt_money(stated.after, diff.currency)} is above the "
                f"cap of {fmt_money(cap.value, diff.currency)} by "
                f"{fmt_money(stated.after - cap.value, diff.currency)}",
            )
        )
    elif cap is not None and stated.after is not None and years < 1:
        yearly = round_money(
            stated.after * years.denominator / years.numerator, minor(diff.currency)
        )
        if yearly > cap.value:
            found.append(
                Tripped(
                    guardrail="max_total",
                    action=cap.action,
                    message=f"budget total {fmt_money(stated.after, diff.currency)} for "
                    f"{fmt_years(years)} is {fmt_money(yearly, diff.currency)} a year, above "
                    f"the cap of {fmt_money(cap.value, diff.currency)}",
                )
            )
    action = settings["no_verdict_regression"]
    before, after = diff.base.verdict, diff.plan.verdict
    if action and VERDICTS.index(after) > VERDICTS.index(before):
        found.append(
            Tripped(
                guardrail="no_verdict_regression",
                action=action,
                message=f"the verdict gets worse: {before} → {after}",
            )
        )
    found += _resilience(diff, settings)
    action = settings["no_new_errors"]
    errors = [
        c
        for c in diff.findings
        if c.status in ("new", "worse")
        and c.finding.counts
        and c.finding.severity == Severity.error
    ]
    if action and errors:
        first = errors[0].finding
        # A base's error made worse is counted as worse, not new (calc56: "1 new error" for
        # a people line further short, an error the base had).
        counted = " and ".join(
            plural(n, f"{status} error")
            for status in ("new", "worse")
            if (n := sum(c.status == status for c in errors))
        )
        found.append(
            Tripped(
                guardrail="no_new_errors",
                action=action,
                message=f"{counted}, first: {first.rule}: {first.message}",
            )
        )
    return found


def _scaled(total: Change, length: Fraction, currency: str) -> Change:
    """The proposal's total times ``length``, to compare it with the base's."""
    if length == 1 or total.after is None:
        return total
    # To the currency's minor unit, once (review calc39 F5: rounded to a whole dinar, a
    # proposal at exactly +5% was "over by 0.480 KWD").
    scaled = round_money(total.after * length.numerator / length.denominator, minor(currency))
    return Change(
        name="total for a period as long as the base's", before=total.before, after=scaled
    )


def _resilience(diff: PlanDiff, settings: Settings) -> list[Tripped]:
    """The proposal fails the config's stress test, whether or not its base did."""
    policy = settings["resilience"]
    hit = next((f for f in diff.plan.findings if f.rule == RESILIENCE and f.counts), None)
    if policy is None or hit is None:
        return []
    return [Tripped(guardrail=RESILIENCE, action=policy.action, message=hit.message)]


def _length_ratio(
    old: LoadedPlan | None, new: LoadedPlan | None, today: dt.date | None = None
) -> Fraction:
    """What the proposal's total is multiplied by to compare it with the base's: the base
    plan's period over the proposal's, in years (1 when either side is missing), so money
    is compared a day for a day. A plan without a period budgets one year, here as
    everywhere else: adding a half-year period to such a plan, or dropping a two-year
    period, at the same total changes the money a year.

    Where both are dated and the base's days still to come (``base_window``) are known, the
    proposal counts for what it spends in them, against what the base spends there: a
    year's plan turned into January's, with January's money, was the same money a day and
    "0%" (review attack41 B10), while February to December were left to no plan."""
    if old is None or new is None:
        return Fraction(1)
    window = base_window(old.plan, new.plan, today)
    if window is None or new.plan.period is None or old.plan.period is None:
        return old.plan.years / new.plan.years
    # In years as every period counts them (`period_years`: a month a twelfth).
    start, end = max(window[0], new.plan.period.start), min(window[1], new.plan.period.end)
    spent = period_years(start, end) if start <= end else Fraction(0)
    return spent / new.plan.years * old.plan.years / period_years(*window)


def within_window(old: Plan, new: Plan, today: dt.date | None) -> bool:
    """Whether the proposal spends all its money in the base's days still to come
    (``base_window``), where a budget limit judges it over them: the year's money in half
    the year is the year's money. Money spent past them is on days the base did not fund,
    and grows as much as it spends more a day than the base (review gate59: a 2027 plan
    moved to 2028 with 20% more spent nothing in 2027, and passed a 5% cap)."""
    window = base_window(old, new, today)
    if window is None or new.period is None:
        return window is None
    return window[0] <= new.period.start and new.period.end <= window[1]


def base_window(old: Plan, new: Plan, today: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days of the base plan's period still to come on ``today`` (all of them when it
    starts later), which a budget limit judges the proposal's money over; None where there
    are none to judge (either side undated, no ``today``, the base's period over), or the
    proposal moved wholly past them once they have begun: next year's plan in place of this
    year's carries it on, and is compared a day for a day (a plan for a year still to come
    moved a year later leaves its year to no plan: review attack42 B04)."""
    from cs_align.organisations import rolled

    if today is None or old.period is None or new.period is None:
        return None
    first, last = max(old.period.start, today), old.period.end
    if first > last or (
        new.period.start > last and rolled((old.period.start, last), today, new.period.start)
    ):
        return None
    return first, last


def _another_currency(name: str, limit: Limit, was: str, now: str) -> Tripped:
    """A budget in another currency than the base's: its figures cannot be compared."""
    written = fmt_percent(limit.value) if limit.share else fmt_money(limit.value, was)
    return Tripped(
        guardrail=name,
        action=limit.action,
        message=f"{currency_changed(was, now)}: a {written} limit cannot compare the totals",
    )


def _budget_limit(
    name: str,
    limit: Limit,
    total: Change,
    sign: int,
    currency: str,
    replaces: tuple[str, ...],
    new: bool = True,
) -> list[Tripped]:
    assert total.delta is not None and total.before is not None
    moved = sign * total.delta
    word = "increase" if sign > 0 else "decrease"
    if limit.share and total.before == 0 and replaces:
        # New here, while the change deletes plans: it may be one of them renamed and
        # rewritten, which a share of nothing would let through whatever it grew by.
        return [
            Tripped(
                guardrail=name,
                action=limit.action,
                message=f"budget total {fmt_money(total.after or moved, currency)} in a plan "
                f"that is new while the change deletes {', '.join(replaces[:3])}: a "
                f"{fmt_percent(limit.value)} limit cannot compare it with the plan it may "
                "replace (give it that plan's organisation, or review the change by hand)",
            )
        ]
    if limit.share and total.before == 0 and not new:
        # A plan the base has with no money (a zero total, or no budget): any growth is more
        # than any share of it (review input31 F05: read as a new plan, it only warned).
        return [
            Tripped(
                guardrail=name,
                action=limit.action,
                message=f"budget total grows from 0 to {fmt_money(total.after or moved, currency)}"
                f": more than a {fmt_percent(limit.value)} limit allows on a plan the base has",
            )
        ]
    if limit.share and total.before == 0:
        # A share of nothing is nothing: a new plan's budget is reported, never blocked by %.
        return [
            Tripped(
                guardrail=name,
                action="warn",
                message="budget total grows from 0 to "
                f"{fmt_money(total.after or moved, currency)} (a new "
                f"plan); a {fmt_percent(limit.value)} limit cannot apply to it, so it is "
                "reported, not blocked",
            )
        ]
    allowed = limit.value * total.before if limit.share else limit.value
    if moved <= allowed:
        return []
    # Beside a limit in %, with the digits that tell it over (review calc42 F5: "5%" beside
    # a 5% limit for 5.00001%).
    said = fmt_percent(moved / total.before) if total.before else ""
    if said and limit.share:
        said = fmt_share_over(moved / total.before, limit.value)
    share = f" ({said})" if said else ""
    # A cap, shown rounded down to what may be moved in whole minor units, so that the limit
    # and the excess shown add up to the change shown.
    most = round_down(allowed, minor(currency))
    limit_text = fmt_money(most, currency)
    if limit.share:
        limit_text += f" ({fmt_percent(limit.value)})"
    over = fmt_money(moved - most, currency)
    return [
        Tripped(
            guardrail=name,
            action=limit.action,
            message=f"budget {total.name} {word}s by {fmt_money(moved, currency)}{share}; "
            "the limit is "
            f"{limit_text}, over by {over}",
        )
    ]
