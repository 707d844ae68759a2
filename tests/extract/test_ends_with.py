"""``rasd.coding.arguments.ends_with``: the phrase a run of words ends with, the longest first, a clitic allowed
on its first word; most words end no phrase and are turned away at once."""

from rasd.coding.arguments import ends_with

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
