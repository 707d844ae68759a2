"""Who did what to whom: the role mechanisms of ``rasd.coding.arguments`` and ``rasd.coding.actors``, each on a
sentence written for this test (no publisher's text).

Each test names the ACLED reading a coder would give: the side that lost men is the target, a place's holder is
no doer, a verb's subject may follow it, an owner word after an unnamed force names the force, a coalition is the
one at war in the report's country, an unattributed warplane strike is by unidentified military forces.
"""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2023, 5, 14, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def events(extract):
    return lambda text, published=PUBLISHED: extract(text, published)


def _one(events, text: str, published: dt.datetime = PUBLISHED):
    found = events(text, published)
    assert len(found) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in found]
    return found[0]


def test_the_side_that_lost_men_is_the_target(events):
    e = _one(events, "قتل خمسة عناصر من قوات سوريا الديمقراطية بانفجار عبوة ناسفة في مدينة الرقة أمس.")
    assert e.actor1.name_en == "Unidentified Armed Group (Syria)"
    assert e.actor2.kb_id == "sdf"


def test_losses_in_the_ranks_of_a_force(events):
    e = _one(
        events, "سقط قتلى في صفوف قوات النظام بقصف صاروخي شنته فصائل المعارضة على مواقعها قرب مدينة حلب."
    )
    assert e.actor1.kb_id == "syrian-opposition"
    assert e.actor2.kb_id == "sy-gov-forces"


def test_a_verbs_subject_after_it_is_the_doer(events):
    e = _one(events, "استهدفت فصائل المعارضة بصاروخ موجه دبابة لقوات النظام قرب مدينة حلب أمس.")
    assert e.actor1.kb_id == "syrian-opposition"
    assert e.actor2.kb_id == "sy-gov-forces"


def test_unit_nouns_before_the_verb_name_the_doer(events):
    e = _one(events, "قالت مصادر محلية إن عناصر من تنظيم داعش اختطفوا ثلاثة رعاة قرب مدينة الرقة أمس.")
    assert e.actor1.kb_id == "isis"
    assert e.actor2.name_en == "Civilians (Syria)"


def test_an_unnamed_force_owned_by_a_state_is_that_state(events):
    e = _one(events, "قصفت طائرات حربية تابعة لروسيا أطراف مدينة إدلب فجر اليوم.")
    assert e.actor1.kb_id == "ru-forces"


def test_an_owner_after_a_named_faction_is_its_patron(events):
    e = _one(events, "قصف فيلق الشام التابع للجيش الوطني السوري مواقع لقوات النظام قرب مدينة حلب أمس.")
    assert e.actor1.kb_id == "faylaq-al-sham"


def test_a_backer_is_no_party(events):
    e = _one(events, "هاجمت ميليشيات موالية لإيران بالصواريخ قاعدة عين الأسد في محافظة الأنبار أمس.")
    assert e.actor1 is not None and e.actor1.kb_id != "ir-forces"


def test_the_holder_of_the_place_is_no_doer(events):
    e = _one(
        events,
        "انفجرت سيارة مفخخة في مدينة الباب الخاضعة لسيطرة الجيش الوطني السوري، ما أدى إلى مقتل ثلاثة مدنيين.",
    )
    assert e.actor1.name_en == "Unidentified Armed Group (Syria)"


def test_the_coalition_is_the_one_at_war_in_the_country(events):
    yemen = _one(events, "شن طيران التحالف ثلاث غارات على مواقع للحوثيين في مدينة صعدة اليوم.")
    assert yemen.actor1.kb_id == "saudi-coalition"
    syria = _one(events, "شن طيران التحالف ثلاث غارات على مواقع لتنظيم داعش في مدينة البوكمال اليوم.")
    assert syria.actor1.kb_id == "coalition"


def test_an_unattributed_warplane_strike_is_by_unidentified_military_forces(events):
    e = _one(events, "قتل مدنيان بغارة جوية على بلدة سرمدا في ريف إدلب الشمالي اليوم.")
    assert e.actor1.name_en == "Unidentified Military Forces"
    drone = _one(events, "قتل شخصان بضربة طائرة مسيرة استهدفت سيارة في مدينة الموصل اليوم.")
    assert drone.actor1.name_en == "Unidentified Armed Group (Iraq)"


