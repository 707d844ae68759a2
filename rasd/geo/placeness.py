"""Is a name a place here? Cues before a toponym and the countries a report supports.

The word lists are data (``rasd/data/geo/placeness.yaml``): settlement cues (``قرية``، ``مدينة``، ``حي``…),
weak cues (``في``، ``ريف``…), common words that GeoNames also lists as places (``بيان``، ``المصدر``), outlet
and person cues (``وكالة``، ``الشاب``), and country names and adjectives.

Example: ``cue_before("وقال في بيان")`` → ``("weak", "في")``; ``cue_before("قصفت قريه")`` →
``("settlement", "قريه")``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from rasd.primed import loader
from rasd.text import normalise_key


@dataclass(frozen=True, slots=True)
class Placeness:
    settlement: frozenset[str]
    weak: frozenset[str]
    common: frozenset[str]
    outlet: frozenset[str]
    person: frozenset[str]
    explicit_support_only: frozenset[str]
    country_words: dict[str, str]  # normalised word → ISO code
    before: re.Pattern
    not_names: frozenset[str]
    connectors: frozenset[str]
    homonyms: frozenset[str]  # ordinary words that are also real places (صور Tyre, الحراك al-Hirak)
    plural: frozenset[str]  # settlement cues that introduce a list of names (بلدات X وY وZ)
    name_ends: frozenset[str]  # words that end a name read after a cue (quantities, weapons)
    size_words: frozenset[str]  # "صغير"، "كبير": not a name alone, but part of one after a name (كابر صغير)
    not_places: frozenset[str]  # after a cue, the cue is no place at all ("مديرية التوجيه"، "وتجمع المحتجون")
    given_names: frozenset[str] = (
        frozenset()
    )  # no place with no cue; a word of a name after one (قرية بريما رشيد)
    village: frozenset[str] = frozenset()  # settlement cues of a village or small town (قرية، بلدة)
    district: frozenset[str] = frozenset()  # cues of a small administrative unit (مديرية، ناحية)
    landmark: frozenset[str] = frozenset()  # cues that are a word of the name they introduce (ساحة الورود)
    phrase_tails: frozenset[str] = frozenset()  # a word after a name that makes it no place (المسيلة للدموع)
    weapon: frozenset[str] = frozenset()  # a word before a name that makes it a weapon's (صاروخ بركان)
    phrase_heads: frozenset[str] = frozenset()  # a word before a name that makes it no place (بتوقيت القدس)


def _forms(words) -> frozenset[str]:
    return frozenset(normalise_key(str(w)) for w in words or ())


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def placeness() -> Placeness:
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd").joinpath("data/geo/placeness.yaml").read_text(encoding="utf-8")
    )
    settlement, weak = _forms(data["settlement_cues"]), _forms(data["weak_cues"])
    outlet, person = _forms(data["outlet_cues"]), _forms(data["person_cues"])
    weapon = _forms(data.get("weapon_cues"))
    words = sorted({*settlement, *weak, *outlet, *person, *weapon}, key=len, reverse=True)
    # The cue right before a name, with a clitic (و ف ب ل) on the cue: "وبلدة X", "بريف X".
    before = re.compile(r"(?:^|\s)[وفبل]?(" + "|".join(map(re.escape, words)) + r")\s*$")
    countries = {normalise_key(w): cc for cc, ws in (data.get("countries") or {}).items() for w in ws or ()}
    return Placeness(
        settlement,
        weak,
        _forms(data["common_words"]),
        outlet,
        person,
        frozenset(data.get("explicit_support_only") or ()),
        countries,
        before,
        _forms(data.get("not_names")),
        _forms(data.get("connectors")),
        _forms(data.get("homonyms")),
        _forms(data.get("plural_cues")),
        _forms(data.get("name_ends")),
        _forms(data.get("size_words")),
        _forms(data.get("not_places")),
        _forms(data.get("given_names")),
        _forms(data.get("village_cues")),
        _forms(data.get("district_cues")),
        _forms(data.get("landmark_cues")),
        _forms(data.get("phrase_tails")),
        weapon,
        _forms(data.get("phrase_heads")),
    )


def cue_before(normalised_before: str) -> tuple[str, str] | None:
    """(kind, word) of the cue right before a name: ``settlement``, ``weak``, ``outlet``, ``person`` or ``weapon``.

    A settlement cue may stand two words back when a containment word sits between
    (``قرية شرق X`` is rare; ``في ريف X`` is the weak cue ``ريف``), so only the word right before counts.
    """
    tail = " ".join(normalised_before[-30:].replace('"', " ").split())
    p = placeness()
    word = last_word_of(tail, *_cue_words(p), "وفبل")
    if word is None:
        return None
    kind = (
        "settlement"
        if word in p.settlement
        else "outlet"
        if word in p.outlet
        else "weapon"
        if word in p.weapon
        else "person"
        if word in p.person
        else "weak"
    )
    return kind, word


_CUE_WORDS: list = []  # [the Placeness, the cue words its ``before`` pattern is made of, their most spaces]


def _cue_words(p: Placeness) -> tuple[frozenset[str], int]:
    """Every cue word of ``p`` (the words of ``p.before``) and the most spaces one holds, gathered once for the
    loaded rules."""
    if not _CUE_WORDS or _CUE_WORDS[0] is not p:
        words = frozenset({*p.settlement, *p.weak, *p.outlet, *p.person, *p.weapon})
        _CUE_WORDS[:] = [p, words, most_spaces(words)]
    return _CUE_WORDS[1], _CUE_WORDS[2]


def most_spaces(words: frozenset[str]) -> int:
    """The most spaces a word of ``words`` holds (``مركز مدينه``: 1), for ``last_word_of``."""
    return max((w.count(" ") for w in words), default=0)


def last_word_of(tail: str, words: frozenset[str], most: int, clitics: str, then: str = "") -> str | None:
    r"""The word of ``words`` that ends ``tail``, after the start or a space and a clitic or none, as
    ``re.search(r"(?:^|\s)[<clitics>]?(<words>)(?:\s+<then>)?\s*$", tail).group(1)`` finds it (leftmost start;
    there, with the clitic before without; the longer word before ``then``), or None.

    ``tail`` must have its words joined by single spaces, as ``" ".join(text.split())`` gives; ``most`` is
    ``most_spaces(words)``. Looked up in a set at each word's start instead of searched with one pattern of
    hundreds of alternatives: that search tried every alternative at every character, for every place mention.
    Only the last words can hold a word of ``words`` (and ``then``), so the lookup starts there.

    Example: ``last_word_of("قصفت وقريه", {"قريه"}, 0, "وفبل")`` → ``"قريه"``.
    """
    cut = " " + then if then else ""
    reach = most + 1 + (1 if then else 0)  # the words a match may span
    first = tail.rsplit(" ", reach)
    at = len(first[0]) + 1 if len(first) > reach else 0
    while True:
        rest = tail[at:]
        for r in (rest[1:], rest) if rest and rest[0] in clitics else (rest,):
            if r in words:
                return r
            if cut and r.endswith(cut) and r[: -len(cut)] in words:
                return r[: -len(cut)]
        k = tail.find(" ", at)
        if k < 0:
            return None
        at = k + 1


def is_homonym(normalised_name: str) -> bool:
    """True when the name is an ordinary word that is also a real place (``صور`` pictures / Tyre, ``دخان`` smoke /
    Dukhan): a place after a settlement cue, or when the report is about the place's country."""
    return _name_flags(normalised_name)[0]


