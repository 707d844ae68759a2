"""The actor knowledge base: YAML files beside this module, validated on load.

Actors (who acts, with an ACLED inter code) and sources (who reports) are kept
apart: "according to TASS" is attribution, never a party to an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from rasd.errors import KBError
from rasd.models import ActorRef
from rasd.text import normalise_key

_INTER = range(1, 9)
_REQUIRED = ("id", "name_en", "name_ar")


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name_en: str
    name_ar: str
    inter: int | None
    type: str
    country: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    aliases_ar: tuple[str, ...] = ()
    anaphoric_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    kind: str = "actor"  # actor | source
    source_kind: str | None = None

    def ref(self) -> ActorRef:
        return ActorRef(self.id, self.name_en, self.name_ar, self.inter, self.country)

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class ActorKB:
    """All actors and sources, indexed by id."""

    def __init__(self, actors: list[Actor], sources: list[Actor]) -> None:
        self.actors = tuple(actors)
        self.sources = tuple(sources)
        self._by_id = {a.id: a for a in (*actors, *sources)}

    def get(self, actor_id: str) -> Actor:
        try:
            return self._by_id[actor_id]
        except KeyError as e:
            raise KBError(f"no actor or source with id {actor_id!r}", source="rasd/kb/actors") from e

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def ref(self, actor_id: str) -> ActorRef:
        return self.get(actor_id).ref()

    def alias_forms(self) -> Iterator[tuple[str, str, str, bool]]:
        """(normalised alias, id, "actor"|"source", anaphoric) for every Arabic name and alias."""
        for a in (*self.actors, *self.sources):
            for name in (a.name_ar, *a.aliases_ar):
                yield normalise_key(name.replace('"', " ")), a.id, a.kind, False
            for name in a.anaphoric_ar:
                yield normalise_key(name), a.id, a.kind, True


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise KBError(f"bad date {value!r}", source=where) from e


def _actor(row: dict, where: str, kind: str) -> Actor:
    for key in _REQUIRED:
        if not row.get(key):
            raise KBError(f"entry lacks {key!r}", source=where)
    where = f"{where}:{row['id']}"
    inter = row.get("inter")
    if kind == "actor" and inter not in _INTER:
        raise KBError(f"inter must be 1..8, got {inter!r}", source=where)
    return Actor(
        id=row["id"],
        name_en=row["name_en"],
        name_ar=row["name_ar"],
        inter=inter if kind == "actor" else None,
        type=row.get("type", kind),
        country=row.get("country"),
        parent=row.get("parent"),
        wikidata=row.get("wikidata"),
        aliases_ar=tuple(row.get("aliases_ar") or ()),
        anaphoric_ar=tuple(row.get("anaphoric_ar") or ()),
        aliases_en=tuple(row.get("aliases_en") or ()),
        valid_from=_date(row.get("valid_from"), where),
        valid_to=_date(row.get("valid_to"), where),
        kind=kind,
        source_kind=row.get("kind") if kind == "source" else None,
    )


@lru_cache(maxsize=1)
def load_actors() -> ActorKB:
    """Load and validate every ``*.yaml`` beside this module (cached: it is immutable package data).

    Raises:
        KBError: naming the file and entry of any invalid row, a duplicate id or a dangling parent.
    """
    actors: list[Actor] = []
    sources: list[Actor] = []
    folder = resources.files("rasd.kb.actors")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        where = f"rasd/kb/actors/{entry.name}"
        try:
            data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise KBError(f"invalid YAML: {e}", source=where) from e
        actors += [_actor(r, where, "actor") for r in data.get("actors", [])]
        sources += [_actor(r, where, "source") for r in data.get("sources", [])]
    seen: set[str] = set()
    for a in (*actors, *sources):
        if a.id in seen:
            raise KBError(f"duplicate id {a.id!r}", source="rasd/kb/actors")
        seen.add(a.id)
    for a in actors:
        if a.parent and a.parent not in seen:
            raise KBError(f"{a.id}: parent {a.parent!r} is not defined", source="rasd/kb/actors")
    return ActorKB(actors, sources)
