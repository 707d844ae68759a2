"""National administrative hierarchies with no coordinates of their own, placed from the gazetteer's towns.

Yemen: ``yemen-regions-py`` (MIT) lists 22 governorates, 335 districts, ~2,200 uzlahs and ~41,500 villages
with Arabic and English names, but no coordinates. Each unit is placed from places the gazetteer already
knows:

- a governorate at its capital (``admin1.csv``), else at its most populous GeoNames place;
- a district at the GeoNames place of the same governorate that bears its name (its seat), else at the
  median of the GeoNames places of the governorate named like its uzlahs or villages, else at its
  governorate (``approximate``);
- an uzlah or a village at its district's point (ACLED geo precision 2 when an event is placed there).

The units live in their own table (``hierarchy``), looked up by name only when the text introduces a name
with a place cue (``قرية X``، ``مديرية X``): their 45,000 names never enter the matcher, so loading stays fast
and village names that are common words do not fire on ordinary text.

Example: a village ``التربه`` of the district ``بيت الفقيه`` (Al Hudaydah) → the point of Bayt al Faqih.
"""

from __future__ import annotations

import json
import logging
import statistics
from importlib import resources

from rasd.kb.gazetteer.names import name_forms
from rasd.text import normalise_key

logger = logging.getLogger(__name__)


def _yemen_data() -> dict | None:
    try:
        text = (
            resources.files("yemen_regions_py").joinpath("data/yemen-info.json").read_text(encoding="utf-8")
        )
    except (ModuleNotFoundError, FileNotFoundError):
        logger.warning("yemen-regions-py is not installed: no Yemeni hierarchy in the gazetteer")
        return None
    return json.loads(text)


def yemen_hierarchy(places: list[tuple], admin1: list[dict[str, str]]) -> list[dict]:
    """Rows of the ``hierarchy`` table for Yemen.

    Args:
        places: the gazetteer's Yemeni places as ``(key, name_ar, name_en, admin1, country, lat, lon,
            population, feature_code)`` (the feature code may be left out).
        admin1: the rows of ``admin1.csv`` (to give every unit the gazetteer's governorate name).
    """
    data = _yemen_data()
    if data is None:
        return []
    gov_en = {normalise_key(r["name_ar"]): r["name_en"] for r in admin1 if r["country"] == "YE"}
    by_admin1: dict[str, list[tuple]] = {}
    by_form: dict[tuple[str, str], list[tuple]] = {}
    for p in places:
        by_admin1.setdefault(p[3] or "", []).append(p)
        for f in name_forms(p[1]) if p[1] else ():
            by_form.setdefault((p[3] or "", f), []).append(p)
    rows: list[dict] = []
    for g in data.get("governorates", []):
        a1 = gov_en.get(normalise_key(g["name_ar"]))
        towns = by_admin1.get(a1 or "", [])
        if not a1 or not towns:
            logger.info("Yemeni governorate %s not matched to the gazetteer", g["name_ar"])
            continue
        # its capital: the town admin1.csv names (PPLA), else the most populous one
        capital = max(towns, key=lambda p: (p[8:9] == ("PPLA",), p[7] or 0))
        gkey = f"ye:g{g['id']}"
        rows.append(_unit(gkey, "governorate", g, None, a1, None, capital[5], capital[6], 0, capital[0]))
        for d in g.get("districts", []):
            dkey = f"ye:d{d['id']}"
            lat, lon, approx, how = _place_district(d, a1, by_form, capital)
            rows.append(_unit(dkey, "district", d, gkey, a1, d["name_en"], lat, lon, approx, how))
            for u in d.get("uzaal", []):
                ukey = f"ye:u{u['id']}"
                rows.append(_unit(ukey, "uzlah", u, dkey, a1, d["name_en"], lat, lon, 1, dkey))
                for v in u.get("villages", []):
                    rows.append(
                        _unit(f"ye:v{v['id']}", "village", v, ukey, a1, d["name_en"], lat, lon, 1, dkey)
                    )
    return rows


def _place_district(d: dict, a1: str, by_form: dict, capital: tuple) -> tuple[float, float, int, str]:
    seat = [p for f in name_forms(d["name_ar"]) for p in by_form.get((a1, f), [])]
    if seat:
        p = max(seat, key=lambda p: p[7] or 0)
        return p[5], p[6], 0, p[0]
    known = {
        p[0]: p
        for u in d.get("uzaal", [])
        for n in [u["name_ar"], *(v["name_ar"] for v in u.get("villages", []))]
        for f in name_forms(n)
        for p in by_form.get((a1, f), [])
    }
    if known:
        pts = list(known.values())
        return statistics.median(p[5] for p in pts), statistics.median(p[6] for p in pts), 1, "median"
    return capital[5], capital[6], 1, capital[0]


def _unit(key, level, raw, parent, admin1, admin2, lat, lon, approx, how) -> dict:
    return {
        "key": key,
        "level": level,
        "name_ar": " ".join((raw.get("name_ar") or "").split()),
        "name_en": " ".join((raw.get("name_en") or "").split()),
        "parent_key": parent,
        "country": "YE",
        "admin1": admin1,
        "admin2": admin2,
        "lat": lat,
        "lon": lon,
        "approximate": approx,
        "located_by": how,
    }
