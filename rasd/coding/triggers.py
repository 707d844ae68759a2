"""Event triggers: lexicon words and phrases found among a segment's tokens (clitics stripped).

Example: ``find_triggers("وشنت طائرات التحالف غارات على هجين", lex)`` → the ``air`` family at ``غارات``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from rasd.kb.lexicon import Family, Lexicon
from rasd.text.alternation import alternation
from rasd.text.reading import Reading
from rasd.text.screen import first_possible, might_hold  # noqa: F401 (rules import might_hold from here)
from rasd.text.tokens import strip_clitics, tokenise


@dataclass(frozen=True, slots=True)
class Trigger:
    family: Family
    start: int  # into the segment text
    end: int
    words: tuple[str, ...]


def _forms(norm: str) -> list[str]:
    return strip_clitics(norm)


def _near(words: frozenset[str], forms, norms: list[str], i: int, j: int, window: int) -> bool:
    """One of ``words`` (a multi-word entry as a phrase) within ``window`` tokens of tokens ``i..j``."""
    lo, hi = max(0, i - window), min(len(norms), j + 1 + window)
    around = set().union(*(forms[k] for k in range(lo, hi) if not i <= k <= j)) if hi > lo else set()
    single, multi = _by_length(words)
    if not around.isdisjoint(single):  # one set operation in C for the one-word cues
        return True
    if not multi:
        return False
    phrase = " ".join(norms[lo:hi])
    return any(w in phrase for w in multi)


@lru_cache(maxsize=256)
def _by_length(words: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A sense's cue words, the one-word cues (looked up among the forms around) apart from the phrases."""
    return frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w)


def _sense_ok(
    lex: Lexicon, fam_name: str, trig: tuple[str, ...], forms, norms: list[str], i: int, j: int, known
) -> bool:
    """A trigger with a sense rule names an event only with its sense's cue words around it (``مسيرة``
    is a drone beside ``طائرة`` or ``استهدفت``, a march beside ``احتجاجية`` or ``جابت``). A definite noun of a
    family the report has already reported needs no cue of its own (``المفاوضات`` after talks, ``مسيرات`` after a
    protest), only none of the blocking words."""
    sense = lex.senses.get((fam_name, trig))
    if sense is None:
        return True
    if sense.blocked_by and _near(sense.blocked_by, forms, norms, i, j, sense.window):
        return False
    if fam_name in known:  # a report about protests: its later "مسيرات" are marches
        return True
    return not sense.requires or _near(sense.requires, forms, norms, i, j, sense.window)


def find_triggers(text: str, lex: Lexicon, known: frozenset[str] = frozenset()) -> list[Trigger]:
    """Triggers in ``text``; ``known`` names the families the report has already reported."""
    toks = [t for t in tokenise(text) if not t.detached]
    norms = [t.norm for t in toks]
    forms = [frozenset(_forms(n)) for n in norms]
    return _triggers([t.start for t in toks], [t.end for t in toks], norms, forms, 0, lex, known)


def triggers_in(reading: Reading, k: int, lex: Lexicon, known: frozenset[str] = frozenset()) -> list[Trigger]:
    """``find_triggers`` of the reading's segment ``k`` (offsets into the segment), from the one tokenisation."""
    i, j = reading.segment_tokens(k)
    base = reading.segments[k].start
    if not reading.detached or not any(x in reading.detached for x in range(i, j)):
        return _triggers(
            reading.starts[i:j], reading.ends[i:j], reading.norms[i:j], reading.forms[i:j], base, lex, known
        )
    keep = [x for x in range(i, j) if x not in reading.detached]
    return _triggers(
        [reading.starts[x] for x in keep],
        [reading.ends[x] for x in keep],
        [reading.norms[x] for x in keep],
        [reading.forms[x] for x in keep],
        base,
        lex,
        known,
    )


