"""One happening, many reports: which stored event a new one describes, and the merged result.

Two events are the same happening when they are of the same event type with a
compatible sub-type, at the same place (within ``settings.event_distance_km``, or
the same admin2 when either place is only approximate), on dates that agree within
their precision, and with no contradicting actors. The merged event keeps the most
precise place and date, the lowest credible toll (ACLED), every source and all the
evidence; the reason is returned so the store can keep it.
"""

from __future__ import annotations

import dataclasses
import math

from rasd.models import Event, Fatalities
from rasd.settings import Settings


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _window(e: Event) -> int:
    return {1: 1, 2: 7}.get(e.time_precision, 31)


def _place_reason(a: Event, b: Event, settings: Settings) -> str | None:
    la, lb = a.location, b.location
    if la is None or lb is None or la.lat is None or lb.lat is None:
        return None
    d = _km(la, lb)
    if d <= settings.event_distance_km:
        return f"places {d:.1f} km apart"
    coarse = max(a.geo_precision or 1, b.geo_precision or 1) >= 2
    if coarse and la.admin2 and la.admin2 == lb.admin2:
        return f"same district ({la.admin2}) at lower precision"
    return None


def _actors_compatible(a: Event, b: Event) -> bool:
    if a.actor1 and b.actor1 and a.actor1.kb_id != b.actor1.kb_id:
        # the doer may be named on one side as the other's target (reports differ in voice)
        return b.actor2 is not None and a.actor1.kb_id == b.actor2.kb_id
    return True


def find_duplicate(event: Event, candidates: list[Event], settings: Settings) -> tuple[Event, str] | None:
    """The stored candidate that best describes the same happening, with the reason, else None.

    Among several matches the closest in time, then in space, then the smallest event id wins, so the
    choice never depends on the order the database returned the candidates in.
    """
    best: tuple[tuple[int, float, str], Event, str] | None = None
    for c in candidates:
        if c.event_id == event.event_id or c.event_type != event.event_type:
            continue
        special = ("failed", "planned", "denied")  # these never merge with what did happen
        if (c.modality in special or event.modality in special) and c.modality != event.modality:
            continue
        if c.sub_event_type != event.sub_event_type and event.event_type != "Explosions/Remote violence":
            continue
        if event.event_date is None or c.event_date is None:
            continue
        gap = abs((event.event_date - c.event_date).days)
        if gap > max(_window(event), _window(c)):
            continue
        place = _place_reason(event, c, settings)
        if place is None or not _actors_compatible(c, event):
            continue
        sub = (
            "same sub-event type"
            if c.sub_event_type == event.sub_event_type
            else "compatible sub-event types"
        )
        key = (gap, round(_km(event.location, c.location), 3), c.event_id)
        if best is None or key < best[0]:
            best = (key, c, f"{sub}; {place}; dates {gap} day(s) apart; compatible actors")
    return (best[1], best[2]) if best else None


def merge(kept: Event, new: Event, reason: str) -> Event:
    """``kept`` and ``new`` as one event with both sources (see the module docstring for the rules)."""
    place_from = kept if (kept.geo_precision or 3) <= (new.geo_precision or 3) else new
    date_from = kept if kept.time_precision <= new.time_precision else new
    tolls = [e.fatalities for e in (kept, new) if e.fatalities.min is not None]
    fat = min(tolls, key=lambda f: f.best) if tolls else Fatalities()
    notes = kept.notes
    if len({t.best for t in tolls}) > 1:
        notes = f"{notes} Tolls differ between sources ({', '.join(str(t.best) for t in tolls)}): the lowest is used."
    chain = list(kept.attribution)
    for s in new.attribution:
        if all((s.kb_id, s.name) != (c.kb_id, c.name) for c in chain):
            chain.append(s)
    return dataclasses.replace(
        kept,
        doc_ids=tuple(dict.fromkeys(kept.doc_ids + new.doc_ids)),
        location=place_from.location,
        geo_precision=place_from.geo_precision,
        event_date=date_from.event_date,
        time_precision=date_from.time_precision,
        fatalities=fat,
        actor1=kept.actor1 or new.actor1,
        actor2=kept.actor2 or new.actor2,
        civilian_targeting=kept.civilian_targeting or new.civilian_targeting,
        attribution=tuple(chain),
        evidence=kept.evidence + new.evidence,
        confidence=max(kept.confidence, new.confidence),
        notes=notes.strip(),
    )
