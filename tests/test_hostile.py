"""Hostile input: every case exits 2 at the right file:line with a fix, writes nothing,
shows no traceback, and finishes within five seconds."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GOOD, Invoke


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], bytes]
    """Writes any side files into the folder; returns the plan's bytes."""
    line: int | Callable[[bytes], int]
    fragment: str
    file: str = "plan.yaml"
    """The file the error must name (a strategy file for hostile strategies)."""


def patch(old: str, new: str) -> Callable[[Path], bytes]:
    assert old in GOOD, old
    return lambda folder: GOOD.replace(old, new, 1).encode("utf-8")


def raw(data: bytes) -> Callable[[Path], bytes]:
    return lambda folder: data


def line_of(needle: str) -> Callable[[bytes], int]:
    def find(data: bytes) -> int:
        text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)

    return find


def with_strategy(body: str, extra: dict[str, str] | None = None) -> Callable[[Path], bytes]:
    def build(folder: Path) -> bytes:
        (folder / "ours.yaml").write_text(body, encoding="utf-8")
        for name, text in (extra or {}).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return GOOD.replace("strategy: delight", "strategy: ours.yaml").encode()

    return build


ORG = "organisation: Example Delight Co"
SCRIPTS = "uses_scripts: false"
COST = "loaded_cost_per_fte: 62000"
LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [
        f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)

