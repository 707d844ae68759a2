"""Event triggers: lexicon words and phrases found among a segment's tokens (clitics stripped).

Example: ``find_triggers("وشنت طائرات التحالف غارات على هجين", lex)`` → the ``air`` family at ``غارات``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.kb.lexicon import Family, Lexicon
from rasd.text.tokens import strip_clitics, tokenise


@dataclass(frozen=True, slots=True)
class Trigger:
    family: Family
    start: int  # into the segment text
    end: int
    words: tuple[str, ...]


def _forms(norm: str) -> list[str]:
    return strip_clitics(norm)


def find_triggers(text: str, lex: Lexicon) -> list[Trigger]:
    toks = [t for t in tokenise(text) if not t.detached]
    forms = [set(_forms(t.norm)) for t in toks]
    out: list[Trigger] = []
    i = 0
    while i < len(toks):
        hit = None
        for cand in forms[i]:
            for fam, trig in lex.first_words.get(cand, ()):
                n = len(trig)
                fits = i + n <= len(toks) and all(trig[k] in forms[i + k] for k in range(1, n))
                if fits and (hit is None or n > len(hit[1])):
                    hit = (fam, trig)
        if hit:
            fam, trig = hit
            j = i + len(trig) - 1
            previous = toks[i - 1].norm if i > 0 else ""
            if not (fam.not_after and set(strip_clitics(previous)) & fam.not_after):
                out.append(Trigger(fam, toks[i].start, toks[j].end, trig))
            i = j + 1
        else:
            i += 1
    return out


@lru_cache(maxsize=256)
def _phrase_regex(phrases: frozenset[str] | tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[وفبلك]{{0,2}}|ال)?(?P<p>{alt})(?!\w)")


def phrase_in(norm_text: str, phrases) -> tuple[str, int, int] | None:
    """The first of ``phrases`` (normalised) found as whole words in ``norm_text``, allowing a clitic.

    Example: ``phrase_in("الا انها فشلت", {"فشلت"})`` → ("فشلت", 8, 12).
    """
    if not phrases:
        return None
    m = _phrase_regex(phrases if isinstance(phrases, frozenset | tuple) else tuple(phrases)).search(norm_text)
    return (m.group("p"), m.start(), m.end()) if m else None
