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
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from rasd.geo.context import geo_context
from rasd.geo.placeness import arabic_runs, placeness
from rasd.text.alternation import alternation


@dataclass(frozen=True, slots=True)
class UnknownName:
    start: int  # span in the original text
    end: int
    surface: str
    normalised: str
    cue: str
    #: The cue names a place without naming it ("مناطق مختلفة"، "مدن جزائرية"، "قرية مجاورة"): the event is at
    #: the parent the text gives, or at the report's place, never at a place called by these words.
    generic: bool = False


_TOKEN = re.compile(r"[\u0621-\u064A]+|[^\s\u0621-\u064A]+")
_MAX_WORDS = 3


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    """The words a name ends before: built once per process from the loaded word lists (loaded once per process
    too), not for every report."""
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
        | {
            "ما",
            "بينما",
            "فيما",
            "ذلك",
            "هذا",
            "هذه",
            "تلك",
            "اي",
            "كل",
            "غير",
            "وغيرها",
            "سابقا",
            "حاليا",
            "ايضا",
            "لا",
            "لم",
            "لن",
            "قد",
            "مما",
            "وفقا",
            "وفق",
            "حسب",
            "بحسب",
            "نقلا",
            "بحثا",
            "سعيا",
            "خوفا",
            "هربا",
            "وصولا",
            "تمهيدا",
            "بسبب",
            "سبب",
            "تم",
            "يتم",
        }
    )


_TANWEEN = re.compile("[\u064b-\u064d]")


def _no_name_word(w: str, rules) -> bool:
    """A word no place name is made of: a noun with a possessive pronoun (``شرقها``، ``سيطرتها``، ``أبرزها``),
    a country or its adjective (``مدن ليبيا``، ``مناطق يمنية``), or a word the data lists (``مختلفة``)."""
    if w in rules.not_names or w in rules.common or w in rules.not_places:
        return True
    if len(w) >= 5 and w.endswith(("ها", "هم", "هما", "وا")):
        return True  # a pronoun suffix (شرقها، سيطرتها) or a verb of the plural (وتمكنوا، قاموا)
    if len(w) >= 6 and w.endswith(("اته", "اتهم")):
        return True  # a plural noun with a pronoun (اتصالاته، قواته)
    if len(w) >= 6 and w.startswith(("ي", "ت")) and w.endswith("ون"):
        return True  # a verb of the plural (يعملون، تتواجدون); a village such as يارون is shorter
    bare = w[2:] if w.startswith("ال") else w
    return w in rules.country_words or bare in rules.country_words or f"ال{bare}" in rules.country_words


_SIDE_ADJECTIVES = frozenset(
    {"الشرقي", "الغربي", "الشمالي", "الجنوبي", "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه"}
)


def _name_after(tokens, j: int, rules, stops, joined: bool, original) -> list[tuple[int, int, str]]:
    """One to three words of a name from token ``j`` on, up to a stop word, punctuation or the next "وX".

    ``joined``: the first word carries the conjunction of a list ("عيترون وحولا"); the name is read without it.
    ``original``: maps a normalised span to the original text, where a word written with tanween (``مجهولاً``،
    ``سابقاً``) shows it is an adverb or an indefinite noun, never part of a name.
    """
    words: list[tuple[int, int, str]] = []
    for k, (s, e, w) in enumerate(tokens[j : j + _MAX_WORDS]):
        if not ("\u0621" <= w[0] <= "\u064a"):
            break
        if _TANWEEN.search(original(s, e)):
            break
        if k == 0 and joined:
            if w in stops:
                break  # "وسط", "وقد": a word of its own, not a conjunction before a name
            s, w = s + 1, w[1:]
            if w in stops or _no_name_word(w, rules):
                break
            words.append((s, e, w))
            continue
        if words and words[-1][2].startswith("ال") and w in _SIDE_ADJECTIVES:
            words.append((s, e, w))  # "الدير الشرقي": a definite name and the side adjective agreeing with it
            break
        bare = w[1:] if len(w) > 2 and w[0] in "وفبل" else w
        if w in stops or (bare in stops and bare != w) or (words and w[0] == "و" and len(w) > 2):
            break
        construct = bool(words) and not words[0][2].startswith("ال") and w.startswith("ال")
        heads = (
            not words
            and not w.startswith("ال")
            and w in rules.common
            and _governs(tokens, j + 1, rules, stops)
        )
        if construct and w in rules.common and w not in rules.not_names:
            pass  # "دار السلام", "باب النصر": an indefinite word and the definite noun it governs are one name
        elif heads:
            pass  # "قريتي عين التينة": a common word heading a construct starts a name
        elif _no_name_word(w, rules) and not (words and w in rules.size_words and not w.startswith("ال")):
            break  # "كابر صغير" names a village; "قرية مجاورة" names none
        if w.startswith(("بال", "لل", "فال")):
            break  # "حي بعيدين بالمدينة", "قرى بالإخلاء": a preposition's phrase, not a name
        if words and words[0][2].startswith("ال") and words[0][2] != "البو" and not w.startswith("ال"):
            break  # "البيسارية أدت": a definite name is whole; only an agreeing adjective follows it ("البو X" is
            # the prefix of a clan's village: البو شهاب)
        words.append((s, e, w))
    if sum(len(w) for _, _, w in words) < 2:
        return []
    return words


