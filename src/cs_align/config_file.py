"""The config file's format: `.cs-align.yaml` or `[tool.cs-align]` in pyproject.toml.

Kept apart from config.py so that a run without a config file never builds these models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from cs_align.config import SETTINGS, Action, Limit, _tool_table, parse_limit, parse_switch
from cs_align.plan import Model
from cs_align.yamlsafe import Document

LimitField = Annotated[Limit | None, BeforeValidator(parse_limit)]
SwitchField = Annotated[Action | None, BeforeValidator(parse_switch)]


class Guardrails(Model):
    max_budget_increase: LimitField = None
    """Largest increase of the budget total against the base: amount or %."""
    max_budget_decrease: LimitField = None
    """Largest decrease of the budget total against the base: amount or %."""
    max_total: LimitField = None
    """Highest budget total a proposal may have (an amount)."""
    no_verdict_regression: SwitchField = None
    """The verdict may not get worse (aligned → at-risk → misaligned)."""
    no_new_errors: SwitchField = "block"
    """No error-level finding that the base did not have."""


class ConfigFile(Model):
    fail_on: Literal["error", "warning", "info"] | None = None
    format: list[str] | None = None
    strategy: str | None = None
    waivers: list[str] | None = None
    """Waiver files, relative to the config file."""
    ignore_waivers: bool | None = None
    guardrails: Guardrails = Field(default_factory=Guardrails)


def file_values(path: Path) -> tuple[dict[str, Any], str]:
    """The settings a config file gives (only those it names), and how to say where."""
    parsed, where = load_config(path)
    return _file_values(parsed, path.parent), where


def load_config(path: Path) -> tuple[ConfigFile, str]:
    from cs_align.loader import read_source, require_mapping, validate
    from cs_align.yamlsafe import load_text

    if path.name == "pyproject.toml":
        table = _tool_table(path) or {}
        doc = Document(str(path), {k.replace("-", "_"): v for k, v in table.items()})
        return validate(ConfigFile, doc), f"{path} [tool.cs-align]"
    name, text = read_source(path)
    doc = load_text(text, name)
    require_mapping(doc, "a config file", "write `fail_on: error` and similar keys")
    return validate(ConfigFile, doc), str(path)


def _file_values(parsed: ConfigFile, base: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in SETTINGS:
        value = getattr(parsed, key)
        if value is not None:
            found[key] = [str(base / v) for v in value] if key == "waivers" else value
    for key in parsed.guardrails.model_fields_set:
        found[key] = getattr(parsed.guardrails, key)
    return found
