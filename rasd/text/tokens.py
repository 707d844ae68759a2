"""Tokens and clitics.

Arabic glues conjunctions, prepositions and the article onto the next word
(``وبالرقة`` = و + ب + الرقة) and news pages sometimes write them detached with a
tatweel (``لـ انسحابه``, ``بـ سلاحهم``). Matching needs the stem; evidence needs
the original span — tokens carry both.

Example: ``tokenise("وبالرقة")[0]`` → prefixes ``("و", "ب")``, stem ``"الرقه"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from rasd.primed import loader
from rasd.text.normalise import normalise

# A word: letters (any script), digits, combining marks and tatweel; internal apostrophes/hyphens allowed.
# Written as runs of letters between the joiners (``A*(?:P(?=\w)A*)*``), not one alternation per letter: the same
# words, found in a third less time (every report's words are found with it).
_WORD = re.compile(
    r"[^\W_][\w\u064B-\u065F\u0670\u0640]*(?:['’\-](?=\w)[\w\u064B-\u065F\u0670\u0640]*)*", re.UNICODE
)

#: ``_WORD`` captured: ``split`` gives the gaps and the words in turn
_WORD_SPLIT = re.compile(f"({_WORD.pattern})", _WORD.flags)


@dataclass(
    slots=True, unsafe_hash=True
)  # not frozen: a report has thousands, and frozen ones build 5× slower
class Token:
    start: int
    end: int
    surface: str
    norm: str
    prefixes: tuple[str, ...] = ()
    stem: str = ""
    stem_start: int = 0
    detached: bool = False  # a clitic written apart ("لـ"), attached to the next token's prefixes


@dataclass(frozen=True, slots=True)
class _Clitics:
    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    contracted: str
    detached: frozenset[str]
    min_stem: int


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def _clitics() -> _Clitics:
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd").joinpath("data/text/clitics.yaml").read_text(encoding="utf-8")
    )
    return _Clitics(
        tuple(data["conjunctions"]),
        tuple(data["prepositions"]),
        data["article"],
        data["contracted_article"],
        frozenset(data["detached"]),
        int(data["min_stem"]),
    )


def strip_clitics(word: str) -> list[str]:
    return list(_stems(word))


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a normalised word, longest first (the word itself included).

    Example: ``strip_clitics("وللتحالف")`` → ``["وللتحالف", "للتحالف", "التحالف", "تحالف"]``.
    """
    return tuple(stem for _, stem in _decompositions(word))


