"""A town's name inside a street's or a square's name (``شارع بغداد``، ``شارع جسر X``) names the street, not the
town: the happening is in the town the text puts the street in; inside an armed unit's name (``كتيبة ثوار X``) it
names the unit. Sentences written for these tests."""

import datetime as dt


def test_a_street_named_after_a_city_is_no_event_in_that_city(written_places):
    text = "انفجرت سيارة مفخخة صباح اليوم في شارع بغداد وسط العاصمة دمشق."
    assert written_places(text) == ["دمشق"]


def test_a_town_one_word_into_a_street_name_is_no_place(written_places):
    text = "انفجرت عبوة ناسفة صباح اليوم في شارع كوبري بنها وسط مدينة طنطا."
    assert written_places(text) == ["شارع كوبري بنها"]


def test_a_town_inside_an_armed_units_name_is_no_place(settings, gazetteer, matcher):
    from zoneinfo import ZoneInfo

    from rasd.geo import resolve
    from rasd.kb.match import find_mentions
    from rasd.models import Document

    text = "قال قائد كتيبة ثوار الزاوية إن قواته صدت هجوماً على مواقعها في مدينة غريان مساء أمس."
    doc = Document(
        doc_id="t", body=text, published_at=dt.datetime(2020, 1, 1, tzinfo=ZoneInfo("Africa/Tripoli"))
    )
    places = resolve(doc, find_mentions(text, matcher), gazetteer, settings)
    assert [p.name_as_written for p in places] == ["غريان"]
