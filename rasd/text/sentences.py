"""Sentence segmentation for Arabic news text.

Splits on . ! ? ؟ ؛ and line breaks (and on ، only when ``clauses`` are asked
for), never inside quotes or parentheses, never inside numbers such as
``2018.11.27`` or ``1.5``.

Example: ``[s.text for s in sentences('قال "نعم. لا". ثم ذهب.')]`` →
``['قال "نعم. لا".', 'ثم ذهب.']``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ENDERS = set(".!?؟؛")
_OPEN = {"(": ")", "[": "]", "«": "»", "“": "”", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_SYMMETRIC = {'"'}
_MAX_DEPTH_CHARS = 400  # an unclosed quote stops protecting after this many characters


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def _special(extra: frozenset[str]) -> re.Pattern:
    """The characters that can open, close or end anything: the scan jumps from one to the next."""
    chars = set(_OPEN) | set(_CLOSE) | _SYMMETRIC | _ENDERS | {"\n"} | set(extra)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _spans(text: str, extra: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    stack: list[tuple[str, int]] = []
    n = len(text)
    pos = 0  # the scan goes on from here: special characters before it were read with the sentence's end
    for m in _special(extra).finditer(text):
        i = m.start()
        if i < pos:
            continue
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
        elif not stack and (ch in _ENDERS or ch in extra):
            if ch == "." and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            j = i + 1
            while j < n and (
                text[j] in _ENDERS or text[j] in "\"”»)'"
            ):  # keep closing marks and "?!" with the sentence
                j += 1
            spans.append((start, j))
            start = j
            pos = j
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


def sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their spans (offsets into ``text``)."""
    return list(_sentences(text))


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[Sentence, ...]:
    """Remembered: segmentation and extraction both split the same report."""
    return tuple(Sentence(a, b, text[a:b]) for a, b in _spans(text))


def clauses(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Finer units: sentences further split at ، and ؛ outside quotes (spans into ``text``)."""
    end = len(text) if end is None else end
    return list(_clauses(text, start, end))


@lru_cache(maxsize=1024)
def _clauses(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    return tuple(
        Sentence(a + start, b + start, text[a + start : b + start])
        for a, b in _spans(text[start:end], frozenset("،,"))
    )
