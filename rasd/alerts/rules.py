"""Alert rules: which events someone wants to hear about, and how to reach them.

A rule combines any of: area (country, governorate, bounding box, distance from a place),
event and sub-event types, actors, a fatality floor, civilian targeting, a confidence floor,
and whether it fires on new machine-coded events or on events a reviewer confirmed. Every
condition given must hold; a rule with none matches every event.

Rules come from the ``alerts:`` list of a sources file (validated with line numbers) and
can be edited in the page by an admin; both forms go through ``parse_rule``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from rasd.kb.lexicon import TAXONOMY
from rasd.models import Event
from rasd.text import normalise_key
from rasd.watch.yamlcheck import Checker, LDict, LList

#: When a rule fires: on a newly coded event, when a reviewer confirms (or edits) one, or both.
STATUSES = ("new", "confirmed", "any")
_SUB_TYPES = {s for subs in TAXONOMY.values() for s in subs}
RULE_KEYS = (
    "name",
    "country",
    "admin1",
    "bbox",
    "near",
    "event_types",
    "sub_event_types",
    "actors",
    "min_fatalities",
    "civilian_targeting",
    "min_confidence",
    "status",
    "webhook",
    "email",
    "feed",
    "digest",
    "enabled",
)


@dataclass(frozen=True, slots=True)
class Near:
    """Within ``km`` of a point, given as coordinates or as a place name resolved by the gazetteer."""

    km: float
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Webhook:
    url: str
    secret: str | None = None  # HMAC-SHA256 key, read from the variable ``secret_env`` names (never the file)
    secret_env: str | None = None


@dataclass(frozen=True, slots=True)
class Digest:
    """A daily digest sent at ``at`` (HH:MM) in ``tz``, covering the 24 hours before."""

    at: str = "07:00"
    tz: str = "Asia/Damascus"


@dataclass(frozen=True, slots=True)
class AlertRule:
    name: str
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    near: Near | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_fatalities: int | None = None
    civilian_targeting: bool | None = None
    min_confidence: float | None = None
    status: str = "new"
    webhook: Webhook | None = None
    email: tuple[str, ...] = ()
    feed: bool = True
    digest: Digest | None = None
    enabled: bool = True
    _actor_keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def to_spec(self) -> dict[str, Any]:
        """The rule as the YAML/JSON mapping ``parse_rule`` reads (secrets left out)."""
        out: dict[str, Any] = {"name": self.name}
        if self.countries:
            out["country"] = list(self.countries)
        if self.admin1:
            out["admin1"] = list(self.admin1)
        if self.bbox:
            out["bbox"] = list(self.bbox)
        if self.near:
            out["near"] = {k: v for k, v in asdict(self.near).items() if v is not None}
        for key in ("event_types", "sub_event_types", "actors", "email"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        for key in ("min_fatalities", "civilian_targeting", "min_confidence"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["status"] = self.status
        if self.webhook:
            out["webhook"] = {"url": self.webhook.url}
            if self.webhook.secret_env:
                out["webhook"]["secret_env"] = self.webhook.secret_env
        out["feed"] = self.feed
        if self.digest:
            out["digest"] = {"at": self.digest.at, "tz": self.digest.tz}
        out["enabled"] = self.enabled
        return out

    def matches(self, event: Event, *, when: str = "new") -> bool:
        """Whether ``event`` is one this rule wants, ``when`` being ``new``, ``confirmed`` or ``any`` (digests).

        Example: a rule ``{country: SY, event_types: [Battles]}`` matches a battle in Hajin,
        not an air strike there, nor a battle in Mosul.
        """
        if not self.enabled or event.status == "rejected":
            return False
        if when != "any" and self.status not in ("any", when):  # digests ask with "any"
            return False
        loc = event.location
        if self.countries and (loc is None or (loc.country or "") not in self.countries):
            return False
        if self.admin1 and (
            loc is None or normalise_key(loc.admin1 or "") not in {normalise_key(a) for a in self.admin1}
        ):
            return False
        if self.bbox:
            if loc is None or loc.lat is None or loc.lon is None:
                return False
            x0, y0, x1, y1 = self.bbox
            if not (x0 <= loc.lon <= x1 and y0 <= loc.lat <= y1):
                return False
        if self.near:
            if loc is None or loc.lat is None or self.near.lat is None:
                return False
            if haversine_km(loc.lat, loc.lon, self.near.lat, self.near.lon) > self.near.km:
                return False
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.sub_event_types and event.sub_event_type not in self.sub_event_types:
            return False
        if self.actors:
            names = set()
            for a in (event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2):
                if a:
                    names |= {a.kb_id, normalise_key(a.name_en), normalise_key(a.name_ar)}
            if not names & self._actor_keys:
                return False
        if self.min_fatalities is not None and (event.fatalities.best or 0) < self.min_fatalities:
            return False
        if self.civilian_targeting is not None and bool(event.civilian_targeting) != self.civilian_targeting:
            return False
        return not (self.min_confidence is not None and event.confidence < self.min_confidence)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km. Example: Hajin to Al Mayadin ≈ 59 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def parse_rule(
    d: LDict,
    chk: Checker,
    where: str,
    *,
    env: dict[str, str] | None = None,
    default_tz: str = "Asia/Damascus",
) -> AlertRule | None:
    """One rule from its mapping; problems go to ``chk`` with their lines, None if the rule is unusable.

    ``env`` resolves ``webhook.secret_env`` (the secret stays out of the file); it is read at the edge.
    With ``env=None`` (the API validating a rule) the variable is not looked up.
    """
    name = chk.get_str(d, "name", where)
    where = f"alert {name!r}" if name else where
    chk.keys(d, where, RULE_KEYS, required=("name",))
    countries = tuple(c.upper() for c in chk.get_str_list(d, "country", where))
    for c in countries:
        if len(c) != 2 or not c.isalpha():
            chk.add(chk.line_of(d, "country"), f"{where}.country: {c!r} is not a two-letter ISO code")
    bbox = None
    if "bbox" in d:
        v = d["bbox"]
        if (
            isinstance(v, LList)
            and len(v) == 4
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in v)
            and -180 <= v[0] < v[2] <= 180
            and -90 <= v[1] < v[3] <= 90
        ):
            bbox = (float(v[0]), float(v[1]), float(v[2]), float(v[3]))
        else:
            chk.add(chk.line_of(d, "bbox"), f"{where}.bbox: expected [min_lon, min_lat, max_lon, max_lat]")
    near = None
    if "near" in d:
        n = chk.mapping(d["near"], f"{where}.near", chk.line_of(d, "near"))
        if n is not None:
            chk.keys(n, f"{where}.near", ("km", "lat", "lon", "place", "country"), required=("km",))
            km = chk.get_number(n, "km", f"{where}.near", lo=0.0, hi=5000.0)
            lat = chk.get_number(n, "lat", f"{where}.near", lo=-90.0, hi=90.0)
            lon = chk.get_number(n, "lon", f"{where}.near", lo=-180.0, hi=180.0)
            place = chk.get_str(n, "place", f"{where}.near")
            if (lat is None) != (lon is None) or (lat is None and place is None):
                chk.add(n.line, f"{where}.near: give either lat and lon, or place")
            elif km is not None:
                near = Near(
                    km=float(km),
                    lat=lat,
                    lon=lon,
                    place=place,
                    country=(chk.get_str(n, "country", f"{where}.near") or "").upper() or None,
                )
    event_types = chk.get_str_list(d, "event_types", where)
    for et in event_types:
        if et not in TAXONOMY:
            chk.add(
                chk.line_of(d, "event_types"),
                f"{where}.event_types: {et!r} is not an ACLED event type ({', '.join(TAXONOMY)})",
            )
    sub_types = chk.get_str_list(d, "sub_event_types", where)
    for st in sub_types:
        if st not in _SUB_TYPES:
            chk.add(
                chk.line_of(d, "sub_event_types"),
                f"{where}.sub_event_types: {st!r} is not an ACLED sub-event type",
            )
    actors = chk.get_str_list(d, "actors", where)
    mf = chk.get_number(d, "min_fatalities", where, lo=0, hi=10**6, integer=True)
    mc = chk.get_number(d, "min_confidence", where, lo=0.0, hi=1.0)
    webhook = None
    if "webhook" in d:
        w = d["webhook"]
        if isinstance(w, str):
            w = LDict({"url": w})
            w.line, w.lines = chk.line_of(d, "webhook"), {"url": chk.line_of(d, "webhook")}
        w = chk.mapping(w, f"{where}.webhook", chk.line_of(d, "webhook"))
        if w is not None:
            chk.keys(w, f"{where}.webhook", ("url", "secret_env"), required=("url",))
            url = chk.get_str(w, "url", f"{where}.webhook")
            if url and not url.startswith(("http://", "https://")):
                chk.add(chk.line_of(w, "url"), f"{where}.webhook.url: {url!r} is not an http(s) URL")
                url = None
            secret = None
            secret_env = chk.get_str(w, "secret_env", f"{where}.webhook")
            if secret_env and env is not None:
                secret = env.get(secret_env)
                if not secret:
                    chk.add(
                        chk.line_of(w, "secret_env"), f"{where}.webhook.secret_env: ${secret_env} is not set"
                    )
            if url:
                webhook = Webhook(url=url, secret=secret, secret_env=secret_env)
    emails = chk.get_str_list(d, "email", where)
    for e in emails:
        if "@" not in e or " " in e or e.startswith("@") or e.endswith("@"):
            chk.add(chk.line_of(d, "email"), f"{where}.email: {e!r} is not an e-mail address")
    digest = None
    if "digest" in d and d["digest"] not in (None, False):
        g = d["digest"]
        if g is True:
            digest = Digest(tz=default_tz)
        elif (g := chk.mapping(g, f"{where}.digest", chk.line_of(d, "digest"))) is not None:
            chk.keys(g, f"{where}.digest", ("at", "tz"))
            at = chk.get_str(g, "at", f"{where}.digest", "07:00") or "07:00"
            tz = chk.get_str(g, "tz", f"{where}.digest", default_tz) or default_tz
            if not _valid_hhmm(at):
                chk.add(chk.line_of(g, "at"), f"{where}.digest.at: {at!r} is not a time of day (HH:MM)")
            elif not _valid_tz(tz):
                chk.add(chk.line_of(g, "tz"), f"{where}.digest.tz: {tz!r} is not a time zone")
            else:
                digest = Digest(at=at, tz=tz)
        if digest and not (emails or webhook):
            chk.add(chk.line_of(d, "digest"), f"{where}.digest: needs an email or a webhook to go to")
    if name is None:
        return None
    return AlertRule(
        name=name,
        countries=countries,
        admin1=chk.get_str_list(d, "admin1", where),
        bbox=bbox,
        near=near,
        event_types=event_types,
        sub_event_types=sub_types,
        actors=actors,
        min_fatalities=int(mf) if mf is not None else None,
        civilian_targeting=chk.get_bool(d, "civilian_targeting", where),
        min_confidence=mc,
        status=chk.choice(d, "status", where, STATUSES, "new"),
        webhook=webhook,
        email=emails,
        feed=bool(chk.get_bool(d, "feed", where, True)),
        digest=digest,
        enabled=bool(chk.get_bool(d, "enabled", where, True)),
        _actor_keys=frozenset({a for a in actors} | {normalise_key(a) for a in actors}),
    )


def resolve_places(rule: AlertRule, gazetteer) -> tuple[AlertRule, str | None]:
    """Give a ``near: {place: …}`` rule its coordinates (the most populous match, in ``country`` if given).

    Returns the rule and an error message when the place is unknown.
    """
    from dataclasses import replace

    if rule.near is None or rule.near.lat is not None or not rule.near.place:
        return rule, None
    places = [
        p
        for p in gazetteer.candidates(rule.near.place)
        if p.lat is not None and (not rule.near.country or p.country == rule.near.country)
    ]
    if not places:
        return rule, f"alert {rule.name!r}: near.place {rule.near.place!r} is not in the gazetteer"
    best = max(places, key=lambda p: p.population or 0)
    return replace(rule, near=replace(rule.near, lat=best.lat, lon=best.lon)), None


def _valid_hhmm(s: str) -> bool:
    parts = s.split(":")
    return len(parts) == 2 and all(p.isdigit() for p in parts) and int(parts[0]) < 24 and int(parts[1]) < 60


def _valid_tz(tz: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(tz)
    except (KeyError, ValueError):
        return False
    return True