_QUOTES = frozenset("\"“”«»()'")


def _quote(tok: str) -> bool:
    """A token of quotes and brackets only (``"``، ``(``، ``»``)."""
    return all(c in _QUOTES for c in tok)


def _governs(tokens, j: int, rules, stops) -> bool:
    """Token ``j`` is a definite noun a preceding common word can govern (``عين التينة``، ``باب الهوى``)."""
    if j >= len(tokens):
        return False
    w = tokens[j][2]
    return w.startswith("ال") and len(w) > 3 and w not in stops and not _no_name_word(w, rules)


def _quoted_name(tokens, j: int, joined: bool) -> list[tuple[int, int, str]]:
    """The words up to the closing quote or bracket, or to a comma of a quoted list (``"أم ولد"``،
    ``(تل حوذان)``، ``"الأزوري، أم عدسة"``), when they are one to three."""
    words: list[tuple[int, int, str]] = []
    for s, e, w in tokens[j : j + _MAX_WORDS + 1]:
        if _separator(w):
            return words
        if not ("\u0621" <= w[0] <= "\u064a"):
            return []
        if not words and joined and w.startswith("و"):
            s, w = s + 1, w[1:]
        words.append((s, e, w))
    return []


_NEAR_WORDS = frozenset({"المجاور", "المجاوره", "القريب", "القريبه", "الملاصق", "الملاصقه"})
_PRONOUNS = frozenset({"لها", "له", "لهما", "منها", "منه", "منهما"})


def _aside(tokens, j: int) -> int:
    """Tokens of a short aside after a list's name that relates it to the one before (``المجاور لها``)."""
    if j + 1 < len(tokens) and tokens[j][2] in _NEAR_WORDS and tokens[j + 1][2] in _PRONOUNS:
        return 2
    return 0


def _separator(tok: str) -> bool:
    """Punctuation between two names of a list: a comma, with or without quotes and brackets (``"،``، ``)``)."""
    return all(c in _QUOTES or c in "،," for c in tok)


def unknown_names(norm) -> list[UnknownName]:
    """Every name right after a settlement cue in a normalised text (``rasd.text.Normalised``)."""
    return list(_unknown_names(norm))


def _has_cue(text: str, settlement: frozenset[str]) -> bool:
    """Whether a token of ``text`` (a run of letters, as ``unknown_names`` reads them) is a settlement cue, bare
    or after one clitic. A cue's letters found where a run ends are a cue when the run starts there too."""
    pattern = _cue_ends(settlement)
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        at = m.start()
        if at == 0 or not ("\u0621" <= text[at - 1] <= "\u064a"):
            return True
        pos = at + 1  # the end of a longer word ("محيط" holds no cue, "الحي" is no cue): look further on
    return False


