"""Where a village the gazetteer lacks is put: at the place its own sentence gives, never at a lone place far from
the report's others, and never at the next name of its list. Sentences written for these tests."""

import pytest

from rasd.geo import resolve
from rasd.geo.resolve import haversine_km
from rasd.kb.match import find_mentions
from rasd.models import Document, Place


@pytest.fixture(scope="module")
def places(settings, gazetteer, matcher):
    def run(text: str) -> list[Place]:
        doc = Document(doc_id="t", body=text)
        return resolve(doc, find_mentions(text, matcher), gazetteer, settings)

    return run


def _village(found: list[Place], name: str) -> Place:
    [village] = [p for p in found if p.decision == "unknown-at-parent" and p.name_as_written == name]
    return village


def test_a_village_is_put_at_the_town_of_its_own_sentence(places):
    # Khartoum is the place before, in another sentence; El Obeid stands after the village in its own sentence.
    text = (
        "تتواصل المعارك في الخرطوم منذ أشهر. "
        "وهاجم مسلحون أمس قرية الزرقاوية التي تبعد ساعة بالسيارة عن مدينة الأبيض في ولاية شمال كردفان."
    )
    village = _village(places(text), "الزرقاوية")
    assert village.parent_name == "الأبيض"


def test_a_lone_far_place_is_no_parent(places):
    # Every place of the report lies around Manbij but one word read as Jableh, 250 km away: the villages named
    # afterwards with no parent of their own belong with Manbij, not with Jableh.
    text = (
        "سيطرت القوات على قرى قرب مدينة منبج أمس، ثم دخلت قرية العريمة غرب منبج. "
        "وقال القائد إن جبلة صامدة. "
        "واندلعت اشتباكات في قرية الحمرا."
    )
    found = places(text)
    village = _village(found, "الحمرا")
    manbij = next(p for p in found if p.name_ar == "منبج")
    assert village.parent_name == "منبج"
    assert haversine_km(village, manbij) <= 25


def test_the_next_name_of_a_list_is_no_parent(places):
    # "مديرية X ومنطقة Y": Y is the list's next name; X belongs with the governorate the sentence gave first.
    text = "أغار الطيران اليوم على محافظة صعدة شمالي اليمن، وطالت الضربات مديرية الحصامة ومنطقة الغيل."
    village = _village(places(text), "الحصامة")
    assert village.parent_name != "الغيل"
    assert village.parent_name == "صعدة"


def test_a_known_sibling_of_the_list_shares_its_parent(places):
    # "بلدتي X والدالية في ريف اللاذقية": al-Daliyah is X's sibling, not its parent; both are in Latakia's
    # countryside.
    text = "دارت اشتباكات عنيفة في أحراش بلدتي كرم الورد والدالية في ريف اللاذقية أمس."
    village = _village(places(text), "كرم الورد")
    assert village.parent_name == "اللاذقية"


def test_a_given_name_is_a_word_of_a_village_after_a_cue(places):
    # "رشيد" alone is a man's name, never a place with no cue; after "قرية" it is the end of the village's name.
    text = "هاجم مسلحون قرية كدوة رشيد قرب مدينة الأبيض في ولاية شمال كردفان."
    village = _village(places(text), "كدوة رشيد")
    assert village.parent_name == "الأبيض"
    assert places("وصرح رشيد للصحفيين بأن المفاوضات مستمرة") == []


def test_a_valley_or_mountain_named_after_a_town_is_not_the_town(places):
    # "واد المغير" is a quarter of Hebron named after a valley, not the village of al-Mughayyir near Ramallah.
    found = places("وفي محافظة الخليل، هدمت الجرافات منشأة في حي واد المغير شرق المدينة.")
    assert all(p.name_ar != "المغير" for p in found)
    assert _village(found, "واد المغير").parent_name == "الخليل"


def test_a_yemeni_district_named_with_wa_is_one_name(places):
    # "خب والشعف" is one district of al-Jawf, not the district "خب" and a second name "الشعف".
    found = places("نفذت المقاتلات أمس غارتين على مديرية خب والشعف في محافظة الجوف اليمنية.")
    [district] = [p for p in found if (p.name_as_written or "").startswith("خب")]
    assert district.name_as_written == "خب والشعف"
    assert district.country == "YE" and district.admin1 == "Al Jawf"


def test_a_village_named_jubb_x_is_not_x(places):
    # "جب الحمرة" is a village of its own, not the town al-Hamra that GeoNames lists.
    found = places('دخلت القوات إلى قرى الزيتون و"عين الورد" والرمان وجب الحمرة، قرب مدينة الباب.')
    assert all(p.name_ar not in ("الحمراء", "الحمرة") for p in found)
    assert "الباب" in {p.name_ar for p in found}


def test_an_unknown_district_is_put_at_the_governorate_not_at_another_districts_seat(places):
    # Kitaf, a district seat, stands after the district in its own sentence; the governorate is named before.
    text = "قال مصدر محلي في محافظة صعدة إن القصف مستمر منذ الصباح. واستهدفت الغارات مديرية الزهيرات ومدينة كتاف."
    district = _village(places(text), "الزهيرات")
    assert district.parent_name == "صعدة" and district.geo_precision == 3
