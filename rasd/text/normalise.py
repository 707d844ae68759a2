"""Arabic normalisation for matching, with an offset map back to the original text.

Matching happens on normalised text (no diacritics, one alef, Western digits…);
evidence must be shown in the original. ``Normalised.to_original`` maps any span
of the normalised text back to the exact span of the original it came from.

Example: ``normalise("مِن دير الزّور ٢٠١٨").text == "من دير الزور 2018"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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
    """Normalised text plus, for each of its characters, the original index.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)`` so
    that end offsets map too. When nothing was dropped the map is the identity
    and is not stored (``_kept`` is None).
    """

    text: str
    original: str
    _kept: np.ndarray | None = None

    @property
    def offsets(self) -> np.ndarray:
        if self._kept is None:
            return np.arange(len(self.text) + 1)
        return np.append(self._kept, len(self.original))

    def _at(self, i: int) -> int:
        if self._kept is None:
            return i
        return int(self._kept[i]) if i < len(self._kept) else len(self.original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to the original.

        The end maps to just after the last kept character, so trailing dropped
        marks (a shadda on the last letter) stay inside the span.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if self._kept is None:
            return start, end
        if start == end:
            o = self._at(start)
            return o, o
        o_start = self._at(start)
        o_end = self._at(end - 1) + 1
        # Extend over characters dropped right after the span's last character (harakat).
        nxt = self._at(end)
        while o_end < nxt and ord(self.original[o_end]) in _DROP:
            o_end += 1
        return o_start, o_end

    def to_original_many(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``to_original`` for arrays of non-empty spans at once (the matcher maps thousands per text)."""
        if self._kept is None:
            return starts, ends
        kept = np.append(self._kept, len(self.original))
        # A span ends just before the next kept character: dropped marks after it belong to it.
        return kept[starts], kept[ends]

    def _index(self, original_at: int) -> int:
        """The first character of ``text`` that comes from ``original[original_at:]``."""
        if self._kept is None:
            return original_at
        return int(np.searchsorted(self._kept, original_at))

    def slice_text(self, a: int, b: int) -> str:
        """The normalised text of ``original[a:b]``."""
        return self.text[self._index(a) : self._index(b)]

    def slice(self, a: int, b: int) -> Normalised:
        """``normalise(original[a:b])`` (same options), cut from this one: normalisation maps each character
        on its own, so a part of the normalised whole is the normalised part."""
        na, nb = self._index(a), self._index(b)
        if self._kept is None or nb - na == b - a:
            return Normalised(self.text[na:nb], self.original[a:b], None)
        return Normalised(self.text[na:nb], self.original[a:b], self._kept[na:nb] - a)

    def original_span(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


_SENTINEL = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=4)
def _lut(ta_marbuta: bool, hamza: bool) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane: code point → code point, or the drop sentinel."""
    lut = np.arange(0x10000, dtype=np.uint32)
    for cp in _DROP:
        lut[cp] = _SENTINEL
    for k, v in _MAP.items():
        lut[ord(k)] = ord(v)
    for cp in range(0x0600):
        ch = chr(cp)
        if ch.isupper() and len(ch.lower()) == 1 and ch not in _MAP:
            lut[cp] = ord(ch.lower())
    if ta_marbuta:
        lut[ord("ة")] = ord("ه")
    if hamza:
        lut[ord("ؤ")] = ord("و")
        lut[ord("ئ")] = ord("ي")
    lut.setflags(write=False)
    return lut


@lru_cache(maxsize=4)
def _small_table(ta_marbuta: bool, hamza: bool) -> dict[int, str | None]:
    """The same mapping as ``_lut`` as a str.translate table (only the entries that change something)."""
    lut = _lut(ta_marbuta, hamza)
    changed = np.flatnonzero(lut != np.arange(0x10000, dtype=np.uint32))
    return {int(cp): (None if lut[cp] == _SENTINEL else chr(int(lut[cp]))) for cp in changed}


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
    if len(text) < 64:  # words and short lines: str.translate beats numpy's per-call overhead
        table = _small_table(ta_marbuta, hamza)
        out = text.translate(table)
        if len(out) == len(text):
            return Normalised(out, text, None)
        kept = np.array([i for i, ch in enumerate(text) if table.get(ord(ch), 0) is not None], dtype=np.int64)
        return Normalised(out, text, kept)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lut = _lut(ta_marbuta, hamza)
    if codes.size and int(codes.max()) < 0x10000:
        mapped = lut[codes]
    else:
        mapped = codes.copy()
        bmp = codes < 0x10000
        mapped[bmp] = lut[codes[bmp]]
    keep = mapped != _SENTINEL
    if keep.all():
        return Normalised(mapped.tobytes().decode("utf-32-le", "surrogatepass"), text, None)
    kept = np.flatnonzero(keep)
    return Normalised(mapped[keep].tobytes().decode("utf-32-le", "surrogatepass"), text, kept)


def normalise_key(text: str) -> str:
    """A compact lookup key: normalised, whitespace collapsed, trimmed.

    Example: ``normalise_key("  دَيْر   الزُّور ") == "دير الزور"``.
    """
    return " ".join(normalise(text).text.split())
