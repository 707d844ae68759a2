"""Page-text dumps: the sample and two other outlets, chrome out, metadata in."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rasd.ingest import read, read_text
from rasd.models import Document

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
CHROME = ["icon", "التغطية الحية", "+A", "حجم الخط", "-A"]


def test_sample_metadata_and_body(sample_text, settings):
    doc = read_text(sample_text, settings, source_uri="sample.txt")
    assert doc.title == 'تفاصيل المفاوضات مع تنظيم "الدولة" لـ انسحابه مِن دير الزور'
    assert doc.published_at == dt.datetime(2018, 11, 27, 13, 11, tzinfo=ZoneInfo("Asia/Damascus"))
    assert doc.published_at.utcoffset() == dt.timedelta(hours=2)  # Damascus winter time in 2018
    assert doc.dateline_city == "دمشق"
    assert doc.outlet == "Syria TV" and doc.outlet_id == "syria-tv" and doc.section == "متابعات"
    assert doc.body.startswith("ذكرت شبكات محلية")
    lines = {line.strip() for line in doc.body.splitlines()}
    for chrome in CHROME:
        assert chrome not in lines
    assert len(doc.captions) == 1 and "(أرشيف - إنترنت)" in doc.captions[0]
    assert doc.captions[0] not in doc.body
    # The body is one contiguous run of the source: offsets trace back to the raw file.
    assert sample_text[doc.source_offset : doc.source_offset + len(doc.body)] == doc.body


def test_same_report_twice_is_one_id(sample_text, settings):
    a = read_text(sample_text, settings)
    b = read_text(sample_text.replace("مِن", "من").replace("2018", "٢٠١٨"), settings)
    assert a.doc_id == b.doc_id


def test_enab_baladi_dump(settings):
    [doc] = list(read([FIX / "enab-baladi-2023-10-05-idlib-shelling.txt"], settings))
    assert isinstance(doc, Document)
    assert doc.outlet_id == "enab-baladi" and doc.section == "إدلب"
    assert doc.title.startswith("قصف مدفعي على ريف إدلب")
    assert doc.published_at == dt.datetime(2023, 10, 5, 10, 45, tzinfo=ZoneInfo("Asia/Damascus"))
    assert doc.body.startswith("قُتل ثلاثة مدنيين")
    for junk in ("مشاركة", "طباعة", "مدة القراءة", "اقرأ أيضًا", "جميع الحقوق"):
        assert junk not in doc.body
    assert any("عنب بلدي" in c for c in doc.captions)
    assert "وتشهد المنطقة تصعيدًا" in doc.body  # body after an inline chrome line is kept
    assert doc.source_offset is None  # chrome inside the body: not one contiguous run


def test_rudaw_dump_in_baghdad_time(settings):
    [doc] = list(read([FIX / "rudaw-2022-08-14-sinjar-drone.txt"], settings))
    assert doc.outlet_id == "rudaw" and doc.section == "أربيل"
    assert doc.published_at.utcoffset() == dt.timedelta(hours=3)
    assert doc.title == "غارة بطائرة مسيّرة تستهدف سيارة في سنجار"
    assert "الكلمات الدالة" not in doc.body and "تعليقات القراء" not in doc.body


def test_plain_text_without_chrome_is_all_body(settings):
    text = "قصفت طائرات حربية مدينة إدلب صباح اليوم، ما أدى إلى مقتل مدنيين اثنين وإصابة آخرين."
    doc = read_text(text, settings)
    assert doc.body == text and doc.title is None


@pytest.mark.parametrize("text", ["", "   \n", "icon\n+A\nحجم الخط\n-A\n"])
def test_chrome_only_is_empty(text, settings):
    from rasd.errors import EmptyInputError

    with pytest.raises(EmptyInputError):
        read_text(text, settings, source_uri="x.txt")
