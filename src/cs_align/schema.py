"""Field descriptions for the JSON Schema, taken from the models' attribute docstrings."""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from typing import Any

from pydantic import BaseModel


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """{field: docstring} for `name: type` lines followed by a string literal."""
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


def describe(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """Add each field's docstring as its JSON Schema description (in place; returned)."""
    for name, model in _models(root).items():
        target = schema if model is root else schema.get("$defs", {}).get(name)
        if not target:
            continue
        if model.__doc__ and "description" not in target:
            target["description"] = inspect.cleandoc(model.__doc__)
        properties = target.get("properties", {})
        for field, doc in field_docs(model).items():
            if field in properties:
                properties[field].setdefault("description", doc)
    return schema
