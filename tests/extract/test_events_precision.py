"""Precision on real reports (issue 10): a happening told twice is one event, and what a report tells in passing
is no event of its own. Sentences written for these tests."""

import datetime as dt

from rasd.models import ActorRef, Event, Place

DAY = dt.date(2024, 3, 12)
TOWN = Place("كفرنبل", geonameid=7, lat=35.6, lon=36.56)


def _strike(eid: str, actor1: ActorRef | None) -> Event:
    return Event(eid, ("d",), "Explosions/Remote violence", "Air/drone strike", DAY, actor1=actor1,
                 location=TOWN, geo_precision=1)  # fmt: skip


def test_one_air_strike_per_place_and_day_for_one_force():
    from rasd.coding.merge import one_per_place

    army = ActorRef("sy-army", "Military Forces of Syria")
    air_force = ActorRef("sy-air-force", "Military Forces of Syria")  # the same ACLED actor, another unit
    merged = one_per_place([_strike("a", army), _strike("b", air_force), _strike("c", None)])
    assert [e.event_id for e in merged] == ["a"]


def test_two_forces_striking_one_town_on_one_day_stay_two_events():
    from rasd.coding.merge import one_per_place

    syria = ActorRef("sy-air-force", "Military Forces of Syria")
    russia = ActorRef("ru-army", "Military Forces of Russia")
    assert len(one_per_place([_strike("a", syria), _strike("b", russia)])) == 2


DATED_PAGE = (
    "الجمعة 3 مايو 2024 11:20 صـ 24 شوال 1445 هـ\n"
    "السبت 4 مايو 2024 09:05 صـ 25 شوال 1445 هـ\n"
    "مقتل شخصين بانفجار داخل مطعم في مدينة الزرقاء\n"
    "توفي شخصان صباح اليوم السبت بعد تسرب للغاز أعقبه انفجار في مطبخ أحد مطاعم مدينة الزرقاء.\n"
)


def test_a_pages_date_lines_are_not_its_lead(explain):
    # the lead that says what blew up follows two date lines of the page: it still sets the report's kind
    events, dropped = explain(DATED_PAGE)
    assert events == []
    assert any("accident" in d.reason for d in dropped)


def test_the_riot_police_are_no_riot(explain):
    text = (
        "تجمع مئات المحتجين أمس أمام مبنى البلدية في مدينة عطبرة، ثم فرقت قوات مكافحة الشغب الحشد بالهراوات."
    )
    assert [(e.event_type, e.sub_event_type) for e in explain(text)[0]] == [
        ("Protests", "Protest with intervention")
    ]


def test_a_ban_on_any_gathering_is_no_gathering(explain):
    # "أي تجمع": a kind of happening forbidden, not one that took place
    text = "وأغلقت الشرطة الساحة الرئيسية في مدينة الحسيمة اليوم، ومنعت أي تجمع أمام مقر العمالة."
    assert explain(text)[0] == []


def test_what_a_force_does_regularly_is_no_happening(explain):
    # the news, then what the force does "regularly" (بانتظام) or "often" (غالبا ما): a habit, not a second strike
    text = (
        "قتل ثلاثة مدنيين في غارة جوية على بلدة كفرنبل جنوب إدلب صباح اليوم.\n"
        "ويقصف الطيران بانتظام مدينة أريحا المجاورة.\n"
        "وغالبا ما تقصف الطائرات الحربية سوق مدينة معرة النعمان."
    )
    events, dropped = explain(text)
    assert len(events) == 1
    assert [d.reason for d in dropped] == ["recap context", "recap context"]


def test_a_place_abroad_named_beside_the_happening_is_no_second_happening(explain):
    text = (
        "فرقت الشرطة الأردنية بالغاز المسيل للدموع مئات المتظاهرين الذين ساروا نحو مبنى البرلمان في عمان "
        "تضامنا مع سكان غزة مساء أمس."
    )
    assert [e.location.country for e in explain(text)[0]] == ["JO"]


def test_a_happening_told_in_the_pluperfect_and_dated_before_the_news_is_background(explain):
    text = (
        "قتل جنديان في هجوم على حاجز للجيش في بلدة الصنمين شمال درعا اليوم الثلاثاء.\n"
        "وكانت فصائل مسلحة سيطرت يوم أمس الاثنين على بلدة جاسم."
    )
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Battles"]
    assert any("pluperfect" in d.reason for d in dropped)


def test_villages_listed_in_a_quotation_are_each_taken(explain):
    # the quotation lists three villages: three changes of hands, not the first sentence's told again
    text = (
        "سيطرت فصائل المعارضة اليوم الثلاثاء على ثلاث قرى شمال مدينة الباب بعد معارك مع تنظيم داعش.\n"
        'وقال قائد ميداني لوكالة محلية إن "المقاتلين سيطروا على قرى قباسين وبزاعة وتادف بعد انسحاب عناصر '
        'التنظيم".'
    )
    taken = [e for e in explain(text)[0] if e.event_type == "Battles"]
    assert {"قباسين", "بزاعة", "تادف"} <= {e.location.name_ar for e in taken}


def test_what_the_news_comes_after_is_background(explain):
    # "ويأتي الهجوم بعد ...": the sentence sets the news beside an earlier happening, it does not tell a new one
    text = (
        "قتل ثلاثة جنود في هجوم مسلح على حاجز للجيش في مدينة غاو شمال مالي اليوم الثلاثاء.\n"
        "ويأتي الهجوم بعد أسبوع من اختطاف مهندس أجنبي في مدينة موبتي."
    )
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Battles"]
    assert [d.event.sub_event_type for d in dropped] == ["Abduction/forced disappearance"]


