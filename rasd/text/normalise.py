"""Arabic normalisation for matching, with an offset map back to the original text.

Matching happens on normalised text (no diacritics, one alef, Western digits…);
evidence must be shown in the original. ``Normalised.to_original`` maps any span
of the normalised text back to the exact span of the original it came from.

Example: ``normalise("مِن دير الزّور ٢٠١٨").text == "من دير الزور 2018"``.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

# Characters dropped entirely: harakat, Quranic marks, tatweel, zero-width and bidi controls.
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x061C, 0xFEFF, 0x00AD}
_DROP |= set(range(0x06D6, 0x06EE)) - {0x06E5, 0x06E6}
_DROP |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

_KEEP_RUNS = re.compile("[^" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]+")

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
    """Normalised text plus, for each of its characters, the original index.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)`` so
    that end offsets map too.
    """

    text: str
    original: str
    offsets: array

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to the original.

        The end maps to just after the last kept character, so trailing dropped
        marks (a shadda on the last letter) stay inside the span.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if start == end:
            o = self.offsets[start]
            return o, o
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        # Extend over characters dropped right after the span's last character (harakat).
        nxt = self.offsets[end]
        while o_end < nxt and ord(self.original[o_end]) in _DROP:
            o_end += 1
        return o_start, o_end

    def original_span(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


@lru_cache(maxsize=4)
def _table(ta_marbuta: bool, hamza: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in _DROP}
    table.update({ord(k): v for k, v in _MAP.items()})
    for cp in range(0x0600):
        ch = chr(cp)
        if ch.isupper() and len(ch.lower()) == 1 and cp not in table:
            table[cp] = ch.lower()
    if ta_marbuta:
        table[ord("ة")] = "ه"
    if hamza:
        table[ord("ؤ")] = "و"
        table[ord("ئ")] = "ي"
    return table


def normalise(text: str, *, ta_marbuta: bool = True, hamza: bool = False) -> Normalised:
    """Normalise Arabic ``text`` for matching.

    Every mapping is one character to one character, and dropped characters
    (marks, tatweel, controls) are removed, so the offset map is the list of
    kept positions — built from runs of kept characters, not per character.

    Args:
        text: original text (any script mix).
        ta_marbuta: fold ``ة`` into ``ه`` (the usual spelling variation in names).
        hamza: fold ``ؤ`` to ``و`` and ``ئ`` to ``ي`` (off by default: it merges real words).

    Returns:
        A ``Normalised`` whose ``to_original`` maps spans back.

    Example: ``normalise("الرّقة").text == "الرقه"``.
    """
    out = text.translate(_table(ta_marbuta, hamza))
    offs = array("I")
    if len(out) == len(text):
        offs.extend(range(len(text) + 1))
    else:
        for m in _KEEP_RUNS.finditer(text):
            offs.extend(range(m.start(), m.end()))
        offs.append(len(text))
    return Normalised(out, text, offs)


def normalise_key(text: str) -> str:
    """A compact lookup key: normalised, whitespace collapsed, trimmed.

    Example: ``normalise_key("  دَيْر   الزُّور ") == "دير الزور"``.
    """
    return " ".join(normalise(text).text.split())
