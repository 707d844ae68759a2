"""Fatalities: numbers tied to death words, never to combatant counts, injuries or dead-and-wounded totals.

Conservative (ACLED): the lowest credible figure is ``best``; a vague quantifier gives its documented minimum
and sets ``vague``; several figures → the lowest, noted. A death word before one person with no number is one
death (``مقتل شاب``), before two (``مقتل طفلين``) two.

Example: ``"ما أسفر عن مقتل ثلاثة مدنيين وإصابة خمسة"`` → best 3 (the 5 are injuries).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.kb.lexicon import Lexicon
from rasd.models import Fatalities
from rasd.text.numbers import find_numbers
from rasd.text.tokens import strip_clitics, tokenise

#: a report's figure is a count of people; anything larger is no toll (a year, a sum of money, a garbled number)
MAX_CREDIBLE_TOLL = 100_000


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


def _is_casualty_total(toks, k: int, lex: Lexicon) -> bool:
    """ "10 قتلى وجرحى": the figure counts the dead and the wounded together."""
    after = " ".join(t.norm for t in toks[k : k + 4])
    return any(after.startswith(p) or f" {p}" in after for p in lex.casualties_together)


def find_toll(text: str, lex: Lexicon) -> Toll | None:
    """The death toll a segment reports, or None."""
    toks = tokenise(text)
    stems = [_stems(t.norm) for t in toks]
    found: list[tuple[int, int, int, int | None, bool]] = []  # start, end, min, max, vague
    injuries = False
    numbered: set[int] = set()  # token indexes covered by a number
    for n in find_numbers(text):
        after_i = [k for k, t in enumerate(toks) if t.start >= n.end][:3]
        before_i = [k for k, t in enumerate(toks) if t.end <= n.start][-3:]
        numbered.update(k for k, t in enumerate(toks) if n.start <= t.start < n.end)
        after = [toks[k] for k in after_i]
        after_forms = set().union(*(stems[k] for k in after_i[:2])) if after_i else set()
        next_forms = stems[after_i[0]] if after_i else set()
        before_forms = set().union(*(stems[k] for k in before_i[-2:])) if before_i else set()
        if next_forms & lex.injuries:
            injuries = True
            continue
        if after_i and _is_casualty_total(toks, after_i[0], lex):
            continue
        is_death = bool(after_forms & lex.deaths_after) or bool(before_forms & lex.deaths_before)
        if before_i and stems[before_i[-1]] & lex.injuries and not after_forms & lex.deaths_after:
            injuries = True
            is_death = False
        if (
            is_death
            and n.min is not None
            and n.min <= MAX_CREDIBLE_TOLL
            and (n.max or 0) <= MAX_CREDIBLE_TOLL
        ):
            found.append((n.start, n.end, n.min, n.max, n.vague))
        del after
    for k, t in enumerate(toks):
        if stems[k] & lex.dual_deaths:
            found.append((t.start, t.end, 2, 2, False))
            continue
        if k in numbered or not (stems[k] & lex.deaths_before):
            continue
        # A death word with one or two people after it and no number: "مقتل شاب", "استشهاد طفلين".
        nxt = [j for j in range(k + 1, min(k + 3, len(toks))) if j not in numbered]
        if not nxt or nxt[0] != k + 1:
            continue
        j = nxt[0]
        if any(
            tuple(toks[j].norm.split()) == d or toks[j].norm in {x[0] for x in lex.person_dual}
            for d in lex.person_dual
        ):
            found.append((t.start, toks[j].end, 2, 2, False))
        elif stems[j] & lex.person_singular and not (j + 1 < len(toks) and (j + 1) in numbered):
            found.append((t.start, toks[j].end, 1, 1, False))
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
