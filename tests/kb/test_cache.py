"""The knowledge cache (``rasd.kb.cache``): loaded knowledge finds what built knowledge finds, the key
follows every source file, and an unreadable file is rebuilt rather than trusted."""

from __future__ import annotations

import shutil

from rasd.kb.cache import cache_key, cached, load_knowledge, source_files
from rasd.kb.match import build_matcher, find_mentions


def test_loaded_knowledge_matches_built_knowledge(settings, gazetteer, actors, sample_text):
    built = build_matcher(actors, gazetteer)
    load_knowledge(settings, gazetteer)  # writes the file if this session has not yet
    _, matcher, lexicon = load_knowledge(settings, gazetteer)  # reads it
    assert matcher.patterns == built.patterns
    assert find_mentions(sample_text, matcher) == find_mentions(sample_text, built)
    assert lexicon is not None


def test_the_key_follows_every_source(tmp_path):
    import rasd

    root = tmp_path / "rasd"
    shutil.copytree(rasd.__path__[0], root, ignore=shutil.ignore_patterns("__pycache__", "web", "examples"))
    before = cache_key(None, root)
    assert before == cache_key(None, root)
    yaml = next(p for p in source_files(root) if p.suffix == ".yaml")
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert cache_key(None, root) != before


def test_an_unreadable_file_is_rebuilt(tmp_path):
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"value": 42}

    assert cached(tmp_path, "k", "abc", build) == {"value": 42}
    assert cached(tmp_path, "k", "abc", build) == {"value": 42} and len(calls) == 1
    (tmp_path / "k-abc.pickle").write_bytes(b"not a pickle")
    assert cached(tmp_path, "k", "abc", build) == {"value": 42} and len(calls) == 2


def test_a_value_built_while_its_sources_change_is_not_cached(tmp_path):
    keys = iter(["after"])
    value = cached(tmp_path, "thing", "before", lambda: {"v": 1}, lambda: next(keys))
    assert value == {"v": 1}
    assert not list(tmp_path.glob("thing-*.pickle"))  # built from a mix of old and new sources: not kept
    cached(tmp_path, "thing", "same", lambda: {"v": 2}, lambda: "same")
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 1
