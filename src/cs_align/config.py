"""Settings from flags, the environment and the nearest config file, with their sources.

Precedence: command-line flags > environment (CS_ALIGN_*) > `.cs-align.yaml` or
`[tool.cs-align]` in pyproject.toml (the nearest one up from the working directory) >
defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

from cs_align.errors import PlanError, Problem, usage
from cs_align.units import bad, parse_money, parse_option

Action = Literal["warn", "block"]
CONFIG_NAMES = (".cs-align.yaml", ".cs-align.yml")


class Limit(NamedTuple):
    """A budget guardrail: an amount, or a share of the base budget when ``share``."""

    value: Decimal
    share: bool
    action: Action = "block"

    def __str__(self) -> str:
        shown = (
            f"{self.value * 100:f}".rstrip("0").rstrip(".") + "%"
            if self.share
            else (f"{self.value:f}")
        )
        return f"{shown} ({self.action})"


def parse_limit(value: Any) -> Limit | None:
    """'5%', '200k', '5%:warn' or {value: 5%, action: warn} → Limit."""
    if value is None or isinstance(value, Limit):
        return value
    action: str = "block"
    if isinstance(value, dict):
        action, value = str(value.get("action", "block")), value.get("value")
    elif isinstance(value, str) and ":" in value:
        value, action = value.rsplit(":", 1)
    if action not in ("warn", "block"):
        raise bad(f"action {action!r} is not warn or block", "write warn or block")
    text = str(value).strip()
    if text.endswith("%"):
        try:
            share = Decimal(text[:-1]) / 100
        except ArithmeticError:
            raise bad(f"{text!r} is not a percentage", "write e.g. 5%") from None
        if not share.is_finite() or share < 0:
            raise bad(f"{text!r} is not a percentage", "write e.g. 5%")
        return Limit(share, True, action)  # type: ignore[arg-type]
    return Limit(parse_money(text), False, action)  # type: ignore[arg-type]


def parse_switch(value: Any) -> Action | None:
    """true / block / warn / false → the action, or None when off."""
    if value in (None, False, "false", "off", "0", ""):
        return None
    if value in (True, "true", "block", "1", "on"):
        return "block"
    if value == "warn":
        return "warn"
    raise bad(f"{value!r} is not a guardrail setting", "write block, warn or false")


SETTINGS = ("fail_on", "format", "strategy", "waivers", "ignore_waivers")
GUARDRAILS = (
    "max_budget_increase",
    "max_budget_decrease",
    "max_total",
    "no_verdict_regression",
    "no_new_errors",
)
DEFAULTS: dict[str, Any] = {
    "fail_on": "error",
    "format": ["table"],
    "strategy": None,
    "waivers": [],
    "ignore_waivers": False,
    "max_budget_increase": None,
    "max_budget_decrease": None,
    "max_total": None,
    "no_verdict_regression": None,
    "no_new_errors": "block",
}


@dataclass(frozen=True)
class Settings:
    values: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def describe(self) -> str:
        width = max(len(k) for k in self.values)
        return "".join(
            f"{key:<{width}}  {_show(value):<28}  ({self.sources.get(key, 'default')})\n"
            for key, value in self.values.items()
        )


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return "-" if value is None else str(value)


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return pyproject
    return None


def _tool_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        raise PlanError(
            [Problem(str(pyproject), line, col, f"not valid TOML: {exc}", "fix the syntax there")]
        ) from None
    table = data.get("tool", {}).get("cs-align")
    return table if isinstance(table, dict) else None


_ENV_PARSERS: dict[str, Any] = {
    "format": lambda v: [p.strip() for p in v.split(",") if p.strip()],
    "waivers": lambda v: [p for p in v.split(os.pathsep) if p],
    "ignore_waivers": lambda v: v.lower() in ("1", "true", "yes", "on"),
    "no_verdict_regression": parse_switch,
    "no_new_errors": parse_switch,
    "max_budget_increase": parse_limit,
    "max_budget_decrease": parse_limit,
    "max_total": parse_limit,
}


def resolve(
    flags: dict[str, Any], config: Path | None = None, env: dict[str, str] | None = None
) -> Settings:
    """Merge defaults, the config file, CS_ALIGN_* variables and flags (given, not None)."""
    values, sources = dict(DEFAULTS), {}
    path = config or find_config()
    if config is not None and not config.is_file():
        raise usage(f"--config {config}: no such file", "check the path")
    if path is not None:
        from cs_align.config_file import file_values

        found, where = file_values(path)
        for key, value in found.items():
            values[key], sources[key] = value, where
    environ = os.environ if env is None else env
    for key in values:
        name = f"CS_ALIGN_{key.upper()}"
        if name in environ:
            values[key], sources[key] = _from_env(key, environ[name]), f"environment {name}"
    for key, value in flags.items():
        if value is not None and value != [] and value is not False:
            values[key], sources[key] = value, "command line"
    return Settings(values, sources)


def _from_env(key: str, text: str) -> Any:
    return parse_option(f"CS_ALIGN_{key.upper()}", _ENV_PARSERS.get(key, lambda v: v), text)
