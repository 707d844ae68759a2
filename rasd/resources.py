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
    """Every knowledge base for ``settings`` (gazetteer built on first use if missing); actors, lexicon and
    the matcher's automaton come from the disk cache beside the gazetteer when their sources are unchanged
    (``rasd.kb.cache``), so a process starts without rebuilding them."""
    from rasd.kb.cache import load_knowledge
    from rasd.kb.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(settings)
    actors, matcher, lexicon = load_knowledge(settings, gazetteer)
    return Resources(settings=settings, actors=actors, gazetteer=gazetteer, matcher=matcher, lexicon=lexicon)


@functools.lru_cache(maxsize=4)
def default_resources(settings: Settings | None = None) -> Resources:
    """Resources for the Python API's convenience entry points (cached per Settings)."""
    return load_resources(settings or Settings.load())