class _FirstWords(dict):
    """A lexicon's trigger entries that a word may start, by the word's normalised form (computed the first time
    a word is looked up, ``__missing__``): each of its clitic readings looked up once, in the order the rules try
    them (longest first, then the lexicon's order). Most words start none; a report's words are looked up by
    ``map`` over this dict, in C."""

    _LIMIT = 200_000  # words remembered; then forgotten and learnt again

    def __init__(self, lex: Lexicon) -> None:
        super().__init__()
        self._lex = lex
        self.rank = {f.name: i for i, f in enumerate(lex.families)}

    def __missing__(self, norm: str) -> tuple[tuple[Family, tuple[str, ...]], ...]:
        if len(self) >= self._LIMIT:
            self.clear()
        first_words, rank = self._lex.first_words, self.rank
        found = [ft for cand in strip_clitics(norm) for ft in first_words.get(cand, ())]
        # longest first; ties in the lexicon's order, never in the order a set happens to hold its forms
        found.sort(key=lambda ft: (-len(ft[1]), rank[ft[0].name], ft[1]))
        got = self[norm] = tuple(found)
        return got


@lru_cache(maxsize=4)
def _first_words(lex: Lexicon) -> _FirstWords:
    return _FirstWords(lex)


def _triggers(starts, ends, norms, forms, base: int, lex: Lexicon, known: frozenset[str]) -> list[Trigger]:
    """Triggers among the words (parallel lists of starts, ends, normalised forms and clitic readings; offsets
    minus ``base`` are the triggers' own)."""
    starting = list(map(_first_words(lex).__getitem__, norms))  # each word's entries (most have none)
    out: list[Trigger] = []
    n_words = len(norms)
    i = 0
    for at in compress(range(n_words), starting):  # only the words that start an entry are read
        if at < i:
            continue  # inside a trigger already read, or skipped past
        i = at
        entries = starting[i]
        options = [
            (fam, trig)
            for fam, trig in entries
            if i + len(trig) <= n_words and all(trig[k] in forms[i + k] for k in range(1, len(trig)))
        ]
        hit = next(
            (
                o
                for o in options
                if _sense_ok(lex, o[0].name, o[1], forms, norms, i, i + len(o[1]) - 1, known)
            ),
            None,
        )
        if hit:
            fam, trig = hit
            j = i + len(trig) - 1
            previous = norms[i - 1] if i > 0 else ""
            norm = norms[i]
            purpose = fam.no_purpose and (
                norm.startswith("لل") or (norm.startswith("ل") and norm[1:] in forms[i])
            )
            if not purpose and not (fam.not_after and set(strip_clitics(previous)) & fam.not_after):
                out.append(Trigger(fam, starts[i] - base, ends[j] - base, trig))
            i = j + 1
        else:
            i += 1 + (max((len(o[1]) for o in options), default=1) - 1 if options else 0)
    return out


@lru_cache(maxsize=256)
def _phrase_regex(phrases: frozenset[str] | tuple[str, ...]) -> re.Pattern:
    alt = alternation(phrases)  # a trie: each letter tried once per position, whatever the list's length
    return re.compile(rf"(?<!\w)(?:[وفبلك]{{0,2}}(?:ال)?|لل)?(?P<p>{alt})(?!\w)")


def phrase_in(norm_text: str, phrases) -> tuple[str, int, int] | None:
    """The first of ``phrases`` (normalised) found as whole words in ``norm_text``, allowing a clitic.

    Example: ``phrase_in("الا انها فشلت", {"فشلت"})`` → ("فشلت", 8, 12).
    """
    if not phrases:
        return None
    key = phrases if isinstance(phrases, frozenset | tuple) else tuple(phrases)
    at = first_possible(norm_text, key)
    if at is None:
        return None
    # a match starts at most four letters of clitics before its phrase ("وبال"): the search starts there
    m = _phrase_regex(key).search(norm_text, max(0, at - 4))
    return (m.group("p"), m.start(), m.end()) if m else None
