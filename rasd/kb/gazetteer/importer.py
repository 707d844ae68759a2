"""``rasd kb import``: add places from a GeoNames country dump or an OCHA COD populated-places CSV.

No registry package ships these files; analysts who have one (GeoNames ``SY.txt``,
OCHA's ``syr_pplp`` table) load it into their gazetteer to cover every village.

GeoNames dump: tab-separated, the 19 standard columns (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2,
admin1 code, admin2 code, admin3, admin4, population, elevation, dem, timezone,
modification date). OCHA COD CSV: the HDX populated-places layout with columns
``featureName_en, featureName_ar, admin1Name_en, admin2Name_en, latitude, longitude,
admin0Pcode`` (``pcode`` optional; header case-insensitive).
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rasd.errors import KBError
from rasd.kb.gazetteer.build import admin1_rows, stop_names
from rasd.kb.gazetteer.names import is_arabic_name, name_forms

_GEONAMES_COLUMNS = 19


def geonames_dump_rows(path: Path) -> Iterator[dict]:
    admin = {(r["country"], r["code"]): r["name_en"] for r in admin1_rows()}
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < _GEONAMES_COLUMNS:
                raise KBError(
                    f"expected {_GEONAMES_COLUMNS} tab-separated columns, got {len(cols)}",
                    source=f"{path}:{lineno}",
                )
            arabic = [a for a in cols[3].split(",") if is_arabic_name(a)]
            if not arabic:
                continue
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError as e:
                raise KBError(f"bad coordinates: {e}", source=f"{path}:{lineno}") from e
            cc = cols[8]
            yield {
                "key": f"gn:{cols[0]}",
                "geonameid": int(cols[0]),
                "name_en": cols[1],
                "name_ar": arabic[0],
                "variants": arabic[1:],
                "feature_class": cols[6] or "P",
                "feature_code": cols[7] or "PPL",
                "population": int(cols[14] or 0),
                "admin1": admin.get((cc, cols[10]), cols[10] or None),
                "admin2": cols[11] or None,
                "country": cc,
                "lat": lat,
                "lon": lon,
                "approximate": 0,
                "source": f"GeoNames dump {path.name}",
            }


def ocha_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = {h.lower(): h for h in reader.fieldnames or []}
        need = ["featurename_ar", "featurename_en", "latitude", "longitude", "admin1name_en", "admin0pcode"]
        missing = [n for n in need if n not in fields]
        if missing:
            raise KBError(
                f"not an OCHA COD populated-places CSV: missing columns {missing}", source=str(path)
            )
        for lineno, row in enumerate(reader, start=2):

            def get(k: str, row: dict = row) -> str:
                return (row.get(fields.get(k, ""), "") or "").strip()

            try:
                lat, lon = float(get("latitude")), float(get("longitude"))
            except ValueError as e:
                raise KBError(f"bad coordinates: {e}", source=f"{path}:{lineno}") from e
            pcode = get("pcode") or f"{lineno}"
            yield {
                "key": f"imp:ocha:{pcode}",
                "geonameid": None,
                "name_en": get("featurename_en"),
                "name_ar": get("featurename_ar"),
                "variants": [],
                "feature_class": "P",
                "feature_code": "PPL",
                "population": 0,
                "admin1": get("admin1name_en") or None,
                "admin2": get("admin2name_en") or None,
                "country": get("admin0pcode")[:2].upper(),
                "lat": lat,
                "lon": lon,
                "approximate": 0,
                "source": f"OCHA COD {path.name}",
            }


def import_places(gazetteer_file: Path, source: Path, fmt: str) -> int:
    """Insert (or replace) the places of ``source`` into the built gazetteer file; returns how many."""
    if fmt not in ("geonames", "ocha"):
        raise KBError(f"unknown import format {fmt!r} (geonames or ocha)", source=str(source))
    rows = list(geonames_dump_rows(source) if fmt == "geonames" else ocha_rows(source))
    stop = stop_names()
    con = sqlite3.connect(gazetteer_file)
    with con:
        for row in rows:
            con.execute(
                "INSERT OR REPLACE INTO places VALUES (:key,:geonameid,:name_en,:name_ar,:feature_class,"
                ":feature_code,:population,:admin1,:admin2,:country,:lat,:lon,:approximate,:source)",
                row,
            )
            names = set()
            for n in [row["name_ar"], *row["variants"]]:
                names |= name_forms(n)
            con.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?)", [(n, row["key"]) for n in names - stop]
            )
    con.close()
    return len(rows)
