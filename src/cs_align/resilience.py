"""The resilience guardrail: under a stress the config names, the plan stays at least as good
as a verdict the config names (`resilience: {volume: +10%, at_least: at-risk}`).

The stress is a what-if scenario (see `cs_align.scenarios`), judged exactly as `whatif`
judges it: by the plan's strategy, with the same rules and waivers as `check`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from cs_align.errors import CsAlignError, PlanError, Problem, close_matches
from cs_align.findings import VERDICTS, Finding, Severity, plural
from cs_align.rules import RESILIENCE
from cs_align.scenarios import KEYS, Scenario, parse_value
from cs_align.units import as_said, bad

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from cs_align.engine import CheckOptions
    from cs_align.loader import LoadedPlan
    from cs_align.metrics import Metrics
    from cs_align.mix import Unit

_FIX = "write e.g. resilience: {volume: +10%, at_least: at-risk}"
_ALLOWED = {"aligned": Severity.warning, "at-risk": Severity.error, "misaligned": None}
"""The lowest severity a stressed plan may not have, for each `at_least`."""


class Resilience(NamedTuple):
    scenario: Scenario
    at_least: str = "at-risk"
    action: Literal["warn", "block"] = "block"

    def __str__(self) -> str:
        return f"{self.scenario.name}: at least {self.at_least} ({self.action})"


def parse_resilience(value: Any) -> Resilience | None:
    """{volume: +10%, at_least: at-risk, action: block} → Resilience (the config's form)."""
    if value is None or isinstance(value, Resilience):
        return value
    if not isinstance(value, dict):
        raise bad("resilience is a mapping of a stress and a verdict", _FIX)
    # Each part's problem is told at that part, not at the `{` (review input61).
    at_least = as_said(value.get("at_least", "at-risk"))
    from cs_align.config import action_word  # config reads this module lazily

    action = as_said(action_word(value.get("action", "block")))
    if at_least not in VERDICTS:
        raise bad(
            f"at_least {at_least!r} is not a verdict",
            "write aligned, at-risk or misaligned",
            at=("at_least",),
        )
    if action not in ("warn", "block"):
        raise bad(f"action {action!r} is not warn or block", "write warn or block", at=("action",))
    unknown = [k for k in value if k not in (*KEYS, "at_least", "action")]
    if unknown:
        close = close_matches(str(unknown[0]), [*KEYS, "at_least", "action"])
        raise bad(
            f"resilience has no setting {unknown[0]!r}",
            f"did you mean {close[0]!r}?" if close else f"name one of {', '.join(KEYS)}",
            at=(unknown[0],),
            key=True,
        )
    varies = []
    for key in (k for k in KEYS if k in value):
        if isinstance(value[key], bool):  # YAML true is no stress, nor 1
            raise bad(f"{key}: {str(value[key]).lower()} is not a stress", _FIX, at=(key,))
        try:
            varies.append(parse_value(key, as_said(value[key])))
        except CsAlignError as exc:
            problem = exc.problems[0]
            raise bad(
                problem.message.removeprefix("--vary "), _as_config(key, problem.fix), at=(key,)
            ) from None
    if not varies:
        raise bad("resilience names no stress", _FIX)
    return Resilience(scenario=Scenario(varies=tuple(varies)), at_least=at_least, action=action)  # type: ignore[arg-type]


def _as_config(key: str, text: str) -> str:
    """A --vary value as the config writes it: `volume: +30%`, not `volume=+30%`, which a
    YAML file would read as one word (review user60)."""
    return re.sub(rf"(?<![\w-]){key}=", f"{key}: ", text)


class Base(NamedTuple):
    """The plan a what-if scenario changes, for a stress on top of that scenario: the plan
    as written, its figures, and the scenario (`whatif.run`)."""

    loaded: LoadedPlan
    metrics: Metrics
    scenario: Scenario


def allowed(policy: Resilience) -> Severity | None:
    """The least severity the stressed plan may not have (None: any will do)."""
    return _ALLOWED[policy.at_least]


def withstands(
    loaded: LoadedPlan,
    units: Sequence[Unit],
    options: CheckOptions,
    today: dt.date,
    planned: Metrics,
    found: list[Finding],
    base: Base | None = None,
) -> list[Finding]:
    """A `resilience` finding when the stress makes the plan worse than the policy allows,
    naming the first thing the stress breaks (``found``: the plan's own findings as
    planned); none when it breaks nothing new. With ``base``, the plan judged is that
    what-if scenario of it, and the stress lands on top of the scenario, as on the plan the
    scenario describes (calc56: `whatif` judged its scenarios without the guardrail, so a
    plan misaligned as planned, the stress breaking it, read aligned under volume +10%)."""
    policy = options.resilience
    assert policy is not None
    from cs_align.engine import evaluate
    from cs_align.inputs import changes, stated

    stress, name = policy.scenario, policy.scenario.name
    if base is not None:
        loaded, planned = base.loaded, base.metrics
        stress = Scenario(varies=(*base.scenario.varies, *stress.varies))
        name = f"{name} on top of {base.scenario.name}"
    try:
        change = changes(loaded.plan, planned, stress)
    except CsAlignError as exc:
        raise _out_of_range(loaded, policy, exc) from None
    varied = loaded._replace(plan=stated(loaded.plan, stress))
    stressed = evaluate(varied, units, replace(options, resilience=None), today, changes=change)
    limit = _ALLOWED[policy.at_least]
    if limit is None or VERDICTS.index(stressed.verdict) <= VERDICTS.index(policy.at_least):
        return []
    before = {(f.rule, f.path) for f in found}
    broken = [
        f
        for f in stressed.findings
        if f.counts and f.severity >= limit and (f.rule, f.path) not in before
    ]
    if not broken:
        return []
    return [_finding(policy, name, stressed.verdict, broken)]


_STRESSED = {
    "shrinkage": ("staffing", "shrinkage"),
    "attrition": ("staffing", "shrinkage"),
    "agents": ("staffing", "agents"),
    "volume": ("channels",),
    "aht": ("channels",),
}
"""Where in a plan each stress lands, for an error that places it."""


def _out_of_range(loaded: LoadedPlan, policy: Resilience, exc: CsAlignError) -> PlanError:
    """The config's stress takes this plan's inputs out of range: the plan's error, at the
    input the stress moves (review input31 F02: it was reported against a file called
    `cs-align`, line 0, and which plan of a folder was unusable was said nowhere)."""
    said = exc.problems[0]
    key = policy.scenario.varies[0].key if policy.scenario.varies else ""
    pos = loaded.doc.value_pos(_STRESSED.get(key, ()))
    return PlanError(
        [
            Problem(
                file=loaded.file,
                line=pos.line,
                column=pos.column,
                message=f"the config's resilience stress cannot be applied: {said.message}",
                fix=f"{said.fix}, or lower the stress (guardrails.resilience in the config)",
            )
        ]
    )


def _finding(policy: Resilience, name: str, verdict: str, broken: list[Finding]) -> Finding:
    first = broken[0]
    return Finding(
        rule=RESILIENCE,
        severity=Severity.error if policy.action == "block" else Severity.warning,
        area="staffing",
        title="The plan withstands the stress the policy names",
        message=f"under {name} the plan would be {verdict}; the resilience policy asks for at "
        "least "
        f"{policy.at_least}: {plural(len(broken), 'new finding')}, first {first.rule}: "
        f"{first.message}",
        path=first.path,
        line=first.line,
        column=first.column,
        fix=f"{first.fix} — enough to hold under {name} (`cs-align fix` sizes for it; "
        f"`cs-align whatif` shows the figures)",
        source="resilience policy (config)",
        strategy=first.strategy,
    )
