"""What the CLI commands do, as functions that return text or an exit code."""

from __future__ import annotations

import glob
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cs_align.errors import CsAlignError, PlanError, Problem, usage
from cs_align.findings import Report, Severity


def renderers() -> dict[str, Callable[[list[Report]], str]]:
    from cs_align.reporters import github, junit, markdown, sarif, terminal
    from cs_align.reporters import json as json_fmt

    return {
        "table": terminal.render,
        "json": json_fmt.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "markdown": markdown.render,
        "github": github.render,
    }


def expand_inputs(paths: list[str]) -> list[str]:
    """Files, folders (plans inside, recursively), globs and '-' → plan paths."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
        elif Path(raw).is_dir():
            found.extend(str(p) for p in sorted(Path(raw).rglob("*")) if _is_plan(p))
        elif any(c in raw for c in "*?[") and not Path(raw).exists():
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise usage(f"{raw}: no files match", "check the pattern")
            found.extend(m for m in matches if Path(m).is_file())
        else:
            found.append(raw)
    if not found:
        raise usage("no plan files found", "name a .yaml plan, a folder of plans, or -")
    return found


def _is_plan(path: Path) -> bool:
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"version:" in head  # plans declare a version; strategy files do not


def parse_formats(fmts: list[str], output: Path | None) -> list[tuple[str, Path | None]]:
    result: list[tuple[str, Path | None]] = []
    for item in fmts:
        name, _, target = item.partition(":")
        if name not in renderers():
            raise usage(f"unknown format {name!r}", f"use one of {', '.join(renderers())}")
        result.append((name, Path(target) if target else None))
    if output is not None:
        if len(result) != 1:
            raise usage("--output goes with a single --format", "use FORMAT:FILE for several")
        result = [(result[0][0], output)]
    return result


def run_check(
    paths: list[str],
    fmts: list[str],
    output: Path | None,
    fail_on: str,
    strategy: str | None,
    ignore_waivers: bool,
    stdin_filename: str | None,
) -> int:
    from cs_align.engine import check_file

    if fail_on not in ("error", "warning", "info"):
        raise usage(f"--fail-on {fail_on!r} is not a severity", "use error, warning or info")
    targets = parse_formats(fmts, output)
    inputs = expand_inputs(paths)
    protect = {Path(p).resolve() for p in inputs if p != "-"}
    reports, problems = [], []
    for path in inputs:
        try:
            reports.append(
                check_file(path, strategy, stdin_filename if path == "-" else None, ignore_waivers)
            )
        except CsAlignError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanError(problems)
    for name, target in targets:
        text = renderers()[name](reports)
        if target is None:
            _print(name, reports, text)
        else:
            write_atomic(target, text, protect)
    level = Severity[fail_on]
    return 1 if any(r.fails(level) for r in reports) else 0


def _print(name: str, reports: list[Report], text: str) -> None:
    import sys

    if name == "table" and sys.stdout.isatty():
        from rich.console import Console

        from cs_align.reporters.terminal import print_reports

        print_reports(reports, Console())
        return
    from cs_align.cli import emit

    emit(text)


def write_atomic(target: Path, text: str, protect: set[Path] | None = None) -> None:
    """Write via a temp file in the same folder, fsync, then replace: never half-written."""
    resolved = target.resolve()
    if protect and resolved in protect:
        raise usage(f"{target} is one of the input plans", "write the output somewhere else")
    folder = resolved.parent
    if not folder.is_dir():
        raise usage(f"{target}: folder {folder} does not exist", "create it first")
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{resolved.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, resolved)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def plan_schema() -> str:
    from cs_align.plan import Plan

    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cs-align plan"
    return json.dumps(schema, indent=2)


def list_strategies(fmt: str) -> str:
    from cs_align.strategy import builtin_files, builtin_ids, load_strategy

    items = [load_strategy(builtin_files()[i]) for i in builtin_ids(include_universal=True)]
    if fmt == "json":
        return (
            json.dumps(
                [
                    {
                        "id": s.id,
                        "name": s.name,
                        "purpose": s.purpose,
                        "extends": s.extends,
                        "rules": [r.id for r in s.rules],
                    }
                    for s in items
                ],
                indent=2,
            )
            + "\n"
        )
    _check_fmt(fmt)
    width = max(len(s.id) for s in items)
    return "".join(f"{s.id:<{width}}  {s.purpose}\n" for s in items)


def _check_fmt(fmt: str) -> None:
    if fmt != "table":
        raise usage(f"unknown format {fmt!r}", "use table or json")


def show_strategy(strategy_id: str, fmt: str) -> str:
    from cs_align.strategy import load_strategy, resolve_reference

    strategy = load_strategy(resolve_reference(strategy_id, Path.cwd(), True), True)
    data = strategy.to_dict()
    if fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    _check_fmt(fmt)
    lines = [
        f"{strategy.name} ({strategy.id})",
        f"purpose:   {strategy.purpose}",
        f"exemplars: {', '.join(strategy.exemplars) or '-'}",
        f"promise:   {strategy.promise or '-'}",
        f"extends:   {strategy.extends or '-'}",
        f"source:    {strategy.source or '-'}",
        "rules:",
    ]
    for rule in data["rules"]:
        opts = ", ".join(f"{k}={v}" for k, v in rule.items() if k not in ("rule", "severity"))
        lines.append(f"  {rule['severity']:<8} {rule['rule']}" + (f"  ({opts})" if opts else ""))
    return "\n".join(lines) + "\n"


def explain_rule(rule_id: str | None, plan: str | None) -> str:
    import difflib

    from cs_align.rules import REGISTRY

    if rule_id is None:
        return "".join(f"{rid:<26} {m.TITLE}\n" for rid, m in sorted(REGISTRY.items()))
    module = REGISTRY.get(rule_id)
    if module is None:
        close = difflib.get_close_matches(rule_id, list(REGISTRY), n=1)
        raise usage(
            f"unknown rule {rule_id!r}",
            f"did you mean {close[0]!r}?" if close else "run `cs-align explain` for the list",
        )
    text = (
        f"{rule_id} — {module.TITLE}\nseverity: {module.SEVERITY}   area: {module.AREA}   "
        f"source: {module.SOURCE}\n\n{(module.__doc__ or '').strip()}\n"
    )
    if plan:
        text += _rule_on_plan(module, plan)
    return text


def _rule_on_plan(module: object, plan: str) -> str:
    from cs_align.engine import check_file

    report = check_file(plan)
    rule_id = getattr(module, "ID", "")
    hits = [f for f in report.findings if f.rule == rule_id]
    if not hits:
        return f"\n{plan}: {rule_id} holds (or does not apply to its strategy).\n"
    return "\n" + "".join(
        f"{plan}:{f.line}:{f.column}: {f.message}\n  fix: {f.fix}\n" for f in hits
    )


def list_metrics(fmt: str) -> str:
    from cs_align.catalogue import all_metrics

    items = all_metrics()
    if fmt == "json":
        return (
            json.dumps(
                [
                    {"name": m.name, "unit": m.unit, "meaning": m.meaning, "scope": m.scope}
                    for m in items
                ],
                indent=2,
            )
            + "\n"
        )
    _check_fmt(fmt)
    return "".join(f"{m.name:<36} {m.unit:<14} {m.scope:<8} {m.meaning}\n" for m in items)


def write_starter(path: Path, strategy: str, force: bool) -> str:
    from cs_align.starter import starter_plan
    from cs_align.strategy import ALIASES, builtin_ids

    sid = ALIASES.get(strategy, strategy)
    if sid not in builtin_ids():
        raise usage(f"unknown strategy {strategy!r}", f"use one of {', '.join(builtin_ids())}")
    if path.exists() and not force:
        raise PlanError(
            [
                Problem(
                    str(path),
                    0,
                    0,
                    "already exists",
                    "choose another path, or pass --force to overwrite it",
                )
            ]
        )
    write_atomic(path, starter_plan(sid))
    return f"wrote {path}: a {sid} plan. Next: cs-align check {path}"


def rules_reference() -> str:
    """docs/rules.md: every rule's documentation, generated from the rule docstrings."""
    from cs_align.rules import REGISTRY

    parts = [
        "# cs-align rules\n\nGenerated from the rule docstrings by "
        "`cs-align explain --markdown`; do not edit by hand.\n"
    ]
    for rule_id, module in sorted(REGISTRY.items()):
        doc = (module.__doc__ or "").strip()
        parts.append(
            f"\n## `{rule_id}` — {module.TITLE}\n\nDefault severity: "
            f"{module.SEVERITY} · area: {module.AREA} · source: {module.SOURCE}\n\n"
            f"```text\n{doc}\n```\n"
        )
    return "".join(parts)
