"""The rule registry: an explicit dict from rule id to its module."""

from __future__ import annotations

import re
import textwrap
from types import ModuleType
from typing import NamedTuple

from cs_align.rules import (
    abandonment_max,
    agents_on_channels,
    agents_within_total,
    answer_speed,
    best_tier_served_better,
    budget_funds_targets,
    budget_lines_add_up,
    channels_per_team,
    chat_concurrency,
    cost_pace,
    deferred_backlog,
    goodwill_budget,
    hours_cover_target,
    human_line_limited,
    leadership_in_service,
    metric,
    no_overspend,
    no_scripts,
    no_throughput_rewards,
    occupancy_cap,
    outage_channel,
    people_answer,
    people_line_funds_staff,
    product_in_conversation,
    promise_stated,
    public_channel,
    reps_can_fix,
    segment_shares,
    staffing_meets_targets,
    target_stated,
    training_hours,
    unique_channel_ids,
    volume_stated,
)
from cs_align.rules.base import Options

REGISTRY: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        target_stated,
        promise_stated,
        unique_channel_ids,
        budget_lines_add_up,
        people_line_funds_staff,
        agents_within_total,
        agents_on_channels,
        segment_shares,
        staffing_meets_targets,
        occupancy_cap,
        abandonment_max,
        answer_speed,
        people_answer,
        deferred_backlog,
        volume_stated,
        hours_cover_target,
        budget_funds_targets,
        reps_can_fix,
        leadership_in_service,
        no_throughput_rewards,
        no_scripts,
        training_hours,
        channels_per_team,
        outage_channel,
        human_line_limited,
        best_tier_served_better,
        public_channel,
        product_in_conversation,
        cost_pace,
        no_overspend,
        goodwill_budget,
        chat_concurrency,
        metric,
    )
}

CONGRUENCE = "strategy-congruence"
EXPIRED = "waiver-expired"
EXPIRING = "waiver-expiring"
POLICY_CHANGED = "policy-changed"
POLICY_OVERRIDDEN = "policy-overridden"
RESILIENCE = "resilience"


class RuleDoc(NamedTuple):
    """What `explain`, docs/rules.md and SARIF say about a finding's rule."""

    id: str
    title: str
    severity: str
    area: str
    source: str
    doc: str
    reach: str = ""
    """What the rule judges: the plan as a whole, each channel, or the reps' practices."""