def test_what_this_came_after_is_background(explain):
    text = (
        "شنت طائرات حربية غارات على مواقع مسلحين في بلدة البيضاء وسط اليمن صباح اليوم.\n"
        "وجاء ذلك بعد هجوم بطائرات مسيرة على منشأة نفطية في مدينة مأرب."
    )
    events, dropped = explain(text)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert dropped and all("background" in d.reason for d in dropped)


def test_drug_dealers_and_migrants_arrested_are_no_political_arrests(explain):
    text = (
        "اعتقل الجيش أمس أربعة تجار مخدرات في مدينة تبسة، واعتقلت قوات خفر السواحل 20 مهاجرا غير شرعي "
        "قرب مدينة وهران."
    )
    assert explain(text)[0] == []
    text = "اعتقلت قوات الأمن أمس خمسة مسلحين من جماعة إرهابية في مدينة تبسة."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Arrests"]


def test_a_sentence_that_weighs_the_news_tells_no_new_happening(explain):
    # "ويعدّ هذا ثالث ...": the news counted among earlier ones, not a new strike
    text = (
        "سقط صاروخ أطلقه الحوثيون على مدينة نجران صباح اليوم دون وقوع إصابات.\n"
        "ويعدّ هذا ثالث صاروخ يطلقه الحوثيون على مدينة جازان خلال أسبوع."
    )
    events, dropped = explain(text)
    assert len(events) == 1
    assert all("background" in d.reason for d in dropped)


def test_the_force_that_shot_at_a_crowd_is_that_crowds_event(explain):
    # the wounded are the marchers the force dispersed: the protest's intervention, not an attack of its own
    text = (
        "شارك مئات المتظاهرين في مسيرة احتجاجية شرق بلدة جباليا اليوم الجمعة، وفرقتهم قوات الاحتلال بقنابل "
        "الغاز المسيل للدموع.\n"
        "وقالت وزارة الصحة إن 14 شابا أصيبوا برصاص قوات الاحتلال شرق قطاع غزة."
    )
    assert [e.event_type for e in explain(text)[0]] == ["Protests"]


def test_protests_a_strike_set_off_are_named_in_passing(explain):
    # "أثار موجة من الاحتجاجات والتظاهرات": the consequence of the strike, no demonstration with a place or day
    text = (
        "قتل ثلاثة مدنيين في غارة بطائرة مسيرة على قرية في قضاء سنجار صباح اليوم، وهو القصف الذي أثار موجة "
        "من الغضب والتظاهرات في مدينة دهوك."
    )
    assert "Protests" not in {e.event_type for e in explain(text)[0]}


def test_a_condemnations_report_tells_no_attack_without_an_armed_actor(explain):
    # a report headed by a condemnation tells the statement; the attack it names is its object (docs/annotation.md)
    text = (
        "الخارجية تدين الهجوم على قرية في شمال مالي\n"
        "أدانت وزارة الخارجية بشدة اليوم الهجوم الإرهابي الذي استهدف قرية في شمال مالي.\n"
        "وخلف ذلك الهجوم الدامي عشرات القتلى والجرحى في بلدة غاو."
    )
    events, dropped = explain(text)
    assert events == []
    assert any(d.reason == "a statement report and no armed actor in the sentence" for d in dropped)


def test_a_death_sentence_for_the_convicted_is_a_court_report(explain):
    # "محكمة … إعدام … أدينوا": two of the court's words with other senses, together a verdict on an old bombing
    text = (
        "قررت محكمة عراقية إعدام أربعة رجال أدينوا بتفجير سيارة مفخخة في سوق مدينة الحلة قتل فيه 20 شخصا.\n"
        "وأضاف المصدر أن التفجير وقع قرب مسجد في مدينة الحلة."
    )
    assert explain(text)[0] == []


def test_an_execution_by_an_armed_group_is_no_court(explain):
    text = "أعدم مسلحو تنظيم داعش خمسة مدنيين رميا بالرصاص في قرية قرب مدينة الحويجة اليوم بتهمة التعاون مع الجيش."
    assert [e.event_type for e in explain(text)[0]] == ["Violence against civilians"]


def test_a_month_long_tally_is_no_happening(explain):
    text = "قتل 81 مدنيا برصاص قوات النظام في مدينة حلب خلال شباط 2024، بحسب التقرير الشهري للشبكة."
    events, dropped = explain(text)
    assert events == []
    assert [d.reason for d in dropped] == ["dead counted over a month: a tally, not a happening of a day"]


def test_looting_over_the_short_past_period_is_a_recap(explain):
    text = (
        "قتل خمسة مدنيين في هجوم لقوات الدعم السريع على قرية ود النورة اليوم.\n"
        "ونهبت القوات ممتلكات المواطنين في مدينة نيالا في الفترة القصيرة الماضية."
    )
    assert [e.event_type for e in explain(text)[0]] == ["Violence against civilians"]


def test_a_gang_named_for_looting_is_no_looting(explain):
    text = (
        "قتل خمسة مدنيين في هجوم لقوات الدعم السريع على قرية ود النورة اليوم.\n"
        "ويشكو سكان القرية من عصابات نهب مسلحة تنتشر في محيط مدينة نيالا."
    )
    assert [e.event_type for e in explain(text)[0]] == ["Violence against civilians"]
