"""JSON Schemas (draft 2020-12) of the policy files a consultant writes beside the plans: a
strategy file (`cs-align schema strategy-file`) and a waiver file (`cs-align schema
waivers`), for editors (`# yaml-language-server: $schema=…`) and validators.

Built from what the reader validates with, so they cannot drift: the rule ids from the rule
registry, each rule's options from its options model (its thresholds' bounds from the
model's ``MOST``, ``LEAST`` and ``SIGNED``), the severities from ``strategy.SeverityName``,
the waiver's fields from ``plan.Waiver``. What JSON Schema cannot state (a file that
`extends` exists, an option's three decimals read as a thousands separator, a metric's
bounds read in its unit) is said in the descriptions, and left to the reader.
"""

from __future__ import annotations

import copy
import re
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cs_align import patterns as rx
from cs_align.rules.base import is_share, plain_number
from cs_align.schema import _written, describe

DIALECT = "https://json-schema.org/draft/2020-12/schema"
NUMBER = rx.number()
_ENTRY_KEYS = ("rule", "severity", "source", "house_default")


def waivable_rules() -> list[str]:
    """The rule ids a waiver may name: every rule's and engine finding's, but the three
    that cannot be waived (plan._UNWAIVABLE)."""
    from cs_align.plan import _UNWAIVABLE
    from cs_align.rules import ENGINE_FINDINGS, REGISTRY

    return sorted(r for r in [*REGISTRY, *ENGINE_FINDINGS] if r not in _UNWAIVABLE)


def tighten_waiver(schema: dict[str, Any]) -> dict[str, Any]:
    """State in ``$defs.Waiver`` what its validators check that JSON Schema can say: the
    rule is a waivable rule id (a misspelt one waives nothing), the reason and owner as long
    as the shortest the reader takes (in place; returned)."""
    from cs_align.plan import _UNWAIVABLE

    waiver = schema.get("$defs", {}).get("Waiver")
    if not waiver:
        return schema
    props = waiver["properties"]
    props["rule"]["enum"] = waivable_rules()
    props["rule"]["description"] += f" Not {', '.join(sorted(_UNWAIVABLE))}: they cannot be waived."
    props["reason"]["minLength"] = 15
    props["reason"]["description"] += (
        " The reader also counts the words (spaces run together count as one) and refuses "
        "placeholders such as tbd."
    )
    props["owner"]["minLength"] = 2
    props["owner"]["description"] += " The reader also asks for a letter in it."
    waiver["description"] = (
        "A finding accepted on purpose, by rule id and plan path, until a date. The reader "
        "also refuses a second waiver of the same rule and path, and one that expires more "
        "than max_waiver_days ahead."
    )
    return schema


def waivers_schema() -> dict[str, Any]:
    """The schema of a waiver file (`--waivers FILE`, the config's `waivers:`)."""
    from cs_align.waivers import WaiverFile

    schema = tighten_waiver(describe(WaiverFile.model_json_schema(), WaiverFile))
    return {**schema, "$schema": DIALECT, "title": "cs-align waiver file"}


# ---- strategy files -------------------------------------------------------------------


def _bare(annotation: Any) -> tuple[Any, bool]:
    """The annotation without None, and whether None is allowed."""
    args = typing.get_args(annotation)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else annotation), True
    return annotation, False


def _bounds(model: type[BaseModel], name: str) -> tuple[Decimal | None, Decimal | None]:
    """The least and largest value the options model takes for a threshold."""
    least: Decimal | None = None if name in getattr(model, "SIGNED", ()) else Decimal(0)
    if name in getattr(model, "LEAST", {}):
        least = model.LEAST[name][0]  # type: ignore[attr-defined]
    most = model.MOST[name][0] if name in getattr(model, "MOST", {}) else None  # type: ignore[attr-defined]
    return least, most


def _text(least: Decimal | None, most: Decimal | None, whole: str, after: str) -> str:
    """A number written as text (``whole`` its form), from ``least`` to ``most``, then
    ``after``; below zero only when ``least`` is None."""
    positive = r"\+?" + rx.within(least or None, most, after, underscores=True) + whole
    if least is None:
        return rf"(?:-{whole}|{positive})"
    return positive


