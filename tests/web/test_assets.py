"""The page's files: vendored libraries as published, a basemap that covers the region, nothing remote."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from rasd.models import Place
from rasd.web.places import label_rank, place_labels

STATIC = Path(__file__).resolve().parents[2] / "rasd" / "web" / "static"


def test_vendored_files_are_the_published_ones():
    manifest = json.loads((STATIC / "vendor" / "VERSIONS.json").read_text())
    assert set(manifest) == {"leaflet", "leaflet.markercluster", "d3", "swagger-ui-dist"}
    for package, meta in manifest.items():
        assert meta["integrity"].startswith("sha512-"), package
        for rel, digest in meta["files"].items():
            assert hashlib.sha256((STATIC / "vendor" / rel).read_bytes()).hexdigest() == digest, rel


def test_page_and_scripts_name_no_other_host():
    for path in [STATIC / "index.html", STATIC / "app.css", *sorted((STATIC / "js").glob("*.js"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), path
        assert not re.search(r"fetch\([\"'`]https?:", text), path
        assert "innerHTML" not in text, f"{path.name}: build DOM nodes, never parse data as HTML"
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert (STATIC / ref.removeprefix("/static/")).is_file(), ref


def _points(geometry):
    """Every (lon, lat) of a (multi) line or polygon geometry."""
    coords = geometry["coordinates"]
    while coords and isinstance(coords[0][0], list):
        coords = [c for part in coords for c in part]
    return coords


def test_basemap_covers_the_region_with_rivers_and_governorates():
    basemap = json.loads((STATIC / "basemap" / "basemap.json").read_text(encoding="utf-8"))
    layers = basemap["layers"]
    for name, layer in layers.items():
        assert layer["type"] == "FeatureCollection" and layer["features"], name
    # The Euphrates passes Deir ez-Zor (40.14 E, 35.33 N): a line of that name comes within ~10 km of it.
    euphrates = [
        f for f in layers["rivers"]["features"] if f["properties"]["name"] in ("Euphrates", "Al Furat")
    ]
    river_points = [p for f in euphrates for p in _points(f["geometry"])]
    assert min((x - 40.14) ** 2 + (y - 35.33) ** 2 for x, y in river_points) < 0.1**2
    governorates = {f["properties"]["name_en"]: f for f in layers["admin1_labels"]["features"]}
    assert "دير الزور" in governorates["Deir ez-Zor"]["properties"]["name_ar"]
    # Governorate lines run through Syria and Iraq.
    admin_points = [p for f in layers["admin1"]["features"] for p in _points(f["geometry"])]
    assert sum(35.5 < x < 48.5 and 29 < y < 37.5 for x, y in admin_points) > 200
    labels = {f["properties"]["iso2"]: f for f in layers["country_labels"]["features"]}
    assert labels["SY"]["properties"]["name_ar"] == "سوريا"
    x, y = labels["IQ"]["geometry"]["coordinates"]
    assert 38.8 < x < 48.6 and 29.1 < y < 37.4
    assert "Natural Earth" in basemap["attribution"]


def test_label_ranks_follow_population():
    def place(pop, code="PPL"):
        return Place(name_ar="س", name_en="x", lat=35.0, lon=40.0, population=pop, feature_code=code)

    assert label_rank(place(2_500_000)) == (1, 5)
    assert label_rank(place(38_000)) == (4, 8)
    assert label_rank(place(800)) == (5, 10)
    assert label_rank(place(800, "PPLC"))[0] == 1
    ranks = [
        f["properties"]["rank"]
        for f in place_labels([place(500), place(3_000_000), place(50_000)])["features"]
    ]
    assert ranks == [1, 4, 5]
