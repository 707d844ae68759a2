"""Sentences split further at the connectives that start a new happening (``في حين``, ``بينما``…).

Example: ``"أغلقت X المعبر، في حين قال ناشطون..."`` → two segments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasd.text.alternation import alternation
from rasd.text.normalise import Normalised, normalise
from rasd.text.sentences import Sentence, sentences


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence it belongs to
    norm: Normalised  # normalised text with its offset map back to ``text``


@lru_cache(maxsize=8)
def _breaks(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?:^|[\s،,])[و]?(?:{alternation(words)})(?=\s)")


def segments(text: str, breaks: tuple[str, ...]) -> list[Segment]:
    """Segments of ``text`` (spans into ``text``), in order."""
    sents = sentences(text)
    norm = normalise(text)
    return split_segments(text, sents, [norm.slice_text(s.start, s.end) for s in sents], norm, breaks)


def split_segments(
    text: str,
    sents: Sequence[Sentence],
    sentence_norms: Sequence[str],
    norm: Normalised,
    breaks: tuple[str, ...],
) -> list[Segment]:
    """``segments`` from a report already split into sentences and normalised (``rasd.text.reading``)."""
    out: list[Segment] = []
    pat = _breaks(breaks)
    for si, s in enumerate(sents):
        cuts = [0]
        n: Normalised | None = None
        for m in pat.finditer(sentence_norms[si]):
            if m.start() > 10:
                n = n or norm.slice(s.start, s.end)
                cuts.append(n.to_original(m.start(), m.start() + 1)[0])
        cuts.append(len(s.text))
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = s.text[a:b]
            lead = len(piece) - len(piece.lstrip(" ،,"))
            a2, b2 = s.start + a + lead, s.start + b
            if b2 > a2:
                out.append(Segment(a2, b2, text[a2:b2], si, norm.slice(a2, b2)))
    return out
