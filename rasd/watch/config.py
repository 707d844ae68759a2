"""The sources file: what to watch, how often, how politely, and who to alert.

Example::

    options: {user_agent_contact: desk@example.org, per_host_interval: 2s}
    smtp: {host: 127.0.0.1, port: 25, sender: rasd@example.org}
    sources:
      - {name: syria-tv, url: https://www.syria.tv/rss.xml, kind: rss, every: 5m}
      - {name: drop, path: /data/incoming, kind: folder, every: 1m}
    alerts:
      - {name: deir-ez-zor, country: SY, admin1: Deir ez-Zor, event_types: [Battles], email: [desk@example.org]}

Unknown keys and bad values are rejected, all at once, each with its line (``ConfigError``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rasd.alerts.rules import AlertRule, parse_rule
from rasd.watch.yamlcheck import Checker, ConfigError, LDict, LList, load_lines

KINDS = ("rss", "page", "sitemap", "folder")
PAGE_POLICIES = ("auto", "always", "never")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One watched source. ``url`` for rss/page/sitemap, ``path`` for folder."""

    name: str
    kind: str
    every: float  # seconds between polls
    url: str | None = None
    path: str | None = None
    pages: str = "auto"  # rss: fetch the linked page when the item carries only a summary
    pattern: str = "*"  # folder: file name glob
    recursive: bool = True
    settle: float = 1.0  # folder: a file must be this many seconds old (a writer may still be at it)
    timeout: float | None = None  # overrides options.timeout
    max_items: int | None = None  # overrides options.max_items_per_poll
    outlet: str | None = None  # outlet name to give reports that do not name one
    enabled: bool = True

    @property
    def target(self) -> str:
        return self.url or self.path or ""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """Politeness and pacing; thresholds here, not in code."""

    user_agent_contact: str = ""  # an address or URL a site owner can reach, added to the User-Agent
    timeout: float = 20.0
    per_host_interval: float = 1.0  # at least this many seconds between two requests to one host
    max_backoff: float = 3600.0  # a failing source is retried at every·2^failures, capped here
    max_items_per_poll: int = 50
    max_item_attempts: int = 5  # a linked page that keeps failing is given up (summary used) after this
    min_summary_chars: int = 400  # rss, pages: auto — shorter item text means "only a summary"
    robots: bool = True  # obey robots.txt
    public_url: str = ""  # where analysts open the page; alert links point here
    webhook_attempts: int = 4
    webhook_backoff: float = 1.0
    delivery_retries: int = 5  # rounds in which a failed delivery is tried again
    live_poll: float = 2.0  # seconds between the page's live-feed checks
    max_concurrent: int = 8  # sources fetched at once


@dataclass(frozen=True, slots=True)
class Smtp:
    host: str
    port: int = 25
    sender: str = "rasd@localhost"
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class WatchConfig:
    source: str  # the file it came from
    sources: tuple[SourceSpec, ...]
    alerts: tuple[AlertRule, ...] = ()
    options: WatchOptions = field(default_factory=WatchOptions)
    smtp: Smtp | None = None


_SOURCE_KEYS = (
    "name",
    "kind",
    "url",
    "path",
    "every",
    "pages",
    "pattern",
    "recursive",
    "settle",
    "timeout",
    "max_items",
    "outlet",
    "enabled",
)


