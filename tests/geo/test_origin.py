"""Where the fire came from, and what only measures where a place is, in a list of an event's places (sentences
written for these tests)."""

import pytest

from rasd.geo.origin import continues_list, from_origin, words_before
from rasd.kb.lexicon import load_lexicon


@pytest.fixture(scope="module")
def markers():
    return load_lexicon().origin_markers


def _before(text: str, name: str) -> list[str]:
    return words_before(text, text.index(name), 5)


def test_a_garrison_town_is_where_the_fire_came_from(markers):
    text = "قصفت القوات المتمركزة في بلدتي الزيتون والرمان قرية السنديان"
    assert from_origin(_before(text, "الزيتون"), markers)
    assert continues_list(_before(text, "الرمان"))  # the next name of the garrison's list
    assert not from_origin(_before(text, "السنديان"), markers)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("طال القصف كل من مدينة الزيتون وقرية الرمان", "الزيتون"),  # each of
        ("خرجت مظاهرات في عدد من أحياء الزيتون", "الزيتون"),  # a number of
        ("نفذت حملات في مناطق من بينها مدينة الزيتون", "الزيتون"),  # among them
    ],
)
def test_a_partitive_min_is_no_origin(markers, text, name):
    assert not from_origin(_before(text, name), markers)


def test_a_bracketed_measure_stays_in_its_phrase():
    # "(12 كم شمال حلب)" locates the town before it; the villages after the bracket are places of their own.
    text = "قصفت المدفعية مدينة الزيتون (12 كم شمال حلب) وقريتي الرمان والسنديان"
    assert _before(text, "الرمان") == ["وقريتي"]
    assert "كم" in _before(text, "حلب")


def test_the_events_are_at_the_shelled_places_not_at_the_garrison():
    import datetime as dt

    import rasd

    text = (
        "فتحت المدفعية المتمركزة في بلدتي نبل والزهراء نيرانها أمس على مدينة عندان (15 كم شمال حلب) "
        "وقريتي عين السنديان وتل الرمان."
    )
    events = rasd.extract(text, published_at=dt.datetime(2017, 4, 8, 12, tzinfo=dt.UTC))
    names = [e.location.name_as_written or e.location.name_ar for e in events if e.location]
    assert names == ["عندان", "عين السنديان", "تل الرمان"]
