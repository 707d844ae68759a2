"""A person's home town (``شاب ينحدر من بلدة X``) is no place of what was done to them while the report names
another place for it. Sentences written for these tests."""


def test_the_home_town_beside_the_place_of_an_abduction_is_no_second_event(written_places):
    text = "خطف مسلحون ملثمون فجر اليوم في بلدة الحراك شرقي درعا شاباً ينحدر من مدينة جبلة."
    assert written_places(text) == ["الحراك"]
