"""The web page: map, timeline, filters, event list, evidence view and review queue, served by the API process.

Everything the page loads comes from this server (vendored Leaflet, marker-cluster and d3; a Natural Earth
basemap cut by ``scripts/build_basemap.py``; town labels from the gazetteer), so it works with no internet.
``mount(app)`` adds the routes; ``rasd serve`` calls it.
"""

from rasd.web.routes import mount

__all__ = ["mount"]
