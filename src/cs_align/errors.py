"""The one exception type users see, and the exit codes every command shares."""

from __future__ import annotations

import enum
import errno
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from cs_align.deadline import Overtime

MAX_SHOWN = 50
MAX_INTERNAL = 300
"""Characters of an unexpected exception's message shown (see :func:`internal`)."""


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    UNUSABLE = 2
    INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised past the CLI framework so the exit code can be 128 + N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


RECEIVED: list[int] = []
"""The stop signals this process has received (:func:`interrupt` records each)."""


def interrupt(signum: int, frame: object) -> None:
    """The handler for Ctrl-C and SIGTERM: note the signal, then raise :class:`Interrupted`.

    The note outlives the exception: a library may wrap the exception on its way up
    (pydantic's serializer made one "Error calling function `str`: Interrupted: 2") or code
    may catch it with its own, and :func:`stop_if_interrupted` still stops the run."""
    RECEIVED.append(signum)
    raise Interrupted(signum)


def quiet_stops(previous: Callable[[Any], object]) -> Callable[[Any], None]:
    """A `sys.unraisablehook` that says nothing of a stop (:class:`Interrupted`, or a time
    limit's :class:`Overtime`) raised where Python cannot raise it, in a finalizer or a
    callback run from C: Python printed "Exception ignored in: Decimal('3')" and a traceback
    before "cs-align: interrupted". The run stops anyway: the signal is noted
    (:func:`interrupt`) and :func:`stop_if_interrupted` ends it, and an expired limit comes
    again. Anything else goes to ``previous``."""

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted | Overtime):
            previous(unraisable)

    return hook


def stop_if_interrupted(cause: BaseException | None = None) -> None:
    """Raise :class:`Interrupted` if a stop signal arrived, whatever became of the exception
    its handler raised; ``cause`` is the exception that stood in for it."""
    if RECEIVED and not isinstance(cause, Interrupted):
        raise Interrupted(RECEIVED[-1]) from cause


class Problem(NamedTuple):
    """One thing wrong with an input, with where it is and what to write instead."""

    file: str
    line: int
    column: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


SHOWN_AT_MOST = 240
"""The most characters of one run of text a problem shows (a quoted value, or a run with no
blank): the rest is cut to `…`. The loader cuts what a plan's field holds at 60
(``loader.clipped``); this bound holds every other message (review input59: `strategy:`
naming a 1 MB word was echoed whole, "unknown strategy 'xxx…'", 1 MB on standard error and
3 MB in SARIF). No name, path or figure a person writes is that long without a blank."""

_OVER = f"{{{SHOWN_AT_MOST + 1},}}"
_LONG_RUN = re.compile(rf"'[^'\n]{_OVER}'|\"[^\"\n]{_OVER}\"|[^\s'\"]{_OVER}")


def bounded(text: str) -> str:
    """``text`` with each run longer than SHOWN_AT_MOST cut to it and `…` (a quote kept)."""
    if len(text) <= SHOWN_AT_MOST:
        return text

    def cut(m: re.Match[str]) -> str:
        run = m[0]
        end = run[-1] if run[0] in "'\"" else ""
        return f"{run[:SHOWN_AT_MOST]}…{end}"

    return _LONG_RUN.sub(cut, text)


class CsAlignError(Exception):
    """Input or command line that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [
            p._replace(message=bounded(p.message), fix=bounded(p.fix)) for p in problems
        ]
        super().__init__("\n".join(str(p) for p in problems))

    def render(self) -> str:
        """One line a problem; file names and quoted input are untrusted, so shown visibly."""
        from cs_align.escaping import visible

        shown = [visible(str(p)) for p in self.problems[:MAX_SHOWN]]
        extra = len(self.problems) - MAX_SHOWN
        if extra > 0:
            shown.append(f"… and {extra} more")
        return "\n".join(shown)


class PlanError(CsAlignError):
    """A plan file is unusable."""


class StrategyError(CsAlignError):
    """A strategy file or strategy reference is unusable."""


class UsageError(CsAlignError):
    """The command line is unusable."""


def usage(message: str, fix: str = "") -> UsageError:
    return UsageError([Problem(file="cs-align", line=0, column=0, message=message, fix=fix)])


FORMAT_NAMES = frozenset(
    {"table", "json", "sarif", "junit", "markdown", "md", "github", "html", "csv", "diff"}
)
"""Every name a command's --format takes (each command writes some of them)."""


def format_name(name: str) -> str:
    """A format named in any case as the registry names it (`JSON` is json, as a file's
    suffix .JSON is); a name of no format is left as written, for the message that says so
    (review user45 U12)."""
    return name.lower() if name.lower() in FORMAT_NAMES else name


