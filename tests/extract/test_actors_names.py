"""ACLED's names for the actors of each country: branches of a movement named by their province, and forces whose
generic word means the police in one country and the army in others. Sentences written for these tests."""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2021, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def events(extract):
    return lambda text: extract(text, PUBLISHED)


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


# The Sahel, Lake Chad and Libya: the region's forces and groups under ACLED's names, with the spellings Arabic
# outlets use.
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "هاجمت جماعة أنصار الإسلام البوركينية موقعا للدرك البوركينابي في مدينة جيبو شمالي بوركينا فاسو أمس، "
            "ما أسفر عن مقتل خمسة دركيين.",
            "Ansaroul Islam",
        ),
        (
            "قصفت طائرة مسيرة تابعة لقوة برخان الفرنسية مواقع لمسلحين قرب مدينة ميناكا في شمال مالي أمس.",
            "Military Forces of France",
        ),
        (
            "هاجمت ميليشيا دان نا أمباساغو قرية قرب مدينة باندياغارا وسط مالي أمس وقتلت عشرة مدنيين.",
            "Dan Na Ambassagou",
        ),
        (
            "أطلق صيادون تقليديون من الدوزو النار على رعاة في قرية قرب مدينة موبتي وسط مالي أمس فقتلوا ثلاثة منهم.",
            "Dozo Communal Militia (Mali)",
        ),
        (
            "قتلت القوة المشتركة متعددة الجنسيات 20 من مسلحي بوكو حرام في هجوم على معسكر لهم قرب بلدة مونغونو "
            "بولاية بورنو شمال شرقي نيجيريا أمس.",
            "MNJTF: Multinational Joint Task Force",
        ),
        (
            "قتل قطاع الطرق 12 قرويا في هجوم على قرية بولاية زمفرة شمال غربي نيجيريا أمس.",
            "Unidentified Armed Group (Nigeria)",
        ),
        (
            "اشتبك مقاتلو جبهة التغيير والوفاق في تشاد مع الجيش التشادي قرب بلدة ماو في إقليم كانم أمس.",
            "FACT: Front for Change and Concord in Chad",
        ),
        (
            "اختطفت ميليشيا الكانيات ثلاثة شبان في مدينة ترهونة جنوب شرق طرابلس أمس.",
            "Kaniyat Militia",
        ),
    ],
)
def test_sahel_lake_chad_and_libya_actors_carry_acleds_names(events, text, actor1):
    e = _one(events, text)
    assert e.actor1.name_en == actor1


def test_the_stability_support_apparatus_is_its_own_actor(events):
    found = events("اشتبك عناصر من جهاز دعم الاستقرار مع مسلحين في حي أبو سليم بالعاصمة الليبية طرابلس أمس.")
    assert found
    assert {e.actor1.name_en for e in found} == {"SSA: Stability Support Apparatus"}


def test_chads_police_by_its_adjective(events):
    e = _one(events, "فرقت الشرطة التشادية بالغاز المسيل للدموع متظاهرين في العاصمة نجامينا أمس.")
    assert "Police Forces of Chad" in {e.actor1.name_en, e.actor2.name_en}


def test_traditional_hunters_are_no_sahel_militia_in_yemen(events):
    e = _one(events, "قتل صيادون تقليديون صيادا آخر في شجار على شاطئ مدينة الحديدة اليمنية أمس.")
    assert "Dozo" not in e.actor1.name_en
