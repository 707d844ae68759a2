"""Polite HTTP: conditional requests, timeouts, a per-host pace, robots.txt and a User-Agent naming rasd.

One ``Fetcher`` (one ``httpx.AsyncClient``) serves every source, so the per-host pace holds
across sources that share a site. Failures become ``FetchError`` naming the URL; a
``Retry-After`` from a 429/503 is kept so the source's backoff can honour it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import urllib.robotparser
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from rasd import __version__
from rasd.errors import RasdError

logger = logging.getLogger(__name__)


class FetchError(RasdError):
    """A URL could not be fetched (network error, timeout, HTTP error status, too large, disallowed)."""

    code = "fetch"

    def __init__(
        self, message: str, source: str = "", code: str | None = None, retry_after: float | None = None
    ):
        super().__init__(message, source=source, code=code)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent(contact: str = "") -> str:
    """``rasd/0.1.0 (+https://… or address; conflict event monitor)``: says who is asking and how to reach them."""
    who = f"; +{contact}" if contact else ""
    return f"rasd/{__version__} (Arabic conflict-event monitor{who})"


class Fetcher:
    """GETs with ETag/Last-Modified, a size cap, a per-host minimum interval and robots.txt."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        per_host_interval: float = 1.0,
        max_bytes: int = 32 * 1024 * 1024,
        contact: str = "",
        robots: bool = True,
    ) -> None:
        self.ua = user_agent(contact)
        self.timeout = timeout
        self.per_host_interval = per_host_interval
        self.max_bytes = max_bytes
        self.robots = robots
        self.client = httpx.AsyncClient(
            headers={"User-Agent": self.ua, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=True,
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
            trust_env=False,
        )
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._host_last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self.requests = 0

    async def close(self) -> None:
        await self.client.aclose()

    async def _pace(self, host: str) -> None:
        """Wait until ``per_host_interval`` has passed since the last request to ``host`` began and since the one
        before it ended (``_finished``): a slow answer pushes the next request back, so the host sees them apart
        however long each took to reach it."""
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:
            while (wait := self._host_last.get(host, 0.0) + self.per_host_interval - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            self._host_last[host] = time.monotonic()

    def _finished(self, host: str) -> None:
        self._host_last[host] = max(self._host_last.get(host, 0.0), time.monotonic())

    async def allowed(self, url: str) -> bool:
        """robots.txt says rasd may fetch ``url`` (read once a day per host; unreachable means allowed)."""
        if not self.robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(base)
        if cached is None or time.monotonic() - cached[0] > 86400:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                await self._pace(parts.netloc)
                r = await self.client.get(base + "/robots.txt", timeout=min(self.timeout, 10.0))
                self.requests += 1
                if r.status_code == 200 and len(r.content) < 512 * 1024:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(r.text.splitlines())
            except httpx.HTTPError:
                parser = None
            self._robots[base] = cached = (time.monotonic(), parser)
        parser = cached[1]
        return parser is None or parser.can_fetch(self.ua, url)

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        timeout: float | None = None,
    ) -> Fetched:
        """GET ``url`` conditionally; 304 comes back as ``Fetched(status=304, body=b"")``.

        Raises:
            FetchError: timeout, connection failure, an HTTP error status, a body over the size cap,
                or a URL robots.txt disallows.
        """
        if not await self.allowed(url):
            raise FetchError("robots.txt disallows this URL for rasd", source=url, code="robots")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc
        await self._pace(host)
        t = timeout or self.timeout
        try:
            async with asyncio.timeout(t * 2):  # a server trickling bytes cannot hold a source forever
                async with self.client.stream("GET", url, headers=headers, timeout=httpx.Timeout(t)) as r:
                    self.requests += 1
                    if r.status_code == 304:
                        return Fetched(str(r.url), 304, b"", etag, last_modified, "")
                    if r.status_code >= 400:
                        raise FetchError(
                            f"HTTP {r.status_code} {r.reason_phrase}",
                            source=url,
                            code=f"http-{r.status_code}",
                            retry_after=_retry_after(r.headers.get("Retry-After")),
                        )
                    declared = r.headers.get("Content-Length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise FetchError(
                            f"{int(declared):,} bytes exceeds the limit", source=url, code="too-large"
                        )
                    chunks, size = [], 0
                    async for chunk in r.aiter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise FetchError(
                                f"more than {self.max_bytes:,} bytes", source=url, code="too-large"
                            )
                        chunks.append(chunk)
                    return Fetched(
                        str(r.url),
                        r.status_code,
                        b"".join(chunks),
                        r.headers.get("ETag"),
                        r.headers.get("Last-Modified"),
                        r.headers.get("Content-Type", ""),
                    )
        except (httpx.TimeoutException, TimeoutError) as e:
            raise FetchError(f"timed out after {t:g}s", source=url, code="timeout") from e
        except httpx.HTTPError as e:
            raise FetchError(f"{e.__class__.__name__}: {e}", source=url, code="network") from e
        finally:
            self._finished(host)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        import datetime as dt

        return max(0.0, (parsedate_to_datetime(value) - dt.datetime.now(dt.UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
