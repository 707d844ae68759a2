"""Alert rules: each condition decides on its own; places resolve through the gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.alerts.rules import AlertRule, Near, haversine_km, resolve_places
from rasd.models import ActorRef, Event, Fatalities, Place

HAJIN = Place(name_ar="هجين", name_en="Hajin", lat=34.69, lon=40.83, country="SY", admin1="Deir ez-Zor")
MOSUL = Place(name_ar="الموصل", name_en="Mosul", lat=36.34, lon=43.13, country="IQ", admin1="Nineveh")


def _event(place=HAJIN, etype="Battles", sub="Armed clash", dead=0, civ=False, status="machine", actor="sdf"):
    return Event(
        event_id="e1",
        doc_ids=("d1",),
        event_type=etype,
        sub_event_type=sub,
        event_date=dt.date(2024, 3, 1),
        location=place,
        fatalities=Fatalities(best=dead, min=dead, max=dead),
        civilian_targeting=civ,
        actor1=ActorRef(kb_id=actor, name_en="Syrian Democratic Forces", name_ar="قوات سوريا الديمقراطية"),
        status=status,
    )


@pytest.mark.parametrize(
    ("rule", "event", "when", "expected"),
    [
        (AlertRule("a"), _event(), "new", True),
        (AlertRule("a", countries=("SY",)), _event(place=MOSUL), "new", False),
        (AlertRule("a", admin1=("deir ez-zor",)), _event(), "new", True),
        (AlertRule("a", bbox=(40.0, 34.0, 41.0, 35.0)), _event(), "new", True),
        (AlertRule("a", bbox=(40.0, 34.0, 41.0, 35.0)), _event(place=MOSUL), "new", False),
        (AlertRule("a", near=Near(km=70, lat=35.02, lon=40.45)), _event(), "new", True),  # Al Mayadin, ~55 km
        (AlertRule("a", near=Near(km=30, lat=35.02, lon=40.45)), _event(), "new", False),
        (
            AlertRule("a", event_types=("Battles",)),
            _event(etype="Protests", sub="Peaceful protest"),
            "new",
            False,
        ),
        (AlertRule("a", sub_event_types=("Armed clash",)), _event(), "new", True),
        (AlertRule("a", actors=("sdf",), _actor_keys=frozenset({"sdf"})), _event(), "new", True),
        (AlertRule("a", actors=("isis",), _actor_keys=frozenset({"isis"})), _event(), "new", False),
        (AlertRule("a", min_fatalities=3), _event(dead=2), "new", False),
        (AlertRule("a", min_fatalities=3), _event(dead=3), "new", True),
        (AlertRule("a", civilian_targeting=True), _event(civ=False), "new", False),
        (AlertRule("a", status="confirmed"), _event(), "new", False),
        (AlertRule("a", status="confirmed"), _event(status="confirmed"), "confirmed", True),
        (AlertRule("a", status="any"), _event(status="rejected"), "confirmed", False),
        (AlertRule("a", enabled=False), _event(), "new", False),
    ],
)
def test_each_condition(rule, event, when, expected):
    assert rule.matches(event, when=when) is expected


def test_a_rule_names_an_actor_by_its_arabic_name_too():
    from rasd.alerts.state import parse_rule_text

    rule = parse_rule_text("name: sdf\nactors: [قوات سوريا الديمقراطية]\n", "t")
    assert rule.matches(_event(actor="sdf"))


def test_near_a_place_resolves_through_the_gazetteer(gazetteer):
    rule, error = resolve_places(AlertRule("h", near=Near(km=10, place="هجين", country="SY")), gazetteer)
    assert error is None and haversine_km(rule.near.lat, rule.near.lon, 34.69, 40.83) < 5
    assert rule.matches(_event())
    _, error = resolve_places(AlertRule("x", near=Near(km=10, place="لامكانهنا")), gazetteer)
    assert "not in the gazetteer" in error
