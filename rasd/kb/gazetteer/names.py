"""Name keys for places: one normalised spelling per written variant.

Arabic place names vary in ways normalisation alone does not fold: ``البوكمال`` /
``البو كمال`` / ``أبو كمال``, ``ديرالزور`` / ``دير الزور``. ``name_forms`` lists every
key a name is written as; ``lookup_keys`` adds the article-less (or article-ful)
reading a lookup should also try.

Example: ``name_forms("البو كمال")`` ⊇ {"البو كمال", "البوكمال", "ابو كمال", "ابوكمال"}.
"""

from __future__ import annotations

import re

from rasd.text import normalise_key

# Letters of Arabic proper (no Persian/Urdu/Kurdish-only letters), marks, tatweel, spaces, hyphen.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u064B-\u065F\u0670\u0640\u0671 \-']+$")
# First words that news text writes both with and without a following space.
_JOINABLE = ("دير", "تل", "عين", "راس", "كفر", "بير", "جسر", "خربه", "مزرعه")


def is_arabic_name(name: str) -> bool:
    """True for a name in Arabic script written with Arabic letters only (not Persian, Urdu or Kurdish)."""
    return bool(_ARABIC_NAME.match(name.strip())) and any("\u0621" <= c <= "\u064a" for c in name)


def name_forms(name: str) -> set[str]:
    """Every normalised key under which ``name`` may appear in text."""
    key = normalise_key(name.replace("-", " "))
    if not key:
        return set()
    forms = {key}
    m = re.match(r"^(البو|ابو) ?(\S.*)$", key)
    if m and len(m.group(2)) >= 2:
        rest = m.group(2)
        forms |= {f"البو {rest}", f"البو{rest}", f"ابو {rest}", f"ابو{rest}"}
    first, _, rest = key.partition(" ")
    if rest and first in _JOINABLE:
        forms.add(first + rest)
    return forms


def lookup_keys(name: str) -> list[str]:
    """Keys to try for a name met in text: itself, then without (or with) the article."""
    key = normalise_key(name)
    out = [key]
    if key.startswith("ال") and len(key) > 4:
        out.append(key[2:])
    elif not key.startswith("ال"):
        out.append("ال" + key)
    return out
