"""Listing a source's items: feed entries, a page, a sitemap's URLs, a folder's files.

Each poller returns ``Items`` — a key (URL or path), a content hash and an async ``load``
that yields the item's reports — plus a ``commit`` to run once every item is handled: HTTP
validators are saved only then, so a crash between fetching and storing never turns the next
poll into a 304 that hides unprocessed items.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import json
import logging
import os
import re
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from rasd.errors import RasdError
from rasd.models import Document, Failure
from rasd.settings import Settings
from rasd.watch import state
from rasd.watch.config import SourceSpec, WatchOptions
from rasd.watch.fetch import Fetched, Fetcher, FetchError

logger = logging.getLogger(__name__)

Loaded = list[Document | Failure]
_TEMP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", "~", ".swp")
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Item:
    key: str
    content_hash: str
    load: Callable[[], Awaitable[Loaded]]
    published: dt.datetime | None = None
    #: what to fall back to when ``load`` keeps failing (an rss item's own summary when its page will not come)
    fallback: Callable[[], Awaitable[Loaded]] | None = None


@dataclass
class Listing:
    items: list[Item] = field(default_factory=list)
    commit: Callable[[], None] = lambda: None
    not_modified: bool = False


@dataclass
class Context:
    """What pollers share: the fetcher, the store's engine (validators), settings and options."""

    fetcher: Fetcher
    engine: object
    settings: Settings
    options: WatchOptions
    folder_signatures: dict[str, tuple[int, int, str]] = field(default_factory=dict)

    async def get(self, url: str, spec: SourceSpec, *, conditional: bool = True) -> Fetched:
        etag, modified = state.validators(self.engine, url) if conditional else (None, None)
        return await self.fetcher.get(url, etag=etag, last_modified=modified, timeout=spec.timeout)

    def saver(self, fetched: Fetched) -> Callable[[], None]:
        def commit() -> None:
            if fetched.etag or fetched.last_modified:
                state.save_validators(self.engine, fetched.url, fetched.etag, fetched.last_modified)

        return commit


