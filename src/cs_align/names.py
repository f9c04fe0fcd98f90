"""Names as a reviewer tells them apart: two names that look the same are one name.

The gate compares organisation names to know which plans are one organisation's money (see
cs_align.policy). A name is compared as it shows on a screen: Unicode-normalised (NFKC), case
and spacing folded, the characters a screen does not show dropped, and every character read
as the letter it looks like. Unicode lists the characters people confuse (its confusables
data, UTS #39 "Unicode Security Mechanisms", section 4); a Cyrillic "а" or a Greek "Ε"
reads as the Latin letter, so "Example Delight Cо" (with a Cyrillic о) is Example Delight
Co. The name is case-folded first, so names that differ only in case stay one name; then
each character that looks like an ASCII one is read as that, or as what its capital looks
like when only the capital has a Latin look-alike (a Greek "ε" as "e", since "Ε" looks like
"E"). ASCII itself is read as written, since a code review shows it in a typeface that tells
"I" from "l" and "0" from "O". Only look-alikes of one character for one character are
used: "rn" and "m" stay two names.
"""

from __future__ import annotations

import functools
import unicodedata


def same_name(name: str) -> str:
    """A name as compared: "Example Delight Co ", "example  delight co", "Example Delight
    Co\\0" and "Еxample Delight Co" (a Cyrillic Е) are the one name a reviewer sees."""
    shown = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    # Letters apart from their accents, so that a look-alike keeps the accent it carries.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", shown).casefold())
    read = unicodedata.normalize("NFC", "".join(map(_read, folded)))
    return " ".join(read.split())


def _read(char: str) -> str:
    """A case-folded character as read: the ASCII letter it looks like, or the one its
    capital looks like (a Greek "κ" as its "Κ", K), or itself."""
    table = _look_alike()
    found = table.get(char)
    if found is None and len(capital := char.upper()) == 1:
        found = table.get(capital)
    return (found or char).casefold()


@functools.cache
def _look_alike() -> dict[str, str]:
    """Each non-ASCII character that looks like an ASCII one → that one (see above). Built
    once a run, when names are compared."""
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    data: dict[str, list[dict[str, str]]] = confusables.confusables_data
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for char, alikes in data.items():
        for alike in alikes:
            a, b = char, alike["c"]
            if len(a) == 1 and len(b) == 1 and (ra := root(a)) != (rb := root(b)):
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for c in {c for c in parent} | set(parent.values()):
        groups.setdefault(root(c), []).append(c)
    table = {}
    for members in groups.values():
        ascii_ = sorted(c for c in members if c.isascii())
        if not ascii_:
            continue  # no Latin look-alike: the character is read as written
        for c in members:
            if c.isascii():
                continue

            def fit(a: str, c: str = c) -> tuple[bool, bool, str]:
                same_case = a.isalpha() and a.isupper() == c.isupper() and c.isalpha()
                return (not same_case, not a.isalpha(), a)

            table[c] = min(ascii_, key=fit)
    return table
