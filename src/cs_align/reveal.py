"""The revealed strategy: the built-in strategy a plan's figures fund, judged by what sets
the strategies apart rather than by the share of rules that hold.

Each strategy commits to its error and warning rules (info rules commit to nothing). A
commitment weighs its severity (an error twice a warning) times how distinctive it is: the
log of how many strategies there are over how many commit to it or to something at least
as strict (`ln(10 / n)`). A rule every strategy shares weighs nothing; a refund authority
of at least 250, which only extraordinary trust asks for, weighs more than one of at least
50, which three strategies' thresholds imply. A plan earns a commitment's weight when the
rule holds, loses it when the rule fails, and neither when the rule has nothing to judge
(practice rules on a plan with no reps); a broken commitment counts twice (`BROKEN`). The
fit is that balance over the largest total weight any strategy has, so strategies compare
on one scale (from -2 to 1): a plan that keeps a strict strategy's many commitments fits it
better than a looser one whose few it also keeps, and a plan that keeps a loose strategy
whole fits it better than a strict one it breaks. Within `CLEAR_MARGIN` of the best, no
fit is clear.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Commitment:
    signature: str
    severity: str
    weight: float


@dataclass(frozen=True)
class Table:
    """The built-in strategies' rules and commitments, built once per process."""

    strategies: tuple[tuple[str, tuple[str, ...], tuple[Commitment, ...]], ...]
    """Each strategy's id, its rules' signatures, and its weighted commitments."""
    distinct: tuple[tuple[str, EnabledRule], ...]
    """Every distinct signature once, with a rule that has it."""
    scale: float
    """The largest total weight of any strategy's commitments."""


@functools.cache
def table() -> Table:
    loaded = [(sid, load_strategy(builtin_files()[sid]).rules) for sid in builtin_ids()]
    committed = [[r for r in rules if r.severity in SEVERITY_WEIGHT] for _, rules in loaded]
    strategies = []
    for (sid, rules), mine in zip(loaded, committed, strict=True):
        weighted = tuple(
            Commitment(
                r.signature, r.severity, SEVERITY_WEIGHT[r.severity] * _distinctness(r, committed)
            )
            for r in mine
        )
        strategies.append((sid, tuple(r.signature for r in rules), weighted))
    distinct: dict[str, EnabledRule] = {}
    for _, rules in loaded:
        for rule in rules:
            distinct.setdefault(rule.signature, rule)
    scale = max((sum(c.weight for c in s[2]) for s in strategies), default=0.0)
    return Table(tuple(strategies), tuple(distinct.items()), scale or 1.0)


def _distinctness(rule: EnabledRule, committed: list[list[EnabledRule]]) -> float:
    """ln(strategies ÷ those committing to this rule, or to something at least as strict)."""
    sharing = sum(
        any(r.key == rule.key and at_least_as_strict(r.options, rule.options) for r in rules)
        for rules in committed
    )
    return math.log(len(committed) / sharing)


def outcome(rule: EnabledRule, ctx: Context, held: bool | None = None) -> int:
    """HELD, FAILED or IDLE; ``held`` is the result of a run already made on this context."""
    if held is None:
        held = not any(rule.module.check(ctx, rule.options))
    if not held:
        return FAILED
    applies = getattr(rule.module, "applies", None)
    return HELD if applies is None or applies(ctx, rule.options) else IDLE


def rank(ctx: Context, known: dict[str, bool], declared: str = "") -> tuple[Ranking, ...]:
    """Every built-in strategy's fit to the plan, best first.

    ``known`` holds which rules held in the declared strategy's whole-plan run: strategies
    share most rules and options, so each distinct rule runs once.
    """
    t = table()
    outcomes = {sig: outcome(rule, ctx, known.get(sig)) for sig, rule in t.distinct}
    rankings = []
    for sid, signatures, commitments in t.strategies:
        states = [outcomes[s] for s in signatures]
        balance = sum(
            c.weight
            * (BROKEN * FAILED if outcomes[c.signature] == FAILED else outcomes[c.signature])
            for c in commitments
        )
        failed = [c.severity for c in commitments if outcomes[c.signature] == FAILED]
        rankings.append(
            Ranking(
                sid,
                states.count(HELD),
                len(states) - states.count(IDLE),
                round(balance / t.scale, 6),
                failed.count("error"),
                failed.count("warning"),
            )
        )
    return tuple(sorted(rankings, key=lambda r: (-r.fit, r.strategy != declared, r.strategy)))
