"""Normalisation and its offset map."""

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.text import normalise, normalise_key

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MARKS = st.sampled_from(
    ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200b", "\u202b", "\ufeff"]
)
TEXT = st.text(
    st.one_of(ARABIC, MARKS, st.characters(codec="utf-8"), st.sampled_from(" \n٠١٢٣٤٥٦٧٨٩۰۹")), max_size=80
)


def test_examples():
    assert normalise("مِن دير الزّور ٢٠١٨").text == "من دير الزور 2018"
    assert normalise("أإآٱ").text == "اااا"
    assert normalise("مستشفى").text == "مستشفي"
    assert normalise("الرّقة").text == "الرقه"
    assert normalise("الرقة", ta_marbuta=False).text == "الرقة"
    assert normalise("قـــصف").text == "قصف"
    assert normalise("\u200fقسد\u202c").text == "قسد"
    assert normalise("۱۲۳").text == "123"
    assert normalise("مسؤول", hamza=True).text == "مسوول"
    assert normalise_key("  دَيْر   الزُّور ") == "دير الزور"


def test_span_maps_to_original_with_marks():
    original = "قصفٌ مِنْ التّحالفِ"
    n = normalise(original)
    i = n.text.index("التحالف")
    a, b = n.to_original(i, i + len("التحالف"))
    assert original[a:b] == "التّحالفِ"  # the trailing kasra stays inside the span


@hsettings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_every_span_maps_back(text, data):
    n = normalise(text)
    assert len(n.offsets) == len(n.text) + 1
    assert list(n.offsets) == sorted(n.offsets)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, len(n.text)))
    a, b = n.to_original(i, j)
    assert 0 <= a < b <= len(text)
    # The original span normalises to exactly the normalised substring.
    assert normalise(text[a:b]).text == n.text[i:j]


@given(TEXT)
def test_idempotent(text):
    once = normalise(text).text
    assert normalise(once).text == once


def test_the_list_table_maps_every_character_as_the_mapping_does():
    from rasd.text.normalise import _table, _translation

    text = "".join(chr(cp) for cp in range(0x20000) if not 0xD800 <= cp < 0xE000)
    for ta_marbuta, hamza in ((True, False), (False, True)):
        assert _table(ta_marbuta, hamza)[1]  # some are replaced after the list (the byte-order mark)
        expected = text.translate(_translation(ta_marbuta, hamza))
        assert normalise(text, ta_marbuta=ta_marbuta, hamza=hamza).text == expected
    assert normalise("إلى الرّقّة ٢٠١٨\u200f").text == "الي الرقه 2018"


@given(TEXT, st.data())
def test_a_span_maps_through_the_index_of_each_character(text, data):
    """``to_original`` of a span: its first character's original index, and just past its last kept character and
    the marks dropped right after it."""
    n = normalise(text)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, len(n.text)))
    offsets = n.offsets
    end = offsets[j - 1] + 1
    while end < offsets[j] and normalise(text[end]).text == "":
        end += 1
    assert n.to_original(i, j) == (offsets[i], end)


@given(TEXT, st.integers(1, 40))
def test_a_key_is_the_normalised_text_with_its_spaces_collapsed_whatever_its_length(text, times):
    for t in (text, text * times, (text + " ") * 30):  # a name, a line, a body
        assert normalise_key(t) == " ".join(normalise(t).text.split())


@given(st.text(alphabet="الرّقةَ ـإأآىة\u200fABc1١\ufeff", max_size=300))
def test_the_text_alone_is_the_normalised_text(text):
    from rasd.text.normalise import normalised_text

    assert normalised_text(text) == normalise(text).text


def test_the_text_alone_of_a_sentence():
    from rasd.text.normalise import normalised_text

    assert normalised_text("قصفت الطائرات الرّقة") == "قصفت الطائرات الرقه"


@hsettings(max_examples=200)
@given(st.text(alphabet="الرّقةَ ـإ\u200f ab", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_a_window_cut_from_the_whole_is_the_window_normalised(text, a, b):
    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    whole = normalise(text)
    i, j = whole.span_indexes(a, b)
    assert whole.slice_text(a, b) == whole.text[i:j] == normalise(text[a:b]).text


@hsettings(max_examples=300)
@given(
    st.text(alphabet="الرّقةَ ـإأآىیک٣۴ABZ\u200f\ufeff\u00a0«» x", max_size=400), st.booleans(), st.booleans()
)
def test_replacing_the_few_characters_found_maps_as_the_whole_table(text, ta_marbuta, hamza):
    """A text with few different characters to change has them replaced one after another (``str.replace``), one
    with many is translated in one pass: both give what the mapping gives each character."""
    from rasd.text.normalise import _translation

    expected = text.translate(_translation(ta_marbuta, hamza))
    for t, want in ((text, expected), (text * 3, expected * 3)):  # a line, a body (cut and cached alike)
        assert normalise(t, ta_marbuta=ta_marbuta, hamza=hamza).text == want


def test_a_report_with_many_different_marks_is_normalised_whole():
    text = "قالَ المُراسِلُ إنّ القصفَ طالَ قريةً في ريفِ إدلبَ ـ ABCDEFGHIJKLMNOP ٢٠٢٠ ۱۲ «خبر»"
    assert normalise(text).text == 'قال المراسل ان القصف طال قريه في ريف ادلب  abcdefghijklmnop 2020 12 "خبر"'


@given(TEXT, st.data())
def test_many_spans_map_back_as_each_index_does(text, data):
    """``to_original_many`` maps each start and end in one pass (the matcher's mentions at once): each as the
    index of its character, the end of the text as the end of the original."""
    n = normalise(text)
    if not n.text:
        return
    starts = data.draw(st.lists(st.integers(0, len(n.text) - 1), max_size=8))
    ends = [data.draw(st.integers(s + 1, len(n.text))) for s in starts]
    offsets = n.offsets
    assert n.to_original_many(starts, ends) == ([offsets[s] for s in starts], [offsets[e] for e in ends])
