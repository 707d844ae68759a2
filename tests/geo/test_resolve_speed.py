"""Place resolution's faster paths give what the plain ones gave: the same countries named, the same cue and
containment words, the same places with the report's ``Reading`` as without it."""

import dataclasses
import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.geo import resolve
from rasd.geo.context import containment, geo_context
from rasd.geo.placeness import arabic_runs, countries_named, cue_before, last_word_of, most_spaces, placeness
from rasd.geo.resolve import decide
from rasd.kb.match import find_mentions
from rasd.models import Document
from rasd.text import normalise
from rasd.text.reading import read

#: Reports written for these tests: countries named bare, with a clitic, as a people and as two words.
REPORTS = [
    "قال مسؤول لبناني إن غارة استهدفت بلدة في جنوب لبنان، وإن الجيش السوري أغلق الحدود مع لبنان.",
    "وصل وفد من جنوب السودان إلى الخرطوم، فيما دعت مصر والسودان إلى وقف القتال في دارفور.",
    "أعلنت سلطنة عمان وساطة بين اليمن والسعودية، وقال مصدر يمني إن الحوثيين قصفوا مأرب.",
    "قتل ثلاثة جنود في مالي قرب الحدود مع النيجر، وقالت جمهورية مالي إن الهجوم جاء من بوركينا فاسو.",
    "نزح مئات من قرى ريف حلب الغربي بعد قصف مدفعي على بلدة الأتارب قرب مدينة حلب.",
]


def _counted_word_by_word(normalised_text: str) -> Counter:
    """The count as it was first written: word by word, the bare word then its clitic form, then the pair."""
    words = placeness().country_words
    out: Counter = Counter()
    tokens = re.findall(r"[\u0621-\u064A]+", normalised_text)
    for i, tok in enumerate(tokens):
        for t in (tok, tok[1:] if len(tok) > 3 and tok[0] in "وفبل" else None):
            if t and t in words:
                out[words[t]] += 1
                break
        if i + 1 < len(tokens) and f"{tok} {tokens[i + 1]}" in words:
            out[words[f"{tok} {tokens[i + 1]}"]] += 1
    return out


@pytest.mark.parametrize("text", REPORTS)
def test_countries_named_counts_and_orders_as_word_by_word(text):
    norm = normalise(text).text
    assert list(countries_named(norm).items()) == list(_counted_word_by_word(norm).items())


def test_countries_named_counts_a_two_word_name_and_its_words():
    named = countries_named(normalise(REPORTS[1]).text)
    assert named, "the report names Sudan, South Sudan and Egypt"
    assert sum(named.values()) == sum(_counted_word_by_word(normalise(REPORTS[1]).text).values())


def _windows(text: str) -> list[str]:
    """The normalised text before every word of ``text``, as the checks before a place mention read it."""
    norm = normalise(text).text
    return [norm[max(0, m.start() - 60) : m.start()] for m in re.finditer(r"\S+", norm)]


def _tail(before: str, n: int) -> str:
    return " ".join(before[-n:].replace('"', " ").split())


@pytest.mark.parametrize("text", REPORTS)
def test_cue_before_finds_the_word_the_pattern_found(text):
    rules = placeness()
    for before in _windows(text):
        m = rules.before.search(_tail(before, 30))
        got = cue_before(before)
        assert (got[1] if got else None) == (m.group(1) if m else None), before


@pytest.mark.parametrize("text", REPORTS)
def test_containment_finds_the_word_the_pattern_found(text):
    ctx = geo_context()
    for before in _windows(text):
        m = ctx.before.search(_tail(before, 40))
        got = containment(before)
        assert (got[1] if got else None) == (m.group(1) if m else None), before


def test_the_cue_words_of_these_reports_are_found():
    assert cue_before(normalise("بعد قصف مدفعي على بلدة").text) == ("settlement", "بلده")
    assert containment(normalise("نزح مئات من قرى ريف").text) is not None


def test_last_word_of_prefers_the_clitic_reading_then_the_longer_word():
    words = frozenset({"قريه", "وقريه", "القرب", "بالقرب", "ريف"})
    assert last_word_of("قصفت وقريه", words, 0, "وفبل") == "قريه"  # the clitic read off first
    assert last_word_of("قصفت بالقرب من", words, 0, "وفب", then="من") == "القرب"
    assert last_word_of("قصفت مدينه", words, 0, "وفبل") is None
    assert last_word_of("", words, 0, "وفبل") is None
    words |= {"جنوب شرق", "ريف"}
    pattern = re.compile(
        r"(?:^|\s)[وفب]?(" + "|".join(sorted(words, key=len, reverse=True)) + r")(?:\s+من)?\s*$"
    )
    tails = ("في ريف", "وريف من", "بريف", "قريه ريف من", "من القرب", "بالقرب", "ريفي", "قصفت وجنوب شرق من")
    for tail in (*tails, "في جنوب شرق", "جنوب شرق", "شرق"):
        m = pattern.search(tail)
        assert last_word_of(tail, words, most_spaces(words), "وفب", then="من") == (
            m.group(1) if m else None
        ), tail


@pytest.mark.parametrize("text", REPORTS)
def test_decisions_with_the_reading_are_those_without(text, settings, gazetteer, matcher):
    doc = Document(
        doc_id="t", body=text, published_at=dt.datetime(2024, 3, 2, tzinfo=ZoneInfo("Asia/Beirut"))
    )
    mentions = find_mentions(text, matcher)
    reading = read(text, ())
    plain = [dataclasses.astuple(d) for d in decide(doc, mentions, gazetteer, settings)]
    with_reading = [dataclasses.astuple(d) for d in decide(doc, mentions, gazetteer, settings, reading)]
    assert with_reading == plain
    assert resolve(doc, mentions, gazetteer, settings, reading) == resolve(doc, mentions, gazetteer, settings)


_PIECES = st.sampled_from(["قريه", "حي", "مدينه", "لبنان", "و", "ب", "ال", "م", " ", "،", "(", "1", "x"])


@hsettings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_the_runs_of_letters_screen_as_the_cue_pattern_did(pieces):
    from rasd.geo.unknown import _cue_forms, _has_cue

    rules = placeness()
    cues = rules.settlement | rules.landmark
    text = "".join(pieces)
    assert _cue_forms(cues).isdisjoint(arabic_runs(text)[1]) == (not _has_cue(text, cues))
    assert arabic_runs(text)[0] == re.findall(r"[\u0621-\u064A]+", text)


def test_the_runs_of_a_new_text_are_read_again():
    first = normalise("قصفت الطائرات قرية في لبنان").text
    second = normalise("نزح السكان من حي في سوريا").text
    assert "لبنان" in arabic_runs(first)[1]
    assert "لبنان" not in arabic_runs(second)[1]
    assert arabic_runs(second)[1]["في"] == 1
