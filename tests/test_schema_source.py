"""`cs-align schema` reads each module's source once for the field descriptions of all its
models: inspect.getsource parsed the whole module again for each model (~40 parses of
plan.py and its neighbours, ~0.17 s of the command's ~0.5 s of CPU)."""

from __future__ import annotations

import ast
import json

import pytest

from cs_align.commands.info import plan_schema
from tests.conftest import Invoke


def test_the_plan_schema_parses_each_models_module_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []
    real = ast.parse

    def counted(source: object, *args: object, **kwargs: object) -> ast.AST:
        parsed.append(source)
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ast, "parse", counted)
    plan_schema()
    plan_schema()  # a second schema in the same process parses nothing again
    # Before: 52 parses for the two, plan.py's whole source once for each model.
    assert len(parsed) == len(set(map(str, parsed))), f"{len(parsed)} parses"


def test_each_fields_docstring_is_still_its_description(invoke: Invoke) -> None:
    # Channel.handle_time's attribute docstring, read from plan.py's tree, as editors show it.
    shown = json.loads(invoke("schema").out)["$defs"]["Channel"]["properties"]
    assert shown["handle_time"]["description"] == "Average handle time, talk plus wrap-up."
    assert shown["id"]["description"] == "Stable name, used in findings: phone, chat, email …"
