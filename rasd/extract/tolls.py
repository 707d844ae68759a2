"""Fatalities: numbers tied to death words, never to combatant counts or injuries.

Conservative (ACLED): the lowest credible figure is ``best``; a vague quantifier
gives its documented minimum and sets ``vague``; several figures → the lowest, noted.

Example: ``"ما أسفر عن مقتل ثلاثة مدنيين وإصابة خمسة"`` → best 3 (the 5 are injuries).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.kb.lexicon import Lexicon
from rasd.models import Fatalities
from rasd.text.numbers import find_numbers
from rasd.text.tokens import strip_clitics, tokenise


@dataclass(frozen=True, slots=True)
class Toll:
    fatalities: Fatalities
    start: int
    end: int
    civilians: bool
    injuries: bool
    note: str = ""


def _stems(word: str) -> set[str]:
    return set(strip_clitics(word))


def find_toll(text: str, lex: Lexicon) -> Toll | None:
    """The death toll a segment reports, or None."""
    toks = tokenise(text)
    found: list[tuple[int, int, int, int | None, bool]] = []  # start, end, min, max, vague
    injuries = False
    for n in find_numbers(text):
        after = [t for t in toks if t.start >= n.end][:3]
        before = [t for t in toks if t.end <= n.start][-3:]
        after_forms = set().union(*(_stems(t.norm) for t in after[:2])) if after else set()
        next_forms = _stems(after[0].norm) if after else set()
        before_forms = set().union(*(_stems(t.norm) for t in before[-2:])) if before else set()
        if next_forms & lex.injuries:
            injuries = True
            continue
        is_death = bool(after_forms & lex.deaths_after) or bool(before_forms & lex.deaths_before)
        if before and _stems(before[-1].norm) & lex.injuries and not after_forms & lex.deaths_after:
            injuries = True
            is_death = False
        if is_death and n.min is not None:
            found.append((n.start, n.end, n.min, n.max, n.vague))
    for t in toks:
        if _stems(t.norm) & lex.dual_deaths:
            found.append((t.start, t.end, 2, 2, False))
    if not found:
        return None
    start, end, lo, hi, vague = min(found, key=lambda f: f[2])
    note = ""
    if len({f[2] for f in found}) > 1:
        note = (
            f"conflicting tolls reported ({', '.join(str(f[2]) for f in sorted(found))}): the lowest is used"
        )
    window = text[max(0, start - 30) : end + 40]
    civ = any(_stems(t.norm) & lex.civilian_words for t in tokenise(window))
    return Toll(Fatalities(best=lo, min=lo, max=hi, vague=vague), start, end, civ, injuries, note)
