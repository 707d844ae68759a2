"""HTML pages through trafilatura, with rasd's dates, outlet table and a fallback."""

import datetime as dt
from pathlib import Path

from rasd.ingest import read, read_html

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def test_al_jazeera_page(settings):
    [doc] = list(read([FIX / "al-jazeera-2024-02-01-khartoum.html"], settings))
    assert doc.outlet_id == "al-jazeera"
    assert "اشتباكات عنيفة في الخرطوم" in doc.title
    assert doc.published_at == dt.datetime(2024, 2, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert doc.body.startswith("اندلعت اشتباكات")
    assert "جميع الحقوق" not in doc.body and "الرئيسية" not in doc.body
    assert any("رويترز" in c for c in doc.captions)
    assert "دخان يتصاعد" not in doc.body


def test_arabic_dateline_in_text_beats_copyright_year(settings):
    html = """<html><head><title>غارات على دير الزور</title></head><body><article>
    <h1>غارات على دير الزور</h1><p>الثلاثاء 27 كانون الأول 2022 - 08:15</p>
    <p>شنت طائرات حربية غارات على بادية دير الزور، وفق ما ذكرت شبكات محلية، دون ورود أنباء عن إصابات.</p>
    <p>وتأتي الغارات بعد هجوم على نقطة عسكرية في المنطقة الأسبوع الماضي.</p></article>
    <footer>© 2024 جميع الحقوق محفوظة</footer></body></html>"""
    doc = read_html(html, settings, source_uri="https://www.syria.tv/x")
    assert doc.outlet_id == "syria-tv"
    assert doc.published_at.date() == dt.date(2022, 12, 27)


def test_truncated_html_still_read(settings):
    html = (
        "<html><body><article><h1>اشتباكات في درعا</h1><p>"
        + "اندلعت اشتباكات بين مسلحين محليين وقوات النظام في مدينة درعا البلد. " * 3
    )
    doc = read_html(html, settings, source_uri="cut.html")
    assert "اشتباكات بين مسلحين" in doc.body


def test_fallback_when_trafilatura_finds_nothing(settings):
    html = "<html><body><div>قصف مدفعي يستهدف بلدة كفرنبل في ريف إدلب الجنوبي ويوقع إصابات بين المدنيين.</div></body></html>"
    doc = read_html(html, settings, source_uri="tiny.html")
    assert "كفرنبل" in doc.body
