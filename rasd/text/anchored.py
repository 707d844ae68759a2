"""A long alternation matched only where one of its first words starts.

A pattern of many branches (dates, numbers) is tried by ``finditer`` at every position of a report, each branch
in turn, although most of a report holds no date and no number. A second, cheap expression (``anchors``: a digit
or one of the words a match can start with, as one trie) finds the positions where a match may start, and the
pattern is tried there alone.

The matches are those of ``pattern.finditer(text)`` when every match of ``pattern`` starts where ``anchors``
matches: both take the leftmost match at or after the end of the last one, and ``match(text, pos)`` sees the
letters before ``pos`` for the pattern's look-behinds.

Example: ``anchored_matches(re.compile(r"\\d+"), re.compile(r"(?<!\\w)\\d+ يوما"), "بعد 3 ايام ثم 5 يوما")`` → the
match ``"5 يوما"``, tried at "3" and at "5" only.
"""

from __future__ import annotations

import re


def anchored_matches(anchors: re.Pattern, pattern: re.Pattern, text: str) -> list[re.Match]:
    """``list(pattern.finditer(text))``, ``pattern`` tried only where ``anchors`` finds a possible start."""
    out: list[re.Match] = []
    anchor, match = anchors.search, pattern.match
    pos = 0
    while (c := anchor(text, pos)) is not None:
        start = c.start()
        m = match(text, start)
        if m is None:
            pos = start + 1
        else:
            out.append(m)
            pos = m.end() if m.end() > start else start + 1
    return out
