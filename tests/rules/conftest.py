"""Rule tests: a small valid plan built in Python, a patch, and one rule (or the whole check)
run in process.

This module is the only place the rule tests reach the engine: `run_rule` and `check_plan`
go through the loader and `engine.assess` as a user's plan does, so a redesign of the
engine changes this file alone.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from cs_align.engine import CheckOptions, assess
from cs_align.loader import parse_plan
from tests.conftest import flow_yaml

# One queue the hand calculations in the tests rest on:
#   phone, 24x7: 1,680 contacts a week = 10 an hour; 6 min each → offered load 1 Erlang.
#   Erlang C, 80% in 20 s: 2 agents answer 68.5%, 3 answer 91.9% → 3 positions.
#   A position staffed 24x7 is 168 h × (8,766 h ÷ 168 h) weeks = 8,766 h a year; an FTE
#   gives 1,800 paid h × (1 − 30% shrinkage) = 1,260 productive h → 6.957 FTE a position.
#   Required: 3 × 6.957 = 20.87 FTE; planned 22 (5.4% above it).
#   Contacts a year: 1,680 × 52.18 weeks = 87,660; budget 1,490,000 → 17.00 USD a contact.
BASE: dict[str, Any] = {
    "version": 1,
    "organisation": "Rule Test Co",
    "currency": "USD",
    "strategy": "delight",
    "channels": [
        {
            "id": "phone",
            "kind": "voice",
            "hours": "24x7",
            "volume": "1680/week",
            "handle_time": "6m",
            "target": {"service_level": "80% in 20s"},
            "agents": 22,
        },
        {
            "id": "help-centre",
            "kind": "self-service",
            "containment": "50%",
            "outage_updates": True,
        },
    ],
    "staffing": {
        "agents": 22,
        "shrinkage": "30%",
        "max_occupancy": "85%",
        "paid_hours_per_fte": "1800/year",
        "loaded_cost_per_fte": 60000,
        "training_hours_per_agent": 80,
        "uses_scripts": False,
        "rewarded_on": ["csat", "quality"],
        "refund_authority": 100,
        "escalation_to_engineering": True,
        "leadership_service_hours_per_month": 4,
        "product_people_in_conversation": True,
    },
    "budget": {
        "total": 1490000,
        "lines": {"people": 1320000, "training": 50000, "tooling": 100000, "goodwill": 20000},
    },
}
"""Holds every rule tested here at its default options (cost-pace needs `history`)."""

REMOVE = object()
"""A patch value that removes the key (or, under `channels`, the channel)."""


def plan(patch: dict[str, Any] | None = None) -> dict[str, Any]:
    """BASE with ``patch`` merged in: mappings merge key by key, other values replace, and
    REMOVE deletes. Under `channels` a mapping from channel id patches that channel (or adds
    it, when the id is new); a list replaces the channels."""
    return _merge(copy.deepcopy(BASE), patch or {})


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    for key, value in patch.items():
        if value is REMOVE:
            base.pop(key, None)
        elif key == "channels" and isinstance(value, dict):
            base[key] = _channels(base.get(key, []), value)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def _channels(channels: list[dict[str, Any]], patch: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in channels}
    for channel_id, fields in patch.items():
        if fields is REMOVE:
            by_id.pop(channel_id, None)
        elif channel_id in by_id:
            by_id[channel_id] = _merge(by_id[channel_id], fields)
        else:
            by_id[channel_id] = {"id": channel_id, **copy.deepcopy(fields)}
    return list(by_id.values())


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML, one key a line, so that findings point at distinct lines."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {flow_yaml(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                lines.append(f"{pad}- {to_yaml(item, indent + 2)[indent + 2 :]}")
            else:
                lines.append(f"{pad}- {flow_yaml(item)}")
    return "\n".join(lines)


class Seen(NamedTuple):
    """A finding as a user reads it."""

    rule: str
    severity: str
    message: str
    path: str
    line: int
    fix: str


RunRule = Callable[..., list[Seen]]
"""`run_rule(rule_id, plan, **options)`: the findings of that one rule."""


def line_of(data: dict[str, Any], needle: str) -> int:
    """The line of the plan text (as `to_yaml` writes it) where ``needle`` first appears."""
    lines = to_yaml(data).splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def check_plan(data: dict[str, Any], strategy: str | None = None) -> list[Seen]:
    """The whole check of the plan against its own strategy (or ``strategy``), without the
    revealed-strategy ranking."""
    return _evaluate(data, strategy)


def _evaluate(data: dict[str, Any], strategy: str | None) -> list[Seen]:
    loaded = parse_plan(to_yaml(data) + "\n", "plan.yaml")
    report = assess(loaded, CheckOptions(strategy=strategy), reveal=False)
    return [
        Seen(f.rule, f.severity.name, f.message, f.path, f.line, f.fix)
        for f in report.findings
        if f.counts
    ]


@pytest.fixture(scope="session")
def _strategy_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("strategies")


@pytest.fixture
def run_rule(_strategy_folder: Path) -> RunRule:
    """Run one rule, with these options, on a plan: through a strategy file that holds that
    rule alone, as a user's own strategy would."""

    def run(rule_id: str, data: dict[str, Any], **options: Any) -> list[Seen]:
        body = {"id": "one-rule", "name": "One rule", "rules": [{"rule": rule_id, **options}]}
        text = to_yaml(body) + "\n"
        path = _strategy_folder / f"{hashlib.sha256(text.encode()).hexdigest()[:16]}.yaml"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        found = _evaluate(data, str(path))
        assert {f.rule for f in found} <= {rule_id}, found
        return found

    return run
