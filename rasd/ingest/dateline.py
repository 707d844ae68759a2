"""Datelines: ``2018.11.27 | 13:11 دمشق`` → a timezone-aware datetime and a city.

Reports give local time; Damascus was UTC+2 in November 2018 and UTC+3 in summer,
so the zone comes from the dateline city or the outlet, and zoneinfo applies the
rules of that date.

Example: ``parse_dateline("2018.11.27 | 13:11 دمشق", ...)`` →
``(datetime(2018, 11, 27, 13, 11, tzinfo=Asia/Damascus), "دمشق")``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from rasd.text import normalise_key

_TIME = r"(?:(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>ص|م|صباحا|مساء|am|pm)?)"
_SEP = r"\s*[|\-–،,/]?\s*"
_CITY = r"(?P<city>[\u0621-\u064a][\u0621-\u064a ]{1,20}?)"


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd").joinpath("data/text/months.yaml").read_text(encoding="utf-8")
    )
    out: dict[str, int] = {}
    for table, names in data.items():
        if table != "hijri":
            out.update({normalise_key(k): int(v) for k, v in names.items()})
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    months = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    weekday = r"(?:(?:ال)?(?:سبت|احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه)\s*[،,]?\s*)?"
    return (
        # 2018.11.27 | 13:11 دمشق   /   2018-11-27 13:11
        re.compile(
            rf"^{weekday}(?P<y>\d{{4}})[./-](?P<m>\d{{1,2}})[./-](?P<d>\d{{1,2}})(?:{_SEP}{_TIME})?(?:{_SEP}{_CITY})?$"
        ),
        # 27.11.2018 - 13:11 دمشق
        re.compile(
            rf"^{weekday}(?P<d>\d{{1,2}})[./-](?P<m>\d{{1,2}})[./-](?P<y>\d{{4}})(?:{_SEP}{_TIME})?(?:{_SEP}{_CITY})?$"
        ),
        # الثلاثاء 27 تشرين الثاني 2018 - 13:11
        re.compile(
            rf"^{weekday}(?P<d>\d{{1,2}})\s+(?P<mname>{months})\s*[،,]?\s*(?P<y>\d{{4}})(?:{_SEP}{_TIME})?(?:{_SEP}{_CITY})?$"
        ),
        # 13:11 دمشق 2018.11.27 (time first)
        re.compile(
            rf"^{_TIME}{_SEP}(?P<y>\d{{4}})[./-](?P<m>\d{{1,2}})[./-](?P<d>\d{{1,2}})(?:{_SEP}{_CITY})?$"
        ),
    )


def parse_dateline(
    line: str, *, default_tz: str, city_timezones: dict[str, str] | None = None
) -> tuple[dt.datetime, str | None] | None:
    """Parse a dateline line; None when the line is not one.

    Args:
        line: one line of a page (original text).
        default_tz: IANA zone used when the dateline names no known city.
        city_timezones: normalised city name → IANA zone.
    """
    key = normalise_key(line)
    if len(key) > 60:
        return None
    for pat in _patterns():
        m = pat.match(key)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else _months()[g["mname"]]
        hour = int(g["h"]) if g.get("h") else 0
        minute = int(g["mi"]) if g.get("mi") else 0
        if g.get("ampm") in ("م", "مساء", "pm") and hour < 12:
            hour += 12
        city = (g.get("city") or "").strip() or None
        tzname = (city_timezones or {}).get(city or "", default_tz)
        try:
            when = dt.datetime(int(g["y"]), month, int(g["d"]), hour, minute, tzinfo=ZoneInfo(tzname))
        except ValueError:
            return None
        return when, city
    return None
