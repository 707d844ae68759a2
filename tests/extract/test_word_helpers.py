"""The role rules' word helpers in ``rasd.coding.arguments``: ``ends_with`` (the phrase a run of words ends with,
the longest first, a clitic allowed on its first word; most words end no phrase and are turned away at once) and
``_seg_words`` (the words of a window of a segment, cut from the segment blanked once)."""

import re

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.coding.arguments import _seg_words, ends_with
from rasd.text import normalise_key
from rasd.text.reading import read

PHRASES = frozenset({"سيطره", "تحت سيطره", "الواقعه تحت سيطره", "موالي"})


def test_the_longest_phrase_wins():
    assert ends_with(["البلدة", "الواقعه", "تحت", "سيطره"], PHRASES) == "الواقعه تحت سيطره"


def test_a_shorter_phrase_when_the_longer_is_not_there():
    assert ends_with(["قرية", "تحت", "سيطره"], PHRASES) == "تحت سيطره"


def test_a_clitic_on_the_first_word_of_a_phrase():
    assert ends_with(["قرية", "وتحت", "سيطره"], PHRASES) == "تحت سيطره"


def test_a_one_word_phrase_behind_a_clitic():
    """The last word is no phrase's last word as written, only without its clitic (``وموالي`` → ``موالي``)."""
    assert ends_with(["فصيل", "وموالي"], PHRASES) == "موالي"


def test_no_phrase():
    assert ends_with(["قصفت", "الطائرات", "القرية"], PHRASES) is None
    assert ends_with([], PHRASES) is None


def test_a_phrase_longer_than_allowed_is_not_read():
    assert ends_with(["البلدة", "الواقعه", "تحت", "سيطره"], PHRASES, longest=2) == "تحت سيطره"


SEGMENTED = "قصفتْ طائراتٌ «حربية» بلدة (هجين) فجر اليوم، بينما قال ناشطون: إن القصف استمر."


@hsettings(max_examples=300, deadline=None)
@given(st.integers(0, len(SEGMENTED)), st.integers(0, len(SEGMENTED)))
def test_the_words_of_any_window_are_the_window_blanked_and_split(a, b):
    r = read(SEGMENTED, ("بينما",))
    for seg in r.segments:
        lo, hi = max(a, seg.start), min(b, seg.end)
        expected = (
            re.sub(r"[^\w]+", " ", seg.norm.slice_text(lo - seg.start, hi - seg.start)).split()
            if hi > lo
            else []
        )
        assert _seg_words(seg, a, b) == expected


def test_the_words_of_a_window_leave_out_quotes_and_brackets():
    seg = read(SEGMENTED, ("بينما",)).segments[0]
    assert _seg_words(seg, seg.start, seg.end)[:5] == ["قصفت", "طائرات", "حربيه", "بلده", "هجين"]


# The per-draft checks in ``rasd.coding.events`` answer from a set lookup or after a one-pass screen; each must
# answer as the plain reading it replaced, whatever words stand before the trigger.

#: cue lists of our own, with a two-word cue and one a preposition ends ("ردا على", "انتقاما ل")
#: (normalised, as the lexicon's loader gives them)
MOTIVES = tuple(normalise_key(c) for c in ("ضد", "احتجاجا على", "تضامنا مع"))
RESPONSES = tuple(normalise_key(c) for c in ("ردا على", "انتقاما ل", "ثأرا"))
#: words to draw sentences from: the cues' words, a clitic-bearing form, a comma, a pointer, filler
VOCABULARY = ["ضد", "احتجاجا", "على", "تضامنا", "مع", "ردا", "وردا", "انتقاما", "لمقتل", "ثارا", "،", "ذلك"]
VOCABULARY += ["خرج", "المتظاهرون", "في", "البلدة", "قائد"]


def _segment_and_trigger(resources, words: list[str]):
    """The last segment of our sentence ending in a trigger word, and that trigger (of any family: the checks read
    only its span)."""
    from rasd.coding.triggers import Trigger

    text = " ".join([*words, "القصف"])
    seg = read(text, resources.lexicon.segment_breaks).segments[-1]
    start = seg.text.rindex("القصف")
    return seg, Trigger(resources.lexicon.families[0], start, start + len("القصف"), ("القصف",))


