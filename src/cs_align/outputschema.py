"""JSON Schemas (draft 2020-12) of what `check`, `diff`, `staff`, `promise`, `whatif`, `fix`,
`metrics` and `strategies list` write with `-f json`, for CI users who validate the output
they read: `cs-align schema check` (diff, staff, promise, whatif, fix, metrics, strategies).

Built here beside the reporter (`reporters.json`) rather than shipped as files: the enums
(verdicts, severities, areas, channel kinds) come from the code that writes them. Every object
the reporter writes is closed (`additionalProperties: false`), so a key renamed or added in
the reporter fails validation in the tests until the schema describes it. Money is written as
a string (a decimal, exact), staff and shares as numbers.
"""

from __future__ import annotations

from typing import Any

from cs_align.catalogue import SCOPES
from cs_align.findings import AREAS, VERDICTS, Severity
from cs_align.plan import STAFFED, Kind
from cs_align.sizing import BINDINGS, MODELS, SIZED_AS, SPREADS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
OUTPUTS = (
    "check",
    "diff",
    "staff",
    "promise",
    "whatif",
    "fix",
    "metrics",
    "strategies",
    "strategy",
    "config",
)
"""The commands whose `--format json` output has a schema (`plan` is the plan file's;
`strategies` is `strategies list`'s; `config` is `check --show-config`'s)."""

_STR: dict[str, Any] = {"type": "string"}
_INT: dict[str, Any] = {"type": "integer"}
_NUM: dict[str, Any] = {"type": "number"}
_BOOL: dict[str, Any] = {"type": "boolean"}
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}


def _null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _money(text: str) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
        "description": f"{text}: a decimal written as a string, exact (never a float).",
    }


