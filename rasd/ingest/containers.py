"""Containers of many reports: JSONL, WARC archives and RSS/Atom feeds.

Each yields a Document or a Failure per record, so one bad line or record never
costs the rest of the file. The size limit applies per record: a JSONL shard or
a WARC may legitimately be far larger than any one report.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from typing import BinaryIO

from rasd.errors import IngestError, RasdError, TooLargeError
from rasd.models import Document, Failure
from rasd.settings import Settings

logger = logging.getLogger(__name__)


def _failure(e: RasdError) -> Failure:
    return Failure(source=e.source, code=e.code, message=e.message)


def _parse_when(value, source: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as e:
        raise IngestError(f"published_at {value!r} is not an ISO date", source=source) from e
    return when


def read_jsonl(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """One report per line: ``{"text"|"html": ..., "url"?, "published_at"?, "outlet"?}``."""
    from rasd.ingest import read_html, read_text

    for lineno, raw in enumerate(stream, start=1):
        source = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            if len(raw) > settings.max_input_bytes:
                raise TooLargeError(
                    f"line of {len(raw)} bytes exceeds the limit of {settings.max_input_bytes}", source=source
                )
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise IngestError(f"malformed JSON: {e}", source=source, code="bad-json") from e
            if not isinstance(obj, dict):
                raise IngestError("a line must be a JSON object", source=source, code="bad-json")
            uri = str(obj.get("url") or source)
            when = _parse_when(obj.get("published_at"), source)
            if isinstance(obj.get("html"), str):
                doc = read_html(obj["html"], settings, source_uri=uri)
                if when:
                    doc = _with(doc, published_at=when)
            elif isinstance(obj.get("text"), str):
                doc = read_text(
                    obj["text"], settings, source_uri=uri, published_at=when, outlet=obj.get("outlet")
                )
            else:
                raise IngestError("a line needs a 'text' or 'html' string", source=source, code="bad-json")
            if obj.get("outlet") and not doc.outlet:
                doc = _with(doc, outlet=str(obj["outlet"]))
            yield doc
        except RasdError as e:
            if not e.source:
                e.source = source
            yield _failure(e)


def _with(doc: Document, **changes) -> Document:
    import dataclasses

    return dataclasses.replace(doc, **changes)


def read_warc(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """HTML response records of a WARC (gzipped or not); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    from rasd.ingest import read_html

    seen = 0
    try:
        for i, record in enumerate(ArchiveIterator(stream)):
            seen += 1
            if not record.rec_type:
                yield Failure(
                    source=f"{name}#{i}", code="bad-warc", message="malformed WARC record (no WARC-Type)"
                )
                continue
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{i}"
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=")[-1].split(";")[0].strip()
            try:
                data = record.content_stream().read(settings.max_input_bytes + 1)
                if len(data) > settings.max_input_bytes:
                    raise TooLargeError("record exceeds the size limit", source=uri)
                from rasd.ingest.decode import decode_bytes

                yield read_html(decode_bytes(data, uri, declared=charset), settings, source_uri=uri)
            except RasdError as e:
                yield _failure(e)
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError, OSError) as e:
        yield Failure(
            source=name, code="bad-warc", message=f"not a readable WARC after {seen} record(s): {e}"
        )
        return
    if seen == 0:
        yield Failure(source=name, code="bad-warc", message="no WARC records in this file")


def read_feed(data: bytes, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Items of an RSS or Atom feed; each item's full content (else summary) is a report."""
    import feedparser

    from rasd.ingest import read_html

    feed = feedparser.parse(io.BytesIO(data))
    if feed.bozo and not feed.entries:
        yield Failure(
            source=name, code="bad-feed", message=f"not a readable feed: {feed.get('bozo_exception')}"
        )
        return
    site = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        uri = entry.get("link") or f"{name}#{i}"
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        html = html or entry.get("summary", "")
        title = entry.get("title")
        page = f"<html><head><title>{_esc(title or '')}</title></head><body><article><h1>{_esc(title or '')}</h1>{html}</article></body></html>"
        try:
            doc = read_html(page, settings, source_uri=uri)
        except RasdError as e:
            yield _failure(e)
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        changes: dict = {"title": title or doc.title}
        if parsed and doc.published_at is None:
            changes["published_at"] = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
        if site and not doc.outlet_id:
            changes["outlet"] = site
        yield _with(doc, **changes)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
