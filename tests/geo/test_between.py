"""A place the gazetteer lacks, said to lie between two towns (``قرية X التي تقع بين مدينتي A وB``), is put midway
between them, not at the first one named. Sentences written for these tests."""

import datetime as dt

import rasd
from rasd.geo.resolve import Place, haversine_km

_DAY = dt.datetime(2024, 5, 9, 12, tzinfo=dt.UTC)


def _located(text: str):
    return [e.location for e in rasd.extract(text, published_at=_DAY) if e.location is not None]


def test_an_unknown_area_between_two_towns_is_put_midway():
    text = "قصفت المدفعية صباح اليوم قرية الزهيرات التي تقع بين مدينتي حمص وحماة، ما أدى إلى مقتل مدنيين."
    [place] = _located(text)
    assert place.name_as_written == "الزهيرات"
    homs, hama = Place("حمص", lat=34.73, lon=36.71), Place("حماة", lat=35.13, lon=36.76)
    assert haversine_km(place, homs) > 15 and haversine_km(place, hama) > 15
