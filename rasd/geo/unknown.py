"""Names introduced by a settlement cue (``قرية X``، ``حي X``، ``مديرية X``): candidates for places the
gazetteer lacks.

A name is one to three words after the cue, ending at punctuation, at a preposition or containment word
(``في``، ``بريف``، ``شرق``), or at a conjunction that starts another name (``وقرية``). Words that follow a cue
without naming anything (``قرية مجاورة``، ``منطقة عسكرية``) are data: ``not_names`` in
``rasd/data/geo/placeness.yaml``.

Example: ``unknown_names(normalise("قصف قرية الزيتونة في ريف حماة"))`` → ``[UnknownName(…, "الزيتونة", cue="قرية")]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.geo.context import geo_context
from rasd.geo.placeness import placeness


@dataclass(frozen=True, slots=True)
class UnknownName:
    start: int  # span in the original text
    end: int
    surface: str
    normalised: str
    cue: str


_TOKEN = re.compile(r"[\u0621-\u064A]+|[^\s\u0621-\u064A]+")
_MAX_WORDS = 3


def _stops() -> frozenset[str]:
    ctx, rules = geo_context(), placeness()
    return frozenset(
        {
            *rules.weak,
            *rules.settlement,
            *rules.connectors,
            *ctx.near,
            *ctx.region,
            *rules.outlet,
            *rules.name_ends,
        }
        | {"التي", "الذي", "الذين", "بعد", "قبل", "منذ", "خلال", "امس", "اليوم", "صباح", "مساء", "حيث", "عند"}
        | {"الى", "علي", "عن", "مع", "او", "ثم", "كما", "اثر", "جراء", "بين", "تحت", "فوق", "حتي"}
    )


def _name_after(tokens, j: int, rules, stops, joined: bool) -> list[tuple[int, int, str]]:
    """One to three words of a name from token ``j`` on, up to a stop word, punctuation or the next "وX".

    ``joined``: the first word carries the conjunction of a list ("عيترون وحولا"); the name is read without it.
    """
    words: list[tuple[int, int, str]] = []
    for k, (s, e, w) in enumerate(tokens[j : j + _MAX_WORDS]):
        if not ("\u0621" <= w[0] <= "\u064a"):
            break
        if k == 0 and joined:
            s, w = s + 1, w[1:]
            if w in stops or w in rules.not_names or w in rules.common:
                break
            words.append((s, e, w))
            continue
        bare = w[1:] if len(w) > 3 and w[0] in "وفبل" else w
        if w in stops or (bare in stops and bare != w) or (words and w[0] == "و" and len(w) > 2):
            break
        if w in rules.not_names or w in rules.common:
            break
        if words and words[0][2].startswith("ال") and not w.startswith("ال"):
            break  # "البيسارية أدت": a definite name is whole; only an agreeing adjective follows it
        words.append((s, e, w))
    return words


def unknown_names(norm) -> list[UnknownName]:
    """Every name right after a settlement cue in a normalised text (``rasd.text.Normalised``)."""
    rules = placeness()
    stops = _stops()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm.text)]
    out: list[UnknownName] = []
    for i, (_, _, tok) in enumerate(tokens):
        cue = (
            tok
            if tok in rules.settlement
            else tok[1:]
            if tok[:1] in "وفبل" and tok[1:] in rules.settlement
            else None
        )
        if cue is None:
            continue
        plural = cue in rules.plural
        j, joined = i + 1, False
        while True:
            words = _name_after(tokens, j, rules, stops, joined)
            if not words or words[0][2] in rules.not_names:
                break
            o_start, o_end = norm.to_original(words[0][0], words[-1][1])
            name = " ".join(w for _, _, w in words)
            out.append(UnknownName(o_start, o_end, norm.original[o_start:o_end], name, cue))
            if not plural:
                break
            # A list after a plural cue: "بلدات عيترون وحولا وياطر"، "قرى X، Y و Z".
            j += len(words)
            if j < len(tokens) and tokens[j][2] in ("،", ",", "و"):
                while j < len(tokens) and tokens[j][2] in ("،", ",", "و"):
                    j += 1
                joined = False
            elif j < len(tokens) and tokens[j][2].startswith("و") and len(tokens[j][2]) > 3:
                joined = True
            else:
                break
    return out