def is_common_word(normalised_name: str) -> bool:
    """True when the name is also an ordinary word or a person's name (``بيان``، ``السلميه``، ``اشرف``)."""
    return _name_flags(normalised_name)[1]


_FLAGS: list = [None, {}]  # [the Placeness, name → (homonym, common word)]
_FLAGS_MAX = 65536


def _name_flags(normalised_name: str) -> tuple[bool, bool]:
    """(homonym, common word) of a name, kept for the loaded rules: each place mention asks both several times
    in a report, and names recur from report to report."""
    rules = placeness()
    if _FLAGS[0] is not rules:
        _FLAGS[:] = [rules, {}]
    memo = _FLAGS[1]
    got = memo.get(normalised_name)
    if got is None:
        if len(memo) >= _FLAGS_MAX:
            memo.clear()
        key = normalise_key(normalised_name)
        homonyms = rules.homonyms
        got = memo[normalised_name] = (
            key in homonyms or (key.startswith("ال") and key[2:] in homonyms),
            key in rules.common or key in rules.given_names,
        )
    return got


_WORD = re.compile(r"[\u0621-\u064A]+")


def countries_named(normalised_text: str) -> Counter:
    """ISO code → how often the text names the country or its people (``لبنان``، ``اللبناني``، ``ولبنان``).

    A word counts once (bare, else with its clitic left off), and so does each pair of words that is a name
    (``جنوب السودان``). Counted from the text's word counts rather than word by word: a report has thousands of
    words and names a few countries. The codes come in the order the text first names them.
    """
    words = placeness().country_words
    singles, pair_firsts = _country_lookup(words)
    tokens, counts = arabic_runs(normalised_text)
    found: dict[str, list] = {}  # code → [(position, single 0 / pair 1) of its first naming, count]

    def add(cc: str, first: tuple[int, int], n: int) -> None:
        seen = found.get(cc)
        if seen is None:
            found[cc] = [first, n]
        else:
            seen[0] = min(seen[0], first)
            seen[1] += n

    for tok in counts.keys() & singles.keys():
        add(singles[tok], (tokens.index(tok), 0), counts[tok])
    last = len(tokens) - 1
    for first in counts.keys() & pair_firsts.keys():
        if counts.keys().isdisjoint(pair_firsts[first]):
            continue  # "في" begins "في مالي", but the text has no "مالي"
        i = tokens.index(first)
        while True:
            if i < last and (pair := f"{first} {tokens[i + 1]}") in words:
                add(words[pair], (i, 1), 1)
            try:
                i = tokens.index(first, i + 1)
            except ValueError:
                break
    out: Counter = Counter()
    for cc, (_, n) in sorted(found.items(), key=lambda kv: kv[1][0]):
        out[cc] = n
    return out