def test_arrested_people_are_civilians(events):
    e = _one(events, "اعتقلت قوات الأمن العراقية خمسة أشخاص في مدينة الموصل اليوم.")
    assert e.actor2.name_en == "Civilians (Iraq)"


def test_settlers_rioting_are_rioters_of_israel(events):
    e = _one(
        events, "تظاهر عشرات المستوطنين على الطريق قرب مدينة نابلس ورشقوا سيارات المواطنين بالحجارة اليوم."
    )
    assert e.event_type == "Riots"
    assert e.actor1.name_en == "Rioters (Israel)"
    assert e.actor2 is None or e.actor2.kb_id != "il-settlers"


def test_the_two_parties_in_the_order_named(events):
    e = _one(
        events,
        "هاجم عناصر من تنظيم داعش نقطة لقوات سوريا الديمقراطية في بلدة ذيبان، فردت عليهم واندلعت اشتباكات بين "
        "الطرفين.",
    )
    assert e.sub_event_type == "Armed clash"
    assert (e.actor1.kb_id, e.actor2.kb_id) == ("isis", "sdf")


def test_countries_are_named_in_full():
    from rasd.kb.actors import load_actors

    kb = load_actors()
    assert kb.ref_in("unidentified-armed-group", "BF").name_en == "Unidentified Armed Group (Burkina Faso)"
    assert kb.ref_in("civilians", "NG").name_en == "Civilians (Nigeria)"


def test_an_anaphor_points_at_the_actor_named_last(resources):
    from rasd.kb.match import find_mentions

    text = "قال التحالف العربي إن مقاتلاته قصفت مواقع في صعدة، وأضاف التحالف أن الغارات أصابت أهدافها."
    actors = [m.kb_id for m in find_mentions(text, resources.matcher) if m.kind == "actor"]
    assert actors == ["saudi-coalition", "saudi-coalition"]


def test_forces_pointed_back_at_are_the_forces_named(events):
    text = (
        "سيطرت قوات سوريا الديمقراطية على قرية الشيوخ قرب مدينة منبج. "
        "وكانت القوات قد سيطرت أمس على قرية أخرى قرب مدينة جرابلس بعد معارك مع تنظيم داعش."
    )
    found = events(text)
    assert found and all(e.actor1.kb_id == "sdf" for e in found)


def test_forces_said_to_belong_to_a_group_are_that_group(events):
    e = _one(events, "هدمت القوات التابعة للحوثيين ثلاثة منازل في مدينة تعز اليوم.")
    assert e.actor1.kb_id == "houthis"


def test_the_owner_of_what_was_struck_is_not_the_striker(events):
    e = _one(events, "دمرت غارات صباح اليوم مستودعات ذخيرة للحوثيين في مدينة صعدة.")
    assert e.actor1.kb_id != "houthis"
    assert e.actor2 is not None and e.actor2.kb_id == "houthis"


def test_the_organisation_pointed_back_at_in_yemen_is_aqap(events):
    e = _one(events, "أعلن تنظيم القاعدة أن التنظيم اختطف موظفا أمميا في مديرية المحفد بمحافظة أبين أمس.")
    assert e.actor1.kb_id == "aqap"


def test_the_side_fought_with_is_the_other_party(events):
    e = _one(events, "سيطرت هيئة تحرير الشام أمس على بلدة دارة عزة غرب حلب إثر معارك مع جبهة تحرير سوريا.")
    assert (e.actor1.kb_id, e.actor2.kb_id) == ("hts", "syrian-liberation-front")


def test_a_side_fighting_alongside_is_no_opponent(events):
    e = _one(events, "سيطرت قوات سوريا الديمقراطية بالتنسيق مع التحالف الدولي على قرية قرب مدينة منبج أمس.")
    assert e.actor1.kb_id == "sdf"
    assert e.actor2 is None or e.actor2.kb_id != "coalition"