def _sha(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def _with_defaults(
    doc: Document, spec: SourceSpec, published: dt.datetime | None, title: str | None
) -> Document:
    changes: dict = {}
    if spec.outlet and not doc.outlet:
        changes["outlet"] = spec.outlet
    if published and doc.published_at is None:
        changes["published_at"] = published
    if title and not doc.title:
        changes["title"] = title
    return dataclasses.replace(doc, **changes) if changes else doc


async def list_items(spec: SourceSpec, ctx: Context) -> Listing:
    """The items ``spec`` offers now. Raises FetchError when the source itself cannot be read."""
    poller = {"rss": _rss, "page": _page, "sitemap": _sitemap, "folder": _folder}[spec.kind]
    return await poller(spec, ctx)


# rss / atom --------------------------------------------------------------------------------------
async def _rss(spec: SourceSpec, ctx: Context) -> Listing:
    import feedparser

    from rasd.ingest.containers import read_feed

    fetched = await ctx.get(spec.url, spec)
    if fetched.not_modified:
        return Listing(not_modified=True)
    feed = feedparser.parse(fetched.body)
    if feed.bozo and not feed.entries:
        raise FetchError(
            f"not a readable feed: {feed.get('bozo_exception')}", source=spec.url, code="bad-feed"
        )
    body = fetched.body
    cache: dict[str, list[Document | Failure]] = {}

    def feed_docs() -> list[Document | Failure]:
        if "all" not in cache:  # rasd's own feed reader, once per poll and only when an entry needs it
            cache["all"] = list(read_feed(body, spec.url, ctx.settings))
        return cache["all"]

    items = []
    for i, entry in enumerate(feed.entries):
        with warnings.catch_warnings():  # feedparser warns when "updated" falls back to "published"
            warnings.simplefilter("ignore", DeprecationWarning)
            updated = entry.get("updated")
        link = entry.get("link")
        key = link or entry.get("id") or f"{spec.url}#{i}"
        content = entry.content[0].get("value", "") if entry.get("content") else ""
        summary = entry.get("summary", "")
        title = entry.get("title")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.datetime(*parsed[:6], tzinfo=dt.UTC) if parsed else None
        content_len = len(_TAGS.sub(" ", content).strip())
        summary_len = len(_TAGS.sub(" ", summary).strip())
        full = content_len > summary_len or (content_len or summary_len) >= ctx.options.min_summary_chars
        need_page = bool(link) and (spec.pages == "always" or (spec.pages == "auto" and not full))

        async def from_feed(i: int = i, published=published, title=title) -> Loaded:
            docs = feed_docs()
            got = docs[i] if i < len(docs) else None
            if isinstance(got, Document):
                return [_with_defaults(got, spec, published, title)]
            return [got] if got else []

        async def from_page(link: str = link, published=published, title=title) -> Loaded:
            return await _load_page(link, spec, ctx, published, title)

        items.append(
            Item(
                key=key,
                content_hash=_sha(link, title, summary, content, updated),
                load=from_page if need_page else from_feed,
                published=published,
                fallback=from_feed if need_page else None,
            )
        )
    return Listing(items=items, commit=ctx.saver(fetched))


async def _load_page(
    url: str, spec: SourceSpec, ctx: Context, published: dt.datetime | None = None, title: str | None = None
) -> Loaded:
    """A linked page as a report. Unconditional: the item is new or changed, and a 304 here could hide
    a page whose earlier read was never stored."""
    from rasd.ingest import read_html
    from rasd.ingest.decode import decode_bytes

    fetched = await ctx.get(url, spec, conditional=False)
    try:
        doc = await asyncio.to_thread(
            lambda: read_html(
                decode_bytes(fetched.body, url, _charset(fetched.content_type)), ctx.settings, source_uri=url
            )
        )
    except RasdError as e:
        return [Failure(source=e.source or url, code=e.code, message=e.message, stage="watch")]
    return [_with_defaults(doc, spec, published, title)]


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    return m.group(1) if m else None


# a page ------------------------------------------------------------------------------------------
async def _page(spec: SourceSpec, ctx: Context) -> Listing:
    from rasd.ingest import read_html
    from rasd.ingest.decode import decode_bytes

    fetched = await ctx.get(spec.url, spec)
    if fetched.not_modified:
        return Listing(not_modified=True)

    async def load() -> Loaded:
        try:
            text = decode_bytes(fetched.body, spec.url, _charset(fetched.content_type))
            doc = await asyncio.to_thread(read_html, text, ctx.settings, source_uri=spec.url)
        except RasdError as e:
            return [Failure(source=e.source or spec.url, code=e.code, message=e.message, stage="watch")]
        return [_with_defaults(doc, spec, None, None)]

    item = Item(key=spec.url, content_hash=hashlib.sha256(fetched.body).hexdigest(), load=load)
    return Listing(items=[item], commit=ctx.saver(fetched))


# a sitemap ---------------------------------------------------------------------------------------
async def _sitemap(spec: SourceSpec, ctx: Context) -> Listing:
    fetched = await ctx.get(spec.url, spec)
    if fetched.not_modified:
        return Listing(not_modified=True)
    urls, children = _parse_sitemap(fetched.body, spec.url)
    commits = [ctx.saver(fetched)]
    for child in children[:20]:  # a sitemap index: its sitemaps, bounded
        sub = await ctx.get(child, spec)
        if sub.not_modified:
            continue
        more, _ = _parse_sitemap(sub.body, child)
        urls += more
        commits.append(ctx.saver(sub))
    urls.sort(key=lambda u: u[1] or "", reverse=True)  # newest first when lastmod is given
    items = []
    for loc, lastmod in urls:

        async def load(loc: str = loc) -> Loaded:
            return await _load_page(loc, spec, ctx)

        published = _parse_lastmod(lastmod)
        items.append(Item(key=loc, content_hash=_sha(loc, lastmod), load=load, published=published))

    def commit() -> None:
        for c in commits:
            c()

    return Listing(items=items, commit=commit)


def _parse_sitemap(data: bytes, url: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(page URLs with lastmod, child sitemap URLs) of a sitemap or sitemap index."""
    from lxml import etree

    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        )
    except etree.XMLSyntaxError as e:
        raise FetchError(f"not a readable sitemap: {e}", source=url, code="bad-sitemap") from e
    tag = etree.QName(root).localname
    if tag not in ("urlset", "sitemapindex"):
        raise FetchError(f"not a sitemap (root element <{tag}>)", source=url, code="bad-sitemap")
    out: list[tuple[str, str | None]] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = lastmod = None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip() or None
        if loc and loc.startswith(("http://", "https://")):
            out.append((loc, lastmod))
    if tag == "sitemapindex":
        return [], [u for u, _ in out]
    return out, []


def _parse_lastmod(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


# a folder ----------------------------------------------------------------------------------------
async def _folder(spec: SourceSpec, ctx: Context) -> Listing:
    return await asyncio.to_thread(_folder_sync, spec, ctx)


def _folder_sync(spec: SourceSpec, ctx: Context) -> Listing:
    from rasd.ingest import read

    root = Path(spec.path).expanduser()
    if not root.is_dir():
        raise FetchError("the folder does not exist or is not a folder", source=str(root), code="no-folder")
    now = dt.datetime.now(dt.UTC).timestamp()
    items = []
    walker = os.walk(root) if spec.recursive else [(str(root), [], os.listdir(root))]
    for dirpath, dirs, files in walker:
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if (
                fname.startswith(".")
                or fname.endswith(_TEMP_SUFFIXES)
                or not fnmatch.fnmatch(fname, spec.pattern)
            ):
                continue
            path = Path(dirpath) / fname
            try:
                st = path.stat()
            except OSError:
                continue  # removed while listing
            if not path.is_file() or now - st.st_mtime < spec.settle:
                continue  # still being written: next poll
            key = str(path)
            sig = ctx.folder_signatures.get(key)
            if sig and sig[:2] == (st.st_size, st.st_mtime_ns):
                digest = sig[2]
            else:
                try:
                    digest = _file_hash(path, ctx.settings.max_input_bytes)
                except OSError:
                    continue
                ctx.folder_signatures[key] = (st.st_size, st.st_mtime_ns, digest)

            async def load(path: Path = path) -> Loaded:
                return await asyncio.to_thread(lambda: list(read([path], ctx.settings)))

            items.append(
                Item(
                    key=key,
                    content_hash=digest,
                    load=load,
                    published=dt.datetime.fromtimestamp(st.st_mtime, dt.UTC),
                )
            )
    return Listing(items=items)


def _file_hash(path: Path, limit: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        read = 0
        while chunk := f.read(1 << 20):
            h.update(chunk)
            read += len(chunk)
            if read > limit:
                break
    return h.hexdigest()
