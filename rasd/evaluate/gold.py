"""Gold files: one JSON object a line — ``{"doc", "published_at", "events": [...]}``.

Two kinds of line share the format. The in-house set names a text file beside it (``doc``). The real-text
corpus also gives the text's ``sha256`` (the text itself stays in a git-ignored cache, see
``docs/annotation.md``), its ``url`` and ``country``; a cached text whose hash differs is refused, so a score is
never computed on a text other than the one annotated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
    doc_id: str = ""  # the annotation's id, or the file name
    country: str | None = None
    sha256: str | None = None
    url: str | None = None
    no_event_kind: str | None = None


def _event(e: dict) -> GoldEvent:
    return GoldEvent(
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


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a gold JSONL file; document paths are relative to it. Raises RasdError naming ``file:line``."""
    docs = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            published = dt.datetime.fromisoformat(obj["published_at"]) if obj.get("published_at") else None
            doc_path = (path.parent / obj["doc"]).resolve()
            docs.append(
                GoldDoc(
                    doc_path,
                    published,
                    tuple(_event(e) for e in obj["events"]),
                    obj.get("id") or doc_path.name,
                    obj.get("country"),
                    obj.get("sha256"),
                    obj.get("url"),
                    obj.get("no_event_kind"),
                )
            )
        except (KeyError, ValueError, TypeError) as e:
            raise RasdError(f"bad gold line: {e}", source=f"{path}:{lineno}", code="bad-gold") from e
    return docs


def read_gold_text(doc: GoldDoc) -> str:
    """The annotated text, checked against its hash when the annotation gives one.

    Raises:
        RasdError: the cached text is missing (re-create the cache, ``docs/annotation.md``) or differs.
    """
    try:
        text = doc.path.read_text(encoding="utf-8")
    except OSError as e:
        raise RasdError(f"text not readable ({e.strerror})", source=str(doc.path), code="gold-text") from e
    if doc.sha256 and hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.sha256:
        raise RasdError(
            "cached text does not match the annotation's sha256", source=str(doc.path), code="gold-hash"
        )
    return text