def _lexicon(resources):
    import dataclasses

    return dataclasses.replace(resources.lexicon, motive_before=MOTIVES, response_before=RESPONSES)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=7))
def test_a_motive_is_read_as_the_tails_of_the_words_before(resources, words):
    from rasd.coding.events import _motive

    seg, trig = _segment_and_trigger(resources, words)
    lex = _lexicon(resources)
    before = " ".join(seg.norm.slice_text(max(0, trig.start - 40), trig.start).split()[-3:])
    expected = any(before == m or before.endswith(" " + m) for m in MOTIVES)
    assert _motive(seg, trig, lex) == expected


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=9))
def test_a_reprisal_cue_is_found_after_the_screen_as_before_it(resources, words):
    from rasd.coding.events import _provoked, _response_pattern

    seg, trig = _segment_and_trigger(resources, words)
    lex = _lexicon(resources)
    before = " ".join(seg.norm.slice_text(max(0, trig.start - 100), trig.start).split()[-9:])
    expected = any(
        not (
            "،" in before[m.end() :]
            or "," in before[m.end() :]
            or set(before[m.end() :].split()) & lex.pointer_words
        )
        for m in _response_pattern(RESPONSES).finditer(before)
    )
    assert _provoked(seg, trig, lex) == expected


def test_the_reprisal_and_motive_cues_of_our_sentences(resources):
    from rasd.coding.events import _motive, _provoked

    lex = _lexicon(resources)
    seg, trig = _segment_and_trigger(resources, ["خرج", "المتظاهرون", "احتجاجا", "على"])
    assert _motive(seg, trig, lex) and not _provoked(seg, trig, lex)
    seg, trig = _segment_and_trigger(resources, ["وردا", "على"])
    assert _provoked(seg, trig, lex) and not _motive(seg, trig, lex)
    seg, trig = _segment_and_trigger(resources, ["خرج", "المتظاهرون", "في", "البلدة"])
    assert not _provoked(seg, trig, lex) and not _motive(seg, trig, lex)


@given(st.text(alphabet="غارات أمريكيةلـ،-'ـًّ1", max_size=60))
def test_a_windows_words_are_its_tokens(text):
    """``nationality_doer`` reads a window's words as parallel lists: the tokens' spans and forms, detached
    clitics included."""
    from rasd.coding.actors import _words_of
    from rasd.text.tokens import tokenise

    toks = tokenise(text)
    assert _words_of(text) == (
        tuple(t.start for t in toks),
        tuple(t.end for t in toks),
        tuple(t.norm for t in toks),
    )


#: sense cues of our own: one-word cues and a phrase
SENSE_CUES = frozenset({"طائره", "استهدفت", "احتجاجيه", "جابت شوارع"})


@given(
    st.lists(
        st.sampled_from(["طائره", "مسيره", "جابت", "شوارع", "المدينه", "وطائره", "احتجاجيه"]), max_size=9
    ),
    st.integers(0, 8),
    st.integers(1, 4),
)
def test_a_sense_cue_near_a_trigger_is_found_as_by_a_scan_of_every_cue(norms, i, window):
    """``_near`` looks the one-word cues up among the forms around the trigger at once and searches only the
    phrases: the same answer as asking of every cue in turn."""
    from rasd.coding.triggers import _near
    from rasd.text.tokens import strip_clitics

    if i >= len(norms):
        return
    forms = [frozenset(strip_clitics(n)) for n in norms]
    lo, hi = max(0, i - window), min(len(norms), i + 1 + window)
    around = set().union(*(forms[k] for k in range(lo, hi) if k != i))
    phrase = " ".join(norms[lo:hi])
    expected = any((w in around) if " " not in w else (w in phrase) for w in SENSE_CUES)
    assert _near(SENSE_CUES, forms, norms, i, i, window) == expected
