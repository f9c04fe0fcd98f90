"""What `fix` leaves to a person: each finding the fixed plan still has, and the decision it
needs. A computer should not choose a strategy, a promise nobody made, or a forecast."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cs_align.findings import Severity, currency_in_doubt
from cs_align.fixpractice import PRACTICES, unstated
from cs_align.rules.base import NOT_CHECKED
from cs_align.units import fmt_fte, fmt_money, fmt_need, fmt_short, shown_gap

if TYPE_CHECKING:
    from cs_align.findings import Finding, Report
    from cs_align.fixer import Decision
    from cs_align.metrics import ChannelMetrics

HUMAN = {
    "strategy-congruence": "choose the strategy: fund what the declared one needs, or declare "
    "the one the figures fund (a computer should not choose it)",
    "target-stated": "choose the promise this channel makes: the strategy names none for it",
    "promise-stated": "write the promise the plan makes to its customers",
    "volume-stated": "forecast the channel's volume and handle time",
    "human-line-limited": "decide whether this automated plan keeps a fast human line: drop its "
    "live target, or declare a strategy that promises people",
    "public-channel": "decide whether to open and staff a public channel (community or social), "
    "or declare a strategy that does not promise a public dialogue",
    "best-tier-served-better": "decide how the best tier is served better: its own faster "
    "line, staffed ahead of the rest",
    "cost-pace": "set the pace of the cost race: last period's cost per contact, or a budget "
    "that cuts at the stated pace (which lines to cut is a budget decision)",
    "channels-per-team": "close or automate the quietest channels, or hire enough people to "
    "cover each one's hours and absences",
    "segment-shares": "say which share of customers each segment holds",
    "unique-channel-ids": "rename the duplicated channel",
    "no-overspend": "decide what spending the strategy does not promise to cut, or declare a "
    "strategy that promises more",
    "metric": "bring this figure within the strategy's bounds: it is an outcome of other "
    "decisions, not a setting fix can write",
    "policy-changed": "review the policy change and accept it (--allow-policy-change) or drop it",
    "waiver-expired": "fix the finding, or renew the waiver with a fresh reason and owner",
    "waiver-expiring": "fix the finding before the waiver expires, or renew it",
    "budget-funds-targets": "say which budget line pays for the staff (the budget has lines "
    "but no `people` line)",
    "goodwill-budget": "give the budget lines, so a goodwill line can sit beside them",
    "resilience": "staff for the stress the policy names, or change the policy",
    "outage-channel": "add a status page or help centre that tells customers about outages",
}
"""Rule id → the decision a person makes when its finding outlives `fix`."""
AUTOMATIC = frozenset(
    {
        "staffing-meets-targets",
        "abandonment-max",
        "occupancy-cap",
        "deferred-backlog",
        "agents-within-total",
        "people-line-funds-staff",
        "budget-lines-add-up",
        *PRACTICES,
        "chat-concurrency",
        "answer-speed",
        "hours-cover-target",
    }
)
"""Rules `fix` settles itself: one left standing is a limit of `fix`, said as such (but for a
finding about a practice the plan does not state, which is a person's to state: `UNSTATED`)."""


BUDGETED = {
    "training-hours": "decide what the training costs and fund budget.lines.training, or "
    "declare a strategy that does not ask for the money as well as the hours",
}
"""Rules `fix` settles whose finding may point at the budget instead: `fix` writes the hours
a practice needs, never the money it costs, so that finding is a person's (review attack39
F9: the training line a genius plan zeroed while its hours stayed stated)."""


KEPT_BUDGET = {
    "staffing-meets-targets": "the money keeps no target on this channel: fund more staff for "
    "it, or close it",
    "answer-speed": "the money keeps only a slower promise than the strategy's floor: fund "
    "the staff the floor needs, or declare a strategy that promises less",
    "goodwill-budget": "move money into a goodwill line (--keep-budget keeps the lines as "
    "they are), or declare a strategy that does not ask for one",
    "budget-funds-targets": "fund the staff the targets need, or promise less",
    "people-line-funds-staff": "fund the planned staff, or plan fewer",
    "budget-lines-add-up": "make the budget lines add up to the total",
}
"""With --keep-budget, findings that money would settle are a person's decision."""

UNSTATED = "state the practice as it is (fix does not invent one): "
"""The decision a finding about a practice the plan does not state leaves: this, then the
finding's fix (the line to add, with what its value means)."""


def decisions(
    report: Report,
    data: Any,
    keep_budget: bool = False,
    traded: Mapping[str, tuple[frozenset[str], str]] | None = None,
    raised: Mapping[str, tuple[str, str]] | None = None,
    withheld: Mapping[tuple[str, str], str] | None = None,
    kept_up: tuple[Mapping[str, Fraction], Collection[str]] | None = None,
) -> list[Decision]:
    """The decision each finding of ``report`` that counts leaves to a person; ``data`` is the
    judged plan's YAML data (whether it states a practice a finding is about); ``traded``:
    promises `fix` did not write because another rule failed them (see
    `fixpromise.untrade`), by the channel's target; ``raised``: targets `fix` raised to the
    strategy's floor, by the channel's target (channel id, what changed); ``withheld``:
    findings `fix` did not mend because mending them broke a rule that held, by (rule,
    path), with the trade it would have made; ``kept_up``: lines --keep-budget kept up with
    their work before raising any toward its targets, short of them, with the FTE the
    targets need, and the lines whose targets it loosened (`_kept_up_first`)."""
    from cs_align.fixer import Decision

    found = []
    for f in report.findings:
        if not f.counts or f.severity < Severity.warning:
            continue
        decision = decision_for(f, keep_budget, not_stated=unstated(data, f))
        if keep_budget and f.rule in MISSED_BY_STAFF:
            left = _left_unstaffed(report, f) or _left_short(report, f)
            decision = left or _untargeted_short(report, f) or decision
            decision += _paid_first(report) if _short(report, f) else ""
        for target, (rules, why) in (traded or {}).items():
            if f.rule in rules and (f.path == target or f.path.startswith(target + ".")):
                decision = f"fix could not settle this one by itself: {why}; {f.fix}"
        for target, (channel, change) in (raised or {}).items():
            if f.rule in MISSED_BY_STAFF and (f.path == target or f.path.startswith(target + ".")):
                decision = _raised_past_staff(report, channel, change, keep_budget)
        trade = (withheld or {}).get((f.rule, f.path))
        if trade is not None:
            decision = f"{trade}: decide which gives ({f.fix})"
        if kept_up is not None and not any(f.path.startswith(t) for t in raised or {}):
            decision += _kept_up_first(report, f, *kept_up)
        found.append(Decision(finding=f, decision=decision))
    return found


MISSED_BY_STAFF = frozenset({"staffing-meets-targets", "abandonment-max", "deferred-backlog"})
"""Rules whose finding on a channel says its staff miss its targets."""


def _raised_past_staff(report: Report, channel: str, change: str, keep_budget: bool) -> str:
    """What remains where `fix` raised a channel's target to the strategy's floor and the staff
    then miss it (review fix50f: under delight, `fix --keep-budget` wrote 80% in 20s over a
    phone line whose 8 FTE kept the 50% in 10m written, and said only "the money keeps no
    target on this channel")."""
    m = report.metrics.channel(channel) if report.metrics else None
    needs = ""
    if m is not None and m.needed_fte > m.planned_fte:
        needs = (
            f": it needs {fmt_need(m.needed_fte)} FTE, the plan has {fmt_fte(m.planned_fte)} "
            f"({fmt_short(m.needed_fte, m.planned_fte)})"
        )
    staff = "the staff the money pays for" if keep_budget else "the staff fix could plan"
    fund = "fund them (`cs-align fix` without --keep-budget does)" if keep_budget else "fund them"
    return (
        f"fix raised {channel}'s {change}, the strategy's floor (answer-speed), and {staff} "
        f"miss it{needs}; {fund}, or declare a strategy that promises less"
    )


def _kept_up_first(
    report: Report, finding: Finding, kept_up: Mapping[str, Fraction], loosened: Collection[str]
) -> str:
    """Why a line --keep-budget kept up short of its targets was not kept whole, as less
    money would have kept it: with money to keep every line up, every line is kept up first
    (a queue that never clears is the worst plan to hand over), then raised toward its
    targets, the smallest raise first (the lead's rule, recalc60). At 8.0 FTE two lines,
    phone 4.4 + chat 3.6, keep up, and the chat's 80% in 60s, kept whole on 6.2 at 7.9 FTE,
    is written 80% in 12h45m: nothing said why. Where the targets stand as asked the
    decision already names what they need."""
    m = _channel_of(report, finding)
    need = kept_up.get(m.id) if m is not None else None
    if m is None or need is None or m.planned_fte >= need or report.metrics is None:
        return ""
    rule = (
        " (fix kept every line up with its work before raising any toward its targets, so "
        "that no queue grows without end"
    )
    if m.id not in loosened:
        return rule + ")"
    cost = report.metrics.yearly_cost(Fraction(shown_gap(need, m.planned_fte)))
    money = f", {fmt_money(cost, report.currency)} a year" if cost is not None else ""
    return (
        f"{rule}: {m.id}'s targets before fix loosened them need {fmt_need(need)} FTE "
        f"({fmt_short(need, m.planned_fte)}{money}))"
    )


def _channel_of(report: Report, finding: Finding) -> ChannelMetrics | None:
    """The figures of the channel ``finding`` is about (its path names it by id,
    `channels[phone]…`), or None where it is about no channel or the plan has no figures."""
    found = re.match(r"channels\[([^\]]+)\]", finding.path)
    return report.metrics.channel(found[1]) if found and report.metrics is not None else None


def _left_unstaffed(report: Report, finding: Finding) -> str | None:
    """The decision for a line --keep-budget gave no staff while its contacts still come:
    the table said only `people-line-funds-staff` and the decision "fund more staff for it,
    or close it", as if nothing were closed yet (review recalc58 C: two like phones at
    280,000 GBP, beta written `agents: 0` with 1,200 calls a week)."""
    m = _channel_of(report, finding)
    if m is None or m.planned_fte or not m.weekly_contacts:
        return None
    week = float(m.weekly_contacts)
    count = f"{week:,.0f}" if week >= 10 else f"{week:.2g}"
    return (
        f"the money pays for no staff on {m.id}, so fix gave it none and its {count} "
        "contacts a week go unanswered: fund staff for it, or close it and say where its "
        "contacts go"
    )


def _untargeted_short(report: Report, finding: Finding) -> str | None:
    """The decision for a line stating no target that --keep-budget left short of its work
    at the occupancy ceiling: "fund them, or promise less" told a line that promises nothing
    to promise less (recalc60: a shared NOK inbox on 0.6 FTE for 4.5)."""
    m = _channel_of(report, finding)
    if m is None or m.goal.kind != "none" or not m.planned_fte or not _short(report, finding):
        return None
    gap = shown_gap(m.needed_fte, m.planned_fte)
    cost = report.metrics.yearly_cost(Fraction(gap)) if report.metrics is not None else None
    money = f", {fmt_money(cost, report.currency)} a year" if cost is not None else ""
    return (
        f"the money pays for {fmt_fte(m.planned_fte)} FTE on {m.id}, short of the "
        f"{fmt_need(m.needed_fte)} its work needs at the occupancy ceiling "
        f"({fmt_short(m.needed_fte, m.planned_fte)}{money}); it states no target to loosen: "
        f"fund them, or close {m.id} and say where its contacts go"
    )


def _short(report: Report, finding: Finding) -> bool:
    """Whether the channel ``finding`` is on has fewer FTE than its targets (or, stating
    none, its workload at the ceiling) need: a line --keep-budget left short, whatever the
    decision says of it. The paid-first note stood only on lines whose staff keep no figure
    of a target or have none: a shared NOK inbox on 0.6 FTE for the 4.5 its work needs,
    beside a desk's 2 paid first, read only "fund them, or promise less" (recalc60)."""
    m = _channel_of(report, finding)
    return m is not None and m.needed_fte > m.planned_fte


def _paid_first(report: Report) -> str:
    """What a line left short by --keep-budget gave way to, where staff sit on lines `fix`
    cannot size (no volume or handle time): those are paid first, as planned, and the lines
    it sizes share what is left (`keepbudget._unsized_staff`). A desk's 2 FTE stood beside
    a phone cut 3 -> 1.5 and nothing said why the desk was not cut (planner60)."""
    if report.metrics is None:
        return ""
    kept = [c for c in report.metrics.channels if c.model == "none" and c.planned_fte > 0]
    if not kept:
        return ""
    paid = " and ".join(f"{c.id}'s {fmt_fte(c.planned_fte)} FTE" for c in kept)
    named = " and ".join(c.id for c in kept)
    return (
        f" (fix paid {paid} first: it cannot size a line with no volume or handle time, so "
        f"such a line's staff come before the lines it sizes; state {named}'s volume and "
        "handle time to rank it with them)"
    )


def _left_short(report: Report, finding: Finding) -> str | None:
    """The decision for a line whose staff the money pays for keep no figure of a target it
    states, named with what the targets need: --keep-budget writes no looser target there
    (`keepbudget._all_keepable`), and the decision said only "the money keeps no target on
    this channel", not by how much (planner60: the delight phone on 2.9 FTE, 13.8 needed)."""
    from cs_align.keepbudget import keeps_some

    m = _channel_of(report, finding)
    if m is None or not m.planned_fte or m.needed_fte <= m.planned_fte or keeps_some(m, m.misses):
        return None
    gap = shown_gap(m.needed_fte, m.planned_fte)
    cost = report.metrics.yearly_cost(Fraction(gap)) if report.metrics is not None else None
    money = f", {fmt_money(cost, report.currency)} a year" if cost is not None else ""
    return (
        f"the money pays for {fmt_fte(m.planned_fte)} FTE on {m.id}, too few to keep any "
        f"figure of its targets, so fix loosened none: they need {fmt_need(m.needed_fte)} FTE "
        f"({fmt_short(m.needed_fte, m.planned_fte)}{money}); fund them, or close {m.id} "
        "and say where its contacts go"
    )


def decision_for(finding: Finding, keep_budget: bool = False, not_stated: bool = False) -> str:
    """The decision ``finding`` leaves to a person; ``not_stated``: it is about a practice the
    plan does not state."""
    if not_stated:
        return UNSTATED + finding.fix
    if currency_in_doubt(finding):
        return "say which currency the strategy's amount is in (fix does not guess it): " + (
            finding.fix
        )
    if NOT_CHECKED in finding.message:  # a figure the plan leaves out: a budget, a cost
        return "state the figure the plan leaves out (fix does not invent one): " + finding.fix
    if keep_budget and finding.rule in KEPT_BUDGET:
        return KEPT_BUDGET[finding.rule]
    if keep_budget and finding.rule == "occupancy-cap":
        # A promise loosened holds no ceiling (review calc42 F3).
        return (
            "the money does not pay for the staff this needs: fund them, or raise "
            "staffing.max_occupancy if the team can sustain it"
        )
    if keep_budget and finding.rule in ("abandonment-max", "deferred-backlog"):
        return "the money does not pay for the staff this needs: fund them, or promise less"
    if _budgeted(finding):
        return BUDGETED[finding.rule]
    if finding.rule in AUTOMATIC:
        return f"fix could not settle this one by itself: {finding.fix}"
    return HUMAN.get(finding.rule, finding.fix)


def settled_by_fix(finding: Finding) -> bool:
    """Whether ``finding`` is one `fix` settles itself: of a rule it settles, and not about
    the money a practice costs (`BUDGETED`)."""
    return finding.rule in AUTOMATIC and not _budgeted(finding)


def _budgeted(finding: Finding) -> bool:
    return finding.rule in BUDGETED and finding.path.startswith("budget")