_RUNS: list = [("", [], Counter())]  # the last text read: (text, its runs, how often each)


def arabic_runs(normalised_text: str) -> tuple[list[str], Counter]:
    """The runs of Arabic letters of a text in order (``لبنان،و`` → ``لبنان``، ``و``), and how often each occurs.
    Kept for the last text read: the countries it names and the screen for unknown names both read them.
    Both are the caller's to read, not to change."""
    last = _RUNS[0]
    if last[0] is not normalised_text:
        tokens = _WORD.findall(normalised_text)
        last = _RUNS[0] = (normalised_text, tokens, Counter(tokens))
    return last[1], last[2]


_LOOKUP: list = []  # [country_words, its single-word lookup, its pairs' first words]


def _country_lookup(words: dict[str, str]) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The word → code table with the clitic forms (``ولبنان``) added, and the first words of two-word names
    with the second words each may take; built once for the loaded ``country_words``."""
    if not _LOOKUP or _LOOKUP[0] is not words:
        singles = {c + w: cc for w, cc in words.items() if len(w) >= 3 for c in "وفبل"}
        singles.update(words)  # a word that is a name itself is read bare first ("فلسطين" is no ف + لسطين)
        firsts: dict[str, frozenset[str]] = {}
        for w in words:
            if w.count(" ") == 1:
                a, b = w.split(" ")
                firsts[a] = firsts.get(a, frozenset()) | {b}
        _LOOKUP[:] = [words, singles, firsts]
    return _LOOKUP[1], _LOOKUP[2]
