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
from functools import lru_cache, reduce
from itertools import accumulate, compress
from operator import or_

from rasd.coding.triggers import phrase_in
from rasd.kb.lexicon import Lexicon
from rasd.models import Fatalities
from rasd.text import normalise
from rasd.text.numbers import find_numbers
from rasd.text.reading import Reading
from rasd.text.tokens import strip_clitics, tokenise, word_norms


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
    counted: bool = (
        True  # a written number; False for people named without one ("مقتل ضابط", "استشهاد طفلين")
    )


#: words before a year ("منذ 1991", "عام 2015"): a four-digit figure after them dates, never counts the dead
_YEAR_CUES = frozenset({"منذ", "عام", "العام", "سنه", "السنه", "مطلع", "اواخر", "اوائل", "خلال"})

#: the bare word for thousands: a multiplier ("4 آلاف") or a war's dead ("آلاف القتلى"), never one event's toll
_THOUSANDS = frozenset({"الاف", "الف", "الفا", "آلاف"})


# What a word is to a toll, as bits: one per word list of the lexicon that one of its clitic readings is in.
_HEDGE, _INJURY, _COUNTED, _AFTER_NOUN, _AFTER, _BEFORE, _SUBSET, _MORE, _UPDATE, _DUAL, _CIVILIAN = (
    1 << i for i in range(11)
)
_DEATH = _AFTER | _BEFORE | _AFTER_NOUN | _DUAL  # every figure of the dead needs one of these beside it


class _Marks:
    """A lexicon's toll word lists, asked once per word: the bits of each word (``of``) and how many people a
    bare noun names (``people``), remembered by the word's normalised form.

    The rules ask "is one of this word's clitic readings in that list?" for every word around every figure,
    eleven lists in all; intersecting sets for each question cost more than the rest of the toll together,
    while a report's words recur and a word's answers never change.
    """

    _LIMIT = 200_000  # words remembered; then forgotten and learnt again (a long watch reads many words)

    def __init__(self, lex: Lexicon) -> None:
        self._lex = lex
        self._lists = (
            (lex.toll_hedges, _HEDGE),
            (lex.injuries, _INJURY),
            (lex.counted_things, _COUNTED),
            (lex.deaths_after_noun, _AFTER_NOUN),
            (lex.deaths_after, _AFTER),
            (lex.deaths_before, _BEFORE),
            (lex.toll_subset, _SUBSET),
            (lex.toll_more, _MORE),
            (lex.toll_updates, _UPDATE),
            (lex.dual_deaths, _DUAL),
            (lex.civilian_words, _CIVILIAN),
        )
        self.bits = _Bits(self._lists)
        self._people: dict[str, int] = {}
        self._totals: dict[str, bool] = {}

    def of(self, norm: str) -> int:
        """The bits of a normalised word."""
        return self.bits[norm]

    def casualty_total(self, norms: list[str], k: int) -> bool:
        """ "10 قتلى وجرحى": the figure before word ``k`` counts the dead and the wounded together (asked of the
        four words from ``k``, remembered by them)."""
        after = " ".join(norms[k : k + 4])
        got = self._totals.get(after)
        if got is None:
            if len(self._totals) >= self._LIMIT:
                self._totals.clear()
            got = self._totals[after] = _is_casualty_total(norms, k, self._lex)
        return got

    def people(self, norm: str) -> int:
        """People a noun names on its own: 2 for a dual (``متظاهران``), 1 for a singular (``شاب``), else 0."""
        got = self._people.get(norm)
        if got is None:
            if len(self._people) >= self._LIMIT:
                self._people.clear()
            if _dual_person(norm, self._lex):
                got = 2
            elif not self._lex.person_singular.isdisjoint(strip_clitics(norm)):
                got = 1
            else:
                got = 0
            self._people[norm] = got
        return got


class _Bits(dict):
    """Words' bits by normalised form, each computed the first time it is asked for (``__missing__``): looking
    a report's words up is then ``map`` over a dict, in C."""

    def __init__(self, lists: tuple[tuple[frozenset[str], int], ...]) -> None:
        super().__init__()
        self._lists = lists

    def __missing__(self, norm: str) -> int:
        if len(self) >= _Marks._LIMIT:
            self.clear()
        forms = strip_clitics(norm)
        got = 0
        for words, bit in self._lists:
            if not words.isdisjoint(forms):
                got |= bit
        self[norm] = got
        return got


@lru_cache(maxsize=4)
def _marks(lex: Lexicon) -> _Marks:
    return _Marks(lex)


