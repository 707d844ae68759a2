"""The mechanisms that real reports needed, each on sentences written for this test (no publisher's text).

Whether a happening is reported at all (non-event contexts, background, plans), which sense a war word has, who
acted as ACLED names them, how many died, and how many events a sentence holds.
"""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)  # no zone: the report's own places set its country


def _events(explain, text, published=PUBLISHED):
    return explain(text, published)[0]


def _reasons(explain, text, published=PUBLISHED):
    return [d.reason for d in explain(text, published)[1]]


# --- is a happening reported? ---------------------------------------------------------------------------------


def test_sports_war_words_are_no_event(explain):
    text = "شن المنتخب هجوما كاسحا على مرمى الضيوف في المباراة التي أقيمت في ملعب حلب، وقصف المهاجم المرمى بكرة قوية."
    assert _events(explain, text) == []


def test_an_ambiguous_sports_word_alone_silences_nothing(explain):
    # "نادي الأسير" is a prisoners' NGO, not a football club: one such word is no sports context...
    text = "قال نادي الأسير إن قوات الاحتلال اعتقلت أمس سبعة شبان في مدينة جنين خلال اقتحامها المدينة."
    events, dropped = explain(text)
    assert [e.sub_event_type for e in events] == ["Arrests"]
    assert not any("sports" in d.reason for d in dropped)
    # ...but two different ones are: a club and a championship
    text = "قال رئيس النادي إن فريقه شن هجوما قويا في البطولة أمس في مدينة جنين."
    assert _events(explain, text) == []


def test_a_repelled_attack_beside_shelling_is_a_battle_of_its_own(explain):
    # an attack that was repelled is fought on the ground: a battle, told beside the shelling of the town...
    text = (
        "تصدى الجيش السوداني أمس لهجوم قاده مقاتلو الدعم السريع على مدينة الأبيض، وسط قصف مدفعي على الأحياء."
    )
    types = sorted(e.event_type for e in _events(explain, text))
    assert types == ["Battles", "Explosions/Remote violence"]
    # ...but "the attack" that names the shelling again is that shelling
    text = (
        "قصفت قوات الدعم السريع أحياء مدينة الفاشر بالمدفعية الثقيلة أمس، وأسفر الهجوم عن مقتل خمسة مدنيين."
    )
    events = _events(explain, text)
    assert [(e.event_type, e.fatalities.best) for e in events] == [("Explosions/Remote violence", 5)]


def test_a_dated_reminder_after_the_news_is_background(explain):
    published = dt.datetime(2024, 3, 20, 8, 0, tzinfo=dt.UTC)
    text = (
        "قصفت قوات الدعم السريع مدينة الأبيض أمس بالمدفعية الثقيلة ما أدى إلى مقتل ثلاثة مدنيين.\n"
        "وفي الخامس من مارس، سيطرت قوات الدعم السريع على مدينة بارا بعد معارك مع الجيش السوداني."
    )
    events, dropped = explain(text, published)
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert any(d.reason.startswith("background: dated 2024-03-05") for d in dropped)
    # told as the news itself, the same sentence is an event
    events = _events(explain, text.split("\n")[1], published)
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]


def test_earlier_strikes_named_by_an_adjective_are_background(explain):
    text = (
        "قتل ثلاثة مدنيين في غارة جوية على بلدة سرمين أمس.\n"
        "وكان خمسة مدنيين قتلوا في غارات سابقة على بلدة بنش، وفق الدفاع المدني."
    )
    events, dropped = explain(text)
    assert [(e.location.name_ar, e.fatalities.best) for e in events] == [("سرمين", 3)]
    assert any(d.reason.startswith("background") for d in dropped)


def test_an_attempted_advance_or_deal_is_no_change_of_hands_or_deal(explain):
    text = "تصدت قوات سوريا الديمقراطية أمس لمحاولة فصائل المعارضة التقدم إلى قرية العريمة غرب منبج."
    events, dropped = explain(text)
    assert "Non-state actor overtakes territory" not in [e.sub_event_type for e in events]
    assert any(d.reason.startswith("an attempt") for d in dropped)
    text = "يحاول شيوخ القبيلة التوصل إلى وقف لإطلاق النار في بلدة الشحيل شرق دير الزور أمس."
    assert "Agreement" not in [e.sub_event_type for e in _events(explain, text)]
    # the advance itself is a change of hands
    text = "تقدمت فصائل المعارضة أمس إلى قرية العريمة غرب منبج وسيطرت عليها."
    assert "Non-state actor overtakes territory" in [e.sub_event_type for e in _events(explain, text)]


def test_a_foiled_bombing_is_disrupted_weapons_use(explain):
    text = "أحبطت القوات الأمنية العراقية أمس هجوما انتحاريا كان يستهدف سوقا شعبيا في مدينة الفلوجة."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Disrupted weapons use"]
    # a foiled assault with no bomb was fought off: no disrupted weapon
    text = "أحبطت القوات الأمنية العراقية أمس هجوما لمسلحي داعش على قرية البوعيثة شمال بغداد."
    assert "Disrupted weapons use" not in [e.sub_event_type for e in _events(explain, text)]


def test_a_span_since_a_dated_start_is_a_recap(explain):
    text = "ومنذ أغسطس الماضي سيطرت قوات الدعم السريع على أجزاء واسعة من مدينة الفاشر."
    events, dropped = explain(text)
    assert events == [] and any("recap" in d.reason for d in dropped)
    # measured against a year, the news is still news
    text = "شنت قوات الدعم السريع أمس أعنف هجوم منذ 2023 على مدينة الفاشر."
    assert len(_events(explain, text)) == 1


def test_what_a_protest_stands_against_is_not_told_as_news(explain):
    text = "خرج مئات المتظاهرين أمس في مدينة دهوك ضد القصف التركي على المناطق الحدودية."
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Protests"]
    assert any(d.reason.startswith("what people stand against") for d in dropped)


def test_ground_taken_without_a_fight_is_a_non_violent_transfer(explain):
    text = "سيطر الجيش الصومالي أمس على مدينة بلدوين دون مواجهات مع عناصر حركة الشباب."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Non-violent transfer of territory"]
    text = "سيطر الجيش الصومالي أمس على مدينة بلدوين بعد معارك مع عناصر حركة الشباب."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Government regains territory"]


def test_seizing_ground_and_maghreb_arrests(explain):
    text = "استولى مسلحو تنظيم داعش أمس على بلدة مرزق جنوب ليبيا بعد اشتباكات مع قوات الجيش."
    assert "Battles" in [e.event_type for e in _events(explain, text)]
    text = "استولى مسلحون أمس على ثلاث سيارات وكمية من الأسلحة في بلدة مرزق جنوب ليبيا."
    assert "Non-state actor overtakes territory" not in [e.sub_event_type for e in _events(explain, text)]
    text = "أعلنت وزارة الداخلية التونسية أمس إيقاف ثلاثة عناصر متشددة في مدينة جندوبة."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Arrests"]
    text = "طالبت الحكومة العراقية أمس بإيقاف القصف التركي على بلدة سيدكان."
    assert "Arrests" not in [e.sub_event_type for e in _events(explain, text)]


