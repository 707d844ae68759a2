"""ACLED's names for the actors of each country: branches of a movement named by their province, and forces whose
generic word means the police in one country and the army in others. Sentences written for these tests."""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2021, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def events(resources):
    from rasd.coding.api import extract_events

    def run(text: str):
        return extract_events(text, published_at=PUBLISHED, resources=resources)

    return run


def _one(events, text: str):
    found = events(text)
    assert len(found) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in found]
    return found[0]


def test_sinai_province_is_the_islamic_states_branch_in_egypt(events):
    e = _one(events, "فجر مسلحون من تنظيم ولاية سيناء عبوة ناسفة في دورية للجيش المصري قرب مدينة العريش أمس.")
    assert e.actor1.name_en == "Islamic State (Sinai)"
    assert e.actor1.kb_id == "islamic-state-egypt"


def test_islamic_state_west_africa_carries_acleds_name(resources):
    assert resources.actors.ref_in("iswap", "NG").name_en == "Islamic State (West Africa)"


def test_the_national_guard_of_tunisia_is_its_police(events):
    e = _one(events, "اعتقلت وحدات من الحرس الوطني ثلاثة مسلحين في مرتفعات محافظة القصرين التونسية أمس.")
    assert e.actor1.name_en == "Police Forces of Tunisia"


def test_a_masked_group_is_an_unidentified_armed_group_not_the_force_named_before(events):
    found = events(
        "قتل جندي من الجيش السوري في درعا أمس. واختطفت مجموعة ملثمة شابا في بلدة تل شهاب بريف درعا أمس."
    )
    abductions = [e for e in found if e.sub_event_type == "Abduction/forced disappearance"]
    assert abductions
    assert abductions[0].actor1.name_en == "Unidentified Armed Group (Syria)"