ENGINE_FINDINGS = {
    CONGRUENCE: RuleDoc(
        id=CONGRUENCE,
        title="The plan funds the strategy it declares",
        severity="warning",
        area="strategy",
        source="004",
        doc="""The figures fit another strategy clearly better than the declared one.

Why: the failure cs-align exists to catch is planning one strategy and funding another.
Every check ranks the plan against all ten built-in strategies by what sets them apart:
each strategy's error and warning rules are its commitments, weighed by severity (an error
twice a warning; info rules count nothing) and by how distinctive they are (a rule every
strategy shares weighs nothing; a threshold only one strategy asks for, or one stricter
than the others', weighs most). A plan gains a commitment's weight when the rule holds,
loses twice it when the rule fails, and neither when the rule has nothing to judge. That
balance over the largest total any strategy has is the strategy's fit; the best fit is the
strategy the figures actually fund, its revealed strategy (none is clear when another is
within 0.05 of it). When the plan breaks rules of its declared strategy and the declared
fit trails the best by 0.2 or more, this finding names both.

Source: 004 (every budget and staffing decision must be congruent with the strategy picked;
do not plan one thing and fund another).

Options: none; it is raised by the engine, not set in strategy files.

Fails:
    strategy: delight     # but scripts, throughput rewards, 20 USD refund authority""",
    ),
    EXPIRED: RuleDoc(
        id=EXPIRED,
        title="A waiver has expired",
        severity="error",
        area="(that of the waived finding)",
        source="waivers",
        doc="""A waiver's expiry date has passed: the finding it covered counts again. The date
is today's in UTC, the same on every machine: the time zone a run sets (a workflow's
`TZ`) does not move it.

Why: a waiver is a decision with an owner and a date, not a way to hide a finding for ever.

Options: none.

Fails:
    waivers: [{rule: no-scripts, path: staffing.uses_scripts, reason: …, owner: ops,
               expires: 2020-01-01}]""",
    ),
    EXPIRING: RuleDoc(
        id=EXPIRING,
        title="A waiver expires soon",
        severity="warning",
        area="(that of the waived finding)",
        source="waivers",
        doc="""A waiver expires within 14 days: the finding it covers will soon count again.

Why: a waiver is a decision with an owner and a date. Two weeks' notice gives the owner
time to fix the finding or to renew the waiver with a fresh reason, instead of a gate that
fails without warning.

Options: none. Waivers may expire at most `max_waiver_days` ahead (config; default 180).

Fails:
    waivers: [{rule: no-scripts, path: staffing.uses_scripts, reason: …, owner: ops,
               expires: <within 14 days of today>}]""",
    ),
    POLICY_CHANGED: RuleDoc(
        id=POLICY_CHANGED,
        title="The change under review rewrites the policy that judges it",
        severity="error",
        area="strategy",
        source="gate integrity",
        doc="""The change under review edits the policy that decides whether it passes.

Why: the policy — the config file (`.cs-align.yaml`, `[tool.cs-align]`), the strategy
files, the waiver files, a plan's `strategy:` and its waivers — decides what passes. A pull
request that loosens it must not pass unseen. With `check --policy-ref REF` or `diff
--base-ref REF`, cs-align reads the policy as it is at REF (the trusted side), judges the
plan by it, and lists each policy file and value the change adds, edits or removes.
Under a strategy of people (delight, genius, extraordinary trust) who answers is policy
too: the contacts people answer to a target falling by more than a tenth across the
organisation's plans, the time people give each contact (the handle time, shared by the
conversations held at once) falling by more than half, work moved under a higher occupancy
ceiling, and a deleted plan's contacts no plan answers. Under any strategy, so is what an
hour of an agent's time on contacts costs (the loaded cost per FTE over its paid hours less
shrinkage) falling by more than a tenth, or a new plan pricing it more than a tenth below its
organisation's plans: the budget rules price the staff by it. Under
the tiered strategy, the best tier (the best-ranked segment) changing, a line moved into
or out of it, or its own live lines' contacts, and their share of the plan's, falling by
more than a tenth, is one too; so is a
channel of a private kind (e-mail, a phone line) declared `public: true` where
`public-channel` judges the plan, and, where `cost-pace` judges it, contacts bots take
growing by more than a tenth of the plan's (the cost per contact divides by them).

Accept a reviewed change with `--allow-policy-change` on the command line: the finding
turns to info and the new policy is used. Or approve each change read by the id the finding
gives it (`--approve-policy-change ID`): only those changes, as they read, are approved (the
finding lists them, and is info once every change it says is), and the trusted policy still
judges. A config file cannot turn this off.

Source: gate integrity (a gate is worth what it resists from the change it judges).

Options: none; it is raised by the engine, not set in strategy files.

Fails:
    a pull request adds `.cs-align.yaml` with `strategy: lax.yaml`""",
    ),
    POLICY_OVERRIDDEN: RuleDoc(
        id=POLICY_OVERRIDDEN,
        title="A flag loosens the policy that judges the change",
        severity="info",
        area="strategy",
        source="gate integrity",
        doc="""Under review, a flag on the command line lets through what the trusted policy stops.

Why: with `check --policy-ref REF` or `diff --base-ref REF` the policy is read at REF, but
the command line is the workflow's own, and it is obeyed: `--fail-on error` over the
config's `fail_on: warning`, `--max-budget-increase 1000%` over its 5% cap, `--strategy`,
`--waivers`, `--ignore-waivers` turned off, a `--config` naming a looser file than the one
the search finds. In a `pull_request` run the workflow is the pull
request's own copy, so a change can loosen its gate by editing the workflow; the GitHub
Action's `fail-on` and `args` inputs are such flags. This finding names each flag, where it
was written, and the trusted setting it overrides, so the loosening is never unseen. A
flag that only tightens the policy is not said. (A `CS_ALIGN_*` variable that loosens it
is a `policy-changed` finding, and is not obeyed until accepted.)

Source: gate integrity (a gate is worth what it resists from the change it judges).

Options: none; it is raised by the engine, not set in strategy files.

Fails:
    cs-align diff --base-ref main --max-budget-increase 1000% plans/acme.yaml
    # main's .cs-align.yaml: guardrails: {max_budget_increase: 5%}""",
    ),
    RESILIENCE: RuleDoc(
        id=RESILIENCE,
        title="The plan withstands the stress the policy names",
        severity="error",
        area="staffing",
        source="resilience policy (config)",
        doc="""Under the stress the config names, the plan would be worse than the config allows.

Why: a plan that is aligned only at exactly its forecast breaks the first busy week. A
config (never the plan under review: it is policy) may require a margin:

    # .cs-align.yaml
    guardrails:
      resilience: {volume: +10%, at_least: at-risk}

`check` then judges the plan a second time with that stress applied, exactly as
`cs-align whatif PLAN --vary volume=+10%` does (the same rules, strategy and waivers), and
raises this finding when the stressed plan is worse than `at_least` (aligned, at-risk or
misaligned; default at-risk) because of findings the plan does not have as planned. The
message names the scenario and the first thing it breaks, with its figures; the finding
points where that one does. `diff` fails the proposal through the `resilience` guardrail
whether or not its base withstood the stress.

The stress may combine any `whatif` inputs: `volume: +10%`, `aht: +30s`, `shrinkage:
+5pt`, `attrition: 40%`, `agents: -5%`. `action: warn` makes it a warning.

Source: the config's resilience policy; the figures are `whatif`'s (seed 002: responding
quickly needs staff for the flow of questions as it comes; that the flow strays from its
forecast is the policy's premise, not the essay's).

Options: none in strategy files; set it in the config's `guardrails`.

Fails:
    resilience: {volume: +10%, at_least: at-risk}
    channels: [{id: phone, …, agents: 16.2}]   # keeps 80% in 20s, misses it at +10%""",
    ),
}


