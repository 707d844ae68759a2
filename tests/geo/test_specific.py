"""The most specific place of a happening told twice: the village named in the retelling, not the town of the
first telling; several quarters of one city stay one event at the city. Sentences written for these tests."""

import datetime as dt

import rasd

_DAY = dt.datetime(2024, 2, 8, 12, tzinfo=dt.UTC)


def _places(text: str) -> list[tuple[str, str, str]]:
    return [
        (e.sub_event_type, e.location.name_as_written or e.location.name_ar, e.location.decision)
        for e in rasd.extract(text, published_at=_DAY)
        if e.location is not None
    ]


def test_the_village_of_a_retelling_is_the_events_place():
    text = (
        "قتل قياديان في فصيل مسلح بغارة طائرة مسيرة استهدفت سيارة شرق بغداد مساء الأربعاء. "
        "وذكر ضابط أن الغارة أصابت السيارة في منطقة المشتل شرق العاصمة بغداد."
    )
    [(kind, name, decision)] = _places(text)
    assert kind == "Air/drone strike"
    assert (name, decision) == ("المشتل", "unknown-at-parent")


def test_several_quarters_of_one_raid_stay_at_the_city():
    text = "شنت قوات الأمن حملة اعتقالات في بغداد أمس، واستهدفت الحملة حي العدل وحي الجامعة."
    found = _places(text)
    assert [name for _, name, _ in found] == ["بغداد"]


def test_each_village_of_a_governorate_is_an_event_of_its_own():
    # Both villages are known only by their governorate (precision 3): ACLED still codes one event per village.
    text = "قصفت الطائرات الحربية قريتي عين الورد وتل الزعتر في محافظة إدلب صباح اليوم."
    found = _places(text)
    assert [name for _, name, _ in found] == ["عين الورد", "تل الزعتر"]


def test_the_village_of_the_clause_beats_the_region_it_is_put_at():
    text = "شن الطيران الإسرائيلي اليوم غارات على الجنوب اللبناني استهدفت إحداها سيارة في بلدة كرم الورد."
    [(kind, name, decision)] = _places(text)
    assert kind == "Air/drone strike"
    assert (name, decision) == ("كرم الورد", "unknown-at-parent")


def test_a_happening_told_again_at_the_city_stays_at_its_district(resources):
    """A bombing told at a district of Aden with its toll, then again "في عدن": one event, at the district."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from rasd.coding.api import extract_events

    text = (
        "قتل 12 جنديا ظهر السبت بتفجير سيارة مفخخة يقودها انتحاري عند بوابة منطقة العريش التابعة لمديرية "
        "خورمكسر بمحافظة عدن. وقال شاهد عيان في عدن إن دوي التفجير الانتحاري سمع في أنحاء واسعة."
    )
    events = extract_events(
        text, published_at=dt.datetime(2016, 12, 18, 12, tzinfo=ZoneInfo("Asia/Aden")), resources=resources
    )
    bombs = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert len(bombs) == 1
    assert bombs[0].location.name_as_written == "العريش" and bombs[0].fatalities.best == 12
