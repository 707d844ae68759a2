"""A road named by its two ends (``طريق X - Y``) is one place (between far ends, at the first of near ones), not
two towns each with an event.
Sentences written for these tests."""

import datetime as dt

import rasd
from rasd.geo import resolve
from rasd.geo.resolve import haversine_km
from rasd.kb.match import find_mentions
from rasd.models import Document

_DAY = dt.datetime(2024, 4, 2, 12, tzinfo=dt.UTC)


def test_a_road_between_two_towns_is_one_place_at_their_midpoint(settings, gazetteer, matcher):
    text = "نصب مسلحون كمينا لحافلة عسكرية على طريق حمص - تدمر فجر اليوم."
    found = resolve(Document(doc_id="t", body=text), find_mentions(text, matcher), gazetteer, settings)
    [road] = [p for p in found if p.cue == "طريق"]
    assert road.name_as_written == "طريق حمص - تدمر" and road.geo_precision == 2
    [homs] = gazetteer.candidates("حمص")[:1]
    assert 60 < haversine_km(road, homs) < 90  # half of the 150 km between Homs and Palmyra
    assert [p.name_as_written for p in found if p.decision == "gazetteer"] == []


def test_an_ambush_on_the_road_is_one_event():
    text = "قتل ثلاثة جنود في كمين نصبه مسلحون مجهولون على طريق دمشق - السويداء مساء أمس."
    places = [e.location.name_as_written for e in rasd.extract(text, published_at=_DAY) if e.location]
    assert places == ["طريق دمشق - السويداء"]


def test_a_short_road_is_told_by_the_town_it_starts_from(settings, gazetteer, matcher):
    text = "انفجرت عبوة ناسفة بسيارة على طريق القامشلي - عامودا صباح اليوم."
    found = resolve(Document(doc_id="t", body=text), find_mentions(text, matcher), gazetteer, settings)
    [road] = [p for p in found if p.cue == "طريق"]
    [qamishli] = [p for p in gazetteer.candidates("القامشلي") if p.country == "SY"][:1]
    assert haversine_km(road, qamishli) < 1 and road.parent_name == qamishli.name_ar