def test_a_condemnation_report_names_the_attack_as_its_object(explain):
    text = (
        "الخارجية المصرية تدين الهجوم على الفاشر\n"
        "أدانت وزارة الخارجية المصرية بأشد العبارات الهجوم الذي استهدف مدينة الفاشر أمس وأسفر عن "
        "مقتل عشرة مدنيين، معربة عن تضامن مصر مع السودان."
    )
    events, dropped = explain(text)
    assert events == [] and any("statement" in d.reason for d in dropped)
    # the same attack told as news, with a condemnation in a later sentence, is an event
    text = (
        "مقتل عشرة مدنيين في هجوم على مدينة الفاشر في السودان\n"
        "قتل مسلحون عشرة مدنيين في هجوم استهدف مدينة الفاشر أمس.\n"
        "وأدانت وزارة الخارجية المصرية الهجوم."
    )
    assert len(_events(explain, text)) == 1


def test_war_words_in_a_drill_report_need_a_toll(explain):
    text = (
        "مناورات عسكرية سعودية أمريكية مشتركة في المنطقة الشرقية\n"
        "نفذت القوات السعودية والأمريكية أمس قصفا مدفعيا على أهداف وهمية قرب مدينة الظهران."
    )
    events, dropped = explain(text)
    assert events == [] and any("exercise" in d.reason for d in dropped)


def test_soldiers_killed_in_an_attack_fought_a_battle(explain):
    text = "قتل مسلحون 12 جنديا في هجوم على قرية قرب مدينة غاو شمال مالي أمس."
    assert [e.event_type for e in _events(explain, text)] == ["Battles"]
    text = "قتل مسلحون 12 مدنيا في هجوم على قرية قرب مدينة غاو شمال مالي أمس."
    assert [e.event_type for e in _events(explain, text)] == ["Violence against civilians"]


def test_a_cautious_calm_is_no_warning(explain):
    # "هدوء حذر" (a cautious calm) is no statement report: the clashes it follows are news
    text = (
        "هدوء حذر بعد اشتباكات دامية في طرابلس\n"
        "عاد الهدوء إلى طرابلس اليوم بعد اشتباكات بين مجموعات مسلحة أمس أسفرت عن مقتل 12 شخصا."
    )
    assert [e.event_type for e in _events(explain, text)] == ["Battles"]


def test_the_wounded_after_the_dead_are_not_added_to_them(explain):
    text = "دارت معارك بين كتيبتين في مدينة الزاوية أمس خلفت 14 قتيلا و60 جريحا."
    assert [e.fatalities.best for e in _events(explain, text)] == [14]


@pytest.mark.parametrize(
    ("text", "name", "dateline"),
    [
        ("بغداد 12 آذار (رويترز) قال مصدر أمني إن عبوة انفجرت في الفلوجة", "بغداد", True),
        ("الخرطوم - قال شهود إن قوات الدعم السريع هاجمت قرية", "الخرطوم", True),
        ("بغداد 12 آذار (رويترز) قال مصدر أمني إن عبوة انفجرت في الفلوجة", "الفلوجة", False),
        ("قصفت الطائرات بغداد 12 مرة أمس", "بغداد", False),  # not at the start of its line
    ],
)
def test_what_a_dateline_is(text, name, dateline):
    from rasd.coding.events import _dateline
    from rasd.models import Place

    at = text.index(name)
    assert _dateline(text, Place(name_ar=name, start=at, end=at + len(name))) is dateline


def test_a_wire_reports_dateline_city_is_no_event_place(explain):
    text = (
        "بغداد 12 آذار (رويترز) قال مصدر أمني إن عبوة ناسفة انفجرت أمس في سوق مدينة الفلوجة "
        "ما أدى إلى مقتل ثلاثة مدنيين."
    )
    assert [e.location.name_ar for e in _events(explain, text)] == ["الفلوجة"]


def test_protesters_who_speak_tell_no_protest(explain):
    text = "وقال محتجون غاضبون في مدينة الناصرية أمس إن الحكومة لم تستجب لمطالبهم."
    events, dropped = explain(text)
    assert events == [] and any(d.reason.startswith("protesters who speak") for d in dropped)


def test_settlers_burning_property_attack_civilians(explain):
    text = "أحرق مستوطنون فجر اليوم منزلا فلسطينيا في قرية بورين جنوب نابلس."
    assert [(e.sub_event_type, e.actor1.name_en) for e in _events(explain, text)] == [
        ("Attack", "Israeli Settlers (Israel)")
    ]
    text = "أحرق المحتجون الإطارات في شارع رئيسي بمدينة نابلس أمس."
    assert "Attack" not in [e.sub_event_type for e in _events(explain, text)]


def test_air_sorties_that_hit_something_are_air_strikes(explain):
    text = "نفذت طائرات الجيش الليبي أمس طلعات جوية استهدفت مواقع للمسلحين جنوب مدينة سرت."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Air/drone strike"]
    text = "نفذ سلاح الجو الليبي أمس طلعات جوية استطلاعية فوق مدينة درنة."
    assert _events(explain, text) == []


def test_buildings_brought_down_by_air_strikes_are_the_strikes_damage(explain):
    text = "سوت غارات جوية إسرائيلية أمس حيا كاملا بالأرض في مدينة رفح وهدمت أكثر من عشرين منزلا."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Air/drone strike"]
    text = "هدمت قوات الاحتلال أمس ثلاثة منازل فلسطينية في بلدة يطا جنوب الخليل."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Looting/property destruction"]


def test_people_named_one_by_one_are_some_of_the_counted_dead(explain):
    text = "قتل ثمانية عسكريين أمس بعبوة ناسفة قرب مدينة رفح المصرية، ما أدى إلى مقتل نقيب في الجيش."
    assert [e.fatalities.best for e in _events(explain, text)] == [8]


def test_gas_cylinder_explosion_is_an_accident(explain):
    text = "قتل شخصان بانفجار اسطوانة غاز داخل منزل في مدينة حمص أمس، بحسب الدفاع المدني."
    events, dropped = explain(text)
    assert events == []
    assert any("accident" in d.reason for d in dropped)


@pytest.mark.parametrize(
    "text",
    [
        "قتل أربعة أشخاص في انفجار شاحنة نقل وقود على الطريق العام قرب مدينة سبها أمس.",
        "أطلقت البحرية الجزائرية صواريخ على أهداف بحرية خلال التداريب البحرية قبالة سواحل وهران أمس.",
    ],
)
def test_a_fuel_truck_blast_or_naval_drills_are_no_event(explain, text):
    assert _events(explain, text) == []


def test_a_gas_pipe_blast_and_months_of_killings_are_no_event(explain):
    text = "لقي رجلان حتفهما أمس إثر انفجار أنبوب غاز داخل مطعم في مدينة سطيف."
    assert _events(explain, text) == []
    text = "وتعرض العديد من ضباط الجيش في الأشهر الأخيرة للاغتيال في مدينة عدن."
    assert _events(explain, text) == []


def test_verdict_on_old_bombings_is_no_new_bombing(explain):
    text = (
        "قضت محكمة الجنايات في بغداد بالإعدام على ثلاثة متهمين بتنفيذ تفجير سيارة مفخخة في حي الكرادة "
        "أسفر عن مقتل عشرات المدنيين."
    )
    events, dropped = explain(text)
    assert events == []
    assert any("court" in d.reason for d in dropped)


