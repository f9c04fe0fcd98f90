"""`init`: a commented starter plan for a built-in strategy, sized so that it passes `check`."""

from __future__ import annotations

from pathlib import Path

from cs_align.errors import CsAlignError, PlanError, Problem, did_you_mean, usage
from cs_align.escaping import visible
from cs_align.output import emit, writable, write_atomic
from cs_align.repo import as_folder


def run(path: Path, strategy: str, force: bool) -> int:
    """`cs-align init`: write the plan and say what to run next."""
    emit(write_starter(path, strategy, force) + "\n")
    return 0


def write_starter(path: Path, strategy: str, force: bool) -> str:
    from cs_align.starter import starter_plan
    from cs_align.strategy import ALIASES, builtin_ids

    sid = ALIASES.get(strategy, strategy)
    if sid == "universal":  # listed with the others, but a base, not a strategy to declare
        raise usage(
            "universal is the base every strategy extends (its rules hold for all of them), "
            "not a strategy a plan starts from",
            f"pick one of {', '.join(builtin_ids())}",
        )
    if sid not in builtin_ids() and Path(strategy).suffix.lower() in (".yaml", ".yml"):
        raise _a_file(strategy, path)
    if sid not in builtin_ids():
        raise usage(
            f"unknown strategy {strategy!r}",
            did_you_mean(strategy, [*builtin_ids(), *ALIASES])
            or f"use one of {', '.join(builtin_ids())}",
        )
    if str(path) == "-":  # `-` is standard input to every other command
        raise usage("init writes a file, not standard output", "name the plan file, e.g. plan.yaml")
    if path.is_dir():
        raise usage(
            f"{as_folder(path)} is a folder", f"name the plan file in it, e.g. {path / 'plan.yaml'}"
        )
    if path.exists():  # a plan is never replaced, --force or not: say so before offering it
        writable(path, kind="plan", force=True, command="init")
    if path.exists() and not force:
        raise PlanError(
            [
                Problem(
                    file=str(path),
                    line=0,
                    column=0,
                    message="already exists",
                    fix="choose another path, or pass --force to overwrite it",
                )
            ]
        )
    if path.exists():  # --force: any file but a plan other than a starter `init` wrote
        _keep_edits(path)
        writable(path, kind="plan", force=force, command="init")
    path.parent.mkdir(parents=True, exist_ok=True)  # `init plans/acme.yaml` in a new repo
    write_atomic(path, starter_plan(sid), kind="plan", force=force, command="init")
    article = "an" if sid[:1] in "aeiou" else "a"  # an automated, an engagement plan
    shown = visible(str(path))
    return f"wrote {shown}: {article} {sid} plan. Next: cs-align check {shown}"


def _a_file(strategy: str, path: Path) -> CsAlignError:
    """A strategy file given to init: the starter is a built-in's, so say which one to start
    from and how the plan then names the file. It was told "unknown strategy 'ours.yaml' —
    use one of automated, …", as if the file did not exist (review user62)."""
    import os

    from cs_align.strategy import builtin_ids, load_strategy, resolve_reference

    ids = ", ".join(builtin_ids())
    if not Path(strategy).is_file():
        return usage(
            f"no strategy file {visible(strategy)}, and init writes a plan for a built-in strategy",
            f"use one of {ids}",
        )
    try:
        base = load_strategy(resolve_reference(strategy, Path.cwd(), named_by=None))
        start, which = base.lineage.split(" → ")[-1], " (the built-in it extends)"
    except CsAlignError:  # the file is refused: `check` says why; the plan names it the same
        start, which = "ID", f" (ID one of {ids})"
    named = Path(os.path.relpath(Path(strategy).resolve(), path.resolve().parent)).as_posix()
    return usage(
        f"init writes a plan for a built-in strategy; {visible(strategy)} is a strategy file",
        f"run `cs-align init --strategy {start} {visible(str(path))}`{which}, then write "
        f"`strategy: {visible(named)}` in the plan",
    )


def _keep_edits(path: Path) -> None:
    """Refuse (exit 2) to replace a starter plan someone has edited: its mark stays at the
    top, so `init --force` took a week's figures for the starter it was, and wrote over them
    (review user60). A starter is replaced only as `init` wrote it, for any strategy."""
    from cs_align.output import STARTER
    from cs_align.starter import starter_plan
    from cs_align.strategy import builtin_ids

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # not a starter init wrote: `writable` says what it is
    if STARTER not in "\n".join(text.splitlines()[:5]):
        return
    if any(text == starter_plan(sid) for sid in builtin_ids() if sid != "universal"):
        return
    raise usage(
        f"{path} is a starter plan that has been edited since `cs-align init` wrote it: "
        "init --force replaces only a starter as it was written",
        f"choose another path, or delete {path} first to start again",
    )
