"""Battles on real reports (issue 10): fighting told as a happening of its own stays a battle beside the shelling
or the strike of the same place and day; a clash word that only retells a strike joins it. Sentences written for
these tests."""

import datetime as dt

PUBLISHED = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)


def _kinds(events) -> list[tuple[str, str]]:
    return sorted((e.event_type, e.sub_event_type) for e in events)


def test_fighting_between_two_named_sides_is_a_battle_beside_the_shelling(extract):
    # the shelling hit homes; the fighting between the army and the Houthis is a second happening (ACLED)
    text = (
        "قصفت جماعة الحوثي بيوت السكان في مدينة تعز اليوم فقتلت مدنيين اثنين. "
        "ودارت مواجهات عنيفة بين قوات الجيش اليمني ومسلحي جماعة الحوثي في المدينة."
    )
    events = extract(text, PUBLISHED)
    assert _kinds(events) == [
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ]
    shelling = next(e for e in events if e.event_type == "Explosions/Remote violence")
    assert shelling.actor2 is not None and shelling.actor2.name_en.startswith("Civilians")


def test_an_attack_that_killed_a_member_of_a_force_is_a_battle(extract):
    # "عنصر" (a member of a force or a group) is armed: the attack on him is fought, not an attack on civilians
    text = (
        "ذكر ناشطون أن مسلحين استهدفوا حاجزا قرب بلدة الشحيل شرقي دير الزور أمس. "
        "وبحسب الناشطين فإن الهجوم تسبب بمقتل عنصر واحد."
    )
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_militants_killed_by_troops_are_a_battle(extract):
    # a communique's count of "terrorist elements" killed: the armed group fought (ACLED), no civilians were hit
    text = "أعلن الجيش الصومالي أن قواته قتلت 40 عنصر إرهابي في مدينة جوهر أمس أثناء تمشيط المنطقة."
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_an_undated_regional_telling_joins_the_dated_towns_fighting(extract):
    # the governorate's fighting, told with no date of its own, is the town's fighting of the day before told
    # from afar (ACLED codes the most specific place), not a second battle dated the day of the report
    text = (
        "اندلعت أمس اشتباكات بين مسلحين من عشيرتين في مدينة عتق. "
        "وفي محافظة شبوة تواصلت مواجهات مسلحة بين الطرفين وقتل فيها شخص."
    )
    events = extract(text, PUBLISHED)
    assert [(e.sub_event_type, e.location.name_ar, e.event_date) for e in events] == [
        ("Armed clash", "عتق", dt.date(2024, 3, 11))
    ]


def test_a_killing_told_at_a_town_of_its_own_is_no_retelling_of_a_strike_nearby(extract):
    # "قتل" is often the strike told again; told at another town (both named as the places themselves), it is
    # a happening of that town, however near
    text = (
        "استهدفت طائرة مسيرة اليوم مركبة عسكرية في مدينة لودر بمحافظة أبين وقتلت جنديين. "
        "وأضاف المصدر أن جنديا ثالثا قتل خلال عملية أمنية في مديرية مودية."
    )
    events = extract(text, PUBLISHED)
    assert sorted(e.location.name_ar for e in events) == ["لودر", "مودية"]


def test_a_definite_noun_told_at_a_town_of_its_own_is_that_towns_happening(extract):
    # "القصف" refers back to the shelling told, but told at another town it is that town's shelling (ACLED: one
    # event per place), however near the two towns lie
    text = "قصفت قوات النظام بالمدفعية مدينة سراقب في ريف إدلب اليوم. وفي مدينة أريحا أدى القصف إلى مقتل ثلاثة مدنيين."
    events = extract(text, PUBLISHED)
    assert sorted(e.location.name_ar for e in events) == ["أريحا", "سراقب"]


def test_attacks_told_at_two_villages_are_two_events(extract):
    # the generic attack word at a second village, with a place of its own, is that village's attack (ACLED: one
    # event per place), not the first village's told again
    text = (
        "هاجمت قوات الدعم السريع قرية أم سدرة في ولاية شمال كردفان أمس. "
        "وفي قرية ود العباس المجاورة هاجم عناصر الدعم السريع السكان وقتلوا خمسة منهم."
    )
    events = extract(text, PUBLISHED)
    assert sorted(e.location.name_ar for e in events) == ["أم سدرة", "ود العباس"]


def test_the_force_named_after_an_attack_verb_is_its_doer_not_an_armed_target(extract):
    # "هاجمت قوات X قرية": the force right after the verb attacked; the village it attacked is unarmed
    text = "هاجمت قوات الدعم السريع قرية أم سدرة في ولاية شمال كردفان أمس وأحرقت منازل فيها."
    assert _kinds(extract(text, PUBLISHED)) == [("Violence against civilians", "Attack")]


def test_villagers_killed_at_the_hands_of_terrorists_are_an_attack_on_civilians(extract):
    # the armed men follow a doer's role word (على يد): they killed, they were not the killed
    text = "أفاد مسؤول محلي بأن 12 قرويا قتلوا أمس في مدينة جوهر على يد متشددين."
    assert _kinds(extract(text, PUBLISHED)) == [("Violence against civilians", "Attack")]


def test_militants_counted_among_the_killed_are_still_a_battle(extract):
    # "من" counts the killed here; it names no doer
    text = "أعلن الجيش الصومالي أن قواته قتلت خمسة من الإرهابيين خلال عملية في مدينة جوهر أمس."
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_two_members_of_a_force_killed_are_a_battle(extract):
    # two members of a force (عنصرين): armed men were killed
    text = "قتل مسلحون عنصرين في الحشد الشعبي مساء أمس في قضاء طوزخورماتو بمحافظة صلاح الدين."
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_fighters_of_a_group_killed_by_troops_are_a_battle(extract):
    text = "قتلت القوات الحكومية ثمانية من مقاتلي الحركة أمس في مدينة جوهر."
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_civilians_frightened_a_clause_after_the_fighting_make_it_no_attack_on_them(extract):
    # the civilians named far after the clash word are not what was fought over: two armed groups fought
    text = (
        "اندلعت أمس اشتباكات بين مجموعتين مسلحتين في مدينة الزاوية، "
        "واقتربت الاشتباكات من سوق شعبي فهرب منه المتسوقون والمدنيون."
    )
    assert _kinds(extract(text, PUBLISHED)) == [("Battles", "Armed clash")]


def test_the_abduction_told_again_by_its_definite_noun_is_one_event(extract):
    # "الخطف" points back at the abduction told; the victim's home region is no second abduction
    text = (
        "اختطف مسلحون مجهولون أمس شابا في بلدة طفس غربي درعا. "
        "وقال ذوو الشاب المنحدر من ريف درعا الشرقي إن الخطف جرى أثناء عودته من عمله."
    )
    events = extract(text, PUBLISHED)
    assert [(e.sub_event_type, e.location.name_ar) for e in events] == [
        ("Abduction/forced disappearance", "طفس")
    ]
