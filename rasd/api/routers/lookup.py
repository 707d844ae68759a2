"""/api/lookup: search-as-you-type over the knowledge bases, for the review editor.

The editor lets a reviewer replace an event's actors and place; choosing from the actor KB and the gazetteer
(in Arabic or English) keeps edits inside what the exports and filters understand (kb ids, GeoNames ids,
admin1, country), where free text would not.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rasd.api.auth import reader
from rasd.api.deps import ResourcesDep

router = APIRouter(prefix="/api/lookup", tags=["lookup"], dependencies=[Depends(reader)])
_Q = Annotated[
    str, Query(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$", description="What was typed")
]


def _fold(text: str) -> str:
    from rasd.text.normalise import normalise_key

    return normalise_key(text).casefold()


def _score(query: str, names: tuple[str, ...]) -> int | None:
    """0 exact, 1 prefix, 2 a word's prefix, 3 inside; None when no name holds the query."""
    best = None
    for n in names:
        if not n:
            continue
        rank = (
            0
            if n == query
            else 1
            if n.startswith(query)
            else 2
            if f" {query}" in f" {n}"
            else 3
            if query in n
            else None
        )
        if rank is not None and (best is None or rank < best):
            best = rank
    return best


@router.get("/places", summary="Gazetteer places whose Arabic or English name holds q (best first)")
def places(
    request: Request, resources: ResourcesDep, q: _Q, limit: Annotated[int, Query(ge=1, le=50)] = 12
) -> list[dict[str, Any]]:
    state = request.app.state
    index = getattr(state, "place_index", None)
    if index is None:
        index = [
            (p, (_fold(p.name_ar), _fold(p.name_en), _fold(p.name_en_ascii)))
            for p in resources.gazetteer.settlements()
        ]
        state.place_index = index
    query = _fold(q)
    hits = []
    for p, names in index:
        s = _score(query, names)
        if s is not None:
            hits.append((s, -(p.population or 0), p))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [
        {
            "name_ar": p.name_ar,
            "name_en": p.name_en,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "country": p.country,
            "population": p.population,
        }
        for _, _, p in hits[:limit]
    ]


@router.get("/actors", summary="Actors whose id, English or Arabic name or alias holds q (best first)")
def actors(
    resources: ResourcesDep, q: _Q, limit: Annotated[int, Query(ge=1, le=50)] = 12
) -> list[dict[str, Any]]:
    query = _fold(q)
    hits = []
    for a in resources.actors.actors:
        names = (
            _fold(a.id),
            _fold(a.name_en),
            _fold(a.name_ar),
            *(_fold(x) for x in (*a.aliases_ar, *a.aliases_en)),
        )
        s = _score(query, names)
        if s is not None:
            hits.append((s, a.name_en, a))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [
        {"kb_id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "inter": a.inter, "country": a.country}
        for _, _, a in hits[:limit]
    ]
