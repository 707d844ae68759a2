"""Arabic normalisation for matching, with an offset map back to the original text.

Matching happens on normalised text (no diacritics, one alef, Western digits…);
evidence must be shown in the original. ``Normalised.to_original`` maps any span
of the normalised text back to the exact span of the original it came from.

Example: ``normalise("مِن دير الزّور ٢٠١٨").text == "من دير الزور 2018"``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import add

# Characters dropped entirely: harakat, Quranic marks, tatweel, zero-width and bidi controls.
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x061C, 0xFEFF, 0x00AD}
_DROP |= set(range(0x06D6, 0x06EE)) - {0x06E5, 0x06E6}
_DROP |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ۀ": "ه",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "″": '"',
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian (Eastern Arabic-Indic) digits


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus the way back to the original.

    Every mapping is one character to one character or a drop, so the way back is the list of dropped
    positions (``_drops``, offsets into ``original``; None when nothing was dropped, the map being the
    identity): a character's original index is its index plus the number of drops before it, found by
    binary search. News text drops few characters (harakat, tatweel, controls), so the map is small and
    building it costs nothing for most reports.
    """

    text: str
    original: str
    _drops: tuple[int, ...] | None = None
    _steps: tuple[int, ...] = ()  # for each drop, how many kept characters come before it

    @property
    def offsets(self) -> list[int]:
        """The original index of every normalised character, and ``len(original)`` after the last."""
        return [self._at(i) for i in range(len(self.text) + 1)]

    def _at(self, i: int) -> int:
        if self._drops is None:
            return i
        if i >= len(self.text):
            return len(self.original)
        return i + bisect_right(self._steps, i)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to the original.

        The end maps to just after the last kept character, so trailing dropped
        marks (a shadda on the last letter) stay inside the span.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if self._drops is None:
            return start, end
        if start == end:
            o = self._at(start)
            return o, o
        # ``_at`` written out (numbers, dates and mentions map every span of every report through here)
        steps = self._steps
        o_start = start + bisect_right(steps, start)
        o_end = end + bisect_right(steps, end - 1)
        # Extend over characters dropped right after the span's last character (harakat).
        nxt = len(self.original) if end >= len(self.text) else end + bisect_right(steps, end)
        while o_end < nxt and ord(self.original[o_end]) in _DROP:
            o_end += 1
        return o_start, o_end

    def to_original_many(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[list[int], list[int]]:
        """``to_original`` for many non-empty spans (the matcher maps a report's mentions at once); an end maps
        to just before the next kept character, so dropped marks after a span belong to it.

        ``_at`` for each, in C (``map``): an index up to ``len(text)`` plus the drops at or before it (at
        ``len(text)`` that is every drop, which is ``len(original)``)."""
        if self._drops is None:
            return list(starts), list(ends)
        drops_before = partial(bisect_right, self._steps)
        return list(map(add, starts, map(drops_before, starts))), list(
            map(add, ends, map(drops_before, ends))
        )

    def original_span(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]

    def _index(self, original_at: int) -> int:
        """The first character of ``text`` that comes from ``original[original_at:]``."""
        if self._drops is None:
            return original_at
        return original_at - bisect_left(self._drops, original_at)

    def slice_text(self, a: int, b: int) -> str:
        """The normalised text of ``original[a:b]`` (``_index`` written out: rules cut thousands of windows a
        report)."""
        drops = self._drops
        if drops is None:
            return self.text[a:b]
        return self.text[a - bisect_left(drops, a) : b - bisect_left(drops, b)]

    def span_indexes(self, a: int, b: int) -> tuple[int, int]:
        """Where ``slice_text(a, b)`` lies in ``text``: for strings kept aligned with ``text``."""
        drops = self._drops
        if drops is None:
            return a, b
        return a - bisect_left(drops, a), b - bisect_left(drops, b)

    def slice(self, a: int, b: int) -> Normalised:
        """``normalise(original[a:b])`` (same options), cut from this one: normalisation maps each character
        on its own, so a part of the normalised whole is the normalised part."""
        na, nb = self._index(a), self._index(b)
        if self._drops is None or nb - na == b - a:
            return Normalised(self.text[na:nb], self.original[a:b], None)
        i, j = bisect_left(self._drops, a), bisect_left(self._drops, b)
        return _with_drops(self.text[na:nb], self.original[a:b], tuple(d - a for d in self._drops[i:j]))


def _with_drops(text: str, original: str, drops: tuple[int, ...]) -> Normalised:
    return Normalised(text, original, drops, tuple(d - k for k, d in enumerate(drops)))


def _translation(ta_marbuta: bool, hamza: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in _DROP}
    table.update({ord(k): v for k, v in _MAP.items()})
    for cp in range(0x0600):
        ch = chr(cp)
        if ch.isupper() and len(ch.lower()) == 1 and ch not in _MAP:
            table[cp] = ch.lower()
    if ta_marbuta:
        table[ord("ة")] = "ه"
    if hamza:
        table[ord("ؤ")] = "و"
        table[ord("ئ")] = "ي"
    return table


#: code points the translation list covers; the few mapped characters past it (the byte-order mark) are replaced
#: after translating, so building the list costs little at start-up
_LIST_END = 0x3000


@lru_cache(maxsize=4)
def _table(ta_marbuta: bool, hamza: bool) -> tuple[list[str | None], tuple[tuple[str, str], ...]]:
    """The mapping as a ``str.translate`` table: one C pass over the text, dropped characters map to None; and
    the mapped characters the table does not reach, as (character, replacement) pairs.

    A list indexed by code point, each character's replacement (itself when unchanged) up to the highest code
    point the mapping changes below ``_LIST_END``; ``translate`` leaves characters past its end as they are (the
    ``IndexError`` is its "no change"). Indexing a list costs less than hashing every character into a dict:
    normalising a report takes less than half the time.
    """
    mapping = _translation(ta_marbuta, hamza)
    table: list[str | None] = list(map(chr, range(max(cp for cp in mapping if cp < _LIST_END) + 1)))
    for cp, to in mapping.items():
        if cp < len(table):
            table[cp] = to
    rest = tuple((chr(cp), to or "") for cp, to in sorted(mapping.items()) if cp >= len(table))
    return table, rest


_DROP_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_DROP)) + "]")


