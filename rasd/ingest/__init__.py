"""Ingest: files, directories, globs, stdin, JSONL, WARC, RSS/Atom → ``Document`` objects.

Every input yields either Documents or a ``Failure`` naming it; a batch never
stops on a bad input.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from rasd.errors import EmptyInputError, RasdError, TooLargeError
from rasd.ingest.containers import read_feed, read_jsonl, read_warc
from rasd.ingest.decode import decode_bytes
from rasd.ingest.document import doc_id_for, make_document
from rasd.ingest.html import read_html
from rasd.ingest.outlets import load_outlets
from rasd.ingest.textdump import body_text, parse_dump
from rasd.models import Document, Failure
from rasd.settings import Settings

__all__ = ["doc_id_for", "read", "read_bytes", "read_html", "read_text"]

logger = logging.getLogger(__name__)

_TEXT_EXT = {".txt", ".text", ".md"}
_HTML_EXT = {".html", ".htm", ".xhtml", ".php", ".asp", ".aspx"}
_JSONL_EXT = {".jsonl", ".ndjson", ".json"}
_FEED_EXT = {".rss", ".atom", ".xml"}


def read_text(
    text: str,
    settings: Settings,
    *,
    source_uri: str = "",
    published_at: dt.datetime | None = None,
    outlet: str | None = None,
) -> Document:
    """A page-text dump or a plain report given as a string.

    Example: ``read_text("icon\\nعنوان\\n2018.11.27 | 13:11 دمشق\\n\\nذكرت شبكات…", s).published_at``
    → 2018-11-27 13:11+02:00.

    Raises:
        EmptyInputError: nothing but chrome.
    """
    source = source_uri or "<text>"
    table = load_outlets()
    hint = table.by_name(outlet) if outlet else None
    parsed = parse_dump(text, default_tz=settings.default_timezone, table=table, outlet_hint=hint)
    body, offset = body_text(text, parsed.body_lines)
    if not body.strip():
        raise EmptyInputError("no report text once page chrome is removed", source=source)
    out = parsed.outlet or hint
    return make_document(
        body,
        settings,
        source=source,
        title=parsed.title,
        outlet=out.name_en if out else outlet,
        outlet_id=out.id if out else None,
        section=parsed.section,
        published_at=published_at or parsed.published_at,
        dateline=parsed.dateline,
        dateline_city=parsed.dateline_city,
        captions=tuple(parsed.captions),
        source_offset=offset,
    )


def _kind(name: str, head: bytes) -> str:
    lower = name.lower()
    suffix = Path(lower.removesuffix(".gz")).suffix
    if ".warc" in lower or head.startswith(b"WARC/"):
        return "warc"
    if suffix in _JSONL_EXT:
        return "jsonl"
    if suffix in _FEED_EXT:
        return "feed"
    if suffix in _HTML_EXT:
        return "html"
    if suffix in _TEXT_EXT:
        return "text"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if head[:2] == b"\x1f\x8b":
        return "warc"
    if sniff.startswith(b"{"):
        return "jsonl"
    if b"<rss" in sniff or b"<feed" in sniff or b"<rdf:rdf" in sniff:
        return "feed"
    if sniff.startswith(b"<"):
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Read one input given as bytes (a file's content, stdin, an upload)."""
    try:
        kind = _kind(name, data[:1024])
        if kind == "jsonl":
            yield from read_jsonl(io.BytesIO(data), name, settings)
        elif kind == "warc":
            yield from read_warc(io.BytesIO(data), name, settings)
        elif kind == "feed":
            yield from read_feed(data, name, settings)
        elif kind == "html":
            yield read_html(decode_bytes(data, name), settings, source_uri=name)
        else:
            yield read_text(decode_bytes(data, name), settings, source_uri=name)
    except RasdError as e:
        yield Failure(source=e.source or name, code=e.code, message=e.message)


def _read_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1024)
            kind = _kind(name, head)
            f.seek(0)
            if kind == "jsonl":  # streamed: the limit applies per line
                yield from read_jsonl(f, name, settings)
                return
            if kind == "warc":
                yield from read_warc(f, name, settings)
                return
            if size > settings.max_input_bytes:
                raise TooLargeError(
                    f"file of {size:,} bytes exceeds the limit of {settings.max_input_bytes:,} (max_input_bytes)",
                    source=name,
                )
            data = f.read()
    except OSError as e:
        yield Failure(source=name, code="unreadable", message=e.strerror or str(e))
        return
    except RasdError as e:
        yield Failure(source=e.source or name, code=e.code, message=e.message)
        return
    yield from read_bytes(data, name, settings)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for p in paths:
        s = str(p)
        if s == "-":
            yield "-"
            continue
        path = Path(s)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        elif path.exists():
            yield path
        elif any(c in s for c in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield Path(s)  # reported as missing
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


def read(
    paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Document | Failure]:
    """Every report in ``paths`` (files, directories, globs, ``-`` for stdin), in order.

    Yields a ``Failure`` (naming the input and the reason) for each input or
    record that cannot be read, and goes on.
    """
    for item in _expand(paths):
        if item == "-":
            if stdin is None:
                yield Failure(source="<stdin>", code="no-stdin", message="'-' given but no standard input")
                continue
            data = stdin.read(settings.max_input_bytes + 1)
            if len(data) > settings.max_input_bytes:
                yield Failure(
                    source="<stdin>", code="too-large", message="standard input exceeds the size limit"
                )
                continue
            yield from read_bytes(data, "<stdin>", settings)
        else:
            yield from _read_file(item, settings)
