"""A one-pass screen for word lists: does any of them occur in a text at all?

Rules search texts for cue lists with regular expressions of hundreds of alternatives, which try each of
them at every position; most texts hold none of a list. An Aho-Corasick automaton over the list answers in one
pass in C, and the expression runs only on the texts it lets through.

Example: ``might_hold("قصف على البلده", frozenset({"قريه", "مدينه"}))`` → False.
"""

from __future__ import annotations

from functools import lru_cache


def might_hold(text: str, phrases: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether any of ``phrases`` occurs in ``text`` at all, word boundaries aside: one pass of an Aho-Corasick
    automaton in C. Most sentences hold none of a cue list, and a regular expression of hundreds of alternatives
    tries each of them at every position; it runs only on the texts this lets through."""
    return first_possible(text, phrases) is not None


def first_possible(text: str, phrases: frozenset[str] | tuple[str, ...]) -> int | None:
    """None when no phrase occurs in ``text``; else an offset no occurrence starts before (the first occurrence
    found ends soonest, so none starts before its end less the longest phrase): a search for the phrases as
    words can start there instead of at the start of the text.

    Example: ``first_possible("قصف مدفعي على البلده", frozenset({"البلده"}))`` → 14.
    """
    screen = _screen(phrases)
    if screen is None:
        return 0
    for end, longest in screen.iter(text):
        return max(0, end + 1 - longest)
    return None


@lru_cache(maxsize=256)
def _screen(phrases: frozenset[str] | tuple[str, ...]):
    """The phrases' automaton (each phrase carries the longest phrase's length), or None when one is empty."""
    if any(not p for p in phrases):
        return None  # an empty phrase is everywhere
    import ahocorasick

    longest = max(map(len, phrases))
    auto = ahocorasick.Automaton()
    for p in phrases:
        auto.add_word(p, longest)
    auto.make_automaton()
    return auto
