"""`diff`: a proposal against its base (a file, or the plan at a git revision), gated by
guardrails, rendered in every format asked for; one exit code out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.commands.common import (
    access_for,
    may_write,
    mendable,
    options_from,
    parse_formats,
    settled,
    timed,
    trusted_tree,
    write_outputs,
)
from cs_align.config import Settings, fail_level, resolve
from cs_align.discovery import read_as_plan, refuse_linked, stay_inside
from cs_align.engine import assess, judge
from cs_align.errors import CsAlignError, PlanError, Problem, StrategyError, usage
from cs_align.output import emit, say
from cs_align.repo import (
    DEFAULT_ACCESS,
    Access,
    GitError,
    Reviewed,
    Revision,
    absolute,
    display,
    git_root,
    refuse_converted,
    refuse_folded,
    resolved,
    revision,
)
from cs_align.reporters import Results, reporter

if TYPE_CHECKING:
    from cs_align.config import Limit
    from cs_align.diff import PlanDiff, Tripped
    from cs_align.engine import CheckOptions
    from cs_align.findings import Report
    from cs_align.loader import LoadedPlan
    from cs_align.organisations import Totals, YearSpend
    from cs_align.plan import Channel, Plan


def run(
    base: str | None,
    plan: str | None,
    *,
    base_ref: str | None,
    fmt: list[str] | None,
    output: Path | None,
    fail_on: str | None,
    strategy: str | None,
    ignore_waivers: bool,
    waivers: list[str] | None,
    max_budget_increase: str | None,
    max_budget_decrease: str | None,
    max_total: str | None,
    no_verdict_regression: bool,
    no_new_errors: bool,
    config: str | None,
    show_config: bool,
    policy_ref: str | None,
    allow_policy_change: bool,
    approve_policy_change: list[str] | None,
    allow_outside: bool,
    gated: list[str] | None = None,
) -> int:
    """`cs-align diff`: the proposal judged by its settings, the base by the trusted ones."""
    ref = policy_ref or base_ref
    scope = [p for p in (base, plan) if p is not None] + (gated or [])
    access = access_for(ref, allow_policy_change, allow_outside, approve_policy_change, scope)
    flags = {
        "format": fmt,
        "fail_on": fail_on,
        "strategy": strategy,
        "ignore_waivers": ignore_waivers,
        "waivers": waivers,
        "max_budget_increase": _limit("--max-budget-increase", max_budget_increase),
        "max_budget_decrease": _limit("--max-budget-decrease", max_budget_decrease),
        "max_total": _limit("--max-total", max_total, cap=True),
        "no_verdict_regression": "block" if no_verdict_regression else None,
        "no_new_errors": "block" if no_new_errors else None,
    }
    with settled(fmt, output, [p for p in (base, plan) if p is not None], access):
        settings = resolve(flags, config, tree=access.tree, allow_outside=allow_outside)
    if show_config and plan is None and base is None:
        emit(settings.shown(output))
        return 0
    if show_config:  # the settings to the log, and the plans still judged (as in `check`)
        say(settings.describe().rstrip("\n"))
    if plan is None and base is not None and base_ref is not None:
        base, plan = None, base
    if plan is None:
        raise usage(
            "diff names no proposed plan",
            "write `cs-align diff base.yaml plan.yaml` "
            "or `cs-align diff --base-ref main plan.yaml`",
        )
    # The base is judged by the trusted config even when the proposal's was accepted;
    # unless that one is unusable, and the change that mends it was accepted.
    with settled(fmt, output, [plan, *([base] if base else [])], access):
        try:
            trusted = resolve(
                flags,
                config,
                env=_obeyed(settings, access),
                tree=trusted_tree(access),
                allow_outside=allow_outside,
            )
        except (PlanError, StrategyError):
            if not (isinstance(access.tree, Reviewed) and access.tree.accept):
                raise
            trusted = settings  # review attack32 F2: no change could mend the base
    return run_diff(base, plan, base_ref, settings, output, access, trusted)


def _obeyed(settings: Settings, access: Access) -> dict[str, str]:
    """The environment the base is judged in: without the variables the proposal's run did
    not obey (a CS_ALIGN_STRATEGY that loosens the trusted policy judged the base by it and
    the proposal by the trusted one)."""
    if isinstance(access.tree, Reviewed) and access.tree.accept:
        return dict(os.environ)
    dropped = {name for name, _ in settings.overridden}
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _limit(flag: str, value: str | None, cap: bool = False) -> object:
    from cs_align.config import parse_cap, parse_limit
    from cs_align.units import parse_option

    return parse_option(flag, parse_cap if cap else parse_limit, value)


def _reviewed_from(plan: Path) -> Path:
    """Where --base-ref is resolved: the repository the command runs in when the plan lies
    inside it, as for --policy-ref (a plan in a submodule or nested checkout is new to it,
    never judged by the history of a repository the change brought along); otherwise the
    repository holding the plan."""
    here = git_root(resolved(Path.cwd()))
    inside = here is not None and (
        absolute(plan).is_relative_to(here) or resolved(plan).is_relative_to(here)
    )
    return Path.cwd() if inside else plan.parent


def _plan_at(rev: Revision, path: Path) -> bytes | None:
    """The file at ``rev``; None when it is not there, or was no plan there (a strategy,
    waiver or config file the change makes a plan: the plan is new, as `check` judges it;
    review attack41 F04). A file YAML cannot read is a plan there, refused as before."""
    from cs_align.yamlsafe import decode, load_text

    name = f"{rev.ref}:{display(path, rev.root)}"
    raw = rev.read(path, name)
    if raw is None:
        return None
    try:
        data = load_text(decode(raw, name), name).data
    except CsAlignError:
        return raw
    return raw if read_as_plan(path, data) else None


def at_revision(rev: Revision, plan: str, new: LoadedPlan | None = None) -> LoadedPlan | None:
    """The plan as it was at ``rev`` (None when it did not exist there), found under its
    old name when the change moved it (see cs_align.organisations.moved_from; ``new`` is the plan
    as the working tree has it). It keeps its working-tree path, so the files it names
    are looked up beside it, at ``rev``."""
    from cs_align.loader import parse_plan
    from cs_align.organisations import moved_from
    from cs_align.yamlsafe import decode

    path = Path(plan)
    try:
        raw = _plan_at(rev, path)
        if raw is None and new is not None and (old := moved_from(new, rev)) is not None:
            path, raw = old, _plan_at(rev, old)
    except GitError as exc:
        raise usage(f"--base-ref {rev.ref}: cannot read {plan} ({exc})", "check the ref") from None
    name = f"{rev.ref}:{display(path, rev.root)}"
    return None if raw is None else parse_plan(decode(raw, name), name, path)


def _base_or_none(
    rev: Revision, plan: str, new: LoadedPlan | None, access: Access
) -> LoadedPlan | None:
    """The plan at ``rev`` (``at_revision``); under review, a plan the base holds but this
    release cannot read (a duplicate key, a field refused) is None, judged as new as `check`
    judges it: the proposal's policy-changed finding says so and fails the diff until a
    reviewer accepts or approves it. It was exit 2 whatever the reviewer said, so a plan
    broken at main could not be mended through the Action, even with allow-policy-change
    (review attack59, gate59)."""
    try:
        return at_revision(rev, plan, new)
    except PlanError as exc:
        at_base = all(p.file.startswith(f"{rev.ref}:") for p in exc.problems)
        if new is None or not at_base or not isinstance(access.tree, Reviewed):
            raise
        return None


def run_diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    output: Path | None,
    access: Access = DEFAULT_ACCESS,
    base_settings: Settings | None = None,
) -> int:
    """``settings`` judge the proposal; ``base_settings`` (the config as the trusted
    revision has it, when the proposal's own was accepted) judge the base."""
    level = fail_level(settings)
    if (base is None) == (base_ref is None):
        raise usage(
            "diff needs a base: a BASE file or --base-ref, not both",
            "write `cs-align diff base.yaml plan.yaml` or "
            "`cs-align diff --base-ref origin/main plan.yaml`",
        )
    if base == "-" and plan == "-":  # standard input is read once (review user19 U8)
        raise usage(
            "BASE and PLAN cannot both be - (standard input)",
            "give one of them as a file: `cs-align diff base.yaml -`",
        )
    targets = parse_formats(settings["format"], output, settings.sources.get("format", ""))
    protect = {resolved(Path(plan)), *([resolved(Path(base))] if base else [])}
    may_write(targets, protect)
    try:
        diff = _timed_diff(base, plan, base_ref, settings, access, base_settings)
    except (PlanError, StrategyError) as exc:
        # Unusable input still reaches every format a CI run reads, then exits 2.
        mendable(exc, access)
        results = Results(reports=(), problems=exc.problems, fail_on=level)
        write_outputs(targets, {n: _unusable(n, results) for n, _ in targets}, protect)
        raise
    write_outputs(targets, {n: reporter(n).render_diff(diff, level) for n, _ in targets}, protect)
    return 1 if diff.fails(level) else 0


def _unusable(name: str, results: Results) -> str:
    """Unusable input in format ``name``: JUnit's root named `cs-align diff`, as the
    document a judged diff writes."""
    if name == "junit":
        from cs_align.reporters.junit import render_unusable

        return render_unusable(results, "cs-align diff")
    return reporter(name).render(results)


def _timed_diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    access: Access,
    base_settings: Settings | None,
) -> PlanDiff:
    """The diff, within the time two plans may take (a runaway plan is unusable input)."""
    with timed(plan, plans=2):
        return _diff(base, plan, base_ref, settings, access, base_settings)


