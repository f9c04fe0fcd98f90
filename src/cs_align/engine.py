"""evaluate(plan, strategy) → Report. No I/O beyond reading the plan and strategy files."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from cs_align.errors import Problem
from cs_align.findings import Finding, Ranking, Report, Severity
from cs_align.loader import LoadedPlan, load_plan, plan_path
from cs_align.metrics import Metrics, compute
from cs_align.plan import Mix, Plan
from cs_align.repo import DEFAULT_ACCESS, Access, Reviewed, root_of
from cs_align.rules import CONGRUENCE
from cs_align.rules.base import Context
from cs_align.strategy import (
    EnabledRule,
    Strategy,
    builtin_files,
    builtin_ids,
    load_strategy,
    resolve_reference,
)
from cs_align.waivers import MAX_WAIVER_DAYS, WaiverEntry, apply_waivers, from_document

CONGRUENCE_GAP = 0.2
"""How far the declared strategy's fit must trail the best fit to raise strategy-congruence."""


class Scoped(NamedTuple):
    strategy: Strategy
    scope: frozenset[str] | None
    plan_level: bool


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


def check_file(
    path: str | Path, options: CheckOptions | None = None, display: str | None = None
) -> Report:
    return judge(load_plan(path, display), options or CheckOptions())


def judge(loaded: LoadedPlan, options: CheckOptions) -> Report:
    """Evaluate a plan; under review, by the trusted policy, with what the change did to it."""
    if isinstance(options.access.tree, Reviewed):
        from cs_align.policy import review

        return review(loaded, options)
    return evaluate(loaded, options)


def evaluate(loaded: LoadedPlan, options: CheckOptions, *, reveal: bool = True) -> Report:
    plan, metrics = loaded.plan, compute(loaded.plan)
    scoped = _scopes(loaded, options.strategy, loaded.folder, options.access)
    findings: list[Finding] = []
    holds: dict[str, bool] = {}
    whole = Context(plan, metrics)
    for item in scoped:
        if item.scope is None and item.plan_level:
            ctx = whole
        else:
            ctx = Context(plan, metrics, item.scope, item.plan_level)
        findings.extend(_run(item.strategy, ctx, loaded, holds if ctx.scope is None else None))
    findings = _dedupe(findings)
    rankings: tuple[Ranking, ...] = ()
    if reveal:
        rankings = reveal_strategy(plan, metrics, holds, scoped[0].strategy.id, whole)
        findings.extend(_congruence(loaded, scoped[0].strategy, rankings))
    unmatched: list[str] = []
    if not options.ignore_waivers:
        own = options.plan_waivers
        if own is None:
            own = (*from_document(plan.waivers, loaded.doc), *loaded.inline)
        entries = [*own, *options.waivers]
        today = options.today or dt.date.today()
        findings, unmatched = apply_waivers(findings, entries, today, options.max_waiver_days)
    label = _label(plan.strategy, scoped)
    checked = dict.fromkeys(r.id for item in scoped for r in item.strategy.rules)
    return Report(
        file=loaded.file,
        organisation=plan.organisation,
        strategy=label,
        findings=tuple(findings),
        metrics=metrics,
        revealed=rankings,
        unmatched_waivers=tuple(unmatched),
        rules=tuple(checked),
        policy_files=tuple(dict.fromkeys(f for item in scoped for f in item.strategy.files)),
        config=options.config,
        waiver_files=tuple(dict.fromkeys(e.doc.file for e in options.waivers)),
    )


def _label(declared: str | Mix, scoped: list[Scoped]) -> str:
    if isinstance(declared, Mix):
        return " + ".join(dict.fromkeys(s.strategy.shown for s in scoped))
    return scoped[0].strategy.shown


