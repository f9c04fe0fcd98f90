"""The Action's sticky pull-request comment, put together from the Markdown its commands
wrote (`scripts/action.sh` runs ``python -I -m cs_align.prcomment OUT BASE FOOTER``).

Parts come in the order they matter to the pull request: the run's own problems, the diffs
that fail it (with their reasons), the check's verdicts and tables, then the diffs that
pass. The job summary gets every part while under GitHub's 1 MiB; the comment keeps whole
parts in that order while they fit GitHub's limit, and says what it left out (review out29
R1: on 25 plans the one "blocked by" came after every table and was cut off, inside an open
<details>).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cs_align.escaping import code

LIMIT = 65_000
"""GitHub rejects comments over 65,536 characters; stay under with room for the note."""
TRUNCATED = "*… output truncated to fit"
"""How the note on a cut text begins (the Markdown format adds how many plans it shows)."""
SUMMARY_LIMIT = 1_000_000
"""GitHub drops a step's whole job summary past 1 MiB of UTF-8 ("$GITHUB_STEP_SUMMARY upload
aborted, supports content up to a size of 1024k"); stay under, in bytes, with room."""

MARKER = "<!-- cs-align-report -->"
"""The hidden line the Action finds its own comment by."""
_LEFT_OUT = 200
"""Room kept for the line that says what was left out."""
_WORTH_CUTTING = 2_000
"""Room left in which the first part that does not fit is shown cut (its verdicts, say),
rather than left out."""


def truncate(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at a line to fit ``limit`` characters, an open <details> closed, and a
    note that it was cut."""
    return _truncate(text, limit, len, "a pull-request comment")


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _truncate(text: str, limit: int, size: Callable[[str], int], where: str) -> str:
    """``text`` cut at a line to fit ``limit`` as ``size`` measures it (characters, or a job
    summary's UTF-8 bytes), an open <details> closed, and a note that it was cut."""
    if size(text) <= limit:
        return text
    note = f"\n\n{TRUNCATED} {where}; run cs-align locally for every finding.*\n"
    room = limit - size(note) - size("\n</details>")
    cut = text[:room] if size is len else text.encode("utf-8")[:room].decode("utf-8", "ignore")
    cut = cut[: cut.rfind("\n")]
    opened = _open_details(cut)
    if opened is not None:
        shown = cut[opened:].partition("\n")[2]  # what follows its summary line
        # A block cut before its first line is left out, not shown empty (user19 U12).
        cut = cut[:opened].rstrip("\n") if not shown.strip() else cut + "\n</details>"
    return cut + note


_DETAILS = re.compile(r"^(<details>|</details>$)", re.MULTILINE)


def _open_details(text: str) -> int | None:
    """Where the <details> block ``text`` leaves open starts, if it leaves one open. Only a
    block cs-align writes counts, whose tags stand at the start of a line: `<details>` in a
    code span of a file name the pull request chose (`plans/</details>.yaml`) made an open
    block read as closed, and the note of what was cut, the parts left out and the footer
    went inside it, collapsed (review inject62)."""
    depth, start = 0, None
    for tag in _DETAILS.finditer(text):
        depth += 1 if tag.group() == "<details>" else -1
        start = tag.start() if tag.group() == "<details>" else start
    return start if depth > 0 else None


def bodies(
    parts: Sequence[tuple[str, str]],
    base: str,
    footer: str,
    limit: int = LIMIT,
    summary_limit: int = SUMMARY_LIMIT,
) -> tuple[str, str]:
    """The job summary's text (every part, while under GitHub's 1 MiB) and the comment that
    fits ``limit`` characters, from (kind, Markdown) parts in the order they are to be read;
    a kind is `notes`, `blocking` (a diff that fails the run), `check` or `passing` (a diff
    that passes). The summary was every part, whatever its size: past 1 MiB GitHub dropped
    it whole, and the comment's "see the job summary" led nowhere (review user50 M1)."""
    ref = code(base)  # a branch name may hold a backtick (review out29 R7)
    headings = {"blocking": f"### Against {ref}: what fails", "passing": f"### Against {ref}"}
    texts, heading = [], ""
    for kind, markdown in parts:
        text = "\n".join(x for x in markdown.splitlines() if x != MARKER).strip("\n")
        if kind in headings and headings[kind] != heading:
            heading = headings[kind]
            text = f"{heading}\n\n{text}"
        texts.append((kind, text))
    head, tail = f"{MARKER}\n## cs-align\n", f"\n{footer}\n"
    whole = _fitted(head, texts, tail, summary_limit, _utf8, "the job summary")
    return whole, _fitted(head, texts, tail, limit, len, "a pull-request comment")


NOTES_SHARE = 4
"""The run's notes take at most this fraction (1/N) of a comment or summary: a pull request
can make them long (a note a plan whose diff GitHub hides, each naming a path of thousands of
characters), and, first, they pushed out every part after them, the diffs that fail the run
and the check's verdicts included (review attack52 A04)."""

_KINDS = {
    "notes": "notes on the run",
    "blocking": "the diffs that fail the run",
    "check": "the check's verdicts and tables",
    "passing": "the diffs of plans that pass",
}


def _fitted(
    head: str,
    texts: list[tuple[str, str]],
    tail: str,
    limit: int,
    size: Callable[[str], int],
    where: str,
) -> str:
    """``head``, whole texts in order while they fit ``limit`` (as ``size`` measures; the
    notes cut to their share), the first that does not cut between blocks when there is
    room worth it, a note of what was left out, by kind, and ``tail``."""
    room = limit - size(head) - size(tail) - _LEFT_OUT
    kept: list[str] = []
    for index, (kind, text) in enumerate(texts):
        if kind == "notes":
            text = _truncate(text, limit // NOTES_SHARE, size, where)
        if size(text) + 2 > room:
            if not kept or room > _WORTH_CUTTING:  # its head, cut between blocks
                kept.append(_truncate(text, room, size, where))
                index += 1
            left = texts[index:]
            if left:
                to = "a comment: see the job summary"
                if size is not len:
                    to = "the job summary (GitHub drops one past 1 MiB): run cs-align locally"
                what = ", ".join(dict.fromkeys(_KINDS.get(k, k) for k, _ in left))
                kept.append(
                    f"*… {len(left)} more part{'s' if len(left) > 1 else ''} of this report "
                    f"({what}) left out to fit {to}.*"
                )
            break
        kept.append(text)
        room -= size(text) + 2
    return _joined(head, kept, tail)


def _joined(head: str, texts: list[str], tail: str) -> str:
    return head + "".join(f"\n{text}\n" for text in texts) + tail


def main(argv: Sequence[str]) -> None:
    """OUT BASE FOOTER: read OUT/parts.tsv (kind TAB file, a line each), write OUT/comment.md
    (the whole comment) and OUT/comment-short.md (the one that fits)."""
    out, base, footer = Path(argv[0]), argv[1], argv[2]
    parts = []
    for line in (out / "parts.tsv").read_text(encoding="utf-8").splitlines():
        kind, path = line.split("\t", 1)
        parts.append((kind, Path(path).read_text(encoding="utf-8")))
    whole, short = bodies(parts, base, footer)
    (out / "comment.md").write_text(whole, encoding="utf-8")
    (out / "comment-short.md").write_text(short, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