def _diff(
    base: str | None,
    plan: str,
    base_ref: str | None,
    settings: Settings,
    access: Access,
    base_settings: Settings | None,
) -> PlanDiff:
    from cs_align.diff import compare
    from cs_align.loader import load_plan

    options = options_from(settings, access)
    trusted = access._replace(tree=trusted_tree(access))
    plain = options_from(base_settings or settings, trusted)
    exists = plan == "-" or Path(plan).exists() or base_ref is None
    if base_ref is not None:
        rev = revision(base_ref, _reviewed_from(Path(plan)))
        if isinstance(access.tree, Reviewed) and access.tree.trusted.root == rev.root:
            gate = access.tree.trusted  # as the policy is read
            rev = rev._replace(gated=gate.gated, within=gate.within)
        if not exists and (carrier := _carried(rev, plan)) is not None:
            plan, exists = str(carrier), True  # moved: judged as the plan that carries it on
    if exists and plan != "-":
        stay_inside(plan, access.allow_outside)  # as `check` has its plans
    if plan != "-" and (base_ref is not None or isinstance(access.tree, Reviewed)):
        refuse_linked(plan)  # git has it where the link leads (see linked_on_the_way)
        if exists:
            refuse_converted([Path(plan)])  # on disk it is not what the change commits
            refuse_folded(Path(plan))  # nor is a name a case-insensitive disk folded
    new = load_plan(plan) if exists else None
    if base_ref is not None:
        old = _base_or_none(rev, plan, new, access)
        base_options = dataclasses.replace(plain, access=plain.access._replace(tree=rev))
        before = assess(old, base_options) if old else None
    else:
        if str(base) != "-":
            stay_inside(str(base), access.allow_outside)
        old = load_plan(str(base))
        before = assess(old, plain)
    if old is None and new is None:  # a plan's error, so a CI run's JSON still says it
        where = display(Path(plan)) if plan != "-" else "-"
        message = f"exists neither at {base_ref} nor in the working tree"
        problem = Problem(file=where, line=0, column=0, message=message, fix="check the path")
        raise PlanError([problem])
    after = judge(new, options) if new is not None else None
    name = display(Path(plan)) if plan != "-" else "-"
    replaces: tuple[str, ...] = ()
    grown = capped = None
    if base_ref is not None and old is None and new is not None:  # new at the base
        from cs_align.organisations import replaced

        replaces, grown = replaced(new, rev), _organisation_grows(new, rev, settings)
        capped = _capped_elsewhere(new, rev, settings)
    shrunk = None
    if base_ref is not None and old is not None and new is not None:
        from cs_align.organisations import yearly

        if _relabelled(old, new):
            from cs_align.engine import day

            # Its money leaves one organisation and joins another: both judged as wholes.
            grown = _organisation_grows(new, rev, settings)
            shrunk = _left(old, new, rev, settings) or _left_over_window(
                (old, new), plan, rev, settings, day(options)
            )
        elif not (old.plan.budget and old.plan.budget.total):
            # No budget at the base: a % limit measures it with its organisation's plans.
            grown = _organisation_grows(new, rev, settings)
        cap = settings["max_total"]
        alone = cap is not None and yearly(new.plan) > cap.value  # its own figure trips it
        grows = yearly(new.plan) > yearly(old.plan) or new.plan.period != old.plan.period
        if (grows or _relabelled(old, new)) and not alone:
            # A second plan added under the cap, then grown, or moved onto another plan's
            # year: the cap is the organisation's a year, whichever of its plans grows
            # (review attack41 B05, attack42 B08). A plan relabelled joins its new
            # organisation's plans as a new one does: two plans that traded places, one
            # grown, took Example's plans past a 1,900,000 cap unjudged (review attack54).
            capped = _capped_elsewhere(new, rev, settings)
    from cs_align.engine import day

    found = compare((old, before), (new, after), name, settings, replaces, day(options))
    if old is not None and new is not None and old.plan.currency == new.plan.currency:
        found = _people_cut(found, old, new, settings)
    if old is not None and new is None and isinstance(access.tree, Reviewed):
        from cs_align.diff import FindingChange
        from cs_align.policy import deleted

        if (gone := deleted(old, access.tree, day(options), options.strategy)) is not None:
            found = dataclasses.replace(
                found, findings=(FindingChange(status="new", finding=gone), *found.findings)
            )
    if base_ref is not None and old is not None and shrunk is None:
        found = _kept(found, (old, new), rev, settings, day(options))
        if new is not None and not _relabelled(old, new):
            found = _kept(found, (old, new), rev, settings, day(options), "max_budget_increase")
    if base_ref is not None and old is not None and new is not None and shrunk is None:
        found = _over_window(found, (old, new), plan, rev, settings, (plain, options))
    more = tuple(t for t in (grown, capped, shrunk) if t is not None)
    return dataclasses.replace(found, tripped=(*found.tripped, *more)) if more else found


