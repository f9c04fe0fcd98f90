"""The plan's JSON Schema as editors read it: field descriptions from the models' attribute
docstrings, and defaults written as a user writes them."""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import sys
import textwrap
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, PlainSerializer
from pydantic.fields import FieldInfo


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """{field: docstring} for `name: type` lines followed by a string literal."""
    found = _classes(model.__module__).get(model.__qualname__)
    if found is not None:
        body = found.body
    else:  # a class no module's top level or class holds (made in a function, or an `if`)
        tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


@functools.cache
def _classes(module: str) -> dict[str, ast.ClassDef]:
    """A module's classes by qualified name (`Outer.Inner` for a nested one), its source
    parsed once: `inspect.getsource` parses the whole module again for each class (~4 ms a
    class of plan.py), nearly all of `cs-align schema`'s time."""
    found: dict[str, ast.ClassDef] = {}

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found.setdefault(prefix + node.name, node)  # the first, as inspect finds it
                walk(node.body, f"{prefix}{node.name}.")

    walk(ast.parse(inspect.getsource(sys.modules[module])).body, "")
    return found


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    todo = [root]
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for field in model.model_fields.values():
            todo += [t for t in _types(field.annotation) if issubclass(t, BaseModel)]
    return found


def _types(annotation: Any) -> list[type]:
    if isinstance(annotation, type):
        return [annotation]
    return [t for arg in typing.get_args(annotation) for t in _types(arg)]


def _object(schema: dict[str, Any] | None) -> dict[str, Any]:
    """The object schema of a model, also when the model takes a shorthand beside it."""
    if not schema:
        return {}
    branches = [b for b in schema.get("anyOf", []) if "properties" in b]
    return branches[0] if "properties" not in schema and branches else schema


def describe(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """Add each field's docstring as its JSON Schema description, and write each default as
    a user writes it (30%, 24x7) rather than as Python holds it (in place; returned)."""
    for name, model in _models(root).items():
        target = schema if model is root else schema.get("$defs", {}).get(name)
        if not target:
            continue
        if model.__doc__ and "description" not in target:
            target["description"] = inspect.cleandoc(model.__doc__)
        properties = _object(target).get("properties", {})
        for field, doc in field_docs(model).items():
            if field in properties:
                properties[field].setdefault("description", doc)
        for field, info in model.model_fields.items():
            if "default" in properties.get(field, {}) and info.default is not None:
                properties[field]["default"] = _written(info)
    return schema


def without_null(node: Any) -> Any:
    """Drop the `null` branch (and the `null` default) pydantic gives each optional field: a
    plan refuses a key written empty (`abandonment_max: ~`), so an editor must not offer it
    (in place; returned)."""
    if isinstance(node, list):
        for item in node:
            without_null(item)
    if not isinstance(node, dict):
        return node
    branches = node.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches:
        kept = [b for b in branches if b != {"type": "null"}]
        node["anyOf"] = kept
        if len(kept) == 1 and not set(kept[0]) & set(node):  # else the type keeps its words
            node.update(node.pop("anyOf")[0])
        if node.get("default", 0) is None:
            del node["default"]
    for value in node.values():
        without_null(value)
    return node


def _written(info: FieldInfo) -> Any:
    serializers = [m for m in info.metadata if isinstance(m, PlainSerializer)]
    if serializers:
        return serializers[-1].func(info.default)  # type: ignore[call-arg]
    if isinstance(info.default, Decimal):
        return (
            int(info.default) if info.default == info.default.to_integral() else float(info.default)
        )
    return info.default
