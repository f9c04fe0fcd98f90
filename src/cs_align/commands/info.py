"""The reference commands: `schema`, `strategies list|show`, `explain` and `metrics`, each
as a function that returns the text to print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cs_align.errors import unknown_format, usage
from cs_align.escaping import json_text, visible

if TYPE_CHECKING:
    from cs_align.mix import Unit


def plan_schema() -> str:
    from cs_align.plan import Plan
    from cs_align.policyschema import tighten_waiver
    from cs_align.schema import describe, without_null

    schema = tighten_waiver(without_null(describe(Plan.model_json_schema(), Plan)))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cs-align plan"
    return json.dumps(schema, indent=2)


def schema_text(name: str) -> str:
    """`cs-align schema [NAME]`: the plan file's schema, or that of a command's JSON output."""
    from cs_align.outputschema import OUTPUTS, output_schema
    from cs_align.policyschema import strategy_file_schema, waivers_schema

    if name == "plan":
        return plan_schema()
    files = {"strategy-file": strategy_file_schema, "waivers": waivers_schema}
    if name in files:
        return json.dumps(files[name](), indent=2)
    if name not in OUTPUTS:
        raise unknown_format(name, ("plan", *files, *OUTPUTS), what="schema")
    return json.dumps(output_schema(name), indent=2)


def list_strategies(fmt: str) -> str:
    from cs_align.strategy import builtin_files, builtin_ids, load_strategy

    items = [load_strategy(builtin_files()[i]) for i in builtin_ids(include_universal=True)]
    if fmt == "json":
        return (
            json.dumps(
                [
                    {
                        "id": s.id,
                        "name": s.name,
                        "purpose": s.purpose,
                        "extends": s.extends,
                        "rules": [r.id for r in s.rules],
                    }
                    for s in items
                ],
                indent=2,
            )
            + "\n"
        )
    _check_fmt(fmt)
    width = max(len(s.id) for s in items)
    return "".join(f"{s.id:<{width}}  {s.purpose}\n" for s in items)


def _check_fmt(fmt: str) -> None:
    if fmt != "table":
        raise unknown_format(fmt, ("table", "json"))


def show_strategy(strategy_id: str, fmt: str) -> str:
    from cs_align.strategy import load_strategy, resolve_reference

    strategy = load_strategy(resolve_reference(strategy_id, Path.cwd(), named_by=None))
    data = strategy.to_dict()
    if fmt == "json":
        return json_text(data, indent=2) + "\n"
    _check_fmt(fmt)
    lines = [
        f"{strategy.name} ({strategy.id})",
        f"purpose:   {strategy.purpose or '-'}",
        f"exemplars: {', '.join(strategy.exemplars) or '-'}",
        f"promise:   {strategy.promise or '-'}",
        f"extends:   {strategy.extends or '-'}",
        f"source:    {strategy.source or '-'}",
        "rules:",
    ]
    notes = ("rule", "severity", "source", "house_default")
    for rule in data["rules"]:
        opts = _options(rule["rule"], {k: v for k, v in rule.items() if k not in notes})
        lines.append(f"  {rule['severity']:<8} {rule['rule']}" + (f"  ({opts})" if opts else ""))
        lines += [f"           {k.replace('_', ' ')}: {rule[k]}" for k in notes[2:] if k in rule]
    from cs_align.rules import essays_cited

    sources = " ".join([strategy.source or "", *(str(r.get("source", "")) for r in data["rules"])])
    if essays := essays_cited(sources):
        lines += ["", *essays.splitlines()]
    # A strategy file may come from a pull request: its words are shown, never obeyed.
    return "".join(f"{visible(line)}\n" for line in lines)


def explain_rule(rule_id: str | None, plan: str | None) -> str:
    from cs_align.errors import did_you_mean
    from cs_align.rules import (
        ENGINE_FINDINGS,
        REGISTRY,
        RUN_RESULTS,
        describe,
        essays_cited,
        run_result,
    )

    known = sorted([*REGISTRY, *ENGINE_FINDINGS, *RUN_RESULTS])
    if rule_id is None and plan is not None:  # it listed the rules, the plan unread (user26)
        raise usage(
            f"--plan {plan} needs a rule to show the figures of",
            f"name one: `cs-align explain RULE-ID --plan {plan}` (`cs-align explain` lists them)",
        )
    if rule_id is None:
        width = max(map(len, known)) + 1
        return "".join(f"{rid:<{width}} {describe(rid).title}\n" for rid in known)  # type: ignore[union-attr]
    if describe(rule_id) is None:
        # As SARIF, an annotation's title or a JUnit case names it (review user63).
        rule_id = run_result(rule_id) or rule_id
    doc = describe(rule_id)
    if doc is None:
        raise usage(
            f"unknown rule {rule_id!r}",
            did_you_mean(rule_id, known) or "run `cs-align explain` for the list",
        )
    text = (
        f"{rule_id} — {doc.title}\nseverity: {doc.severity}   area: {doc.area}   "
        f"source: {doc.source}{_reach_note(doc.reach)}\n\n{doc.doc}\n"
    )
    if thresholds := strategy_thresholds(rule_id):
        text += "\nIn the built-in strategies:\n" + "".join(
            f"  {t.strategy:<20} {t.severity:<8} {t.options or '(no options)'}\n"
            f"  {'':<20} {t.basis}\n"
            for t in thresholds
        )
    if essays := essays_cited(doc.source):
        text += "\n" + essays
    if plan:
        text += _rule_on_plan(rule_id, plan)
    return text


def _reach_note(reach: str) -> str:
    return f"   reach: {reach}" if reach else ""


class Threshold(NamedTuple):
    """A rule as one built-in strategy sets it: severity, options and where they come from."""

    strategy: str
    severity: str
    options: str
    basis: str


def strategy_thresholds(rule_id: str) -> list[Threshold]:
    """Each built-in strategy that sets the rule's options or says why it has them."""
    from cs_align.strategy import builtin_files, builtin_ids, load_strategy

    found = []
    for sid in builtin_ids(include_universal=True):
        for rule in load_strategy(builtin_files()[sid]).rules:
            options = rule.stated
            own = rule.basis is not None and rule.basis.strategy == sid
            if rule.id != rule_id or not (own or (options and rule.basis is None)):
                continue
            basis = f"{rule.basis.kind}: {rule.basis.text}" if rule.basis else "(no basis given)"
            shown = _options(rule_id, options)
            found.append(
                Threshold(strategy=sid, severity=rule.severity, options=shown, basis=basis)
            )
    return found


