"""Bytes → text, with the Arabic code pages in mind.

charset-normalizer alone often confuses windows-1256 and ISO-8859-6 (both are
single-byte Arabic code pages): rasd decodes with each plausible candidate and
keeps the one that reads most like Arabic text.

Example: ``decode_bytes("قصف".encode("cp1256"), "x.txt") == "قصف"``.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

from rasd.errors import EmptyInputError, EncodingError

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_CODEPAGES = ("cp1256", "iso8859_6")


def _score(text: str) -> float:
    """Higher is more plausible: Arabic and ASCII letters count, controls and stray symbols cost."""
    if not text:
        return 0.0
    arabic = latin_ext = control = 0
    for ch in text:
        cp = ord(ch)
        if 0x0621 <= cp <= 0x064A:
            arabic += 1
        elif 0x00C0 <= cp <= 0x024F or 0x0152 <= cp <= 0x0192:
            latin_ext += 1
        elif cp < 32 and ch not in "\n\r\t" or 0x7F <= cp < 0xA0 or unicodedata.category(ch) in ("Co", "Cn"):
            control += 1
    return (arabic - 3 * latin_ext - 10 * control) / len(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad > len(sample) * 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (ASCII) or a constant high byte 0x06 (Arabic)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for enc, hi in (("utf-16-le", odds), ("utf-16-be", evens)):
        share = sum(1 for b in hi if b in (0x00, 0x06, 0x20)) / len(hi)
        if share > 0.9:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` (the content of ``source``) to text.

    Args:
        data: raw bytes.
        source: the input's name, for errors.
        declared: a charset declared by the container (HTTP header, XML prolog); tried first.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        EncodingError: binary data or no charset reads it as text.
    """
    if not data.strip():
        raise EmptyInputError("input is empty", source=source)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            logger.warning("%s: declared charset %r does not decode it; detecting", source, declared)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise EncodingError("binary data, not text", source=source)
    candidates: list[tuple[float, str, str]] = []
    for enc in _ARABIC_CODEPAGES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), enc, text))
    from charset_normalizer import from_bytes  # only bytes that are not UTF-8 need it

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        candidates.append((_score(text) - 0.01, best.encoding, text))
    if not candidates:
        raise EncodingError("no character set decodes this input", source=source)
    score, enc, text = max(candidates, key=lambda c: c[0])
    if score < -0.05:
        raise EncodingError(f"undecodable text (best guess {enc})", source=source)
    logger.debug("%s: decoded as %s (score %.2f)", source, enc, score)
    return text
