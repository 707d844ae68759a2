"""``العاصمة`` with no name after it: the capital of the country the text means.

Arabic news often names a capital only as "the capital": ``تظاهر المئات في العاصمة``، ``انفجار جنوب العاصمة
العراقية``، ``بوركينا فاسو التي تشهد عاصمتها هجوماً``. An event there is at the capital (ACLED codes it at the city),
not lost for want of a place. The country is the one the words give (``العراقية``, or the country named just
before ``عاصمتها``), else the report's own country when it has one; a capital that the text names right after
the word (``العاصمة الليبية طرابلس``) is already a place of its own and is left to it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from rasd.geo.placeness import placeness
from rasd.models import Place
from rasd.text.normalise import Normalised

#: "العاصمة" with a clitic or the article, then up to one adjective; "عاصمتها/عاصمته" (its capital)
#: ("عاصمة المقاطعة" with no article is a province's capital, "عاصمة البلاد" the country's)
_CAPITAL = re.compile(
    r"(?<!\w)(?:[وفب]{0,2}ال|[وفب]?لل)عاصمه(?:\s+(?P<adj>\w+))?"
    r"|(?<!\w)[وفبل]{0,2}عاصمه\s+البلاد(?!\w)"
    r"|(?<!\w)[وفبل]{0,2}عاصمت(?:ها|ه)(?!\w)"
)

#: words after "العاصمة" that make it no city of its own here: "أمانة العاصمة" is handled by the gazetteer,
#: an administrative or temporary capital is named after these words
_NOT_THE_CITY = frozenset(
    {"الاداريه", "الجديده", "المؤقته", "الثقافيه", "الاقتصاديه", "السياسيه", "التاريخيه"}
)

#: how far after the word a named capital may start (an adjective, a comma, a bracket and the name)
_NAMED_WITHIN = 28


def capital_places(
    norm: Normalised,
    places: Sequence[Place],
    capital_of,
    primary: set[str],
) -> list[Place]:
    """A ``Place`` at the national capital for each bare ``العاصمة`` in the body.

    Args:
        norm: the body's normalisation (offsets map back to the body).
        places: the places already resolved (a capital named right after the word is one of them).
        capital_of: ``country code → Place | None`` (the gazetteer's national capital).
        primary: the report's own countries (one of them; or none: then an adjective says which, or the one
            country of all the places named).
    """
    if "عاصم" not in norm.text:
        return []  # every form of the word holds these letters: most reports name no capital, and the pattern's
        # search through the whole body cost more than the rest of this function
    words = placeness().country_words
    starts = sorted((p.start or 0) for p in places)
    theirs = {p.country for p in places if p.country}
    out: list[Place] = []
    for m in _CAPITAL.finditer(norm.text):
        adj = m.group("adj")
        if adj in _NOT_THE_CITY:
            continue
        country = words.get(adj) if adj else None
        # the span: the word, and the adjective when it names the country ("العاصمة العراقية")
        last = m.end() if country else m.start() + len(m.group(0).split()[0])
        a, end = norm.to_original(m.start(), last)
        if any(end <= s <= end + _NAMED_WITHIN and _named_after(norm.original[end:s]) for s in starts):
            continue  # "العاصمة الليبية طرابلس"، "العاصمة المؤقتة عدن": the name is there
        if country is None and "عاصمت" in m.group(0):
            country = _country_before(norm.text, m.start(), words)
        if country is None and len(primary) == 1:
            country = next(iter(primary))
        if country is None and not primary and len(theirs) == 1:
            country = next(iter(theirs))  # no country stands out, but every place the text names is in one
        if country is None:
            continue
        capital = capital_of(country)
        if capital is None:
            continue
        written = norm.original[a:end]
        out.append(
            dataclasses.replace(
                capital,
                start=a,
                end=end,
                geo_precision=1,
                score=0.7,
                name_as_written=written,
                decision="capital",
                reason=f"'{written}': the capital of {country}",
                cue="",
            )
        )
    return out


def _named_after(gap: str) -> bool:
    """The words between "العاصمة" and a place: none, or one (an adjective: "الليبية"، "المختطفة")."""
    return len(re.findall(r"\w+", gap)) <= 1


def _country_before(text: str, at: int, words: dict[str, str]) -> str | None:
    """The last country the 12 words before ``at`` name (``بوركينا فاسو التي تشهد عاصمتها``)."""
    toks = text[max(0, at - 120) : at].split()[-12:]
    found = None
    for i, tok in enumerate(toks):
        for t in (tok, tok[1:] if len(tok) > 3 and tok[0] in "وفبل" else None, " ".join(toks[i : i + 2])):
            if t and t in words:
                found = words[t]
    return found
