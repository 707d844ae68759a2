"""Which of the places told for one happening is the most specific: the village over the town it is put at.

A report often names the town first (``غارة شرق بغداد``) and the village or quarter in a later retelling
(``في حي الزعفرانية جنوب شرقي العاصمة بغداد``). When the tellings are folded into one event, ACLED codes its most
specific place: the village the gazetteer lacks, kept by name at its parent, rather than the parent alone. Several
quarters of one city on one day stay one event at the city (``docs/annotation.md``), so only a single village
refines the town.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rasd.models import Event, Place
from rasd.text import normalise_key


def refines(place: Place | None, other: Place | None) -> bool:
    """True when ``place`` is a named place the text puts in or beside ``other`` (a village kept at its parent,
    the parent being ``other``), so that it says more precisely where the happening was.

    Example: ``المشتل`` (unknown, placed at بغداد) refines ``بغداد``; ``بغداد`` does not refine ``المشتل``.
    """
    if place is None or other is None or place.decision != "unknown-at-parent":
        return False
    if other.decision == "unknown-at-parent" or other.is_feature:
        return False
    if place.parent_geonameid is not None and place.parent_geonameid == other.geonameid:
        return True
    return bool(place.parent_name) and normalise_key(place.parent_name) == normalise_key(other.name_ar or "")


def refine_places(events: list[Event], drafts: Iterable[Event]) -> list[Event]:
    """Each event placed at a town, with the one village its folded tellings put in that town: at the village.

    ``drafts`` are the tellings before folding; an event's location evidence says which of them it absorbed.
    Two or more such villages (the quarters a raid went through) leave the event at the town.
    """
    told: dict[tuple[int, int], Place] = {}
    for d in drafts:
        if d.location is None:
            continue
        for x in d.evidence:
            if x.field == "location":
                told.setdefault((x.start, x.end), d.location)
    out = []
    for e in events:
        villages: dict[str, Place] = {}
        for x in e.evidence:
            p = told.get((x.start, x.end)) if x.field == "location" else None
            if p is not None and refines(p, e.location):
                villages.setdefault(normalise_key(p.name_as_written or p.name_ar), p)
        if len(villages) == 1:
            [village] = villages.values()
            e = dataclasses.replace(e, location=village, geo_precision=village.geo_precision)
        out.append(e)
    return out
