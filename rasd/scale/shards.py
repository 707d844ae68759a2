"""Shards: the unit of work of ``rasd batch`` — one file (WARC, WARC.gz, JSONL, JSONL.gz) or one directory of pages.

A shard is named by its path and fingerprinted by its size and modification time (a directory by
those of every file in it), so a rerun recognises a shard it has already done and redoes one that
changed. Reading goes through ``rasd.ingest``: the batch reads reports exactly as ``rasd run`` does.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasd.ingest import read
from rasd.models import Document, Failure
from rasd.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Shard:
    """One shard: where it is, its place in the batch's order, and a fingerprint of its content."""

    path: str
    index: int
    fingerprint: str

    @property
    def key(self) -> str:
        """A short stable name for the shard's output (path and fingerprint hashed)."""
        return hashlib.sha256(f"{self.path}\0{self.fingerprint}".encode()).hexdigest()[:20]


def _fingerprint(path: Path) -> str:
    if path.is_dir():
        parts = []
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for f in sorted(files):
                st = (Path(root) / f).stat()
                parts.append(f"{Path(root, f).relative_to(path)}:{st.st_size}:{st.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    if path.exists():
        st = path.stat()
        return f"{st.st_size}:{st.st_mtime_ns}"
    return "missing"


def expand_shards(args: Iterable[str | Path]) -> list[Shard]:
    """The shards named by ``args`` (files, directories, globs), in the order given, each once.

    A glob stands for the shards it matches, sorted. A path that does not exist is kept: reading it
    yields a failure row naming it, as ``rasd run`` reports a missing input.
    """
    paths: list[str] = []
    for a in args:
        s = str(a)
        if not Path(s).exists() and any(c in s for c in "*?["):
            paths.extend(sorted(glob.glob(s, recursive=True)) or [s])
        else:
            paths.append(s)
    seen: set[str] = set()
    shards = []
    for p in paths:
        absolute = str(Path(p).resolve())
        if absolute in seen:
            continue
        seen.add(absolute)
        shards.append(Shard(path=absolute, index=len(shards), fingerprint=_fingerprint(Path(absolute))))
    return shards


def read_shard(shard: Shard, settings: Settings) -> Iterator[Document | Failure]:
    """Every report of the shard, in order, or a ``Failure`` naming the record that could not be read.

    ``rasd.ingest.read`` does the reading, as for ``rasd run``: gzip inflated within bounds, a shard
    that breaks part-way (a truncated gzip stream, a cut WARC) keeps the reports read before the break
    and yields a failure for the rest.
    """
    yield from read([Path(shard.path)], settings)
