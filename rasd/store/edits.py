"""What an analyst's edit may change, and to what: every editable field typed, ranged and checked.

One definition for every caller (the API, scripts, tests): a change that is not a valid value — a toll of
``"lots"`` or −5, a modality ``"nonsense"``, a time precision 999, NaN or Infinity, a date given as a
number, a type outside the ACLED taxonomy — is refused with ``ValidationError`` naming the field, and
nothing is written. Strict types: ``true`` is not ``1`` and ``12`` is not a date.

Example: ``validate_changes({"fatalities": {"best": 4}}, "ev1")`` → ``{"fatalities": {"best": 4, "min": 4,
"max": 4, "vague": False}}``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import typing
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, model_validator

from rasd.errors import ValidationError
from rasd.models import Modality

#: The largest toll an edit may record (rasd/coding/tolls.py caps extracted tolls the same way).
MAX_TOLL = 100_000
_Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]
_Note = Annotated[str, Field(max_length=5000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]
_Toll = Annotated[StrictInt, Field(ge=0, le=MAX_TOLL)]
_Coord = Annotated[float, Field(allow_inf_nan=False, strict=False)]
#: ACLED precisions 1–3 (a strict int: ``true`` is not 1, which a Literal[1, 2, 3] would let through)
_Precision = Annotated[StrictInt, Field(ge=1, le=3)]


def _iso_day(value: Any) -> Any:
    """A date only as ``YYYY-MM-DD`` text (pydantic's lax mode would read the number 12 as a timestamp)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date is a YYYY-MM-DD string")
    return value


_Day = Annotated[
    dt.date,
    BeforeValidator(_iso_day),
    Field(strict=False, ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31)),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class FatalitiesEdit(_Strict):
    best: _Toll
    min: _Toll | None = None
    max: _Toll | None = None
    vague: StrictBool = False

    @model_validator(mode="after")
    def _ordered(self) -> FatalitiesEdit:
        lo = self.best if self.min is None else self.min
        hi = self.best if self.max is None else self.max
        if not lo <= self.best <= hi:
            raise ValueError("fatalities need min <= best <= max")
        self.min, self.max = lo, hi
        return self


class ActorEdit(_Strict):
    kb_id: _Text
    name_en: _Text
    name_ar: _Text = ""
    inter: Annotated[StrictInt, Field(ge=0, le=8)] | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None


class LocationEdit(_Strict):
    name_ar: _Text
    name_en: _Text = ""
    geonameid: Annotated[StrictInt, Field(ge=0, le=2**31)] | None = None
    lat: Annotated[_Coord, Field(ge=-90, le=90)] | None = None
    lon: Annotated[_Coord, Field(ge=-180, le=180)] | None = None
    admin1: _Text | None = None
    admin2: _Text | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    geo_precision: _Precision = 1

    @model_validator(mode="after")
    def _both(self) -> LocationEdit:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


class EventChanges(_Strict):
    """The fields an edit may change (any subset); everything else about an event is the machine's record."""

    event_type: Annotated[str, Field(max_length=64)] | None = None
    sub_event_type: Annotated[str, Field(max_length=64)] | None = None
    event_date: _Day | None = None
    time_precision: _Precision | None = None
    actor1: ActorEdit | None = None
    actor2: ActorEdit | None = None
    assoc_actor1: Annotated[list[ActorEdit], Field(max_length=20)] | None = None
    assoc_actor2: Annotated[list[ActorEdit], Field(max_length=20)] | None = None
    location: LocationEdit | None = None
    geo_precision: _Precision | None = None
    fatalities: FatalitiesEdit | None = None
    civilian_targeting: StrictBool | None = None
    modality: Literal[typing.get_args(Modality)] | None = None  # type: ignore[valid-type]
    notes: _Note | None = None
    interaction: Annotated[StrictInt, Field(ge=0, le=88)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_null_for_required(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("event_type", "sub_event_type", "time_precision", "fatalities", "modality", "notes"):
                if key in data and data[key] is None:
                    raise ValueError(f"{key} cannot be null")
        return data


EDITABLE = frozenset(EventChanges.model_fields)


def validate_changes(changes: Any, source: str) -> dict[str, Any]:
    """``changes`` checked field by field, in their JSON form (only the fields given).

    Raises:
        ValidationError: not an object, an unknown or non-editable field, or a value of the wrong type or range.
    """
    if not isinstance(changes, dict):
        raise ValidationError("changes must be a JSON object", source=source, code="invalid")
    _finite(changes, source)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(
            f"fields not editable: {sorted(map(str, unknown))}", source=source, code="bad-field"
        )
    try:
        # JSON mode: a date must be an ISO string (never a number), exactly as the HTTP API receives it
        model = EventChanges.model_validate_json(json.dumps(changes, allow_nan=False))
    except pydantic.ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "changes"
        raise ValidationError(f"{where}: {first['msg']}", source=source, code="invalid") from e
    return model.model_dump(mode="json", exclude_unset=True)


def _finite(value: Any, source: str) -> None:
    """Standard JSON only: NaN and Infinity (which Python's json reads) break SQLite's JSON functions."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError("NaN and Infinity are not JSON numbers", source=source, code="invalid")
    if isinstance(value, dict):
        for v in value.values():
            _finite(v, source)
    elif isinstance(value, list):
        for v in value:
            _finite(v, source)