def _closed(
    properties: dict[str, Any], optional: tuple[str, ...] = (), description: str = ""
) -> dict[str, Any]:
    """An object with exactly these keys: all required but ``optional``, no other."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _verdict(nullable: bool = False) -> dict[str, Any]:
    enum: list[str | None] = list(VERDICTS)
    return {"enum": [*enum, None] if nullable else enum}


def _defs(nullable_verdict: bool) -> dict[str, Any]:
    """The shared definitions; a diff's proposal has no verdict when the plan is deleted."""
    severity = {"enum": [s.name for s in Severity]}
    waived = _closed(
        {
            "reason": _STR,
            "owner": _STR,
            "expires": {**_STR, "description": "The expiry date, YYYY-MM-DD."},
            "file": _STR,
            "line": _INT,
        },
        description="Who accepted the finding, why and until when, and where the waiver is.",
    )
    finding = _closed(
        {
            "rule": {**_STR, "description": "The rule's id (cs-align explain RULE)."},
            "severity": severity,
            "area": {"enum": list(AREAS)},
            "title": _STR,
            "message": _STR,
            "path": {**_STR, "description": "Where in the plan, as a dotted path."},
            "line": _INT,
            "column": _INT,
            "fix": _STR,
            "source": _STR,
            "strategy": _STR,
            "waived": waived,
            "file": {**_STR, "description": "The file `line` is in when not the plan."},
        },
        optional=("waived", "file"),
        description="A finding; a waived one does not count towards the verdict.",
    )
    problem = _closed(
        {
            "file": _STR,
            "line": {**_INT, "description": "0 when the problem has no place in a file."},
            "column": _INT,
            "message": _STR,
            "fix": _STR,
        },
        description="Input that could not be used (exit 2): where, what, what to write.",
    )
    channel = _closed(
        {
            "id": _STR,
            "kind": {"enum": [k.value for k in Kind]},
            "model": {
                "enum": list(MODELS),
                "description": "How the staff are sized: a queue's model, workload, or none.",
            },
            "spread": {
                "enum": list(SPREADS),
                "description": "How the load is spread over the open week.",
            },
            "offered_load_erlangs": _null(_NUM),
            "required_positions": _NUM,
            "planned_positions": _NUM,
            "required_fte": _null(_NUM),
            "required_fte_at_ceiling": _null(_NUM),
            "needed_fte": _NUM,
            "planned_fte": _null(_NUM),
            "binding_constraint": {
                "enum": list(BINDINGS),
                "description": "What decides the staff: a target, keeping up (stability), "
                "the occupancy ceiling, or none. With occupancy, the ceiling's need is "
                "required_fte_at_ceiling.",
            },
            "target_binding_constraint": {
                "enum": [b for b in BINDINGS if b != "occupancy"],
                "description": "What decides required_fte and required_positions (the "
                "targets' need): a target, keeping up (stability), or none; never the "
                "occupancy ceiling.",
            },
            "target": _null(_STR),
            "targets": _null(_STR),
            "service_level": _null(_NUM),
            "asa_seconds": _null(_NUM),
            "occupancy": _null(_NUM),
            "abandonment": _null(_NUM),
            "first_response_seconds": _null(_NUM),
            "stable": _BOOL,
            "highest_occupancy": _null(_NUM),
            "highest_occupancy_at": {**_STR, "description": "The busiest interval, HH:MM."},
        },
        optional=("highest_occupancy", "highest_occupancy_at"),
        description="A channel's figures; shares (service level, occupancy) are 0 to 1.",
    )
    metrics = _closed(
        {
            "required_fte": _NUM,
            "needed_fte": _NUM,
            "planned_fte": _null(_NUM),
            "cost_per_contact": _null(_money("The cost of a contact")),
            "channels": {"type": "array", "items": {"$ref": "#/$defs/channel"}},
            "assumptions": {"type": "array", "items": _STR},
        }
    )
    ranking = _closed(
        {
            "strategy": _STR,
            "held": _INT,
            "applicable": _INT,
            "score": _NUM,
            "broken_errors": _INT,
            "broken_warnings": _INT,
        }
    )
    revealed = _closed(
        {
            "best": _STR,
            "clear": _BOOL,
            "close": {"type": "array", "items": _STR},
            "ranking": {"type": "array", "items": ranking},
        },
        description="The built-in strategy the plan's figures fit best.",
    )
    strings = {"type": "array", "items": _STR}
    report = _closed(
        {
            "path": _STR,
            "organisation": _STR,
            "currency": {
                **_STR,
                "description": "The plan's currency (ISO 4217): every amount in this record, "
                "cost_per_contact and the findings' figures, is in it.",
            },
            "strategy": _STR,
            "verdict": _verdict(nullable_verdict),
            "areas": _closed({a: _verdict(nullable_verdict) for a in AREAS}),
            "counts": _closed({k: _COUNT for k in ("error", "warning", "info", "waived")}),
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "declared_strategy": {
                **_STR,
                "description": "The strategy the plan declares, when another judged it.",
            },
            "strategy_files": strings,
            "config": _STR,
            "waiver_files": strings,
            "revealed_strategy": revealed,
            "metrics": {"$ref": "#/$defs/metrics"},
            "unmatched_waivers": strings,
        },
        optional=(
            "currency",
            "declared_strategy",
            "strategy_files",
            "config",
            "waiver_files",
            "revealed_strategy",
            "metrics",
            "unmatched_waivers",
        ),
        description="One checked plan: its verdict, verdict by area, findings and figures.",
    )
    return {
        "finding": finding,
        "problem": problem,
        "channel": channel,
        "metrics": metrics,
        "report": report,
    }


def check_schema() -> dict[str, Any]:
    """What `cs-align check -f json` writes (one plan a line from a large batch: the same)."""
    return {
        "$schema": DIALECT,
        "title": "cs-align check --format json",
        **_closed(
            {
                "version": {**_STR, "description": "The cs-align version that wrote it."},
                "plans": {"type": "array", "items": {"$ref": "#/$defs/report"}},
                "errors": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
            }
        ),
        "$defs": _defs(nullable_verdict=False),
    }


