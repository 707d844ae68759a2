import re

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.tokens import clitic_variants, strip_clitics, tokenise


def _tok(text, surface):
    return next(t for t in tokenise(text) if t.surface == surface)


def test_attached_clitics():
    t = _tok("وبالرقة", "وبالرقة")
    assert t.prefixes == ("و", "ب", "ال") and t.stem == "رقه"
    assert _tok("للتحالف", "للتحالف").prefixes == ("ل", "ال")
    assert _tok("والتنظيم", "والتنظيم").stem == "تنظيم"


def test_root_letters_are_not_clitics():
    assert _tok("بلدة", "بلدة").prefixes == ()
    assert _tok("وزارة", "وزارة").prefixes == ()


def test_detached_written_forms_from_the_sample(sample_text):
    toks = tokenise("أفضت لـ انسحاب التنظيم بـ سلاحهم")
    detached = [t for t in toks if t.detached]
    assert [t.norm for t in detached] == ["ل", "ب"]
    assert _tok("أفضت لـ انسحاب", "انسحاب").prefixes == ("ل",)
    # every "لـ " in the sample becomes a prefix of the next word
    n = sample_text.count("لـ ")
    assert sum(1 for t in tokenise(sample_text) if t.detached and t.norm == "ل") == n


def test_spans_and_stem_start():
    text = "وبالرقة"
    t = tokenise(text)[0]
    assert text[t.stem_start : t.end] == "رقة"


def test_strip_clitics_candidates():
    assert strip_clitics("وللتحالف")[:3] == ["وللتحالف", "للتحالف", "التحالف"]
    assert "تحالف" in strip_clitics("وللتحالف")


@given(st.sampled_from(["الرقه", "قسد", "حلب", "التحالف", "دير الزور"]))
def test_variants_strip_back_to_stem(stem):
    for form in clitic_variants(stem):
        assert stem in strip_clitics(form), form


def test_a_word_no_clitic_can_start_reads_only_as_itself():
    assert strip_clitics("قصف") == ["قصف"]
    assert strip_clitics("هجين") == ["هجين"]
    assert strip_clitics("وقصف") == ["وقصف", "قصف"]
    assert strip_clitics("لقصف") == ["لقصف", "قصف"]


def test_joined_words_and_trailing_joiners():
    # a hyphen or an apostrophe joins two words only when a letter follows it
    surfaces = [t.surface for t in tokenise("زار أبو-علي مدينة O'Neil- ثم عاد _")]
    assert surfaces == ["زار", "أبو-علي", "مدينة", "O'Neil", "ثم", "عاد"]


#: the word pattern as first written, one alternation per letter: the faster pattern must find the same words
_LETTER_BY_LETTER = re.compile(r"[^\W_](?:[\w\u064B-\u065F\u0670\u0640]|['’\-](?=\w))*")


@given(st.text(alphabet="بلدة_ab1١'’- \u064b\u0651\u0670\u0640.،", max_size=30))
def test_word_spans_match_the_letter_by_letter_pattern(text):
    expected = [(m.start(), m.end()) for m in _LETTER_BY_LETTER.finditer(text)]
    assert [(t.start, t.end) for t in tokenise(text)] == expected


@given(
    st.text(alphabet="بلدة_ab1١'’- \u064b\u0651\u0670\u0640.،\n", max_size=60),
    st.integers(0, 50),
)
def test_word_lists_are_the_tokens_read_in_place(text, base):
    """``words_at`` finds the words by splitting around them and sums lengths for their offsets: the same
    words, offsets, forms and detached clitics as the tokens, moved by ``base``, appended after what the lists
    held."""
    from rasd.text.tokens import tokens_at, words_at

    starts, ends, norms, detached = [-1], [-1], ["x"], []
    words_at(text, base, starts, ends, norms, detached)
    toks = tokens_at(text, base)
    assert starts == [-1, *(t.start for t in toks)]
    assert ends == [-1, *(t.end for t in toks)]
    assert norms == ["x", *(t.norm for t in toks)]
    assert detached == [k + 1 for k, t in enumerate(toks) if t.detached]


def test_word_lists_of_a_sentence_with_a_detached_clitic():
    from rasd.text.tokens import words_at

    text = "عاد لـ بلدته، ثم غادر"
    starts, ends, norms, detached = [], [], [], []
    words_at(text, 100, starts, ends, norms, detached)
    assert norms == ["عاد", "ل", "بلدته", "ثم", "غادر"]  # the tatweel is no letter of the form
    assert [text[a - 100 : b - 100] for a, b in zip(starts, ends, strict=True)] == [
        "عاد",
        "لـ",
        "بلدته",
        "ثم",
        "غادر",
    ]
    assert detached == [1]
