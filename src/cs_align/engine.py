"""The pipeline's middle: the strategies that judge a plan, and the judgement itself.

    load_plan (cs_align.loader)  →  scopes  →  evaluate  →  render (cs_align.reporters)

``scopes`` loads the strategy files a plan names and resolves its mix into the rules that
apply to each part of it (file I/O, confined by ``CheckOptions.access``). ``evaluate`` is
pure: plan, scopes, options and the day in, Report out; it reads no file, no working folder
and no clock (the built-in catalogue it ranks against is program data, loaded once).
``judge`` and ``check_file`` run the stages in order for callers that just want a Report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cs_align.errors import CsAlignError, Problem, bounded
from cs_align.findings import Finding, Ranking, Report, Severity, close_to_best
from cs_align.loader import LoadedPlan, load_plan, oversized, plan_path
from cs_align.metrics import Changes, Metrics, compute
from cs_align.mix import Unit, resolve, validate_mix, with_practices
from cs_align.plan import Plan, SegmentStaffing
from cs_align.repo import DEFAULT_ACCESS, Access, Reviewed
from cs_align.reveal import fit_of, rank
from cs_align.rules import CONGRUENCE
from cs_align.rules.base import STAFF, Context, Hit
from cs_align.sizing import Oversized
from cs_align.strategy import EnabledRule, Strategy, load_strategy, resolve_reference
from cs_align.waivers import MAX_WAIVER_DAYS, WaiverEntry, apply_waivers, from_document

if TYPE_CHECKING:
    from cs_align.resilience import Base, Resilience

CONGRUENCE_GAP = 0.2
"""How far the declared strategy's fit must trail the best fit to raise strategy-congruence
(fits run from -2 to 1; see cs_align.reveal)."""


@dataclass(frozen=True)
class CheckOptions:
    """How a check runs, beyond the plan itself."""

    strategy: str | None = None
    """Check against this strategy (id or explicit path) instead of the plan's own."""
    ignore_waivers: bool = False
    waivers: tuple[WaiverEntry, ...] = ()
    """Waivers from waiver files, applied beside the plan's own."""
    today: dt.date | None = None
    max_waiver_days: int = MAX_WAIVER_DAYS
    """Refuse waivers expiring further ahead (the config's max_waiver_days)."""
    plan_waivers: tuple[WaiverEntry, ...] | None = None
    """Under review: the plan's waivers as the trusted revision has them (None: its own)."""
    policy_files: tuple[Path, ...] = ()
    """The config and waiver files in force, compared under review."""
    config: str = ""
    """The config file in force, as reports name it."""
    access: Access = DEFAULT_ACCESS
    """Where policy files are read, and whether named files may lie outside the repository."""
    resilience: Resilience | None = None
    """The config's resilience guardrail: the stress the plan must withstand."""
    overrides: tuple[str, ...] = ()
    """Under review: the CS_ALIGN_* variables that loosen the trusted policy, as said
    (``config.Settings.overridden``): each a policy change."""
    flagged: tuple[str, ...] = ()
    """Under review: the flags that loosen the trusted policy, obeyed and said
    (``config.Settings.flagged``): a policy-overridden finding."""


def check_file(
    path: str | Path, options: CheckOptions | None = None, display: str | None = None
) -> Report:
    """Read a plan file and judge it."""
    return judge(load_plan(path, display), options or CheckOptions())


def judge(loaded: LoadedPlan, options: CheckOptions) -> Report:
    """Judge a plan; under review, by the trusted policy, with what the change did to it."""
    if isinstance(options.access.tree, Reviewed):
        from cs_align.policy import review

        return review(loaded, options)
    return assess(loaded, options)


def assess(
    loaded: LoadedPlan,
    options: CheckOptions,
    *,
    reveal: bool = True,
    changes: Changes | None = None,
) -> Report:
    """Resolve the plan's scopes and evaluate it, on ``options.today`` or else today."""
    return evaluate(
        loaded, scopes(loaded, options), options, day(options), reveal=reveal, changes=changes
    )


def day(options: CheckOptions) -> dt.date:
    """The day waivers expire against: the options' own, or the clock's in UTC. Not the
    process's local date: the environment sets its time zone, and a workflow's `env: {TZ:
    XXX+24}` held a waiver that expired yesterday for one more day, unjudged (gate62). In
    UTC the day is the same on every runner and laptop, so a gate passes or fails alike."""
    return options.today or dt.datetime.now(dt.UTC).date()