def test_the_holder_of_a_shelled_quarter_is_its_target(events):
    found = events("استهدف تنظيم داعش بالقذائف حي الجورة الذي تسيطر عليه قوات النظام في مدينة دير الزور أمس.")
    assert found
    assert all((e.actor1.kb_id, e.actor2.kb_id) == ("isis", "sy-gov-forces") for e in found)


def test_riot_police_are_the_police(events):
    e = _one(events, "تظاهر مئات الشبان في بيروت أمس وأحرقوا الإطارات فتدخلت القوى الأمنية وفرقتهم.")
    assert e.event_type == "Riots"
    assert e.actor2 is not None and e.actor2.name_en == "Police Forces of Lebanon"


def test_a_hedged_attribution_names_the_likely_doer(events):
    text = "قتل شخصان بقصف مروحيات يعتقد أنها تابعة للنظام على بلدة كفرنبل في ريف إدلب الجنوبي اليوم."
    e = _one(events, text)
    assert e.actor1.kb_id in ("sy-gov-forces", "sy-air-force")


def test_a_state_named_for_a_landmark_did_nothing_there(events):
    e = _one(events, "استهدف هجوم بطائرة مسيرة مطار أربيل القريب من قنصلية الولايات المتحدة مساء اليوم.")
    assert e.actor1.kb_id != "us-forces"


def test_a_noun_before_a_target_verb_leaves_the_name_after_it_the_target(events):
    e = _one(events, "وأفاد ناشطون بأن القصف المدفعي استهدف قوات النظام قرب مدينة حلب أمس.")
    assert e.actor1.kb_id != "sy-gov-forces"
    assert e.actor2 is not None and e.actor2.kb_id == "sy-gov-forces"


def test_lethal_force_by_no_named_force_is_unidentified(events):
    e = _one(events, "قتل ثلاثة متظاهرين بإطلاق نار خلال احتجاجات في مدينة أم درمان اليوم.")
    assert e.sub_event_type == "Excessive force against protesters"
    assert e.actor1.name_en == "Unidentified Armed Group (Sudan)"
    assert e.actor2.name_en == "Protesters (Sudan)"


def test_generic_security_words_name_the_countrys_forces(events):
    e = _one(events, "اعتقلت قوة أمنية ثلاثة مطلوبين في مدينة الموصل اليوم.")
    assert e.actor1.name_en == "Police Forces of Iraq"


def test_a_trigger_then_l_names_the_doer(events):
    e = _one(events, "قتل أربعة مدنيين بقصف مدفعي لقوات الدعم السريع على أحياء مدينة الأبيض اليوم.")
    assert e.actor1.kb_id == "rsf"


def test_an_ambush_for_a_force_has_that_force_as_target(events):
    e = _one(events, "نصب مسلحون من جماعة نصرة الإسلام والمسلمين كمينا للقوات المالية قرب مدينة موبتي اليوم.")
    assert e.actor1.kb_id == "jnim"
    assert e.actor2 is not None and e.actor2.name_en == "Military Forces of Mali"


def test_a_nationality_of_the_thing_struck_names_no_doer(events):
    e = _one(events, "أعلن حزب الله استهداف موقع إسرائيلي في بلدة كفرشوبا بالصواريخ اليوم.")
    assert e.actor1.kb_id == "hezbollah"
    base = _one(events, "قتل ثلاثة جنود أتراك بهجوم على قاعدة تركية في ريف حلب اليوم.")
    assert base.actor1.kb_id != "tr-forces"


def test_a_nationality_after_the_doers_machines_names_the_doer(events):
    e = _one(events, "قصفت طائرات مقاتلة تركية مواقع في جبل سنجار اليوم.")
    assert e.actor1.kb_id == "tr-forces"


def test_men_of_a_force_where_the_blow_fell_are_the_target(events):
    e = _one(events, "فجر انتحاري نفسه وسط تجمع لعناصر من الحشد الشعبي في قضاء طوزخورماتو اليوم.")
    assert e.actor1.name_en == "Unidentified Armed Group (Iraq)"
    assert e.actor2 is not None and e.actor2.kb_id == "pmf"


