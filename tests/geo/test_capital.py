"""``العاصمة`` with no name after it stands for the capital of the country the text means (sentences written for
these tests)."""

import pytest

from rasd.geo import resolve
from rasd.kb.match import find_mentions
from rasd.models import Document


@pytest.fixture(scope="module")
def capitals(settings, gazetteer, matcher):
    def run(text: str):
        doc = Document(doc_id="t", body=text)
        places = resolve(doc, find_mentions(text, matcher), gazetteer, settings)
        return [(p.country, p.name_as_written) for p in places if p.decision == "capital"]

    return run


def test_the_capital_with_a_nationality_is_that_countrys(capitals):
    assert capitals("انفجرت سيارة مفخخة جنوب العاصمة العراقية أمس") == [("IQ", "العاصمة العراقية")]


def test_the_bare_capital_is_the_reports_country(capitals):
    text = "خرج آلاف المحتجين في مدينة أم درمان وفي العاصمة للمطالبة بالحكم المدني في السودان"
    assert capitals(text) == [("SD", "العاصمة")]


def test_the_capital_of_a_report_told_by_its_police_is_theirs(capitals):
    # a country known to the report only by its adjective (its police, its media)
    text = "فرقت الشرطة الموريتانية بالقوة وقفة احتجاجية نظمها طلاب في العاصمة صباح الأحد، في أحدث احتجاجات تشهدها موريتانيا"
    assert capitals(text) == [("MR", "العاصمة")]


def test_its_capital_follows_the_country_named_before(capitals):
    text = "تشهد بوركينا فاسو التي هاجم مسلحون عاصمتها مساء الجمعة موجة عنف"
    assert capitals(text) == [("BF", "عاصمتها")]


@pytest.mark.parametrize(
    "text",
    [
        "هاجم مسلحون العاصمة الليبية طرابلس أمس",  # the capital is named: a place of its own already
        "هاجم مسلحون بلدة كومبيينغا عاصمة المقاطعة في بوركينا فاسو",  # a province's capital, not the nation's
        "تحدث الوزير عن العاصمة الإدارية الجديدة في مصر",  # another city, not Cairo
        "هاجم مسلحون العاصمة أمس",  # no country the text gives
    ],
)
def test_no_national_capital(capitals, text):
    assert capitals(text) == []