def _options(rule_id: str, options: dict[str, Any]) -> str:
    """A rule entry's options as `strategies show` and `explain` list them: a metric's bounds
    with their unit (`metric.bounds_shown`), the rest as the strategy holds them."""
    from cs_align.rules import metric

    shown = metric.bounds_shown(options) if rule_id == "metric" else _shares_shown(rule_id, options)
    return ", ".join(_option(k, v) for k, v in shown.items())


def _shares_shown(rule_id: str, options: dict[str, Any]) -> dict[str, Any]:
    """A rule's share options as percentages, as a metric's bounds and every finding write
    them: goodwill-budget's `min_share=1%` beside its basis "1% of the budget", where it read
    `min_share=0.01` (review user62)."""
    from decimal import Decimal

    from cs_align.rules import REGISTRY, options_model
    from cs_align.rules.base import is_share

    module = REGISTRY.get(rule_id)
    fields = options_model(module).model_fields if module else {}
    shown = dict(options)
    for name, value in options.items():
        if name in fields and is_share(fields[name]) and isinstance(value, str | int | float):
            percent = f"{Decimal(str(value)) * 100:,.2f}".rstrip("0").rstrip(".")
            shown[name] = f"{percent}%"
    return shown


def _rule_on_plan(rule_id: str, plan: str) -> str:
    from cs_align.commands.common import timed
    from cs_align.engine import CheckOptions, judge, scopes
    from cs_align.loader import load_plan
    from cs_align.rules import REGISTRY

    with timed(plan):
        loaded = load_plan(plan)
        options = CheckOptions()
        units = scopes(loaded, options)
        report = judge(loaded, options)
    text = "\n" + "".join(_as_set(rule_id, unit) for unit in units)
    hits = [f for f in report.findings if f.rule == rule_id]
    # The plan named as check names it (relative to the repository's top): `plan.yaml:40:29`
    # beside check's `sa/plan.yaml:40:29` (review user61).
    named = visible(report.file)
    if not hits and rule_id in REGISTRY and rule_id not in report.rules:
        strategy = visible(report.strategy)
        return text + f"{named}: its strategy {strategy} does not check {rule_id}.\n"
    if (not hits and rule_id.startswith("guardrail/")) or rule_id == "fail-on":
        # A guardrail judges a change, not a plan: "holds" said a check had passed it.
        return text + f"{named}: {rule_id} judges a change: `cs-align diff BASE {named}`.\n"
    if not hits:
        return text + f"{named}: {rule_id} holds.\n"
    return text + "".join(
        f"{visible(f.file) if f.file else named}:{f.line}:{f.column}: {visible(f.message)}\n"
        f"  fix: {visible(f.fix)}\n"
        for f in hits
    )


