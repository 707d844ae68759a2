"""HTML pages: trafilatura for title and main text, rasd for Arabic dates and chrome.

trafilatura reads Arabic pages well but misreads Arabic dates (it prefers a
copyright year over ``٢٧ كانون الأول``), so dates come first from the page's
machine-readable metadata, then from an Arabic dateline in the text, and only
then from trafilatura. When trafilatura finds no main text (tiny or truncated
pages), a plain lxml text extraction is used instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import lxml.html
import trafilatura

from rasd.errors import EmptyInputError, IngestError, TooLargeError
from rasd.ingest.dateline import parse_dateline
from rasd.ingest.outlets import Outlet, load_outlets
from rasd.ingest.textdump import body_text, parse_dump
from rasd.models import Document
from rasd.settings import Settings

logger = logging.getLogger(__name__)

#: control characters XML cannot hold (all C0 but tab, newline and carriage return), mapped to spaces
_XML_INCOMPATIBLE = {c: " " for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


def _meta_date(tree) -> dt.datetime | None:
    for el in tree.iter("meta", "time"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip()
        value = el.get("content") if el.tag == "meta" else el.get("datetime")
        if el.tag == "time" and value:
            name = "datePublished"
        if name in _DATE_META and value:
            try:
                when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            return when
    return None


def _plain_text(tree) -> tuple[str | None, str]:
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    title = tree.findtext(".//title") or None
    blocks = []
    for el in tree.iter("h1", "h2", "h3", "p", "li", "blockquote", "figcaption", "div"):
        if el.tag == "div" and any(child.tag in ("p", "div") for child in el):
            continue
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    return title, "\n\n".join(dict.fromkeys(blocks))


#: A page's visible text may exceed the body limit this many times (menus, related links, comments) before
#: it is refused unread: main-text extraction costs seconds per megabyte, and no report is that long.
_PAGE_TEXT_FACTOR = 4


def _check_text_size(tree, settings: Settings, source: str) -> None:
    """Refuse a page whose text (scripts and styles aside) is far beyond any report, before extraction.

    Raises:
        TooLargeError: more than ``_PAGE_TEXT_FACTOR × max_body_chars`` characters of text.
    """
    limit = _PAGE_TEXT_FACTOR * settings.max_body_chars
    total = len(tree.text_content())
    if total <= limit:
        return
    total -= sum(len(el.text_content()) for el in tree.iter("script", "style"))
    if total > limit:
        raise TooLargeError(
            f"page of {total:,} characters of text exceeds {limit:,} ({_PAGE_TEXT_FACTOR} × max_body_chars)",
            source=source,
        )


def _outlet_for(url: str, sitename: str | None) -> Outlet | None:
    table = load_outlets()
    host = urlparse(url).hostname if url else None
    return (table.by_domain(host) if host else None) or (table.by_name(sitename) if sitename else None)


def read_html(html: str | bytes, settings: Settings, *, source_uri: str = "") -> Document:
    """Read one HTML page into a Document.

    Raises:
        EmptyInputError: the page has no report text.
        IngestError: the markup cannot be parsed at all.
    """
    from rasd.ingest.document import make_document

    source = source_uri or "<html>"
    if isinstance(html, bytes):
        from rasd.ingest.decode import decode_bytes

        html = decode_bytes(html, source)
    if not html.strip():
        raise EmptyInputError("empty HTML", source=source)
    # lxml refuses text with C0 control characters (a stray backspace in a page): they are no text, make them spaces
    html = html.translate(_XML_INCOMPATIBLE)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise IngestError(f"unparseable HTML: {e}", source=source) from e
    _check_text_size(tree, settings, source)
    captions = [" ".join(c.text_content().split()) for c in tree.iter("figcaption")]
    published = _meta_date(tree)
    # Hand trafilatura the tree already parsed (it cleans it in place; metadata was read above).
    extracted = trafilatura.bare_extraction(
        tree, url=source_uri or None, with_metadata=True, include_comments=False, include_tables=False
    )
    title = getattr(extracted, "title", None) if extracted else None
    text = getattr(extracted, "text", None) if extracted else None
    sitename = getattr(extracted, "sitename", None) if extracted else None
    url = source_uri or (getattr(extracted, "url", None) if extracted else "") or ""
    if not text or not text.strip():
        logger.info("%s: trafilatura found no main text; using plain extraction", source)
        plain_title, text = _plain_text(lxml.html.document_fromstring(html))
        title = title or plain_title
    outlet = _outlet_for(url, sitename)
    tz = (outlet.timezone if outlet and outlet.timezone else None) or settings.default_timezone
    # The extracted text may still carry widget lines, a dateline or a caption: clean it as a dump.
    parsed = parse_dump(text, default_tz=tz, outlet_hint=outlet)
    lines = parsed.body_lines
    if parsed.title and title and parsed.title != title:
        # parse_dump took the first paragraph for a title; the page's own title wins, keep the paragraph.
        lines = sorted(lines + [(text.index(parsed.title), text.index(parsed.title) + len(parsed.title))])
    body, _ = body_text(text, lines)
    body = "\n".join(line for line in body.splitlines() if line.strip() not in captions) if captions else body
    if published is None and parsed.published_at:
        published = parsed.published_at
    if published is None:
        for line in [title or ""] + text.splitlines()[:5]:
            dl = parse_dateline(line, default_tz=tz)
            if dl:
                published = dl[0]
                break
    if published is None and extracted is not None and getattr(extracted, "date", None):
        with contextlib.suppress(ValueError):
            published = dt.datetime.fromisoformat(extracted.date).replace(tzinfo=ZoneInfo(tz))
    return make_document(
        body,
        settings,
        source=source,
        title=(title or parsed.title or None),
        outlet=outlet.name_en if outlet else (sitename or (urlparse(url).hostname if url else None)),
        outlet_id=outlet.id if outlet else None,
        section=parsed.section,
        published_at=published,
        dateline=parsed.dateline,
        dateline_city=parsed.dateline_city,
        captions=tuple(captions + parsed.captions),
    )
