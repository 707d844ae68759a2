"""Built knowledge cached on disk next to the gazetteer, keyed by a hash of everything it is built from.

Building the actors, the lexicon and the matcher's automaton takes most of a cold start (YAML parsing,
some 200k automaton patterns) and gives the same result every time for the same sources, so every
process after the first loads one pickle instead. The key covers the source files (data, knowledge-base
and text code: a change to a YAML row or to normalisation makes a new file) and the gazetteer file itself
(``rasd kb import`` adds places to it). A file that cannot be read is rebuilt, never trusted.

Example: ``~/.cache/rasd/knowledge-3f9c…e1.pickle`` beside ``gazetteer-v2-….sqlite``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parents[1]
#: What built knowledge depends on: its data, the code that loads it and the text layer that keys it.
_SOURCES = ("kb", "data", "text", "geo", "models.py")
_SUFFIXES = {".py", ".yaml", ".yml", ".csv", ".txt", ".tsv", ".json"}


def source_files(root: Path = _PACKAGE) -> list[Path]:
    """Every file the cached knowledge is built from, in a fixed order."""
    files: list[Path] = []
    for name in _SOURCES:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES and p.is_file())
    return files


def cache_key(gazetteer_path: Path | None, root: Path = _PACKAGE) -> str:
    """sha256 over the sources' paths and contents, the gazetteer file's identity and the Python version."""
    h = hashlib.sha256(f"{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for path in source_files(root):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        h.update(path.read_bytes())
    if gazetteer_path is not None and gazetteer_path.exists():
        st = gazetteer_path.stat()
        h.update(f"{gazetteer_path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def cached(
    directory: Path, name: str, key: str, build: Callable[[], T], still: Callable[[], str] | None = None
) -> T:
    """``build()``'s result, loaded from ``directory/name-key.pickle`` when present, else built and saved.

    The file is written to a temporary name and renamed into place, so a process reading it never sees a
    half-written one, and two processes building at once both end up with a whole file. ``still`` (the key computed
    again) keeps a value built while its sources changed out of the file.
    """
    path = directory / f"{name}-{key[:24]}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception as e:  # a truncated or foreign file: rebuilt, never trusted
        logger.warning("%s: unreadable (%s), rebuilding", path, e)
    value = build()
    if still is not None and still() != key:  # the sources changed while it was built (a checkout, a merge)
        logger.warning("%s: sources changed while building; not cached", path)
        return value
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # files of other keys unused for a week are dead weight (another checkout may still use a newer one)
        week_ago = path.stat().st_mtime - 7 * 86400
        for old in directory.glob(f"{name}-*.pickle"):
            if old != path and old.stat().st_atime < week_ago:
                old.unlink(missing_ok=True)
    except OSError as e:  # a read-only cache directory: work on without the file
        logger.warning("%s: cannot write the knowledge cache (%s)", path, e)
    return value


def load_knowledge(settings: Any, gazetteer: Any) -> tuple[Any, Any, Any]:
    """(actors, matcher, lexicon) for ``gazetteer``, from the disk cache when its sources are unchanged.

    The cache also carries every ``rasd.primed.loader`` result (outlets, clitics, date and number tables,
    place-ness and geographic context words), handed to this process so none of that YAML is parsed again.
    """
    import rasd.geo.context
    import rasd.geo.placeness
    import rasd.ingest.outlets
    import rasd.text.dates
    import rasd.text.numbers
    import rasd.text.tokens  # noqa: F401  (the modules whose loaders the cache carries)
    from rasd import primed
    from rasd.kb.actors import load_actors
    from rasd.kb.lexicon import load_lexicon
    from rasd.kb.match import build_matcher

    gaz_path = Path(gazetteer.path) if getattr(gazetteer, "path", None) else None

    def build() -> dict[str, Any]:
        actors = load_actors()
        matcher = build_matcher(actors, gazetteer)
        return {"matcher": matcher, "lexicon": load_lexicon(), "loaded": primed.loaded()}

    directory = gaz_path.parent if gaz_path is not None else settings.cache_path
    knowledge = cached(directory, "knowledge", cache_key(gaz_path), build, lambda: cache_key(gaz_path))
    primed.prime(knowledge["loaded"])
    return load_actors(), knowledge["matcher"], knowledge["lexicon"]
