"""Where an event's fire came from, and what only measures where a place is: the words right before a place
name in a list of an event's places.

``المدفعية المتمركزة في قريتي س وص`` names where the shells were fired from, the whole list of it;
``كل من مدينة عندان`` ("each of") is no origin, although ``من`` ("from") is one of the origin words; a
bracketed measure (``(12 كم شمال حلب)``) locates the place before it, not the list after it.
"""

from __future__ import annotations

import re

from rasd.geo.placeness import placeness
from rasd.text import normalise

#: A mark that closes the phrase a list's name stands in: words before it belong to another phrase.
_CLOSES = re.compile(r"[)\]،,؛;.]")


def words_before(text: str, pos: int, n: int) -> list[str]:
    """The last ``n`` normalised words before ``pos``, within its phrase: none from before a closing bracket, a
    comma or a full stop (``(12 كم شمال حلب) وقريتي X``: the measure is the phrase before X's).

    Example: ``words_before("بلدة تل رفعت (20 كم شمال حلب) وقريتي حربل", 37, 5)`` → ``["وقريتي"]``.
    """
    window = text[max(0, pos - 60) : pos]
    cut = [m.end() for m in _CLOSES.finditer(window)]
    if cut:
        window = window[cut[-1] :]
    return normalise(window).text.replace('"', " ").split()[-n:]


def _without_cues(words: list[str]) -> list[str]:
    """The words with the settlement cues at their end left off (``المتمركزة في بلدتي`` → ``المتمركزة في``)."""
    cues = placeness().settlement
    out = list(words)
    while out and (out[-1] in cues or (len(out[-1]) > 2 and out[-1][0] == "و" and out[-1][1:] in cues)):
        out.pop()
    return out


#: Words before ``من`` that make it partitive ("each of", "a number of"), not "from": ``كل من مدينة X``.
_PARTITIVE_HEADS = frozenset(
    {"كل", "عدد", "العديد", "بعض", "مجموعه", "جمله", "اي", "اكثر", "عشرات", "مئات", "الكثير", "كثير", "اعداد"}
)
#: Words after ``من`` that make it partitive: ``من بينها مدينة X`` ("among them").
_PARTITIVE_TAILS = frozenset({"بينها", "بينهم", "بينهما", "ضمنها", "ضمنهم"})


def from_origin(before: list[str], markers: frozenset[str]) -> bool:
    """True when the words before a place make it where the attackers were (``من مواقعها في X``،
    ``المتمركزة في بلدتي X``), not where the event took place. A partitive ``من`` is no origin: ``كل من X``
    ("each of X"), ``عدد من أحياء X``، ``من بينها مدينة X``."""
    words = _without_cues(before)
    last = words[-2:]
    for k, w in enumerate(last):
        if w not in markers:
            continue
        at = len(words) - len(last) + k
        if w == "من" and (
            (at > 0 and words[at - 1] in _PARTITIVE_HEADS)
            or (at + 1 < len(words) and words[at + 1] in _PARTITIVE_TAILS)
        ):
            continue
        return True
    return False


def continues_list(before: list[str]) -> bool:
    """The place is the next name of a list right after the one before it (``نبل والزهراء``، ``X وقرية Y``):
    only a conjunction, possibly on a settlement cue, stands between them."""
    if not before:
        return False
    cues = placeness().settlement
    w = before[-1]
    return w == "و" or (len(w) > 2 and w[0] == "و" and w[1:] in cues)


#: Words that say where a person comes from (normalised), before ``من``: ``شاب ينحدر من بلدة X``، ``المنحدر من
#: مدينة X``، ``الشابان المنحدران من X``. The town is the person's home, not where anything happened to them.
_DESCENT = frozenset(
    {
        "ينحدر",
        "ينحدران",
        "ينحدرون",
        "تنحدر",
        "تنحدران",
        "المنحدر",
        "المنحدره",
        "المنحدران",
        "المنحدرين",
        "المنحدرون",
        "منحدر",
        "منحدره",
        "منحدرين",
    }
)


def home_town(before: list[str]) -> bool:
    """True when the words before a place make it someone's home town (``شاباً ينحدر من بلدة X``): a person's
    origin, not the place of the event told about them (an abduction on a road elsewhere)."""
    words = _without_cues(before)
    return words[-1:] == ["من"] and len(words) > 1 and words[-2] in _DESCENT