@lru_cache(maxsize=2)
def _cue_forms(settlement: frozenset[str]) -> frozenset[str]:
    """The cues as tokens may write them: bare, or after one clitic (``وقرية``، ``بمدينة``)."""
    return frozenset(settlement) | {c + w for c in "وفبل" for w in settlement}


@lru_cache(maxsize=2)
def _cue_ends(settlement: frozenset[str]) -> re.Pattern:
    """The cues, bare and after a clitic, as a trie ending where a run of letters ends. Its first letters are
    plain characters, so the expression engine skips in C to the places a cue may start; the run's start is
    checked by ``_has_cue`` (a lookbehind first would make the engine try every position)."""
    return re.compile(rf"(?:{alternation(_cue_forms(settlement))})(?![\u0621-\u064A])")


#: An anchor after a name read after ``في``/``قرب`` that makes it a place: a stated distance from another place
#: (``في X، على بعد 60 كيلومترا من Y``) or the region that holds it (``في X بولاية Y``) — normalised.
_DISTANCE_ANCHOR = ("علي", ("بعد", "مسافه"))
_REGION_ANCHORS = frozenset(
    {"بولايه", "بمحافظه", "باقليم", "بمقاطعه", "بمديريه", "بقضاء", "بمحليه", "بمنطقه", "بريف"}
)
_ANCHOR_TEXT = re.compile(r"علي (?:بعد|مسافه)|\sب(?:ولايه|محافظه|اقليم|مقاطعه|مديريه|قضاء|محليه|منطقه|ريف)\s")


def _anchored(tokens, j: int) -> bool:
    """Tokens from ``j`` on anchor the name before them: ``، على بعد``، ``على مسافة``، ``بولاية``، ``بريف``."""
    while j < len(tokens) and _separator(tokens[j][2]):
        j += 1
    if j < len(tokens) and tokens[j][2] in _REGION_ANCHORS:
        return True
    return (
        j + 1 < len(tokens)
        and tokens[j][2] == _DISTANCE_ANCHOR[0]
        and tokens[j + 1][2] in _DISTANCE_ANCHOR[1]
    )


def _anchored_names(tokens, rules, stops, original) -> list[UnknownName]:
    """Names after ``في`` or ``قرب`` that a stated distance or a containing region follows (``أغاروا على ثكنة في
    كوروماني بولاية كاتسينا``، ``سقطت القذائف في تامبوري، على بعد 40 كيلومترا``): places with no settlement cue, kept
    as unknown names when the gazetteer lacks them. Event words end a name (``في هجوم بولاية X`` names none)."""
    out = []
    for i, (_, _, tok) in enumerate(tokens):
        bare = tok[1:] if tok[:1] in "وف" and len(tok) > 3 else tok
        if bare not in ("في", "قرب"):
            continue
        words = _name_after(tokens, i + 1, rules, stops, False, original)
        if not words or _no_name_word(words[0][2], rules) or not _anchored(tokens, i + 1 + len(words)):
            continue
        out.append((words, bare))
    return out


