"""The revealed strategy: the built-in strategy a plan's figures fund, judged by what sets
the strategies apart rather than by the share of rules that hold.

Each strategy commits to its error and warning rules (info rules commit to nothing). A
commitment weighs its severity (an error twice a warning) times how distinctive it is: the
log of how many strategies there are over how many commit to it or to something at least
as strict (`ln(10 / n)`). A rule every strategy shares weighs nothing; a refund authority
of at least 250, which only extraordinary trust asks for, weighs more than one of at least
50, which three strategies' thresholds imply. A plan earns a commitment's weight when the
rule holds, loses it when the rule fails, and neither when the rule has nothing to judge
(its `applies` says so: practice rules on a plan with no reps, or about a practice the plan
does not state, which `check` reports as unchecked); a broken commitment counts twice
(`BROKEN`). The fit is that balance over the largest total weight any strategy has, so
strategies compare on one scale (from -2 to 1): a plan that keeps a strict strategy's many
commitments fits it better than a looser one whose few it also keeps, and a plan that keeps
a loose strategy whole fits it better than a strict one it breaks. Within `CLEAR_MARGIN` of
the best, no fit is clear.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cs_align.findings import Ranking
from cs_align.rules.base import Context, at_least_as_strict
from cs_align.strategy import EnabledRule, builtin_files, builtin_ids, load_strategy

SEVERITY_WEIGHT = {"error": 2.0, "warning": 1.0}
"""What failing or keeping a commitment counts, by severity; info rules count nothing."""

BROKEN = 2.0
"""A broken commitment counts twice a kept one: a plan does not fund a strategy whose rules
it breaks, however many others of them it keeps."""

HELD, FAILED, IDLE = 1, -1, 0
"""A rule on a plan: holds, fails, or has nothing to judge."""

Judge = Callable[[Context, Any], bool]
"""A rule module's `applies(ctx, options)`: whether the plan gives the rule anything to judge
(when it says not, the rule's outcome is no evidence, whatever `check` reports)."""


@dataclass(frozen=True)
class Commitment:
    signature: str
    severity: str
    weight: float


@dataclass(frozen=True)
class Scored:
    """One strategy as the ranking reads it, laid out for a quick pass per plan."""

    id: str
    signatures: tuple[str, ...]
    """Its rules' signatures (rule id plus options)."""
    commitments: tuple[Commitment, ...]
    committed: tuple[str, ...]
    """The commitments' signatures, in their order."""
    weights: tuple[float, ...]
    """The commitments' weights, in their order."""
    errors: tuple[str, ...]
    """Signatures of its error commitments."""
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """The built-in strategies' rules and commitments, built once per process."""

    strategies: tuple[Scored, ...]
    committed: tuple[dict[str, list[EnabledRule]], ...]
    """Each built-in's commitments by rule key: what a rule's distinctness is weighed among."""
    distinct: tuple[tuple[str, EnabledRule, Judge | None], ...]
    """Every distinct signature once, with a rule that has it and its `applies`, if any."""
    scale: float
    """The largest total weight of any strategy's commitments."""


@functools.cache
def table() -> Table:
    loaded = [(sid, load_strategy(builtin_files()[sid]).rules) for sid in builtin_ids()]
    committed = [_by_key(r for r in rules if r.severity in SEVERITY_WEIGHT) for _, rules in loaded]
    distinct: dict[str, EnabledRule] = {}
    for _, rules in loaded:
        for rule in rules:
            distinct.setdefault(rule.signature, rule)
    # Equal signatures are equal rules: each distinct one is weighed once.
    rarity = {sig: _distinctness(rule, committed) for sig, rule in distinct.items()}
    strategies = tuple(_scored(sid, rules, lambda r: rarity[r.signature]) for sid, rules in loaded)
    scale = max((sum(s.weights) for s in strategies), default=0.0)
    return Table(
        strategies=strategies,
        committed=tuple(committed),
        distinct=tuple((sig, r, getattr(r.module, "applies", None)) for sig, r in distinct.items()),
        scale=scale or 1.0,
    )


def _scored(
    sid: str, rules: tuple[EnabledRule, ...], rarity: Callable[[EnabledRule], float]
) -> Scored:
    """One strategy's commitments, each weighed by its severity times its ``rarity``."""
    weighted = tuple(
        Commitment(
            signature=r.signature,
            severity=r.severity,
            weight=SEVERITY_WEIGHT[r.severity] * rarity(r),
        )
        for same in _by_key(r for r in rules if r.severity in SEVERITY_WEIGHT).values()
        for r in same
    )
    return Scored(
        id=sid,
        signatures=tuple(r.signature for r in rules),
        commitments=weighted,
        committed=tuple(c.signature for c in weighted),
        weights=tuple(c.weight for c in weighted),
        errors=tuple(c.signature for c in weighted if c.severity == "error"),
        warnings=tuple(c.signature for c in weighted if c.severity == "warning"),
    )


def _by_key(rules: Iterable[EnabledRule]) -> dict[str, list[EnabledRule]]:
    """A strategy's commitments by rule key (the metric rule has one key per metric)."""
    found: dict[str, list[EnabledRule]] = {}
    for rule in rules:
        found.setdefault(rule.key, []).append(rule)
    return found


def _distinctness(rule: EnabledRule, committed: list[dict[str, list[EnabledRule]]]) -> float:
    """ln(strategies ÷ those committing to this rule, or to something at least as strict)."""
    sharing = sum(
        any(_covers(other, rule) for other in rules.get(rule.key, ())) for rules in committed
    )
    # A rule no strategy commits to (universal's refund floor of 1 in the plan's currency,
    # which no floor in USD is comparable with) is weighed nowhere.
    return math.log(len(committed) / sharing) if sharing else 0.0


def _covers(a: EnabledRule, b: EnabledRule) -> bool:
    return a.signature == b.signature or at_least_as_strict(a.options, b.options)


def outcome(rule: EnabledRule, ctx: Context, held: bool | None = None) -> int:
    """HELD, FAILED or IDLE; ``held`` is the result of a run already made on this context."""
    return _outcomes(
        ((rule.signature, rule, getattr(rule.module, "applies", None)),),
        ctx,
        {rule.signature: held} if held is not None else {},
    )[rule.signature]


def _outcomes(
    rules: tuple[tuple[str, EnabledRule, Judge | None], ...], ctx: Context, known: dict[str, bool]
) -> dict[str, int]:
    found = {}
    for sig, rule, applies in rules:
        if applies is not None and not applies(ctx, rule.options):
            # Nothing to judge, or a practice the plan does not state: `check` reports the
            # latter as unchecked, but it is no evidence for or against a strategy.
            found[sig] = IDLE
            continue
        held = known.get(sig)
        if held is None:
            held = not any(rule.module.check(ctx, rule.options))
        found[sig] = HELD if held else FAILED
    return found


def rank(ctx: Context, known: dict[str, bool], declared: str = "") -> tuple[Ranking, ...]:
    """Every built-in strategy's fit to the plan, best first.

    ``known`` holds which rules held in the declared strategy's whole-plan run: strategies
    share most rules and options, so each distinct rule runs once.
    """
    t = table()
    outcomes = _outcomes(t.distinct, ctx, known)
    counted = _counted(outcomes)
    rankings = [_ranking(s, outcomes, counted, t.scale) for s in t.strategies]
    return tuple(sorted(rankings, key=lambda r: (-r.fit, r.strategy != declared, r.strategy)))


def fit_of(
    rules: Iterable[EnabledRule], ctx: Context, known: dict[str, bool], name: str
) -> Ranking:
    """A strategy file's fit to the plan, on the built-ins' scale: its commitments weighed as
    a built-in's are, by how few built-ins commit to them or to something as strict, so it
    compares with theirs (review author59: a plan under `ours.yaml`, extending delight and
    funded as fast-food, got no `strategy-congruence`: the declared strategy was looked up
    among the built-ins by id, and a file is none of them)."""
    t = table()
    rules = tuple(rules)
    outcomes = _outcomes(
        tuple((r.signature, r, getattr(r.module, "applies", None)) for r in rules), ctx, known
    )
    among = list(t.committed)
    scored = _scored(name, rules, lambda r: _distinctness(r, among))
    return _ranking(scored, outcomes, _counted(outcomes), t.scale)


def _ranking(
    s: Scored, outcomes: dict[str, int], counted: dict[str, float], scale: float
) -> Ranking:
    """``s``'s fit to the plan: what its commitments count (``counted``, by signature) over
    ``scale``, with how many of its rules hold and how many of its errors and warnings fail."""
    get = outcomes.__getitem__
    states = list(map(get, s.signatures))
    balance = sum(map(operator.mul, s.weights, map(counted.__getitem__, s.committed)))
    return Ranking(
        strategy=s.id,
        held=states.count(HELD),
        applicable=len(states) - states.count(IDLE),
        fit=round(balance / scale, 6),
        errors=list(map(get, s.errors)).count(FAILED),
        warnings=list(map(get, s.warnings)).count(FAILED),
    )


def _counted(outcomes: dict[str, int]) -> dict[str, float]:
    """What each outcome adds to a commitment's balance per unit of its weight."""
    return {sig: BROKEN * FAILED if o == FAILED else float(o) for sig, o in outcomes.items()}