def _number_schema(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any]:
    """A threshold written as a YAML number or as text (as ``Options`` reads text), within
    the model's bounds; a share also as a percentage (5% is 0.05), a bare number past 1
    refused (``units.option_share``)."""
    kind, nullable = _bare(info.annotation)
    least, most = _bounds(model, name)
    whole = "[0-9](?:_?[0-9])*" if kind is int else rx.number(underscores=True)
    text = _text(least, most, whole, r"\s*$")
    number: dict[str, Any] = {"type": "integer" if kind is int else "number"}
    if least is not None:
        number["minimum"] = _json(least)
    if most is not None:
        number["maximum"] = _json(most)
    if is_share(info):
        low = max(least, Decimal(-1)) if least is not None else Decimal(-1)
        high = min(most, Decimal(1)) if most is not None else Decimal(1)
        number.update(minimum=_json(low), maximum=_json(high))
        percent_least = least * 100 if least is not None else None
        percent_most = most * 100 if most is not None else None
        percent = rx.within(percent_least or None, percent_most, r"\s*%") + NUMBER
        if least is None:
            percent = rf"(?:-{NUMBER}|{percent})"
        decimal = rx.number(underscores=True)
        fraction = r"\+?" + rx.within(least or None, high, r"\s*$", underscores=True) + decimal
        if least is None:  # below zero, as far as -1
            below = rx.within(None, Decimal(1), r"\s*$", underscores=True)
            fraction = rf"(?:-{below}{decimal}|{fraction})"
        text = rf"(?:{percent}\s*%|{fraction})"
    branches: list[dict[str, Any]] = [number, {"type": "string", "pattern": rf"^\s*{text}\s*$"}]
    if nullable:
        branches.append({"type": "null"})
    return {"anyOf": branches}


def _json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral() else float(value)


_READER_BEYOND = {
    "metric": "The reader reads min and max in the metric's unit: a share as 80% or 0.8 (a "
    "bare number past 1 refused), a wait as 20s or a number of seconds, money in `currency` "
    "(or the plan's); it needs min or max, min no more than max, and `currency` only on a "
    "metric of money.",
}


def option_docs(doc: str) -> dict[str, str]:
    """{option: what it is} from a rule's docstring, its `Options:` section as `cs-align
    explain` shows it (`min / max: …` documents both)."""
    section = doc.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0] if "\nOptions:\n" in doc else ""
    found: dict[str, str] = {}
    names: list[str] = []
    for line in section.splitlines():
        match = re.match(r"\s*([a-z_]+(?: / [a-z_]+)*): (.*)", line)
        if match:
            names = match[1].split(" / ")
            for name in names:
                found[name] = match[2].strip()
        else:
            for name in names:
                found[name] += " " + line.strip()
    return found


def _options(rule: str) -> dict[str, Any]:
    """The properties of a rule's options as its options model reads them."""
    from cs_align.rules import REGISTRY, options_model

    model = options_model(REGISTRY[rule])
    generated = model.model_json_schema()
    documented = option_docs(REGISTRY[rule].__doc__ or "")
    properties: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        prop = copy.deepcopy(generated["properties"][name])
        if plain_number(info):  # not a figure with a unit of its own (a wait)
            kept = {k: v for k, v in prop.items() if k in ("title", "description")}
            prop = {**kept, **_number_schema(model, name, info)}
        if rule == "metric" and name == "metric":
            from cs_align.catalogue import CHANNEL_METRICS, PLAN_METRICS

            prop["enum"] = sorted([*PLAN_METRICS, *CHANNEL_METRICS])
        if rule == "metric" and name in ("min", "max"):
            prop = {
                "title": prop.get("title", name),
                "anyOf": [
                    {"type": "number"},
                    {"type": "string", "pattern": r"^\s*[\s\S]*[0-9][\s\S]*$"},
                    {"type": "null"},
                ],
            }
        if name in documented:
            prop["description"] = documented[name]
        prop.pop("default", None)
        if info.default is not None and not info.is_required():
            written = _written(info)
            if isinstance(written, int | float | str | bool | list):
                prop["default"] = written
        properties[name] = prop
    return properties


