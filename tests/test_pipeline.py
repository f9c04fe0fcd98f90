"""The pipeline's stages keep their promises: `evaluate` is pure, and each stage imports only
from the stages before it (docs/architecture.md draws the map)."""

from __future__ import annotations

import ast
import builtins
import datetime as dt
import functools
import os
from pathlib import Path

import pytest

from cs_align.engine import CheckOptions, day, evaluate, scopes
from cs_align.loader import parse_plan
from tests.conftest import GOOD, ROOT

SCRIPTED = GOOD.replace("uses_scripts: false", "uses_scripts: true") + (
    "waivers:\n"
    "  - rule: no-scripts\n"
    "    path: staffing.uses_scripts\n"
    "    reason: Scripts stay until the new training lands\n"
    "    owner: head-of-service\n"
    "    expires: 2027-03-31\n"
)


def test_evaluate_reads_no_file_no_folder_and_no_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = parse_plan(SCRIPTED, "plan.yaml")
    options = CheckOptions(max_waiver_days=100_000)
    units = scopes(loaded, options)  # the stage that reads strategy files
    evaluate(loaded, units, options, dt.date(2027, 1, 1))  # the built-in catalogue, once

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"evaluate did I/O: {args!r}")

    for name in ("open", "stat", "listdir", "scandir", "getcwd"):
        monkeypatch.setattr(os, name, refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    # The waiver expires on 31 March 2027: the day given decides, not the clock.
    before = evaluate(loaded, units, options, dt.date(2027, 3, 1))
    after = evaluate(loaded, units, options, dt.date(2027, 4, 1))
    monkeypatch.undo()
    assert (before.verdict, after.verdict) == ("aligned", "misaligned")
    assert evaluate(loaded, units, options, dt.date(2027, 3, 1)) == before  # same in, same out


def test_the_day_defaults_to_the_clock_only_outside_evaluate() -> None:
    assert day(CheckOptions()) == dt.date.today()
    assert day(CheckOptions(today=dt.date(2030, 1, 2))) == dt.date(2030, 1, 2)


# ---- layering ------------------------------------------------------------------------------

PACKAGE = ROOT / "src" / "cs_align"
LAYERS = (
    "queueing incgamma fractional units patterns errors escaping findings currencies "
    "lookalikes deadline yamlsafe tomlpos names",
    "plan schedule intraday sizing metrics catalogue rules promise binding inputs scenarios",
    "loader repo config discovery strategy mix reveal waivers organisations policy engine "
    "resilience whatif "
    "fixer "
    "fixstaff fixbudget fixpractice fixpromise fixdecisions keepbudget roundtrip diff starter "
    "schema policyschema reporters",
    "reporters.terminal reporters.json reporters.sarif reporters.junit reporters.markdown "
    "reporters.github reporters.whatif reporters.fix report reportstress charts templating "
    "sandbox output prcomment linguist stepcalls outputschema",
    "commands cli action __main__ __init__",
)
"""docs/architecture.md's layers, bottom first: pure core, model, load-resolve-judge,
render, commands. A module imports from its own layer or the layers below. The reporters' registry
(`reporters`, format names and the protocol) sits with the loaders, which check format names;
the reporters themselves render."""
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names.split()}


def _layer(module: str) -> int:
    """A module's layer: its own entry, else its package's."""
    return LAYER.get(module, LAYER[module.split(".")[0]])


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once for the tests that read it (none changes it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def _imports(module: str) -> frozenset[str]:
    """The cs_align modules a module imports at run time (type-only imports aside): found
    once a module for the two tests per module that ask (each walk of a tree ~10 ms)."""
    tree = _tree(PACKAGE / f"{module.replace('.', '/')}.py")
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for n in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only or not isinstance(node, ast.ImportFrom):
            continue
        if node.module and node.module.startswith("cs_align"):
            inner = node.module.removeprefix("cs_align").lstrip(".")
            found |= {inner} if inner else {a.name for a in node.names if a.name in LAYER}
    return frozenset(found)


def _modules() -> list[str]:
    return sorted(
        str(p.relative_to(PACKAGE).with_suffix("")).replace(os.sep, ".")
        for p in PACKAGE.rglob("*.py")
    )


@pytest.mark.parametrize("module", _modules())
def test_imports_go_down_the_layers_never_up(module: str) -> None:
    mine = _layer(module.removesuffix(".__init__"))
    above = {m for m in _imports(module) if _layer(m) > mine}
    if module == "reporters.__init__":  # the registry loads a reporter when it is asked for
        above = {m for m in above if not m.startswith("reporters.")}
    assert above == set(), f"{module} (layer {mine + 1}) imports from a higher layer"


def test_every_module_has_a_layer() -> None:
    reporters = {m for m in _modules() if m.startswith("reporters.") and m != "reporters.__init__"}
    assert {m.split(".")[0] for m in _modules()} - set(LAYER) == set()
    assert reporters - set(LAYER) == set(), "give each reporter its place in LAYERS"


@pytest.mark.parametrize("module", [m for m in _modules() if not m.startswith("commands")])
def test_only_the_command_line_reaches_into_the_commands(module: str) -> None:
    # The commands wing sits on top: the library below never calls back up into it.
    if module in ("cli", "__main__"):
        return
    assert not any(m.startswith("commands") for m in _imports(module)), module


def test_the_architecture_page_names_every_module() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    # Rule modules are documented one by one in docs/rules.md, from their docstrings.
    modules = [m for m in _modules() if not m.startswith("rules.") or m == "rules.base"]
    missing = [m for m in modules if f"`{m.split('.')[-1]}`" not in page]
    assert missing == [], "describe these in docs/architecture.md"


def test_the_commands_wing_holds_one_module_per_command() -> None:
    wing = {p.stem for p in (PACKAGE / "commands").glob("*.py")} - {"__init__"}
    expected = {"check", "diff", "report", "staff", "promise", "init", "info", "whatif", "fix"}
    assert expected <= wing, expected - wing
    assert Path(PACKAGE / "cli.py").exists()


# ---- records -------------------------------------------------------------------------------


def _records() -> set[str]:
    """Every NamedTuple and dataclass the package defines."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                decorators = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
                if "NamedTuple" in bases or "dataclass" in decorators:
                    found.add(node.name)
    return found


def test_records_are_built_by_keyword() -> None:
    # Finding(rule=…, severity=…, …): neighbouring strings cannot be swapped unseen.
    records = _records()
    positional = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in records:
                positional.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert positional == []


def test_a_plain_check_leaves_the_gate_off_its_start_up(tmp_path: Path) -> None:
    # Start-up is issue #14's budget: a check without --policy-ref imported the gate
    # (policy, organisations and what they import, 1.5% of its instructions) once the
    # approvals and the gated folders were read for every run. A process of its own: what
    # it imports is what is under test, and this test session has imported everything.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from cs_align.cli import main\n"
        "sys.argv = ['cs-align', 'check', sys.argv[1], '-f', 'json', '-o', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    plan = ROOT / "examples" / "delight-aligned.yaml"
    ran = subprocess.run(
        [sys.executable, "-c", script, str(plan), str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(ran.stdout.split())
    assert "cs_align.rules" in loaded and (tmp_path / "out.json").exists()  # it ran
    gate = {"policy", "organisations", "binding", "diff", "lookalikes", "commands.diff"}
    assert not {f"cs_align.{m}" for m in gate} & loaded
