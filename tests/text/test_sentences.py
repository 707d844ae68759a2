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