def _branch(rule: str, listed: bool) -> dict[str, Any]:
    """One rule's entry: in the list form (`- rule: ID`, ``listed``), or as the value of
    the mapping form (`ID: {…}`)."""
    from cs_align.rules import REGISTRY

    options = _options(rule)
    common: dict[str, Any] = {
        "severity": {"$ref": "#/$defs/Severity"},
        "source": {"anyOf": [{"type": "string", "minLength": 3}, {"type": "null"}]},
        "house_default": {"anyOf": [{"type": "string", "minLength": 3}, {"type": "null"}]},
    }
    properties = {**({"rule": {"const": rule}} if listed else {}), **common, **options}
    required = ["rule"] if listed else []
    if rule == "metric":
        required.append("metric")
    summary = (REGISTRY[rule].__doc__ or "").strip().split("\n", 1)[0]
    description = f"{rule}: {summary.rstrip('.')} (cs-align explain {rule})."
    if rule in _READER_BEYOND:
        description += " " + _READER_BEYOND[rule]
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "not": {"required": ["source", "house_default"]},
    }


def strategy_file_schema() -> dict[str, Any]:
    """The schema of a strategy file, as `extends:` and each rule's options are read."""
    from cs_align.patterns import STRATEGY_ALIASES
    from cs_align.rules import REGISTRY
    from cs_align.strategy import RuleEntry, SeverityName, StrategyFile, builtin_ids

    schema = describe(StrategyFile.model_json_schema(), StrategyFile)
    defs: dict[str, Any] = {}
    entry_docs = schema.get("$defs", {}).get("RuleEntry", {}).get("properties", {})
    defs["Severity"] = {
        "enum": list(typing.get_args(SeverityName)),
        "description": "error, warning or info; disable or off drops the rule (and one "
        "inherited); left out, the rule's own severity, or the one it inherits (written "
        "empty, it is refused: an author who cleared it may have meant off).",
    }
    for rule in REGISTRY:
        defs[f"rule:{rule}"] = _branch(rule, listed=True)
        defs[f"options:{rule}"] = _branch(rule, listed=False)
    for branch in defs.values():
        for key in ("source", "house_default"):
            if key in branch.get("properties", {}) and key in entry_docs:
                branch["properties"][key]["description"] = entry_docs[key].get("description")
    defs["RuleEntry"] = {
        "type": "object",
        "description": (RuleEntry.__doc__ or "").strip()
        or "A rule the strategy checks: its id, severity, options, and where its "
        "thresholds come from (source or house_default, not both).",
        "properties": {"rule": {"enum": sorted(REGISTRY)}},
        "required": ["rule"],
        "anyOf": [{"$ref": f"#/$defs/rule:{rule}"} for rule in REGISTRY],
    }
    schema["$defs"] = defs
    props = schema["properties"]
    rules_doc = props["rules"].get("description", "")
    props["rules"] = {
        "description": rules_doc,
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/$defs/RuleEntry"}},
            {
                "type": "object",
                "description": "The short form: each rule id to its severity, or to its "
                "options (and severity, source or house_default).",
                "propertyNames": {"enum": sorted(REGISTRY)},
                "properties": {
                    rule: {
                        "anyOf": [
                            {"$ref": "#/$defs/Severity"},
                            {"type": "null", "description": "the rule as it stands"},
                            {"$ref": f"#/$defs/options:{rule}"},
                        ]
                    }
                    for rule in REGISTRY
                },
                "additionalProperties": False,
            },
        ],
    }
    builtins = [*builtin_ids(include_universal=True), *STRATEGY_ALIASES]
    props["extends"] = {
        "description": props["extends"].get("description", ""),
        "anyOf": [
            {"enum": builtins},
            {"type": "string", "pattern": r"^(?:[\s\S]*\.ya?ml|[\s\S]*[/\\][\s\S]*)$"},
            {"type": "null"},
        ],
    }
    return {
        **schema,
        "$schema": DIALECT,
        "title": "cs-align strategy file",
        "description": (
            "A strategy file: which rules apply to a plan, with which options and severity. "
            "The reader also checks what JSON Schema cannot: that a file `extends` names "
            "exists, in the repository; that a user file's id is not a built-in strategy's "
            "or alias; that no rule is configured twice (a metric's entries excepted); that "
            "an option with three decimals (1.200) is not a thousands separator."
        ),
    }
