"""Plain, frozen data classes passed between pipeline stages.

Every stage takes these and returns new ones (``dataclasses.replace``); nothing is
mutated in place, so a stage can be run, cached or parallelised on its own.
Every extracted value keeps ``(start, end)`` character offsets into
``Document.body`` — the original text with page chrome removed — so an analyst can
always see the words a field came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")

MentionKind = Literal["actor", "place", "person", "org", "number", "date", "quantity", "source"]
Modality = Literal["reported", "claimed", "denied", "failed", "planned", "ongoing", "conditional"]
Status = Literal["machine", "confirmed", "edited", "rejected"]

#: ACLED time precision: 1 the day is known, 2 the week, 3 only the month.
TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
#: ACLED geo precision: 1 the place itself, 2 near it or part of it, 3 only the region.
GEO_PRECISION = {1: "place", 2: "near", 3: "region"}


def _to_jsonable(value: Any) -> Any:
    """The JSON form of a value: dataclasses as dicts, dates as ISO strings, tuples as lists.

    Dispatched on the exact type first (str, numbers, None are most values), with each dataclass's field names
    cached: storing a report turns some forty objects into JSON, and the generic checks were a third of it."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _dataclass_fields(kind)
    if names is not None:
        return {name: _to_jsonable(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_jsonable(v) for k, v in value.items()}
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type), in declaration order."""
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


def _from_jsonable(tp: Any, value: Any) -> Any:
    """Rebuild a value of annotated type ``tp`` from its JSON form."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_jsonable(args[0], value) if len(args) == 1 else value
    if origin is Literal:
        return value
    if origin is tuple:
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return tuple(_from_jsonable(inner, v) for v in value)
    if origin is dict:
        _, vt = typing.get_args(tp) or (Any, Any)
        return {k: _from_jsonable(vt, v) for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _build(tp, value)
    if tp is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if tp is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of a dataclass's fields: resolving the string annotations is the costly part of
    ``from_dict`` (milliseconds per Event), so it is done once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _build(cls: type[T], data: dict[str, Any]) -> T:
    kwargs = {name: _from_jsonable(tp, data[name]) for name, tp in _field_types(cls) if name in data}
    return cls(**kwargs)


class _Serialisable:
    """``to_dict``/``from_dict`` for JSON, JSONL and the store."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _build(cls, data)


@dataclass(frozen=True, slots=True)
class Document(_Serialisable):
    """One report, as read from a file, feed, archive or API call.

    ``body`` is the original text with page chrome removed; every span in rasd
    points into it. ``doc_id`` is the sha256 of the normalised body, so the same
    report ingested twice (or syndicated verbatim) is one row.
    """

    doc_id: str
    body: str
    source_uri: str = ""
    outlet: str | None = None
    outlet_id: str | None = None
    section: str | None = None
    title: str | None = None
    published_at: dt.datetime | None = None
    dateline: str | None = None
    dateline_city: str | None = None
    captions: tuple[str, ...] = ()
    lang: str = "ar"
    ingested_at: dt.datetime | None = None
    #: Offset of ``body`` inside the decoded source text when the body is one
    #: contiguous run of it, so spans can be traced back to the raw file.
    source_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Mention(_Serialisable):
    """A span of ``Document.body`` recognised as something (actor, place, date…)."""

    kind: str
    start: int
    end: int
    surface: str
    normalised: str = ""
    kb_id: str | None = None
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class ActorRef(_Serialisable):
    """An actor as an event carries it: knowledge-base id, names and ACLED inter code."""

    kb_id: str
    name_en: str
    name_ar: str = ""
    inter: int | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Place(_Serialisable):
    """A toponym mention resolved against the gazetteer.

    ``geo_precision`` follows ACLED: 1 the place itself, 2 near it or part of it
    (``شرق دير الزور``), 3 only the region. ``is_feature`` marks rivers, deserts
    and the like, which may anchor a location but are never one themselves.
    """

    name_ar: str
    name_en: str = ""
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    population: int | None = None
    geo_precision: int = 1
    is_feature: bool = False
    start: int | None = None
    end: int | None = None
    score: float = 1.0
    source: str = "geonames"
    #: The name as the report writes it (``بريف حماة`` → ``حماة``), beside the canonical ``name_ar``.
    name_as_written: str = ""
    #: Plain ASCII English name (``Al Hawijah`` for GeoNames' ``Al Ḩawījah``), searchable by analysts.
    name_en_ascii: str = ""
    #: For a place located through a containing one (an unknown village at its countryside): that parent.
    parent_name: str = ""
    parent_geonameid: int | None = None
    #: How the place was decided: ``gazetteer`` (a known place), ``unknown-at-parent`` (a name the gazetteer
    #: lacks, introduced by a place cue, located at its parent), ``hierarchy`` (an administrative unit or
    #: village of a national hierarchy, located at its district seat), ``capital`` ("العاصمة" with no name: the
    #: national capital of the country the text gives).
    decision: str = ""
    #: Why, in one plain phrase (the cue word, the country support, the candidates beaten).
    reason: str = ""
    #: The word(s) before the name that made it a place (``قرية``، ``في``، ``ريف``), as written.
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Fatalities(_Serialisable):
    """Reported deaths. ``best`` is the lowest credible figure (ACLED convention);
    ``vague`` is true when the text only gives a quantifier such as ``عشرات``."""

    best: int = 0
    min: int | None = None
    max: int | None = None
    vague: bool = False


@dataclass(frozen=True, slots=True)
class SourceRef(_Serialisable):
    """One link in the attribution chain: the outlet, then whom it cites."""

    name: str
    kb_id: str | None = None
    kind: str = "source"  # outlet, network, page, agency, activists, official, monitor…
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence(_Serialisable):
    """The span of a document that supports one field of an event."""

    field: str
    start: int
    end: int
    doc_id: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Event(_Serialisable):
    """One happening in the ACLED taxonomy, with the evidence for every field."""

    event_id: str
    doc_ids: tuple[str, ...]
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    time_precision: int = 1
    actor1: ActorRef | None = None
    assoc_actor1: tuple[ActorRef, ...] = ()
    actor2: ActorRef | None = None
    assoc_actor2: tuple[ActorRef, ...] = ()
    interaction: int | None = None
    civilian_targeting: bool = False
    location: Place | None = None
    geo_precision: int | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    modality: str = "reported"
    attribution: tuple[SourceRef, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    notes: str = ""
    status: str = "machine"
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Failure(_Serialisable):
    """A document or input that could not be processed, and why; batches go on."""

    source: str
    code: str
    message: str
    stage: str = "ingest"
