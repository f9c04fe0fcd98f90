"""The Action's sticky pull-request comment, put together from the Markdown its commands
wrote (`scripts/action.sh` runs ``python -I -m cs_align.prcomment OUT BASE FOOTER``).

Parts come in the order they matter to the pull request: the run's own problems, the diffs
that fail it (with their reasons), the check's verdicts and tables, then the diffs that
pass. The job summary gets every part; the comment keeps whole parts in that order while
they fit GitHub's limit, and says what it left out (review out29 R1: on 25 plans the one
"blocked by" came after every table and was cut off, inside an open <details>).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cs_align.escaping import code

LIMIT = 65_000
"""GitHub rejects comments over 65,536 characters; stay under with room for the note."""

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
    if len(text) <= limit:
        return text
    note = (
        "\n\n*… output truncated to fit a pull-request comment; run cs-align locally for "
        "every finding.*\n"
    )
    cut = text[: limit - len(note) - len("\n</details>")]
    cut = cut[: cut.rfind("\n")]
    if cut.count("<details>") > cut.count("</details>"):
        opened = cut.rfind("<details>")
        shown = cut[opened:].partition("\n")[2]  # what follows its summary line
        # A block cut before its first line is left out, not shown empty (user19 U12).
        cut = cut[:opened].rstrip("\n") if not shown.strip() else cut + "\n</details>"
    return cut + note


def bodies(
    parts: Sequence[tuple[str, str]], base: str, footer: str, limit: int = LIMIT
) -> tuple[str, str]:
    """The whole comment (for the job summary) and the one that fits ``limit`` characters,
    from (kind, Markdown) parts in the order they are to be read; a kind is `notes`,
    `blocking` (a diff that fails the run), `check` or `passing` (a diff that passes)."""
    ref = code(base)  # a branch name may hold a backtick (review out29 R7)
    headings = {"blocking": f"### Against {ref}: what fails", "passing": f"### Against {ref}"}
    texts, heading = [], ""
    for kind, markdown in parts:
        text = "\n".join(x for x in markdown.splitlines() if x != MARKER).strip("\n")
        if kind in headings and headings[kind] != heading:
            heading = headings[kind]
            text = f"{heading}\n\n{text}"
        texts.append(text)
    head, tail = f"{MARKER}\n## cs-align\n", f"\n{footer}\n"
    room = limit - len(head) - len(tail) - _LEFT_OUT
    kept: list[str] = []
    for text in texts:
        if len(text) + 2 > room:
            if not kept or room > _WORTH_CUTTING:  # its head, cut between blocks
                kept.append(truncate(text, room))
            left = len(texts) - len(kept)
            if left:
                kept.append(
                    f"*… {left} more part{'s' if left > 1 else ''} of this report (the diffs "
                    "of plans that pass, or the check's tables) left out to fit a comment: "
                    "see the job summary.*"
                )
            break
        kept.append(text)
        room -= len(text) + 2
    return _joined(head, texts, tail), _joined(head, kept, tail)


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
