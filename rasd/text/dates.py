"""Date expressions in Arabic news text, resolved against the publication date, with ACLED precision.

Absolute dates (``27 تشرين الثاني 2018``, ``2018/11/27``, ``27-11-2018``) with Levantine, Egyptian/Gulf and
Maghrebi month names; Hijri dates (``15 ربيع الأول 1440 هـ``, via ``hijridate``); relative ones (``أمس``,
``فجر اليوم``, ``الأسبوع الماضي``, ``أواخر شهر تشرين الأول الفائت``, ``يوم الثلاثاء``).

Precision follows ACLED: 1 the day is known, 2 the week, 3 only the month. A month-precision date is
dated inside its month: the last day for ``أواخر``, the 1st for ``أوائل``/``مطلع``, the 15th for
``منتصف`` and for a bare month. A month named without a year is the most recent such month not after
publication.

A day may be an ordinal (``العاشر من يناير``, ``الحادي والعشرين من تموز``). A month glossed by its other name (``يونيو/حزيران``, ``يونيو - حزيران``, ``نوفمبر (تشرين الثاني)``) is one month.

Example: ``find_dates("أواخر شهر تشرين الأول الفائت", datetime(2018, 11, 27))[0]`` → 2018-10-31, precision 3.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from rasd.primed import loader
from rasd.text.alternation import alternation
from rasd.text.anchored import anchored_matches
from rasd.text.normalise import Normalised, normalise, normalise_key


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    date: dt.date
    precision: int
    kind: str  # absolute | relative | hijri
    text: str = ""


def _ordinals() -> dict[str, int]:
    """Days written as ordinals, normalised: "العاشر من يناير" (10), "الحادي والعشرين من تموز" (21)."""
    units = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
    out = {w: i for i, w in enumerate(units, 1)}
    out["العاشر"] = 10
    out["الحادي عشر"] = 11
    for i, w in enumerate(units[1:], 2):
        out[f"{w} عشر"] = 10 + i
    for tens, name in ((20, "العشرين"), (30, "الثلاثين")):
        out[name] = tens
        for i, w in enumerate(["الحادي", *units[1:]], 1):
            if tens + i <= 31:
                out[f"{w} و{name}"] = tens + i
        out[f"الواحد و{name}"] = tens + 1
    return out


_ORDINALS = _ordinals()


@dataclass(frozen=True, slots=True)
class _Tables:
    months: dict[str, int]
    hijri: dict[str, int]
    rel: dict
    pattern: re.Pattern
    anchors: re.Pattern  # where a date may start: a digit or a date's first word, at the start of a word


def _alt(words) -> str:
    return alternation(words)  # a trie: the expression tries each month name's letters once per position


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def _tables() -> _Tables:
    res = resources.files("rasd")
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    mdata = yaml.safe_load(res.joinpath("data/text/months.yaml").read_text(encoding="utf-8"))
    rel = yaml.safe_load(res.joinpath("data/text/relative_dates.yaml").read_text(encoding="utf-8"))
    months: dict[str, int] = {}
    for table in ("levantine", "egyptian_gulf", "maghrebi"):
        months.update({normalise_key(k): v for k, v in mdata[table].items()})
    hijri = {normalise_key(k): v for k, v in mdata["hijri"].items()}
    m_alt, h_alt = _alt(months), _alt(hijri)
    parts = _alt(rel["month_parts"])
    wd = _alt(rel["weekdays"])
    days = _alt([*rel["days"], *rel["weeks"], *rel["months"]])
    # A month is often glossed by its other name: "يونيو/حزيران", "يونيو - حزيران", "نوفمبر (تشرين الثاني)";
    # the gloss must not cut the year off the day ("24 نوفمبر (تشرين الثاني) 2015" is 2015, not this year).
    month_pair = rf"(?P<mname>{m_alt})(?:\s*[/-]\s*(?:{m_alt})|\s*[(\[]\s*(?:{m_alt})\s*[)\]])?"
    pattern = re.compile(
        "|".join(
            [
                r"(?P<iso>(?P<y1>\d{4})[./-](?P<m1>\d{1,2})[./-](?P<d1>\d{1,2}))",
                r"(?P<dmy>(?P<d2>\d{1,2})[./-](?P<m2>\d{1,2})[./-](?P<y2>\d{4}))",
                rf"(?P<hij>(?P<hd>\d{{1,2}})\s+(?P<hname>{h_alt})\s+(?P<hy>1[34]\d\d)\s*(?:ه|هـ|للهجره)?)",
                rf"(?P<part>{parts})\s+(?:شهر\s+)?{month_pair.replace('mname', 'pm')}(?:\s+(?:الفائت|الماضي|المنصرم|الجاري|الحالي))?(?:\s+(?:من\s+)?(?:عام\s+)?(?P<py>\d{{4}}))?",
                rf"(?P<partrel>{parts})\s+(?P<relm>الشهر\s+(?:الماضي|الفائت|المنصرم|الجاري|الحالي))",
                rf"(?:و)?(?P<ordd>{_alt(_ORDINALS)})\s+(?:من\s+)?(?:شهر\s+)?{month_pair.replace('mname', 'om')}(?:\s+(?:الفائت|الماضي|المنصرم|الجاري|الحالي))?(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<oy>\d{{4}}))?",
                rf"(?:(?P<dd>\d{{1,2}})\s*(?:من\s+)?)?(?:(?P<shahr>شهر)\s+)?{month_pair}(?:\s+(?:الفائت|الماضي|المنصرم|الجاري|الحالي))?(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<yy>\d{{4}}))?",
                rf"(?:يوم\s+)?(?P<wd>{wd})(?P<wdpast>\s+الماضي|\s+الفائت)?",
                rf"(?P<rel>{days})",
            ]
        )
    )
    # Every branch above starts with a digit or with one of these words (a month, a part of a month, an
    # ordinal day with or without "و", "شهر", "يوم", a weekday, a relative day, week or month): a position where
    # none of them starts cannot start a date, and one trie finds such positions far faster than the nine
    # branches tried at every position.
    firsts = [*months, *hijri, *rel["month_parts"], *rel["weekdays"], *rel["days"], *rel["weeks"]]
    firsts += [*rel["months"], *_ORDINALS, *(f"و{w}" for w in _ORDINALS), "شهر", "يوم"]
    anchors = re.compile(rf"(?<!\w)(?:\d|{_alt(firsts)})")
    return _Tables(months, hijri, rel, re.compile(rf"(?<!\w)(?:{pattern.pattern})(?!\w)"), anchors)


def _month_year(month: int, year: int | None, pub: dt.date | None) -> int | None:
    if year is not None:
        return year
    if pub is None:
        return None
    return pub.year if month <= pub.month else pub.year - 1


def _in_month(year: int, month: int, part) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    day = last if part == "last" else int(part) if part else 15
    return dt.date(year, month, min(day, last))


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def find_dates(
    text: str, published_at: dt.datetime | dt.date | None, norm: Normalised | None = None
) -> list[DateSpan]:
    """Every date expression in ``text`` that can be resolved (spans into ``text``); ``norm`` is
    ``normalise(text)`` when the caller has it (the report's reading)."""
    t = _tables()
    pub = published_at.date() if isinstance(published_at, dt.datetime) else published_at
    norm = norm if norm is not None else normalise(text)
    out: list[DateSpan] = []
    for m in anchored_matches(t.anchors, t.pattern, norm.text):
        g = m.groupdict()
        a, b = norm.to_original(m.start(), m.end())
        try:
            span = _resolve(g, t, pub)
        except (ValueError, OverflowError):
            continue
        if span is not None:
            date, precision, kind = span
            out.append(DateSpan(a, b, date, precision, kind, text[a:b]))
    return out


def _resolve(g: dict, t: _Tables, pub: dt.date | None) -> tuple[dt.date, int, str] | None:
    if g["iso"]:
        return dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"])), 1, "absolute"
    if g["dmy"]:
        return dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"])), 1, "absolute"
    if g["hij"]:
        from hijridate import Hijri

        greg = Hijri(int(g["hy"]), t.hijri[g["hname"]], int(g["hd"])).to_gregorian()
        return dt.date(greg.year, greg.month, greg.day), 1, "hijri"
    if g["part"] and g["pm"]:
        month = t.months[g["pm"]]
        year = _month_year(month, int(g["py"]) if g["py"] else None, pub)
        if year is None:
            return None
        return (
            _in_month(year, month, t.rel["month_parts"][g["part"]]),
            3,
            "relative" if not g["py"] else "absolute",
        )
    if g["partrel"]:
        if pub is None:
            return None
        offset = -1 if any(w in g["relm"] for w in ("الماضي", "الفائت", "المنصرم")) else 0
        year, month = _shift_month(pub, offset)
        return _in_month(year, month, t.rel["month_parts"][g["partrel"]]), 3, "relative"
    if g["ordd"]:
        month = t.months[g["om"]]
        year = _month_year(month, int(g["oy"]) if g["oy"] else None, pub)
        if year is None:
            return None
        return dt.date(year, month, _ORDINALS[g["ordd"]]), 1, "absolute" if g["oy"] else "relative"
    if g["mname"]:
        if not (g["dd"] or g["yy"] or g["shahr"]) and len(g["mname"]) <= 3:
            return (
                None  # "اب" (آب, August) is also "father", "ماي" a Maghrebi May: need a day, a year or "شهر"
            )
        month = t.months[g["mname"]]
        year = _month_year(month, int(g["yy"]) if g["yy"] else None, pub)
        if year is None:
            return None
        if g["dd"]:
            return dt.date(year, month, int(g["dd"])), 1, "absolute" if g["yy"] else "relative"
        return _in_month(year, month, None), 3, "absolute" if g["yy"] else "relative"
    if g["wd"]:
        if pub is None:
            return None
        back = (pub.weekday() - t.rel["weekdays"][g["wd"]]) % 7
        if g["wdpast"] and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), 1, "relative"
    if g["rel"]:
        if pub is None:
            return None
        key = g["rel"]
        if key in t.rel["days"]:
            return pub + dt.timedelta(days=t.rel["days"][key]), 1, "relative"
        if key in t.rel["weeks"]:
            return pub + dt.timedelta(days=t.rel["weeks"][key]), 2, "relative"
        year, month = _shift_month(pub, t.rel["months"][key])
        return _in_month(year, month, None), 3, "relative"
    return None
