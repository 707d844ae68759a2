"""Role cues for actors (``roles.yaml`` beside this module): what part a named actor plays, read from the words
around its name — its men killed (a target), the place it holds (no doer), its backer or owner, its claim.

They are data, kept apart from the event lexicon: the lexicon says which words tell a happening, these say who
took which part in it.

Example: ``load_roles().loss_nouns`` holds ``"مقتل"``: in ``"مقتل 30 عنصرا من حركة الشباب"`` the group lost men.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rasd.errors import KBError
from rasd.primed import loader
from rasd.text import normalise_key

_FIELDS = (
    "unit_nouns",
    "target_verbs",
    "clause_openers",
    "complementisers",
    "loss_nouns",
    "loss_verbs",
    "loss_fillers",
    "ranks",
    "loss_after",
    "loss_after_counted",
    "trigger_adjectives",
    "launch_verbs",
    "member_nouns",
    "target_after_l",
    "target_nouns",
    "posts",
    "fallen_soldiers",
    "fallen_police",
    "control_words",
    "holder_clauses",
    "opponent_words",
    "ally_words",
    "ally_markers",
    "landmark_heads",
    "backer_words",
    "owner_words",
    "unnamed_heads",
    "head_adjectives",
    "drone_stems",
    "claim_verbs",
    "own_forces",
)


@dataclass(frozen=True, slots=True)
class RoleCues:
    """Normalised cue phrases (each a space-joined string of normalised words), by kind (see ``roles.yaml``)."""

    unit_nouns: frozenset[str]
    target_verbs: frozenset[str]
    clause_openers: frozenset[str]
    complementisers: frozenset[str]
    loss_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    loss_fillers: frozenset[str]
    ranks: frozenset[str]
    loss_after: frozenset[str]
    loss_after_counted: frozenset[str]
    trigger_adjectives: frozenset[str]
    launch_verbs: frozenset[str]
    member_nouns: frozenset[str]
    target_after_l: frozenset[str]
    target_nouns: frozenset[str]
    posts: frozenset[str]
    fallen_soldiers: frozenset[str]
    fallen_police: frozenset[str]
    control_words: frozenset[str]
    holder_clauses: frozenset[str]
    opponent_words: frozenset[str]
    ally_words: frozenset[str]
    ally_markers: frozenset[str]
    landmark_heads: frozenset[str]
    backer_words: frozenset[str]
    owner_words: frozenset[str]
    unnamed_heads: frozenset[str]
    head_adjectives: frozenset[str]
    drone_stems: frozenset[str]
    claim_verbs: frozenset[str]
    own_forces: frozenset[str]


def _bare(word: str) -> str:
    """A word without its article: cue words are listed bare and compared bare (``التابعة`` is ``تابعه``)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@loader  # once per process, or handed over by the knowledge cache (rasd.primed)
def load_roles() -> RoleCues:
    """Load and validate ``roles.yaml``.

    Raises:
        KBError: a field is missing or is not a list of words.
    """
    import yaml

    where = "rasd/kb/actors/roles.yaml"
    text = resources.files("rasd.kb.actors").joinpath("roles.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise KBError(f"invalid YAML: {e}", source=where) from e
    out = {}
    for name in _FIELDS:
        items = data.get(name)
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise KBError(f"{name!r} must be a list of words", source=where)
        keys = (normalise_key(i) for i in items)
        out[name] = frozenset(" ".join(_bare(w) for w in k.split()) if name in _BARE else k for k in keys)
    return RoleCues(**out)


#: kinds compared without the article (an adjective may be definite or not: ``التابعة``/``تابعة``)
_BARE = frozenset({"backer_words", "owner_words", "unnamed_heads", "head_adjectives"})


def bare(word: str) -> str:
    """``_bare`` for callers comparing a text's word with the bare cue kinds."""
    return _bare(word)