def _as_set(rule_id: str, unit: Unit) -> str:
    """How the plan's own strategy sets the rule: severity, thresholds and their basis (a
    consultant's strategy file was shown only the built-ins', never its own `min_hours: 160`
    and `source:`, review author59)."""
    found = ""
    for rule in unit.strategy.rules:
        if rule.id != rule_id:
            continue
        dumped = rule.stated
        shown = _options(rule_id, dumped) or "(default options)"
        basis = (
            f"{rule.basis.kind} ({rule.basis.strategy}): {rule.basis.text}"
            if rule.basis
            else "(no basis given)"
        )
        found += (
            f"In this plan's strategy {visible(unit.strategy.shown)}: {rule.severity}  "
            f"{visible(shown)}\n  {visible(basis)}\n"
        )
    return found


def list_metrics(fmt: str) -> str:
    from cs_align.catalogue import all_metrics

    items = all_metrics()
    if fmt == "json":
        return (
            json.dumps(
                [
                    {"name": m.name, "unit": m.unit, "meaning": m.meaning, "scope": m.scope}
                    for m in items
                ],
                indent=2,
            )
            + "\n"
        )
    _check_fmt(fmt)
    return "".join(f"{m.name:<36} {m.unit:<14} {m.scope:<8} {m.meaning}\n" for m in items)


def rules_reference() -> str:
    """docs/rules.md: every rule's documentation, generated from the rule docstrings."""
    from cs_align.rules import ENGINE_FINDINGS, ESSAYS, REGISTRY, RUN_RESULTS, describe

    parts = [
        "# cs-align rules\n\nGenerated from the rule docstrings by "
        "`cs-align explain --markdown`; do not edit by hand.\n\n"
        "A rule's *source* cites, by number, the five short essays on customer service that "
        "cs-align's strategies and rules come from (or names another source):\n\n"
        "| essay | what the rules take from it |\n|---|---|\n"
        + "".join(f"| {n} | {about} |\n" for n, about in ESSAYS.items())
    ]
    for rule_id in sorted([*REGISTRY, *ENGINE_FINDINGS, *RUN_RESULTS]):
        doc = describe(rule_id)
        assert doc is not None
        parts.append(
            f"\n## `{rule_id}` — {doc.title}\n\nDefault severity: "
            f"{doc.severity} · area: {doc.area} · source: {doc.source}"
            f"{' · reach: ' + doc.reach if doc.reach else ''}\n\n"
            f"```text\n{doc.doc}\n```\n"
        )
        if thresholds := strategy_thresholds(rule_id):
            parts.append(
                "\nIn the built-in strategies:\n\n| strategy | severity | options | basis |\n"
                "|---|---|---|---|\n"
                + "".join(
                    f"| {t.strategy} | {t.severity} | {t.options or '–'} | {t.basis} |\n"
                    for t in thresholds
                )
            )
    return "".join(parts)


def _option(key: str, value: object) -> str:
    """A rule's option as a strategy file writes it: `funded=true`, never Python's
    `funded=True` (review user60)."""
    return f"{key}={_yaml(value)}"


def _yaml(value: object) -> str:
    """A value in YAML's flow form: true, null, [a, b], {k: v}."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    return str(value)
