"""The outlet table (``rasd/data/outlets.yaml``): names, domains, byline and chrome patterns.

Rules are data: a new outlet is a YAML row, never a new ``if`` in a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.errors import KBError
from rasd.primed import loader
from rasd.text import normalise, normalise_key


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name_en: str
    name_ar: str
    domains: tuple[str, ...]
    outlet_line: tuple[re.Pattern, ...]
    chrome: tuple[re.Pattern, ...]
    timezone: str | None
    dateline_city: str | None


@dataclass(frozen=True, slots=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    chrome: tuple[re.Pattern, ...]
    caption_markers: tuple[re.Pattern, ...]
    city_timezones: dict[str, str]
    #: a heading after which the rest of the page is furniture (related links, most read, tags)
    tail_markers: tuple[re.Pattern, ...] = ()

    def by_domain(self, host: str) -> Outlet | None:
        host = host.lower().removeprefix("www.")
        for o in self.outlets:
            if any(
                host == d.removeprefix("www.") or host.endswith("." + d.removeprefix("www."))
                for d in o.domains
            ):
                return o
        return None

    def by_name(self, name: str) -> Outlet | None:
        key = normalise_key(name)
        for o in self.outlets:
            if key in (normalise_key(o.name_ar), normalise_key(o.name_en), o.id):
                return o
            if any(p.match(key) for p in o.outlet_line):
                return o
        return None

    def match_outlet_line(self, line: str) -> tuple[Outlet, str | None] | None:
        """The outlet (and section, in the line's original spelling) a byline names.

        Example: ``تلفزيون سوريا - متابعات`` → (Syria TV, ``متابعات``).
        """
        norm = normalise(line)
        lead = len(norm.text) - len(norm.text.lstrip())
        key = norm.text.strip()
        for o in self.outlets:
            for p in o.outlet_line:
                m = p.match(key)
                if m:
                    if "section" not in p.groupindex or m.group("section") is None:
                        return o, None
                    a, b = norm.to_original(m.start("section") + lead, m.end("section") + lead)
                    return o, line[a:b].strip() or None
        return None

    def is_chrome(self, key: str, outlet: Outlet | None = None) -> bool:
        return any_match(self.chrome_patterns(outlet), key)

    def chrome_patterns(self, outlet: Outlet | None = None) -> tuple[re.Pattern, ...]:
        """The chrome patterns for a page of ``outlet`` (of every outlet when it is not known yet), joined into
        one expression (``joined``): a reader asks once per outlet, then once per line."""
        pats = outlet.chrome if outlet else tuple(p for o in self.outlets for p in o.chrome)
        return joined(self.chrome + pats)

    def is_tail(self, key: str) -> bool:
        return any_match(joined(self.tail_markers), key)

    def is_caption(self, key: str) -> bool:
        # not joined: each pattern searched alone starts from its literal "(" or its "^", which one expression
        # of them all could not (it would try every position): three times slower joined
        return any(p.search(key) for p in self.caption_markers)


#: a numbered or named back-reference: it would point at another group once patterns are joined
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


@lru_cache(maxsize=64)
def joined(patterns: tuple[re.Pattern, ...]) -> tuple[re.Pattern, ...]:
    """``patterns`` as one expression ``(?:p1)|(?:p2)|…``, alone in the tuple, or the patterns themselves when
    they cannot be joined (different flags, a back-reference, a group name twice).

    One expression matches (``match`` or ``search``) wherever one of its alternatives does, as the patterns
    would one after another: a page's every line is asked whether it is chrome, and a call per pattern cost
    more than the question. Example: ``joined((re.compile("^a$"), re.compile("^b$")))`` →
    ``(re.compile("(?:^a$)|(?:^b$)"),)``.
    """
    if len(patterns) < 2 or len({p.flags for p in patterns}) > 1:
        return patterns
    if any(_BACKREF.search(p.pattern) for p in patterns):
        return patterns
    try:
        return (re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags),)
    except re.error:
        return patterns


def any_match(patterns: tuple[re.Pattern, ...], key: str) -> bool:
    """Whether one of ``patterns`` matches at the start of ``key``."""
    if len(patterns) == 1:  # joined: the usual case, asked without a generator
        return patterns[0].match(key) is not None
    return any(p.match(key) for p in patterns)


def _compile(patterns: list[str] | None, where: str) -> tuple[re.Pattern, ...]:
    """Patterns are written against normalised text (ة→ه, no hamza on alef), as lines are matched normalised."""
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as e:
            raise KBError(f"bad pattern {p!r}: {e}", source=where) from e
    return tuple(out)


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def load_outlets() -> OutletTable:
    """Load and validate the bundled outlet table (cached: it is immutable package data)."""
    where = "rasd/data/outlets.yaml"
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(resources.files("rasd").joinpath("data/outlets.yaml").read_text(encoding="utf-8"))
    outlets = []
    for row in data.get("outlets", []):
        try:
            outlets.append(
                Outlet(
                    id=row["id"],
                    name_en=row["name_en"],
                    name_ar=row["name_ar"],
                    domains=tuple(row.get("domains", [])),
                    outlet_line=_compile(row.get("outlet_line"), f"{where}:{row['id']}"),
                    chrome=_compile(row.get("chrome"), f"{where}:{row['id']}"),
                    timezone=row.get("timezone"),
                    dateline_city=row.get("dateline_city"),
                )
            )
        except KeyError as e:
            raise KBError(f"outlet row lacks {e}", source=where) from e
    common = data.get("common", {})
    cities = {normalise_key(k): v for k, v in (data.get("dateline_cities") or {}).items()}
    return OutletTable(
        tuple(outlets),
        _compile(common.get("chrome"), where),
        _compile(common.get("caption_markers"), where),
        cities,
        _compile(common.get("tail_markers"), where),
    )
