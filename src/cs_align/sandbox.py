"""A Jinja2 sandbox that stops size blow-ups before they allocate.

Jinja's immutable sandbox keeps templates from calling into Python, but not from asking
Python for a 3 GB string (`"x" * 3000000000`, `"%0999999999d" % 1`, `7 ** 2000000000`): such
an operation runs in C, where no time limit can interrupt it. Here every operation that can
make something much larger than its inputs — `*`, `+`, `%`, `**`, `~`, `format`, `center`,
`ljust`, `rjust`, `zfill`, `indent`, `wordwrap`, `replace`, `join`, printing a value — first
works out how large its result would be and refuses above a cap: 1 MB of text, 10^6 items,
numbers of 10^6 digits. What is left is ordinary bytecode, which the render's time limit
stops, and output, which its size cap stops.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from markupsafe import EscapeFormatter, Markup

from cs_align.errors import CsAlignError
from cs_align.repo import read_file, resolved
from cs_align.yamlsafe import decode

MAX_TEXT = 1_000_000
"""Characters one operation may produce."""
MAX_ITEMS = 1_000_000
"""Items one operation may produce (list repetition, batches, slices)."""
MAX_BITS = 3_400_000
"""About 10^6 decimal digits: the largest integer arithmetic may produce."""
MAX_TEMPLATE_BYTES = 1_000_000

_PERCENT = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])"
)
_DIGITS = re.compile(r"\d+")


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} would exceed the template size limit")


def measure(value: Any, budget: int = MAX_TEXT) -> int:
    """An upper-bound estimate of the text ``value`` turns into, stopping at ``budget``.

    Containers are walked as they print (a list holding the same list twice prints it
    twice), so a small structure that expands exponentially is caught early.
    """
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3 + 2
        else:
            total += 24
        if total > budget:
            return total
    return total


def _check_text(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise _refuse(what)


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _checked_mul(left: Any, right: Any) -> Any:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(count, int):
            limit = MAX_TEXT if isinstance(seq, str) else MAX_ITEMS
            if len(seq) * max(count, 0) > limit:
                raise _refuse("repeating a sequence")
    if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_BITS:
        raise _refuse("multiplying")
    return operator.mul(left, right)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_add(left: Any, right: Any) -> Any:
    if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        _check_text(len(left) + len(right), "joining")
    return operator.add(left, right)


def _checked_pow(left: Any, right: Any) -> Any:
    growing = _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1
    if growing and right * math.log2(abs(left)) > MAX_BITS:
        raise _refuse("raising to a power")
    return operator.pow(left, right)


def check_percent(fmt: str, args: Any) -> None:
    """`fmt % args` refused when a width or precision, or the result, is too large."""
    values = (
        list(args.values())
        if isinstance(args, Mapping)
        else (list(args) if isinstance(args, tuple) else [args])
    )
    size = len(fmt)
    for match in _PERCENT.finditer(fmt):
        width, precision = match.group(1), match.group(2)
        if "*" in (width, precision):
            raise SecurityError("`*` widths in % formatting are not allowed in templates")
        size += max(int(width or 0), int(precision or 0))
    size += sum(measure(v) for v in values)
    _check_text(size, "% formatting")


def _checked_mod(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        check_percent(left, right)
    return operator.mod(left, right)


def check_spec(spec: str) -> None:
    """A str.format spec (`>999999999`) refused when a width or precision is too large."""
    for digits in _DIGITS.findall(spec):
        _check_text(int(digits), "a format width")


class _CappedFormatter(SandboxedFormatter):
    """str.format in the sandbox, refusing wide fields and results over the cap."""

    produced = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_spec(format_spec)
        self.produced += max(measure(value), max(map(int, _DIGITS.findall(format_spec) or [0])))
        _check_text(self.produced, "str.format")
        return super().format_field(value, format_spec)


class _CappedEscapeFormatter(_CappedFormatter, EscapeFormatter):
    """The same for Markup strings in HTML templates: arguments are escaped."""


def _str_method(obj: str, name: str, args: tuple[Any, ...]) -> None:
    """Pre-check the str methods whose result can outgrow their inputs."""
    first = args[0] if args else None
    width = first if isinstance(first, int) else 8
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_text(width, f"str.{name}")
    elif name == "expandtabs":
        _check_text(len(obj) + obj.count("\t") * max(width, 0), "str.expandtabs")
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        hits = obj.count(old) if old else len(obj) + 1
        _check_text(len(obj) + hits * max(len(new) - len(old), 0), "str.replace")
    elif name == "join" and args:
        items = list(first) if isinstance(first, Iterable) else []
        _check_text(sum(map(measure, items)) + len(obj) * len(items), "str.join")


class _Generator(CodeGenerator):
    """Compiles `~` into a size-checked join."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class CappedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a size check before every growing operation."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        self.binop_table.update(
            {"*": _checked_mul, "+": _checked_add, "%": _checked_mod, "**": _checked_pow}
        )
        self.globals.pop("lipsum", None)  # n paragraphs of filler: nothing a report needs
        for name, guard in _FILTER_GUARDS.items():
            if name in self.filters:
                self.filters[name] = _guarded(self.filters[name], guard)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return self.binop_table[operator](left, right)

    def checked_concat(self, parts: tuple[Any, ...], autoescape: bool) -> str:
        _check_text(sum(measure(p) for p in parts), "joining with ~")
        return markup_join(parts) if autoescape else str_join(parts)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _str_method(owner, getattr(__obj, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        owner: str = value.__self__
        is_map = value.__name__ == "format_map"

        def capped(*args: Any, **kwargs: Any) -> str:
            if is_map and args:
                kwargs, args = dict(args[0]), ()
            formatter = (
                _CappedEscapeFormatter(self, escape=owner.escape)
                if isinstance(owner, Markup)
                else _CappedFormatter(self)
            )
            return type(owner)(formatter.vformat(owner, args, kwargs))

        return capped


def _finalize(value: Any) -> Any:
    """Every printed value is measured before it is turned into text."""
    if not isinstance(value, str | int | float):
        _check_text(measure(value), "printing a value")
    return value


Guard = Callable[[tuple[Any, ...], dict[str, Any]], None]


def _guarded(fn: Callable[..., Any], guard: Guard) -> Callable[..., Any]:
    """``fn`` with ``guard`` run first on its arguments (the filtered value first)."""
    passes = getattr(fn, "jinja_pass_arg", None)  # gets the environment or context first

    def checked(*args: Any, **kwargs: Any) -> Any:
        guard(args[1:] if passes else args, kwargs)
        return fn(*args, **kwargs)

    if passes is not None:
        checked.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return checked


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else default


def _guard_center(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _arg(args, kwargs, 1, "width", 80)
    if _is_int(width):
        _check_text(width, "center")


def _guard_indent(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text, width = str(args[0]) if args else "", _arg(args, kwargs, 1, "width", 4)
    per_line = len(width) if isinstance(width, str) else width if _is_int(width) else 4
    _check_text(len(text) + (text.count("\n") + 1) * max(per_line, 0), "indent")


def _guard_wordwrap(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = str(args[0]) if args else ""
    width = _arg(args, kwargs, 1, "width", 79)
    wrap = _arg(args, kwargs, 4, "wrapstring", "\n") or "\n"
    breaks = len(text) // max(width if _is_int(width) else 79, 1) + 1
    _check_text(len(text) + breaks * len(str(wrap)), "wordwrap")


def _guard_format(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if args and isinstance(args[0], str):
        check_percent(args[0], kwargs or tuple(args[1:]))


def _guard_replace(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if len(args) >= 3:
        _str_method(str(args[0]), "replace", (args[1], args[2]))


def _guard_join(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    value = args[0] if args else ()
    sep = str(_arg(args, kwargs, 1, "d", ""))
    items = list(value) if isinstance(value, Iterable) else []
    _check_text(sum(map(measure, items)) + len(sep) * len(items), "join")


def _guard_items(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """batch(n, fill) and slice(n, fill) pad up to n items."""
    count = _arg(args, kwargs, 1, "linecount", _arg(args, kwargs, 1, "slices", 0))
    if _is_int(count) and count > MAX_ITEMS:
        raise _refuse("batching")


def _guard_whole(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """string, pprint, tojson, list, sum: print or copy the whole value."""
    if args:
        _check_text(measure(args[0]), "converting a value")


_FILTER_GUARDS: dict[str, Guard] = {
    "center": _guard_center,
    "indent": _guard_indent,
    "wordwrap": _guard_wordwrap,
    "format": _guard_format,
    "replace": _guard_replace,
    "join": _guard_join,
    "batch": _guard_items,
    "slice": _guard_items,
    "string": _guard_whole,
    "pprint": _guard_whole,
    "tojson": _guard_whole,
    "list": _guard_whole,
    "sum": _guard_whole,
    "xmlattr": _guard_whole,
    "urlencode": _guard_whole,
}


class ConfinedLoader(BaseLoader):
    """Templates from one folder only: `include`, `import` and `extends` resolve, symlinks
    followed, inside it, and only to regular files of at most 1 MB."""

    def __init__(self, folder: Path) -> None:
        self.folder = resolved(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        real = resolved(path)
        if not real.is_relative_to(self.folder) or not real.is_file():
            raise TemplateNotFound(template)
        try:
            raw = read_file(real, str(path))
        except CsAlignError as exc:
            if exc.problems and exc.problems[0].message.startswith("cannot be read"):
                raise  # a file there that may not be read is not "not found" (user45 U13)
            raise TemplateNotFound(template) from None
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise TemplateNotFound(template)
        seen = _signature(path)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            decode(raw, str(path))  # says where: the line, column and byte, or UTF-16
            raise
        return text, str(real), lambda: _signature(path) == seen


def _signature(path: Path) -> tuple[object, ...]:
    """What must stay the same for a compiled template to be reused: where the name leads,
    and that file's identity, size and modification time (to the nanosecond)."""
    try:
        real = resolved(path)
        st = real.stat()
    except OSError:
        return ()
    return real, st.st_ino, st.st_size, st.st_mtime_ns
