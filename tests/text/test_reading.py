"""One reading of a report: every part cut from it reads as the part read alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.coding.tolls import find_toll, toll_in
from rasd.coding.triggers import find_triggers, triggers_in
from rasd.text import normalise
from rasd.text.numbers import find_numbers
from rasd.text.reading import ByStart, read
from rasd.text.segments import segments
from rasd.text.tokens import tokenise

REPORT = (
    "قصفتْ طائراتٌ حربية بلدة هجين شرق دير الزور فجر اليوم، ما أسفر عن مقتل ثلاثة مدنيين و5 عناصر. "
    "في حين اشتبكت قوات سوريا الديمقراطية مع عناصر التنظيم لـ ساعات في محيط الباغوز، "
    "بينما قال ناشطون إن «القصف استمر. حتى المساء» وإن عشرات الأسر نزحت.\n"
    "وأفاد مراسل بمقتل طفلين وامرأة في غارة على سراقب بين 10 و12 آذار ١٤٣٠."
)
BREAKS = ("في حين", "بينما")


def test_segments_and_sentence_norms_are_those_of_the_parts_read_alone():
    r = read(REPORT, BREAKS)
    alone = segments(REPORT, BREAKS)
    assert [(s.start, s.end, s.norm.text) for s in r.segments] == [
        (s.start, s.end, s.norm.text) for s in alone
    ]
    assert len(r.segments) >= 4  # the connectives split sentences
    assert list(r.sentence_norms) == [normalise(s.text).text for s in r.sentences]
    for s in r.segments:
        assert s.norm.to_original(0, len(s.norm.text)) == normalise(s.text).to_original(0, len(s.norm.text))


@hsettings(max_examples=300, deadline=None)
@given(st.integers(0, len(REPORT)), st.integers(0, len(REPORT)))
def test_any_span_normalises_as_the_span_alone(a, b):
    a, b = min(a, b), max(a, b)
    r = read(REPORT, BREAKS)
    part, alone = r.norm_of(a, b), normalise(REPORT[a:b])
    assert part.text == alone.text == r.norm_text(a, b)
    assert part.original == alone.original
    if alone.text:
        assert part.to_original(0, len(alone.text)) == alone.to_original(0, len(alone.text))


@hsettings(max_examples=300, deadline=None)
@given(st.integers(0, len(REPORT)), st.integers(0, len(REPORT)))
def test_tokens_and_numbers_of_a_span_or_none(a, b):
    """A span that cuts no word reads the same tokens and numbers as the span alone; one that cuts a word says
    so (None) rather than answer with the whole word."""
    a, b = min(a, b), max(a, b)
    r = read(REPORT, BREAKS)
    span = r.token_span(a, b)
    if span is not None:
        i, j = span
        alone = [(t.start + a, t.end + a, t.norm, t.prefixes) for t in tokenise(REPORT[a:b])]
        assert [(t.start, t.end, t.norm, t.prefixes) for t in r.tokens[i:j]] == alone
        numbers = r.numbers_in(a, b)
        if numbers is not None:
            assert [(n.start, n.end, n.min, n.max) for n in numbers] == [
                (n.start + a, n.end + a, n.min, n.max) for n in find_numbers(REPORT[a:b])
            ]


def test_a_span_cutting_a_word_is_not_answered():
    r = read(REPORT, BREAKS)
    at = REPORT.index("طائرات") + 2
    assert r.token_span(at, at + 20) is None
    assert r.token_span(REPORT.index("طائرات"), REPORT.index(" حربية")) is not None
    number = REPORT.index("10 و12")
    assert r.numbers_in(number, number + 3) is None  # the range 10–12 is cut


def test_the_detached_clitic_is_read_with_its_word():
    r = read(REPORT, BREAKS)
    word = next(t for t in r.tokens if t.norm == "ساعات")
    assert "ل" in word.prefixes


@hsettings(max_examples=200, deadline=None)
@given(st.integers(0, len(REPORT)), st.integers(0, len(REPORT)))
def test_toll_of_any_span_is_the_toll_of_the_span_alone(resources, a, b):
    a, b = min(a, b), max(a, b)
    r = read(REPORT, BREAKS)
    assert toll_in(r, a, b, resources.lexicon) == find_toll(REPORT[a:b], resources.lexicon)


def test_toll_and_triggers_from_the_reading(resources):
    lex = resources.lexicon
    r = read(REPORT, lex.segment_breaks)
    first = r.sentences[0]
    toll = toll_in(r, first.start, first.end, lex)
    assert toll is not None and toll.fatalities.best == 8  # 3 civilians and 5 fighters
    assert toll == find_toll(first.text, lex)
    found = 0
    for k, seg in enumerate(r.segments):
        mine = triggers_in(r, k, lex)
        assert mine == find_triggers(seg.text, lex)
        found += len(mine)
    assert found >= 3


def test_by_start_finds_what_starts_inside_in_the_given_order():
    items = [(30, "c"), (5, "a"), (12, "b"), (12, "b2"), (-1, "none")]
    index = ByStart(items, lambda x: x[0])
    assert index.within(10, 31) == [(30, "c"), (12, "b"), (12, "b2")]
    assert index.within(0, 12) == [(5, "a")]
    assert index.within(31, 99) == []


def test_by_start_of_items_in_order_is_a_slice_of_them():
    items = [(2, "a"), (7, "b"), (7, "c"), (20, "d")]
    index = ByStart(items, lambda x: x[0])
    assert index.within(5, 21) == [(7, "b"), (7, "c"), (20, "d")]
    assert index.within(7, 8) == [(7, "b"), (7, "c")]
    assert index.within(21, 30) == []


def test_the_word_lists_are_the_tokens():
    r = read(REPORT, BREAKS)
    assert r.starts == [t.start for t in r.tokens]
    assert r.ends == [t.end for t in r.tokens]
    assert r.norms == [t.norm for t in r.tokens]
    assert r.detached == {k for k, t in enumerate(r.tokens) if t.detached}
    assert r.detached  # "لـ ساعات"


#: letters, clitics written apart, the characters that end sentences and cut segments, and those a word may hold
_PIECES = st.sampled_from(
    [
        "قصف",
        "بينما",
        "لـ",
        "و",
        "5",
        "2018",
        "ّ",
        "ـ",
        " ",
        " ",
        "\n",
        ".",
        "،",
        ",",
        "؛",
        "؟",
        "'",
        "-",
        '"',
        "«",
        "»",
        "(",
        ")",
    ]
)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_body_read_at_once_has_its_segments_words(text):
    """The word lists are read from the whole body at once; they must be the words of each segment read alone,
    and a segment must end in a seam exactly when its last word is a clitic written apart."""
    from rasd.text.tokens import tokens_at

    r = read(text, ("بينما",))
    alone = [(seg, tokens_at(seg.text, seg.start)) for seg in r.segments]
    tokens = [t for _, toks in alone for t in toks]
    assert r.starts == [t.start for t in tokens]
    assert r.ends == [t.end for t in tokens]
    assert r.norms == [t.norm for t in tokens]
    assert r.detached == {k for k, t in enumerate(tokens) if t.detached}
    assert r._seams == tuple(seg.end for seg, toks in alone if toks and toks[-1].detached)


@hsettings(max_examples=300, deadline=None)
@given(st.integers(0, len(REPORT)), st.integers(0, len(REPORT)))
def test_plain_words_of_any_span_are_the_span_blanked_and_split(a, b):
    """``plain_words`` cuts from the body blanked once; it must split as blanking the span alone would."""
    import re

    a, b = min(a, b), max(a, b)
    r = read(REPORT, BREAKS)
    assert r.plain_words(a, b) == re.sub(r"[^\w]+", " ", r.norm_text(a, b)).split()


def test_plain_words_leave_out_quotes_and_marks():
    r = read("قالت قوّات «الفرقة» أمس", BREAKS)
    assert r.plain_words(0, len(r.text)) == ["قالت", "قوات", "الفرقه", "امس"]
