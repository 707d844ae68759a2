"""Gold files: one JSON object a line — ``{"doc", "published_at", "events": [...]}``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import RasdError


@dataclass(frozen=True)
class GoldEvent:
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: dict | None
    event_date: dt.date | None
    time_precision: int
    fatalities: dict | None
    modality: str


@dataclass(frozen=True)
class GoldDoc:
    path: Path
    published_at: dt.datetime | None
    events: tuple[GoldEvent, ...]


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a gold JSONL file; document paths are relative to it. Raises RasdError naming ``file:line``."""
    docs = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            events = tuple(
                GoldEvent(
                    e["event_type"],
                    e["sub_event_type"],
                    e.get("actor1"),
                    e.get("actor2"),
                    e.get("location"),
                    dt.date.fromisoformat(e["event_date"]) if e.get("event_date") else None,
                    int(e.get("time_precision", 1)),
                    e.get("fatalities"),
                    e.get("modality", "reported"),
                )
                for e in obj["events"]
            )
            published = dt.datetime.fromisoformat(obj["published_at"]) if obj.get("published_at") else None
            docs.append(GoldDoc((path.parent / obj["doc"]).resolve(), published, events))
        except (KeyError, ValueError, TypeError) as e:
            raise RasdError(f"bad gold line: {e}", source=f"{path}:{lineno}", code="bad-gold") from e
    return docs
