"""What surrounds a toponym: containment words (``شرق دير الزور``, ``ريف حلب``, ``محافظة إدلب``).

Example: ``containment("… شرق دير الزور", 6)`` → ``("near", "شرق")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from rasd.primed import loader
from rasd.text import normalise_key


@dataclass(frozen=True, slots=True)
class GeoContext:
    near: tuple[str, ...]
    region: tuple[str, ...]
    timezone_country: dict[str, str]
    siblings: dict[str, str]
    before: re.Pattern


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def geo_context() -> GeoContext:
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd").joinpath("data/geo/context.yaml").read_text(encoding="utf-8")
    )
    near = tuple(normalise_key(w) for w in data["near"])
    region = tuple(normalise_key(w) for w in data["region"])
    words = sorted({*near, *region}, key=len, reverse=True)
    # The containment word(s) right before the toponym, allowing clitics (في/و/ب) and "من".
    before = re.compile(r"(?:^|\s)(?:[وفب]?)(" + "|".join(map(re.escape, words)) + r")(?:\s+من)?\s*$")
    return GeoContext(
        near,
        region,
        dict(data.get("timezone_country") or {}),
        {a: b for a, b in data.get("sibling_pairs") or []},
        before,
    )


def containment(normalised_before: str) -> tuple[str, str] | None:
    """("near" | "region", word) when the text just before a toponym is a containment word."""
    from rasd.geo.placeness import last_word_of

    ctx = geo_context()
    tail = " ".join(normalised_before[-40:].replace('"', " ").split())
    word = last_word_of(tail, *_words(ctx), "وفب", then="من")
    if word is None:
        return None
    return ("region" if word in ctx.region else "near"), word


_WORDS: list = []  # [the GeoContext, the words its ``before`` pattern is made of, their most spaces]


def _words(ctx: GeoContext) -> tuple[frozenset[str], int]:
    """The containment words of ``ctx`` (those of ``ctx.before``) and the most spaces one holds, gathered once
    for the loaded context."""
    from rasd.geo.placeness import most_spaces

    if not _WORDS or _WORDS[0] is not ctx:
        words = frozenset({*ctx.near, *ctx.region})
        _WORDS[:] = [ctx, words, most_spaces(words)]
    return _WORDS[1], _WORDS[2]
