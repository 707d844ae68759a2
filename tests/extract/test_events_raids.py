"""Raids and attacks suffered: a raid (``أغار مسلحون على``) on a village is violence against civilians, on a post a battle
(ACLED). Sentences written for this test (issue 10)."""


def test_a_raid_on_a_village_is_an_attack_on_civilians(explain):
    text = "أغار مسلحون مجهولون فجر أمس على بلدة نبل في ريف حلب."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Attack"]


def test_an_attack_forces_suffered_is_a_battle_beside_the_strike(explain):
    # "عقب تعرض دورية للقوات لهجوم": the patrol was attacked and fought; not the strike told again
    text = "قصفت طائرات التحالف أمس مواقع في بلدة الباب بريف حلب عقب تعرض دورية للقوات الحكومية لهجوم من مسلحي داعش."
    assert sorted(e.sub_event_type for e in explain(text)[0]) == ["Air/drone strike", "Armed clash"]