INPUT_ERROR = "input-error"
FAIL_ON = "fail-on"
GUARDRAIL = "guardrail/"

_GUARDS = "guardrails (the trusted config or `cs-align diff` flags)"
_GUARDRAILS = {
    "max_budget_increase": (
        "budget",
        "The proposal raises the budget total by more than the limit",
        "an amount or a share of the base's total: `--max-budget-increase 5%` or `200k`",
    ),
    "max_budget_decrease": (
        "budget",
        "The proposal cuts the budget total by more than the limit",
        "an amount or a share of the base's total: `--max-budget-decrease 10%` or `500k`",
    ),
    "max_total": (
        "budget",
        "The proposal's budget total is above the cap",
        "an amount, never a share: `--max-total 7.5M`, the highest total a proposal may state "
        "and spend a year (a plan for part of a year is scaled up to one)",
    ),
    "no_verdict_regression": (
        "strategy",
        "The proposal's verdict is worse than the base's",
        "aligned, at-risk, misaligned, from best to worst: `--no-verdict-regression`",
    ),
    "no_new_errors": (
        "(that of the new findings)",
        "The proposal adds error findings the base did not have",
        "on by default; `no_new_errors: false` in the config turns it off",
    ),
    "resilience": (
        "staffing",
        "The proposal fails the stress the policy names",
        "the config's `guardrails.resilience` alone, never a flag: see `cs-align explain "
        "resilience`",
    ),
}


def _guardrail(name: str, area: str, title: str, limit: str) -> RuleDoc:
    flag = "" if name == "resilience" else f"`--{name.replace('_', '-')}` or "
    said = (
        f"Set by {flag}`guardrails.{name}` in `.cs-align.yaml` or `[tool.cs-align]`: {limit}. "
        "A block fails the diff (exit 1); a warning (`:warn`, or `warn` in the config) is "
        f"said and fails nothing. SARIF names it `{GUARDRAIL}{name}`, a GitHub annotation "
        f"`guardrail {name}`, JUnit a `{name}` case of the `guardrails` suite."
    )
    return RuleDoc(
        id=f"{GUARDRAIL}{name}",
        title=title,
        severity="error (warning when set with :warn)",
        area=area,
        source=_GUARDS,
        doc=f"{title}: the {name} guardrail tripped in `cs-align diff`.\n\n"
        f"{textwrap.fill(said, 90, break_on_hyphens=False)}\n\n"
        "Options: none in strategy files; set it on the command line or in the config.",
    )


RUN_RESULTS = {
    INPUT_ERROR: RuleDoc(
        id=INPUT_ERROR,
        title="The input could not be used",
        severity="error",
        area="(the input)",
        source="cs-align",
        doc="""A plan, strategy, waiver or config file could not be read or is not in its format.

The message names the place (file:line:col) and what to write instead (exit 2).

SARIF and JUnit report it as an `input-error` result of the file, GitHub as an
`input-error` annotation at its line and column; the run judges no rule of that plan.

Options: none.""",
    ),
    FAIL_ON: RuleDoc(
        id=FAIL_ON,
        title="New findings at or above --fail-on",
        severity="error",
        area="(that of the new findings)",
        source="`--fail-on` (or `fail_on:` in the config)",
        doc="""The proposal adds findings, or makes them worse, at or above the --fail-on severity.

They fail the diff (exit 1) whatever the guardrails say; findings the base already had do
not.

JUnit names it the `fail_on` case of the `guardrails` suite, a GitHub annotation `blocked
by --fail-on LEVEL`.

Options: none; `--fail-on error|warning|info` sets the level.""",
    ),
    **{f"{GUARDRAIL}{name}": _guardrail(name, *about) for name, about in _GUARDRAILS.items()},
}
"""What a run reports beside the rules' findings (SARIF rules, annotation titles, JUnit
cases), so that `cs-align explain` explains every id a CI format names."""


