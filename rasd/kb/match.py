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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick
import numpy as np

from rasd.models import Mention
from rasd.text import normalise
from rasd.text.tokens import _clitics

logger = logging.getLogger(__name__)


def _word_lut() -> np.ndarray:
    """For each BMP code point: itself if it is a letter or digit (``str.isalnum``), else a space.

    Built by one regular-expression pass in C, not a Python loop over 65,536 characters (20 ms of every
    start): ``[^\\W_]`` is exactly ``isalnum`` (re's word characters are the alphanumerics and ``_``).
    """
    spaced = re.sub(r"[\W_]", " ", "".join(map(chr, range(0x10000))))
    lut = np.frombuffer(spaced.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    lut.setflags(write=False)
    return lut


_WORD_LUT = _word_lut()


def _spaced_codes(text: str) -> np.ndarray:
    """Code points of ``text`` with every non-letter, non-digit as a space (one for one)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size and int(codes.max()) >= 0x10000:
        out = np.full(codes.shape, 32, dtype=np.uint32)
        bmp = codes < 0x10000
        out[bmp] = _WORD_LUT[codes[bmp]]
        return out
    return _WORD_LUT[codes]


def _spaced(text: str) -> str:
    return _spaced_codes(text).tobytes().decode("utf-32-le", "surrogatepass")


class _Entry(NamedTuple):
    """What a pattern stands for (stored in the automaton as a plain tuple, see ``build_matcher``)."""

    kind: str  # actor | source | place
    kb_id: str
    anaphoric: bool
    prefix_len: int
    length: int  # pattern length without the surrounding spaces


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


def find_mentions(text: str, matcher: Matcher) -> list[Mention]:
    """Actor, source and place mentions in ``text``, longest match first, spans into ``text``.

    Anaphoric aliases (``التنظيم``) count only after their actor has been named
    plainly earlier in the text.
    """
    norm = normalise(text)
    # Prepare the text: words separated by exactly two spaces, so that adjacent padded patterns
    # (" A " then " B ") each own a boundary space and leftmost-longest matching can take both.
    codes = _spaced_codes(norm.text)
    is_space = codes == 32
    run_start = is_space.copy()
    run_start[1:] &= ~is_space[:-1]
    keep = ~is_space | run_start
    repeats = np.where(run_start[keep], 2, 1)
    index = np.repeat(np.flatnonzero(keep), repeats)
    squeezed = "  " + np.repeat(codes[keep], repeats).tobytes().decode("utf-32-le", "surrogatepass") + "  "
    pad = 2
    chosen: list[tuple[int, int, _Entry]] = []
    for end, bucket in matcher.automaton.iter_long(squeezed):
        # a span read as several entities: the first reading (actors before places) wins
        entry = _Entry._make(bucket[0])
        chosen.append((end - entry.length + entry.prefix_len, end, entry))
    if not chosen:
        return []
    # Map every chosen span back in one vectorised step: squeezed → normalised → original.
    s_idx = np.fromiter((h[0] for h in chosen), dtype=np.int64, count=len(chosen))
    e_idx = np.fromiter((h[1] for h in chosen), dtype=np.int64, count=len(chosen))
    n_starts = index[s_idx - pad]
    n_ends = index[e_idx - pad - 1] + 1
    o_starts, o_ends = norm.to_original_many(n_starts, n_ends)
    mentions: list[Mention] = []
    named: set[str] = set()
    ntext = norm.text
    for (_, _, entry), n_start, n_end, o_start, o_end in zip(
        chosen, n_starts.tolist(), n_ends.tolist(), o_starts.tolist(), o_ends.tolist(), strict=True
    ):
        if entry.anaphoric and entry.kb_id not in named:
            continue
        named.add(entry.kb_id)
        mentions.append(
            Mention(
                entry.kind,
                o_start,
                o_end,
                text[o_start:o_end],
                ntext[n_start:n_end],
                entry.kb_id,
                0.6 if entry.anaphoric else 1.0,
            )
        )
    return mentions