def _over_window(
    found: PlanDiff,
    sides: tuple[LoadedPlan, LoadedPlan],
    plan: str,
    rev: Revision,
    settings: Settings,
    judged: tuple[CheckOptions, CheckOptions],
) -> PlanDiff:
    """The decrease limit held over the window, not one change (the ratchet, review attack40
    A11 / attack45 G20: the people money cut 9% a pull request against a 10% limit passed
    each time and ended anywhere). A change that lowers the plan's total or the money that
    pays its staff is also compared with the plan as the trusted branch had it at the start
    of the window (``policy.ANCHOR_DAYS`` before the trusted commit, on its first-parent
    history; where the branch is younger, or the plan new in the window, the first commit
    that has it), found under its old name where it was renamed or moved since
    (``at_revision``); the organisation's plans are judged together as at the base
    (``_kept``). The larger cumulative decrease is what the limit judges: where the change
    alone passes and the window does not, the limit trips, naming both figures and the
    commit and day the window starts at; where both trip, the change's own message says the
    window's after it. A change that lowers neither is judged as before (a plan left alone,
    or given money back, is not blocked by a cut main already took), and so is one whose plan
    the window saw unchanged (today's words alone)."""
    from cs_align.diff import Tripped
    from cs_align.engine import assess, day
    from cs_align.organisations import yearly
    from cs_align.policy import ANCHOR_DAYS
    from cs_align.repo import anchor_of, window_start

    old, new = sides
    limit: Limit | None = settings["max_budget_decrease"]
    if limit is None:
        return found
    alone_tripped = [t for t in found.tripped if t.guardrail == "max_budget_decrease"]
    if old.plan.currency != new.plan.currency or _relabelled(old, new):
        return found
    total = (yearly(old.plan), yearly(new.plan))
    people = (_paying(old.plan), _paying_now(old, new))
    if total[1] >= total[0] and people[1] >= people[0]:
        return found  # this change lowers neither: nothing of the window is its doing
    start = window_start(rev, ANCHOR_DAYS)
    early = at_revision(start, plan, new) if start is not None else None
    if early is None:
        relative = rev.relative(old.path) if old.path is not None else None
        start = anchor_of(rev, relative, ANCHOR_DAYS) if relative else None
        early = at_revision(start, plan, new) if start is not None else None
    if start is None or early is None or start.commit == rev.commit:
        return found
    if early.plan.currency != new.plan.currency or _relabelled(early, new):
        # Budgeted in another currency, or another organisation's, at the window's start:
        # the window starts where the plan first was what it is now (review attack51b: one
        # approved switch of currency left every cut after it judged alone).
        relative = rev.relative(old.path) if old.path is not None else None
        alike = _since_alike(rev, relative, plan, new) if relative else None
        if alike is None or alike[0].commit == rev.commit:
            return found
        start, early = alike
    if early.doc.data == old.doc.data:
        return found  # nothing earlier in the window moved: the change alone is the window
    plain, options = judged
    name = display(Path(plan)) if plan != "-" else "-"
    window = (name, settings, plain, day(options))
    tripped = _window_tripped((start, early), (new, found.plan), window)
    if tripped:
        # Main itself past the limit since the window's start: a cut it took within the
        # window, which the gate let onto the trusted branch only approved. What main
        # approved is the baseline for what came before it (review attack51b F5: judged
        # from the first day, every later change, however small, tripped for 92 days).
        # Main's plan is compared with the organisation's other plans as main has them, not
        # as the change does (review fix52g, left: a sibling the change cut made main's own
        # move read past the limit, as approved, and the window stood down).
        at_rev = dataclasses.replace(plain, access=plain.access._replace(tree=rev))
        trusted = (old, assess(old, at_rev))
        if _window_tripped((start._replace(now_at=rev.commit), early), trusted, window):
            relative = rev.relative(old.path) if old.path is not None else None
            approved = _since_approved(rev, relative, plan, trusted, window) if relative else None
            if approved is None or approved[1].doc.data == old.doc.data:
                return found  # main's approved plan itself: the change alone is the window
            start, early = approved
            tripped = _window_tripped((start, early), (new, found.plan), window)
    if not tripped:
        return found
    since = f"{start.ref} ({start.commit[:12]})"
    if alone_tripped:
        # The change alone trips: its words stand, the window's figure said after them.
        first = alone_tripped[0]
        over = f"; over the {ANCHOR_DAYS} days since {since}: {tripped[0].message}"
        said_too = dataclasses.replace(first, message=first.message + over)
        kept = tuple(said_too if t is first else t for t in found.tripped)
        return dataclasses.replace(found, tripped=kept)
    alone = (
        f"against {rev.ref} this change alone lowers the total a year by "
        f"{_fell(*total)} and the money that pays the staff by {_fell(*people)}"
    )
    said = Tripped(
        guardrail="max_budget_decrease",
        action=tripped[0].action,
        message=f"over the {ANCHOR_DAYS} days since {since}, the window this limit holds "
        f"over: {tripped[0].message}; {alone}",
    )
    return dataclasses.replace(found, tripped=(*found.tripped, said))


def _window_tripped(
    since: tuple[Revision, LoadedPlan],
    later: tuple[LoadedPlan, Report],
    window: tuple[str, Settings, CheckOptions, dt.date],
) -> list[Tripped]:
    """What the decrease limit says of the plan ``later`` (with its report) against the plan
    as it was at ``since`` (a commit and the plan there), the organisation's plans judged
    together (``_kept``, ``_organisation_fell``); ``window``: the plan's name, the run's
    settings, the options the trusted side is judged with and the day."""
    from cs_align.diff import compare

    start, early = since
    name, settings, plain, today = window
    limit: Limit | None = settings["max_budget_decrease"]
    at_start = dataclasses.replace(plain, access=plain.access._replace(tree=start))
    then = compare((early, assess(early, at_start)), later, name, settings, (), today)
    then = _people_cut(then, early, later[0], settings)
    then = _kept(then, (early, later[0]), start, settings, today)
    tripped = [t for t in then.tripped if t.guardrail == "max_budget_decrease"]
    if not tripped and limit is not None:
        tripped = _organisation_fell((early, later[0]), start, limit, today)
    return tripped


