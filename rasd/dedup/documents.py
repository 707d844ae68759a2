"""Near-duplicate documents: syndicated copies and light edits of one report.

A MinHash of word 5-shingles of the normalised body; two bodies whose estimated
Jaccard similarity reaches ``settings.minhash_threshold`` are near duplicates.

Example: the same Enab Baladi report republished with another headline → similar ≈ 0.95.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from rasd.text import normalise_key

_SHINGLE = 5
#: datasketch's hashing scheme, pinned so stored signatures stay comparable across versions.
_SCHEME = "affine32"


def minhash_of(body: str, num_perm: int = 128) -> MinHash:
    words = normalise_key(body).split()
    m = MinHash(num_perm=num_perm, scheme=_SCHEME)
    shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes, num_perm: int = 128) -> MinHash:
    return MinHash(num_perm=num_perm, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=_SCHEME)


def similar(a: MinHash, b: MinHash) -> float:
    return float(a.jaccard(b))
