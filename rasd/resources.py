"""Knowledge loaded once per process and handed to every document: actors, gazetteer, matcher, lexicon.

Loading is the slow part (automaton build, gazetteer open), so edges build one
``Resources`` and pass it down; stages never load knowledge themselves.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from rasd.settings import Settings


@dataclass(frozen=True)
class Resources:
    settings: Settings
    actors: Any  # rasd.kb.actors.ActorKB
    gazetteer: Any  # rasd.kb.gazetteer.Gazetteer
    matcher: Any  # rasd.kb.match.Matcher
    lexicon: Any  # rasd.kb.lexicon.Lexicon


def load_resources(settings: Settings) -> Resources:
    """Build every knowledge base for ``settings`` (gazetteer built on first use if missing)."""
    from rasd.kb.actors import load_actors
    from rasd.kb.gazetteer import load_gazetteer
    from rasd.kb.lexicon import load_lexicon
    from rasd.kb.match import build_matcher

    actors = load_actors()
    gazetteer = load_gazetteer(settings)
    return Resources(
        settings=settings,
        actors=actors,
        gazetteer=gazetteer,
        matcher=build_matcher(actors, gazetteer),
        lexicon=load_lexicon(),
    )


@functools.lru_cache(maxsize=4)
def default_resources(settings: Settings | None = None) -> Resources:
    """Resources for the Python API's convenience entry points (cached per Settings)."""
    return load_resources(settings or Settings.load())
