"""A name after ``في`` or ``قرب`` with no settlement cue is a place when a stated distance or the region holding
it follows (``في X، على بعد 30 كيلومترا من Y``، ``في X بولاية Y``): the Sahel's and Nigeria's villages are often
written so. Sentences written for these tests."""

import datetime as dt

import rasd
from rasd.geo.unknown import unknown_names
from rasd.text import normalise

_DAY = dt.datetime(2024, 3, 14, 12, tzinfo=dt.UTC)


def _names(text: str) -> list[str]:
    return [u.surface for u in unknown_names(normalise(text))]


def test_a_name_before_a_stated_distance_is_a_place():
    assert _names("هاجم مسلحون ثكنة في تامبوري، على بعد 40 كيلومترا من كايا") == ["تامبوري"]


def test_a_name_before_its_state_is_a_place():
    assert _names("أغار المسلحون على مركز للشرطة في كوروماني بولاية كاتسينا") == ["كوروماني"]


def test_an_event_word_before_a_state_is_no_place():
    assert _names("قتل ستة جنود في هجوم بولاية بورنو") == []
    assert _names("اعتقل عشرة مشتبه بهم في عملية بولاية بورنو") == []


def test_the_village_is_the_events_place():
    text = "قتل مسلحون خمسة جنود في هجوم على موقع عسكري في تامبوري، على بعد 40 كيلومترا من مدينة كايا، أمس."
    places = [e.location.name_as_written for e in rasd.extract(text, published_at=_DAY) if e.location]
    assert places == ["تامبوري"]


def test_an_island_is_a_settlement():
    # Lake Chad's islands are villages: ACLED codes an attack there at the island
    assert _names("هاجم مسلحون موقعا للجيش في جزيرة كوفيا على بحيرة تشاد") == ["كوفيا"]
    assert _names("انتشرت القوات في جزر كوفيا وباغا صولا") == ["كوفيا", "باغا صولا"]