def diff_schema() -> dict[str, Any]:
    """What `cs-align diff -f json` writes."""
    defs = _defs(nullable_verdict=True)
    side = {"before": _null(_money("Before")), "after": _null(_money("After"))}
    money_change = _closed(
        {
            "name": _STR,
            **side,
            "delta": _null(_money("After less before (none when the currencies differ)")),
            "change": {
                **_null(_NUM),
                "description": "The delta as a share of before: -0.1 is 10% less.",
            },
        }
    )
    channel = _closed(
        {
            "id": _STR,
            "target": _null(_STR),
            "planned_fte_before": _null(_NUM),
            "planned_fte_after": _null(_NUM),
            "required_fte": _null(_NUM),
            "needed_fte": _null(_NUM),
            "service_level_before": _null(_NUM),
            "service_level_after": _null(_NUM),
            "asa_seconds_before": _null(_NUM),
            "asa_seconds_after": _null(_NUM),
        }
    )
    findings = {"type": "array", "items": {"$ref": "#/$defs/finding"}}
    diff = _closed(
        {
            "base": {"$ref": "#/$defs/report"},
            "plan": {
                "$ref": "#/$defs/report",
                "description": "The proposal; verdict and areas are null when it is deleted.",
            },
            "verdict": _closed({"before": _verdict(), "after": _verdict(nullable=True)}),
            "status": {"enum": ["new", "changed", "deleted"]},
            "deleted": _BOOL,
            "base_currency": _STR,
            "currency": _STR,
            "budget": {"type": "array", "items": money_change},
            "cost_per_contact": _closed(side),
            "channels": {"type": "array", "items": channel},
            "assumptions": {
                "type": "array",
                "items": _closed({"name": _STR, "before": _STR, "after": _STR}),
            },
            "findings": _closed({s: findings for s in ("new", "worse", "fixed", "unchanged")}),
            "guardrails": {
                "type": "array",
                "items": _closed(
                    {"guardrail": _STR, "action": {"enum": ["warn", "block"]}, "message": _STR}
                ),
            },
            "blocked": {**_BOOL, "description": "True exactly when the diff exits 1."},
            "fail_on": {"enum": [s.name for s in Severity]},
            "failing_reasons": {
                "type": "array",
                "items": _closed(
                    {
                        "kind": {"enum": ["guardrail", "findings"]},
                        "name": _STR,
                        "message": _STR,
                        "file": _STR,
                        "line": _INT,
                        "column": _INT,
                    }
                ),
            },
        }
    )
    judged = _closed({"version": {**_STR, "description": "The cs-align version."}, "diff": diff})
    # A base or proposal it could not use (exit 2) is written as check writes one: no plan,
    # the errors. The schema said {version, diff} alone, so a CI job that validated diff's
    # output refused the very document that says why the diff stopped (review user58).
    unusable = _closed(
        {
            "version": _STR,
            "plans": {"type": "array", "maxItems": 0},
            "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
        },
        description="A base or proposal the diff could not use (exit 2): the errors, as check's.",
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align diff --format json",
        "anyOf": [judged, unusable],
        "$defs": defs,
    }


