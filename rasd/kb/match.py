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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick
import numpy as np

from rasd.models import Mention
from rasd.text import normalise
from rasd.text.tokens import _clitics

logger = logging.getLogger(__name__)


class _Boundary(dict):
    """str.translate table: letters and digits stay, everything else becomes a space (cached per character)."""

    def __missing__(self, cp: int):
        if chr(cp).isalnum():
            raise LookupError(cp)  # translate keeps the character
        self[cp] = " "
        return " "


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # actor | source | place
    kb_id: str
    anaphoric: bool
    prefix_len: int
    length: int  # pattern length without the surrounding spaces


@dataclass
class Matcher:
    automaton: Any
    boundary: _Boundary
    patterns: int

    def __getstate__(self):  # pickling for worker processes: rebuild-free transfer
        return {"automaton": self.automaton, "boundary": dict(self.boundary), "patterns": self.patterns}

    def __setstate__(self, state):
        self.automaton = state["automaton"]
        self.boundary = _Boundary(state["boundary"])
        self.patterns = state["patterns"]


def _prefix_combos() -> list[str]:
    c = _clitics()
    combos = ["", *c.conjunctions, *c.prepositions]
    combos += [conj + prep for conj in c.conjunctions for prep in c.prepositions]
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
    boundary = _Boundary()

    def add(name: str, kind: str, kb_id: str, anaphoric: bool) -> None:
        key = " ".join(name.translate(boundary).split())
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
        for name, key in gazetteer.match_names():
            add(name, "place", key, False)
    auto = ahocorasick.Automaton()
    for pattern, bucket in entries.items():
        auto.add_word(pattern, tuple(bucket))
    auto.make_automaton()
    logger.info("matcher: %d patterns", len(entries))
    return Matcher(auto, boundary, len(entries))


def find_mentions(text: str, matcher: Matcher) -> list[Mention]:
    """Actor, source and place mentions in ``text``, longest match first, spans into ``text``.

    Anaphoric aliases (``التنظيم``) count only after their actor has been named
    plainly earlier in the text.
    """
    norm = normalise(text)
    spaced = norm.text.translate(matcher.boundary)
    # Collapse space runs (keeping the first space) and remember where each kept character was.
    codes = np.frombuffer(spaced.encode("utf-32-le"), dtype=np.uint32)
    keep = np.ones(len(codes), dtype=bool)
    if len(codes) > 1:
        keep[1:] = ~((codes[1:] == 32) & (codes[:-1] == 32))
    index = np.flatnonzero(keep)
    squeezed = " " + codes[keep].tobytes().decode("utf-32-le") + " "
    hits: list[tuple[int, int, _Entry]] = []
    for end, bucket in matcher.automaton.iter(squeezed):
        for entry in bucket:
            # pattern " <prefix><name> " ends at `end` (the trailing space)
            name_end = end  # exclusive, in squeezed coordinates (the trailing space)
            name_start = end - entry.length + entry.prefix_len
            hits.append((name_start, name_end, entry))
    if not hits:
        return []
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, _Entry]] = []
    for s, e, entry in hits:
        if any(s < te and ts < e for ts, te in taken):
            if not any(s == ts and e == te for ts, te in taken):
                continue
            # same span, another reading (e.g. a name shared by an actor and a place): keep the first only
            continue
        taken.append((s, e))
        chosen.append((s, e, entry))
    chosen.sort(key=lambda h: h[0])
    mentions: list[Mention] = []
    named: set[str] = set()
    for s, e, entry in chosen:
        if entry.anaphoric and entry.kb_id not in named:
            continue
        # squeezed index i (≥1) ↔ normalised index index[i - 1]
        n_start = int(index[s - 1])
        n_end = int(index[e - 2]) + 1
        o_start, o_end = norm.to_original(n_start, n_end)
        named.add(entry.kb_id)
        mentions.append(
            Mention(
                kind=entry.kind,
                start=o_start,
                end=o_end,
                surface=text[o_start:o_end],
                normalised=norm.text[n_start:n_end],
                kb_id=entry.kb_id,
                score=0.6 if entry.anaphoric else 1.0,
            )
        )
    return mentions
