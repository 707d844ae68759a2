"""Containers of many reports: JSONL, WARC archives and RSS/Atom feeds.

Each yields a Document or a Failure per record, so one bad line or record never
costs the rest of the file. The size limit applies per record: a JSONL shard or
a WARC may legitimately be far larger than any one report.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Iterator
from typing import BinaryIO

from rasd.errors import IngestError, RasdError, TooLargeError
from rasd.models import Document, Failure
from rasd.settings import Settings

logger = logging.getLogger(__name__)


def _failure(e: RasdError) -> Failure:
    return Failure(source=e.source, code=e.code, message=e.message)


#: Publication dates rasd can reason about; a year 9999 is a typo or hostile, never a report's date.
EARLIEST, LATEST = dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1)
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _parse_when(value, source: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise IngestError(
            f"published_at must be an ISO date string, not {type(value).__name__}", source=source
        )
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise IngestError(f"published_at {value[:60]!r} is not an ISO date", source=source) from e
    if not EARLIEST <= when.replace(tzinfo=None) < LATEST:
        raise IngestError(
            f"published_at {value[:60]!r} is outside 1900–2199", source=source, code="bad-field"
        )
    return when


def json_depth_exceeds(raw: bytes, limit: int) -> bool:
    """True when ``raw`` (one JSON text) nests arrays/objects deeper than ``limit``.

    Checked before parsing, so a line nested 100,000 deep is refused in milliseconds instead of recursing;
    string contents are blanked first (brackets inside strings do not nest).
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for ch in _STRINGS.sub(b'""', raw):
        if ch in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif ch in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) with lines over ``limit`` bytes given as None, never read whole into memory."""
    lineno = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, raw


def _optional_str(obj: dict, key: str, source: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise IngestError(
        f"'{key}' must be a string, not {type(value).__name__}", source=source, code="bad-field"
    )


#: The JSONL file and line of the document ``read_jsonl`` yielded last, in the reading context: a record with a
#: URL takes the URL as its ``source_uri``, and this keeps the line (``rasd extract`` reports both).
_record_origin: contextvars.ContextVar[tuple[Document, str, int] | None] = contextvars.ContextVar(
    "rasd_jsonl_record", default=None
)


def record_origin(doc: Document) -> tuple[str, int] | None:
    """(file, line) of ``doc`` if it is the JSONL record read last, else None.

    Example: the record on line 3 of ``feed.jsonl`` with ``"url": "https://…"`` → ``("feed.jsonl", 3)``, asked
    before the next record is read.
    """
    last = _record_origin.get()
    return (last[1], last[2]) if last is not None and last[0] is doc else None


def read_jsonl(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """One report per line: ``{"text"|"html": ..., "url"?, "published_at"?, "outlet"?}``.

    Every line is judged on its own: too long, nested too deep, malformed, a field of the wrong type, or any
    unexpected error gives that line a Failure (``file:line``) and the next line is read.
    """
    from rasd.ingest import read_html, read_text, unexpected_failure

    for lineno, raw in _lines(stream, settings.max_input_bytes):
        source = f"{name}:{lineno}"
        if raw is not None and not raw.strip():
            continue
        try:
            if raw is None:
                raise TooLargeError(
                    f"line exceeds the limit of {settings.max_input_bytes} bytes (max_input_bytes)",
                    source=source,
                )
            if json_depth_exceeds(raw, settings.max_json_depth):
                raise IngestError(
                    f"JSON nested deeper than {settings.max_json_depth} (max_json_depth)",
                    source=source,
                    code="bad-json",
                )
            try:
                obj = json.loads(raw)
            except (ValueError, RecursionError) as e:  # JSONDecodeError, bad UTF-8, 4,300+ digit numbers
                raise IngestError(f"malformed JSON: {str(e)[:200]}", source=source, code="bad-json") from e
            if not isinstance(obj, dict):
                raise IngestError("a line must be a JSON object", source=source, code="bad-json")
            uri = _optional_str(obj, "url", source) or source
            outlet = _optional_str(obj, "outlet", source)
            when = _parse_when(obj.get("published_at"), source)
            html, text = _optional_str(obj, "html", source), _optional_str(obj, "text", source)
            if html:
                doc = read_html(html, settings, source_uri=uri)
                if when:
                    doc = _with(doc, published_at=when)
            elif text:
                doc = read_text(text, settings, source_uri=uri, published_at=when, outlet=outlet)
            else:
                raise IngestError("a line needs a 'text' or 'html' string", source=source, code="bad-json")
            if outlet and not doc.outlet:
                doc = _with(doc, outlet=outlet)
            _record_origin.set((doc, name, lineno))
            yield doc
        except RasdError as e:
            if not e.source:
                e.source = source
            yield _failure(e)
        except Exception as e:  # one hostile line must not cost the rest of the file
            yield unexpected_failure(source, e)


def _with(doc: Document, **changes) -> Document:
    import dataclasses

    return dataclasses.replace(doc, **changes)


def read_warc(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """HTML response records of a WARC (gzipped or not); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    from rasd.ingest import read_html, unexpected_failure

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
            except Exception as e:  # one hostile record must not cost the rest of the archive
                yield unexpected_failure(uri, e)
    except RasdError as e:  # the stream itself: a gzip bomb, a truncated member
        yield Failure(source=e.source or name, code=e.code, message=f"{e.message} (after {seen} record(s))")
        return
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError, OSError) as e:
        yield Failure(
            source=name, code="bad-warc", message=f"not a readable WARC after {seen} record(s): {e}"
        )
        return
    except Exception as e:
        yield unexpected_failure(name, e)
        return
    if seen == 0:
        yield Failure(source=name, code="bad-warc", message="no WARC records in this file")


def read_feed(data: bytes, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Items of an RSS or Atom feed; each item's full content (else summary) is a report."""
    import feedparser

    from rasd.ingest import unexpected_failure

    feed = feedparser.parse(io.BytesIO(data))
    if feed.bozo and not feed.entries:
        yield Failure(
            source=name, code="bad-feed", message=f"not a readable feed: {feed.get('bozo_exception')}"
        )
        return
    site = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        uri = str(entry.get("link") or f"{name}#{i}")
        try:
            yield _feed_entry(entry, uri, site, settings)
        except RasdError as e:
            yield _failure(e)
        except Exception as e:  # one hostile item must not cost the rest of the feed
            yield unexpected_failure(uri, e)


def _feed_entry(entry, uri: str, site: str | None, settings: Settings) -> Document:
    from rasd.ingest import read_html

    html = ""
    if entry.get("content"):
        html = entry.content[0].get("value", "")
    html = html or entry.get("summary", "")
    title = entry.get("title")
    page = f"<html><head><title>{_esc(title or '')}</title></head><body><article><h1>{_esc(title or '')}</h1>{html}</article></body></html>"
    doc = read_html(page, settings, source_uri=uri)
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    changes: dict = {"title": title or doc.title}
    if parsed and doc.published_at is None:
        when = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
        if EARLIEST.year <= when.year < LATEST.year:
            changes["published_at"] = when
    if site and not doc.outlet_id:
        changes["outlet"] = site
    return _with(doc, **changes)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
