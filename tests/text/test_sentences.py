from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.text.sentences import clauses, sentences


def test_arabic_punctuation_and_lines():
    text = "قصفت الطائرات البلدة. هل قتل أحد؟ نعم!\nسطر ثان؛ وبقية"
    assert [s.text for s in sentences(text)] == [
        "قصفت الطائرات البلدة.",
        "هل قتل أحد؟",
        "نعم!",
        "سطر ثان؛",
        "وبقية",
    ]


def test_quotes_parentheses_and_numbers_do_not_split():
    text = 'قال "انتهت المعركة. لا تراجع" ثم غادر في 2018.11.27 (وفق المصدر. الأول) بعد 1.5 ساعة.'
    assert len(sentences(text)) == 1


def test_spans_point_into_text(sample_text):
    for s in sentences(sample_text):
        assert sample_text[s.start : s.end] == s.text and s.text == s.text.strip()
    assert sum(1 for _ in sentences(sample_text)) > 15


def test_clauses_split_on_commas():
    text = "ذكرت شبكات محلية، أن مفاوضات تجري بين الطرفين؛ إلا أنها فشلت."
    parts = clauses(text)
    assert [p.text for p in parts][0] == "ذكرت شبكات محلية،"
    assert len(parts) == 3 and all(text[p.start : p.end] == p.text for p in parts)


def _spans_by_search(text: str, extra: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The splitter written as a search from each position on (the reference the scan must agree with)."""
    from rasd.text.sentences import _CLOSE, _ENDERS, _MAX_DEPTH_CHARS, _OPEN, _SYMMETRIC, _special

    spans, start, stack, n, pos = [], 0, [], len(text), 0
    while (m := _special(extra).search(text, pos)) is not None:
        i = m.start()
        ch = text[i]
        if stack and i - stack[-1][1] > _MAX_DEPTH_CHARS:
            stack.clear()
        if ch in _OPEN:
            stack.append((ch, i))
        elif ch in _CLOSE:
            if stack and stack[-1][0] == _CLOSE[ch]:
                stack.pop()
        elif ch in _SYMMETRIC:
            if stack and stack[-1][0] == ch:
                stack.pop()
            else:
                stack.append((ch, i))
        if ch == "\n":
            stack.clear()
            spans.append((start, i))
            start = i + 1
        elif (
            not stack
            and (ch in _ENDERS or ch in extra)
            and not (ch == "." and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
        ):
            j = i + 1
            while j < n and (text[j] in _ENDERS or text[j] in "\"”»)'"):
                j += 1
            spans.append((start, j))
            start = pos = j
            continue
        pos = i + 1
    spans.append((start, n))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


@hsettings(max_examples=400, deadline=None)
@given(st.text(alphabet="اب 1.،,!?؟؛\n\"“”«»()[]'", max_size=60))
def test_the_scan_splits_as_a_search_from_each_position(text):
    from rasd.text.sentences import _spans

    assert _spans(text) == _spans_by_search(text)
    assert _spans(text, frozenset("،,")) == _spans_by_search(text, frozenset("،,"))