def normalise(text: str, *, ta_marbuta: bool = True, hamza: bool = False) -> Normalised:
    """Normalise Arabic ``text`` for matching.

    Args:
        text: original text (any script mix).
        ta_marbuta: fold ``ة`` into ``ه`` (the usual spelling variation in names).
        hamza: fold ``ؤ`` to ``و`` and ``ئ`` to ``ي`` (off by default: it merges real words).

    Returns:
        A ``Normalised`` whose ``to_original`` maps spans back.

    Example: ``normalise("الرّقة").text == "الرقه"``.
    """
    if len(text) >= 256:
        return _normalise_long(text, ta_marbuta, hamza)
    if len(text) <= 32:
        return _normalise_word(text, ta_marbuta, hamza)
    return _normalise(text, ta_marbuta, hamza)


def normalised_text(text: str) -> str:
    """``normalise(text).text`` alone, with no offset map: for a text read once for its words (a report's title
    and lead, read for its context).

    Example: ``normalised_text("الرّقة")`` → ``"الرقه"``.
    """
    return _mapped(text)


@lru_cache(maxsize=4)
def _changes(ta_marbuta: bool, hamza: bool) -> tuple[re.Pattern, dict[str, str]] | None:
    """The characters the mapping changes, as one character class, and what each becomes ("" when dropped);
    None if a replacement is itself changed (replacing one character after another would then differ from
    mapping them all at once)."""
    changes = {chr(cp): to or "" for cp, to in _translation(ta_marbuta, hamza).items() if to != chr(cp)}
    if any(ch in changes for to in changes.values() for ch in to):
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(changes)) + "]"), changes


#: more different characters to change than this, and one ``translate`` pass costs less than a replace each
_MAX_REPLACES = 12


def _mapped(text: str, ta_marbuta: bool = True, hamza: bool = False) -> str:
    """The normalised text alone (``normalise(text).text``), with no offset map.

    ``str.translate`` looks every character up in the table, and a code point past 256 becomes a new integer
    object on each lookup: Arabic text costs about 28 µs a thousand characters. A report changes only a few
    different characters (ة, أ, ى, a diacritic or two): finding which, in one pass of a character class, and
    replacing each with ``str.replace`` costs less than half of that.
    """
    plan = _changes(ta_marbuta, hamza)
    if plan is not None:
        found = set(plan[0].findall(text))
        if len(found) <= _MAX_REPLACES:
            for ch in found:
                text = text.replace(ch, plan[1][ch])
            return text
    table, rest = _table(ta_marbuta, hamza)
    out = text.translate(table)
    for ch, to in rest:  # no mapping yields these characters: replacing them in the output is mapping them
        if ch in out:
            out = out.replace(ch, to)
    return out


def _normalise(text: str, ta_marbuta: bool, hamza: bool) -> Normalised:
    out = _mapped(text, ta_marbuta, hamza)
    if len(out) == len(text):
        return Normalised(out, text, None)
    return _with_drops(out, text, tuple(m.start() for m in _DROP_RE.finditer(text)))


@lru_cache(maxsize=16384)
def _normalise_word(text: str, ta_marbuta: bool, hamza: bool) -> Normalised:
    """``normalise`` of a word or a name, remembered: rules normalise the same names and cue words thousands of
    times a report (a ``Normalised`` is immutable, so one can be shared)."""
    return _normalise(text, ta_marbuta, hamza)


@lru_cache(maxsize=8)
def _normalise_long(text: str, ta_marbuta: bool, hamza: bool) -> Normalised:
    """``normalise`` of a long text, remembered: the stages of one report (its reading, the matcher, the date
    finder, place resolution) each ask for the normalised body, and a report is normalised once (a ``str``
    keeps its hash, so finding the same body again costs nothing)."""
    return _normalise(text, ta_marbuta, hamza)


def normalise_key(text: str) -> str:
    """A compact lookup key: normalised, whitespace collapsed, trimmed.

    Remembered: names thousands of times over (each candidate place, each actor is looked up again and again),
    long texts (a body, keyed twice as a document is made) only the last few, so the memory held stays small.

    Example: ``normalise_key("  دَيْر   الزُّور ") == "دير الزور"``.
    """
    if len(text) <= 64:
        return _name_key(text)
    return _long_key(text)


@lru_cache(maxsize=16384)
def _name_key(text: str) -> str:
    return " ".join(normalise(text).text.split())


@lru_cache(maxsize=8)
def _long_key(text: str) -> str:
    if len(text) >= 1024:  # a body: its normalisation is remembered for the reading that follows
        return " ".join(normalise(text).text.split())
    return " ".join(_mapped(text).split())  # a line of a page: no offset map is needed for its key
