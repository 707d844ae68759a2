"""Arabic presentation forms (glyph shapes some publishing systems write instead of letters) are read as letters."""

from rasd.ingest import read_text
from rasd.ingest.document import unshaped

# "Shelling in Alexandria and Baghdad", the city names written with lam-alef ligatures and contextual glyph forms.
SHAPED = "قصف مدفعي على مدينة اﻹسكندرية ومدينة ﺑﻐﺪﺍﺩ أمس، وفق مصادر محلية تحدثت للصحفيين."


def test_glyph_shapes_become_letters():
    assert unshaped("اﻹسكندرية") == "الإسكندرية"
    assert unshaped("ﺑﻐﺪﺍﺩ") == "بغداد"
    plain = "قصف على حلب"
    assert unshaped(plain) is plain  # text without glyph shapes is returned as it is


def test_a_shaped_report_is_read_as_letters(settings):
    doc = read_text(SHAPED, settings, source_uri="shaped.txt")
    assert "الإسكندرية" in doc.body and "بغداد" in doc.body
    assert doc.source_offset is None  # the body is no longer a run of the source
    same = read_text(SHAPED.replace("اﻹسكندرية", "الإسكندرية").replace("ﺑﻐﺪﺍﺩ", "بغداد"), settings)
    assert same.doc_id == doc.doc_id  # one report, whichever way its letters were encoded
