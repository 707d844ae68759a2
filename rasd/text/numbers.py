"""Numbers in Arabic news text: digits, number words, ranges and vague quantities.

Vague quantities get a documented conservative minimum (``rasd/data/text/numbers.yaml``,
ACLED's convention): ``عشرات`` (tens) → 10, ``مئات`` → 100, ``عدد من`` → 3, with
``vague=True``. Ranges keep both ends (``بين 1500 إلى 2000`` → 1500–2000, value 1500).
Numbers beyond any real count (more than ``MAX_COUNT``: phone numbers, ids, hostile input with
hundreds of digits) are text, not quantities: they are skipped, never raised on.

Example: ``find_numbers("مقتل ثلاثة مدنيين")[0].value == 3``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.primed import loader
from rasd.text.alternation import alternation
from rasd.text.anchored import anchored_matches
from rasd.text.normalise import Normalised, normalise

#: The largest quantity read as a count; anything larger (or longer than 13 digits) is an id, not a toll.
MAX_COUNT = 10**12
_MAX_DIGITS = 13


@dataclass(slots=True, unsafe_hash=True)  # not frozen, like ``Token``: built per number of every report
class NumberSpan:
    start: int
    end: int
    value: int | None
    min: int | None
    max: int | None
    vague: bool
    kind: str  # digits | words | range | vague


@dataclass(frozen=True, slots=True)
class _Tables:
    words: dict[str, int]
    vague: dict[str, int]
    pattern: re.Pattern
    anchors: (
        re.Pattern
    )  # where a number may start: a digit or a first word, where the pattern's look-behinds let it


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def _tables() -> _Tables:
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd").joinpath("data/text/numbers.yaml").read_text(encoding="utf-8")
    )
    words: dict[str, int] = {}
    for table in ("units", "tens", "hundreds", "thousands"):
        words.update(data[table])
    vague = {k: v for k, v in data["vague"].items() if v is not None}
    word_alt, vague_alt = alternation(words), alternation(vague)
    num = r"\d{1,3}(?:[,٬]\d{3})+|\d+(?:\.\d+)?"
    # a number may carry a conjunction or preposition glued to it ("و5 جنود", "ب3 قذائف")
    # a word number: one or more number words joined by "و" ("ألف وخمسمئة", "خمسة وعشرين")
    wnum = rf"(?:(?:{word_alt})(?:\s+و\s*(?:{word_alt}))*(?:\s+عشر)?)"
    one = rf"(?:{num}|{wnum})"
    pat = re.compile(
        # at a word's start, or after a "و"/"ب" that starts one: two plain lookbehinds, which fail at once inside
        # a word, where "(?<!\w)|(?<=(?<!\w)[وب])" tried both branches at every letter; a vague quantity (which
        # must start a word) shares them, so a letter inside a word costs one test
        rf"(?<![^\Wوب])(?<!\w[وب])(?:"
        rf"(?:(?P<between>بين|من)\s+)?(?P<a>{one})(?:\s*(?:الي|و|حتي|-|–)\s*(?P<b>{one}))?(?![\w])"
        rf"|(?<![\w])(?P<vague>{vague_alt})(?![\w])"
        ")"
    )
    # every match starts with a digit, a number word, "بين"/"من" or a vague quantity, where the look-behinds above
    # let a number start: the pattern is tried only there (``anchored_matches``), not at every letter
    # ("من", a very common word, counts only when a number follows it)
    firsts = alternation([*words, *vague])
    anchors = re.compile(rf"(?<![^\Wوب])(?<!\w[وب])(?:(?:بين|من)\s+)?(?:\d|{firsts})")
    return _Tables(words, vague, pat, anchors)


def _value(text: str, words: dict[str, int]) -> int | None:
    text = text.strip()
    if re.fullmatch(r"[\d,٬.]+", text):
        whole = text.replace(",", "").replace("٬", "").split(".", 1)[0]
        if not whole or len(whole) > _MAX_DIGITS:
            return None  # an id or a phone number, not a count (and int() of 4,300+ digits raises)
        try:
            value = int(whole)
        except ValueError:
            return None
        return value if value <= MAX_COUNT else None
    total, current = 0, 0
    parts = [p.strip() for p in re.split(r"\s+و\s*|\s+", text) if p.strip()]
    for i, p in enumerate(parts):
        if p == "عشر" and i > 0:  # "خمسة عشر" = 15
            current += 10
            continue
        v = words.get(p)
        if v is None:
            return None
        if v >= 1000:
            total += max(current, 1) * v if current and v == 1000 else v
            current = 0
        else:
            current += v
        if total + current > MAX_COUNT:
            return None
    return total + current


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number, range and vague quantity in ``text`` (spans into ``text``)."""
    return numbers_of(normalise(text))


def numbers_of(norm: Normalised, base: int = 0) -> list[NumberSpan]:
    """``find_numbers`` of a text already normalised (spans into ``norm.original``, moved by ``base``: the text
    is a part of a longer one starting there)."""
    t = _tables()
    # a text that dropped nothing in normalising maps spans one for one (most segments of most reports)
    to_original = norm.to_original if norm._drops is not None else _same
    out: list[NumberSpan] = []
    for m in anchored_matches(t.anchors, t.pattern, norm.text):
        vague, first, second, between = m.group("vague", "a", "b", "between")
        a, b = to_original(m.start(), m.end())
        if vague:
            v = t.vague[vague]
            out.append(NumberSpan(a + base, b + base, v, v, None, True, "vague"))
            continue
        va = _value_of(first)
        if va is None:
            continue
        kind = "digits" if first[0].isdigit() else "words"
        if second:
            vb = _value_of(second)
            if vb is not None and vb > va:
                out.append(NumberSpan(a + base, b + base, va, va, vb, False, "range"))
                continue
            # "3 و4" that is not a range (second smaller): keep the first number only
            a2, b2 = to_original(m.start("a"), m.end("a"))
            out.append(NumberSpan(a2 + base, b2 + base, va, va, va, False, kind))
            continue
        if between:
            a, b = to_original(m.start("a"), m.end("a"))
        out.append(NumberSpan(a + base, b + base, va, va, va, False, kind))
    return out


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end


@lru_cache(maxsize=4096)
def _value_of(text: str) -> int | None:
    """``_value`` with the loaded tables, remembered: the same figures and number words recur."""
    return _value(text, _tables().words)