@lru_cache(maxsize=65536)
def _decompositions(word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    c = _clitics()
    if not (
        word.startswith(c.conjunctions)
        or word.startswith(c.prepositions)
        or word.startswith(c.article)
        or word.startswith(c.contracted)
    ):
        return (((), word),)  # no clitic can start it: the word is its only reading (about half of new words)
    out: dict[str, tuple[str, ...]] = {word: ()}

    def add(prefixes: tuple[str, ...], stem: str) -> None:
        if len(stem) >= c.min_stem and stem not in out:
            out[stem] = prefixes

    rests: list[tuple[tuple[str, ...], str]] = [((), word)]
    for conj in c.conjunctions:
        if word.startswith(conj):
            rests.append(((conj,), word[len(conj) :]))
    for pre, rest in list(rests):
        if pre:
            add(pre, rest)
        if rest.startswith(c.contracted) and len(rest) > len(c.contracted):
            # ل + ال: "للتحالف" → "التحالف", then "تحالف"
            add((*pre, "ل"), c.article + rest[len(c.contracted) :])
            add((*pre, "ل", c.article), rest[len(c.contracted) :])
            continue
        for prep in c.prepositions:
            if rest.startswith(prep):
                r2 = rest[len(prep) :]
                add((*pre, prep), r2)
                if r2.startswith(c.article):
                    add((*pre, prep, c.article), r2[len(c.article) :])
        if rest.startswith(c.article):
            add((*pre, c.article), rest[len(c.article) :])
    return tuple(sorted(((p, s) for s, p in out.items()), key=lambda ps: -len(ps[1])))


def clitic_variants(stem: str) -> set[str]:
    """Surface forms of a normalised stem with each proclitic combination.

    Example: ``"الرقه"`` → {"الرقه", "والرقه", "بالرقه", "للرقه", "وبالرقه", "فللرقه", …}.
    """
    c = _clitics()
    forms = {stem}
    preps = list(c.prepositions)
    if stem.startswith(c.article):
        with_prep = {p + stem for p in preps if p != "ل"} | {c.contracted + stem[len(c.article) :]}
    else:
        with_prep = {p + stem for p in preps}
    forms |= with_prep
    for conj in c.conjunctions:
        forms |= {conj + f for f in [stem, *with_prep]}
    return forms


def tokenise(text: str) -> list[Token]:
    """Word tokens of ``text`` with clitics split off (spans into ``text``).

    A detached clitic (``لـ``/``بـ`` followed by a space) becomes a token with
    ``detached=True`` and is added to the next token's prefixes.
    """
    return list(_tokenise(text))


def word_norms(text: str) -> list[str]:
    """The normalised form of each token of ``text`` (``[t.norm for t in tokenise(text)]``), without building
    tokens: for rules that only ask which words a short span holds.

    Example: ``word_norms("وبالرقّة أمس")`` → ``["وبالرقه", "امس"]``.
    """
    return list(map(_word_norm, _WORD.findall(text)))


@lru_cache(maxsize=512)
def _tokenise(text: str) -> tuple[Token, ...]:
    """``tokenise``, remembered: short texts recur (the words around a mention)."""
    return tuple(tokens_at(text, 0))


def tokens_at(text: str, base: int) -> list[Token]:
    """``tokenise(text)`` with every offset moved by ``base`` (a part of a longer text, read in place)."""
    c = _clitics()
    tokens: list[Token] = []
    pending: tuple[str, ...] = ()
    for m in _WORD.finditer(text):
        surface = m.group()
        norm, prefixes, stem, prefix_len = _word(surface)
        a, b = m.start() + base, m.end() + base
        if norm in c.detached and surface.endswith("\u0640"):
            pending = (*pending, norm)
            tokens.append(Token(a, b, surface, norm, (norm,), "", b, detached=True))
            continue
        tokens.append(
            Token(a, b, surface, norm, (*pending, *prefixes) if pending else prefixes, stem, a + prefix_len)
        )
        pending = ()
    return tokens


def words_at(
    text: str, base: int, starts: list[int], ends: list[int], norms: list[str], detached: list[int]
) -> None:
    """``tokens_at(text, base)`` as parallel lists, appended to: each token's start, end and normalised form,
    and the index of each detached clitic (``لـ``) — the same tokens, with no object built per word (the
    lists are filled by ``map`` in C: a report's words cost no Python step each).

    The words come from one ``split`` around them (``[gap, word, gap, word, …, gap]``) and their offsets from
    the running sum of the pieces' lengths: ``finditer`` would build a match object per word, which cost more
    than finding the words."""
    parts = _WORD_SPLIT.split(text)
    if len(parts) == 1:
        return
    first = len(norms)
    at = list(accumulate(map(len, parts), initial=base))  # where each piece starts; a word is each odd piece
    starts.extend(at[1:-1:2])
    ends.extend(at[2:-1:2])
    surfaces = parts[1::2]
    norms.extend(map(_word_norm, surfaces))
    if "\u0640" in text:  # a detached clitic is written with a tatweel ("لـ ")
        clitics = _clitics().detached
        for k, surface in enumerate(surfaces):
            if surface[-1] == "\u0640" and norms[first + k] in clitics:
                detached.append(first + k)


@lru_cache(maxsize=65536)
def _word_norm(surface: str) -> str:
    """A word's normalised form (``_word``'s first part) without the clitic split and prefix length a ``Token``
    needs: a report's words are listed by their forms alone, and new words are most of the cost of a report in a
    rich vocabulary."""
    return normalise(surface).text


@lru_cache(maxsize=65536)
def _word(surface: str) -> tuple[str, tuple[str, ...], str, int]:
    """One word's normalised form, clitic split and the original length of its prefixes (words recur)."""
    norm = normalise(surface).text
    prefixes, stem = _split(norm)
    return norm, prefixes, stem, _orig_prefix_len(surface, sum(len(p) for p in prefixes))


def _split(norm: str) -> tuple[tuple[str, ...], str]:
    """The safe split: only clitic readings that end in the article (``وال``, ``بال``, ``لل``, ``ال``)
    are taken, leaving a stem of at least three letters; a bare ``و``/``ب`` may be a root letter
    (``وزاره``, ``بلده``), so those words stay whole — ``strip_clitics`` lists the other readings."""
    c = _clitics()
    best: tuple[tuple[str, ...], str] = ((), norm)
    for prefixes, stem in _decompositions(norm):
        if prefixes and prefixes[-1] == c.article and len(stem) >= 3 and len(prefixes) > len(best[0]):
            best = (prefixes, stem)
    return best


def _orig_prefix_len(surface: str, n_norm: int) -> int:
    """Original-text length of the first ``n_norm`` normalised characters of ``surface``."""
    if n_norm == 0:
        return 0
    n = normalise(surface)
    return n.to_original(0, n_norm)[1]
