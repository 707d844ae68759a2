"""The places a report's headline names (``rasd.geo.headline_places``): resolved with the body as context, kept
with no span (the body holds no evidence of them), none from a dateline. Sentences written for these tests."""

import pytest

from rasd.geo import headline_places
from rasd.ingest import read_text
from rasd.kb.match import find_mentions


@pytest.fixture(scope="module")
def headline(resources):
    """``headline(text)`` → the headline's places of a report given as a page-text dump (its first line the title)."""

    def run(text: str):
        doc = read_text(text, resources.settings)
        assert doc.title, "the first line should be taken as the title"
        title_mentions = find_mentions(doc.title, resources.matcher)
        body_mentions = find_mentions(doc.body, resources.matcher)
        return headline_places(doc, title_mentions, body_mentions, resources.gazetteer, resources.settings)

    return run


def test_a_town_named_in_the_headline_is_a_place_with_no_span(headline):
    text = "مقتل ثلاثة مدنيين بقصف على بلدة سراقب\nقتل ثلاثة مدنيين أمس في قصف مدفعي استهدف البلدة."
    [place] = headline(text)
    assert place.name_en == "Saraqib"
    assert (place.start, place.end) == (None, None)
    assert place.reason.startswith("named only in the headline")


def test_an_unknown_village_of_the_headline_keeps_its_name_and_parent(headline):
    text = (
        "اشتباكات في قرية الزيتونة بريف حماة الشمالي\n"
        "اندلعت اشتباكات عنيفة أمس بين فصائل المعارضة وقوات النظام على أطراف القرية."
    )
    village = headline(text)[0]
    assert village.name_as_written == "الزيتونة"
    assert village.decision == "unknown-at-parent"
    assert village.start is None


def test_a_dateline_headline_names_no_place(headline):
    # where the reporter filed from, with the agency after a dash, or an outlet then a dash and the city
    assert headline("حلب - وكالات\nقتل ثلاثة مدنيين أمس في قصف مدفعي استهدف البلدة.") == []
    assert headline("وكالة الأنباء – بغداد\nقتل ثلاثة مدنيين أمس في قصف مدفعي استهدف البلدة.") == []


def test_a_headline_with_no_place_gives_none(headline):
    assert headline("قصف عنيف وضحايا مدنيون\nقتل ثلاثة مدنيين أمس في قصف مدفعي استهدف البلدة.") == []
