"""The matcher: clitics, boundaries, longest match, spans, anaphora — and properties over every alias."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.kb.match import find_mentions

WORDS = ["قال", "في", "بعد", "مصادر", "محلية", "إن", "هجوما", "استهدف", "مواقع", "أمس", "على", "الطريق"]
CONTEXT = st.lists(st.sampled_from(WORDS), min_size=0, max_size=4).map(" ".join)
# ك ("like") is deliberately not a clitic for names: see test_kaf_is_not_a_name_clitic.
PREFIXES = ["", "و", "ف", "ب", "ل", "وب", "ول", "فب"]


def _aliases(actors):
    """Aliases that name exactly one actor or source (a shared alias cannot say which it meant)."""
    owners: dict[str, set[str]] = {}
    for alias, kb_id, _, ana in actors.alias_forms():
        if not ana and len(alias) > 2:
            owners.setdefault(alias, set()).add(kb_id)
    return sorted((alias, next(iter(ids))) for alias, ids in owners.items() if len(ids) == 1)


def _forms(alias):
    for p in PREFIXES:
        if alias.startswith("ال") and p.endswith("ل"):
            yield p + alias[1:], "contracted"
        else:
            yield p + alias, p
    yield "لـ " + alias, "detached"
    yield 'بـ "' + alias + '"', "detached-quoted"


def test_sample_actors(sample_text, matcher):
    found = find_mentions(sample_text, matcher)
    ids = {m.kb_id for m in found if m.kind == "actor"}
    assert {"isis", "sdf", "coalition", "pmf", "civilians"} <= ids
    sources = {m.kb_id for m in found if m.kind == "source"}
    assert {"src-local-networks", "src-sawt-wa-sura", "src-tass", "src-activists"} <= sources
    for m in found:
        assert sample_text[m.start : m.end] == m.surface


def test_clitic_forms_from_the_brief(matcher):
    for text, kb_id in [
        ('أفضت لـ "قسد"', "sdf"),
        ('قصف بـ "التنظيم" بعد تنظيم الدولة', "isis"),
        ("طائرات للتحالف الدولي", "coalition"),
        ("وبالرقة", "الرقه"),
        ("والرقة", "الرقه"),
        ("فداعش", "isis"),
    ]:
        ids = [m.kb_id for m in find_mentions(text, matcher)]
        assert kb_id in ids, (text, ids)


def test_no_hit_inside_longer_words(matcher):
    assert not [m for m in find_mentions("المقسدين تقسيدا", matcher) if m.kb_id == "sdf"]
    assert not [m for m in find_mentions("هجينة", matcher) if m.kind == "place"]


def test_longest_match(matcher):
    [m] = [m for m in find_mentions("هاجمت قوات سوريا الديمقراطية القرية", matcher) if m.kind != "place"]
    assert m.kb_id == "sdf" and m.surface == "قوات سوريا الديمقراطية"


def test_anaphora_needs_an_antecedent(matcher):
    assert not [m for m in find_mentions("انسحب التنظيم من القرية", matcher) if m.kb_id == "isis"]
    found = [
        m for m in find_mentions("هاجم تنظيم داعش القرية ثم انسحب التنظيم", matcher) if m.kb_id == "isis"
    ]
    assert len(found) == 2 and found[1].surface == "التنظيم" and found[1].score < 1


def test_span_excludes_the_clitic(matcher):
    text = "وبالرقة"
    [m] = find_mentions(text, matcher)
    assert m.surface == "الرقة" and (m.start, m.end) == (2, 7)
    text = "للتحالف الدولي"
    [m] = find_mentions(text, matcher)
    assert m.surface == "لتحالف الدولي"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), before=CONTEXT, after=CONTEXT)
def test_every_alias_with_every_clitic(actors, matcher, data, before, after):
    alias, kb_id = data.draw(st.sampled_from(_aliases(actors)))
    form, _ = data.draw(st.sampled_from(list(_forms(alias))))
    text = f"{before} {form} {after}".strip()
    found = find_mentions(text, matcher)
    assert any(m.kb_id == kb_id for m in found), (text, found)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    glue=st.sampled_from(["ات", "ية", "ين", "ان", "ها"]),
    lead=st.sampled_from(["س", "ت", "م", "ن"]),
)
def test_alias_glued_to_letters_never_fires(actors, matcher, data, glue, lead):
    alias, kb_id = data.draw(st.sampled_from(_aliases(actors)))
    for text in (f"قال {alias}{glue} أمس", f"قال {lead}{alias} أمس"):
        assert not [m for m in find_mentions(text, matcher) if m.kb_id == kb_id and m.normalised == alias], (
            text
        )


def test_kaf_is_not_a_name_clitic(matcher):
    # "كامل" (whole) must not read as ك + a place; with ك as a clitic, short names fire inside common words.
    assert not [m for m in find_mentions("سيطرت القوات على كامل المدينة", matcher) if m.kind == "place"]


def test_a_name_at_the_very_end_of_the_text_is_found(matcher):
    """The last word of a report is matched like any other, with or without a full stop after it (the automaton
    reports a pending match only when the input goes on past the longer patterns it might still be)."""
    for text in ("قصفت طائرات حربية مدينة الرقة", "قصفت طائرات حربية مدينة الرقة.", "الرقة"):
        found = [m for m in find_mentions(text, matcher) if m.kind == "place"]
        assert found and found[-1].surface == "الرقة", text


def test_mentions_read_from_a_given_normalisation_are_the_same(matcher):
    """The pipeline hands ``find_mentions`` the report's one normalisation instead of normalising it again."""
    from rasd.text import normalise

    text = "قصفت قوّات النظام مدينةَ الرقّة، وردّت قسد بقصف مماثل."
    assert find_mentions(text, matcher, normalise(text)) == find_mentions(text, matcher)
    assert find_mentions(text, matcher)


def test_spans_after_quotes_digits_and_symbols_point_at_the_name(matcher):
    """Words are found by one split around them and placed by summing the lengths of words and gaps: a name
    after quotes, digits, an emoji (beyond the BMP) and a run of punctuation still gets its own span."""
    text = '«عاجل» 12 قتيلا 🔴 ... قصف؛؛ "على" الرقة -- ثم دير الزور!'
    places = [m for m in find_mentions(text, matcher) if m.kind == "place"]
    assert [text[m.start : m.end] for m in places] == [m.surface for m in places]
    assert [m.surface for m in places][-2:] == ["الرقة", "دير الزور"]