def evaluate(
    loaded: LoadedPlan,
    units: Sequence[Unit],
    options: CheckOptions,
    today: dt.date,
    *,
    reveal: bool = True,
    changes: Changes | None = None,
    base: Base | None = None,
) -> Report:
    """Judge a plan by its scopes (see ``scopes``) on ``today``; with ``changes``, the plan
    with those inputs changed (a what-if, ``base`` the plan it changes and how, for the
    config's resilience stress on top of it). Pure: the same arguments give the same
    Report."""
    plan, metrics = loaded.plan, figures(loaded, changes)
    findings: list[Finding] = []
    holds: dict[str, bool] = {}
    whole = Context(plan=plan, metrics=metrics)
    for unit in units:
        ctx = _context(whole, unit)
        findings.extend(_run(unit, ctx, loaded, holds if ctx is whole else None))
    findings.extend(_unstated(units, loaded))
    findings = _dedupe(findings)
    rankings: tuple[Ranking, ...] = ()
    mine: Ranking | None = None
    if reveal:
        rankings = reveal_strategy(plan, metrics, holds, units[0].strategy.id, whole)
        declared = units[0].strategy
        mine = None if declared.builtin else fit_of(declared.rules, whole, holds, declared.shown)
        findings.extend(_congruence(loaded, declared, rankings, _given(units), mine))
    if options.resilience is not None:
        from cs_align.resilience import withstands

        findings.extend(withstands(loaded, units, options, today, metrics, findings, base))
    unmatched: list[str] = []
    checked = dict.fromkeys(r.id for unit in units for r in unit.strategy.rules)
    if not options.ignore_waivers:
        own = options.plan_waivers
        if own is None:
            own = (*from_document(plan.waivers, loaded.doc), *loaded.inline)
        entries = [*own, *options.waivers]
        known = (frozenset(checked), _label(units))
        findings, unmatched = apply_waivers(
            findings, entries, today, options.max_waiver_days, known
        )
        # A waiver's path, owner and reason are quoted in what the waivers add (an unused
        # waiver's note, an expiry's finding, a waived finding's justification): a waiver at
        # a 600 KB path put 600 KB in the table, the JSON and the report (review reattack59).
        findings = [_bounded(f) for f in findings]
        unmatched = [bounded(note) for note in unmatched]
    return Report(
        file=loaded.file,
        organisation=plan.organisation,
        currency=plan.currency,
        strategy=_label(units),
        findings=tuple(findings),
        metrics=metrics,
        revealed=rankings,
        unmatched_waivers=tuple(unmatched),
        rules=tuple(checked),
        policy_files=tuple(dict.fromkeys(f for unit in units for f in unit.strategy.files)),
        config=options.config,
        waiver_files=tuple(dict.fromkeys(e.doc.file for e in options.waivers)),
        declared=_declared(plan) if _given(units) else "",
        fit=mine,
    )


def _given(units: Sequence[Unit]) -> bool:
    """Whether the plan is judged by another strategy than the one it declares."""
    return any(u.given for u in units)


def _bounded(finding: Finding) -> Finding:
    """A finding with each run of the input it quotes at most errors.SHOWN_AT_MOST long."""
    waived = finding.waived
    if waived:
        waived = {**waived, "reason": bounded(waived["reason"]), "owner": bounded(waived["owner"])}
    return finding._replace(
        message=bounded(finding.message),
        path=bounded(finding.path),
        fix=bounded(finding.fix),
        waived=waived,
    )


def _declared(plan: Plan) -> str:
    """The strategy a plan declares, as a reader finds it: an id or file, or its mix."""
    value = plan.strategy
    if isinstance(value, str):
        return value
    parts = [value.primary, *value.by_segment.values(), *value.by_channel.values()]
    return " + ".join(dict.fromkeys(parts))


def figures(loaded: LoadedPlan, changes: Changes | None = None) -> Metrics:
    """The plan's figures; a channel too large to size is the plan's error, at its volume."""
    try:
        return compute(loaded.plan, changes)
    except Oversized as exc:
        changed = "under a what-if or stress of its inputs" if changes else ""
        raise oversized(loaded, exc, changed) from None


def scopes(loaded: LoadedPlan, options: CheckOptions) -> list[Unit]:
    """The strategies that judge the plan, and what each covers, as `evaluate` takes them."""
    return _units(loaded, options.strategy, options.access)