def _scopes(loaded: LoadedPlan, override: str | None, base: Path, access: Access) -> list[Scoped]:
    plan = loaded.plan
    if override:
        path = resolve_reference(override, Path.cwd(), named_by=None, access=access)
        return [Scoped(load_strategy(path, access), None, True)]
    declared = plan.strategy
    pos = loaded.doc.value_pos(("strategy",))
    named_by = Problem(loaded.file, pos.line, pos.column, "")
    root = root_of(base, access.home)

    def load(ref: str) -> Strategy:
        path = resolve_reference(ref, base, named_by=named_by, root=root, access=access)
        return load_strategy(path, access)

    if isinstance(declared, str):
        return [Scoped(load(declared), None, True)]
    covered: dict[str, set[str]] = {}
    for segment_id, ref in declared.by_segment.items():
        channels = {c.id for c in plan.channels if c.segment == segment_id}
        covered.setdefault(ref, set()).update(channels)
    for channel_id, ref in declared.by_channel.items():
        covered.setdefault(ref, set()).add(channel_id)
    others = set().union(*covered.values()) if covered else set()
    primary = Scoped(
        load(declared.primary),
        frozenset(c.id for c in plan.channels if c.id not in others),
        True,
    )
    return [
        primary,
        *(Scoped(load(ref), frozenset(ids), False) for ref, ids in covered.items()),
    ]


def _run(
    strategy: Strategy, ctx: Context, loaded: LoadedPlan, holds: dict[str, bool] | None
) -> list[Finding]:
    """Run the strategy's rules; record which held in ``holds`` (whole-plan runs only)."""
    found = []
    for rule in strategy.rules:
        hits = list(rule.module.check(ctx, rule.options))
        if holds is not None:
            holds[rule.signature] = not hits
        for hit in hits:
            pos = loaded.doc.finding_pos(hit.path)
            found.append(
                Finding(
                    rule.id,
                    Severity.parse(rule.severity),
                    rule.module.AREA,
                    rule.module.TITLE,
                    hit.message,
                    plan_path(loaded.doc.data, hit.path),
                    pos.line,
                    pos.column,
                    hit.fix,
                    rule.module.SOURCE,
                    strategy.id,
                )
            )
    return found


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
    """Score every built-in strategy by the share of its rules the plan satisfies.

    ``known`` holds results already computed for the declared strategy; strategies share
    most rules and options, so each distinct rule runs once. ``ctx`` is the whole-plan
    context of that run, when there is one.
    """
    ctx = ctx or Context(plan, metrics)
    holds = dict(known or {})
    table = _builtin_rules()
    for signature, rule in table.distinct:
        if signature not in holds:
            holds[signature] = not any(rule.module.check(ctx, rule.options))
    rankings = [
        Ranking(sid, sum(map(holds.__getitem__, signatures)), len(signatures))
        for sid, signatures in table.strategies
    ]
    # Ties go to the declared strategy, then to the one with more rules held (more specific).
    return tuple(
        sorted(rankings, key=lambda r: (-r.score, r.strategy != declared, -r.held, r.strategy))
    )


@dataclass(frozen=True)
class _RuleTable:
    strategies: tuple[tuple[str, tuple[str, ...]], ...]
    """Each built-in strategy's id and its rules' signatures (rule id plus options)."""
    distinct: tuple[tuple[str, EnabledRule], ...]
    """Every distinct signature once, with a rule that has it."""


@functools.cache
def _builtin_rules() -> _RuleTable:
    """The built-in strategies' rules, built once per process."""
    strategies = []
    distinct: dict[str, EnabledRule] = {}
    for sid in builtin_ids():
        rules = load_strategy(builtin_files()[sid]).rules
        strategies.append((sid, tuple(r.signature for r in rules)))
        for rule in rules:
            distinct.setdefault(rule.signature, rule)
    return _RuleTable(tuple(strategies), tuple(distinct.items()))


def _congruence(
    loaded: LoadedPlan, declared: Strategy, rankings: tuple[Ranking, ...]
) -> list[Finding]:
    if not rankings or declared.id not in {r.strategy for r in rankings}:
        return []
    best = rankings[0]
    mine = next(r for r in rankings if r.strategy == declared.id)
    if best.strategy == declared.id or best.score - mine.score < CONGRUENCE_GAP:
        return []
    pos = loaded.doc.value_pos(("strategy",))
    return [
        Finding(
            CONGRUENCE,
            Severity.warning,
            "strategy",
            "The plan funds the strategy it declares",
            f"declared {declared.id}: {mine.held}/{mine.applicable} rules hold; the "
            f"figures fit {best.strategy} best: {best.held}/{best.applicable}",
            "strategy",
            pos.line,
            pos.column,
            f"fund what {declared.id} needs (see the findings above), or declare {best.strategy}",
            "004",
            declared.id,
        )
    ]