def _is_casualty_total(norms: list[str], k: int, lex: Lexicon) -> bool:
    """ "10 قتلى وجرحى": the figure counts the dead and the wounded together."""
    after = " ".join(norms[k : k + 4])
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
    marks = _marks(lex)
    norms = [t.norm for t in toks]
    words = ([t.start for t in toks], [t.end for t in toks], norms, [marks.of(w) for w in norms])
    return _toll(text, 0, len(text), words, find_numbers(text), lex)


def toll_in(reading: Reading, lo: int, hi: int, lex: Lexicon) -> Toll | None:
    """``find_toll(reading.text[lo:hi])`` from the report's one reading (offsets relative to ``lo``); a span
    that cuts a word or a number is read on its own. Remembered per reading: a segment is tolled for each of
    its events."""
    key = ("toll", lo, hi, lex)  # the lexicon too: a toll is read with its word lists
    if key in reading.memo:
        return reading.memo[key]
    span = reading.token_span(lo, hi)
    if span is not None:
        bits, deaths = _reading_marks(reading, lex)
        i, j = span
    if span is not None and deaths[j] == deaths[i]:
        toll = None  # no death word, no toll (every figure needs one): most sentences are passed over here
    elif span is None or (numbers := reading.numbers_in(lo, hi)) is None:
        toll = find_toll(reading.text[lo:hi], lex)
    elif lex.toll_span_cues and phrase_in(reading.norm_text(lo, hi), lex.toll_span_cues):
        toll = None  # a running total over days or months, not this happening's toll
    else:
        words = (reading.starts[i:j], reading.ends[i:j], reading.norms[i:j], bits[i:j])
        toll = _toll(reading.text, lo, hi, words, numbers, lex)
    reading.memo[key] = toll
    return toll


#: the words of the text a toll is read in, as parallel lists: where each starts and ends, its normalised form and
#: its bits (``_Marks.of``)
_Words = tuple[list[int], list[int], list[str], list[int]]


def _reading_marks(reading: Reading, lex: Lexicon) -> tuple[list[int], list[int]]:
    """The toll bits of every word of the reading, and a running sum of their death bits (no death word among
    words ``i..j`` when the sums at ``i`` and ``j`` are equal); once per reading and lexicon."""
    key = ("toll-marks", lex)
    got = reading.memo.get(key)
    if got is None:
        bits = list(map(_marks(lex).bits.__getitem__, reading.norms))
        deaths = list(accumulate(map(_DEATH.__and__, bits), initial=0))
        got = reading.memo[key] = (bits, deaths)
    return got