def run_result(asked: str) -> str | None:
    """The id of ``asked`` in `RUN_RESULTS`, as any CI format or flag spells it:
    `guardrail max_total` (an annotation's title), `max_total` (a JUnit case),
    `max-total` (the flag's words), `fail_on`, `blocked by --fail-on error`; None when it
    names none."""
    text = re.sub(r"^blocked by\s+", "", asked.strip().lower()).lstrip("-")
    name = re.sub(r"^guardrails?[ /:._-]+", "", text).replace("-", "_")
    if name in _GUARDRAILS:
        return f"{GUARDRAIL}{name}"
    plain = text.split(" ")[0].replace("_", "-")  # `blocked by --fail-on warning`
    return plain if plain in RUN_RESULTS else None


def describe(rule_id: str) -> RuleDoc | None:
    """Documentation for a rule module an engine finding or a run's result."""
    module = REGISTRY.get(rule_id)
    if module is None:
        return ENGINE_FINDINGS.get(rule_id) or RUN_RESULTS.get(rule_id)
    return RuleDoc(
        id=rule_id,
        title=module.TITLE,
        severity=module.SEVERITY,
        area=module.AREA,
        source=module.SOURCE,
        doc=(module.__doc__ or module.TITLE).strip(),
        reach=_reach(module),
    )


def cited(rule_id: str, source: str) -> str:
    """A finding's source with each essay it cites told by what the rule takes from it, as
    its `Source:` paragraph says: "002, 004" → "002 (responding quickly needs appropriate
    staffing); 004 (…)". A client's report says what "002" is; other words stay as given."""
    doc = describe(rule_id)
    paragraph = re.search(r"^Source:(.*?)(?:\n\n|\Z)", doc.doc if doc else "", re.S | re.M)
    titles = dict(_CITATION.findall(" ".join(paragraph[1].split()))) if paragraph else {}
    parts = [part.strip() for part in re.split(r"[,;]", source) if part.strip()]
    if not any(part in titles for part in parts):
        return source
    # "essay 002": a client reading a report has never heard of the numbers (review user55)
    return "; ".join(f"essay {part} ({titles[part]})" if part in titles else part for part in parts)


ESSAYS = {
    "000": "a founder who still answers customers: doing service is probably a leader's only "
    "way to stay in touch with customers, and customers should be able to count on an "
    "answer to every email",
    "001": "answer in good time and have a process for problems: one unhappy public post "
    "reaches thousands",
    "002": "four rules of service (answer quickly, which takes enough staff; be honest; be "
    "kind; trust the customer) and four of managing it (service is everyone's job; trust the "
    "reps; reward good conversations, not throughput; train, don't script)",
    "003": "customer service matters as much as the service itself: speed, fixing the root "
    "cause, honesty, and quality above quickness; too many channels can do harm",
    "004": "service succeeds when it does what the organisation set out to do: ten strategies, "
    "and budgets and staffing that fund the one chosen",
}
"""The five short essays on customer service that cs-align's strategies and rules come
from, by the number a rule's source cites, each in a line of paraphrase: "source: 002" told
a reader nothing (review user55)."""


def essays_cited(source: str) -> str:
    """Lines that say what each essay number in ``source`` is ("" when it cites none)."""
    numbers = dict.fromkeys(re.findall(r"\b\d{3}\b", source))
    cited = [n for n in numbers if n in ESSAYS]
    if not cited:
        return ""
    return (
        "Essays cited (the numbered sources are five short essays on customer service that "
        "cs-align's strategies and rules come from):\n"
        + "".join(f"  {n}  {ESSAYS[n]}\n" for n in cited)
    )


_CITATION = re.compile(r"\b(\d{3}) \(((?:[^()]|\([^()]*\))*)\)")
"""`002 (what the rule takes from essay 002)`, a parenthesis inside allowed."""


def _reach(module: ModuleType) -> str:
    if hasattr(module, "reach"):  # the metric rule: it depends on the metric
        return "plan, channel or staff (by metric)"
    return str(module.REACH)


def options_model(module: ModuleType) -> type[Options]:
    model: type[Options] = getattr(module, "OPTIONS", Options)
    return model
