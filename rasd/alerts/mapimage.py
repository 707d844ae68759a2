"""A small map of a digest's events, drawn with Pillow on rasd's offline basemap.

The basemap is the page's own (``rasd/web/static/basemap/basemap.json``: Natural Earth land,
borders, governorates, lakes), projected equirectangularly with the latitude's cosine so
shapes look right at the region's latitudes. Nothing is fetched; text is ASCII (Pillow's
default font has no Arabic shaping), the Arabic summary is in the message itself.
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections import Counter
from importlib import resources
from typing import Any

from rasd.alerts.message import labels
from rasd.models import Event

DEFAULT_VIEW = (35.0, 32.0, 43.5, 38.0)  # Syria, when no event has coordinates


@functools.lru_cache(maxsize=1)
def basemap() -> dict[str, Any]:
    text = resources.files("rasd.web").joinpath("static/basemap/basemap.json").read_text(encoding="utf-8")
    return json.loads(text)


def _rings(geom: dict[str, Any]) -> list[list[list[float]]]:
    kind, coords = geom["type"], geom["coordinates"]
    if kind == "Polygon":
        return coords
    if kind == "MultiPolygon":
        return [ring for poly in coords for ring in poly]
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return coords
    return []


def _ascii(text: str) -> str:
    return (text or "").encode("ascii", "ignore").decode()


def view_for(
    events: list[Event], pad: float = 0.6, min_span: float = 2.0
) -> tuple[float, float, float, float]:
    pts = [(e.location.lon, e.location.lat) for e in events if e.location and e.location.lat is not None]
    if not pts:
        return DEFAULT_VIEW
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs) + 2 * pad, min_span)
    h = max(max(ys) - min(ys) + 2 * pad, min_span * 0.75)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def render(events: list[Event], *, width: int = 640, title: str = "") -> bytes:
    """A PNG of the events over land, borders and governorates; one dot per place, sized by its count."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = view_for(events)
    k = math.cos(math.radians((y0 + y1) / 2))
    height = max(240, int(width * (y1 - y0) / ((x1 - x0) * k)))
    height = min(height, width)
    sx, sy = width / (x1 - x0), height / (y1 - y0)

    def px(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * sx, (y1 - lat) * sy

    img = Image.new("RGB", (width, height), "#cfe3f0")  # sea
    draw = ImageDraw.Draw(img)
    layers = basemap()["layers"]

    def bbox_hits(ring: list[list[float]]) -> bool:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        return not (max(lons) < x0 or min(lons) > x1 or max(lats) < y0 or min(lats) > y1)

    for f in layers["land"]["features"]:
        for ring in _rings(f["geometry"]):
            if len(ring) > 2 and bbox_hits(ring):
                draw.polygon([px(*p[:2]) for p in ring], fill="#f3efe4")
    for f in layers.get("lakes", {}).get("features", []):
        for ring in _rings(f["geometry"]):
            if len(ring) > 2 and bbox_hits(ring):
                draw.polygon([px(*p[:2]) for p in ring], fill="#cfe3f0")
    for name, color, w in (("admin1", "#c8bfae", 1), ("countries", "#7d7466", 2)):
        for f in layers.get(name, {}).get("features", []):
            for line in _rings(f["geometry"]):
                if len(line) > 1 and bbox_hits(line):
                    draw.line([px(*p[:2]) for p in line], fill=color, width=w)
    for f in layers.get("admin1_labels", {}).get("features", []):  # governorate names, faint
        lon, lat = f["geometry"]["coordinates"][:2]
        name = _ascii(f["properties"].get("name_en", ""))
        if x0 < lon < x1 and y0 < lat < y1 and name:
            x, y = px(lon, lat)
            draw.text((x - 3 * len(name), y - 5), name, fill="#a89f8c")
    colors = labels().get("colors", {})
    names: dict[tuple[float, float], str] = {}
    for e in events:
        if e.location and e.location.lat is not None:
            loc = e.location
            names[(round(loc.lon, 3), round(loc.lat, 3))] = _ascii(loc.name_en_ascii or loc.name_en)
    at: Counter[tuple[float, float, str]] = Counter()
    for e in events:
        if e.location and e.location.lat is not None:
            at[(round(e.location.lon, 3), round(e.location.lat, 3), e.event_type)] += 1
    for (lon, lat, etype), n in sorted(at.items(), key=lambda kv: -kv[1]):
        x, y = px(lon, lat)
        r = 4 + 3 * math.sqrt(n)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colors.get(etype, "#777777"), outline="#222222")
        label = names.get((lon, lat), "") + (f" ({n})" if n > 1 else "")
        if label:
            draw.text((x + r + 3, y - 6), label, fill="#222222")
    # legend of the types present, and the title
    types = sorted({e.event_type for e in events})
    ly = height - 16 * len(types) - 8
    for i, etype in enumerate(types):
        y = ly + 16 * i
        draw.rectangle((8, y, 20, y + 12), fill=colors.get(etype, "#777777"), outline="#222222")
        draw.text((26, y), etype, fill="#222222")
    if title:
        draw.rectangle((0, 0, width, 18), fill="#ffffffcc")
        draw.text((6, 3), title.encode("ascii", "replace").decode(), fill="#222222")
    draw.text((width - 170, height - 14), "basemap: Natural Earth", fill="#555555")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()