@lru_cache(maxsize=2)
def _unknown_names(norm) -> tuple[UnknownName, ...]:
    """``unknown_names``, remembered for the last reports: place resolution asks twice for one report's names."""
    rules = placeness()
    cues = rules.settlement | rules.landmark
    anchors = _ANCHOR_TEXT.search(norm.text) is not None
    # the screen of _has_cue, read from the text's runs of letters (the countries named read them already)
    if not anchors and _cue_forms(cues).isdisjoint(arabic_runs(norm.text)[1]):
        return ()  # no settlement cue at all (many reports name no village): no tokens to read
    stops = _stops()
    found = list(_TOKEN.finditer(norm.text))  # (start, end, text) of each token, zipped in C
    tokens = list(
        zip(map(re.Match.start, found), map(re.Match.end, found), map(re.Match.group, found), strict=True)
    )

    def original(s: int, e: int) -> str:
        a, b = norm.to_original(s, e)
        return norm.original[a:b]

    out: list[UnknownName] = []
    for words, cue in _anchored_names(tokens, rules, stops, original) if anchors else ():
        o_start, o_end = norm.to_original(words[0][0], words[-1][1])
        name = " ".join(w for _, _, w in words)
        out.append(UnknownName(o_start, o_end, norm.original[o_start:o_end], name, cue))
    cue_forms = _cue_forms(cues)
    for i in compress(range(len(tokens)), map(cue_forms.__contains__, map(itemgetter(2), tokens))):
        tok = tokens[i][2]  # a cue, bare or after a clitic (found in C: most tokens are none)
        cue = tok if tok in cues else tok[1:] if tok[:1] in "وفبل" and tok[1:] in cues else None
        if cue is None:
            continue
        # "ساحة الورود": a landmark's cue is the first word of its name (after a clitic: "بساحة")
        landmark = tokens[i][1] - len(cue) if cue in rules.landmark else None
        plural = cue in rules.plural
        j, joined = i + 1, False
        bracketed_cue = j + 2 < len(tokens) and tokens[j + 1][2] in rules.settlement
        if bracketed_cue and _quote(tokens[j][2]) and _quote(tokens[j + 2][2]):
            j += 3  # "مستعمرة (مستوطنة) X": a second cue word in brackets, then the name
        quoted = j < len(tokens) and _quote(tokens[j][2])
        open_quote = quoted and sum(c in _QUOTES for c in tokens[j][2]) % 2 == 1
        while j < len(tokens) and _quote(tokens[j][2]):
            j += 1  # 'منطقة "السويدية"'، 'قريتي (أبو قايدة)': a name in quotes or brackets
        first = tokens[j][2] if j < len(tokens) else ""
        generic = first and first[0] >= "\u0621" and _no_name_word(first, rules)
        if generic and landmark is not None:
            continue  # "ساحة المعركة"، "شارع رئيسي": no landmark of a name
        if generic and first not in rules.not_places and not _governs(tokens, j + 1, rules, stops):
            o_start, o_end = norm.to_original(tokens[j][0], tokens[j][1])
            out.append(UnknownName(o_start, o_end, norm.original[o_start:o_end], first, cue, generic=True))
            continue
        while True:
            words = _quoted_name(tokens, j, joined) if quoted else []
            words = words or _name_after(tokens, j, rules, stops, joined, original)
            if (
                not words
                or words[0][2] in rules.not_names
                or (_no_name_word(words[0][2], rules) and (len(words) == 1 or words[0][2].startswith("ال")))
            ):
                break
            o_start, o_end = norm.to_original(words[0][0] if landmark is None else landmark, words[-1][1])
            name = " ".join([cue] * (landmark is not None) + [w for _, _, w in words])
            if not any(u.start == o_start for u in out):  # "مستعمرة (مستوطنة) X": one name, two cues
                out.append(UnknownName(o_start, o_end, norm.original[o_start:o_end], name, cue))
            if not plural:
                break
            # A list after a plural cue: "بلدات عيترون وحولا وياطر"، "قرى X، Y و Z".
            j += len(words)
            j += _aside(tokens, j)  # "قرى X وY المجاور لها وZ": Z is still of the list
            if j < len(tokens) and (tokens[j][2] == "و" or _separator(tokens[j][2])):
                run = ""
                while j < len(tokens) and (tokens[j][2] == "و" or _separator(tokens[j][2])):
                    run += tokens[j][2]
                    j += 1
                if not any(c in run for c in "،,و"):
                    break  # '"غندرشي" الساحلية': no list
                if not quoted and any(c in _QUOTES for c in run):
                    break  # 'قرى X وY"، مشيرا': a quotation closes, and the list with it
                if quoted:
                    # quoted names go on while a quote stays open ("الأزوري، أم عدسة") or opens again
                    # ('"يطا" و"حلحول"'); '"حلحول"، ونصبت' ends the list
                    open_quote ^= sum(c in _QUOTES for c in run) % 2 == 1
                    if not open_quote:
                        break
                # "X، وY": the conjunction is on the next name's first word
                joined = j < len(tokens) and tokens[j][2].startswith("و") and len(tokens[j][2]) > 2
            elif not quoted and j < len(tokens) and tokens[j][2].startswith("و") and len(tokens[j][2]) > 2:
                joined = True
            else:
                break
    return tuple(sorted(out, key=lambda u: u.start))
