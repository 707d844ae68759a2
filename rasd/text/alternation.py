"""Word lists as regular expressions that try each word's letters once.

A list written as ``w1|w2|…`` (longest first) makes Python's regular expressions try every word, one after the
other, at every position a match may start: a list of a hundred month names or number words costs a hundred
tries per word of the text. Written as a trie (``ث(?:لاث(?:ون|ه)?|مان(?:يه)?)|…``), a position costs one try per
letter in common.

It matches exactly what the plain list matches, and in the same order of preference: at one position the words
that can match are prefixes of each other, and both forms try them longest first.

For patterns compiled without ``re.IGNORECASE`` (two different letters never match one character).

Example: ``alternation(["ثلاث", "ثلاثه", "ثمان"])`` → ``"ث(?:لاث(?:ه)?|مان)"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regular expression (no groups) matching any of ``words``, longest first where several match."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _emit(trie)  # no word at all: "", as ``"|".join([])`` (the empty string, matched everywhere)


def _emit(node: dict) -> str:
    branches = [re.escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k)]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the shorter word is tried only after every longer one
        return f"(?:{body})?"
    return body