def _since_approved(
    rev: Revision,
    relative: str,
    plan: str,
    trusted: tuple[LoadedPlan, Report],
    window: tuple[str, Settings, CheckOptions, dt.date],
) -> tuple[Revision, LoadedPlan] | None:
    """Where the window starts after a cut main took past the limit within it: the first
    commit in it that changed the plan (in its currency and organisation now) from which
    the trusted plan (``trusted``), with the organisation's other plans as ``rev`` has them,
    stays within the limit, the approved cut's or a later one's, with the plan as it was
    there (None: none before the trusted commit)."""
    from cs_align.policy import ANCHOR_DAYS
    from cs_align.repo import changes_of

    old = trusted[0]
    for start in changes_of(rev, relative, ANCHOR_DAYS):
        if start.commit == rev.commit:
            return None
        early = at_revision(start, plan, old)
        if early is None or early.plan.currency != old.plan.currency or _relabelled(early, old):
            continue
        if not _window_tripped((start._replace(now_at=rev.commit), early), trusted, window):
            return start, early
    return None


def _organisation_fell(
    sides: tuple[LoadedPlan, LoadedPlan], start: Revision, limit: Limit, today: dt.date
) -> list[Tripped]:
    """The decrease limit over the window judged on the organisation's plans in the plan's
    top folder, as they were at the window's start and are now (review attack51b: a sibling
    plan merged into this one within the window made the plan's own start too small to
    judge by, so its people money cut 6.35% and 5.93% of the whole passed while the
    organisation's fell 11.9%). The total, then the money that pays the staff (priced at
    the start's cost per FTE, as ``_kept`` prices it); [] where both are within it."""
    from cs_align.diff import Tripped, base_window
    from cs_align.organisations import PAYING, base_price, organisation_kept
    from cs_align.units import fmt_money, fmt_percent, minor, round_down

    early, new = sides
    window = base_window(early.plan, new.plan, today)
    price = base_price(early.plan)
    said = {"total": "the total a year", PAYING: "the money that pays their staff a year"}
    for line, what in said.items():
        totals = organisation_kept(early, new, start, line, window, price)
        if totals is None or totals.unlike or not totals.before:
            continue
        allowed = _a_year(limit, totals.before, early)
        if totals.before - totals.after <= allowed:
            continue
        money = new.plan.currency
        message = (
            f"{early.plan.organisation}'s plans in this plan's folder, together: {what} falls "
            f"from {fmt_money(totals.before, money)} to {fmt_money(totals.after, money)} "
            f"(-{_fell(totals.before, totals.after, limit)}): the limit of "
            f"{fmt_money(round_down(allowed, minor(money)), money)}"
            + (f" ({fmt_percent(limit.value)})" if limit.share else _over(limit, early, money))
            + " judges the organisation's plans together; keep the money, or have the cut "
            "approved"
        )
        return [Tripped(guardrail="max_budget_decrease", action=limit.action, message=message)]
    return []


def _since_alike(
    rev: Revision, relative: str, plan: str, new: LoadedPlan
) -> tuple[Revision, LoadedPlan] | None:
    """The first commit within the window that changed the plan and has it in ``new``'s
    currency and organisation, with the plan as it was there (None: none has)."""
    from cs_align.policy import ANCHOR_DAYS
    from cs_align.repo import changes_of

    for start in changes_of(rev, relative, ANCHOR_DAYS):
        early = at_revision(start, plan, new)
        alike = early is not None and early.plan.currency == new.plan.currency
        if early is not None and alike and not _relabelled(early, new):
            return start, early
    return None


def _paying(plan: Plan) -> Decimal:
    from cs_align.organisations import paying_staff

    return paying_staff(plan)


def _fell(before: Decimal, after: Decimal, limit: Limit | None = None) -> str:
    """How far a figure fell, as a share: "9.00%" ("0%" where it did not); beside a ``limit``
    in %, with the digits that tell it over (a people line cut by 10.00006% read "-10%"
    beside "the limit of 99,999.900 KWD (10%)", as diff's own budget guardrail does since
    review calc42 F5; 5.001000005% read "5%" beside a limit of 5.001%: review calc55 K3)."""
    from cs_align.units import fmt_percent, fmt_share_over

    if before <= after:
        return "0%"
    fell = (before - after) / before
    if limit is not None and limit.share:
        return fmt_share_over(fell, limit.value)
    return fmt_percent(fell)


AUTOMATING = "human-line-limited"
"""The rule of a strategy that moves people's work to self-service and bots (automated): its
plans' people money may go to tooling while their targets hold (see ``_people_cut``)."""


def _people_cut(found: PlanDiff, old: LoadedPlan, new: LoadedPlan, settings: Settings) -> PlanDiff:
    """The decrease limit judges the plan's people money as well as its total: a team cut
    (its targets loosened, or the same targets with half the people) whose money moves to
    tooling leaves the total whole (review attack43 C01: a fast-food plan's targets
    loosened and its people line cut by 44%, the money in tooling, passed a 10% limit).
    Under a strategy of people the contacts people answer are compared as well (see
    `policy._people_work`); under the others this limit is what judges the plan's money.
    Money a year that pays the planned staff (``organisations.paying_staff``), so a shorter
    period is no cut, nor a people line trimmed to what its staff cost; now, the staff it
    pays for priced at the base's loaded cost per FTE (``organisations.paying_at``), so a
    cost per FTE raised with the team cut and the money kept is a cut. A strategy
    that moves people's work to bots and self-service (``AUTOMATING``, at the base and now)
    may move its people money to tooling while every target it set holds, as far as the
    contacts people answer fell (``_work_moved``); a team moved to
    another plan of the organisation is no cut either (``_kept`` judges them together)."""
    from decimal import Decimal

    from cs_align.diff import Tripped
    from cs_align.organisations import paying_staff, yearly
    from cs_align.units import fmt_money, fmt_percent, minor, round_down

    limit: Limit | None = settings["max_budget_decrease"]
    if limit is None or any(t.guardrail == "max_budget_decrease" for t in found.tripped):
        return found
    sized = ""
    if (staffed := _as_staffed(found, old, new)) is not None:
        # The base states no FTE: its people money pays the staff its targets need.
        old, sized, new = staffed[0], _sized_said(staffed[0]), staffed[1] or new
    before, after = paying_staff(old.plan), _paying_now(old, new)
    allowed = _a_year(limit, before, old)
    if not before or before - after <= allowed:
        return found
    automating = AUTOMATING in found.base.rules and AUTOMATING in found.plan.rules
    if automating and _targets_held(old, new) and _work_moved(old, new, after + allowed, before):
        return found
    money = new.plan.currency
    was = old.plan.budget.lines if old.plan.budget else {}
    now = new.plan.budget.lines if new.plan.budget else {}
    grown = [
        f"{line} grows by {fmt_money(now[line] - was.get(line, Decimal(0)), money)}"
        for line in sorted(now, key=lambda k: was.get(k, Decimal(0)) - now[k])
        if line != "people" and now[line] > was.get(line, Decimal(0))
    ]
    where = f" while {' and '.join(grown)}" if grown else ""
    lines = (yearly(old.plan, "people"), yearly(new.plan, "people")) == (before, after)
    what = (
        "people money that pays the planned staff"
        if not lines
        else "people line"
        if "people" in now
        else "people money"
    )
    share = _fell(before, after, limit)
    falls = (
        _staff_fall(old, new, before, after, share)
        if _repriced(old, new)
        else f"the {what} falls from {fmt_money(before, money)} to {fmt_money(after, money)} "
        f"a year (-{share})"
    )
    message = (
        f"{falls}{where}: the limit of "
        f"{fmt_money(round_down(allowed, minor(money)), money)}"
        + (f" ({fmt_percent(limit.value)})" if limit.share else _over(limit, old, money))
        + " judges the people money as well as the total, since it pays for the team the "
        "targets rest on; keep the people money, or have the cut approved" + sized
    )
    if automating and _targets_held(old, new):
        message += _claim_beyond(old, new)
    tripped = Tripped(guardrail="max_budget_decrease", action=limit.action, message=message)
    return dataclasses.replace(found, tripped=(*found.tripped, tripped))


