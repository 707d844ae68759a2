"""Fatalities: numbers tied to death words, never to combatant counts, injuries or dead-and-wounded totals.

Conservative (ACLED): the lowest credible figure is ``best``; a vague quantifier gives its documented minimum
and sets ``vague``. Figures for the same people reported twice conflict (the lowest is used, noted); figures for
different people add up ("مقتل 23 مسلحا و5 عسكريين" is 28). A death word before one person with no number is one
death (``مقتل شاب``, ``استشهد مواطن``), before a dual two (``قتل متظاهران``).

Example: ``"ما أسفر عن مقتل ثلاثة مدنيين وإصابة خمسة"`` → best 3 (the 5 are injuries).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rasd.coding.triggers import phrase_in
from rasd.kb.lexicon import Lexicon
from rasd.models import Fatalities
from rasd.text import normalise
from rasd.text.numbers import find_numbers
from rasd.text.reading import Reading
from rasd.text.tokens import strip_clitics, tokenise


@dataclass(frozen=True, slots=True)
class Toll:
    fatalities: Fatalities
    start: int
    end: int
    civilians: bool
    injuries: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int
    end: int
    low: int
    high: int | None
    vague: bool
    joined: bool  # written as "و5" right after another figure: more people, added to it
    update: bool = False  # "ارتفعت الحصيلة إلى 15": the newer count replaces the earlier ones
    more: bool = False  # "سبعة أشخاص آخرين": more dead, added to the figure before however far it stands


#: words before a year ("منذ 1991", "عام 2015"): a four-digit figure after them dates, never counts the dead
_YEAR_CUES = frozenset({"منذ", "عام", "العام", "سنه", "السنه", "مطلع", "اواخر", "اوائل", "خلال"})

#: the bare word for thousands: a multiplier ("4 آلاف") or a war's dead ("آلاف القتلى"), never one event's toll
_THOUSANDS = frozenset({"الاف", "الف", "الفا", "آلاف"})


def _stems(word: str) -> set[str]:
    return set(strip_clitics(word))


def _is_casualty_total(toks, k: int, lex: Lexicon) -> bool:
    """ "10 قتلى وجرحى": the figure counts the dead and the wounded together."""
    after = " ".join(t.norm for t in toks[k : k + 4])
    return any(after.startswith(p) or f" {p}" in after for p in lex.casualties_together)


def _dual_person(norm: str, lex: Lexicon) -> bool:
    """``متظاهران``, ``جنديان``: the dual of a word for one person; ``-ين`` only for the duals listed as such
    (``الطفلين``), since ``المتظاهرين`` and ``المدنيين`` are plurals too."""
    for stem in strip_clitics(norm):
        if stem.endswith("ان") and stem[:-2] in lex.person_singular:
            return True
    return any(len(d) == 1 and norm in (d[0], "ال" + d[0]) for d in lex.person_dual)


@lru_cache(maxsize=4096)
def find_toll(text: str, lex: Lexicon) -> Toll | None:
    """The death toll ``text`` reports, or None (remembered: a text is tolled for each of its events)."""
    if lex.toll_span_cues and phrase_in(normalise(text).text, lex.toll_span_cues):
        return None  # a running total over days or months, not this happening's toll
    toks = tokenise(text)
    return _toll(text, 0, len(text), toks, [_stems(t.norm) for t in toks], find_numbers(text), lex)


def toll_in(reading: Reading, lo: int, hi: int, lex: Lexicon) -> Toll | None:
    """``find_toll(reading.text[lo:hi])`` from the report's one reading (offsets relative to ``lo``); a span
    that cuts a word or a number is read on its own. Remembered per reading: a segment is tolled for each of
    its events."""
    key = ("toll", lo, hi, lex)  # the lexicon too: a toll is read with its word lists
    if key in reading.memo:
        return reading.memo[key]
    span = reading.token_span(lo, hi)
    words = _death_words(lex)
    if span is not None and not any(not f.isdisjoint(words) for f in reading.forms[span[0] : span[1]]):
        toll = None  # no death word, no toll (every figure needs one): most sentences are passed over here
    elif span is None or (numbers := reading.numbers_in(lo, hi)) is None:
        toll = find_toll(reading.text[lo:hi], lex)
    elif lex.toll_span_cues and phrase_in(reading.norm_text(lo, hi), lex.toll_span_cues):
        toll = None  # a running total over days or months, not this happening's toll
    else:
        i, j = span
        toll = _toll(reading.text, lo, hi, reading.tokens[i:j], reading.forms[i:j], numbers, lex)
    reading.memo[key] = toll
    return toll


@lru_cache(maxsize=4)
def _death_words(lex: Lexicon) -> frozenset[str]:
    """Every word a figure of the dead needs beside it (before, after, after its noun, or a dual)."""
    return lex.deaths_after | lex.deaths_before | lex.deaths_after_noun | lex.dual_deaths


def _toll(text: str, lo: int, hi: int, toks, stems, numbers, lex: Lexicon) -> Toll | None:
    """The toll of ``text[lo:hi]`` from its tokens, their clitic readings and its numbers (offsets into
    ``text``; the toll's own offsets are returned relative to ``lo``)."""
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    figures: list[_Figure] = []
    injuries = False
    numbered: set[int] = set()  # token indexes covered by a number
    for n in numbers:
        first_in = bisect_left(starts, n.start)
        first_after = bisect_left(starts, n.end)
        inside = list(range(first_in, first_after))
        numbered.update(inside)
        after_i = list(range(first_after, min(first_after + 4, len(toks))))
        before_i = range(0, bisect_right(ends, n.start))  # a range: no list of every earlier token
        # read back over hedges ("مقتل ما لا يقل عن 37", "لقي أكثر من 20")
        back = list(reversed(before_i[-2:]))
        for k in reversed(before_i[:-2]):
            if not (stems[back[-1]] & lex.toll_hedges) or len(back) >= 7:
                break
            back.append(k)
        after_forms = set().union(*(stems[k] for k in after_i[:2])) if after_i else set()
        next_forms = stems[after_i[0]] if after_i else set()
        before_forms = set().union(*(stems[k] for k in back)) if back else set()
        if next_forms & lex.injuries:
            injuries = True
            continue
        if _is_year(text, n, toks, before_i):
            continue
        if after_i and _is_casualty_total(toks, after_i[0], lex):
            continue
        if next_forms & lex.counted_things:  # "سقوط 6 قذائف", "4 آلاف": the figure counts things, or more
            continue
        noun_then_death = any(stems[k] & lex.deaths_after_noun for k in after_i[:4])
        is_death = (
            bool(after_forms & lex.deaths_after) or bool(before_forms & lex.deaths_before) or noun_then_death
        )
        if before_i and stems[before_i[-1]] & lex.injuries and not after_forms & lex.deaths_after:
            injuries = True
            is_death = False
        joined = (
            text[max(lo, n.start - 2) : n.start] in ("و", " و", "و ")
            or (n.start > lo and text[n.start - 1 : n.start] == "و")
            or (text[n.start : n.start + 1] == "و" and not text[n.start : n.end].startswith("واحد"))
        )  # "و5", "و 5", "واثنان"
        # "قتلوا سبعة أشخاص آخرين", "واثنان آخران": more dead; "قتلوا وجرح ثلاثون آخرون" are others wounded
        direct = joined or bool(
            before_i and stems[before_i[-1]] & (lex.deaths_before | lex.deaths_after_noun)
        )
        more = direct and any(stems[k] & lex.toll_more for k in after_i[:3])
        if not is_death and joined and figures and (more or 0 <= n.start - figures[-1].end <= 40):
            is_death = True  # "مقتل 23 مسلحا و5 جنود", "... واثنان آخران": the second figure counts dead too
        if is_death and _subset(stems, back, lex):
            continue  # "من بين القتلى 3 جنود": who some of the dead were
        if (n.min or 0) >= 1000 and (n.vague or normalise(text[n.start : n.end]).text in _THOUSANDS):
            continue  # "آلاف القتلى", "4 آلاف قتيل": a war's dead, never one happening's
        if (
            is_death
            and n.min is not None
            and n.min <= lex.max_credible_toll
            and (n.max or 0) <= lex.max_credible_toll
        ):
            update = any(stems[k] & lex.toll_updates for k in before_i[-6:])
            figures.append(_Figure(n.start, n.end, n.min, n.max, n.vague, joined, update, more))
    for k, t in enumerate(toks):
        if stems[k] & lex.dual_deaths:
            figures.append(_Figure(t.start, t.end, 2, 2, False, False))
            continue
        if k in numbered or not (stems[k] & lex.deaths_before):
            continue
        if k > 0 and stems[k - 1] & lex.toll_subset:  # "بين القتلى جنديان"
            continue
        # A death word with people after it and no number: "مقتل شاب", "استشهاد طفلين", "قتلت امرأة وطفلين".
        count, last = _people(toks, k + 1, numbered, lex)
        if count:
            more = any(stems[i] & lex.toll_more for i in range(last + 1, min(last + 3, len(toks))))
            figures.append(_Figure(t.start, toks[last].end, count, count, False, False, more=more))
            continue
        # or before it: "طفلا قتل", "امرأة وطفلة قتلتا", "قياديا من قسد قتل"
        for j in range(max(0, k - 4), k):
            count, last = _people(toks, j, numbered, lex)
            if count:
                figures.append(_Figure(toks[j].start, t.end, count, count, False, False))
                break
    if not figures:
        return None
    fat, start, end, note = _combine(figures)
    window = text[max(lo, start - 30) : min(hi, end + 40)]
    civ = any(_stems(t.norm) & lex.civilian_words for t in tokenise(window))
    return Toll(fat, start - lo, end - lo, civ, injuries, note)


def _is_year(text: str, n, toks, before_i: range) -> bool:
    """ "منذ 1991", "عام 2015": a year written in digits after a word that dates, not a figure of the dead."""
    digits = text[n.start : n.end].strip()
    if not (len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100):
        return False
    return bool(before_i) and toks[before_i[-1]].norm in _YEAR_CUES


def _subset(stems: list[set[str]], back: list[int], lex: Lexicon) -> bool:
    """The figure names some of the dead already counted: "بينهم"/"منهم" or "بين القتلى" just before it."""
    if not back:
        return False
    if stems[back[0]] & lex.toll_subset:  # "بينهم 3"
        return True
    return (
        len(back) > 1 and bool(stems[back[0]] & lex.deaths_before) and bool(stems[back[1]] & lex.toll_subset)
    )


def _people(toks, j: int, numbered: set[int], lex: Lexicon) -> tuple[int, int]:
    """People counted by nouns alone from token ``j`` on ("امرأة وطفلين" → 3), and the last token read."""
    count, last = 0, j - 1
    while j < len(toks) and j not in numbered and not (j + 1 < len(toks) and (j + 1) in numbered):
        norm = toks[j].norm
        if count and not norm.startswith("و"):
            break
        bare = norm[1:] if count else norm
        if _dual_person(bare, lex):
            count += 2
        elif set(strip_clitics(bare)) & lex.person_singular:
            count += 1
        else:
            break
        last = j
        j += 1
    return count, last


def _combine(figures: list[_Figure]) -> tuple[Fatalities, int, int, str]:
    """Figures joined by "و" count different people and add up ("23 مسلحا و5 عسكريين"); separate figures are the
    same dead reported again, and the lowest is kept (ACLED's conservative rule), with a note."""
    figures = sorted(figures, key=lambda f: f.start)
    chains: list[list[_Figure]] = []
    for f in figures:
        if (f.joined and chains and 0 <= f.start - chains[-1][-1].end <= 40) or (f.more and chains):
            chains[-1].append(f)
        else:
            chains.append([f])
    totals = [
        (sum(f.low for f in c), sum((f.high if f.high is not None else f.low) for f in c), c) for c in chains
    ]
    updates = [t for t in totals if any(f.update for f in t[2])]
    if updates:  # the toll rose as the dead were counted: the latest count stands
        totals = [max(updates, key=lambda t: t[0])]
    low, high, chain = min(totals, key=lambda t: t[0])
    notes = []
    if len({t[0] for t in totals}) > 1:
        listed = ", ".join(str(t[0]) for t in sorted(totals, key=lambda t: t[0]))
        notes.append(f"conflicting tolls reported ({listed}): the lowest is used")
    if len(chain) > 1:
        notes.append(f"tolls of {len(chain)} groups added ({' + '.join(str(f.low) for f in chain)})")
    fat = Fatalities(best=low, min=low, max=max(high, low), vague=all(f.vague for f in chain))
    return fat, chain[0].start, chain[-1].end, "; ".join(notes)
