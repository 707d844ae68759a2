"""Geocoding: toponym mentions → gazetteer places, in the document's context."""

from rasd.geo.headline import fallback_places, headline_places
from rasd.geo.resolve import haversine_km, resolve

__all__ = ["fallback_places", "haversine_km", "headline_places", "resolve"]