def test_related_links_are_not_read(explain):
    text = (
        "اعتصم عشرات المعلمين أمام مبنى المحافظة في مدينة إربد للمطالبة بزيادة الرواتب.\n"
        "اقرأ أيضا\n"
        "مقتل خمسة عناصر من قوات النظام بهجوم في ريف درعا"
    )
    events = _events(explain, text)  # the headline below "اقرأ أيضا" is another report's: the reader drops it
    assert [e.event_type for e in events] == ["Protests"]


def test_military_exercise_is_no_shelling(explain):
    text = "نفذت وحدات من الجيش الأردني رمايات بالمدفعية الثقيلة ضمن مناورات عسكرية بالذخيرة الحية قرب مدينة المفرق."
    assert _events(explain, text) == []


def test_an_anniversary_report_still_holds_its_march(explain):
    text = (
        "في ذكرى مجزرة قرية الحولة، خرجت مسيرة احتجاجية حاشدة في مدينة إدلب رفع المشاركون فيها شعارات منددة."
    )
    events = _events(explain, text)
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]


def test_a_threat_is_not_an_attack(explain):
    events, dropped = explain("هدد قائد ميليشيا الحوثي بقصف مدينة مأرب بالصواريخ إذا استمر الحصار.")
    assert events == []


# --- senses ---------------------------------------------------------------------------------------------------


def test_masira_is_a_march_or_a_drone_by_its_words(explain):
    march = _events(explain, "جابت مسيرة شعبية حاشدة شوارع مدينة تعز أمس رفضا لرفع الأسعار.")
    drone = _events(explain, "استهدفت طائرة مسيرة سيارة على طريق مدينة الباب أمس.")
    assert [e.sub_event_type for e in march] == ["Peaceful protest"]
    assert [e.sub_event_type for e in drone] == ["Air/drone strike"]


def test_police_leaving_the_streets_is_no_transfer_of_territory(explain):
    events = _events(explain, "انسحبت قوات الشرطة من الشوارع في مدينة طرابلس بعد انتهاء الاحتجاجات.")
    assert all(e.sub_event_type != "Non-violent transfer of territory" for e in events)


def test_areas_under_control_are_no_takeover(explain):
    events = _events(explain, "يعيش آلاف النازحين في المناطق الخاضعة لسيطرة قوات النظام في مدينة حماة.")
    assert all(e.event_type != "Battles" for e in events)


# --- actors as ACLED names them ---------------------------------------------------------------------------------


def test_the_police_are_the_reports_country_police(explain):
    egypt = _events(explain, "اعتقلت قوات الأمن خمسة أشخاص في مدينة العريش بمحافظة شمال سيناء فجر اليوم.")
    iraq = _events(explain, "اعتقلت قوات الأمن خمسة أشخاص في مدينة الفلوجة فجر اليوم.")
    assert egypt and egypt[0].actor1.name_en == "Police Forces of Egypt"
    assert iraq and iraq[0].actor1.name_en == "Police Forces of Iraq"


def test_an_unnamed_attacker_is_an_unidentified_armed_group_of_the_country(explain):
    [e] = _events(explain, "أطلق مسلحون مجهولون النار على سيارة مدني في مدينة الرمادي أمس فقتلوه.")
    assert e.actor1.name_en == "Unidentified Armed Group (Iraq)"
    assert e.actor2 is not None and e.actor2.name_en == "Civilians (Iraq)"


def test_force_used_on_protesters_has_the_force_as_actor1(explain):
    [e] = _events(
        explain,
        "قتل متظاهران برصاص قوات الأمن خلال احتجاجات في مدينة الناصرية أمس.",
    )
    assert e.sub_event_type == "Excessive force against protesters"
    assert e.actor1.inter == 1 and e.actor2.name_en == "Protesters (Iraq)"
    assert e.fatalities.best == 2


def test_a_nationality_adjective_names_the_doer(explain):
    events = _events(explain, "شنت طائرات حربية غارات أمريكية على مواقع للحوثيين في مدينة الحديدة فجر اليوم.")
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.actor1.kb_id == "us-forces"
    assert strike.actor2 is not None and strike.actor2.kb_id == "houthis"


def test_a_backer_is_no_party(explain):
    events = _events(explain, "اغتال مسلحون من الفصائل الموالية لإيران ناشطا في مدينة كربلاء أمس.")
    assert events and all(e.actor1 is None or e.actor1.kb_id != "ir-forces" for e in events)


def test_settlers_attacking_a_village_is_violence_against_civilians(explain):
    [e] = _events(explain, "هاجم مستوطنون قرية قصرة جنوب نابلس فجر اليوم وأحرقوا منزلا.")
    assert e.event_type == "Violence against civilians" and e.actor1.kb_id == "il-settlers"


# --- tolls ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "best"),
    [
        ("استشهد شاب برصاص قوات الاحتلال في مدينة جنين أمس.", 1),
        ("قتل متظاهران في مدينة البصرة أمس خلال احتجاجات على انقطاع الكهرباء.", 2),
        ("قتلت امرأة وطفلان بقصف مدفعي على مدينة أريحا أمس.", 3),
        ("لقي ما لا يقل عن 12 مدنيا مصرعهم في هجوم على مدينة تلعفر أمس.", 12),
        ("قتل 23 مسلحا و5 جنود في اشتباكات في مدينة العريش أمس.", 28),
        ("قتل 5 أشخاص في قصف على مدينة إدلب أمس، ثم ارتفعت حصيلة القتلى إلى 9.", 9),
        ("سقط 10 قتلى وجرحى بقصف على مدينة حلب أمس.", 0),
        ("قتل 12345678901234567890 شخصا بقصف على مدينة حلب أمس.", 0),
    ],
)
def test_tolls(explain, sentence, best):
    events = _events(explain, sentence)
    assert events, sentence
    assert events[0].fatalities.best == best, (sentence, events[0].fatalities, events[0].notes)


def test_a_toll_only_sentence_goes_to_the_event_before_it(explain):
    text = "شنت طائرات روسية غارة جوية على بلدة كفرنبل أمس.\nوأسفرت عن مقتل أربعة مدنيين بينهم طفلان."
    [e] = _events(explain, text)
    assert e.fatalities.best == 4 and any(x.field == "fatalities" for x in e.evidence)


# --- how many events ---------------------------------------------------------------------------------------------


def test_strikes_on_three_towns_are_three_events(explain):
    events = _events(explain, "شنت طائرات روسية غارات جوية على مدن سراقب وأريحا وجسر الشغور أمس.")
    places = sorted(e.location.name_ar for e in events if e.sub_event_type == "Air/drone strike")
    assert len(places) == 3, places


def test_the_shelling_told_again_is_one_event(explain):
    text = (
        "قصفت قوات النظام بالمدفعية مدينة سراقب أمس، ما أدى إلى مقتل مدنيين اثنين.\n"
        "وقال ناشطون إن القصف استهدف الأحياء السكنية في المدينة."
    )
    events = _events(explain, text)
    assert len(events) == 1 and events[0].fatalities.best == 2


