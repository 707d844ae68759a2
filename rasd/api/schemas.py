"""Request and response models of the HTTP API (pydantic), kept apart from the pipeline's dataclasses."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rasd.store.edits import EventChanges


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters (all pages).")
    limit: int
    offset: int
    items: list[dict[str, Any]] = Field(description="Events in rasd's Event schema (see /api/events/{id}).")
    warnings: list[str] = Field(
        default=[], description="Filter values that matched nothing, one sentence each."
    )


class EventDetail(BaseModel):
    event: dict[str, Any]
    version: int = Field(description="The edit version (also the ETag): send it back in If-Match to edit.")
    documents: list[dict[str, Any]] = Field(
        description="The source reports, with their bodies (evidence spans index them)."
    )
    merges: list[dict[str, Any]] = Field(description="Why other reports' events were merged into this one.")


class ReviewIn(BaseModel):
    """A review decision. The audit records the signed-in account; the event version the edit is based on
    comes in ``If-Match`` (the ETag of ``GET /api/events/{id}``) or in ``version``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "action": "edit",
                    "note": "toll from the hospital",
                    "version": 3,
                    "changes": {"fatalities": {"best": 4, "min": 4, "max": 4, "vague": False}},
                }
            ]
        },
    )

    action: Literal["confirm", "edit", "reject"]
    note: str = Field(default="", max_length=5000)
    changes: EventChanges = Field(
        default_factory=EventChanges, description="Edited fields (only with action=edit)."
    )
    version: int | None = Field(
        default=None, ge=1, le=2**31, description="The event version edited (instead of If-Match)."
    )
    reviewer: str | None = Field(
        default=None,
        max_length=200,
        deprecated=True,
        description="Ignored: the audit records the signed-in account.",
    )


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1000)


class Me(BaseModel):
    authenticated: bool
    name: str | None = None
    role: str | None = None
    csrf: str | None = Field(default=None, description="Echo in X-CSRF-Token on every write from the page.")
    read_open: bool = Field(description="Whether reading needs no account on this server.")


class DocumentIn(BaseModel):
    text: str | None = Field(
        default=None, max_length=1_000_000, description="A report as plain text or a page-text dump."
    )
    html: str | None = Field(default=None, max_length=2_000_000, description="A report as an HTML page.")
    url: str | None = Field(default=None, max_length=2000)
    published_at: dt.datetime | None = None
    outlet: str | None = Field(default=None, max_length=200)

    @field_validator("published_at")
    @classmethod
    def _plausible(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and not 1900 <= value.year < 2200:
            raise ValueError("published_at must lie between 1900 and 2199")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if bool(self.text) == bool(self.html):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class DocumentOut(BaseModel):
    doc_id: str
    new: bool
    events_added: int
    events_merged: int
    events: list[dict[str, Any]]