def close_matches(word: str, choices: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """difflib's closest match of ``word`` among ``choices`` (none or one), without reading a
    word too long to be close to any: a ratio of at least 0.4 needs the word no longer than
    four times the longest choice, and a megabyte value in a plan or strategy (review
    input59) cost difflib a pass over each of its characters for an answer known before."""
    import difflib  # only on the way to an error

    listed = list(choices)
    if cutoff >= 0.4 and len(word) > 4 * max(map(len, listed), default=0):
        return []  # 2 × matched ÷ (len(word) + len(choice)) < 2 ÷ 5
    return difflib.get_close_matches(word, listed, n=1, cutoff=cutoff)


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """What a misspelt or partial id may have meant, as a hint: the close spelling, else the
    ids it is a whole part of (`budget` → budget-funds-targets, budget-lines-add-up; `trust`
    → extraordinary-trust), at most three; None when nothing is near."""
    import re

    ids = sorted(set(known))
    # `metric:shrinkage`, as `fix` names what a change answers: the rule is `metric`.
    head = name.split(":", 1)[0].strip().lower()
    close = [head] if ":" in name and head in ids else []
    close = close or close_matches(name, ids) or close_matches(name.lower(), ids)
    if not close and len(name.lower()) > max(map(len, ids), default=0):
        return None  # a part of no id: no pattern of it compiled (a megabyte's took seconds)
    if not close:
        part = re.compile(rf"(?:^|[-_]){re.escape(name.lower())}(?:[-_]|$)")
        close = [i for i in ids if name and part.search(i.lower())][:3]
    if not close:
        return None
    if len(close) == 1:
        return f"did you mean {close[0]!r}?"
    return f"did you mean one of {', '.join(repr(c) for c in close)}?"


_WRITTEN_AS = {"txt": "table", "text": "table", "xml": "junit", "md": "markdown"}
"""What a format name means where a command writes it under another name (`-o out.txt`
writes the table, `-o out.xml` JUnit)."""
_WRITTEN_BY = {
    "html": "an HTML report is `cs-align report PLAN -o report.html`",
    "pdf": "cs-align writes no PDF: print `cs-align report PLAN -o report.html` from a browser",
    "csv": "CSV is what-if scenarios: `cs-align whatif PLAN -f csv`",
    "diff": "the fixed plan as a diff is `cs-align fix PLAN -f diff`; two plans compared, "
    "`cs-align diff BASE PLAN`",
    "sarif": "SARIF is `cs-align check PLAN -f sarif` (or `cs-align diff`)",
    "junit": "JUnit is `cs-align check PLAN -f junit` (or `cs-align diff`)",
    "github": "annotations are `cs-align check PLAN -f github` (or `cs-align diff`)",
    "markdown": "Markdown is `cs-align check`, `diff` or `whatif` with -f markdown, and a "
    "report `cs-align report PLAN -o report.md`",
}
"""Formats another command writes: `check -f html` is told where the HTML report is
(review user63: it was told only the formats check writes)."""


def unknown_format(name: str, formats: tuple[str, ...], what: str = "format") -> UsageError:
    """`-f jsn`: the formats a command writes, with the one meant when it is close (names
    are read case-blind before this: `-f JSON` is json; review user45 U12), or the command
    that writes it when another does (`check -f html`)."""
    meant = _WRITTEN_AS.get(name.lower()) if what == "format" else None
    close = [meant] if meant in formats else close_matches(name.lower(), formats)
    listed = f"{'one of ' if len(formats) > 2 else ''}{', '.join(formats[:-1])} or {formats[-1]}"
    listed = f"use {listed}"
    elsewhere = _WRITTEN_BY.get(meant or name.lower()) if what == "format" else None
    if elsewhere and not close:
        return usage(f"unknown {what} {name!r}", f"{elsewhere} (here, {listed})")
    return usage(
        f"unknown {what} {name!r}", f"did you mean {close[0]}? ({listed})" if close else listed
    )


def empty_name(*, many: bool = False) -> UsageError:
    """A plan named by an empty argument: in CI, `check "$PLAN"` with the variable unset or
    misspelt. Read as the current folder, it judged whatever plans lay there and passed
    (review user24 N3). ``many``: the command takes folders and globs too (`check`)."""
    return usage(
        "an empty plan name (an unset variable?)",
        "name a plan file, a folder or a glob; `.` for the current folder"
        if many
        else "name a plan file, or - for standard input",
    )


def os_fix(exc: OSError) -> str:
    """What to do about a file the system refused: `check VERY-LONG-NAME.yaml` said only
    "File name too long", with nothing to write instead (review input61)."""
    if exc.errno == errno.ENAMETOOLONG:
        return "shorten the name: a file or folder name is at most 255 bytes"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "check its permissions"
    if exc.errno == errno.ENOSPC:
        return "free some disk space, then run again"
    return "check the file and its folder, then run again"


def internal(exc: BaseException) -> str:
    """An unexpected exception in one line: its type and the start of its message."""
    text = " ".join(str(exc).split())
    if len(text) > MAX_INTERNAL:
        text = text[:MAX_INTERNAL] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