def _label(units: Sequence[Unit]) -> str:
    return " + ".join(dict.fromkeys(u.strategy.shown for u in units))


def _units(loaded: LoadedPlan, override: str | None, access: Access) -> list[Unit]:
    """The strategies that judge the plan and what each covers (see cs_align.mix).

    References the plan makes resolve from its folder and stay inside its repository; a
    strategy given on the command line (``override``) may be anywhere.
    """
    plan, doc, base = loaded.plan, loaded.doc, loaded.folder
    validate_mix(plan, doc)

    def where(ref: str, path: tuple[str | int, ...]) -> Path:
        pos = doc.value_pos(path)
        named_by = Problem(file=doc.file, line=pos.line, column=pos.column, message="")
        return resolve_reference(ref, base, named_by=named_by, access=access)

    def load(ref: str, path: tuple[str | int, ...]) -> Strategy:
        return load_strategy(where(ref, path), access)

    declared = plan.strategy
    ref, path = (
        (declared, ("strategy",))
        if isinstance(declared, str)
        else (declared.primary, ("strategy", "primary"))
    )
    if not override:
        return resolve(plan, load(ref, path), load)
    found = resolve_reference(override, Path.cwd(), named_by=None, access=access)
    if isinstance(declared, str) and _same(found, lambda: where(ref, path)):
        return resolve(plan, load(ref, path), load)  # as if not given: its segments' too
    units = resolve(plan, load_strategy(found, access), load, mixed=False)
    return [u._replace(given=True) for u in units]


def _same(found: Path, own: Callable[[], Path]) -> bool:
    """Whether the strategy file ``found`` (a --strategy) is ``own()``, the one the plan
    declares, so the plan is judged as it declares itself: `check --strategy ours.yaml` of a
    plan that says `strategy: ours.yaml` read "strategy ours.yaml, not the declared
    ours.yaml" (`delight` of a delight plan alike), and left out its segments' own
    strategies (review outputs60). A plan's own that cannot be read (outside the
    repository) is not the same: the one given judges, as before."""
    try:
        return os.path.normpath(own()) == os.path.normpath(found)
    except CsAlignError:
        return False


def _context(whole: Context, unit: Unit) -> Context:
    """The context a unit's rules read: the whole plan's, when the unit covers all of it."""
    if unit.channels is None and unit.primary and unit.segment is None:
        return whole
    plan = whole.plan if unit.segment is None else with_practices(whole.plan, unit.segment)
    return Context(
        plan=plan,
        metrics=whole.metrics,
        scope=unit.channels,
        plan_level=unit.primary,
        segment=unit.segment,
    )


def _run(
    unit: Unit, ctx: Context, loaded: LoadedPlan, holds: dict[str, bool] | None
) -> list[Finding]:
    """Run the unit's rules of its reaches; record which held in ``holds`` (whole-plan runs)."""
    found = []
    for rule in unit.strategy.rules:
        if rule.reach not in unit.reaches:
            continue
        hits = list(rule.module.check(ctx, rule.options))
        if holds is not None:
            holds[rule.signature] = not hits
        if rule.reach == STAFF and unit.segment is not None:
            hits = [_in_segment(hit, ctx.plan, unit.segment) for hit in hits]
        severity = Severity.parse(rule.severity)
        found += [_finding(rule, hit, severity, loaded, unit.strategy.id) for hit in hits]
    return found


def _finding(
    rule: EnabledRule, hit: Hit, severity: Severity, loaded: LoadedPlan, strategy: str
) -> Finding:
    """``hit`` of ``rule`` as a finding, placed in the plan: the engine, not the rule,
    attaches the rule's id, area, title and source."""
    pos = loaded.doc.finding_pos(hit.path)
    return Finding(
        rule=rule.id,
        severity=severity,
        area=rule.module.AREA,
        also=getattr(rule.module, "ALSO", ()),
        title=rule.module.TITLE,
        # A rule quotes what the plan writes (a reward's name): a run of it is shown at most
        # errors.SHOWN_AT_MOST long, as in a problem.
        message=bounded(hit.message),
        path=bounded(plan_path(loaded.doc.data, hit.path)),
        line=pos.line,
        column=pos.column,
        fix=bounded(hit.fix),
        source=rule.module.SOURCE,
        strategy=strategy,
    )