def test_fallen_soldiers_and_policemen_are_their_forces(events):
    police = _one(events, "قتل شرطيان بهجوم مسلح على نقطة تفتيش في مدينة العريش اليوم.")
    assert police.actor2 is not None and police.actor2.name_en == "Police Forces of Egypt"
    turkish = _one(events, "قتل جندي تركي وأصيب آخرون بانفجار لغم في ريف حلب الشمالي اليوم.")
    assert turkish.actor2 is not None and turkish.actor2.kb_id == "tr-forces"
    assert turkish.actor1.kb_id != "tr-forces"


def test_the_reporter_of_a_happening_is_not_its_subject(events):
    e = _one(
        events, "قال الجيش النيجيري في بيان إنه صباح اليوم نهبت عناصر من بوكو حرام متاجر في بلدة دالوري."
    )
    assert e.actor1.kb_id == "boko-haram"


def test_who_launched_a_repelled_attack_is_its_doer(events):
    e = _one(events, "تصدى الجيش السوداني أمس لهجوم كبير شنه مقاتلو الدعم السريع على مدينة الأبيض.")
    assert e.actor1.name_en == "Rapid Support Forces"
    assert e.actor2.name_en.startswith("Military Forces of Sudan")


def test_a_launch_verb_after_the_attacks_adjectives_names_the_doer(events):
    e = _one(events, "صد الجيش اليمني هجوما واسعا شنه الحوثيون على مواقعه في مدينة مأرب أمس.")
    assert e.actor1.name_en == "Houthi Movement"
    assert e.actor2.name_en.startswith("Military Forces of Yemen")


def test_a_doers_role_word_before_the_men_of_a_force(events):
    e = _one(events, "نهبت منازل في مدينة نيالا من قبل عناصر الدعم السريع أمس.")
    assert e.actor1.name_en == "Rapid Support Forces"
    assert e.actor2.name_en == "Civilians (Sudan)"


def test_the_movement_a_detainee_belongs_to_is_no_doer(events):
    found = events(
        "اعتقلت قوات الاحتلال الإسرائيلي خمسة شبان في مدينة نابلس فجر اليوم. "
        "كما اعتقلت شابين في مدينة الخليل، وقالت إن أحدهما من ناشطي حركة حماس."
    )
    assert len(found) == 2
    assert all(e.actor1.name_en.startswith("Military Forces of Israel") for e in found)


def test_the_group_gunmen_belong_to_is_not_also_their_target(events):
    # "gunmen of X attacked a post of Y's army": X did it, Y's army was struck (not X on both sides)
    e = _one(
        events,
        "هاجم مسلحون من تنظيم الدولة الإسلامية في الصحراء الكبرى موقعاً للجيش النيجري في منطقة تيلابيري "
        "غربي النيجر وقتلوا 12 جندياً.",
    )
    assert e.actor1.name_en == "Islamic State (Sahel)"
    assert e.actor2 is not None and e.actor2.name_en.startswith("Military Forces of Niger")


def test_the_owner_of_the_patrol_an_ambush_was_laid_for_is_its_target(events):
    # "gunmen of X laid an ambush for a patrol of Y's army": ل names for whom it was laid, من whose patrol it was
    e = _one(
        events,
        "نصب مسلحون من جماعة نصرة الإسلام والمسلمين كميناً لدورية من الجيش المالي قرب بلدة دوينتزا، "
        "وقتلوا خمسة جنود.",
    )
    assert e.actor1.name_en.startswith("JNIM")
    assert e.actor2 is not None and e.actor2.name_en.startswith("Military Forces of Mali")


def test_gunmen_killing_gendarmes_fought_an_armed_clash(events):
    # the killed are police: ACLED's civilians are unarmed, so this is no attack on civilians
    e = _one(
        events,
        "قتل أربعة من عناصر الدرك البوركيني في هجوم شنه مسلحون على نقطة تفتيش في بلدة جيبو شمالي بوركينا فاسو.",
    )
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert e.actor2 is not None and e.actor2.name_en.startswith("Police Forces of Burkina Faso")