def _as_staffed(
    found: PlanDiff, old: LoadedPlan, new: LoadedPlan | None
) -> tuple[LoadedPlan, LoadedPlan | None] | None:
    """Both sides of a comparison whose base states no FTE, each that states none staffed
    with what its own targets need (``_sized_staff``), as the people-money limit and the
    organisation's totals judge them; None where the base states FTE or sized none."""
    from cs_align.organisations import planned_fte

    if planned_fte(old.plan) or (staffed := _sized_staff(old, found.base)) is None:
        return None
    if new is not None and not planned_fte(new.plan):
        new = _sized_staff(new, found.plan) or new
    return staffed, new


def _sized_staff(loaded: LoadedPlan, report: Report) -> LoadedPlan | None:
    """A plan that states no FTE, staffed with what its targets need: each channel people
    answer to a target at the least FTE, to a tenth, that keep them (as `fix` writes it),
    the plan's FTE in all their sum (None: it has no such channel, or was not sized). The
    people-money limit had nothing to compare where the base stated no FTE: a people line cut
    by 44% into tooling passed a 10% limit (review attack50b); the staff its money pays for
    are the staff its own targets need, priced at its loaded cost per FTE (or, where it
    states none, its people money over them: ``organisations.base_price``)."""
    from cs_align.organisations import staffed_as_needed

    plan = staffed_as_needed(loaded.plan, report.metrics)
    return loaded._replace(plan=plan) if plan is not None else None


def _sized_said(sized: LoadedPlan) -> str:
    """How the message says a base that states no FTE was staffed (``_sized_staff``): " (the
    base states no FTE: its staff are taken as the 17.2 FTE its targets need: phone 13.8,
    email 3.4)"."""
    from cs_align.organisations import planned_fte

    each = ", ".join(
        f"{c.id} {_fte(c.agents)}" for c in sized.plan.channels if c.human and c.agents
    )
    return (
        f" (the base states no FTE: its staff are taken as the "
        f"{_fte(planned_fte(sized.plan))} FTE its targets need: {each})"
    )


def _repriced(old: LoadedPlan, new: LoadedPlan) -> bool:
    """Whether the proposal prices an FTE otherwise than the base, which prices one. A base
    that states no cost is priced at its people money over its FTE
    (``organisations.base_price``): the proposal is repriced when it states a cost, or when
    its people money buys more than its FTE at that price (a team cut with the line kept);
    else its people money is compared as money, as it was."""
    from cs_align.organisations import base_price, planned_fte, yearly

    stated = old.plan.staffing.loaded_cost_per_fte
    if stated is not None:
        return new.plan.staffing.loaded_cost_per_fte != stated
    price = base_price(old.plan)
    if price is None:
        return False
    if new.plan.staffing.loaded_cost_per_fte is not None:
        return True
    return planned_fte(new.plan) * price < yearly(new.plan, "people")


def _paying_now(old: LoadedPlan, new: LoadedPlan) -> Decimal:
    """The proposal's people money that pays its staff, as the staff it pays for priced at
    the base's loaded cost per FTE (``organisations.paying_at``) where the proposal prices
    them otherwise: people funded are compared, not money."""
    from cs_align.organisations import base_price, paying_at, paying_staff

    price = base_price(old.plan)
    return paying_at(new.plan, price) if price and _repriced(old, new) else paying_staff(new.plan)


def _staff_fall(
    old: LoadedPlan, new: LoadedPlan, before: Decimal, after: Decimal, share: str
) -> str:
    """A fall of the staff the people money pays for, said in FTE where the cost of one
    moved: "the staff the people money pays for fall from 20.7 FTE to 11.6 (-43.96%; at
    the base's 62,000 USD an FTE, 1,283,400 USD a year to 719,200 USD; the loaded cost per
    FTE is 110,637 USD now)"."""
    from cs_align.organisations import base_price
    from cs_align.units import fmt_money, minor, round_money

    price = base_price(old.plan)
    assert price
    money, now = new.plan.currency, new.plan.staffing.loaded_cost_per_fte
    cost = f"{fmt_money(now, money)} now" if now else "not stated now"
    # Unstated at the base, the price is its people money over its FTE (review attack50b B1).
    shown = fmt_money(round_money(price, minor(money)), money) + " an FTE"
    if old.plan.staffing.loaded_cost_per_fte is None:
        shown += " (its people money over its FTE, as it states no loaded cost per FTE)"
    return (
        f"the staff the people money pays for fall from {_fte(before / price)} FTE to "
        f"{_fte(after / price)} (-{share}; at the base's {shown}, "
        f"{fmt_money(before, money)} a year to {fmt_money(after, money)}; the loaded cost "
        f"per FTE is {cost})"
    )