def _toll(text: str, lo: int, hi: int, words: _Words, numbers, lex: Lexicon) -> Toll | None:
    """The toll of ``text[lo:hi]`` from its words and its numbers (offsets into ``text``; the toll's own offsets
    are returned relative to ``lo``)."""
    starts, ends, norms, bits = words
    n_words = len(norms)
    figures: list[_Figure] = []
    injuries = False
    numbered: set[int] = set()  # token indexes covered by a number
    marks = _marks(lex)
    for n in numbers:
        first_in = bisect_left(starts, n.start)
        first_after = bisect_left(starts, n.end)
        if first_after > first_in:
            numbered.update(range(first_in, first_after))
        after = bits[first_after : first_after + 4]  # the bits of the (up to) four words after the figure
        next_bits = after[0] if after else 0
        if next_bits & _INJURY:
            injuries = True
            continue
        after_bits = (next_bits | after[1]) if len(after) > 1 else next_bits
        after_any = reduce(or_, after, 0)
        last_before = bisect_right(ends, n.start) - 1  # the word just before the figure, or -1
        # read back over hedges ("مقتل ما لا يقل عن 12", "لقي نحو 8")
        if last_before >= 1:
            back = [last_before, last_before - 1]
            k = last_before - 2
            while k >= 0 and bits[back[-1]] & _HEDGE and len(back) < 7:
                back.append(k)
                k -= 1
            before_bits = reduce(or_, map(bits.__getitem__, back))
        else:
            back = [0] if last_before == 0 else []
            before_bits = bits[0] if last_before == 0 else 0
        is_death = bool(after_bits & _AFTER or before_bits & _BEFORE or after_any & _AFTER_NOUN)
        hurt_before = last_before >= 0 and bits[last_before] & _INJURY and not after_bits & _AFTER
        if not (is_death or hurt_before or figures):
            continue  # neither dead nor wounded, nor joined to a figure before: a date, a count of things
        joined = (
            text[max(lo, n.start - 2) : n.start] in ("و", " و", "و ")
            or (n.start > lo and text[n.start - 1 : n.start] == "و")
            or (text[n.start : n.start + 1] == "و" and not text[n.start : n.end].startswith("واحد"))
        )  # "و5", "و 5", "واثنان"
        if not (is_death or hurt_before or joined):
            continue
        if _is_year(text, n, norms, last_before):
            continue
        if after and marks.casualty_total(norms, first_after):
            continue
        if next_bits & _COUNTED:  # "سقوط 6 قذائف", "4 آلاف": the figure counts things, or more
            continue
        if hurt_before:
            injuries = True
            is_death = False
        # "قتلوا سبعة أشخاص آخرين", "واثنان آخران": more dead; "قتلوا وجرح ثلاثون آخرون" are others wounded
        direct = joined or (last_before >= 0 and bool(bits[last_before] & (_BEFORE | _AFTER_NOUN)))
        more = direct and bool(reduce(or_, after[:3], 0) & _MORE)
        if not is_death and joined and figures and (more or 0 <= n.start - figures[-1].end <= 40):
            is_death = True  # "مقتل 23 مسلحا و5 جنود", "... واثنان آخران": the second figure counts dead too
        if is_death and _subset(bits, back):
            continue  # "من بين القتلى 3 جنود": who some of the dead were
        if (n.min or 0) >= 1000 and (n.vague or normalise(text[n.start : n.end]).text in _THOUSANDS):
            continue  # "آلاف القتلى", "4 آلاف قتيل": a war's dead, never one happening's
        if (
            is_death
            and n.min is not None
            and n.min <= lex.max_credible_toll
            and (n.max or 0) <= lex.max_credible_toll
        ):
            update = bool(reduce(or_, bits[max(0, last_before - 5) : last_before + 1], 0) & _UPDATE)
            figures.append(_Figure(n.start, n.end, n.min, n.max, n.vague, joined, update, more))
    people = marks.people
    for k in compress(range(n_words), map((_DUAL | _BEFORE).__and__, bits)):  # death words only, found in C
        if bits[k] & _DUAL:
            figures.append(_Figure(starts[k], ends[k], 2, 2, False, False, counted=False))
            continue
        if k in numbered:
            continue
        if k > 0 and bits[k - 1] & _SUBSET:  # "بين القتلى جنديان"
            continue
        # A death word with people after it and no number: "مقتل شاب", "استشهاد طفلين", "قتلت امرأة وطفلين".
        count, last = _people(norms, k + 1, numbered, people)
        if count:
            more = bool(reduce(or_, bits[last + 1 : last + 3], 0) & _MORE)
            figures.append(
                _Figure(starts[k], ends[last], count, count, False, False, more=more, counted=False)
            )
            continue
        # or before it: "طفلا قتل", "امرأة وطفلة قتلتا", "قياديا من قسد قتل"
        for j in range(max(0, k - 4), k):
            count, last = _people(norms, j, numbered, people)
            if count:
                figures.append(_Figure(starts[j], ends[k], count, count, False, False, counted=False))
                break
    if not figures:
        return None
    fat, start, end, note = _combine(figures)
    window = text[max(lo, start - 30) : min(hi, end + 40)]
    civ = any(map(_CIVILIAN.__and__, map(marks.bits.__getitem__, word_norms(window))))
    return Toll(fat, start - lo, end - lo, civ, injuries, note)


def _is_year(text: str, n, norms: list[str], last_before: int) -> bool:
    """ "منذ 1991", "عام 2015": a year written in digits after a word that dates, not a figure of the dead."""
    digits = text[n.start : n.end].strip()
    if not (len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100):
        return False
    return last_before >= 0 and norms[last_before] in _YEAR_CUES


def _subset(bits: list[int], back: list[int]) -> bool:
    """The figure names some of the dead already counted: "بينهم"/"منهم" or "بين القتلى" just before it."""
    if not back:
        return False
    if bits[back[0]] & _SUBSET:  # "بينهم 3"
        return True
    return len(back) > 1 and bool(bits[back[0]] & _BEFORE) and bool(bits[back[1]] & _SUBSET)


def _people(norms: list[str], j: int, numbered: set[int], people) -> tuple[int, int]:
    """People counted by nouns alone from word ``j`` on ("امرأة وطفلين" → 3), and the last word read;
    ``people`` says how many one noun names (``_Marks.people``)."""
    count, last = 0, j - 1
    n_words = len(norms)
    while j < n_words and j not in numbered and not (j + 1 < n_words and (j + 1) in numbered):
        norm = norms[j]
        if count and not norm.startswith("و"):
            break
        named = people(norm[1:] if count else norm)
        if not named:
            break
        count += named
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
    # "قتل ثمانية عسكريين ... مقتل نقيب": people named without a number are some of the counted dead
    counted = [t for t in totals if any(f.counted for f in t[2])]
    if counted:
        totals = counted
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