CASES = [
    # code execution and other tags
    Case(
        "python-apply",
        patch(ORG, "organisation: !!python/object/apply:os.system [id]"),
        line_of("organisation:"),
        "tag",
    ),
    Case(
        "python-name",
        patch(ORG, "organisation: !!python/name:os.system"),
        line_of("organisation:"),
        "tag",
    ),
    Case(
        "python-new",
        patch(ORG, "organisation: !!python/object/new:subprocess.Popen [[ls]]"),
        line_of("organisation:"),
        "tag",
    ),
    Case(
        "include", patch(ORG, "organisation: !include /etc/passwd"), line_of("organisation:"), "tag"
    ),
    Case("binary", patch(ORG, "organisation: !!binary aGVsbG8="), line_of("organisation:"), "tag"),
    Case("set", patch(ORG, "organisation: !!set {a, b}"), line_of("organisation:"), "tag"),
    Case("omap", patch(ORG, "organisation: !!omap [a: 1]"), line_of("organisation:"), "tag"),
    Case(
        "explicit-str", patch(ORG, "organisation: !!str Example"), line_of("organisation:"), "tag"
    ),
    Case("local-tag", patch(ORG, "organisation: !custom Example"), line_of("organisation:"), "tag"),
    Case("tagged-mapping", patch("staffing:\n", "staffing: !!map\n"), line_of("staffing:"), "tag"),
    # aliases
    Case("billion-laughs", raw(LAUGHS.encode()), 0, "expands to more than"),
    Case("self-alias", raw(b"version: 1\na: &a [*a]\n"), 2, "refers to itself"),
    Case("undefined-alias", raw(b"version: 1\norganisation: *nope\n"), 2, "not defined"),
    # nesting and size
    Case("deep-flow-list", raw(b"a: " + b"[" * 10_000 + b"]" * 10_000), 1, "nesting"),
    Case("deep-flow-map", raw(b"a: " + b"{a: " * 10_000 + b"}" * 10_000), 1, "nesting"),
    Case(
        "deep-block", raw("".join(f"{'  ' * i}k{i}:\n" for i in range(100)).encode()), 66, "nesting"
    ),
    Case(
        "5000-digit-int",
        patch(COST, "loaded_cost_per_fte: 1" + "0" * 5000),
        line_of("loaded_cost_per_fte"),
        "out of range",
    ),
    Case(
        "5000-digit-decimal",
        patch(COST, "loaded_cost_per_fte: 1." + "0" * 5000),
        line_of("loaded_cost_per_fte"),
        "out of range",
    ),
    Case(
        "huge-exponent",
        patch(COST, "loaded_cost_per_fte: 1e999999"),
        line_of("loaded_cost_per_fte"),
        "out of range",
    ),
    # duplicate keys in every form
    Case(
        "dup-top",
        patch("currency: USD", "currency: USD\ncurrency: EUR"),
        line_of("currency: EUR"),
        "duplicate key",
    ),
    Case(
        "dup-double-quoted",
        patch("currency: USD", 'currency: USD\n"currency": EUR'),
        line_of('"currency"'),
        "duplicate key",
    ),
    Case(
        "dup-single-quoted",
        patch("currency: USD", "currency: USD\n'currency': EUR"),
        line_of("'currency'"),
        "duplicate key",
    ),
    Case(
        "dup-nested",
        patch("  shrinkage: 32%", "  shrinkage: 32%\n  shrinkage: 30%"),
        line_of("shrinkage: 30%"),
        "duplicate key",
    ),
    Case(
        "dup-flow",
        patch(
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2027-01-01, start: 2027-02-01, end: 2027-12-31}",
        ),
        line_of("period:"),
        "duplicate key",
    ),
    # YAML 1.1 coercions
    Case("NO", patch(SCRIPTS, "uses_scripts: NO"), line_of("uses_scripts"), "write false"),
    Case("on", patch(SCRIPTS, "uses_scripts: on"), line_of("uses_scripts"), "write true"),
    Case("Off", patch(SCRIPTS, "uses_scripts: Off"), line_of("uses_scripts"), "write false"),
    Case("yes", patch(SCRIPTS, "uses_scripts: yes"), line_of("uses_scripts"), "write true"),
    Case(
        "octal",
        patch("training_hours_per_agent: 120", "training_hours_per_agent: 042"),
        line_of("training_hours"),
        "octal",
    ),
    Case(
        "sexagesimal",
        patch("handle_time: 6m", "handle_time: 7:30"),
        line_of("handle_time: 7:30"),
        "base-60",
    ),
    Case(
        "interval-time",
        patch(
            "volume: {contacts: 9000, per: month}",
            "volume:\n      interval: 30m\n      intervals:\n        - {at: 10:00, contacts: 40}",
        ),
        line_of("at: 10:00"),
        "quote a clock time",
    ),
    Case("on-key", raw(b"version: 1\non: push\n"), 2, "not text"),
    # encodings and characters
    Case(
        "latin-1",
        lambda f: GOOD.replace("Example Delight Co", "Café").encode("latin-1"),
        line_of("organisation"),
        "not valid UTF-8",
    ),
    Case("utf-16-le", lambda f: GOOD.encode("utf-16-le").join([b"\xff\xfe", b""]), 1, "UTF-16"),
    Case("utf-16-be", lambda f: b"\xfe\xff" + GOOD.encode("utf-16-be"), 1, "UTF-16"),
    Case(
        "nul",
        lambda f: GOOD.replace("Delight", "Del\x00ight").encode(),
        line_of("organisation"),
        "control character",
    ),
    Case(
        "bell",
        lambda f: GOOD.replace("Delight", "Del\x07ight").encode(),
        line_of("organisation"),
        "control character",
    ),
    Case("tab-indent", patch("  shrinkage: 32%", "\tshrinkage: 32%"), line_of("shrinkage"), "tabs"),
    Case(
        "crlf",
        lambda f: GOOD.replace("handle_time: 6m", "handle_time: 6").replace("\n", "\r\n").encode(),
        line_of("handle_time: 6"),
        "give a unit",
    ),
    Case(
        "cr",
        # Old Mac line endings: YAML's lines would not be the reviewer's; refused at the first.
        lambda f: GOOD.replace("\n", "\r").encode(),
        1,
        "save the file with LF or CRLF line endings",
    ),
    # homoglyphs and invisible characters
    Case("cyrillic-key", patch("  shrinkage:", "  shrinkаge:"), line_of("shrinkаge"), "U+0430"),
    Case(
        "zero-width-key",
        patch("  shrinkage:", "  shrink\u200bage:"),
        line_of("shrink\u200b"),
        "U+200B",
    ),
    Case(
        "zero-width-id",
        patch("  - id: phone", "  - id: ph\u200done"),
        line_of("ph\u200d"),
        "not a valid name",
    ),
    Case(
        "homoglyph-kind",
        patch("    kind: voice", "    kind: vоice"),
        line_of("vоice"),
        "did you mean 'voice'",
    ),
    # empty and odd documents
    Case("empty", raw(b""), 1, "empty"),
    Case("comments-only", raw(b"# a plan will go here\n# later\n"), 1, "empty"),
    Case("blank", raw(b"\n\n   \n"), 1, "empty"),
    Case(
        "two-documents",
        lambda f: (GOOD + "---\nversion: 1\n").encode(),
        line_of("---"),
        "more than one YAML document",
    ),
    Case("scalar-document", raw(b"just some text\n"), 1, "mapping"),
    # money in every wrong form
    Case(
        "money-dollar",
        patch(COST, "loaded_cost_per_fte: $62,000"),
        line_of(COST[:10]),
        "currency symbol",
    ),
    Case(
        "money-euro",
        patch(COST, "loaded_cost_per_fte: €62k"),
        line_of(COST[:10]),
        "currency symbol",
    ),
    Case("money-commas", patch(COST, "loaded_cost_per_fte: 62,000"), line_of(COST[:10]), "commas"),
    Case(
        "money-MM",
        patch(COST, "loaded_cost_per_fte: 6.2MM"),
        line_of(COST[:10]),
        "ambiguous suffix",
    ),
    Case(
        "money-lower-m",
        patch(COST, "loaded_cost_per_fte: 6.2m"),
        line_of(COST[:10]),
        "ambiguous suffix",
    ),
    Case(
        "money-negative", patch(COST, "loaded_cost_per_fte: -62000"), line_of(COST[:10]), "negative"
    ),
    Case("money-nan", patch(COST, "loaded_cost_per_fte: .nan"), line_of(COST[:10]), "finite"),
    Case("money-inf", patch(COST, "loaded_cost_per_fte: .inf"), line_of(COST[:10]), "finite"),
    Case("money-absurd", patch(COST, "loaded_cost_per_fte: 1e20"), line_of(COST[:10]), "absurd"),
    Case(
        "money-bool", patch(COST, "loaded_cost_per_fte: true"), line_of(COST[:10]), "not an amount"
    ),
    # out-of-range numbers
    Case(
        "concurrency",
        patch("    handle_time: 6m\n", "    handle_time: 6m\n    concurrency: 500\n"),
        line_of("concurrency"),
        "at most 20",
    ),
    Case(
        "agents-huge", patch("  agents: ", "  agents: 1e12 #"), line_of("agents: 1e12"), "at most"
    ),
    Case(
        "shrinkage-100",
        patch("shrinkage: 32%", "shrinkage: 100%"),
        line_of("shrinkage"),
        "no paid time",
    ),
    Case(
        "paid-hours",
        patch("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: 9000/year"),
        line_of("paid_hours"),
        "more hours than a year",
    ),
    Case(
        "paid-hours-nan",
        patch("paid_hours_per_fte: 1800/year", "paid_hours_per_fte: .nan"),
        line_of("paid_hours"),
        ".nan is not hours per period",  # was "NaN must be more than zero" (input60)
    ),
    Case(
        "peak-factor",
        patch("    handle_time: 6m\n", "    handle_time: 6m\n    peak_factor: 50\n"),
        line_of("peak_factor"),
        "is above 20, the largest peak factor",
    ),
    Case(
        "period-backwards",
        patch(
            "period: {start: 2027-01-01, end: 2027-12-31}",
            "period: {start: 2028-01-01, end: 2027-12-31}",
        ),
        line_of("period:"),
        "swap start and end",
    ),
    # path traversal in strategy:
    Case(
        "strategy-dotdot",
        patch("strategy: delight", "strategy: ../../../etc/passwd.yaml"),
        line_of("strategy:"),
        "resolves outside the repository",
    ),
    Case(
        "strategy-absolute",
        patch("strategy: delight", "strategy: /etc/cs-align/x.yaml"),
        line_of("strategy:"),
        "resolves outside the repository",
    ),
    # hostile strategy files
    Case(
        "strategy-tag",
        with_strategy("id: ours\nname: !!python/name:os.system x\n"),
        2,
        "tag",
        "ours.yaml",
    ),
    Case(
        "strategy-cycle",
        with_strategy("id: ours\nname: Ours\nextends: ours.yaml\n"),
        3,  # the `extends:` that closes the circle (line 1 before review user61)
        "circle",
        "ours.yaml",
    ),
    Case(
        "strategy-extends-outside",
        with_strategy(
            "id: ours\nname: Ours\nextends: ../outside/base.yaml\n",
            {"../outside/base.yaml": "id: base\nname: Base\n"},
        ),
        3,
        "resolves outside the repository",
        "ours.yaml",
    ),
    Case(
        "strategy-unknown-rule",
        with_strategy("id: ours\nname: Ours\nrules:\n  - {rule: rm-rf}\n"),
        4,
        "unknown rule",
        "ours.yaml",
    ),
    Case(
        "strategy-unknown-option",
        with_strategy("id: ours\nname: Ours\nrules:\n  - {rule: no-scripts, exec: ls}\n"),
        4,
        "has no option",
        "ours.yaml",
    ),
    Case(
        "strategy-unknown-metric",
        with_strategy(
            "id: ours\nname: Ours\nrules:\n  - {rule: metric, metric: __class__, max: 1}\n"
        ),
        4,
        "unknown metric",
        "ours.yaml",
    ),
    Case(
        "strategy-bad-severity",
        with_strategy("id: ours\nname: Ours\nrules:\n  - {rule: no-scripts, severity: fatal}\n"),
        4,
        "must be 'error'",
        "ours.yaml",
    ),
    Case("strategy-laughs", with_strategy(LAUGHS + "\n"), 0, "expands to more than", "ours.yaml"),
]


def test_there_are_at_least_fifty_cases() -> None:
    assert len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, invoke: Invoke) -> None:
    plan = tmp_path / "plan.yaml"
    data = case.build(tmp_path)
    plan.write_bytes(data)
    out = tmp_path / "out.json"
    start = time.process_time()  # CPU time: a loaded machine's clock runs on regardless
    result = invoke("check", str(plan), "--format", f"json:{out}")
    elapsed = time.process_time() - start
    assert result.code == 2, result.out[-500:] + result.err
    assert "Traceback" not in result.err and "Traceback" not in result.out
    named = str(tmp_path / case.file) if case.file != "plan.yaml" else str(plan)
    line = case.line(data) if callable(case.line) else case.line
    assert named in result.err, result.err
    if line:
        assert f"{named}:{line}:" in result.err, result.err
    assert case.fragment in result.err, result.err
    assert " — " in result.err  # every message says what to write instead
    # The output file is written whole, reporting the problem (CI uploads it), never half.
    assert not list(tmp_path.glob(".out.json*"))
    errors = json.loads(out.read_text())["errors"]
    assert errors and errors[0]["file"] == named and errors[0]["fix"]
    assert elapsed < 5
