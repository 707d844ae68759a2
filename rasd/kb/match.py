"""One Aho-Corasick automaton over actors, sources and place names, with clitics and word boundaries.

Speed comes from doing the checks in the automaton, not per hit in Python: the
text is normalised, every non-letter becomes a space and space runs collapse to
one, so each pattern is `` <clitic?><name> `` between spaces and every hit is a
whole word. Clitic variants (و ف ب ل ك and their pairs, and the ل + ال
contraction ``للرقة``) are patterns of their own, with the clitic left out of the
mention's span. Quotes vanish as non-letters, so ``تنظيم "الدولة"`` matches the
alias ``تنظيم الدولة``.

Example: ``find_mentions('قصف "قسد" والرقة', m)`` → actor ``sdf`` at 5:8, place ``الرقه`` at 11:16.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import Any, NamedTuple

import ahocorasick

from rasd.models import Mention
from rasd.text import normalise
from rasd.text.normalise import Normalised
from rasd.text.tokens import _clitics

logger = logging.getLogger(__name__)


#: a run of letters and digits of the Basic Multilingual Plane (``[^\W_]`` is ``str.isalnum``); everything
#: else (punctuation, quotes, symbols, characters beyond the BMP) separates words
_WORD_RUN = re.compile(r"[^\W_\U00010000-\U0010FFFF]+")
#: ``_WORD_RUN`` captured: ``split`` gives the gaps and the words in turn
_WORD_RUN_SPLIT = re.compile(f"({_WORD_RUN.pattern})")


def _spaced(text: str) -> str:
    """``text`` with every non-letter, non-digit as a space (one for one)."""
    out = list(" " * len(text))
    for m in _WORD_RUN.finditer(text):
        out[m.start() : m.end()] = m.group()
    return "".join(out)


class _Entry(NamedTuple):
    """What a pattern stands for (stored in the automaton as a plain tuple, see ``build_matcher``)."""

    kind: str  # actor | source | place
    kb_id: str
    anaphoric: bool
    prefix_len: int
    length: int  # pattern length without the surrounding spaces


_PREFIX_LEN, _LENGTH = _Entry._fields.index("prefix_len"), _Entry._fields.index("length")
_KB_ID, _ANAPHORIC = _Entry._fields.index("kb_id"), _Entry._fields.index("anaphoric")


@dataclass
class Matcher:
    automaton: Any
    patterns: int


def _prefix_combos() -> list[str]:
    """Clitic prefixes tried before each name. ك ("like") is left out: it almost never precedes a
    name, and with it short names fire inside common words (كامل = ك + امل)."""
    c = _clitics()
    preps = [p for p in c.prepositions if p != "ك"]
    combos = ["", *c.conjunctions, *preps]
    combos += [conj + prep for conj in c.conjunctions for prep in preps]
    return combos


def _variants(name: str) -> Iterable[tuple[str, int]]:
    """(surface, length of the clitic prefix left out of the span) for every clitic form of ``name``."""
    for combo in _prefix_combos():
        if name.startswith("ال") and combo.endswith("ل"):
            yield combo + name[1:], len(combo)  # ل + الرقه → للرقه; the span keeps "لرقه"
        else:
            yield combo + name, len(combo)


def build_matcher(actors: Any, gazetteer: Any | None = None) -> Matcher:
    """Build the automaton over every actor/source alias and (when given) every gazetteer name."""
    entries: dict[str, list[_Entry]] = {}

    def add(name: str, kind: str, kb_id: str, anaphoric: bool) -> None:
        key = "  ".join(_spaced(name).split())  # words joined by two spaces, as in the prepared text
        if len(key) < 2:
            return
        for surface, plen in _variants(key):
            bucket = entries.setdefault(f" {surface} ", [])
            entry = _Entry(kind, kb_id, anaphoric, plen, len(surface))
            if entry not in bucket:
                bucket.append(entry)

    for alias, kb_id, kind, anaphoric in actors.alias_forms():
        add(alias, kind, kb_id, anaphoric)
    if gazetteer is not None:
        # Country names and adjectives that are not themselves gazetteer names come before place names, so a
        # country is one whole word and its slice is never a place (لبنان is not ل + بنان → Banan).
        from rasd.geo.placeness import placeness

        for word, cc in placeness().country_words.items():
            if not gazetteer.keys_for(word):
                add(word, "country", cc, False)
        for name, key in gazetteer.match_names():
            add(name, "place", key, False)
    auto = ahocorasick.Automaton()
    for pattern, bucket in entries.items():
        # plain tuples in the automaton: the knowledge cache unpickles them at every start, and building
        # 57k named tuples there costs more than naming the few hit in a report (``find_mentions``)
        auto.add_word(pattern, tuple(tuple(entry) for entry in bucket))
    auto.make_automaton()
    logger.info("matcher: %d patterns", len(entries))
    return Matcher(auto, len(entries))


def find_mentions(text: str, matcher: Matcher, norm: Normalised | None = None) -> list[Mention]:
    """Actor, source and place mentions in ``text``, longest match first, spans into ``text``.

    Anaphoric aliases (``التنظيم``) count only after their actor has been named
    plainly earlier in the text. ``norm``: ``normalise(text)`` when the caller has it (the report's reading).
    """
    norm = norm if norm is not None else normalise(text)
    # Prepare the text: its words separated by exactly two spaces, so that adjacent padded patterns
    # (" A " then " B ") each own a boundary space and leftmost-longest matching can take both.
    ntext = norm.text
    # the words and the gaps between them in turn, by one split (no match object per word, which cost more than
    # finding them); a running sum of the pieces' lengths says where each starts
    parts = _WORD_RUN_SPLIT.split(ntext)
    words = parts[1::2]
    starts = list(accumulate(map(len, parts)))[0:-1:2]  # where each word starts in the normalised text
    # four spaces after the last word: the automaton's leftmost-longest scan reports a match pending at the end
    # only when the input goes on past every longer pattern it might still be (" حربيه  ..." then the end)
    squeezed = "  " + "  ".join(words) + "    "
    # where each word starts in ``squeezed``: 2, then after each word and its two spaces (sums in C, no loop)
    at = list(map(add, accumulate(map(len, words), initial=2), range(0, 2 * len(words), 2)))
    chosen: list[tuple[int, int, tuple]] = []
    for end, bucket in matcher.automaton.iter_long(squeezed):
        # a span read as several entities: the first reading (actors before places) wins; read as a plain
        # tuple in ``_Entry``'s order (naming it cost more than the rest of the loop)
        entry = bucket[0]
        chosen.append((end - entry[_LENGTH] + entry[_PREFIX_LEN], end, entry, bucket))
    if not chosen:
        return []

    def to_norm(q: int) -> int:  # a letter of ``squeezed`` → its index in the normalised text
        k = bisect_right(at, q) - 1
        return starts[k] + q - at[k]

    n_starts = [to_norm(s) for s, _, _, _ in chosen]
    n_ends = [to_norm(e - 1) + 1 for _, e, _, _ in chosen]
    o_starts, o_ends = norm.to_original_many(n_starts, n_ends)
    mentions: list[Mention] = []
    named: dict[str, int] = {}  # actor id → the order in which it was last named
    for (_, _, (kind, kb_id, anaphoric, _, _), bucket), n_start, n_end, o_start, o_end in zip(
        chosen, n_starts, n_ends, o_starts, o_ends, strict=True
    ):
        if anaphoric:
            # an anaphor several actors share ("التحالف") points back at the one of them named last
            readings = [e for e in bucket if e[_ANAPHORIC] and e[_KB_ID] in named]
            if not readings:
                continue
            kind, kb_id = max(readings, key=lambda e: named[e[_KB_ID]])[:2]
        named[kb_id] = len(mentions)
        mentions.append(
            Mention(
                kind,
                o_start,
                o_end,
                text[o_start:o_end],
                ntext[n_start:n_end],
                kb_id,
                0.6 if anaphoric else 1.0,
            )
        )
    return mentions
