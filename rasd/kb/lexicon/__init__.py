"""The event lexicon: Arabic triggers per ACLED sub-event type, with the rules that refine them (data).

Loaded from ``events.yaml`` beside this module and compiled into lookup tables; the
extractor holds no Arabic word lists of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasd.errors import KBError
from rasd.text import normalise_key

TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}


@dataclass(frozen=True)
class Family:
    name: str
    event_type: str
    sub_event_type: str
    triggers: tuple[tuple[str, ...], ...]  # each trigger as a tuple of words
    weak: bool = False
    requires: frozenset[str] = frozenset()
    by_inter: dict[int, str] = field(default_factory=dict)
    air_actors: frozenset[str] = frozenset()
    air_words: frozenset[str] = frozenset()
    upgrades: dict[str, frozenset[str]] = field(default_factory=dict)
    not_after: frozenset[str] = frozenset()
    object_follows: frozenset[tuple[str, ...]] = frozenset()  # verbal nouns whose next noun is the target
    default_target: bool = False
    subsumes: frozenset[str] = frozenset()
    no_purpose: bool = False  # a trigger with the purpose ل ("للسيطرة") names an aim, not a happening


@dataclass(frozen=True)
class Sense:
    """A trigger that names an event only in one sense: it needs one of ``requires`` (when given) and none of
    ``blocked_by`` within ``window`` words."""

    window: int
    requires: frozenset[str]
    blocked_by: frozenset[str]


@dataclass(frozen=True)
class Context:
    """Cues of a report or sentence that is not about political violence (sports, accidents, courts…)."""

    name: str
    strong: bool
    cues: frozenset[str]
    spare: frozenset[str] = frozenset()
    cut_after: bool = False
    #: words that, just before a cue, make it no cue ("أعنف قصف منذ أشهر" is news, not a recap)
    unless_after: frozenset[str] = frozenset()
    #: cues with a common other sense (``نادي الأسير`` is an NGO, ``بطولة`` heroism, ``تصفيات`` killings): they
    #: make the context only beside a second, different cue of it
    ambiguous: frozenset[str] = frozenset()
    #: words that, just after a cue, make it no cue (``ذكرى المولد النبوي`` is a feast, not an anniversary of war)
    unless_before: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)  # hashed by identity: per-text results are remembered per lexicon
class Lexicon:
    families: tuple[Family, ...]
    first_words: dict[str, list[tuple[Family, tuple[str, ...]]]]
    segment_breaks: tuple[str, ...]
    deaths_after: frozenset[str]
    deaths_before: frozenset[str]
    dual_deaths: frozenset[str]
    injuries: frozenset[str]
    civilian_words: frozenset[str]
    reporting_verbs: frozenset[str]
    modality: dict[str, tuple[str, ...]]
    generic: frozenset[tuple[str, ...]] = frozenset()
    actor1_markers: tuple[str, ...] = ()
    actor2_markers: tuple[str, ...] = ()
    both_parties: frozenset[str] = frozenset()
    background_cues: frozenset[str] = frozenset()
    senses: dict[tuple[str, tuple[str, ...]], Sense] = field(default_factory=dict)
    contexts: tuple[Context, ...] = ()
    person_singular: frozenset[str] = frozenset()
    person_dual: frozenset[tuple[str, ...]] = frozenset()
    casualties_together: tuple[str, ...] = ()
    origin_markers: frozenset[str] = frozenset()
    container_links: frozenset[str] = frozenset()
    nationality_doers: dict[str, str] = field(default_factory=dict)
    anaphoric: frozenset[tuple[str, ...]] = frozenset()
    attack_words: frozenset[str] = frozenset()
    patron_markers: frozenset[str] = frozenset()
    deaths_after_noun: frozenset[str] = frozenset()
    toll_hedges: frozenset[str] = frozenset()
    toll_updates: frozenset[str] = frozenset()
    weapon_nouns: frozenset[str] = frozenset()
    weapon_not_fired: frozenset[str] = frozenset()
    counted_things: frozenset[str] = frozenset()
    background_days: int = 60
    retrospective_days: int = 14
    max_credible_toll: int = 100_000
    pluperfect_openers: frozenset[str] = frozenset()
    late_sentence: int = 4
    toll_more: frozenset[str] = frozenset()
    toll_subset: frozenset[str] = frozenset()
    toll_span_cues: frozenset[str] = frozenset()
    killing_words: frozenset[tuple[str, ...]] = frozenset()
    background_openers: tuple[str, ...] = ()
    signature_doers: dict[str, str] = field(default_factory=dict)
    armed_targets: frozenset[str] = frozenset()
    repel_words: frozenset[str] = frozenset()
    recalled_days: int = 3
    past_after: frozenset[str] = frozenset()
    attempt_words: frozenset[str] = frozenset()
    motive_before: tuple[str, ...] = ()
    habitual_verbs: frozenset[str] = frozenset()
    shooting_words: frozenset[str] = frozenset()
    response_before: tuple[str, ...] = ()
    suffer_words: frozenset[str] = frozenset()
    armed_nouns: frozenset[str] = frozenset()
    pointer_words: frozenset[str] = frozenset()


def _words(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(normalise_key(i).split()) for i in items or ())


def _flat(items) -> frozenset[str]:
    return frozenset(normalise_key(i) for i in items or ())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate ``events.yaml``: every family must name a real ACLED type and sub-type."""
    where = "rasd/kb/lexicon/events.yaml"
    import yaml  # here: a warm start takes the knowledge from the cache and needs no YAML

    data = yaml.safe_load(
        resources.files("rasd.kb.lexicon").joinpath("events.yaml").read_text(encoding="utf-8")
    )
    families = []
    for name, f in data["families"].items():
        et, st = f.get("event_type"), f.get("sub_event_type")
        if et not in TAXONOMY or st not in TAXONOMY[et]:
            raise KBError(f"family {name}: {et!r} / {st!r} is not an ACLED type and sub-type", source=where)
        upgrades = {k: _flat(v) for k, v in (f.get("upgrade_if_words") or {}).items()}
        families.append(
            Family(
                name,
                et,
                st,
                _words(f["triggers"]),
                bool(f.get("weak")),
                _flat(f.get("requires")),
                {int(k): v for k, v in (f.get("sub_event_by_actor1_inter") or {}).items()},
                frozenset(f.get("upgrade_to_air_if_actor") or ()),
                _flat(f.get("upgrade_to_air_if_words")),
                upgrades,
                _flat(f.get("not_after")),
                frozenset(_words(f.get("object_follows"))),
                bool(f.get("default_target")),
                subsumes=frozenset(f.get("subsumes") or ()),
                no_purpose=bool(f.get("no_purpose")),
            )
        )
    first: dict[str, list] = {}
    for fam in families:
        for trig in fam.triggers:
            first.setdefault(trig[0], []).append((fam, trig))
    for options in first.values():
        options.sort(key=lambda ft: -len(ft[1]))  # longest trigger first
    return Lexicon(
        tuple(families),
        first,
        tuple(normalise_key(w) for w in data["segment_breaks"]),
        _flat(data["deaths_after_number"]),
        _flat(data["deaths_before_number"]),
        _flat(data["dual_deaths"]),
        _flat(data["injuries"]),
        _flat(data["civilian_words"]),
        _flat(data["reporting_verbs"]),
        {k: tuple(normalise_key(w) for w in v) for k, v in data["modality"].items()},
        frozenset(_words(data.get("generic_triggers"))),
        tuple(normalise_key(w) for w in data["role_markers"]["actor1_after_trigger"]),
        tuple(normalise_key(w) for w in data["role_markers"]["actor2"]),
        _flat(data.get("both_parties")),
        _flat(data.get("background_cues")),
        _senses(data.get("senses") or {}, {f.name for f in families}, where),
        tuple(
            Context(
                name,
                c.get("strength") == "strong",
                _flat(c["cues"]),
                frozenset(c.get("spare") or ()),
                bool(c.get("cut_after")),
                _flat(c.get("unless_after")),
                _flat(c.get("ambiguous")),
                _flat(c.get("unless_before")),
            )  # fmt: skip
            for name, c in (data.get("non_event_contexts") or {}).items()
        ),
        _flat(data.get("person_singular")),
        frozenset(_words(data.get("person_dual"))),
        tuple(normalise_key(w) for w in data.get("casualties_together") or ()),
        _flat(data.get("origin_markers")),
        _flat(data.get("container_links")),
        {normalise_key(k): v for k, v in (data.get("nationality_doers") or {}).items()},
        frozenset(_words(data.get("anaphoric_triggers"))),
        _flat(data.get("attack_words")),
        _flat(data.get("patron_markers")),
        _flat(data.get("deaths_after_noun")),
        _flat(data.get("toll_hedges")),
        _flat(data.get("toll_updates")),
        _flat(data.get("weapon_nouns")),
        _flat(data.get("weapon_not_fired")),
        _flat(data.get("counted_things")),
        int(data.get("background_days", 60)),
        int(data.get("retrospective_days", 14)),
        int(data.get("max_credible_toll", 100_000)),
        _flat(data.get("pluperfect_openers")),
        int(data.get("late_sentence", 4)),
        _flat(data.get("toll_more")),
        _flat(data.get("toll_subset")),
        _flat(data.get("toll_span_cues")),
        frozenset(_words(data.get("killing_words"))),
        tuple(normalise_key(w) for w in data.get("background_openers") or ()),
        {normalise_key(k): v for k, v in (data.get("signature_doers") or {}).items()},
        _flat(data.get("armed_targets")),
        _flat(data.get("repel_words")),
        int(data.get("recalled_days", 3)),
        _flat(data.get("past_after")),
        _flat(data.get("attempt_words")),
        tuple(normalise_key(w) for w in data.get("motive_before") or ()),
        _flat(data.get("habitual_verbs")),
        _flat(data.get("shooting_words")),
        tuple(normalise_key(w) for w in data.get("response_before") or ()),
        _flat(data.get("suffer_words")),
        _flat(data.get("armed_nouns")),
        _flat(data.get("pointer_words")),
    )


def _senses(rows: dict, families: set[str], where: str) -> dict[tuple[str, tuple[str, ...]], Sense]:
    out = {}
    for key, row in rows.items():
        fam, _, trig = key.partition("/")
        if fam not in families:
            raise KBError(f"sense {key!r}: no family {fam!r}", source=where)
        out[(fam, tuple(normalise_key(trig).split()))] = Sense(
            int(row.get("window", 5)), _flat(row.get("requires")), _flat(row.get("blocked_by"))
        )
    return out