def staff_schema() -> dict[str, Any]:
    """What `cs-align staff -f json` writes: one queue's figures, or, for input it could not
    use (exit 2, the message on stderr as well), the errors."""
    count = {**_COUNT, "description": "People on shift (agents), whole."}
    properties = {
        "version": {**_STR, "description": "The cs-align version that wrote it."},
        "offered_load_erlangs": _NUM,
        "required_agents": {
            **_null(count),
            "description": "On shift for the targets; null past the largest queue sized.",
        },
        "scheduled_agents": {
            **_null(_COUNT),
            "description": "required_agents grossed up for shrinkage (null with it).",
        },
        "binding_constraint": {
            "enum": [*BINDINGS, "given"],
            "description": "What decides the headcount: a target, keeping up (stability), "
            "occupancy, none (no contacts), or given (--agents).",
        },
        "service_level": {
            **_null(_NUM),
            "description": "Within --target's time; null with --target none (no time given).",
        },
        "asa_seconds": _null(_NUM),
        "occupancy": _NUM,
        "prob_wait": _NUM,
        "stable": _BOOL,
        "concurrency": {**_INT, "minimum": 1},
        "model": {"enum": ["erlang-c", "erlang-a"]},
        "abandonment": {**_NUM, "description": "Erlang A (--patience) only."},
        "warning": _STR,
        "agents": {**count, "description": "--agents: the headcount evaluated."},
        "agents_scheduled": {**_COUNT, "description": "--agents grossed up for shrinkage."},
        "open_hours_per_week": _NUM,
        "hours_per_day": _NUM,
        "period": {"enum": ["day", "week", "month", "year"]},
        "period_days": {
            **_NUM,
            "description": "A month's or a year's days the volume is spread over: 30.4375 "
            "(365.25 ÷ 12) or 365.25 (per month or year only).",
        },
        "peak_factor": _NUM,
        "meets_target": _BOOL,
        "max_occupancy": {
            **_null(_NUM),
            "description": "The occupancy ceiling sized at; null with --max-occupancy none.",
        },
        "max_occupancy_default": _BOOL,
        "shrinkage": {
            **_NUM,
            "description": "The share of paid time off the phones that scheduled_agents and "
            "agents_scheduled are grossed up by (--shrinkage, 30% when not given).",
        },
        "within_ceiling": {**_BOOL, "description": "With a ceiling only."},
    }
    optional = (
        "abandonment",
        "warning",
        "agents",
        "agents_scheduled",
        "open_hours_per_week",
        "hours_per_day",
        "period",
        "period_days",
        "peak_factor",
        "within_ceiling",
    )
    unusable = _closed(
        {
            "version": _STR,
            "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
        },
        description="Input the command could not use (exit 2): the errors, as check's.",
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align staff --format json",
        "anyOf": [_closed(properties, optional=optional), _staff_kind(), unusable],
        "$defs": {"problem": _defs(nullable_verdict=False)["problem"]},
    }


def _staff_kind() -> dict[str, Any]:
    """What `cs-align staff --kind KIND -f json` writes: the line as `check` sizes a channel
    of that kind, under check's own keys for a channel (`$defs/channel` of `schema check`)."""
    line = dict(_defs(nullable_verdict=False)["channel"]["properties"])
    for key in ("id", "highest_occupancy", "highest_occupancy_at"):
        line.pop(key)
    line["planned_positions"] = {
        **_NUM,
        "description": "On shift every open hour with planned_fte (the answer, or --agents).",
    }
    line["planned_fte"] = {
        **_NUM,
        "description": "The answer: the least FTE, to the tenth, that keep the targets and "
        "hold the occupancy ceiling; with --agents, the FTE that keep them on shift.",
    }
    for key in ("service_level", "asa_seconds", "occupancy", "abandonment"):
        line[key] = {**line[key], "description": "Achieved with planned_fte."}
    properties = {
        "version": {**_STR, "description": "The cs-align version that wrote it."},
        "kind": {"enum": list(STAFFED), "description": "--kind: the line's channel kind."},
        "sized_as": {
            "enum": list(dict.fromkeys(SIZED_AS.values())),
            "description": "How check sizes the line: a live queue (a caller waits only while "
            "someone is on shift), an inbox queue (an inbox held to an hour or less: a "
            "message waits for the next person), inbox (work over the open week, in "
            "part-time cover) or none (no contacts).",
        },
        **line,
        "needed_fte_at_ceiling": {
            **_NUM,
            "description": "The least FTE, to the tenth, that keep the targets and hold the "
            "occupancy ceiling (needed_fte: the targets alone).",
        },
        "meets_target": {**_BOOL, "description": "planned_fte keep every stated target."},
        "within_ceiling": {**_BOOL, "description": "planned_fte hold the occupancy ceiling."},
        "open_hours_per_week": _NUM,
        "shrinkage": _NUM,
        "paid_hours_per_fte": {**_NUM, "description": "Paid hours an FTE works a year."},
        "max_occupancy": _NUM,
        "agents": {**_COUNT, "description": "--agents: people on shift every open hour."},
    }
    return _closed(
        properties,
        optional=("agents",),
        description="With --kind: the line sized as check sizes a channel of that kind.",
    )


