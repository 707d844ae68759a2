"""One event per place of a list (ACLED codes each village), on sentences written for these tests: villages the
gazetteer lacks count, a place that only contains or locates another does not."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rasd.coding.arguments import container_gap


@pytest.fixture(scope="module")
def extract(resources):
    from rasd.coding.api import extract_events

    when = dt.datetime(2023, 5, 14, 10, 0, tzinfo=ZoneInfo("Asia/Damascus"))
    return lambda text: extract_events(text, published_at=when, resources=resources)


def _places(events) -> list[str]:
    return sorted(e.location.name_as_written for e in events if e.location)


def test_a_list_of_unknown_villages_is_one_event_each(extract):
    events = extract(
        "قصفت طائرات حربية روسية قريتي كفرتوبا وتل شعير في ريف إدلب الجنوبي، ما أدى لمقتل مدنيين."
    )
    assert _places(events) == ["تل شعير", "كفرتوبا"]


def test_the_town_an_unknown_village_belongs_to_is_no_event_of_its_own(extract):
    events = extract("قتل مدني بقصف طائرات حربية على قرية كفرتوبا، التابعة لمدينة أريحا جنوب إدلب.")
    assert _places(events) == ["كفرتوبا"]


def test_a_town_named_as_a_distance_reference_is_no_event(extract):
    events = extract("سيطرت قسد على قرية كفرتوبا (30 كم غربي مدينة منبج) وقرية تل شعير بعد اشتباكات.")
    assert "منبج" not in _places(events)


def test_two_towns_of_a_between_phrase_are_no_two_events(extract):
    events = extract(
        "اندلعت اشتباكات عنيفة بين عشيرتين في منطقة كفرتوبا الواقعة بين مدينتي الرقة ودير الزور."
    )
    assert len(events) == 1 and _places(events) == ["كفرتوبا"]


def _extract_in(resources, text: str, zone: str):
    from rasd.coding.api import extract_events

    when = dt.datetime(2023, 5, 14, 10, 0, tzinfo=ZoneInfo(zone))
    return extract_events(text, published_at=when, resources=resources)


def test_a_chain_of_containers_is_one_event(resources):
    """ "حي X بمديرية Y في العاصمة المؤقتة Z": Y holds X and Z holds Y, so the event is at X alone."""
    text = "اختطف مسلحون ملثمون موظفا حكوميا صباح الخميس من حي الممدارة بمديرية الشيخ عثمان في العاصمة المؤقتة عدن."
    events = _extract_in(resources, text, "Asia/Aden")
    assert len(events) == 1 and _places(events) == ["الممدارة"]


def test_towns_joined_by_a_dash_name_a_road_not_a_chain(resources):
    """ "الطريق الدولي X- Y بقرية Z": the dash joins the road's two ends, so Z is not held by Y as a chain link."""
    text = "فككت وحدة من الجيش اليوم عبوة ناسفة مزروعة قرب الطريق الدولي العريش- الشيخ زويد بقرية المهدية بشمال سيناء."
    assert "المهدية" in _places(_extract_in(resources, text, "Africa/Cairo"))


@pytest.mark.parametrize(
    ("gap", "contains"),
    [
        ("التابعه لبلده", True),
        ("، التابعه لناحيه", True),
        ("في ريف", True),
        ("(14 كم جنوب", True),
        ("في شرق العاصمه", True),
        ("في العاصمه المؤقته", True),
        ("في العاصمه الاداريه المؤقته", True),
        ("", True),
        ("،", False),
        ("و", False),
        ("وفي", False),
    ],
)
def test_container_gap(gap, contains):
    assert container_gap(gap) is contains


def test_a_state_that_ends_a_list_is_an_event_of_its_own(resources):
    """ "في مدينتي X وY وولاية Z": the state joined to the list by و and its cue is a third place, at precision 3."""
    text = "فرقت الشرطة بالغاز المسيل للدموع مئات المتظاهرين في مدينتي كسلا والأبيض وولاية شمال دارفور يوم الجمعة."
    events = _extract_in(resources, text, "Africa/Khartoum")
    assert len(events) == 3
    [state] = [e for e in events if e.location.feature_code == "ADM1"]
    assert state.location.admin1 == "North Darfur" and state.geo_precision == 3


def test_a_state_that_holds_the_town_is_no_item(resources):
    text = "فرقت الشرطة بالغاز المسيل للدموع مئات المتظاهرين في مدينة كسلا بولاية كسلا يوم الجمعة."
    assert len(_extract_in(resources, text, "Africa/Khartoum")) == 1


def test_the_segments_one_village_before_the_triggers_clause_is_the_place(extract):
    events = extract(
        "أصيب مدني من أهالي قرية كفرتوبا بريف تل تمر، إثر قصف مدفعي تركي استهدف ريف تل تمر صباح اليوم."
    )
    assert _places(events) == ["كفرتوبا"]


def test_a_place_the_list_is_near_is_no_item_of_it(extract):
    # "قرب قرية Z" after a list says where the villages are; Z is no village that was struck
    text = "قصفت الطائرات الحربية قريتي الطويلة والمشرفة بريف إدلب، قرب قرية الزيادية، صباح اليوم."
    assert _places(extract(text)) == ["الطويلة", "المشرفة"]


def test_a_bracketed_place_the_list_is_near_is_no_item_of_it(extract):
    text = "اختطف مسلحون مجهولون أمس شابين من قريتي الطويلة والمشرفة بريف درعا، قرب منطقة (الزيادية)."
    assert _places(extract(text)) == ["الطويلة", "المشرفة"]
