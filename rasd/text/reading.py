"""One reading of a report: normalised once, split once, tokenised once, its numbers found at most once.

Every extraction rule reads parts of the same report again and again: the segment for triggers, the part of it
that speaks of one place for the toll, the sentence for its contexts, the words before a mention for its role.
Doing the reading again for each part made extraction cost grow with the number of events, and a long report's
cost grow faster than its length. A ``Reading`` holds what was read, by position (sorted offsets, binary search),
so a rule asks for the tokens or numbers of any span of the body instead of reading that span again — the way a
spaCy ``Doc`` carries tokens and spans for all its components.

The parts are the same as reading the part alone would give (``norm_of(a, b)`` is ``normalise(text[a:b])``;
``token_span`` and ``numbers_in`` answer only for spans that cut no word and no number, and say ``None``
otherwise, so the caller reads that odd span on its own).

Example: ``r = read("قصفت طائرات حربية بلدة هجين. ثم انسحبت.", ("بينما",))``; ``r.sentence_norms[1]`` →
``"ثم انسحبت."``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from rasd.text.normalise import Normalised, normalise
from rasd.text.numbers import NumberSpan, numbers_of
from rasd.text.segments import Segment, split_segments
from rasd.text.sentences import Sentence, sentences
from rasd.text.tokens import Token, strip_clitics, tokens_at, words_at

T = TypeVar("T")

#: a character that is no letter or digit (blanked one for one, so offsets stay those of the normalised text);
#: a space is left out, as blanking it changes nothing: most of them are spaces, and each replaced cost a step
_NON_WORD_CHAR = re.compile(r"[^\w ]")


@dataclass(frozen=True, slots=True, eq=False)
class Reading:
    """A report's body as read once (offsets into ``text``). ``memo`` keeps what rules derived from it (a
    span's toll), so a part read for several events is read once.

    Its words are parallel lists (``starts``, ``ends``, ``norms``, ``forms``): rules read every word of a span,
    and building an object per word for every report cost more than the rules that read them. ``tokens`` gives
    them as ``Token`` objects, built when first asked for."""

    text: str
    norm: Normalised
    sentences: tuple[Sentence, ...]
    sentence_norms: tuple[str, ...]
    segments: tuple[Segment, ...]
    starts: list[int] = field(repr=False)  # each word's start in ``text``
    ends: list[int] = field(repr=False)  # and its end
    norms: list[str] = field(repr=False)  # its normalised form
    forms: tuple[frozenset[str], ...] = field(repr=False)  # its clitic readings (``strip_clitics``)
    detached: frozenset[int] = field(repr=False)  # the words that are a clitic written apart ("لـ")
    _segment_starts: list[int] = field(repr=False)
    _seams: tuple[int, ...] = field(repr=False)  # offsets where a segment ended in a detached clitic ("لـ")
    memo: dict = field(default_factory=dict, repr=False)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every segment's tokens, in order (as ``tokenise`` gives them, offsets into ``text``)."""
        got = self.memo.get("tokens")
        if got is None:
            got = self.memo["tokens"] = tuple(
                t for seg in self.segments for t in tokens_at(seg.text, seg.start)
            )
        return got

    def norm_of(self, a: int, b: int) -> Normalised:
        """``normalise(text[a:b])``, cut from the one normalisation of the body."""
        return self.norm.slice(a, b)

    def norm_text(self, a: int, b: int) -> str:
        """The normalised text of ``text[a:b]`` (no offset map)."""
        return self.norm.slice_text(a, b)

    def plain_words(self, a: int, b: int) -> list[str]:
        """The normalised words of ``text[a:b]`` split at every character that is no letter or digit
        (``re.sub(r"[^\\w]+", " ", norm_text(a, b)).split()``), cut from the body's normalised text with those
        characters blanked once: rules read the words before each name, and blanking each window cost more.

        Example: the words before a name, ``"قوات «الفرقة"`` → ``["قوات", "الفرقه"]``."""
        plain = self.memo.get("plain")
        if plain is None:
            plain = self.memo["plain"] = _NON_WORD_CHAR.sub(" ", self.norm.text)
        na, nb = self.norm.span_indexes(a, b)
        return plain[na:nb].split()

    def token_span(self, a: int, b: int) -> tuple[int, int] | None:
        """Indexes ``[i, j)`` of the tokens inside ``text[a:b]``, or None when the span cuts a word or a seam
        (then the span must be tokenised on its own to read as it would alone)."""
        i = bisect_left(self.starts, a)
        j = bisect_left(self.starts, b)
        if i > 0 and self.ends[i - 1] > a:
            return None
        if j > i and self.ends[j - 1] > b:
            return None
        if any(a < s < b for s in self._seams) or (i - 1) in self.detached:
            return None
        return i, j

    def numbers_in(self, a: int, b: int) -> list[NumberSpan] | None:
        """The numbers inside ``text[a:b]``, or None when one straddles an end of the span. A segment's numbers
        are found the first time a span asks for them: most segments never have a toll read."""
        out: list[NumberSpan] = []
        k = max(0, bisect_right(self._segment_starts, a) - 1)
        while k < len(self.segments) and self.segments[k].start < b:
            for n in self._segment_numbers(k):
                if n.start < a < n.end or n.start < b < n.end:
                    return None
                if a <= n.start < b:
                    out.append(n)
            k += 1
        return out

    def _segment_numbers(self, k: int) -> tuple[NumberSpan, ...]:
        key = ("numbers", k)
        got = self.memo.get(key)
        if got is None:
            seg = self.segments[k]
            got = self.memo[key] = tuple(numbers_of(seg.norm, seg.start))
        return got

    def segment_tokens(self, k: int) -> tuple[int, int]:
        """Token indexes of segment ``k`` (always whole: segments are what was tokenised)."""
        seg = self.segments[k]
        return bisect_left(self.starts, seg.start), bisect_left(self.starts, seg.end)