def _unusable(empty: str) -> dict[str, Any]:
    """What `promise`, `whatif` and `fix` write for a plan they could not use (exit 2): ``empty``
    an empty list, and the errors as `check` gives them."""
    return _closed(
        {
            "version": _STR,
            "plan": _STR,
            empty: {"type": "array", "maxItems": 0},
            "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
        },
        description="A plan the command could not use (exit 2).",
    )


def promise_schema() -> dict[str, Any]:
    """What `cs-align promise -f json` writes: each channel's promise, or, for a plan it
    could not use, the errors."""
    channel = _closed(
        {
            "channel": _STR,
            "declared": {**_null(_STR), "description": "The declared target; null for none."},
            "keepable": {**_STR, "description": "The best target the planned staff keep."},
            "keepable_seconds": _null(_NUM),
            "planned_fte": _NUM,
            "required_fte": _NUM,
            "needed_fte": _NUM,
            "extra_fte": _NUM,
            "extra_cost": _null(_money("What the extra FTE cost")),
            "funded_fte": {
                **_null(_NUM),
                "description": "FTE the people line pays for on this channel (null: all).",
            },
            "funded_keeps": _null(_STR),
            "keepable_written": {
                **_null(_STR),
                "description": "The round figure `fix --keep-budget` writes for keepable.",
            },
            "ceiling_fte": {
                **_null(_NUM),
                "description": "FTE the targets and the occupancy ceiling need, where the "
                "planned staff run past it (occupancy-cap) and that is more than the targets "
                "need; null otherwise.",
            },
        }
    )
    promises = _closed(
        {
            "version": {**_STR, "description": "The cs-align version that wrote it."},
            "plan": _STR,
            "currency": _STR,
            "channels": {"type": "array", "items": channel},
            "people_line": {
                **_null(
                    _closed(
                        {
                            "amount": _money("The people line"),
                            "pays_for_fte": _NUM,
                            "planned_fte": _NUM,
                        }
                    )
                ),
                "description": "Null unless the people line pays for fewer FTE than planned, "
                "or pays for them (pays_for_fte = planned_fte) where `fix --keep-budget` "
                "shares them anew because, as the plan shares them, they miss a target.",
            },
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align promise --format json",
        "anyOf": [promises, _unusable("channels")],
        "$defs": {"problem": _defs(nullable_verdict=False)["problem"]},
    }


def whatif_schema() -> dict[str, Any]:
    """What `cs-align whatif -f json` writes: each scenario's verdict, figures and the
    findings it breaks, or, for a plan it could not use, the errors."""
    defs = _defs(nullable_verdict=False)
    channel = defs["channel"]
    channel["properties"] = {
        **channel["properties"],
        "keeps_targets": _BOOL,
        "extra_fte": {**_NUM, "description": "FTE beyond the plan the targets need."},
        "extra_cost": _null(_money("A year's cost of the extra FTE")),
    }
    channel["required"] = [*channel["required"], "keeps_targets", "extra_fte", "extra_cost"]
    # A scenario breaks findings that count (never waived) and that the plan as written has
    # not: never one about a waiver file (`file`), which the plan as written has as well.
    finding = defs["finding"]
    finding["properties"] = {
        k: v for k, v in finding["properties"].items() if k not in ("waived", "file")
    }
    finding["description"] = "A finding the scenario breaks that the plan as written does not."
    scenario = _closed(
        {
            "scenario": _STR,
            "changes": {
                "type": "object",
                "additionalProperties": _STR,
                "description": "Each input varied, as written (aht: +30s).",
            },
            "verdict": _verdict(),
            "counts": _closed({"error": _COUNT, "warning": _COUNT}),
            "required_fte": _NUM,
            "needed_fte": _NUM,
            "planned_fte": _null(_NUM),
            "extra_fte": _NUM,
            "extra_cost": _null(_money("A year's cost of the extra FTE")),
            "spare_fte": {
                **_NUM,
                "description": "FTE beyond their targets' need on channels with their own "
                "agents, and staff on no channel: the most `fix` moves to a short channel for "
                "nothing before it hires (extra_fte prices each short channel alone).",
            },
            "breaks": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "channels": {"type": "array", "items": {"$ref": "#/$defs/channel"}},
        }
    )
    scenarios = _closed(
        {
            "version": _STR,
            "plan": _STR,
            "strategy": _STR,
            "currency": _STR,
            "cost_period": {"const": "year"},
            "scenarios": {"type": "array", "items": scenario},
            "left_out": {
                "type": "array",
                "items": _STR,
                "description": "Scenarios left out, each with why.",
            },
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align whatif --format json",
        "anyOf": [scenarios, _unusable("scenarios")],
        "$defs": {k: defs[k] for k in ("finding", "problem", "channel")},
    }


def fix_schema() -> dict[str, Any]:
    """What `cs-align fix -f json` writes: the changes it made, what it leaves to a person,
    and the unified diff, or, for a plan it could not use, the errors."""
    defs = _defs(nullable_verdict=False)
    # What fix leaves to a person: a finding that counts (never waived), with the decision.
    finding = defs["finding"]
    finding["properties"] = {k: v for k, v in finding["properties"].items() if k != "waived"}
    finding["properties"]["decision"] = {**_STR, "description": "What a person must decide."}
    finding["required"] = [*finding["required"], "decision"]
    finding["description"] = "A finding fix cannot settle, with the decision it leaves."
    change = _closed(
        {
            "path": {**_STR, "description": "The plan field changed, as a dotted path."},
            "before": {**_STR, "description": "As the plan wrote it."},
            "after": {**_STR, "description": "As fix writes it."},
            "cost": _null(_money("What the change costs (negative: saves)")),
            "cost_period": {
                **_null(_STR),
                "description": "What cost is: a year, for the period (each may add a note); "
                "null when not costed.",
            },
            "answers": {
                "type": "array",
                "items": _STR,
                "description": "The rules the change answers.",
            },
        }
    )
    fixed = _closed(
        {
            "version": {**_STR, "description": "The cs-align version that wrote it."},
            "plan": _STR,
            "currency": {
                **_STR,
                "description": "The plan's currency (ISO 4217), of every change's cost.",
            },
            "verdict": _closed({"before": _verdict(), "after": _verdict()}),
            "changes": {"type": "array", "items": change},
            "decisions": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "diff": {**_STR, "description": "The unified diff; empty when nothing changed."},
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align fix --format json",
        "anyOf": [fixed, _unusable("changes")],
        "$defs": {"finding": finding, "problem": defs["problem"]},
    }


def metrics_schema() -> dict[str, Any]:
    """What `cs-align metrics -f json` writes: every named metric a rule or a strategy file
    can bound, with its unit and meaning."""
    metric = _closed(
        {
            "name": {**_STR, "description": "The name a strategy file's rule bounds."},
            "unit": {**_STR, "description": "FTE, share, seconds, currency/year, …"},
            "meaning": _STR,
            "scope": {
                "enum": list(SCOPES),
                "description": "A figure of the plan, or of each channel.",
            },
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align metrics --format json",
        "type": "array",
        "items": metric,
    }


def strategies_schema() -> dict[str, Any]:
    """What `cs-align strategies list -f json` writes: each built-in strategy."""
    strategy = _closed(
        {
            "id": {**_STR, "description": "What a plan's `strategy:` names."},
            "name": _STR,
            "purpose": _STR,
            "extends": {**_null(_STR), "description": "The strategy it builds on (null: none)."},
            "rules": {
                "type": "array",
                "items": _STR,
                "description": "The rules' ids (cs-align explain RULE).",
            },
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align strategies list --format json",
        "type": "array",
        "items": strategy,
    }


def strategy_schema() -> dict[str, Any]:
    """What `cs-align strategies show ID -f json` writes: one strategy, each rule entry with
    its severity, the options its strategy files set away from the rule's defaults, and where
    the thresholds come from. An entry's options are the rule's own (`cs-align explain RULE`)."""
    from cs_align.rules import REGISTRY, options_model

    severity = {"enum": [s.name for s in Severity]}
    basis = {
        "source": {**_STR, "description": "The passage or published figure the thresholds cite."},
        "house_default": {**_STR, "description": "Why the thresholds are the house's choice."},
    }
    entries = []
    for rule_id, module in sorted(REGISTRY.items()):
        options = options_model(module).model_json_schema(mode="serialization")
        entry = _closed(
            {"rule": {"const": rule_id}, "severity": severity, **options["properties"], **basis},
            optional=(*options["properties"], *basis),
        )
        entry["not"] = {"required": list(basis)}  # one basis or none, never both
        entries.append(entry)
    strategy = _closed(
        {
            "id": {**_STR, "description": "What a plan's `strategy:` names."},
            "name": _STR,
            "purpose": _STR,
            "extends": {**_null(_STR), "description": "The strategy it builds on (null: none)."},
            "exemplars": {"type": "array", "items": _STR},
            "promise": _STR,
            "source": _STR,
            "rules": {
                "type": "array",
                "items": {"oneOf": entries},
                "description": "The rules it switches on, its own and those it extends.",
            },
        }
    )
    return {"$schema": DIALECT, "title": "cs-align strategies show --format json", **strategy}


def config_schema() -> dict[str, Any]:
    """What `cs-align check --show-config -f json` (and `diff`'s) writes: each setting in
    force, as --show-config shows it, and where it came from."""
    value = {
        "anyOf": [
            {"type": ["string", "integer", "boolean", "null"]},
            {"type": "array", "items": _STR},
        ],
        "description": "As the table shows it: exact figures and limits as text (`20% (block)`),"
        " formats and waiver files as lists, null where unset.",
    }
    setting = _closed(
        {
            "value": value,
            "source": {
                **_STR,
                "description": "default, command line, the environment variable, or the "
                "config file (and its key) that gave it.",
            },
        }
    )
    return {
        "$schema": DIALECT,
        "title": "cs-align check --show-config --format json",
        **_closed(
            {
                "version": {**_STR, "description": "The cs-align version that wrote it."},
                "config": {**_null(_STR), "description": "The config file in force (null: none)."},
                "settings": {
                    "type": "object",
                    "additionalProperties": setting,
                    "description": "Each setting by its config key (fail_on, format, …).",
                },
            }
        ),
    }


def output_schema(name: str) -> dict[str, Any]:
    """The schema of ``name``'s `--format json` output (a name in OUTPUTS)."""
    schemas = {
        "check": check_schema,
        "diff": diff_schema,
        "staff": staff_schema,
        "promise": promise_schema,
        "whatif": whatif_schema,
        "fix": fix_schema,
        "metrics": metrics_schema,
        "strategies": strategies_schema,
        "strategy": strategy_schema,
        "config": config_schema,
    }
    return schemas[name]()
