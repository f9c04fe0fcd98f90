"""Which plans are one organisation's money across a change: where a plan the change moved
was (``moved_from``), which plan carries on one it deleted (``carried_to``), which deleted
plans a new one may stand in for (``replaced``), and an organisation's budget totals at the
trusted revision and now (``organisation_budget``, ``organisation_kept``).

The gate judges plans one top folder at a time (plans/, say): a plan's base, and the plans
its organisation's totals add up, are in its own top folder. Organisation names are compared
as a reviewer sees them (cs_align.names). Everything here reads the trusted revision and the
work tree once a run (the caches are per revision).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import heapq
import itertools
import operator
import os
from collections.abc import Callable, Collection, Hashable, Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from cs_align.errors import CsAlignError
from cs_align.names import Key, name_key, same_organisation
from cs_align.plan import Channel, Mix, Plan
from cs_align.repo import Revision, absolute, display, read_file, resolved
from cs_align.units import DEFAULT_MAX_OCCUPANCY, exact, minor, round_money
from cs_align.yamlsafe import decode, load_text

if TYPE_CHECKING:
    from cs_align.loader import LoadedPlan
    from cs_align.metrics import Metrics


def moved_from(loaded: LoadedPlan, rev: Revision) -> Path | None:
    """Where a plan new at ``rev`` was before the change moved it: the path git's rename
    detection gives, else the one plan the change deletes that names the same organisation
    (a move that also rewrote the file is still that plan: its budget, strategy and
    waivers are judged against what they were). See ``_base_of``."""
    if loaded.path is None:
        return None
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    key = name_key(name) if isinstance(name, str) and name.strip() else None
    return _base_of(absolute(loaded.path), key, _whole(rev))


def _whole(rev: Revision) -> Revision:
    """``rev`` with every top folder it gates read whole: which plan carries which on is
    read over the whole folder, so a plan moved where the run's globs do not reach is a move
    out of the gate (which the Action fails), not a plan deleted (see ``Revision.within``)."""
    return rev._replace(within=())


def _base_of(here: Path, key: Key | None, rev: Revision) -> Path | None:
    """The plan at ``rev`` that the new plan at ``here`` (naming organisation ``key``)
    carries on, in its own top folder (plans/, say: an archived copy is out of the gate's
    view, and would let the plans it judges grow by what it held): the file git renamed to
    it, else the one plan the change takes away from that folder naming the organisation."""
    old = rev.renamed_from(here)
    if old is not None and _top(rev, old) == _top(rev, here):
        return old
    return None if key is None else _paired(here, key, rev)


def _paired(here: Path, key: Key, rev: Revision) -> Path | None:
    """The one plan the change takes away from the top folder of ``here`` (deleted, or
    renamed out of the folder) that names organisation ``key``, as the base of the new plan
    at ``here``; None when there is not exactly one, or when another new plan names it too
    (split in two, it is neither's)."""
    from cs_align.repo import renamed_to

    moved = renamed_to(rev.root, rev.commit)
    top = _top(rev, here)

    def gone(path: Path) -> bool:  # a file git renamed within the folder is another's base
        target = moved.get(path)
        return target is None or target == here or _top(rev, target) != top

    same = [
        path
        for path, named in _deleted_names(rev).items()
        if same_organisation(named, key) and _top(rev, path) == top and gone(path)
    ]
    if len(same) != 1:
        return None
    rivals = [
        p
        for p, named in _added_names(rev).items()
        if p != here
        and named is not None
        and same_organisation(named, key)
        and _top(rev, p) == top  # a copy archived elsewhere competes for nothing
    ]
    return None if rivals else same[0]


def carried_to(old: Path, rev: Revision) -> Path | None:
    """The plan in the work tree that carries on ``old``, a plan the change deletes: the
    one new plan whose base it is (``_base_of``, as ``moved_from`` finds it). None when no
    plan does (the plan is deleted)."""
    from cs_align.discovery import kind

    rev = _whole(rev)
    found = [
        path
        for path, key in _added_names(rev).items()
        if _base_of(path, key, rev) == old
        and _is_yaml(path)
        and _inside(rev, path)
        and kind(path) == "plan"
    ]
    return found[0] if len(found) == 1 else None


@functools.lru_cache(maxsize=16)
def _deleted_names(rev: Revision) -> dict[Path, Key]:
    """Plans at ``rev`` that the work tree no longer has (removed, or renamed away), with
    the organisation each names: read once a run, however many new plans ask."""
    from cs_align.repo import deleted

    found = {}
    for path in deleted(rev.root, rev.commit):
        name = _organisation(rev, path) if _is_yaml(path) else None
        if name is not None:
            found[path] = name
    return found


@functools.lru_cache(maxsize=16)
def _added_names(rev: Revision) -> dict[Path, Key | None]:
    """YAML files the work tree adds since ``rev``, with the organisation each names."""
    return {path: _named(rev, path) for path in _added_plans(rev)}


def replaced(loaded: LoadedPlan, rev: Revision) -> tuple[str, ...]:
    """For a plan new at ``rev`` (``moved_from`` found none): the plans the change deletes
    that it may stand in for, so that a budget limit in % cannot let it through unmeasured.

    A plan deleted from this plan's top folder counts unless exactly one other plan file in
    the work tree carries it on, by git's rename detection or by its organisation. One that
    names this plan's own organisation does not: the organisation's plans are judged
    together (``organisation_budget``), so a split or a rollover of several plans is
    measured rather than refused. Only files that are plans count as carrying one on: not a
    strategy-shaped file, nor a renamed .md."""
    from cs_align.discovery import kind
    from cs_align.repo import renamed_to

    rev = _whole(rev)
    mine = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    mine = name_key(mine) if isinstance(mine, str) else None
    here = absolute(loaded.path) if loaded.path is not None else None
    if here is None:
        return ()
    # Only a plan where this one is (the same top folder: plans/, say) can carry one on; a
    # plan archived elsewhere is out of the gate's view, and cannot vouch for this one.
    top = _top(rev, here)

    def stands_in(path: Path) -> bool:
        return (
            path != here and _top(rev, path) == top and _inside(rev, path) and kind(path) == "plan"
        )

    beside = _beside(rev, top)
    own = beside.plans.get(here)  # this plan is not another that carries one on
    moved = renamed_to(rev.root, rev.commit)
    found = []
    for old, name in _deleted_names(rev).items():
        if _top(rev, old) != top or (mine is not None and same_organisation(name, mine)):
            continue
        target = moved.get(old)
        renamed = target is not None and _is_yaml(target) and stands_in(target)
        naming = beside.naming(name) - (own is not None and same_organisation(own, name))
        if not (renamed or naming == 1):
            found.append(display(old))
    return tuple(found)


class _Beside(NamedTuple):
    """The plans the work tree adds to one top folder (inside the repository, and plans by
    their text), with the organisation each names, counted by either reading of the name."""

    plans: dict[Path, Key]
    capitals: dict[str, int]
    small: dict[str, int]
    both: dict[Key, int]

    def naming(self, name: Key) -> int:
        """How many of them name ``name``'s organisation (``same_organisation``)."""
        return (
            self.capitals.get(name.capitals, 0)
            + self.small.get(name.small, 0)
            - self.both.get(name, 0)
        )


@functools.lru_cache(maxsize=16)
def _beside(rev: Revision, top: str) -> _Beside:
    """The plans the work tree adds to ``top`` (see ``_Beside``), read once a run: each new
    plan asked for all of them, so a pull request of N new plans read the kind of N² files
    (review attack53: 1,000 new plans took the Action's diffs 465 s, 10,000 would take
    hours; a runner's job ends at six)."""
    from cs_align.discovery import kind

    plans = {
        p: named
        for p, named in _added_names(rev).items()
        if named and _top(rev, p) == top and _inside(rev, p) and kind(p) == "plan"
    }
    capitals: dict[str, int] = {}
    small: dict[str, int] = {}
    both: dict[Key, int] = {}
    for named in plans.values():
        capitals[named.capitals] = capitals.get(named.capitals, 0) + 1
        small[named.small] = small.get(named.small, 0) + 1
        both[named] = both.get(named, 0) + 1
    return _Beside(plans=plans, capitals=capitals, small=small, both=both)


Judge = tuple[str, str, str]
"""Who judges a channel's work: the strategy of its channel's rules, the one its reps'
practices answer to (their segment's, else the plan's primary), and the plan's primary,
which alone runs the rules about the plan's budget and totals (goodwill, funding). Work
keeps all three: a private bankers' channel kept under extraordinary-trust by `by_channel`
in a plan whose reps work to fast-food's practices is no longer the bankers' work (review
attack23 M1), nor is a trust plan's work moved into a segment of a plan under fast-food,
whose budget no trust rule judges (attack24 N2)."""


class Budgeted(NamedTuple):
    """A plan file's organisation (as compared: see `names.Key`), currency, budget, the
    strategies it puts anything under and its people's work."""

    organisation: Key
    currency: str
    total: Decimal
    strategies: frozenset[str] = frozenset()
    """Every strategy it puts anything under (see ``strategies_in``)."""
    work: tuple[tuple[Judge, Fraction], ...] = ()
    """Its people's work: (who judges it, hours a week) a channel."""
    ceiling: Decimal = DEFAULT_MAX_OCCUPANCY
    """Its occupancy ceiling (`staffing.max_occupancy`), which `occupancy-cap` judges by."""
    promised: tuple[Answered, ...] = ()
    """Its channels people answer to a target (see ``promised_work``)."""
    hour_price: Fraction | None = None
    """What an hour of an agent's time on contacts costs (see ``hour_price``)."""
    period: tuple[dt.date, dt.date] | None = None
    """The days it plans for (None: not stated)."""
    people: Decimal = Decimal(0)
    """Its people money a year (see ``yearly``: the `people` line, else what its staff
    cost within the total)."""
    staff_cost: Decimal | None = None
    """What its planned FTE cost a year (None: it states no loaded cost per FTE)."""
    fte: Decimal = Decimal(0)
    """Its planned FTE (see ``planned_fte``)."""
    cost: Decimal | None = None
    """Its loaded cost per FTE (None: not stated)."""
    named: str = ""
    """Its organisation as written."""


class Totals(NamedTuple):
    """An organisation's plans' budget totals a year (see ``yearly``), at the base and now
    (see organisation_budget)."""

    before: Decimal
    after: Decimal
    unlike: bool
    """Some are in another currency than the new plan's: they cannot be added up."""
    spans: tuple[tuple[Period | None, ...], tuple[Period | None, ...]] = ((), ())
    """The periods of the plans added up, at the base and now (the plan at ``here``'s
    own not among them)."""
    was_named: str | None = None
    """The organisation's name at the base, where the change renamed it whole (None: the
    same): the base's figures are that name's."""


def _in(yearly_total: Decimal, period: Period | None, window: Period | None) -> Decimal:
    """What a plan spending ``yearly_total`` a year over ``period`` spends a year in
    ``window``: its share of the window's days (a plan without a period, or no window:
    all of it). Next year's plan, or the other half of a year, is not this year's money as
    well (review attack40 A8: a rollover beside last year's plan read as 3,080,482 a year)."""
    if period is None or window is None:
        return yearly_total
    share = covered(period, window)
    return yearly_total * share.numerator / share.denominator


ROLLED_YEARS = 3
"""How many calendar years from a new plan's own an organisation's spend is looked for when
its plans at the trusted revision spend nothing in the new plan's years (see
``organisation_budget``)."""


def organisation_budget(loaded: LoadedPlan, rev: Revision) -> Totals | None:
    """For a plan new at ``rev`` (or relabelled) that states no period: the budget totals a
    year, at ``rev`` and now, of the plans in its top folder (plans/, say) that name its
    organisation; None when none did at ``rev``. A dated plan is judged a calendar year at
    a time (``organisation_years``).

    A plan added for an organisation that already had plans (a second beside the first, the
    halves of a split, next year's plans) is part of that organisation's budget, which a
    limit in % can judge as a whole where it cannot judge the new plan alone."""
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    if not isinstance(name, str) or not name.strip() or loaded.path is None:
        return None
    here = absolute(loaded.path)
    found = []
    for key, also in _known_as(name_key(name), here, rev):
        totals = _totals(
            key, loaded.plan.currency, here, yearly(loaded.plan), {here}, rev, also=also
        )
        if totals is not None:
            found.append(_as_named(totals, key, also, here, rev))
    return max(found, key=_growth) if found else None


def _as_named(totals: Totals, key: Key, also: Key | None, here: Path, rev: Revision) -> Totals:
    """``totals`` with the name the organisation had at ``rev`` where it was renamed."""
    return totals if also is None else totals._replace(was_named=_named_at(key, here, rev))


def _known_as(key: Key, here: Path, rev: Revision) -> tuple[tuple[Key, Key | None], ...]:
    """The organisations a new plan naming ``key`` at ``here`` is judged with, each with its
    new name where that is another: ``key`` itself, or, where no plan of the top folder names
    ``key`` at ``rev``, each organisation renamed whole to it (each of its plans now naming
    ``key``, none keeping the old name, see ``renamed_whole``). A plan added under the new
    name of an organisation renamed whole was judged alone: growth that a limit in % or a
    `max_total` would have blocked beside the organisation's plans passed as a new plan's
    (review attack56 a). Two organisations renamed into one name are both: the plan is
    judged with each, so neither escapes its limits (review gate57: it was judged alone)."""
    olds = renamed_into(key, here, rev)
    return tuple((old, key) for old in olds) if olds else ((key, None),)


def renamed_into(key: Key, here: Path, rev: Revision) -> tuple[Key, ...]:
    """The organisations renamed whole to ``key`` in the top folder of ``here`` by the
    change (see ``_known_as``; none when a plan there names ``key`` at ``rev``)."""
    top = _top(rev, here)
    then = _budgets_at(rev, top)
    if any(same_organisation(b.organisation, key) for b in then.values()):
        return ()
    from cs_align.repo import renamed_to

    moved = renamed_to(rev.root, rev.commit, rev.now_at)
    olds: dict[Key, None] = {}
    for path, b in then.items():
        now = _file_now(rev, moved.get(path, path))
        if now.budget is not None and same_organisation(now.budget.organisation, key):
            olds[b.organisation] = None
    found = []
    for old in olds:
        left = _totals(old, "", here, Decimal(0), {here}, rev, by_path=False)
        if left is not None and not left.spans[1]:  # else a part split off, not a rename
            found.append(old)
    return tuple(found)


def _named_at(key: Key, here: Path, rev: Revision) -> str:
    """How a plan of the top folder of ``here`` writes organisation ``key`` at ``rev``."""
    found = _budgets_at(rev, _top(rev, here)).values()
    return next((b.named for b in found if same_organisation(b.organisation, key)), "")


def _growth(totals: Totals) -> Decimal:
    """How much an organisation's plans grow, for the worst of several to be shown."""
    if not totals.before:
        return Decimal("Infinity") if totals.after > 0 else Decimal(0)
    return (totals.after - totals.before) / totals.before


class YearSpend(NamedTuple):
    """An organisation's spend a year in one calendar year, at the base and now."""

    year: int | None
    """The calendar year (None: the new plan states no period, and all is compared)."""
    totals: Totals
    rolled_from: int | None = None
    """The year whose spend at the base stands in for this one's (None: its own)."""


def organisation_years(
    loaded: LoadedPlan, rev: Revision, *, rolled: bool = False
) -> list[YearSpend] | None:
    """For a plan new at ``rev`` (or relabelled): its organisation's spend a year at ``rev``
    and now (see ``organisation_budget``), in each calendar year its period touches, so
    next year's plan, or the other half of a year, is not this year's money as well, and
    growth in one year is not averaged away over the others.

    Each side is money a year while the organisation's plans cover the year: the money of
    the days they cover, over those days (a July-June plan is half of each of its years'
    days, not half the money a year). ``rolled``: a year the plans at ``rev`` left without a
    plan is compared with the spend a year of the nearest year they covered (the year before
    first): next year's budget, or a fiscal year's second half, is compared with this year's,
    not with nothing (review attack41 F03, attack42 F03: a July-June year beside the
    January-June half it replaced read +49.86%, and a rollover overlapping by a day +100%)."""
    period = loaded.plan.period
    if period is None:
        whole = organisation_budget(loaded, rev)
        return None if whole is None else [YearSpend(year=None, totals=whole)]
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    if not isinstance(name, str) or not name.strip() or loaded.path is None:
        return None
    span, here = (period.start, period.end), absolute(loaded.path)
    own, currency = yearly(loaded.plan), loaded.plan.currency
    every = [
        _years_of((key, also), (span, here, own, currency), rev, rolled)
        for key, also in _known_as(name_key(name), here, rev)
    ]
    judged = [y for y in every if y is not None]
    return max(judged, key=lambda ys: max(_growth(y.totals) for y in ys)) if judged else None


def _years_of(
    known: tuple[Key, Key | None],
    new: tuple[Period, Path, Decimal, str],
    rev: Revision,
    rolled: bool,
) -> list[YearSpend] | None:
    """``organisation_years`` with the organisation ``known`` (see ``_known_as``)."""
    (key, also), (span, here, own, currency) = known, new

    @functools.cache  # the years compared are asked again for the nearest spent
    def spend(year: int) -> Totals | None:
        window = _calendar(year)
        mine = _in(own, span, window)
        found = _totals(key, currency, here, mine, {here}, rev, window=window, also=also)
        if found is None:
            return None
        return _as_named(_while_covered(found, span, window), key, also, here, rev)

    found = []
    for year in range(span[0].year, span[1].year + 1):
        totals = spend(year)
        if totals is None:
            return None
        source = _nearest_spent(year, spend) if rolled and not totals.before else None
        if source is not None:
            totals = totals._replace(before=source[1])
        found.append(YearSpend(year=year, totals=totals, rolled_from=source[0] if source else None))
    return found


def _nearest_spent(year: int, spend: Callable[[int], Totals | None]) -> tuple[int, Decimal] | None:
    """The nearest year to ``year`` (within ROLLED_YEARS, the earlier first) in which the
    organisation's plans spent anything at the base, with what they spent there a year."""
    for shift in _nearest(ROLLED_YEARS):
        then = spend(year + shift)
        if then is not None and then.before:
            return year + shift, then.before
    return None


def _calendar(year: int) -> Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _while_covered(totals: Totals, own: Period, window: Period) -> Totals:
    """``totals`` over ``window`` as money a year while each side's plans cover it: what
    they spend there, over the share of its days they cover (``own``: the new plan's days,
    which count on the side of now)."""
    then, now = totals.spans
    return totals._replace(
        before=_per_cover(totals.before, _union(then, window)),
        after=_per_cover(totals.after, _union((*now, own), window)),
    )


def _per_cover(money: Decimal, share: Fraction) -> Decimal:
    return money * share.denominator / share.numerator if share else money


def _union(periods: Iterable[Period | None], window: Period) -> Fraction:
    """The share of ``window`` at least one of ``periods`` covers; a plan that states no
    period covers all of it, as ``_in`` counts its money whole."""
    spans = list(periods)
    if any(span is None for span in spans):
        return Fraction(1)
    days, reached = 0, window[0] - dt.timedelta(days=1)
    for first, last in sorted(span for span in spans if span is not None):
        first, last = max(first, reached + dt.timedelta(days=1)), min(last, window[1])
        if last >= first:
            days += (last - first).days + 1
            reached = last
    return Fraction(days, (window[1] - window[0]).days + 1)


def _nearest(most: int) -> list[int]:
    """Year shifts by distance, the earlier first: -1, 1, -2, 2 …"""
    return [step * way for step in range(1, most + 1) for way in (-1, 1)]


def organisation_kept(
    base: LoadedPlan,
    now: LoadedPlan | None,
    rev: Revision,
    line: str = "total",
    window: Period | None = None,
    price: Decimal | None = None,
    sized: bool = False,
) -> Totals | None:
    """The totals, at ``rev`` and now, of the plans in its top folder that name the
    organisation a plan named at ``rev`` (``base``): now, the plans that still name it, with
    this one as it is (``now``; None when it is gone, and nothing when it names another).
    With ``line`` "people", of their people money (see ``yearly``), and "paying" of what of
    it pays their staff (see ``paying_staff``), or with a ``price``, the staff it pays for
    priced at ``price`` an FTE a year, at the base and now (see ``paying_at``): a team cut
    whose money stays because the loaded cost per FTE rose keeps the money, not the staff;
    with a ``window``, what each spends a year in it (see ``_in``). With ``sized``, the
    plan at ``rev`` counts with the FTE ``base`` plans, not those its file states (a plan
    that states none, staffed by the gate with what its targets need)."""
    if base.path is None or (now is not None and now.path is None):
        return None
    key = name_key(base.plan.organisation)
    own = Decimal(0)
    renamed = renamed_whole(base, now, rev)
    if now is not None and (renamed or same_organisation(name_key(now.plan.organisation), key)):
        days = (now.plan.period.start, now.plan.period.end) if now.plan.period else None
        if line != PAYING:
            money = yearly(now.plan, line)
        else:
            money = paying_staff(now.plan) if price is None else paying_at(now.plan, price)
        own = _in(money, days, window)
    gone = {absolute(base.path)} | ({absolute(now.path)} if now and now.path else set())
    here = absolute(now.path) if now is not None and now.path else absolute(base.path)
    return _totals(
        key,
        base.plan.currency,
        here,
        own,
        gone,
        rev,
        by_path=False,
        line=line,
        window=window,
        price=price,
        staffed=(absolute(base.path), base.plan) if sized else None,
        also=name_key(now.plan.organisation) if renamed and now is not None else None,
    )


def renamed_whole(base: LoadedPlan, now: LoadedPlan | None, rev: Revision) -> bool:
    """Whether the change renames the organisation ``base`` names at ``rev``, as a whole:
    ``now`` names one no plan in its top folder names at ``rev``, and no plan there names the
    old one any more (each of its plans gone, or renamed with it). Its plans are then the
    same organisation's money under its new name, not plans that left it: an approved
    rename of "Example Delight Co" to "Example Delight Group" read as -100% of the old name
    (review attack55 c). A plan relabelled to a name some plan had at ``rev`` (two plans that
    trade places, review attack54), or while another plan keeps the old name (a part split
    off), is a plan that left it."""
    if now is None or now.path is None or base.path is None:
        return False
    return renamed_whole_from(base.plan, base.path, now, rev)


def renamed_whole_from(was: Plan, then: Path | None, now: LoadedPlan, rev: Revision) -> bool:
    """``renamed_whole`` of the plan ``was`` at ``then`` at ``rev``, and ``now``."""
    if now.path is None or then is None:
        return False
    old, new = name_key(was.organisation), name_key(now.plan.organisation)
    if same_organisation(old, new):
        return False
    if any(same_organisation(new, k) for k in organisations_at(rev, then)):
        return False
    top = _top(rev, absolute(now.path))
    if top != _top(rev, absolute(then)):
        return False
    left = _totals(
        old,
        was.currency,
        absolute(now.path),
        Decimal(0),
        {absolute(then), absolute(now.path)},
        rev,
        by_path=False,
    )
    return left is not None and not left.spans[1]


def _totals(
    key: Key,
    currency: str,
    here: Path,
    own: Decimal,
    skip: set[Path],
    rev: Revision,
    *,
    by_path: bool = True,
    window: Period | None = None,
    line: str = "total",
    price: Decimal | None = None,
    staffed: tuple[Path, Plan] | None = None,
    also: Key | None = None,
) -> Totals | None:
    """The budget totals, at ``rev`` and now, of the plans in the top folder of ``here``
    that name organisation ``key``, with ``own`` for the plan at ``here`` now (the paths in
    ``skip`` are not read again). A plan that named it at ``rev`` counts now by its path,
    whatever it names now (relabelled, it is the same money), while it stays in the folder
    (archived elsewhere, it has left); a plan the change adds or edits counts when it names
    it. Without ``by_path`` (what an organisation keeps when plans leave it), a plan counts
    only when it still names it, in both readings of its name (``names.Key``): a name that
    reads as this organisation one way and another the other way is money of one of them,
    not of both. A file counts once, however many links lead to it. Totals in another
    currency cannot be added up (``unlike``). With a ``window``, each plan counts for what
    it spends a year in it (see ``_in``). With a ``price``, people money that pays staff
    counts as the staff it pays for priced at it (see ``_money``). With ``staffed`` (a
    path, a plan), the plan at that path at ``rev`` counts with that plan's staff (see
    ``_staffed_as``). With ``also``, a plan that named ``key`` at ``rev`` and names ``also``
    now counts too: the new name of an organisation renamed whole (see ``renamed_whole``)."""
    from cs_align.repo import renamed_to

    top = _top(rev, here)
    every = _budgets_at(rev, top)
    then = {
        p: _staffed_as(b, staffed[1]) if staffed is not None and p == staffed[0] else b
        for p, b in every.items()
        if same_organisation(b.organisation, key)
    }
    if not then:
        return None
    if line != "total":
        then = _counted_staffed(then, rev, staffed[0] if staffed is not None else None)
    alike = [b for b in then.values() if b.currency == currency]
    before = sum((_in(_money(b, line, price), b.period, window) for b in alike), Decimal(0))
    spans: tuple[list[Period | None], list[Period | None]] = ([b.period for b in alike], [])
    # With ``rev.now_at``, "now" is that commit's plans, not the work tree's (review fix53g:
    # whether the trusted plan was itself past the decrease limit since the window's start
    # read the organisation's other plans as the change has them).
    moved = renamed_to(rev.root, rev.commit, rev.now_at)
    # A plan renamed to a name no check reads as a plan (`a.yaml.txt`) has left the plans,
    # as a deleted one has (review attack43 C03: its money counted as kept).
    carried = {t for p in then if _top(rev, t := moved.get(p, p)) == top and _is_yaml(t)}
    edited = _edited_in(rev, top)
    after, unlike = own, any(b.currency != currency for b in then.values())
    names = same_organisation if by_path else operator.eq  # both readings agree
    # A plan of the folder at ``rev`` (any organisation's), or one git moved from one, is
    # not new: relabelled, it is the money of the organisation it named there.
    before_change = set(every) | {moved.get(p, p) for p in every}

    def added(path: Path) -> bool:
        return path not in before_change and _real(path) not in before_change

    read = {_real(p) for p in skip}
    order = heapq.merge(edited, sorted(carried.difference(edited)))  # sorted, as one set
    for path in (p for p in order if p not in skip):
        now = _file_now(rev, path)
        if (real := now.real) in read or (path not in then and _refused_now(rev, path)):
            continue
        read.add(real)
        raw, found = now.raw, now.budget
        if line != "total" and found is not None and not found.fte and raw is not None:
            found = _as_needed(raw) or found  # as at the base (``_counted_staffed``)
        named = names(found.organisation, key) if found is not None else False
        if also is not None and found is not None and (path in carried or added(path)):
            # Only its own plans under the new name: another organisation's plan relabelled
            # to it as well is that organisation's money, not this one's kept. A plan the
            # change adds under the new name is one of its own, as a plan added under the old
            # name would be: money moved into it from a renamed plan read as a cut (review
            # attack56 a).
            named = named or same_organisation(found.organisation, also)
        if found is not None and ((by_path and path in carried) or named):
            unlike |= found.currency != currency
            money = _money(found, line, price)
            if line == "people" and path not in carried:
                # A plan the change adds pays no more people than its staff: a people line
                # beside a token team stood in for a team cut elsewhere (attack43 C04).
                money = _paying(money, found.staff_cost)
            after += _in(money, found.period, window)
            spans[1].append(found.period)
    return Totals(
        before=before, after=after, unlike=unlike, spans=(tuple(spans[0]), tuple(spans[1]))
    )


@functools.lru_cache(maxsize=16)
def _edited_in(rev: Revision, top: str) -> tuple[Path, ...]:
    """The YAML files of top folder ``top`` the work tree adds or edits since ``rev``, in
    order: listed once a run, not once a plan's diff (review attack53, see ``_file_now``)."""
    from cs_align.repo import changed

    listed = changed(rev.root, rev.commit, to=rev.now_at)
    return tuple(sorted(p for p in listed if _top(rev, p) == top and _is_yaml(p)))


class _Now(NamedTuple):
    """A file of the work tree as ``_totals`` reads it: the file its path leads to, its text
    and its budget."""

    real: Path
    raw: bytes | None
    budget: Budgeted | None


_ONCE_A_RUN = 1 << 16
"""Files a run's memos hold (``_file_now``, ``_refused_now``): every plan of a large pull
request, read once."""


@functools.lru_cache(maxsize=_ONCE_A_RUN)
def _refused_now(rev: Revision, path: Path) -> bool:
    """``refused_at``, asked once a run of a file (see ``_file_now``)."""
    return refused_at(rev, path)


@functools.lru_cache(maxsize=_ONCE_A_RUN)
def _file_now(rev: Revision, path: Path) -> _Now:
    """A work-tree file (or, with ``rev.now_at``, that commit's) as ``_totals`` reads it,
    read once a run: every plan's diff summed its organisation's other plans, each parsed
    again, so a pull request of N plans of one organisation parsed N² files (review
    attack53: 300 new plans of the organisation beside a deleted one took the Action's
    diffs over 5 minutes; 10,000 would take days)."""
    raw = _read_at_now(rev, path) if rev.now_at else _read_now(rev, path)
    return _Now(real=_real(path), raw=raw, budget=_budgeted(raw))


def _staffed_as(b: Budgeted, plan: Plan) -> Budgeted:
    """A plan's budget with the staff ``plan`` (the same plan, staffed by the gate) plans:
    its FTE, their cost and the people money that pays them (a plan that staffs no one has
    none: see ``yearly``)."""
    return b._replace(
        people=yearly(plan, "people"), staff_cost=_staff_cost(plan), fte=planned_fte(plan)
    )


def staffed_as_needed(plan: Plan, metrics: Metrics | None) -> Plan | None:
    """A plan that states no FTE, staffed with what its targets need (``metrics``: its
    figures): each channel people answer to a target at the least FTE, to a tenth, that
    keep them (as `fix` writes it), the plan's FTE in all their sum (None: it has no such
    channel, or was not sized). The people-money limit had nothing to compare where the base
    stated no FTE: a people line cut by 44% into tooling passed a 10% limit (review
    attack50b); the staff its money pays for are the staff its own targets need, priced at
    its loaded cost per FTE (or, where it states none, its people money over them:
    ``base_price``)."""
    if metrics is None:
        return None
    needs: dict[str, Decimal] = {}
    for channel in plan.channels:
        m = metrics.channel(channel.id)
        if channel.human and m is not None and (need := m.keeping_fte or m.required_fte):
            needs[channel.id] = Decimal(need.numerator) / Decimal(need.denominator)
    if not needs:
        return None
    channels = [
        c.model_copy(update={"agents": needs[c.id]}) if c.id in needs else c for c in plan.channels
    ]
    staffing = plan.staffing.model_copy(update={"agents": sum(needs.values())})
    return plan.model_copy(update={"channels": channels, "staffing": staffing})


@functools.lru_cache(maxsize=64)
def _as_needed(raw: bytes) -> Budgeted | None:
    """A plan file that states no FTE, budgeted with the staff its targets need
    (``staffed_as_needed``), as the gate counts an organisation's staff money on both sides
    (review fix51h, left: a sibling plan that stated none counted 0 at the base and its
    staff now, so a change that wrote them down took up another plan's cut); None where it
    states FTE or none can be sized."""
    from cs_align.loader import parse_plan
    from cs_align.metrics import compute

    try:
        plan = parse_plan(decode(raw, "plan"), "plan").plan
    except (CsAlignError, ValueError):
        return None
    if planned_fte(plan):
        return None
    try:
        staffed = staffed_as_needed(plan, compute(plan))
    except (CsAlignError, ValueError, ArithmeticError):
        return None
    found = _budgeted(raw)
    return _staffed_as(found, staffed) if staffed is not None and found is not None else None


def _counted_staffed(
    plans: dict[Path, Budgeted], rev: Revision, but: Path | None
) -> dict[Path, Budgeted]:
    """The plans at ``rev`` (``plans``), each that states no FTE (except ``but``, which its
    caller staffs) counted with the staff its targets need (``_as_needed``)."""
    bare = [p for p, b in plans.items() if not b.fte and p != but]
    if not bare:
        return plans
    raws = rev.read_many(bare)
    return {
        p: (_as_needed(raws[p]) or b) if p in bare and p in raws else b for p, b in plans.items()
    }


PAYING = "paying"
"""``organisation_kept``'s line for the people money that pays the plans' staff."""


def _money(b: Budgeted, line: str, price: Decimal | None = None) -> Decimal:
    """A plan's money a year: its total, its people money, or what of it pays its staff
    (``PAYING``, see ``paying_staff``; with a ``price``, the staff it pays for priced at it,
    see ``paying_at``)."""
    if line == PAYING:
        if price is not None:
            return _priced(b.people, b.fte, b.cost, price)
        return _paying(b.people, b.staff_cost)
    return b.people if line == "people" else b.total


def _paying(people: Decimal, staff_cost: Decimal | None) -> Decimal:
    """People money a year up to what the planned staff cost a year (None: no price)."""
    return people if staff_cost is None else min(people, staff_cost)


@functools.lru_cache(maxsize=16)
def _budgets_at(rev: Revision, top: str | None) -> dict[Path, Budgeted]:
    """The plans at ``rev`` in one top folder (None: the whole repository), each with what
    it is budgeted for."""
    from cs_align.repo import files_at

    found = {}
    paths = [
        path
        for folder in _folders(top or "")
        for path in files_at(rev.root, rev.commit, folder)
        if _is_yaml(path) and (top is None or _top(rev, path) == top)
    ]  # the root ("") holds its own files only
    # One read for them all; a link or a huge file at the base is no plan of it.
    for path, raw in rev.read_many(paths).items():
        budgeted = _budget_of(raw, path)
        if budgeted is not None:
            found[path] = budgeted
    return found


@functools.lru_cache(maxsize=64)
def _budget_of(raw: bytes | None, path: Path | None = None) -> Budgeted | None:
    """``_budgeted``, once a run for the same text at the same path: a plan main holds as
    it is, or as the start of the window compared over had it (``policy._over_window``),
    is the same plan read again."""
    return _budgeted(raw, path)


def _budgeted(raw: bytes | None, path: Path | None = None) -> Budgeted | None:
    """What a plan file is budgeted for (None when it is no plan naming an organisation)."""
    from cs_align.loader import parse_plan

    if raw is None:
        return None
    try:
        plan = parse_plan(decode(raw, "plan"), "plan").plan
    except (CsAlignError, ValueError):
        return None
    return Budgeted(
        organisation=name_key(plan.organisation),
        named=plan.organisation,
        currency=plan.currency,
        total=yearly(plan),
        people=yearly(plan, "people"),
        staff_cost=_staff_cost(plan),
        fte=planned_fte(plan),
        cost=plan.staffing.loaded_cost_per_fte,
        strategies=strategies_in(plan, path),
        work=work_of(plan, path),
        ceiling=plan.staffing.max_occupancy,
        promised=promised_work(plan, path),
        period=(plan.period.start, plan.period.end) if plan.period else None,
        hour_price=hour_price(plan),
    )


class Answered(NamedTuple):
    """A channel people answer to a target, as the work it gives them a week."""

    judge: str
    """The strategy that judges the channel's rules."""
    live: bool
    """Answered while the customer waits (voice, chat, messaging, in person)."""
    contacts: Fraction
    """Contacts a week people are staffed to answer (see ``promised_work``)."""
    hours: Fraction
    """Hours of handling a week they are staffed for."""
    channel: str = ""
    """Its id in the plan."""
    kind: str = ""
    """Its kind (voice, chat, in-person, email …)."""


def promised_work(plan: Plan, path: Path | None = None) -> tuple[Answered, ...]:
    """A plan's work people answer to a target, channel by channel: contacts and hours a
    week, each cut to the share its planned staff can answer (a channel's staff, or its
    share of a pooled team by hours of work, against the hours its contacts take). A line
    staffed for its work counts whole; a copy of it staffed with a tenth of a person for
    9,000 calls counts as the few it could answer (review attack37 A8)."""
    from cs_align.metrics import WEEKS_PER_YEAR
    from cs_align.plan import QUEUED_KINDS
    from cs_align.sizing import weekly_contacts

    judged = channel_strategies(plan, path)
    staffing = plan.staffing
    productive = exact(staffing.paid_hours_per_fte) * (1 - exact(staffing.shrinkage))
    per_fte = productive / WEEKS_PER_YEAR  # position-hours a week an FTE gives
    answered = [
        c for c in plan.channels if c.human and c.target is not None and not c.target.is_empty
    ]
    pooled = [c for c in plan.channels if c.human and c.agents is None]
    pool = (
        exact(staffing.agents)
        - sum((exact(c.agents) for c in plan.channels if c.agents is not None), _NONE)
        if staffing.agents is not None
        else _NONE
    )
    pooled_hours = sum(map(weekly_hours, pooled), _NONE)
    found = []
    for c in answered:
        work = weekly_hours(c)
        if c.agents is not None:
            fte = exact(c.agents)
        else:
            fte = max(pool, _NONE) * work / pooled_hours if pooled_hours else _NONE
        staffed = fte * per_fte  # hours on shift a week; `work` already shares them out
        share = min(Fraction(1), staffed / work) if work else Fraction(1)
        found.append(
            Answered(
                judge=judged[c.id],
                live=c.kind in QUEUED_KINDS,
                contacts=weekly_contacts(c) * share,
                hours=work * share,
                channel=c.id,
                kind=c.kind.value,
            )
        )
    return tuple(found)


def _reference(ref: str, path: Path | None) -> str:
    """A strategy reference as text to compare: an id, or the file it names as found from
    the folder of the plan at ``path`` (`./ours.yaml` and `ours.yaml` are one; the same
    words from another folder are another file; a path without a suffix, `s/ours`, is one
    too, as `check` reads it); a built-in's alias is the built-in."""
    from cs_align.binding import canonical
    from cs_align.strategy import is_reference_to_file

    if path is not None and is_reference_to_file(ref):
        return os.path.normpath(os.path.join(path.parent, ref))
    return canonical(ref)


def channel_strategies(
    plan: Plan, path: Path | None = None, ids: Collection[str] | None = None
) -> dict[str, str]:
    """Each channel id (of ``ids``, or all) → the strategy that judges it (its own in a
    mix's `by_channel`, else its segment's, else the primary), as text to compare (see
    ``_reference``)."""
    return {cid: judge[0] for cid, judge in channel_judges(plan, path, ids).items()}


def channel_judges(
    plan: Plan, path: Path | None = None, ids: Collection[str] | None = None
) -> dict[str, Judge]:
    """Each channel id (of ``ids``, or all) → who judges its work (see ``Judge``), as text
    to compare."""
    primary, segments, by_channel = _declared(plan)
    found = {}
    for c in plan.channels:
        if ids is not None and c.id not in ids:
            continue
        practices = segments.get(c.segment or "") or primary
        found[c.id] = (
            _reference(by_channel.get(c.id) or practices, path),
            _reference(practices, path),
            _reference(primary, path),
        )
    return found


def strategies_in(plan: Plan, path: Path | None = None) -> frozenset[str]:
    """Every strategy a plan puts anything under: the primary (the plan's practices), each
    segment's (its reps' practices) and each channel's. A plan that declares delight and
    puts every channel in a segment judged by fast-food is under both."""
    primary, segments, _ = _declared(plan)
    declared = {_reference(ref, path) for ref in (primary, *segments.values())}
    return frozenset(declared | set(channel_strategies(plan, path).values()))


def _declared(plan: Plan) -> tuple[str, dict[str, str], dict[str, str]]:
    """A plan's strategy references: its primary, each segment's, and each channel's own."""
    from cs_align.mix import segment_refs

    segments = {name: ref for name, (ref, _) in segment_refs(plan).items()}
    if isinstance(plan.strategy, Mix):
        return plan.strategy.primary, segments, plan.strategy.by_channel
    return plan.strategy, segments, {}


def work_of(plan: Plan, path: Path | None = None) -> tuple[tuple[Judge, Fraction], ...]:
    """A plan's people's work: (who judges it, hours of handling a week) for each channel
    people answer (not self-service, nor bots). Hours, not contacts, and of any kind: work
    that changes its kind or its handle time on the way is still work."""
    judged = channel_judges(plan, path)
    return tuple(
        (judged[c.id], weekly_hours(c))
        for c in plan.channels
        if c.human and c.handle_time is not None
    )


def weekly_hours(channel: Channel) -> Fraction:
    """Hours of handling a week a channel's contacts ask of people (none without a handle
    time): its contacts a week times the handle time, shared by the conversations one
    person holds at once."""
    from cs_align.sizing import weekly_contacts

    if channel.handle_time is None:
        return Fraction(0)
    return weekly_contacts(channel) * exact(channel.handle_time) / 3600 / channel.concurrency


def organisations_at(rev: Revision, near: Path | None = None) -> tuple[Key, ...]:
    """The organisations the plans name at ``rev``: anywhere in the repository, or in the
    top folder of the plan at ``near`` (the scope its strategies and budget are compared
    in: ``organisation_strategies``, ``organisation_budget``)."""
    top = None if near is None else _top(rev, absolute(near))
    return tuple(dict.fromkeys(b.organisation for b in _budgets_at(rev, top).values()))


def organisation_kinds(loaded: LoadedPlan, rev: Revision) -> frozenset[str] | None:
    """The kinds of the lines people answer to a target in the plans of ``loaded``'s top
    folder that name its organisation at ``rev`` (None: no plan there names it)."""
    placed = _placed_then(loaded, rev)
    if placed is None:
        return None
    keys, _, top = placed
    kinds = []
    for key in keys:  # several renamed into one name: a kind either lacked is new to it
        plans = [
            b for b in _budgets_at(rev, top).values() if same_organisation(b.organisation, key)
        ]
        if plans:
            kinds.append(frozenset(a.kind for b in plans for a in b.promised))
    return frozenset.intersection(*kinds) if kinds else None


def top_folder(rev: Revision, path: Path) -> str:
    """The top folder a plan lies in, as a reader finds it: "plans/", or the top's own."""
    said = [
        f"{t}/" if t else "the repository's top folder" for t in _folders(_top(rev, absolute(path)))
    ]
    return " and ".join(said)


def _placed(loaded: LoadedPlan, rev: Revision) -> tuple[Key, Path, str | None] | None:
    """This plan's organisation as compared, its file and its top folder (None: read from
    standard input, or no organisation named)."""
    name = loaded.doc.data.get("organisation") if isinstance(loaded.doc.data, dict) else None
    if not isinstance(name, str) or not name.strip() or loaded.path is None:
        return None
    here = absolute(loaded.path)
    return name_key(name), here, _top(rev, here)


def _placed_then(
    loaded: LoadedPlan, rev: Revision
) -> tuple[tuple[Key, ...], Path, str | None] | None:
    """``_placed``, with the organisation as its plans named it at ``rev``: where the change
    renamed it whole (see ``_known_as``), its old name, or each old name of those renamed
    into one. A new plan under the new name was judged as an organisation's no plan named
    at ``rev``: its new kinds, strategies and hour prices against nothing (review gate57)."""
    placed = _placed(loaded, rev)
    if placed is None:
        return None
    key, here, top = placed
    return tuple(k for k, _ in _known_as(key, here, rev)), here, top


def organisation_strategies(loaded: LoadedPlan, rev: Revision) -> tuple[str, ...]:
    """The strategies the plans in a new plan's top folder that name its organisation
    declare at ``rev`` (none when no plan named it): a plan added for an organisation is
    judged by a strategy of its own choosing, so choosing another is a change of policy
    (the halves of a plan split in two, each declaring a looser strategy)."""
    placed = _placed_then(loaded, rev)
    if placed is None:
        return ()
    keys, _, top = placed
    found = _budgets_at(rev, top).values()
    return tuple(
        sorted(
            {
                s
                for b in found
                if any(same_organisation(b.organisation, key) for key in keys)
                for s in b.strategies
            }
        )
    )


Period = tuple[dt.date, dt.date]
"""The days a plan is for, first and last."""


class Moves(NamedTuple):
    """Contacts a week that left lines (gone, or answering fewer) and that arrived on lines
    (new, or answering more), each with the hours a week people give them."""

    left: Fraction = Fraction(0)
    left_hours: Fraction = Fraction(0)
    arrived: Fraction = Fraction(0)
    arrived_hours: Fraction = Fraction(0)

    def __add__(self, other: object) -> Moves:
        assert isinstance(other, Moves)
        return Moves(
            left=self.left + other.left,
            left_hours=self.left_hours + other.left_hours,
            arrived=self.arrived + other.arrived,
            arrived_hours=self.arrived_hours + other.arrived_hours,
        )


Line = tuple[Hashable, str, bool]
"""A line as compared across a change: where it is (its plan at the trusted revision, and
its id), the strategy that judges it and whether it is answered live."""


def moves(
    before: dict[Line, tuple[Fraction, Fraction]], after: dict[Line, tuple[Fraction, Fraction]]
) -> dict[tuple[str, bool], Moves]:
    """By (judge, live): the contacts that moved between lines, from their (contacts, hours
    a week) at the trusted revision and now. A line that answers fewer sends the difference
    away at its time per contact there; one that answers more receives it at its time per
    contact now; a line as it was, however large, moves nothing, so a region the change
    leaves alone does not make a line moved at 30 s a call look like a small change of an
    average (review attack42 B06)."""
    found: dict[tuple[str, bool], Moves] = {}
    for line in before.keys() | after.keys():
        (had, hours), (has, hours_now) = (
            before.get(line, (Fraction(0),) * 2),
            after.get(line, (Fraction(0),) * 2),
        )
        way = line[1:]
        if has < had:
            step = Moves(left=had - has, left_hours=(had - has) * hours / had)
        elif has > had:
            step = Moves(arrived=has - had, arrived_hours=(has - had) * hours_now / has)
        else:
            continue
        found[way] = found.get(way, Moves()) + step
    return found


def lines_of(
    plans: Iterable[tuple[Hashable, Iterable[Answered], Fraction]],
) -> dict[Line, tuple[Fraction, Fraction]]:
    """(contacts, hours) a week by line (see ``Line``), over plans each given as (where it
    was at the trusted revision, its lines, its weight)."""
    found: dict[Line, tuple[Fraction, Fraction]] = {}
    for place, answered, weight in plans:
        for a in answered:
            line = ((place, a.channel), a.judge, a.live)
            contacts, hours = found.get(line, (Fraction(0), Fraction(0)))
            found[line] = (contacts + a.contacts * weight, hours + a.hours * weight)
    return found


class Beside(NamedTuple):
    """Another plan of an organisation, at the trusted revision and now (see ``beside``)."""

    then: Plan | None
    """At the trusted revision (None: the change adds it) ..."""
    now: Plan | None
    """... and now (None: the change deletes it)."""
    data: tuple[object, object]
    """Its documents' data, then and now (None where it has none)."""
    where: Path
    """Its path now (at the trusted revision, for a plan deleted)."""


def beside(loaded: LoadedPlan, rev: Revision, was: Path | None = None) -> tuple[Beside, ...]:
    """The other plans of this plan's organisation in its top folder that the change adds,
    edits or deletes, each at ``rev`` and now (``was``: this plan's path at ``rev``), found
    as ``promised_contacts`` finds them: a plan renamed is one plan, and a link to this one
    is this one. Lines moved between them are compared line by line (review attack43 C02:
    a line moved into another plan without its peak factor)."""
    from cs_align.loader import parse_plan

    placed = _placed(loaded, rev)
    if placed is None:
        return ()
    key, here, top = placed
    then, now = _budgets_at(rev, top), _now_in(rev, top)
    mine = {was or here, _real(here)}

    def base_of(path: Path) -> Path | None:
        return path if path in then else rev.renamed_from(path)

    def ours(b: Budgeted) -> bool:
        return same_organisation(b.organisation, key)

    pairs: list[tuple[Path | None, Path | None]] = [
        (base_of(p), p) for p, b in now.items() if ours(b)
    ]
    kept = {old for old, _ in pairs}
    pairs += [(p, None) for p, b in then.items() if ours(b) and p not in kept]
    pairs = [(old, new) for old, new in pairs if not {old, new, new and _real(new)} & mine]
    raws = rev.read_many([old for old, _ in pairs if old is not None])

    def read(raw: bytes | None) -> LoadedPlan | None:
        try:
            return parse_plan(decode(raw, "plan"), "plan") if raw is not None else None
        except (CsAlignError, ValueError):
            return None

    found = []
    for old, new in pairs:
        raw = (raws.get(old) if old is not None else None, _read_now(rev, new) if new else None)
        if raw[0] == raw[1]:
            continue  # left as it was: nothing moved there or from there
        before, after = read(raw[0]), read(raw[1])
        if before is None and after is None:
            continue
        where = new or old
        assert where is not None
        found.append(
            Beside(
                then=before.plan if before is not None else None,
                now=after.plan if after is not None else None,
                data=(
                    before.doc.data if before is not None else None,
                    after.doc.data if after is not None else None,
                ),
                where=where,
            )
        )
    return tuple(found)


class Promised(NamedTuple):
    """Contacts a week people answer to a target under one strategy, in the plans of an
    organisation in one top folder, on average over one window (see ``promised_contacts``)."""

    before: Fraction
    """At the trusted revision ..."""
    after: Fraction
    """... and now."""
    live_before: Fraction
    """Of them, answered live (voice, chat, messaging, in person) ..."""
    live_after: Fraction
    where: str
    """The plans compared, as a reader finds them: "Acme's plans in plans/ in 2027"."""
    hours: tuple[Fraction, Fraction] = (Fraction(0), Fraction(0))
    """Hours a week people give those contacts, at the trusted revision and now ..."""
    live_hours: tuple[Fraction, Fraction] = (Fraction(0), Fraction(0))
    """... and those they give the contacts answered live."""
    moved: tuple[Moves, Moves] = (Moves(), Moves())
    """The contacts that moved between lines, live and written (see ``moves``)."""
    kinds: tuple[dict[tuple[str, str], Fraction], ...] = ()
    """Contacts a week by strategy and kind of line, across the organisation's plans, at the
    trusted revision and now (review attack44 A10: a phone line's calls sent to a store in
    another plan)."""


def window_of(period: Period | None) -> Period | None:
    """The window a plan's contacts are compared over: the calendar years its period falls
    in (None: it states none). Whole years, so that work moved between the seasonal plans of
    a year is a move, not a cut (review attack38 F3), while a year whose phone line is gone
    is not made whole by next year's."""
    if period is None:
        return None
    return dt.date(period[0].year, 1, 1), dt.date(period[1].year, 12, 31)


def during(window: Period) -> str:
    """A window as a reader says it: "in 2027", "in 2027-2028" (whole years), else "from
    2027-01-01 to 2027-06-30"."""
    first, last = window
    if (first.month, first.day, last.month, last.day) != (1, 1, 12, 31):
        return f"from {first} to {last}"
    return f"in {first.year}" + (f"-{last.year}" if last.year != first.year else "")


def carried(was: Period | None, now: Period | None, today: dt.date | None = None) -> Period | None:
    """The period a plan covers now, as compared over a window its base period gave: the
    one it had when it states none now (a `period:` deleted moves no work into any window,
    review attack38 B1), and one moved back by as many days when the change moved it wholly
    past the one it had, once that one has begun (``today``): next year's plan carries this
    year's work on (a rollover), while a plan for a year still to come moved a year later
    leaves its year to no plan (review attack42 B04)."""
    if now is None or was is None or now[0] <= was[1] or not rolled(was, today, now[0]):
        return now or was
    moved = now[0] - was[0]
    return now[0] - moved, now[1] - moved


ROLLOVER_GAP = dt.timedelta(days=31)
"""How long after its base's period (or today, for a plan already over) a period may start
and still carry that plan on: a month's gap, as between a plan ending on a weekday and the
next one starting on the first of a month."""


def rolled(was: Period, today: dt.date | None, starts: dt.date | None = None) -> bool:
    """Whether a plan for ``was`` may be rolled over to a later period, one that ``starts``
    then: its period has begun on ``today`` (or no day is known), and the later one starts
    within ``ROLLOVER_GAP`` of its end (of today, where it is over). The running year's plan
    moved two years on skipped a year, which no plan then covered (review attack43 C06)."""
    if today is not None and today < was[0]:
        return False
    return starts is None or starts <= max(was[1], today or was[1]) + ROLLOVER_GAP


def covered(period: Period | None, window: Period | None) -> Fraction:
    """The share of ``window`` a plan's ``period`` covers. A plan that states no period
    covers none of a dated window, nor a dated plan any of an undated one: an undated copy
    of a plan, or a one-day stub in 2020, stands in for no year's work (review attack38
    B1); an organisation whose plans state no period compares them whole."""
    if period is None or window is None:
        return Fraction(period is None and window is None)
    first, last = max(period[0], window[0]), min(period[1], window[1])
    days = (window[1] - window[0]).days + 1
    return Fraction(max((last - first).days + 1, 0), days)


def weights(
    was: Period | None,
    now: Period | None,
    window: Period | None,
    today: dt.date,
    dated: Iterable[Period] = (),
) -> tuple[Fraction, Fraction]:
    """The shares of ``window`` a plan counts for at the base, where its period was ``was``,
    and now, where it is ``now`` (see ``covered``, ``carried``). A plan that stated none at
    the base and states one now was the plan in force from ``today`` until a dated plan of
    its organisation (``dated``: their periods at the base) took over, so it counts there
    for the days from today no dated plan covers (``in_force``): given a period years ahead
    it leaves the days between to no plan (review attack40 A12), while dated to this year
    beside next year's plan it keeps every day's plan, and next year's days were never its
    (attack42 F04). One the change makes end before ``today`` answers nobody now, as a
    deleted plan whose period is over (review attack38 B2: a period ended "yesterday", then
    the plan deleted as over)."""
    ended = now is not None and now[1] < today and (was is None or was[1] >= today)
    after = covered(carried(was, now, today), window)
    if was is None and now is not None and window is not None:
        before = _undated_share(window, now, today, dated)
    else:
        before = covered(was or now, window)
    return before, _NONE if ended else after


def _undated_share(
    window: Period, now: Period, today: dt.date, dated: Iterable[Period]
) -> Fraction:
    """The share of ``window`` an undated plan that states ``now`` answered for at the
    base: before ``today``, the days its period covers now (the past is no change); from
    today on, the days no dated plan covers."""
    past = min(window[1], today - dt.timedelta(days=1))
    past_days = (
        covered(now, (window[0], past)) * ((past - window[0]).days + 1) if past >= window[0] else 0
    )
    first = max(window[0], today)
    ahead = (window[1] - first).days + 1
    free = ahead * (1 - _union(dated, (first, window[1]))) if ahead > 0 else 0
    return Fraction(past_days + free, (window[1] - window[0]).days + 1)


IN_FORCE_DAYS = 365
"""How far from today the days an undated plan is in force are looked for."""


def in_force(today: dt.date, dated: Iterable[Period]) -> Period | None:
    """The days an undated plan answers for from ``today``: the first stretch within a year
    that no dated plan of its organisation covers (None: there is none)."""
    start, horizon = today, today + dt.timedelta(days=IN_FORCE_DAYS - 1)
    periods = sorted(dated)
    for first, last in periods:
        if first <= start <= last:
            start = last + dt.timedelta(days=1)
    if start > horizon:
        return None
    later = [first for first, _ in periods if first > start]
    end = min([horizon, *(first - dt.timedelta(days=1) for first in later)])
    return start, end


def dated_plans(rev: Revision, path: Path | None, organisation: str) -> tuple[Period, ...]:
    """The periods of the dated plans naming ``organisation`` at ``rev`` in the top folder
    of ``path``: the plans that take over from an undated one there."""
    if path is None or not organisation.strip():
        return ()
    key = name_key(organisation)
    return tuple(
        b.period
        for b in _budgets_at(rev, _top(rev, path)).values()
        if b.period is not None and same_organisation(b.organisation, key)
    )


def promised_contacts(
    loaded: LoadedPlan,
    rev: Revision,
    window: Period | None,
    today: dt.date,
    was: Path | None = None,
    was_named: Key | None = None,
) -> dict[str, Promised]:
    """By the strategy that judges a channel's rules: the contacts a week people answer to a
    target in the plans of this plan's organisation in its top folder, at ``rev`` and now, on
    average over one ``window`` (see ``window_of``), on ``today``; ``was`` is this plan's
    path at ``rev``. Each plan counts for the share of the window it covers (``weights``),
    at the base by the period it had and now by the one it carries on: last year's plan,
    next year's, a one-day copy of this one, or a plan whose period moved onto a year
    another covers answers none (or a 365th) of this year's calls, and a plan the change
    leaves alone counts the same on both sides (review attack37 A1, A10; attack38 B2, B9,
    F4). Contacts, not channel ids or file names: a line renamed, split, merged into
    another region's queue or moved into another plan of the organisation is still
    answered, and a token line under the old id, another plan's line of the same id, a
    renamed file or a link stands in for none of it (review attack36 H1, H2, H4, H6, M1,
    L2, L4, L5). A plan the change relabels from another organisation brings it none
    (attack37 A2). With ``was_named``, the organisation was renamed whole from that name
    (``renamed_whole``): its plans at ``rev`` are those naming it, and now those naming the
    new name, a plan the change adds under it too (review attack56 a: e-mail moved into a
    new plan of the renamed organisation read as "email is gone")."""
    placed = _placed(loaded, rev)
    if placed is None:
        return {}
    key, here, top = placed
    then, now = _budgets_at(rev, top), _now_in(rev, top)

    def base_of(path: Path) -> Path | None:
        """The plan at ``rev`` that ``path`` was: itself, the one git renamed to it, or (for
        this plan) ``was`` (review attack38 B8: relabelled and moved with `git mv`)."""
        if path == here and was is not None:
            return was
        return path if path in then else rev.renamed_from(path)

    became = {old: path for path in now if (old := base_of(path)) is not None}

    def ours(b: Budgeted) -> bool:
        return same_organisation(b.organisation, key)

    def ours_then(b: Budgeted) -> bool:
        return same_organisation(b.organisation, was_named or key)

    def adopted(path: Path) -> bool:
        old = base_of(path)
        return old in then and not ours_then(then[old])

    def was_for(path: Path) -> Period | None:
        old = base_of(path)
        return then[old].period if old in then else None

    def now_for(old: Path) -> Period | None:
        return now[became[old]].period if old in became else None

    dated = [b.period for b in then.values() if ours_then(b) and b.period is not None]
    before = _summed_contacts(
        (b, weights(b.period, now_for(p), window, today, dated)[0])
        for p, b in then.items()
        if ours_then(b)
    )
    after = _summed_contacts(
        (b, weights(was_for(p), b.period, window, today)[1])
        for p, b in now.items()
        if ours(b) and not adopted(p)
    )
    moved = moves(
        lines_of(
            (p, b.promised, weights(b.period, now_for(p), window, today)[0])
            for p, b in then.items()
            if ours_then(b)
        ),
        lines_of(
            (base_of(p) or p, b.promised, weights(was_for(p), b.period, window, today)[1])
            for p, b in now.items()
            if ours(b) and not adopted(p)
        ),
    )
    kinds = (
        by_kind(
            (b.promised, weights(b.period, now_for(p), window, today, dated)[0])
            for p, b in then.items()
            if ours_then(b)
        ),
        by_kind(
            (b.promised, weights(was_for(p), b.period, window, today)[1])
            for p, b in now.items()
            if ours(b) and not adopted(p)
        ),
    )
    where = f"{loaded.plan.organisation}'s plans in {top_folder(rev, here)}"
    where += f" {during(window)}" if window is not None else ""
    found = {}
    for judge, (had, live_had, hours, live_hours) in before.items():
        has, live_has, hours_now, live_hours_now = after.get(judge, (_NONE,) * 4)
        found[judge] = Promised(
            before=had,
            after=has,
            live_before=live_had,
            live_after=live_has,
            where=where,
            hours=(hours, hours_now),
            live_hours=(live_hours, live_hours_now),
            moved=(moved.get((judge, True), Moves()), moved.get((judge, False), Moves())),
            kinds=kinds,
        )
    return found


def by_kind(
    plans: Iterable[tuple[Iterable[Answered], Fraction]],
) -> dict[tuple[str, str], Fraction]:
    """Contacts a week people answer to a target by strategy and kind of line, each plan's
    lines (``promised_work``) times its weight."""
    totals: dict[tuple[str, str], Fraction] = {}
    for lines, weight in plans:
        for line in lines:
            key = (line.judge, line.kind)
            totals[key] = totals.get(key, _NONE) + line.contacts * weight
    return totals


def _summed_contacts(
    plans: Iterable[tuple[Budgeted, Fraction]],
) -> dict[str, tuple[Fraction, Fraction, Fraction, Fraction]]:
    """Contacts a week by judge, each plan's times its weight: all of them, and those
    answered live; then the hours a week people give them, all and live."""
    totals: dict[str, tuple[Fraction, Fraction, Fraction, Fraction]] = {}
    for b, weight in plans:
        for line in b.promised:
            every, live, hours, live_hours = totals.get(line.judge, (_NONE,) * 4)
            counted, spent = line.contacts * weight, line.hours * weight
            totals[line.judge] = (
                every + counted,
                live + (counted if line.live else _NONE),
                hours + spent,
                live_hours + (spent if line.live else _NONE),
            )
    return totals


class Lowered(NamedTuple):
    """Work people answer to a target that an organisation's plans held to lower occupancy
    ceilings lost in a change (see ``lower_ceilings_lost``)."""

    hours: Fraction
    """Hours of handling a week ..."""
    by_way: dict[str, Fraction]
    """... by the way they were answered (live or written, see ``hours_by_way``) ..."""
    had: dict[str, Fraction]
    """... of the hours those plans held of each way at the trusted revision."""
    ceilings: tuple[Decimal, ...]
    """The ceilings those plans held, lowest first."""
    plans: tuple[str, ...]
    """The plans that lost it, as displayed."""


def lower_ceilings_lost(
    loaded: LoadedPlan, rev: Revision, ceiling: Decimal, then: Path | None
) -> Lowered | None:
    """The hours a week of work people answer to a target that the other plans of this
    plan's organisation in its top folder held under an occupancy ceiling below
    ``ceiling`` at ``rev`` and no longer hold (None when they hold as many): where work
    moved into this plan was judged from (review attack34 B1). Work, not channel ids: a
    line renamed on its way (r35 F5), moved into an id the plan held as a bot (attack36
    H3), or leaving a token under its old id behind (H5) is still work that left; a plan
    only renamed lost nothing. ``then`` is this plan's path at ``rev`` (None: new)."""
    placed = _placed(loaded, rev)
    if placed is None:
        return None
    key, here, top = placed

    def lower(plans: dict[Path, Budgeted], mine: Path | None) -> dict[Path, Budgeted]:
        return {
            path: b
            for path, b in plans.items()
            if same_organisation(b.organisation, key)
            and b.ceiling < ceiling
            and (mine is None or _real(path) != _real(mine))
        }

    before, after = lower(_budgets_at(rev, top), then), lower(_now_in(rev, top), here)
    had, has = hours_by_way(before.values()), hours_by_way(after.values())
    by_way = {k: h - has.get(k, _NONE) for k, h in had.items() if h > has.get(k, _NONE)}
    if not by_way:
        return None
    kept = {_real(p): hours_by_way([b]) for p, b in after.items()}

    def lost(path: Path, b: Budgeted) -> bool:
        now = kept.get(_real(path), {})
        return any(h > now.get(k, _NONE) for k, h in hours_by_way([b]).items() if k in by_way)

    return Lowered(
        hours=sum(by_way.values(), _NONE),
        by_way=by_way,
        had=had,
        ceilings=tuple(sorted({b.ceiling for b in before.values()})),
        plans=tuple(display(p) for p, b in sorted(before.items()) if lost(p, b)),
    )


def hours_by_way(plans: Iterable[Budgeted | tuple[Answered, ...]]) -> dict[str, Fraction]:
    """Hours of work a week people answer to a target, live and written apart, over
    ``plans`` (each a plan, or its lines): a swap of equal hours of e-mail and phone
    between two plans moves the e-mail team all the same (review attack37 A3), and so does
    the e-mail team declared social on the way (attack38 B10)."""
    totals: dict[str, Fraction] = {}
    for plan in plans:
        for line in plan.promised if isinstance(plan, Budgeted) else plan:
            way = "live" if line.live else "written"
            totals[way] = totals.get(way, _NONE) + line.hours
    return totals


def hour_price(plan: Plan) -> Fraction | None:
    """The loaded cost of an FTE over the hours a year it gives contacts (paid hours less
    shrinkage); None without a cost. The budget rules price the staff by it."""
    staffing = plan.staffing
    if staffing.loaded_cost_per_fte is None:
        return None
    hours = exact(staffing.paid_hours_per_fte) * (1 - exact(staffing.shrinkage))
    return exact(staffing.loaded_cost_per_fte) / hours


def organisation_hour_prices(loaded: LoadedPlan, rev: Revision) -> dict[str, Fraction]:
    """By currency, the lowest price of an hour on contacts the plans in a new plan's top
    folder that name its organisation state at ``rev`` (empty when none does): staff moved
    into a new plan at a tenth of the cost would be priced by a figure nobody reviewed
    (review attack40 A04), and a new plan in a currency none of them prices in has nothing
    to be compared with (attack43 C10)."""
    placed = _placed_then(loaded, rev)
    if placed is None:
        return {}
    keys, _, top = placed
    prices: dict[str, Fraction] = {}
    for b in _budgets_at(rev, top).values():
        ours = any(same_organisation(b.organisation, key) for key in keys)
        if ours and b.hour_price is not None:
            prices[b.currency] = min(prices.get(b.currency, b.hour_price), b.hour_price)
    return prices


def organisation_ceiling(loaded: LoadedPlan, rev: Revision) -> Decimal | None:
    """The highest occupancy ceiling the plans in a new plan's top folder that name its
    organisation hold at ``rev`` (None when no plan names it): work split into a new plan
    with a higher ceiling of its own would be judged by a threshold nobody reviewed."""
    placed = _placed_then(loaded, rev)
    if placed is None:
        return None
    keys, _, top = placed
    found = _budgets_at(rev, top).values()
    highest = [  # several renamed into one name: the lower of their highest
        max(ceilings)
        for key in keys
        if (ceilings := [b.ceiling for b in found if same_organisation(b.organisation, key)])
    ]
    return min(highest) if highest else None


class Loss(NamedTuple):
    """People's work under one judge (see ``Judge``) that the change takes away (see
    ``losses``)."""

    judge: Judge
    before: Fraction
    """Hours of handling a week under it at the trusted revision ..."""
    after: Fraction
    """... and now (in the plan's top folder, or across the repository)."""
    plans: tuple[str, ...]
    """The plans at the trusted revision that lose it, as displayed."""


class Shift(NamedTuple):
    """Work a change moves from one judge to another (see ``shifts``)."""

    lost: Loss
    now: Judge
    """Who judges it in the plan that takes it on."""


def losses(loaded: LoadedPlan, rev: Revision) -> list[Loss]:
    """The judges (see ``Judge``) under which the plans of this plan's top folder (plans/,
    say), or of the whole repository, handle fewer hours of people's work a week than at
    ``rev``.
    Hours are contacts × handle time, of any kind: work that changes its kind, its handle
    time or its channel id on the way is still work, and a stub left behind still lost it.
    A plan split in two, each half keeping its strategies, loses nothing; nor does a
    channel people no longer answer (self-service, bots). Both counts are needed: a plan
    archived out of plans/ still handles its work across the repository."""
    if loaded.path is None:
        return []
    found: dict[Judge, Loss] = {}
    for scope in dict.fromkeys((_top(rev, absolute(loaded.path)), None)):
        then, now = _by_plan(rev, scope, at_base=True), _by_plan(rev, scope, at_base=False)
        before, after = _total(rev, scope, at_base=True), _total(rev, scope, at_base=False)
        for was, had in sorted(before.items()):
            left = after.get(was, _NONE)
            if left >= had or was in found:
                continue
            losers = tuple(
                display(p)
                for p, hours in then.items()
                if now.get(p, {}).get(was, _NONE) < hours.get(was, _NONE)
            )
            found[was] = Loss(judge=was, before=had, after=left, plans=losers)
    return list(found.values())


def shifts(loaded: LoadedPlan, rev: Revision, taken: Collection[str]) -> list[Shift]:
    """Work this plan takes on (its channels ``taken``: all of a plan new to the change or
    relabelled, else the ones it adds or turns into people's work) under one strategy while
    work under another is lost (``losses``) and work under this one grows: a channel split
    off a delight plan into a plan declaring fast-food, under whatever name, channel id,
    kind or top folder."""
    if loaded.path is None:
        return []
    here = absolute(loaded.path)
    judged = channel_judges(loaded.plan, here)
    arriving = {judged[c.id] for c in loaded.plan.channels if c.id in taken and c.human}
    grown = set()
    for scope in dict.fromkeys((_top(rev, here), None)):
        before, after = _total(rev, scope, at_base=True), _total(rev, scope, at_base=False)
        grown |= {s for s in arriving if after.get(s, _NONE) > before.get(s, _NONE)}
    lost = losses(loaded, rev) if grown else []
    return [
        Shift(lost=loss, now=to)
        for to in sorted(grown)
        for loss in lost
        if loss.judge != to and not _own(loss.judge, to)
    ]


def _own(was: Judge, now: Judge) -> bool:
    """Work whose channel and practices keep their strategy, and whose plan is now under
    that same strategy: the bankers of a fast-food plan's extraordinary-trust segment, split
    into a plan of their own under extraordinary-trust, are judged by it throughout (review
    attack19 H6), where a trust plan's work put in a fast-food plan is not (attack24 N2).
    A `by_channel` carve-out moved into a plan under its channel's strategy changes the
    strategy its reps' practices answer to, which may be looser or stricter (a fast-food
    carve-out of a trust plan, or a delight one of a fast-food plan): a reviewer tells
    which, once (review final25 M4)."""
    return was[:2] == now[:2] and now[2] == now[0]


@functools.lru_cache(maxsize=16)
def _by_plan(
    rev: Revision, scope: str | None, *, at_base: bool
) -> dict[Path, dict[Judge, Fraction]]:
    """Hours of people's work a week by judge, for each plan of a top folder (None: the
    whole repository), at ``rev`` or now: worked out once a run, however many plans ask."""
    plans = _budgets_at(rev, scope) if at_base else _now_in(rev, scope)
    return {path: _summed([b.work]) for path, b in sorted(plans.items())}


@functools.lru_cache(maxsize=16)
def _total(rev: Revision, scope: str | None, *, at_base: bool) -> dict[Judge, Fraction]:
    """Hours of people's work a week by judge across a top folder's plans (None: the
    whole repository's), at ``rev`` or now."""
    return _summed(hours.items() for hours in _by_plan(rev, scope, at_base=at_base).values())


def _summed(works: Iterable[Iterable[tuple[Judge, Fraction]]]) -> dict[Judge, Fraction]:
    """Hours a week by judge, added up over ``works`` (each a list of (judge, hours))."""
    totals: dict[Judge, Fraction] = {}
    for work in works:
        for judge, hours in work:
            totals[judge] = totals.get(judge, _NONE) + hours
    return totals


_NONE = Fraction(0)


@functools.lru_cache(maxsize=16)
def refused_at(rev: Revision, path: Path) -> bool:
    """Whether ``rev`` has at ``path`` a plan this release refuses (a period past ten years,
    a channel id twice: an older release read it). The base's totals cannot count it, so the
    change's do not either: counted now alone, the plan a change mends made its
    organisation look grown and hid a line cut from another of its plans (review attack47
    A13). The mended plan itself is judged as new (``policy._changes``)."""
    from cs_align.discovery import read_as_plan

    try:
        raw = rev.read(path, f"{rev.ref}:{display(path)}")
        if raw is None:
            return False
        data = load_text(decode(raw, "plan"), "plan").data
    except (CsAlignError, ValueError):
        return False
    if not isinstance(data, dict) or not read_as_plan(path, data):
        return False  # a note, a strategy or a config there: not a plan the base refuses
    return _budgeted(raw, path) is None


@functools.lru_cache(maxsize=16)
def _now_in(rev: Revision, top: str | None) -> dict[Path, Budgeted]:
    """The plans in a top folder (None: the whole repository) of the work tree: those at
    ``rev`` it still has, and those it adds (renamed ones among them), each read once a run;
    with ``rev.now_at``, those of that commit instead (review fix52g: whether the trusted
    branch itself was past a tolerance since the window's start read the organisation's
    other plans as the change has them)."""
    if rev.now_at:
        at = Revision(root=rev.root, commit=rev.now_at, ref=rev.ref)
        return _budgets_at(at._replace(gated=rev.gated, within=rev.within), top)
    base = _budgets_at(rev, top)
    paths = {p for p in base if p.exists()}
    # Added, edited or retyped: a link or a note at the base that the change turned into a
    # plan answers work now, and so counts (review final22).
    paths |= {p for p in _changed_yaml(rev) if top is None or _top(rev, p) == top}
    paths = {p for p in paths if p in base or not refused_at(rev, p)}
    found, read = {}, set()
    for path in sorted(paths):
        if (real := _real(path)) in read:
            continue  # a file counts once, however many links lead to it
        read.add(real)
        budgeted = _budget_of(_read_now(rev, path), path)
        if budgeted is not None:
            found[path] = budgeted
    return found


def work_inputs(
    loaded: LoadedPlan, rev: Revision, was: Path | None = None, judged_by: str | None = None
) -> str:
    """Every file the contacts people answer are counted from for ``loaded`` (see
    ``promised_contacts``; ``was``: its path at ``rev``): the plan at ``rev`` and now, and
    the plans of its top folder at ``rev`` and now, each by its path in the repository and
    a SHA-256 of its text, with the strategy given for the run (``judged_by``), which
    judges them all. What a note on those contacts is of, whatever day it is read on
    (see ``policy.change_id``)."""
    import hashlib

    def named(path: Path) -> str:
        return Path(rev.relative(path) or display(path)).as_posix()

    def digest(raw: bytes | None) -> str:
        return hashlib.sha256(raw).hexdigest() if raw is not None else "-"

    here = absolute(loaded.path) if loaded.path is not None else None
    placed = _placed(loaded, rev)
    top = placed[2] if placed is not None else None
    then = set(_budgets_at(rev, top)) if placed is not None else set()
    now = set(_now_in(rev, top)) if placed is not None else set()
    then |= {p for p in (was, here) if p is not None}
    now |= {here} if here is not None else set()
    raws = rev.read_many(sorted(then))
    at_base = sorted((named(p), digest(raws.get(p))) for p in then)
    at_head = sorted((named(p), digest(_read_now(rev, p))) for p in now)
    own = repr(loaded.doc.data) if here is None else ""  # read from standard input
    # A strategy file given for the run by its path from the repository's top, not where the
    # checkout lies (see ``policy.run_strategy``).
    if judged_by is not None and os.path.isabs(judged_by):
        judged_by = display(Path(judged_by))
    return repr((at_base, at_head, own, judged_by))


def yearly(plan: Plan, line: str = "total") -> Decimal:
    """A plan's budget total a year (its period's length in years; a plan without a period
    budgets a year): plans of one organisation for periods of different lengths add up as
    money a year, so five years' budget is not a year's. With ``line`` "people", its
    people money: the `people` line, else what its staff cost a year within the total (a
    budget without lines: all of it read as people money let a cut's money be parked in
    such a plan's total as a team moved, review attack42 B10). A plan that staffs no one
    (no FTE, or none on a channel people answer) has no people money, whatever its people
    line says: a line of no one's pay stood in for a team cut elsewhere (review attack43
    C04, a new plan of a help centre alone with a people line of the cut's 279,000)."""
    budget = plan.budget
    if line == "people" and not _staffed(plan):
        return Decimal(0)
    total = budget.total if budget and budget.total else Decimal(0)
    if budget is not None and line != "total" and budget.lines:
        total = budget.lines.get(line, Decimal(0))
    elif line != "total" and plan.staffing.agents and plan.staffing.loaded_cost_per_fte:
        staff = plan.staffing.agents * plan.staffing.loaded_cost_per_fte
        return min(yearly(plan), round_money(staff, minor(plan.currency)))
    years = plan.years
    if years == 1:
        return total
    return round_money(total * years.denominator / years.numerator, minor(plan.currency))


def paying_staff(plan: Plan) -> Decimal:
    """A plan's people money a year (``yearly``) up to what its planned FTE cost a year:
    the money that pays its staff. A people line above their cost trimmed to it cuts no one;
    a team cut lowers it whatever the line says."""
    return _paying(yearly(plan, "people"), _staff_cost(plan))


def paying_at(plan: Plan, price: Decimal) -> Decimal:
    """The staff a plan's people money a year pays for, priced at ``price`` an FTE a year:
    its planned FTE, up to what the people money buys at its own loaded cost per FTE
    (``price`` where it states none), times ``price``. Staff, not money: a loaded cost per
    FTE raised with the team cut and the people money kept paid for fewer people with the
    same money, and `paying_staff` held (review fix50g: 20.7 FTE at 62,000 cut to 11.6 at
    110,637, the people line of 1,283,400 kept, passed a 10% limit)."""
    return round_money(
        _priced(
            yearly(plan, "people"), planned_fte(plan), plan.staffing.loaded_cost_per_fte, price
        ),
        minor(plan.currency),
    )


def base_price(plan: Plan) -> Decimal | None:
    """What the trusted plan pays an FTE a year, which the gate prices the staff people
    money pays for at (``paying_at``): its loaded cost per FTE, or, where it states none,
    its people money a year over its planned FTE (None: it staffs no one). Unstated, the
    people money was compared as money: a team cut from 20.7 FTE to 11.6 with the people
    line kept at 1,283,400, and the targets loosened, passed a 10% limit, with or without a
    cost per FTE stated now (review attack50b B1); its 62,000 an FTE (1,283,400 / 20.7)
    prices the 11.6 at 719,200."""
    stated = plan.staffing.loaded_cost_per_fte
    if stated is not None:
        return stated
    fte, people = planned_fte(plan), yearly(plan, "people")
    return people / fte if fte > 0 and people > 0 else None


def _priced(people: Decimal, fte: Decimal, cost: Decimal | None, price: Decimal) -> Decimal:
    """``fte`` planned, up to what ``people`` buys at ``cost`` an FTE (``price`` without
    one), priced at ``price``."""
    return min(people * price / (cost or price), fte * price)


def planned_fte(plan: Plan) -> Decimal:
    """A plan's planned FTE that work its channels people answer (0 when it staffs no one,
    see ``_staffed``): the channels' own, up to the plan's in all; where a channel with work
    states none, the plan's in all, which the figures share among such channels. FTE beyond
    the channels' work no channel (`agents-on-channels`): a people line raised with them in
    `staffing.agents` alone funds no one who answers a contact (review fix50g: a sibling's
    people line +564,200 and 9.1 FTE added to its total, on no channel, stood in for a team
    of 9.1 cut from another plan of the organisation)."""
    if not _staffed(plan):
        return Decimal(0)
    human = [c for c in plan.channels if c.human]
    on = sum((_on_work(c, plan) for c in human), Decimal(0))
    total = plan.staffing.agents
    if total is None:
        return on
    if any(c.agents is None and c.volume is not None for c in human):
        return total
    return min(total, on)


IDLE_LINE = Fraction(1)
"""A line whose contacts keep fewer FTE than this busy at the occupancy ceiling is staffed
for its coverage, not its work (see ``_on_work``)."""


def _on_work(channel: Channel, plan: Plan) -> Decimal:
    """A channel's stated FTE as staff its work needs: on a line whose contacts keep less
    than ``IDLE_LINE`` FTE busy at the plan's occupancy ceiling, no more than those (to a
    tenth, rounded up). Staff that no work needs are no staff kept (review fix51g, after
    attack50b: 9.1 FTE cut from the phone line onto a new 24/7 chat of 10 contacts a month
    with a target of 95% in 10s, whose cover the sizing asks 6.9 FTE for, kept the people
    money and passed as a reallocation; its 10 chats of 6 minutes keep 0.003 FTE busy).
    Both sides of a comparison count so, so a line the base had idle is compared alike."""
    from cs_align.metrics import WEEKS_PER_YEAR

    agents = channel.agents or Decimal(0)
    if channel.volume is None or channel.handle_time is None or not agents:
        return agents
    staffing = plan.staffing
    productive = exact(staffing.paid_hours_per_fte) * (1 - exact(staffing.shrinkage))
    cap = exact(staffing.max_occupancy)
    if not productive or not cap:
        return agents
    busy = weekly_hours(channel) * WEEKS_PER_YEAR / productive / cap
    if busy >= IDLE_LINE:
        return agents
    tenths = -((-busy * 10).numerator // (busy * 10).denominator)  # rounded up
    return min(agents, Decimal(tenths) / 10)


def _staff_cost(plan: Plan) -> Decimal | None:
    """What a plan's planned FTE on channels people answer (see ``planned_fte``) cost a
    year (None: it states no loaded cost per FTE)."""
    cost = plan.staffing.loaded_cost_per_fte
    if cost is None:
        return None
    return round_money(planned_fte(plan) * cost, minor(plan.currency))


def _staffed(plan: Plan) -> bool:
    """Whether a plan plans any FTE (in all, else on its channels) for channels people answer."""
    if not any(channel.human for channel in plan.channels):
        return False
    if plan.staffing.agents is not None:
        return bool(plan.staffing.agents)
    return any(channel.agents for channel in plan.channels if channel.human)


def _read_now(rev: Revision, path: Path) -> bytes | None:
    """A work-tree file as it is now; None when it cannot be read, or when it resolves
    outside the repository (a link the change adds is never followed out of it)."""
    if not _inside(rev, path):
        return None
    try:
        return read_file(path)
    except (CsAlignError, OSError):
        return None


def _read_at_now(rev: Revision, path: Path) -> bytes | None:
    """A file as the commit ``rev.now_at`` has it; None when it has none there, or it is
    no file it can read (a link, a folder)."""
    try:
        return Revision(root=rev.root, commit=rev.now_at, ref=rev.ref).read(path, str(path))
    except CsAlignError:
        return None


def _real(path: Path) -> Path:
    """The file a path leads to (itself, when its links go round a loop)."""
    try:
        return resolved(path)
    except OSError:
        return path


def _inside(rev: Revision, path: Path) -> bool:
    try:
        return resolved(path).is_relative_to(resolved(rev.root))
    except OSError:  # a link loop resolves nowhere, so nowhere inside
        return False


def _is_yaml(path: Path) -> bool:
    """As the folder scan reads a name (`plans/.yaml` is one; its suffix is empty)."""
    from cs_align.discovery import SUFFIXES

    return path.name.lower().endswith(SUFFIXES)


def _top(rev: Revision, path: Path) -> str:
    """The repository's top folder a path lies in ("" for a file at the root); for a folder
    the run gates together with others (``Revision.gated``), all of them, as one scope
    (their names joined by NUL, which no path holds: see ``_folders``)."""
    relative = rev.relative(path) or ""
    top = relative.split("/", 1)[0] if "/" in relative else ""
    if not _gates(rev, top, relative):
        return _UNGATED + relative  # a scope of its own: no gated plan's
    return _GROUP.join(rev.gated) if top in rev.gated else top


_GROUP = "\0"
_GLOB = set("*?[")
_UNGATED = "\1"
"""Begins the scope of a plan the run does not gate in a top folder it gates in part."""


def _folders(top: str) -> tuple[str, ...]:
    """The top folders a scope of ``_top`` holds (none for a plan the run does not gate)."""
    return () if top.startswith(_UNGATED) else tuple(top.split(_GROUP))


def _gates(rev: Revision, top: str, relative: str) -> bool:
    """Whether the run gates the file at ``relative`` (in top folder ``top``): every file of
    a top folder it gates whole, and of one it gates in part (``Revision.within``), those
    its patterns match (review fix54g item 5, attack43 C08: the Action's `plans/*.yaml`
    left plans/parked/ ungated, yet a plan there counted as the organisation's, so 5 FTE
    and 2,800 calls moved from plans/acme.yaml into it read as a move, and the next change
    could delete it unjudged)."""
    patterns = [pattern for folder, pattern in rev.within if folder == top]
    return not patterns or any(_matches(pattern, relative) for pattern in patterns)


def _matches(pattern: str, relative: str) -> bool:
    """Whether a path from the repository's top matches a glob written from there, part by
    part as the shell (and ``discovery``) reads it: `*` within a part, `**` any parts."""

    def match(pats: tuple[str, ...], parts: tuple[str, ...]) -> bool:
        if not pats:
            return not parts
        if pats[0] == "**":
            return any(match(pats[1:], parts[i:]) for i in range(len(parts) + 1))
        return bool(parts) and fnmatch.fnmatchcase(parts[0], pats[0]) and match(pats[1:], parts[1:])

    return match(PurePosixPath(pattern).parts, PurePosixPath(relative).parts)


def gated_with(rev: Revision, paths: Iterable[str]) -> Revision:
    """``rev`` with the top folders of ``paths`` (what one run gates: check's plans, diff's
    --gated) counted together, when there are two or more. Plans in any of them are one
    organisation's scope: a line moved from plans/ to regions/, both gated, is no line gone
    (review attack45, G14's variant), while a folder the run does not gate (an archive)
    stays outside, so work moved there is still work gone. A file at the top, or a glob of
    the top's own files (`*.yaml`), stands for the files at the top alone, as it does for
    one folder; the top as a folder (`.`, or `**/*.yaml`), which a check walks down, for
    every top folder and the top's files: `check .` gated plans/ and regions/ apart, so a
    line moved between them was work gone and a plan new, where `check plans/ regions/`
    read a move (review fix50g). Standard input and paths outside the repository stand
    for none. A top folder the run reaches only through globs or inner folders (and plans
    named beside them) is gated as far as they reach (``Revision.within``, see ``_within``).
    """
    tops: set[str] = set()
    whole: set[str] = set()
    part: dict[str, list[str]] = {}
    for written in paths:
        if written == "-":
            continue
        parts = Path(written).parts
        fixed = list(itertools.takewhile(lambda part: not _GLOB & set(part), parts))
        relative = rev.relative(absolute(Path(*fixed) if fixed else Path(".")))
        if relative is None:
            continue
        inner = PurePosixPath(relative).parts
        rest = parts[len(fixed) :]
        folder = bool(rest) or (rev.root / relative).is_dir()
        if not inner and folder and (not rest or len(rest) > 1 or "**" in rest[0]):
            tops |= _every_top(rev)
            whole |= _every_top(rev) | {""}
        top = inner[0] if len(inner) > 1 or (inner and folder) else ""
        tops.add(top)
        pattern = PurePosixPath(*inner, *rest).as_posix() if inner or rest else ""
        if rest:
            part.setdefault(top, []).append(pattern)  # a glob: what it matches
        elif folder and len(inner) > 1:
            part.setdefault(top, []).append(f"{pattern}/**")  # a folder inside the top
        elif folder:
            whole.add(top)
        else:
            part.setdefault(top, []).append(pattern)  # a plan named
    return rev._replace(
        gated=tuple(sorted(tops)) if len(tops) > 1 else (),
        within=_within(part, whole),
    )


def _within(part: dict[str, list[str]], whole: set[str]) -> tuple[tuple[str, str], ...]:
    """``Revision.within`` from the patterns the run gives each top folder (``part``) and
    the top folders it gates whole: a top folder only plans named stand for is gated whole
    as well (a reviewer's `check plans/acme.yaml` reads a line moved to plans/beta.yaml as a
    move), one a glob or an inner folder narrows is gated as far as they reach, with the
    plans named beside them."""
    found = []
    for top, patterns in sorted(part.items()):
        if top in whole or not any(_GLOB & set(p) or p.endswith("/**") for p in patterns):
            continue
        found += [(top, pattern) for pattern in dict.fromkeys(patterns)]
    return tuple(found)


def _every_top(rev: Revision) -> set[str]:
    """The top folders of the repository: those of its files at ``rev`` and of those the
    working tree adds."""
    from cs_align.repo import changed, files_at

    found = set()
    for path in (*files_at(rev.root, rev.commit, ""), *changed(rev.root, rev.commit)):
        relative = rev.relative(path) or ""
        if "/" in relative:
            found.add(relative.split("/", 1)[0])
    return found


@functools.lru_cache(maxsize=16)
def _changed_yaml(rev: Revision) -> tuple[Path, ...]:
    """YAML files the work tree adds, edits or changes the type of since ``rev``."""
    from cs_align.repo import changed

    return tuple(p for p in changed(rev.root, rev.commit, "AMT") if _is_yaml(p))


def _added_plans(rev: Revision) -> list[Path]:
    from cs_align.repo import changed

    return [p for p in changed(rev.root, rev.commit, "A") if _is_yaml(p)]


def _named(rev: Revision, path: Path) -> Key | None:
    """The organisation a working-tree plan names (None when it names none or is no plan)."""
    return _organisation_in(_read_now(rev, path), display(path))


def _organisation(rev: Revision, path: Path) -> Key | None:
    """The organisation a plan names at ``rev``."""
    name = f"{rev.ref}:{display(path)}"
    try:
        raw = rev.read(path, name)
    except CsAlignError:
        return None
    return _organisation_in(raw, name)


def _organisation_in(raw: bytes | None, name: str) -> Key | None:
    if raw is None:
        return None
    try:
        data = load_text(decode(raw, name), name).data
    except CsAlignError:
        return None
    found = data.get("organisation") if isinstance(data, dict) else None
    return name_key(found) if isinstance(found, str) else None  # as compared