def _unstated(units: Sequence[Unit], loaded: LoadedPlan) -> Iterator[Finding]:
    """A warning for each amount a strategy file wrote without a currency over an entry in
    another currency than the plan's: it is read in the plan's, which its author may not
    have meant (50 over delight's 50 USD is 50 yen for a yen plan). Pointed at the plan's
    `currency:`, where the two part; a plan in the entry's own currency reads it alike."""
    plan, seen = loaded.plan, set()
    for rule in (r for unit in units for r in unit.strategy.rules):
        said = rule.unstated
        if said is None or said.currency == plan.currency or said in seen:
            continue
        seen.add(said)
        hit = Hit(
            message=f"the strategy's {said.said} ({said.where}) states no currency over an "
            f"entry in {said.currency}: it is read in the plan's {plan.currency}",
            path=("currency",),
            fix=f"write `currency: {said.currency}` on that entry if the amount is in "
            f"{said.currency} (the plan then states `exchange_rates: {{{said.currency}: …}}`), "
            f"or `currency: {plan.currency}` if it is in the plan's",
        )
        yield _finding(rule, hit, Severity.warning, loaded, units[0].strategy.id)


def _in_segment(hit: Hit, plan: Plan, index: int) -> Hit:
    """A practice finding about a segment's reps: named so, and pointing at the segment's own
    value when it is that value that fails. The fix says where the segment may set its own
    value, for a practice a segment can set."""
    segment = plan.segments[index]
    path = hit.path
    own = segment.staffing.overrides() if segment.staffing else {}
    field = path[1] if path[:1] == ("staffing",) and len(path) > 1 else None
    if field in own:
        path = ("segments", index, *path)
    fix = hit.fix
    if field in SegmentStaffing.model_fields:
        fix += f" (for {segment.id}'s reps alone: under segments[{segment.id}].staffing)"
    return Hit(message=f"segment {segment.id}: {hit.message}", path=path, fix=fix)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        key = (f.rule, f.path, f.message)
        if key not in seen or f.severity > seen[key].severity:
            seen[key] = f
    return sorted(seen.values(), key=lambda f: (-f.severity, f.line, f.rule))


def reveal_strategy(
    plan: Plan,
    metrics: Metrics,
    known: dict[str, bool] | None = None,
    declared: str = "",
    ctx: Context | None = None,
) -> tuple[Ranking, ...]:
    """Every built-in strategy's fit to the plan, best first (see cs_align.reveal).

    ``known`` holds results already computed for the declared strategy; ``ctx`` is the
    whole-plan context of that run, when there is one.
    """
    return rank(ctx or Context(plan=plan, metrics=metrics), known or {}, declared)


def _congruence(
    loaded: LoadedPlan,
    declared: Strategy,
    rankings: tuple[Ranking, ...],
    given: bool = False,
    mine: Ranking | None = None,
) -> list[Finding]:
    """The figures fit another strategy clearly better than the declared one (or the one
    ``given`` for the run, by --strategy or CS_ALIGN_STRATEGY); ``mine`` is a strategy file's
    own fit (`reveal.fit_of`), a built-in's is among ``rankings``."""
    if declared.builtin:
        mine = next((r for r in rankings if r.strategy == declared.id), None)
    # A plan that keeps every rule of its strategy funds it, whatever else it also funds.
    if mine is None or not (mine.errors or mine.warnings):
        return []
    if rankings[0].fit - mine.fit < CONGRUENCE_GAP:
        return []
    best = rankings[0]
    close = close_to_best(rankings)
    named = best.strategy if len(close) == 1 else " or ".join(close)
    pos = loaded.doc.value_pos(("strategy",))
    return [
        Finding(
            rule=CONGRUENCE,
            severity=Severity.warning,
            area="strategy",
            title="The plan funds the strategy it declares",
            message=f"{'given' if given else 'declared'} {declared.shown}: fit {mine.fit:+.2f}, "
            f"{_broken(mine)}; the figures "
            "fit "
            f"{named} best: fit {best.fit:+.2f}, {_broken(best)}",
            path="strategy",
            line=pos.line,
            column=pos.column,
            fix=f"fund what {declared.shown} needs (see the findings above), or declare {named}",
            source="004",
            strategy=declared.id,
        )
    ]


def _broken(r: Ranking) -> str:
    counts = [(r.errors, "error"), (r.warnings, "warning")]
    parts = [f"{n} {kind} rule{'s' if n > 1 else ''}" for n, kind in counts if n]
    return "breaking " + " and ".join(parts) if parts else "breaking none of its rules"