def read(text: str, breaks: tuple[str, ...]) -> Reading:
    """Read ``text`` once. ``breaks`` are the connectives that start a new segment (the lexicon's)."""
    norm = normalise(text)
    sents = tuple(sentences(text))
    sentence_norms = tuple(norm.slice_text(s.start, s.end) for s in sents)
    segs = tuple(split_segments(text, sents, sentence_norms, norm, breaks))
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    detached: list[int] = []
    # the body's words at once: they are its segments' words, as segments end at a space, a comma or a sentence's
    # end, where no word goes on, and what lies between segments is spaces and commas
    words_at(text, 0, starts, ends, norms, detached)
    seams: list[int] = []
    if detached:
        attached = frozenset(detached)
        for seg in segs:
            last = bisect_left(starts, seg.end) - 1
            if last in attached and starts[last] >= seg.start:
                seams.append(seg.end)  # the segment ends in a clitic written apart ("لـ")
    return Reading(
        text,
        norm,
        sents,
        sentence_norms,
        segs,
        starts,
        ends,
        norms,
        tuple(map(_forms, norms)),
        frozenset(detached),
        [seg.start for seg in segs],
        tuple(seams),
    )


@lru_cache(maxsize=65536)
def _forms(norm: str) -> frozenset[str]:
    """A word's clitic readings (words recur: read each once per process)."""
    return frozenset(strip_clitics(norm))


class ByStart(Generic[T]):
    """Items (mentions, places) found by where they start: those starting inside a span, in their given order.

    Rules ask for the actors of a segment or the places of a sentence once per segment; scanning every mention
    each time made a long report's cost grow with the square of its length.
    """

    def __init__(self, items: Sequence[T], start: Callable[[T], int]) -> None:
        self._items = list(items)
        starts = list(map(start, self._items))
        # by start, then by given order (a stable sort of the indexes)
        self._order = sorted(range(len(starts)), key=starts.__getitem__)
        self._starts = list(map(starts.__getitem__, self._order))
        # items given in order of their starts (mentions, places and dates are found left to right): a span's
        # items are then a plain slice
        self._in_order = self._order == list(range(len(starts)))

    def within(self, a: int, b: int) -> list[T]:
        i, j = bisect_left(self._starts, a), bisect_left(self._starts, b)
        if self._in_order:
            return self._items[i:j]
        return [self._items[k] for k in sorted(self._order[i:j])]