def test_one_demonstration_per_place_and_day_at_its_gravest(explain):
    text = (
        "خرجت مظاهرة في مدينة السويداء أمس للمطالبة بتحسين الأوضاع المعيشية.\n"
        "وأطلقت قوات الأمن الرصاص الحي على المتظاهرين ما أدى إلى مقتل متظاهر."
    )
    events = _events(explain, text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Excessive force against protesters"


def test_an_event_without_any_place_is_not_coded(explain):
    events, dropped = explain("قتل ثلاثة أشخاص بانفجار عبوة ناسفة أمس، بحسب ما أفادت مصادر محلية متطابقة.")
    assert events == [] and any(d.reason.startswith("no place") for d in dropped)


def test_the_same_events_whatever_the_hash_seed(tmp_path, settings):
    """Set iteration order changes with PYTHONHASHSEED: no extraction choice may depend on it."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, datetime as dt, sys\n"
        "from rasd.coding.api import extract_events\n"
        "from rasd.resources import load_resources\n"
        "from rasd.settings import Settings\n"
        "res = load_resources(Settings.load(cache_dir=sys.argv[1]))\n"
        "text = ('شنت طائرات حربية غارات على مدن سراقب وأريحا وجسر الشغور أمس، ما أدى إلى مقتل ثلاثة مدنيين.\\n'\n"
        "        'وقال ناشطون إن القصف استهدف الأحياء السكنية، فيما اندلعت اشتباكات بين الفصائل وقوات النظام قرب كفرنبل.')\n"
        "day = dt.datetime(2024, 3, 12, 8, tzinfo=dt.UTC)\n"
        "print(json.dumps([e.to_dict() for e in extract_events(text, published_at=day, resources=res)]))\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script, settings.cache_dir],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    assert runs[0] and runs[0] == runs[1]


def test_an_earlier_happening_recalled_without_a_date_is_background(explain):
    text = (
        "اعتصم عشرات الموظفين أمام مبنى المحافظة في مدينة السلط للمطالبة بصرف رواتبهم.\n"
        "وكانت قوات الأمن قد داهمت منازل في مدينة السلط واعتقلت عددا من الشبان."
    )
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Protests"]
    assert any("earlier happening" in d.reason for d in dropped)


def test_a_threatened_attack_is_no_attack(explain):
    events = _events(
        explain, "قال المتحدث إن أي هجوم جديد على مدينة الحديدة سيكون له عواقب وخيمة على المعتدين."
    )
    assert events == []


def test_stealing_the_show_is_no_abduction(explain):
    events = _events(
        explain, "خطف المرشح الأنظار في مدينة الزقازيق بعد ظهوره ممتطيا حصانا خلال الحملة الانتخابية."
    )
    assert events == []


# --- rules from the second pass over real reports (issue 10) ---------------------------------------------------


def test_war_word_inside_a_place_name_is_no_trigger(explain):
    text = "انتشرت قوات الأمن في ناحية جرف الصخر جنوب بغداد صباح اليوم لتأمين الطريق."
    assert [e.sub_event_type for e in _events(explain, text)] == []


def test_ceasefire_named_as_background_is_no_agreement(explain):
    text = (
        "قتل شخص بغارة إسرائيلية على بلدة الخيام جنوب لبنان اليوم، رغم سريان اتفاق وقف إطلاق النار "
        "الموقع قبل عام، والذي سجلت خروقات كثيرة له."
    )
    types = [e.sub_event_type for e in _events(explain, text)]
    assert types == ["Air/drone strike"]


def test_one_deal_told_with_its_terms_is_one_agreement(explain):
    text = (
        "أعلنت الحكومة السورية التوصل إلى اتفاق مع المسلحين في مدينة درعا اليوم. "
        "وينص الاتفاق على خروج الرافضين للتسوية إلى مدينة إدلب."
    )
    agreements = [e for e in _events(explain, text) if e.sub_event_type == "Agreement"]
    assert len(agreements) == 1


def test_recap_over_months_is_no_event(explain):
    text = (
        "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل في ريف إدلب صباح اليوم. "
        "ومنذ أشهر تشهد مدينة حلب اشتباكات متقطعة أودت بحياة العشرات."
    )
    events, dropped = explain(text)
    assert [e.location.name_ar for e in events] != [] and all(
        "حلب" not in (e.location.name_ar or "") for e in events
    )
    assert any("recap" in d.reason for d in dropped)


def test_recap_in_the_title_does_not_silence_the_report(explain):
    text = (
        "تتواصل هجمات المسلحين على قرى الجزيرة منذ أشهر\n"
        "قتل مسلحون خمسة مدنيين في هجوم على قرية قرب مدينة ود مدني أمس."
    )
    assert len(_events(explain, text)) == 1


def test_clan_fighting_is_by_an_unidentified_tribal_militia(explain):
    text = "قتل ثلاثة أشخاص في اشتباكات بالأسلحة الخفيفة بين أبناء عشيرة واحدة في قضاء الزبير بمحافظة البصرة أمس."
    [event] = _events(explain, text)
    assert event.event_type == "Battles"
    assert event.actor1.name_en == "Unidentified Tribal Militia (Iraq)"


def test_actors_named_as_acled_names_them(explain):
    text = "شنت الولايات المتحدة غارات جوية على مواقع للحوثيين في محافظة الحديدة فجر اليوم."
    [event] = _events(explain, text)
    assert event.actor1.kb_id == "us-forces"
    text = "قتل عشرة مدنيين في هجوم شنته جماعة بوكو حرام على قرية قرب مدينة مايدوغوري أمس."
    [event] = _events(explain, text)
    assert event.actor1.name_en == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"


def test_late_war_word_with_no_doer_toll_or_date_is_commentary(explain):
    text = (
        "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل في ريف إدلب صباح اليوم.\n"
        "وقال ناشطون إن القصف طال منازل المدنيين.\n"
        "وأضافوا أن فرق الدفاع المدني عملت على إخماد الحرائق.\n"
        "وتحدث الأهالي عن خوف كبير في البلدة.\n"
        "ويعاني سكان مدينة حماة من انقطاع الطرق بسبب المعارك."
    )
    events, dropped = explain(text)
    assert [e.location.name_ar for e in events] == ["كفر نبل"]
    assert any("late in the report" in d.reason for d in dropped)


def test_toll_named_among_the_dead_is_no_count(resources):
    from rasd.coding.tolls import find_toll

    toll = find_toll("قتل سبعة أشخاص في انفجار سيارة مفخخة، وكان بين القتلى جنديان.", resources.lexicon)
    assert toll.fatalities.best == 7


def test_toll_of_others_killed_adds_up(resources):
    from rasd.coding.tolls import find_toll

    lex = resources.lexicon
    toll = find_toll("قتل المسلحون 12 قرويا في السوق، ثم قتلوا خمسة أشخاص آخرين في القرية المجاورة.", lex)
    assert toll.fatalities.best == 17
    toll = find_toll("أسفر الهجوم عن مقتل 9 أشخاص من ركاب الحافلة، بينهم شرطي، واثنين آخرين قرب الحاجز.", lex)
    assert toll.fatalities.best == 11
    toll = find_toll("وكان عشرة مدنيين قتلوا وجرح ثلاثون آخرون في القصف.", lex)
    assert toll.fatalities.best == 10


def test_a_year_after_a_dating_word_is_no_toll(resources):
    from rasd.coding.tolls import find_toll

    lex = resources.lexicon
    assert find_toll("وأوقفت السلطات تنفيذ أحكام الإعدام منذ 1994.", lex) is None
    toll = find_toll("قتل 14 جنديا في الهجوم الذي وقع عام 2016.", lex)
    assert toll.fatalities.best == 14


def test_blocking_a_road_is_no_intercepted_weapon(explain):
    text = "اعترضت جماعة مسلحة طريق سيارة تقل عمالا قرب مدينة مصراتة أمس واقتادتهم إلى جهة مجهولة."
    types = {e.sub_event_type for e in _events(explain, text)}
    assert "Disrupted weapons use" not in types


def test_setting_fire_makes_a_demonstration_a_riot(explain):
    text = "أكدت مصادر محلية إضرام متظاهرين غاضبين النيران في مبنى المحافظة في مدينة الناصرية اليوم."
    [event] = _events(explain, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")


def test_shells_found_or_heard_are_no_shelling(explain):
    text = "عثرت قوات الأمن بحوزة المسلحين على قذائف هاون وصواريخ في مخبأ قرب مدينة العريش اليوم."
    types = {e.sub_event_type for e in _events(explain, text)}
    assert "Shelling/artillery/missile attack" not in types


def test_a_raid_without_arrests_is_no_arrest(explain):
    text = "داهمت قوات الاحتلال منازل في بلدة يطا جنوب الخليل صباح اليوم وفتشتها."
    types = {e.sub_event_type for e in _events(explain, text)}
    assert "Arrests" not in types


def test_an_aim_to_take_a_town_is_no_territory_change(explain):
    text = "تهدف قوات الدعم السريع إلى بسط سيطرتها على مدينة الفاشر بحسب مصادر محلية."
    types = {e.sub_event_type for e in _events(explain, text)}
    assert not any("territory" in t for t in types)


def test_talk_of_repeated_kidnappings_is_no_kidnapping(explain):
    text = "أعرب سكان مدينة عدن عن قلقهم من تكرار حوادث الاختطاف والاعتقال خارج إطار القانون."
    assert _events(explain, text) == []


def test_barrel_bombs_are_air_strikes(explain):
    text = "قتل ثلاثة مدنيين جراء إلقاء مروحيات النظام براميل متفجرة على حي الصاخور في مدينة حلب اليوم."
    [event] = _events(explain, text)
    assert event.sub_event_type == "Air/drone strike"


def test_blowing_up_a_house_is_property_destruction(explain):
    text = "أقدمت قوة إسرائيلية على تفجير منزل في بلدة عيترون جنوب لبنان فجر اليوم."
    assert "Looting/property destruction" in {e.sub_event_type for e in _events(explain, text)}


def test_more_verb_forms_of_kidnapping_and_beating(explain):
    text = "اختطفوا مسلحون مجهولون مواطنين اثنين قرب بلدة عرى في ريف السويداء أمس."
    assert {e.sub_event_type for e in _events(explain, text)} == {"Abduction/forced disappearance"}
    text = "أفادت مصادر محلية بأن مستوطنين اعتدوا بالضرب على مزارع فلسطيني قرب قرية جالود جنوب نابلس اليوم."
    assert {e.sub_event_type for e in _events(explain, text)} == {"Attack"}


def test_an_elected_council_and_a_judges_name_set_no_context(explain):
    text = (
        "اعتصم عشرات المعلمين أمام مجلس النواب في العاصمة عمّان اليوم، مطالبين بعودة مجلس نقابتهم المنتخب.\n"
        "وقال المعتصمون إن قرار الحل ظالم."
    )
    assert [e.event_type for e in _events(explain, text)] == ["Protests"]
    text = "اختطف مسلحون مجهولون اليوم السبت المدير العام عباس القاضي في مدينة طرابلس الليبية."
    assert [e.sub_event_type for e in _events(explain, text)] == ["Abduction/forced disappearance"]


def test_actors_read_for_the_report_country_and_time(explain):
    text = "اختطف مسلحون من تنظيم القاعدة موظفا أمميا في مديرية المحفد بمحافظة أبين اليمنية أمس."
    [event] = _events(explain, text)
    assert event.actor1.kb_id == "aqap"
    text = "قتل ستة عناصر من الأمن العام في كمين نصبه مسلحون من فلول النظام قرب مدينة جبلة أمس."
    published = dt.datetime(2025, 3, 7, 9, 0, tzinfo=dt.UTC)
    [event] = _events(explain, text, published)
    assert event.actor1.name_en == "Unidentified Pro-Assad Armed Group (Syria)"


def test_running_totals_are_no_toll(resources):
    from rasd.coding.tolls import find_toll

    lex = resources.lexicon
    assert find_toll("وأحصى المرصد 120 قتيلا خلال عشرة أيام من القصف على أحياء المدينة.", lex) is None
    assert find_toll("بعد حرب أوقعت أكثر من أربعة آلاف قتيل في البلاد.", lex) is None
    assert find_toll("قتل خمسة مدنيين في قصف على البلدة صباح اليوم.", lex).fatalities.best == 5


def test_recalled_background_after_the_news_is_no_event(explain):
    text = (
        "قتل شاب برصاص قوات الاحتلال عند مدخل بلدة جالود جنوب نابلس اليوم.\n"
        "وكان مستوطنون قد هاجموا قرية دوما فجر أمس الأحد."
    )
    events, dropped = explain(text)
    assert len(events) == 1
    assert any("recalled after the report's news" in d.reason for d in dropped)


def test_dead_of_a_dropped_background_sentence_are_no_orphan_toll(explain):
    text = (
        "قال شهود إن مستوطنين اعتدوا بالضرب على مزارع قرب قرية جالود جنوب نابلس اليوم.\n"
        "وكان مستوطنون قد هاجموا قرية دوما فجر أمس ما أدى لاستشهاد طفل."
    )
    [event] = _events(explain, text)
    assert event.fatalities.best in (None, 0)


def test_demonstrators_in_clashes_are_rioters(explain):
    text = "وقعت اشتباكات بين المتظاهرين والأهالي في شارع جسر السويس بالقاهرة خلال مسيرة اليوم الجمعة."
    [event] = _events(explain, text)
    assert (event.sub_event_type, event.actor1.name_en) == ("Violent demonstration", "Rioters (Egypt)")


def test_a_riot_keeps_its_crowd_as_actor1_when_retold(explain):
    text = (
        "أحرق متظاهرون غاضبون مبنى المحافظة في مدينة الناصرية اليوم.\n"
        "وقالت مصادر إن الشرطة العراقية أطلقت النار على المتظاهرين في الناصرية ما أدى إلى مقتل متظاهر."
    )
    events = [e for e in _events(explain, text) if e.event_type == "Riots"]
    assert events and all(e.actor1.name_en == "Rioters (Iraq)" for e in events)


def test_fighting_going_on_for_weeks_or_told_days_later_is_a_recap(explain):
    text = (
        "قتل خمسة مدنيين بقصف مدفعي على حي في مدينة الفاشر صباح اليوم.\n"
        "وتشهد المدينة منذ نحو أسبوعين معارك طاحنة بين الجيش وقوات الدعم السريع.\n"
        "وقبل أيام، سيطر الجيش على بلدة قريبة من مدينة مليط."
    )
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert sum("recap" in d.reason for d in dropped) >= 2


def test_a_bomber_killed_by_troops_set_off_no_bomb(explain):
    text = "تمكنت القوات الأمنية من قتل انتحاري يرتدي حزاما ناسفا قرب مدينة بعقوبة في محافظة ديالى اليوم."
    assert "Suicide bomb" not in {e.sub_event_type for e in _events(explain, text)}


def test_protests_against_a_deadly_strike_are_no_excessive_force(explain):
    text = "قتل خمسة أشخاص في قصف تركي على قضاء سنجار اليوم، والذي أثار موجة من الاحتجاجات في المدينة."
    types = {e.sub_event_type for e in _events(explain, text)}
    assert "Excessive force against protesters" not in types


def test_villagers_attacking_neighbours_in_protest_are_a_mob(explain):
    text = "هاجم قرويون غاضبون منازل جيرانهم في قرية قرب مدينة المنيا احتجاجا على بناء قاعة أمس."
    types = {(e.event_type, e.sub_event_type) for e in _events(explain, text)}
    assert ("Riots", "Mob violence") in types
    assert not any(t == "Protests" for t, _ in types)


def test_dispersing_or_arresting_demonstrators_is_intervention(explain):
    text = "فضت قوات الأمن تظاهرة في ميدان الأربعين بمدينة السويس مساء أمس وألقت القبض على عشرة من المشاركين."
    [event] = _events(explain, text)
    assert event.sub_event_type == "Protest with intervention"


def test_settlers_throwing_stones_at_a_village_attack_it(explain):
    text = "هاجم عشرات المستوطنين قرية برقة شرق رام الله مساء اليوم ورشقوا المنازل بالحجارة."
    types = {(e.event_type, e.actor1.name_en) for e in _events(explain, text)}
    assert ("Violence against civilians", "Israeli Settlers (Israel)") in types
    assert not any(t == "Riots" for t, _ in types)


def test_uprooting_a_fence_is_no_property_destruction(explain):
    text = "تمكن الشبان من اقتلاع أجزاء من السياج الفاصل شرق مدينة جباليا اليوم."
    assert "Looting/property destruction" not in {e.sub_event_type for e in _events(explain, text)}
    text = "اقتلعت قوات الاحتلال 100 شجرة زيتون في بلدة صوريف شمال الخليل اليوم."
    assert "Looting/property destruction" in {e.sub_event_type for e in _events(explain, text)}


def test_a_denied_truce_and_conditional_talks_are_no_agreement(explain):
    text = (
        "قال قائد الجيش في كلمة أمام الجنود في مدينة بورتسودان اليوم: ليست لدينا هدنة مع المتمردين.\n"
        "وحدد الشروط لأي تفاوض محتمل معهم."
    )
    assert "Agreement" not in {e.sub_event_type for e in _events(explain, text)}


def test_kamikaze_drones_in_an_assault_are_no_suicide_bombing(explain):
    text = "بدأ الهجوم على مدينة الفاشر بغطاء من القصف المدفعي والمسيرات الاستطلاعية والانتحارية صباح اليوم."
    assert "Suicide bomb" not in {e.sub_event_type for e in _events(explain, text)}


def test_report_kind_is_read_past_page_debris(explain):
    text = (
        "وكالة الأنباء\n"
        "إسطنبول\n"
        "نشر في 13.01.2022\n"
        "أصدرت المحكمة العليا في مدينة كوبلنز حكما بالسجن المؤبد بحق ضابط سابق بعد إدانته بجرائم قتل.\n"
        "واتهم الضابط بالاغتصاب والتعذيب في سجن بدمشق خلال سنوات عمله."
    )
    assert _events(explain, text) == []


def test_a_demonstration_at_a_trial_is_still_a_demonstration(explain):
    text = "تظاهر العشرات أمام قصر العدل في مدينة بيروت اليوم احتجاجا على تأجيل جلسة محاكمة المتهمين بتفجير المرفأ."
    assert [e.event_type for e in _events(explain, text)] == ["Protests"]


def test_a_candidate_stealing_the_show_is_no_kidnapping(explain):
    text = "في محافظة الشرقية خطف المرشح أحمد الأنظار بعد ظهوره على حصان في جولة انتخابية بمدينة الزقازيق."
    assert _events(explain, text) == []


def test_protesters_taking_a_building_is_the_protest(explain):
    text = "وسيطر المحتجون على مبنى المحافظة في مدينة السويداء اليوم وأشعلوا فيه النيران."
    events = _events(explain, text)
    assert [e.event_type for e in events] == ["Riots"]


def test_cue_words_are_found_behind_bi_al(explain):
    text = "شنت القوات التركية بالطائرات قصفا على مقر في جبل سنجار مساء اليوم."
    [event] = _events(explain, text)
    assert event.sub_event_type == "Air/drone strike"


def test_an_official_quoted_retelling_the_strike_tells_no_new_one(explain):
    text = (
        "قصفت طائرات حربية تركية مواقع في قضاء سنجار فجر اليوم.\n"
        'وقال قائممقام سنجار: "تركيا تريد إخافة مواطنينا، لذا يقومون بقصف المنطقة في قضاء مخمور".'
    )
    assert len(_events(explain, text)) == 1


def test_quoted_statements_with_their_own_dead_are_their_own_strikes(explain):
    text = (
        'قالت وزارة الصحة إن "غارة إسرائيلية على بلدة الطيبة جنوب لبنان أدت إلى سقوط شهيد"، '
        'كما أعلنت مقتل شخص آخر إثر "غارة إسرائيلية على بلدة الخيام أدت إلى سقوط شهيد".'
    )
    assert len(_events(explain, text)) == 2


def test_shooting_phrasings_are_attacks_and_exchanges_are_clashes(explain):
    text = (
        "أقدم مجهولون على إطلاق النار بشكل مباشر على شاب في مدينة نوى بريف درعا الغربي أمس ما أدى إلى مقتله."
    )
    assert {e.sub_event_type for e in _events(explain, text)} == {"Attack"}
    text = (
        "دار تبادل متقطع لإطلاق النار بين عناصر من تنظيم الدولة وقوات قسد في بلدة ذيبان بريف دير الزور اليوم."
    )
    assert {e.sub_event_type for e in _events(explain, text)} == {"Armed clash"}


def test_retaking_a_town_from_a_group(explain):
    text = "أعلن الجيش العراقي اليوم استعادة مدينة الفلوجة بالكامل من تنظيم داعش."
    [event] = _events(explain, text)
    assert (event.sub_event_type, event.actor1.kb_id) == ("Government regains territory", "iq-gov-forces")
    text = "أعلنت الفرق الطبية اليوم استعادة جثث خمسة من الضحايا في مدينة الموصل."
    assert not any("territory" in e.sub_event_type for e in _events(explain, text))


def test_clashes_to_be_prevented_are_none(explain):
    text = (
        "نشرت القوات دوريات بين قريتي قصيبا والبوراشد بريف دير الزور بهدف منع تجدد الاشتباكات بين العشيرتين."
    )
    assert _events(explain, text) == []


def test_troops_killing_militants_is_a_battle(explain):
    text = "قالت القوات المسلحة إن قوات الجيش الثالث قتلت مسلحا وصفته بالتكفيري في وسط سيناء اليوم."
    [event] = _events(explain, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    text = "قتل مسلحون مجهولون خمسة مدنيين في قرية قرب مدينة العريش اليوم."
    [event] = _events(explain, text)
    assert event.event_type == "Violence against civilians"


def test_who_planted_a_mine_set_it_off(explain):
    text = "قتل طفل وأصيب اثنان بانفجار لغم من مخلفات المليشيا الحوثية في مديرية حيس بمحافظة الحديدة أمس."
    [event] = _events(explain, text)
    assert event.actor1.kb_id == "houthis"


def test_the_heaviest_shelling_in_months_is_news_not_a_recap(explain):
    text = "قتل خمسة مدنيين في أعنف قصف منذ أشهر على بلدة كفرنبل في ريف إدلب صباح اليوم."
    assert [e.event_type for e in _events(explain, text)] == ["Explosions/Remote violence"]


def test_a_hedged_nationality_names_the_air_force(explain):
    text = "قتل مدني بقصف لطائرات حربية يرجح أنها روسية على قرية تل حلاوة شرق إدلب اليوم."
    [event] = _events(explain, text)
    assert event.actor1.kb_id == "ru-forces"


def test_onlookers_and_heard_shells_are_no_events(explain):
    text = "أعدم عناصر التنظيم ثلاثة شبان في منطقة الرمادي بريف البوكمال وسط تجمهر عشرات الأطفال في مكان الإعدام."
    assert "Protests" not in {e.event_type for e in _events(explain, text)}
    text = "سمع دوي إطلاق نار كثيف واستخدام للقذائف الصاروخية في حي الشراونة بمدينة بعلبك اليوم."
    assert "Shelling/artillery/missile attack" not in {e.sub_event_type for e in _events(explain, text)}


def test_a_bombing_told_as_tafjir(explain):
    text = "قتل ثمانية أشخاص في تفجير سيارة بحي ياقشيد جنوبي مقديشو اليوم."
    assert {e.sub_event_type for e in _events(explain, text)} == {"Remote explosive/landmine/IED"}
    text = "حذر المسؤول من أن تفجير الأوضاع في مدينة طرابلس سيضر بالجميع."
    assert _events(explain, text) == []


def test_prisoners_freed_by_both_sides_through_mediation_is_an_agreement(explain):
    text = "أعلنت مصادر محلية إطلاق سراح جميع المحتجزين من الجانبين بوساطة وجهاء في مدينة السويداء اليوم."
    assert "Agreement" in {e.sub_event_type for e in _events(explain, text)}


def test_an_assassination_with_no_toll_killed_its_target(explain):
    text = "أقدم مسلحون مجهولون فجر اليوم على اغتيال الناشط المدني في حي الحداد بمدينة كربلاء."
    [event] = _events(explain, text)
    assert event.fatalities.best == 1
    text = "نجا قيادي من محاولة اغتيال بعبوة ناسفة في مدينة درعا اليوم."
    assert all(e.fatalities.best in (None, 0) for e in _events(explain, text))


def test_al_hayaa_alone_is_no_tahrir_al_sham(explain):
    text = "اختطف مسلحون مجهولون اليوم رئيس الهيئة العامة للأوقاف في مدينة طرابلس الليبية."
    [event] = _events(explain, text)
    assert event.actor1.kb_id != "hts"


def test_common_words_name_an_armed_group_only_once_it_is_named(explain):
    text = "استهدفت طائرة مسيرة مجهولة القاعدة العسكرية في مطار أربيل الدولي مساء أمس."
    ids = {a.kb_id for e in _events(explain, text) for a in (e.actor1, e.actor2) if a}
    assert not ids & {"al-qaeda", "aqap"}
    text = "ردد الحشد الغاضب هتافات أمام مبنى المحافظة في البصرة خلال تظاهرة اليوم."
    ids = {a.kb_id for e in _events(explain, text) for a in (e.actor1, e.actor2) if a}
    assert "pmf" not in ids


def test_demonstrators_cited_as_a_source_are_no_demonstration(explain):
    text = "تشهد محافظة ذي قار انقطاعات متكررة في الكهرباء بحسب محتجين تحدثوا لوكالات محلية."
    assert "Protests" not in {e.event_type for e in _events(explain, text)}


def test_protests_sparked_in_passing_are_no_demonstration(explain):
    text = "قتل خمسة أشخاص في قصف تركي على قضاء سنجار اليوم، وهو ما أثار موجة من الاحتجاجات."
    assert "Protests" not in {e.event_type for e in _events(explain, text)}


def test_quarters_of_a_city_named_with_it_are_one_event(explain):
    text = (
        "شنت قوات الأمن اليوم حملة اعتقالات واسعة في مدينة بغداد بحثا عن مطلوبين.\n"
        "وقال مصدر أمني إن الحملة شملت اعتقال مشتبه بهم في أحياء الزهور والنخيل والسلام."
    )
    events = [e for e in _events(explain, text) if e.sub_event_type == "Arrests"]
    assert [e.location.name_ar for e in events] == ["بغداد"]


def test_a_governorate_told_beside_its_town_is_the_towns_event(explain):
    text = (
        "شن الطيران الحربي الروسي اليوم غارات على محافظة إدلب. "
        "وقالت مصادر محلية إن غارة استهدفت بلدة سرجة وقتلت ثلاثة مدنيين."
    )
    strikes = [e for e in _events(explain, text) if e.sub_event_type == "Air/drone strike"]
    assert [e.location.name_ar for e in strikes] == ["سرجة"]


def test_force_on_a_crowd_is_the_force_the_report_named(explain):
    text = (
        "تواصلت المواجهات بين الجيش الإسرائيلي والشبان في مدينة نابلس.\n"
        "وفي بلدة بيتا، فرقت القوات المتظاهرين بقنابل الغاز المسيل للدموع خلال مسيرة ضد الاستيطان."
    )
    crowds = [e for e in _events(explain, text) if e.event_type == "Protests"]
    assert crowds and all(e.actor2 and e.actor2.kb_id == "il-forces" for e in crowds)


def test_a_clash_told_again_keeps_both_sides_in_order(explain):
    text = (
        "اندلعت اشتباكات عنيفة بين الجيش السوداني وقوات الدعم السريع في مدينة أم درمان اليوم. "
        "وقال شهود عيان إن اشتباكات اندلعت أيضا في منطقة الكدرو بمدينة بحري."
    )
    clashes = [e for e in _events(explain, text) if e.sub_event_type == "Armed clash"]
    assert len(clashes) == 2
    assert {(e.actor1.kb_id, e.actor2.kb_id if e.actor2 else None) for e in clashes} == {
        (clashes[0].actor1.kb_id, clashes[0].actor2.kb_id)
    }
    assert clashes[1].actor1.kb_id != "rsf"


def test_a_renamed_group_is_named_as_on_the_day(explain):
    text = "سيطرت فصائل الجيش الحر اليوم على قرية الياشلي بريف منبج الغربي بعد مواجهات مع قوات سوريا الديمقراطية."
    [late] = [
        e
        for e in _events(explain, text, dt.datetime(2019, 10, 14, tzinfo=dt.UTC))
        if e.event_type == "Battles"
    ]
    assert late.actor1.kb_id == "sna"
    [early] = [
        e for e in _events(explain, text, dt.datetime(2016, 5, 3, tzinfo=dt.UTC)) if e.event_type == "Battles"
    ]
    assert early.actor1.kb_id == "fsa"


def test_a_place_inside_a_groups_name_is_no_place(explain):
    text = (
        "شن مسلحون من جماعة أنصار بيت المقدس هجوما على كمين للجيش المصري اليوم، ما أدى إلى مقتل ثلاثة جنود."
    )
    events = _events(explain, text, dt.datetime(2014, 8, 3, tzinfo=dt.UTC))
    assert all(e.location is None or e.location.name_ar != "القدس" for e in events)
    text = "شن مسلحون من جماعة أنصار بيت المقدس هجوما على كمين للجيش المصري قرب مدينة العريش اليوم."
    [early] = _events(explain, text, dt.datetime(2014, 8, 3, tzinfo=dt.UTC))
    assert early.actor1.kb_id == "ansar-bayt-al-maqdis" and early.location.name_ar == "العريش"
    [late] = _events(explain, text, dt.datetime(2016, 8, 3, tzinfo=dt.UTC))
    assert late.actor1.name_en == "Islamic State (Egypt)"


def test_bombs_found_in_a_cache_are_no_explosion(explain):
    text = "داهمت قوات الجيش وكرا للمسلحين في محيط مدينة العريش، وعثر بحوزتهم على أسلحة آلية وقنابل يدوية."
    assert "Grenade" not in {e.sub_event_type for e in _events(explain, text)}
    text = "دمرت القوات مخزنا في مدينة العريش يحتوي على كمية كبيرة من العبوات الناسفة."
    assert "Remote explosive/landmine/IED" not in {e.sub_event_type for e in _events(explain, text)}
    text = "ألقى مجهول قنبلة يدوية على منزل في مدينة العريش مساء أمس ما أدى إلى إصابة شخصين."
    assert "Grenade" in {e.sub_event_type for e in _events(explain, text)}


def test_a_sentence_opened_as_background_is_no_news(explain):
    text = (
        "قتل شخص بانفجار عبوة ناسفة في مدينة كركوك صباح اليوم.\n"
        "يذكر أن القوات العراقية اعتقلت عناصر من تنظيم داعش في مدينة الموصل."
    )
    events, dropped = explain(text)
    assert "Arrests" not in {e.sub_event_type for e in events}
    assert any("background" in d.reason for d in dropped)


def test_a_crowd_told_again_far_away_is_not_the_first_crowd():
    from rasd.coding.merge import merge_within
    from rasd.models import Event, Evidence, Place

    day = dt.date(2024, 3, 12)
    basra = Place("البصرة", geonameid=1, lat=30.5, lon=47.8)
    mosul = Place("الموصل", geonameid=2, lat=36.3, lon=43.1)
    riot = Event("a", ("d",), "Riots", "Violent demonstration", day, location=basra, geo_precision=3,
                 evidence=(Evidence("location", 0, 5),))  # fmt: skip
    # a demonstration 800 km away whose place was carried over from context: another crowd, not the riot retold
    crowd = Event("b", ("d",), "Protests", "Peaceful protest", day, location=mosul, geo_precision=2)
    merged = merge_within([(riot, "protest", frozenset()), (crowd, "protest", frozenset())])
    assert sorted((e.sub_event_type, e.location.name_ar) for e in merged) == [
        ("Peaceful protest", "الموصل"),
        ("Violent demonstration", "البصرة"),
    ]


def test_barrel_bombs_are_the_regimes_whoever_else_is_named(explain):
    text = "سقطت براميل متفجرة على حي الصاخور في مدينة حلب اليوم، تزامنا مع غارات شنتها طائرات حربية روسية."
    strikes = [e for e in _events(explain, text) if e.sub_event_type == "Air/drone strike"]
    assert strikes and all(e.actor1.kb_id == "sy-air-force" for e in strikes)


def test_the_sdf_spelled_with_suriya_is_the_sdf(explain):
    text = "سيطرت قوات سورية الديمقراطية اليوم على قرية دوشان شرق مدينة منبج بعد مواجهات مع تنظيم داعش."
    battles = [
        e for e in _events(explain, text, dt.datetime(2016, 6, 4, tzinfo=dt.UTC)) if e.event_type == "Battles"
    ]
    assert battles and battles[0].actor1.kb_id == "sdf"


def test_fire_of_unknown_source_is_no_carried_doer(explain):
    text = (
        "اندلعت اشتباكات بين قوات الجيش الوطني الليبي وقوات مجلس شورى ثوار بنغازي في منطقة بنينا أمس.\n"
        "وتعرضت مدينة بنغازي فجر اليوم لقصف عشوائي مجهول المصدر بقذائف هاون."
    )
    shelling = [e for e in _events(explain, text) if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1.kb_id == "unidentified-armed-group"


def test_a_happening_pointed_back_at_is_no_new_one(explain):
    text = (
        "شن الطيران الحربي السوداني غارة على حي المطار في مدينة نيالا أمس، ما أدى إلى مقتل شخصين.\n"
        "وتسيطر قوات الدعم السريع على المدينة منذ أكتوبر الماضي.\n"
        "وقال شهود إن المدنيين فروا من الحي.\n"
        "ولم تصدر قوات الدعم السريع أي بيان بخصوص هذه الغارة الجوية على مدينة نيالا."
    )
    strikes = [e for e in _events(explain, text) if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1


def test_a_dispersed_crowd_with_dead_met_excessive_force(explain):
    text = (
        "أعلنت لجنة الأطباء مقتل متظاهر وإصابة العشرات خلال مواكب في مدينة الخرطوم أمس.\n"
        "واستخدمت قوات الأمن الغاز المسيل للدموع بكثافة لتفريق المحتجين الذين تجمعوا في شارع المطار."
    )
    [crowd] = [e for e in _events(explain, text) if e.event_type == "Protests"]
    assert crowd.sub_event_type == "Excessive force against protesters"
    assert crowd.actor1.inter == 1 and crowd.actor2.kb_id == "protesters"


def test_a_bomb_beside_a_state_force_was_set_against_it(explain):
    """ACLED: IEDs and suicide bombs are an armed group's weapons; the army a sentence names beside one is its
    target, not its user."""
    text = "انفجرت عبوة ناسفة بدورية للجيش العراقي في قضاء الطارمية شمال بغداد أمس، ما أسفر عن مقتل جنديين."
    [event] = _events(explain, text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1.kb_id == "unidentified-armed-group"
    assert event.actor2 is not None and event.actor2.name_en.startswith("Military Forces of Iraq")


def test_an_attack_on_a_base_or_on_soldiers_is_a_battle(explain):
    """ACLED: an armed group storming a military base or ambushing a patrol fights armed men (Armed clash),
    whatever verb tells it; an attack on a village is violence against civilians."""
    base = "هاجم مسلحون قاعدة عسكرية في بلدة بلدوين وسط الصومال أمس، ما أسفر عن مقتل خمسة جنود."
    [event] = _events(explain, base)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    village = "هاجم مسلحون قرية قرب بلدة بلدوين وسط الصومال أمس، ما أسفر عن مقتل خمسة من سكانها."
    [event] = _events(explain, village)
    assert event.event_type == "Violence against civilians"