def load_config(
    path: str | Path, env: Mapping[str, str] | None = None, *, default_tz: str = "Asia/Damascus"
) -> WatchConfig:
    """Read and validate a sources file.

    ``env`` resolves ``secret_env``/``password_env`` (secrets stay out of the file); pass
    ``os.environ`` at the edge.

    Raises:
        ConfigError: every problem in the file, each with its line.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(name, [(0, f"cannot read the file: {e}")]) from e
    return parse_config(text, name, env, default_tz=default_tz)


def parse_config(
    text: str,
    name: str = "<sources>",
    env: Mapping[str, str] | None = None,
    *,
    default_tz: str = "Asia/Damascus",
) -> WatchConfig:
    """``load_config`` on a string (the page's rule editor and tests use it)."""
    env = dict(env or {})
    doc = load_lines(text, name)
    chk = Checker()
    root = chk.mapping(doc, "the file", 1)
    if root is None:
        raise ConfigError(name, chk.problems)
    chk.keys(root, "the file", ("sources", "alerts", "options", "smtp"), required=("sources",))
    options = _options(root, chk)
    smtp = _smtp(root, chk, env)
    sources: list[SourceSpec] = []
    lines: list[int] = []
    raw = root.get("sources")
    if raw is not None and not isinstance(raw, LList):
        chk.add(chk.line_of(root, "sources"), "sources: expected a list")
    elif raw is not None:
        for i, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
            d = chk.mapping(item, f"sources[{i}]", line)
            if d is not None and (spec := _source(d, chk, f"sources[{i}]")):
                sources.append(spec)
                lines.append(line)
        if not raw:
            chk.add(chk.line_of(root, "sources"), "sources: the list is empty")
    seen: dict[str, int] = {}
    for s, line in zip(sources, lines, strict=True):
        if s.name in seen:
            chk.add(line, f"source {s.name!r}: the name is already used on line {seen[s.name]}")
        seen.setdefault(s.name, line)
    alerts: list[AlertRule] = []
    raw_alerts = root.get("alerts")
    if raw_alerts is not None and not isinstance(raw_alerts, LList):
        chk.add(chk.line_of(root, "alerts"), "alerts: expected a list")
    elif raw_alerts:
        names: dict[str, int] = {}
        for i, (item, line) in enumerate(zip(raw_alerts, raw_alerts.lines, strict=True)):
            d = chk.mapping(item, f"alerts[{i}]", line)
            if d is None:
                continue
            rule = parse_rule(d, chk, f"alerts[{i}]", env=env, default_tz=default_tz)
            if rule is None:
                continue
            if rule.name in names:
                chk.add(line, f"alert {rule.name!r}: the name is already used on line {names[rule.name]}")
                continue
            names[rule.name] = line
            if rule.email and smtp is None:
                chk.add(chk.line_of(d, "email"), f"alert {rule.name!r}: e-mail needs an smtp: section")
            alerts.append(rule)
    if chk.problems:
        raise ConfigError(name, chk.problems)
    return WatchConfig(source=name, sources=tuple(sources), alerts=tuple(alerts), options=options, smtp=smtp)


def _source(d: LDict, chk: Checker, where: str) -> SourceSpec | None:
    name = chk.get_str(d, "name", where)
    where = f"source {name!r}" if name else where
    chk.keys(d, where, _SOURCE_KEYS, required=("name", "kind", "every"))
    kind = chk.choice(d, "kind", where, KINDS, "")
    every = chk.get_duration(d, "every", where, minimum=1.0)
    url = chk.get_str(d, "url", where)
    path = chk.get_str(d, "path", where)
    if kind in ("rss", "page", "sitemap"):
        if not url:
            chk.add(d.line, f"{where}: a {kind} source needs a url")
        elif not url.startswith(("http://", "https://")):
            chk.add(chk.line_of(d, "url"), f"{where}.url: {url!r} is not an http(s) URL")
            url = None
        if path:
            chk.add(chk.line_of(d, "path"), f"{where}.path: only folder sources have a path")
    elif kind == "folder":
        if not path:
            chk.add(d.line, f"{where}: a folder source needs a path")
        if url:
            chk.add(chk.line_of(d, "url"), f"{where}.url: folder sources have a path, not a url")
    pages = chk.choice(d, "pages", where, PAGE_POLICIES, "auto")
    if "pages" in d and kind != "rss":
        chk.add(chk.line_of(d, "pages"), f"{where}.pages: only rss sources fetch linked pages")
    for key in ("pattern", "recursive", "settle"):
        if key in d and kind != "folder":
            chk.add(chk.line_of(d, key), f"{where}.{key}: only folder sources have a {key}")
    max_items = chk.get_number(d, "max_items", where, lo=1, hi=100_000, integer=True)
    spec_ok = name and kind and every is not None and (url or path)
    if not spec_ok:
        return None
    return SourceSpec(
        name=name,
        kind=kind,
        every=every,
        url=url,
        path=path,
        pages=pages,
        pattern=chk.get_str(d, "pattern", where, "*") or "*",
        recursive=bool(chk.get_bool(d, "recursive", where, True)),
        settle=chk.get_duration(d, "settle", where, 1.0) or 0.0,
        timeout=chk.get_duration(d, "timeout", where, minimum=0.05),
        max_items=int(max_items) if max_items is not None else None,
        outlet=chk.get_str(d, "outlet", where),
        enabled=bool(chk.get_bool(d, "enabled", where, True)),
    )


def _options(root: LDict, chk: Checker) -> WatchOptions:
    if "options" not in root:
        return WatchOptions()
    d = chk.mapping(root["options"], "options", chk.line_of(root, "options"))
    if d is None:
        return WatchOptions()
    w = "options"
    base = WatchOptions()
    chk.keys(d, w, WatchOptions.__dataclass_fields__)
    return WatchOptions(
        user_agent_contact=chk.get_str(d, "user_agent_contact", w, "") or "",
        timeout=chk.get_duration(d, "timeout", w, base.timeout, minimum=0.05),
        per_host_interval=chk.get_duration(d, "per_host_interval", w, base.per_host_interval),
        max_backoff=chk.get_duration(d, "max_backoff", w, base.max_backoff, minimum=1.0),
        max_items_per_poll=int(
            chk.get_number(d, "max_items_per_poll", w, base.max_items_per_poll, lo=1, integer=True)
        ),
        max_item_attempts=int(
            chk.get_number(d, "max_item_attempts", w, base.max_item_attempts, lo=1, integer=True)
        ),
        min_summary_chars=int(
            chk.get_number(d, "min_summary_chars", w, base.min_summary_chars, lo=0, integer=True)
        ),
        robots=bool(chk.get_bool(d, "robots", w, base.robots)),
        public_url=(chk.get_str(d, "public_url", w, "") or "").rstrip("/"),
        webhook_attempts=int(
            chk.get_number(d, "webhook_attempts", w, base.webhook_attempts, lo=1, hi=20, integer=True)
        ),
        webhook_backoff=chk.get_duration(d, "webhook_backoff", w, base.webhook_backoff),
        delivery_retries=int(
            chk.get_number(d, "delivery_retries", w, base.delivery_retries, lo=0, integer=True)
        ),
        live_poll=chk.get_duration(d, "live_poll", w, base.live_poll, minimum=0.05),
        max_concurrent=int(
            chk.get_number(d, "max_concurrent", w, base.max_concurrent, lo=1, hi=256, integer=True)
        ),
    )


def _smtp(root: LDict, chk: Checker, env: dict[str, str]) -> Smtp | None:
    if "smtp" not in root:
        return None
    d = chk.mapping(root["smtp"], "smtp", chk.line_of(root, "smtp"))
    if d is None:
        return None
    w = "smtp"
    chk.keys(
        d,
        w,
        ("host", "port", "sender", "starttls", "ssl", "username", "password_env", "timeout"),
        required=("host",),
    )
    password = None
    if (var := chk.get_str(d, "password_env", w)) is not None:
        password = env.get(var)
        if not password:
            chk.add(chk.line_of(d, "password_env"), f"smtp.password_env: ${var} is not set")
    host = chk.get_str(d, "host", w)
    if host is None:
        return None
    return Smtp(
        host=host,
        port=int(chk.get_number(d, "port", w, 25, lo=1, hi=65535, integer=True)),
        sender=chk.get_str(d, "sender", w, "rasd@localhost") or "rasd@localhost",
        starttls=bool(chk.get_bool(d, "starttls", w, False)),
        ssl=bool(chk.get_bool(d, "ssl", w, False)),
        username=chk.get_str(d, "username", w),
        password=password,
        timeout=chk.get_duration(d, "timeout", w, 30.0, minimum=0.1),
    )
