"""A person's home town (``شاب ينحدر من بلدة X``) is no place of what was done to them while the report names
another place for it. Sentences written for these tests."""

import datetime as dt

import rasd

_DAY = dt.datetime(2024, 5, 9, 12, tzinfo=dt.UTC)


def _places(text: str) -> list[str]:
    return [
        e.location.name_as_written for e in rasd.extract(text, published_at=_DAY) if e.location is not None
    ]


def test_the_home_town_beside_the_place_of_an_abduction_is_no_second_event():
    text = "خطف مسلحون ملثمون فجر اليوم في بلدة الحراك شرقي درعا شاباً ينحدر من مدينة جبلة."
    assert _places(text) == ["الحراك"]
