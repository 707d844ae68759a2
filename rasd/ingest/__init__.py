"""Ingest: files, directories, globs, stdin, JSONL, WARC, RSS/Atom → ``Document`` objects.

Every input yields either Documents or a ``Failure`` naming it; a batch never
stops on a bad input: typed errors become failures with their code, and any other
exception (a bug met on one hostile input) becomes an ``internal`` failure naming
the input. Gzipped inputs are inflated through a bounded stream (``gunzip.py``).
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

from rasd.errors import EmptyInputError, RasdError, TooLargeError, UnexpectedError
from rasd.ingest.containers import read_feed, read_jsonl, read_warc
from rasd.ingest.decode import decode_bytes
from rasd.ingest.document import doc_id_for, make_document
from rasd.ingest.gunzip import GZIP_MAGIC, open_bounded
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


def unexpected_failure(source: str, exc: BaseException, stage: str = "ingest") -> Failure:
    """A ``Failure`` for an exception rasd did not foresee: named, one line, the batch goes on."""
    logger.debug("%s: unexpected %s", source, exc.__class__.__name__, exc_info=exc)
    err = UnexpectedError(f"unexpected {exc.__class__.__name__}: {str(exc)[:300]}", source=source)
    return Failure(source=source, code=err.code, message=err.message, stage=stage)


def _bounded(stream: BinaryIO, name: str, settings: Settings) -> BinaryIO:
    return open_bounded(
        stream,
        name,
        max_bytes=settings.max_decompressed_bytes,
        max_ratio=settings.max_decompression_ratio,
    )


def _read_limited(stream: BinaryIO, name: str, settings: Settings) -> bytes:
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise TooLargeError(
            f"input exceeds the limit of {settings.max_input_bytes:,} bytes (max_input_bytes)", source=name
        )
    return data


def _read_one(data: bytes, kind: str, name: str, settings: Settings) -> Document:
    if kind == "html":
        from rasd.ingest.html import read_html  # trafilatura and lxml load only when HTML is read

        return read_html(decode_bytes(data, name), settings, source_uri=name)
    return read_text(decode_bytes(data, name), settings, source_uri=name)


def read_bytes(data: bytes, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Read one input given as bytes (a file's content, stdin, an upload); gzip is inflated (bounded)."""
    try:
        if data[:2] == GZIP_MAGIC:
            data = _read_limited(_bounded(io.BytesIO(data), name, settings), name, settings)
        kind = _kind(name, data[:1024])
        if kind == "jsonl":
            yield from read_jsonl(io.BytesIO(data), name, settings)
        elif kind == "warc":
            yield from read_warc(io.BytesIO(data), name, settings)
        elif kind == "feed":
            yield from read_feed(data, name, settings)
        else:
            yield _read_one(data, kind, name, settings)
    except RasdError as e:
        yield Failure(source=e.source or name, code=e.code, message=e.message)
    except Exception as e:  # one hostile input must not end the batch
        yield unexpected_failure(name, e)


def _read_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            stream: BinaryIO = f
            head = f.read(1024)
            f.seek(0)
            gz = head[:2] == GZIP_MAGIC
            if gz:
                stream = _bounded(f, name, settings)
                head = stream.peek(1024)[:1024]  # type: ignore[attr-defined]
            kind = _kind(name, head)
            if kind == "jsonl":  # streamed: the limit applies per line
                yield from read_jsonl(stream, name, settings)
                return
            if kind == "warc":
                yield from read_warc(stream, name, settings)
                return
            if not gz and size > settings.max_input_bytes:
                raise TooLargeError(
                    f"file of {size:,} bytes exceeds the limit of {settings.max_input_bytes:,} (max_input_bytes)",
                    source=name,
                )
            data = _read_limited(stream, name, settings)
    except OSError as e:
        yield Failure(source=name, code="unreadable", message=e.strerror or str(e))
        return
    except RasdError as e:
        yield Failure(source=e.source or name, code=e.code, message=e.message)
        return
    except Exception as e:  # one hostile input must not end the batch
        yield unexpected_failure(name, e)
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


def __getattr__(name: str):
    """``rasd.ingest.read_html``, imported on first use: trafilatura's import chain costs about 0.3 s of
    every start, and a run over text dumps never needs it."""
    if name == "read_html":
        from rasd.ingest.html import read_html

        return read_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
