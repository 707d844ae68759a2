"""Raw page-text dumps (what "save as text" or a copy of a page gives): chrome out, metadata in.

A dump holds, in some order, widget lines (``+A``, ``حجم الخط``), a title, a
dateline (``2018.11.27 | 13:11 دمشق``), a photo caption ending in a credit
(``(أرشيف - إنترنت)``), an outlet byline (``تلفزيون سوريا - متابعات``) and the
body. Which lines are which is decided by the outlet table (data), not by code
per outlet.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from rasd.ingest.dateline import parse_dateline
from rasd.ingest.outlets import Outlet, OutletTable, any_match, load_outlets
from rasd.text import normalise

logger = logging.getLogger(__name__)

#: A title is short and does not end like a sentence of running text.
_MAX_TITLE = 220


@dataclass
class Parsed:
    body_lines: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of kept lines
    title: str | None = None
    published_at: dt.datetime | None = None
    dateline: str | None = None
    dateline_city: str | None = None
    outlet: Outlet | None = None
    section: str | None = None
    captions: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        out.append((pos, end))
        pos += len(line)
    return out


def parse_dump(
    text: str, *, default_tz: str, table: OutletTable | None = None, outlet_hint: Outlet | None = None
) -> Parsed:
    """Classify each line of a page-text dump.

    Header lines (before the first body paragraph) may be title, dateline,
    byline, caption or chrome; after the body starts only chrome and captions are
    removed, so a body sentence that merely mentions an outlet is kept.
    """
    table = table or load_outlets()
    p = Parsed(outlet=outlet_hint)
    in_body = False
    candidates: list[tuple[int, int, str]] = []  # header content lines, in order
    chrome_of, chrome = (
        p.outlet,
        table.chrome_patterns(p.outlet),
    )  # asked again when the byline names the outlet
    # each line's key (``normalise_key(raw)``) cut from one normalisation of the page: normalising line by line
    # cost twice as much, a call per line
    whole = normalise(text)
    for start, end in _lines(text):
        raw = text[start:end]
        key = " ".join(whole.slice_text(start, end).split())
        if not key:
            continue
        if in_body and table.is_tail(key):  # "اقرأ أيضا": the headlines below are other reports
            p.dropped.append(text[start:])
            break
        if chrome_of is not p.outlet:
            chrome_of, chrome = p.outlet, table.chrome_patterns(p.outlet)
        if any_match(chrome, key):
            p.dropped.append(raw)
            continue
        if not in_body:
            hit = table.match_outlet_line(raw)
            if hit and len(key) < 80:
                p.outlet, p.section = hit
                continue
            if p.published_at is None:
                tz = (p.outlet.timezone if p.outlet and p.outlet.timezone else None) or default_tz
                dl = parse_dateline(raw, default_tz=tz, city_timezones=table.city_timezones)
                if dl:
                    p.published_at, p.dateline_city = dl
                    p.dateline = raw.strip()
                    continue
        if not in_body and len(key) <= _MAX_TITLE and not key.endswith((".", "،", ":")) and p.title is None:
            candidates.append((start, end, raw))
            p.title = raw.strip()
            continue
        if table.is_caption(key) and len(key) < 300:
            p.captions.append(raw.strip())
            continue
        in_body = True
        p.body_lines.append((start, end))
    if not p.body_lines and p.title and candidates:
        # A dump with a single paragraph: it is the body, not a title.
        start, end, _ = candidates[0]
        p.body_lines.append((start, end))
        p.title = None
    return p


def body_text(text: str, lines: list[tuple[int, int]]) -> tuple[str, int | None]:
    """Join the kept lines, paragraphs separated as in the source.

    Returns the body and its offset in ``text`` when it is one contiguous run of
    the source (chrome only above it), so spans trace back to the raw file.
    """
    if not lines:
        return "", None
    first, last = lines[0][0], lines[-1][1]
    chunk = text[first:last]
    kept = {s for s, _ in lines}
    contiguous = all((s + first) in kept or not chunk[s:e].strip() for s, e in _lines(chunk))
    if contiguous:
        return chunk, first
    parts = [text[s:e] for s, e in lines]
    return "\n\n".join(parts), None
