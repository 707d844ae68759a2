"""Name keys for places: one normalised spelling per written variant.

Arabic place names vary in ways normalisation alone does not fold: ``البوكمال`` /
``البو كمال`` / ``أبو كمال``, ``ديرالزور`` / ``دير الزور``. ``name_forms`` lists every
key a name is written as; ``lookup_keys`` adds the article-less (or article-ful)
reading a lookup should also try.

Example: ``name_forms("البو كمال")`` ⊇ {"البو كمال", "البوكمال", "ابو كمال", "ابوكمال"}.
"""

from __future__ import annotations

import functools
import re

from rasd.text import normalise_key

# Letters of Arabic proper (no Persian/Urdu/Kurdish-only letters), marks, tatweel, spaces, hyphen.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u064B-\u065F\u0670\u0640\u0671 \-']+$")
# First words that news text writes both with and without a following space.
_JOINABLE = ("دير", "تل", "عين", "راس", "كفر", "بير", "جسر", "خربه", "مزرعه")
# A short first word that ends in a letter which does not join the next (بور، بلد، خور، دار) looks the same with
# or without the space after it, and writers drop it (بورسودان، بلدوين، خورمكسر); أم is written joined by habit
# (أمدرمان), and Sudan's ود (ودمدني). Only before a one-word name without the article, never written joined.
_NON_JOINING = frozenset("اأإآدذرزو")


def is_arabic_name(name: str) -> bool:
    """True for a name in Arabic script written with Arabic letters only (not Persian, Urdu or Kurdish)."""
    return bool(_ARABIC_NAME.match(name.strip())) and any("\u0621" <= c <= "\u064a" for c in name)


@functools.lru_cache(maxsize=65536)
def name_forms(name: str) -> frozenset[str]:
    """Every normalised key under which ``name`` may appear in text (cached: village names repeat)."""
    key = normalise_key(name.replace("-", " "))
    if not key:
        return frozenset()
    forms = {key}
    m = re.match(r"^(البو|ابو) ?(\S.*)$", key)
    if m and len(m.group(2)) >= 2:
        rest = m.group(2)
        forms |= {f"البو {rest}", f"البو{rest}", f"ابو {rest}", f"ابو{rest}"}
    first, _, rest = key.partition(" ")
    if (rest and first in _JOINABLE) or _written_joined(first, rest):
        forms.add(first + rest)
    return frozenset(forms)


def _written_joined(first: str, rest: str) -> bool:
    """``بور سودان`` is also written ``بورسودان`` (see ``_NON_JOINING``); ``أم القرى`` never ``أمالقرى``."""
    if not rest or " " in rest or len(rest) < 3 or rest.startswith("ال"):
        return False
    return first in ("ام", "ود") or (3 <= len(first) <= 4 and first[-1] in _NON_JOINING)


#: The letters Arabic writes a foreign hard g with (غ in the Maghreb and the Sahel, ج in Egypt, ق in Sudan and Chad)
_HARD_G = "غجق"


def g_spellings(key: str) -> frozenset[str]:
    """A transliterated name (a town of Burkina Faso, Niger, Mali, Nigeria, Chad) under each letter news text writes
    its hard g with: ``كومبيينجا`` is also ``كومبيينغا`` and ``كومبيينقا``. Every g of the name takes the same letter;
    names of fewer than five letters are left as they are (a swapped letter makes an ordinary word too often).

    Example: ``g_spellings("كونغوسي")`` → {"كونغوسي", "كونجوسي", "كونقوسي"}.
    """
    if len(key.replace(" ", "")) < 5 or not any(c in _HARD_G for c in key):
        return frozenset({key})
    return frozenset(key.translate(str.maketrans({c: g for c in _HARD_G})) for g in _HARD_G) | {key}


def lookup_keys(name: str) -> list[str]:
    """Keys to try for a name met in text: itself, then without (or with) the article."""
    key = normalise_key(name)
    out = [key]
    if key.startswith("ال") and len(key) > 4:
        out.append(key[2:])
    elif not key.startswith("ال"):
        out.append("ال" + key)
    return out


def canonical_arabic(names: list[str], frequency: dict[str, int] | None = None) -> str:
    """The display name among a place's Arabic alternates: the most common well-formed spelling.

    A spelling counts once per alternate written that way (with or without diacritics) and, to break ties,
    once per other place whose alternates spell a name that way (``frequency``: key → count over the
    whole gazetteer). Spellings with one-letter words (``د مشق``) lose to any well-formed one. The name is
    returned without diacritics.

    Example: ``canonical_arabic(["د مشق", "دمشق", "دِمَشق"])`` → ``"دمشق"``.
    """
    if not names:
        return ""
    local: dict[str, int] = {}
    first: dict[str, str] = {}
    order: dict[str, int] = {}
    for n in names:
        key = normalise_key(n)
        if not key:
            continue
        local[key] = local.get(key, 0) + 1
        first.setdefault(key, _strip_marks(n))
        order.setdefault(key, len(order))
    if not local:
        return ""

    def rank(key: str) -> tuple:
        well_formed = all(len(w) > 1 for w in key.split()) and "،" not in first[key]
        return (well_formed, local[key], (frequency or {}).get(key, 0), key.startswith("ال"), -order[key])

    best = max(local, key=rank)
    return first[best]


_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def _strip_marks(name: str) -> str:
    return " ".join(_MARKS.sub("", name).split())


def ascii_name(name: str) -> str:
    """A plain ASCII spelling of a GeoNames English name: diacritics and ʿayn/hamza marks dropped.

    Example: ``ascii_name("Al Ḩawījah")`` → ``"Al Hawijah"``; ``ascii_name("Ra’s al ‘Ayn")`` → ``"Ras al Ayn"``.
    """
    import unicodedata

    folded = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in folded if not unicodedata.combining(c))
    out = re.sub(r"[ʿʾʻʼ‘’`´']", "", out)
    out = out.encode("ascii", "ignore").decode()
    return " ".join(out.split())
