"""Request and response models of the HTTP API (pydantic), kept apart from the pipeline's dataclasses."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters (all pages).")
    limit: int
    offset: int
    items: list[dict[str, Any]] = Field(description="Events in rasd's Event schema (see /api/events/{id}).")


class EventDetail(BaseModel):
    event: dict[str, Any]
    documents: list[dict[str, Any]] = Field(
        description="The source reports, with their bodies (evidence spans index them)."
    )
    merges: list[dict[str, Any]] = Field(description="Why other reports' events were merged into this one.")


class ReviewIn(BaseModel):
    action: Literal["confirm", "edit", "reject"]
    reviewer: str = Field(min_length=1, max_length=200)
    note: str = Field(default="", max_length=5000)
    changes: dict[str, Any] = Field(
        default_factory=dict, description="Edited fields (only with action=edit)."
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "action": "edit",
                    "reviewer": "analyst-1",
                    "note": "toll from the hospital",
                    "changes": {"fatalities": {"best": 4, "min": 4, "max": 4, "vague": False}},
                }
            ]
        }
    }


class DocumentIn(BaseModel):
    text: str | None = Field(
        default=None, max_length=1_000_000, description="A report as plain text or a page-text dump."
    )
    html: str | None = Field(default=None, max_length=2_000_000, description="A report as an HTML page.")
    url: str | None = Field(default=None, max_length=2000)
    published_at: dt.datetime | None = None
    outlet: str | None = Field(default=None, max_length=200)

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