def _fte(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1')).normalize():f}"


def _a_year(limit: Limit, before: Decimal, old: LoadedPlan) -> Decimal:
    """What ``limit`` lets money a year (``before`` at the base) fall by. An amount is what
    the base's total may lose over the base's period, as the total is judged, so it is
    scaled to a year by that period's length: unscaled, a half-year plan's people money
    (counted a year, twice its own) tripped at half the cut the limit allows, and a two-year
    plan's passed twice it (review fix47g)."""
    if limit.share:
        return limit.value * before
    years = old.plan.years
    return limit.value * years.denominator / years.numerator


def _over(limit: Limit, old: LoadedPlan, money: str) -> str:
    """How an amount limit scaled to a year reads: " a year (50,000 USD over ½ year)"."""
    from cs_align.units import fmt_money, fmt_years

    if limit.share or old.plan.years == 1:
        return ""
    return f" a year ({fmt_money(limit.value, money)} over {fmt_years(old.plan.years)})"


def _work_moved(old: LoadedPlan, new: LoadedPlan, kept: Decimal, before: Decimal) -> bool:
    """Whether the people money ``kept`` (of ``before``) falls no further than the contacts
    people answer a week: the automated strategy moves people's work to bots and
    self-service, and its people money may follow the work it moved, not a shorter handle
    time (review attack46 H04: the e-mail handle time written 8m → 4m, the team halved and
    its money put in tooling, the target as written kept, passed a 10% limit)."""
    was, now = _weekly(old, human=True), _weekly(new, human=True)
    if not was:
        return True
    # What automation did not take stays people's work, however few contacts are written.
    now = max(now, _left_to_people(old, new, was))
    return Fraction(kept) * was >= Fraction(before) * now


def _left_to_people(old: LoadedPlan, new: LoadedPlan, was: Fraction) -> Fraction:
    """The contacts a week people would answer now (``was`` at the base) had only automation
    taken work from them (``_claimed_left``), and at least the share of ``was`` a change may
    not hand automation on its word (``AUTOMATION_CLAIM``)."""
    return max(_claimed_left(old, new, was), was * (1 - AUTOMATION_CLAIM))


def _claimed_left(old: LoadedPlan, new: LoadedPlan, was: Fraction) -> Fraction:
    """The contacts a week people would answer now (``was`` at the base) as the plan states
    its automation: the share the self-service channels leave people (each
    ``1 − containment``, one after another) scaled as it changed, less the contacts bots
    answer more a week. Contacts written lower with no automation to take them were a
    forecast cut, not work moved: an automated plan's e-mails written 2,500 → 1,250 a month,
    the help centre's containment kept at 80%, the team halved and its money put in tooling
    passed a 10% limit (review attack50b B2); with containment 80% → 90% the share left to
    people halves (20% → 10%), and 1,250 are what it leaves."""
    from cs_align.plan import Kind

    def left(loaded: LoadedPlan) -> Fraction:
        share = Fraction(1)
        for channel in loaded.plan.channels:
            if channel.kind == Kind.self_service and channel.containment is not None:
                share *= 1 - Fraction(channel.containment)
        return share

    before = left(old)
    share = left(new) / before if before else Fraction(1)
    bots = _weekly(new, human=False) - _weekly(old, human=False)
    return max(was * share - max(bots, Fraction(0)), Fraction(0))


AUTOMATION_CLAIM = Fraction(1, 2)
"""The most of the contacts people answered at the base that a change may say automation
takes (a containment stated higher, a bot's contacts) for the people money to follow them
under ``AUTOMATING``: a stated containment is a claim no figure of the plan checks. The
automated strategy names a floor for it (`self_service_containment` at least 60%, "most
demand") and no ceiling, and reads more than half the staff on live lines as a plan built
around people (`max_human_fte_share: 0.5`): a change may hand automation up to half of what
people answer (containment 80% → 90%, 20% of the demand left to people → 10%, fix50g's
control), and a claim beyond that is judged by the decrease limit, to be approved as any
cut of the team is (review attack50b: containment 80% → 99% claimed, 20% → 1%, kept the
exemption with the team cut to a twentieth and its money in tooling)."""


def _claim_beyond(old: LoadedPlan, new: LoadedPlan) -> str:
    """What the decrease limit's message adds where an automated plan's stated automation
    claims more than ``AUTOMATION_CLAIM`` of the contacts people answered: "; the
    automation stated now (help-centre's containment 80% → 99%) would take 95% of the
    contacts people answered, more than the 50% a change may hand it with the people
    money" ('' where it claims no more)."""
    from cs_align.units import fmt_percent, fmt_share_against

    was = _weekly(old, human=True)
    if not was or _claimed_left(old, new, was) >= was * (1 - AUTOMATION_CLAIM):
        return ""
    before = {c.id: c.containment for c in old.plan.channels}
    said = [
        f"{c.id}'s containment {fmt_percent(had)} → {fmt_percent(c.containment)}"
        for c in new.plan.channels
        if c.containment is not None
        and (had := before.get(c.id)) is not None
        and c.containment > had
    ]
    bots = _weekly(new, human=False) - _weekly(old, human=False)
    said += [f"bots answering {float(bots):,.0f} more contacts a week"] if bots > 0 else []
    taken = 1 - _claimed_left(old, new, was) / was
    return (
        f"; the automation stated now ({', '.join(said) or 'as written'}) would take "
        f"{fmt_share_against(float(taken), float(AUTOMATION_CLAIM))} of the contacts people "
        "answered, more than the "
        f"{fmt_percent(float(AUTOMATION_CLAIM))} a change may hand it with the people money"
    )


def _weekly(loaded: LoadedPlan, human: bool) -> Fraction:
    """The contacts a week a plan's channels people answer (``human``), or bots and
    self-service, are written to take."""
    from cs_align.sizing import weekly_contacts

    channels = loaded.plan.channels
    return sum((weekly_contacts(c) for c in channels if c.human == human and c.volume), Fraction(0))


def _targets_held(old: LoadedPlan, new: LoadedPlan) -> bool:
    """Whether every channel people answer to a target at the base keeps that target, or a
    tighter one, on a channel of the same id people still answer: each figure the base
    sets is set, and none looser, as the checks size staff by it (``_no_looser``). Compared
    as written, a target tightened lost the exemption (review fix50g: e-mails' first
    response 1 business day → 8 business hours), and one left as written while the
    channel's hours made its business day longer (10 → 16 open hours) kept it."""
    now = {c.id: c for c in new.plan.channels}
    for channel in old.plan.channels:
        if not channel.human or channel.target is None or channel.target.is_empty:
            continue
        kept = now.get(channel.id)
        if kept is None or not kept.human or not _no_looser(channel, kept):
            return False
    return True


def _no_looser(was: Channel, now: Channel) -> bool:
    """Whether ``now``'s target asks at least what ``was``'s does of each figure ``was``
    sets: a service level's share no lower and its time no longer, an ASA and an abandonment
    ceiling no higher, a first response and a resolution within no more open time (business
    time counted in each channel's own open hours, as staff are sized)."""
    before, after = was.target, now.target
    assert before is not None
    if after is None:
        return False
    sl, sl_now = before.service_level, after.service_level
    if sl is not None and (
        sl_now is None or sl_now.share < sl.share or sl_now.seconds > sl.seconds
    ):
        return False
    for name in ("asa", "abandonment_max"):
        limit, held = getattr(before, name), getattr(after, name)
        if limit is not None and (held is None or held > limit):
            return False
    for name in ("first_response", "resolution"):
        wait, held = getattr(before, name), getattr(after, name)
        if wait is not None and (
            held is None
            or held.open_seconds(now.schedule.hours_per_open_day)
            > wait.open_seconds(was.schedule.hours_per_open_day)
        ):
            return False
    return True


def _relabelled(old: LoadedPlan, new: LoadedPlan) -> bool:
    """Whether the proposal names another organisation than the base: its budget is then
    judged with the plans of the one it names now, as a new plan's is."""
    from cs_align.names import name_key, same_organisation

    return not same_organisation(name_key(old.plan.organisation), name_key(new.plan.organisation))


def _left(old: LoadedPlan, new: LoadedPlan, rev: Revision, settings: Settings) -> Tripped | None:
    """A plan relabelled away from its organisation: the decrease limit judges the plans
    the organisation keeps (without it, it loses the plan's whole budget), their total and,
    as ``_people_cut`` judges a plan's, the money that pays their staff (priced at the
    base's loaded cost per FTE, as ``_kept`` prices it). The total alone let two plans
    trade places: Example's plan rewritten as Zeta's, Zeta's file as Example's with the
    people money cut 11.6% (the total 9.7%) passed a 10% limit, since each file judged
    alone was Zeta's money kept, and Example's plans were judged by their total (review
    attack54)."""
    from cs_align.diff import Tripped
    from cs_align.organisations import PAYING, base_price, organisation_kept, renamed_whole
    from cs_align.units import fmt_money, fmt_percent, minor, round_down

    limit: Limit | None = settings["max_budget_decrease"]
    if limit is None:
        return None
    money, who = old.plan.currency, old.plan.organisation
    price = base_price(old.plan)
    gone = "they are renamed" if renamed_whole(old, new, rev) else "this one leaves it for"
    said = {
        "total": "shrink together from {} to {} ({})",
        PAYING: "shrink together: the money that pays their staff falls from {} to {} a year ({})",
    }
    for line, what in said.items():
        totals = organisation_kept(old, new, rev, line, None, price if line == PAYING else None)
        if totals is None or not totals.before:
            continue
        before, after, unlike = totals[:3]
        if unlike:
            written = fmt_percent(limit.value) if limit.share else fmt_money(limit.value, money)
            return Tripped(
                guardrail="max_budget_decrease",
                action=limit.action,
                message=f"the plans naming {who} are budgeted in more than one currency as "
                f"this one leaves it for {new.plan.organisation}: a {written} limit cannot "
                "add them up",
            )
        allowed = _a_year(limit, before, old)
        if before - after <= allowed:
            continue
        return Tripped(
            guardrail="max_budget_decrease",
            action=limit.action,
            message=f"the plans naming {who} "
            + what.format(
                fmt_money(before, money),
                fmt_money(after, money),
                f"-{_fell(before, after, limit)}",
            )
            + f" as {gone} {new.plan.organisation}; the limit is "
            f"{fmt_money(round_down(allowed, minor(money)), money)}"
            + (f" ({fmt_percent(limit.value)})" if limit.share else _over(limit, old, money)),
        )
    return None


def _left_over_window(
    sides: tuple[LoadedPlan, LoadedPlan],
    plan: str,
    rev: Revision,
    settings: Settings,
    today: dt.date,
) -> Tripped | None:
    """A plan relabelled away, its organisation judged over the window as ``_over_window``
    judges a plan that stays (which it leaves to this: a relabelled plan has no window of
    its own): the organisation's plans as they were at the window's start against what it
    keeps now (``_organisation_fell``). A cut within the limit merged first, then the trade
    of places (``_left``) with another within it, passed: people −5.8% then −6.2%, −11.6%
    over the window against a 10% limit (review attack54). Where main's own plans are past
    the limit since that start (a cut it took approved), what main has is the baseline,
    which ``_left`` judged."""
    from cs_align.policy import ANCHOR_DAYS
    from cs_align.repo import anchor_of, window_start

    old, new = sides
    limit: Limit | None = settings["max_budget_decrease"]
    relative = rev.relative(old.path) if old.path is not None else None
    if limit is None or relative is None:
        return None
    start = window_start(rev, ANCHOR_DAYS)
    early = at_revision(start, plan, old) if start is not None else None
    if early is None:
        start = anchor_of(rev, relative, ANCHOR_DAYS)
        early = at_revision(start, plan, old) if start is not None else None
    if start is None or early is None or start.commit == rev.commit:
        return None
    if early.plan.currency != old.plan.currency or _relabelled(early, old):
        return None  # another plan at the window's start: main's is the baseline
    if _organisation_fell((early, old), start._replace(now_at=rev.commit), limit, today):
        return None  # main itself past the limit since the start: approved, its baseline
    fell = _organisation_fell((early, new), start, limit, today)
    if not fell:
        return None
    said = f"over the {ANCHOR_DAYS} days since {start.ref} ({start.commit[:12]})"
    return dataclasses.replace(
        fell[0],
        message=f"{said}, as this plan leaves {old.plan.organisation} for "
        f"{new.plan.organisation}: {fell[0].message}",
    )


def _kept(
    found: PlanDiff,
    sides: tuple[LoadedPlan, LoadedPlan | None],
    rev: Revision,
    settings: Settings,
    today: dt.date,
    name: str = "max_budget_decrease",
) -> PlanDiff:
    """A plan that shrinks, or is deleted, while other plans of its organisation (in its top
    folder) take up what it gives (the halves of a split, next year's plans), or one that
    grows while they give up what it gains (``name`` "max_budget_increase": review attack39
    F2, a team moved from one region's plan to another's passed as the one shrank and was
    blocked as the other grew): the limit judges the organisation's plans together, not the
    plan alone. A decrease is measured against the organisation's total; an increase by no
    more than this plan alone may grow, so a small region grown by half in a large
    organisation is still held to its own limit. Its people money is judged so too: a
    team's money moved from one plan's people line to another's tooling is no move of the
    team (review attack41 B03: people −33% in one plan, the same money parked in the
    other's tooling, passed a 10% limit both ways). Over the base's days still to come
    (``base_window``), as the limit itself judged it: a plan cut to January is not made
    whole by its own money a year (attack41 B10). A limit a change of currency trips stays:
    the totals are as incomparable."""
    from cs_align.diff import base_window
    from cs_align.organisations import PAYING, base_price, organisation_kept, yearly

    old, new = sides
    window = base_window(old.plan, new.plan, today) if new is not None else None
    limit: Limit | None = settings[name]
    if name == "max_budget_increase" and new is not None:
        from cs_align.diff import within_window

        if not within_window(old.plan, new.plan, today):
            # Growth a day for a day, as the limit itself judged it (``diff.within_window``):
            # over the base's days still to come a plan moved wholly past them spends
            # nothing, and its +20% in 2028 was "kept" by 2027's plans (review gate59).
            window = None
    if limit is None or not any(t.guardrail == name for t in found.tripped):
        return found
    if new is not None and old.plan.currency != new.plan.currency:
        return found  # the limit cannot compare the totals: said as it trips
    grows = name == "max_budget_increase"
    # A base that states no FTE pays the staff its targets need, as ``_people_cut`` took it
    # (review fix51g: read as 0 on both sides, a staffed sibling lifted the trip).
    staffed = None if grows else _as_staffed(found, old, new)
    if staffed is not None:
        old, new = staffed
    # A decrease's people money is what pays the staff, as ``_people_cut`` judged it: the
    # targets loosened and the team cut by 44% with the people line kept left the
    # organisation's people lines whole, and the next change trimmed the line to the
    # staff's cost as padding (review attack46 H03).
    # Priced at the base's loaded cost per FTE, as ``_people_cut`` priced them: the staff
    # the people money pays for, not its amount, which a cost per FTE raised keeps.
    price = base_price(old.plan)
    for line in ("total", "people" if grows else PAYING):
        totals = organisation_kept(
            old, new, rev, line, window, None if grows else price, staffed is not None
        )
        if totals is None or totals.unlike or not totals.before:
            return found
        base = yearly(old.plan, line) if grows else totals.before
        moved = totals.after - totals.before if grows else totals.before - totals.after
        if moved > _a_year(limit, base, old):
            return found
    kept = tuple(t for t in found.tripped if t.guardrail != name)
    return dataclasses.replace(found, tripped=kept)


def _carried(rev: Revision, plan: str) -> Path | None:
    """For a plan the working tree no longer has: the plan that carries it on, which the
    change moved it to (renamed, or rewritten under a new name for the same organisation).
    Its diff is that plan's against this one: a move is no deletion, and no budget cut."""
    from cs_align.organisations import carried_to

    relative = rev.relative(Path(plan))
    return None if relative is None else carried_to(rev.root / relative, rev)


def _capped_elsewhere(new: LoadedPlan, rev: Revision, settings: Settings) -> Tripped | None:
    """A new plan for an organisation that has plans at the base, or one of them grown (review
    attack41 B05: a second plan added small, then grown past the cap). `max_total` is an amount in
    their money, which a plan in another currency's figures are not (review attack32 F1: a
    second plan in KWD passed a 1.6M cap met in USD). And the organisation's plans, within
    the cap at the base, spend more than it a year with this one, in a calendar year its
    period falls in: the halves of a split each stay under a cap the plan they replace kept
    (review attack39 F8: 1.5M and 0.9M beside a 1.6M cap), while next year's plan, or the
    other half of a year, is not this year's money (attack40 A8), and a two-year plan's
    money is not averaged over a year it has to itself (attack42 F03). An organisation
    already over it at the base (a cap meant for each plan) is left to each plan's own
    figure."""
    from cs_align.diff import Tripped
    from cs_align.organisations import organisation_years
    from cs_align.units import fmt_money

    cap: Limit | None = settings["max_total"]
    years = organisation_years(new, rev) if cap is not None else None
    if cap is None or years is None:
        return None
    if any(spent.totals.unlike for spent in years):
        return Tripped(
            guardrail="max_total",
            action=cap.action,
            message=f"the plans naming {new.plan.organisation} at the base are budgeted in "
            f"another currency than this new one ({new.plan.currency}): a cap of "
            f"{cap.value.normalize():,f} cannot compare its total",
        )
    over = [s for s in years if s.totals.before <= cap.value < s.totals.after]
    if not over:
        return None
    worst = max(over, key=lambda spent: spent.totals.after)
    money, (before, after) = new.plan.currency, worst.totals[:2]
    return Tripped(
        guardrail="max_total",
        action=cap.action,
        message=f"the plans naming {new.plan.organisation} spend {fmt_money(after, money)} "
        f"a year{_in_year(worst, len(years))} together with this one, "
        f"{fmt_money(before, money)} at the base{_was_named(worst, rev)}: above the cap of "
        f"{fmt_money(cap.value, money)} by {fmt_money(after - cap.value, money)}",
    )


def _in_year(spent: YearSpend, years: int) -> str:
    """Which year a figure is, when the new plan's period touches more than one or the base
    had no plan in it: " in 2028 (at the base, 2027's: no plan covered 2028)"."""
    if spent.year is None or (years == 1 and spent.rolled_from is None):
        return ""
    rolled = spent.rolled_from
    said = f" (at the base, {rolled}'s: no plan covered {spent.year})" if rolled else ""
    return f" in {spent.year}{said}"


def _organisation_grows(new: LoadedPlan, rev: Revision, settings: Settings) -> Tripped | None:
    """A plan new at the base (or relabelled), for an organisation that had plans there: the
    budget limit judges the organisation's plans together (a second plan beside the first,
    the halves of a split, or another organisation's plan relabelled, each look small on
    their own), a year's spend in each calendar year the new plan's period falls in, and a
    year the base had no plan for against the nearest year it had (review attack41 F03: a
    rollover, and a year split into halves, read as +100%; attack42 F03: a July-June fiscal
    year read +49.86%). The year that grows most past the limit is the one shown."""
    from cs_align.diff import Tripped
    from cs_align.organisations import organisation_years
    from cs_align.units import fmt_money, fmt_percent

    limit: Limit | None = settings["max_budget_increase"]
    years = organisation_years(new, rev, rolled=True) if limit else None
    if limit is None or years is None:
        return None
    money, who = new.plan.currency, new.plan.organisation
    written = fmt_percent(limit.value) if limit.share else fmt_money(limit.value, money)
    if any(spent.totals.unlike for spent in years):
        return Tripped(
            guardrail="max_budget_increase",
            action=limit.action,
            message=f"the plans naming {who} at the base are budgeted in another currency than "
            f"this new one ({money}): a {written} limit cannot add them up",
        )
    if limit.share and any(not s.totals.before and s.totals.after > 0 for s in years):
        grown = max(s.totals.after for s in years if not s.totals.before)
        return Tripped(
            guardrail="max_budget_increase",
            action=limit.action,
            message=f"the plans naming {who} at the base state no budget, and with this new "
            f"one they hold {fmt_money(grown, money)}: a {written} limit cannot measure growth "
            "from nothing",
        )
    worst = max(years, key=lambda spent: _past(spent.totals, limit))
    if _past(worst.totals, limit) <= 0:
        return None
    return _grown(worst, len(years), limit, (new, _was_named(worst, rev)))


def _was_named(spent: YearSpend, rev: Revision) -> str:
    """ " (Example Delight Co at main)": the name the base's figure was under, where the
    change renamed the organisation whole (review gate57: "the plans naming Example Delight
    Group grow together from 1,540,241 USD", a figure no plan of that name had)."""
    named = spent.totals.was_named
    return f" ({named} at {rev.ref})" if named else ""


def _past(totals: Totals, limit: Limit) -> Decimal:
    """How far a year's growth goes past what ``limit`` allows it (not past it: 0 or less)."""
    allowed = limit.value * totals.before if limit.share else limit.value
    return totals.after - totals.before - allowed


def _grown(spent: YearSpend, years: int, limit: Limit, named: tuple[LoadedPlan, str]) -> Tripped:
    """The increase limit tripped by the organisation's plans in ``spent``'s year."""
    from cs_align.diff import Tripped
    from cs_align.units import fmt_money, fmt_percent, fmt_share_over, minor, round_down

    (new, was), (before, after) = named, spent.totals[:2]
    money = new.plan.currency
    allowed = limit.value * before if limit.share else limit.value
    # Beside a limit in %, with the digits that tell it over (review calc55 K3).
    if before and limit.share:
        grew = f" (+{fmt_share_over((after - before) / before, limit.value)})"
    else:
        grew = f" (+{fmt_percent((after - before) / before)})" if before else ""
    return Tripped(
        guardrail="max_budget_increase",
        action=limit.action,
        message=f"the plans naming {new.plan.organisation} grow together from "
        f"{fmt_money(before, money)}{was} to {fmt_money(after, money)}{grew}"
        f"{' a year' + _in_year(spent, years) if _in_year(spent, years) else ''} with this "
        f"new one; the limit is {fmt_money(round_down(allowed, minor(money)), money)}"
        + (f" ({fmt_percent(limit.value)})" if limit.share else ""),
    )
