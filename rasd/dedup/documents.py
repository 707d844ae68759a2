"""Near-duplicate documents: syndicated copies and light edits of one report.

A MinHash of word 5-shingles of the normalised body; two bodies whose estimated
Jaccard similarity reaches ``settings.minhash_threshold`` are near duplicates.

Example: the same Enab Baladi report republished with another headline → similar ≈ 0.95.
"""

from __future__ import annotations

import hashlib

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


#: LSH banding of stored signatures (the store's ``document_bands``): 25 bands of 5 values, as ``rasd batch``
#: uses by default. Fixed here, not a setting, because the bands are stored: a store must be banded one way.
#: Two documents sharing a band are compared exactly; a pair at similarity 0.8 shares one with probability
#: 0.99995, at 0.9 with 1 − 2·10⁻¹⁰, at 0.2 with 0.008, so lookups stay few whatever the store holds.
LSH_BANDS = 25
LSH_ROWS = 5


def band_hashes(signature: bytes | np.ndarray | MinHash) -> list[tuple[int, int]]:
    """(band, signed 64-bit hash of that band's values) for each LSH band of a MinHash signature."""
    if isinstance(signature, MinHash):
        signature = signature.hashvalues
    values = np.frombuffer(signature, dtype=np.uint64) if isinstance(signature, bytes) else signature
    values = np.asarray(values, dtype=np.uint64)
    out = []
    for band in range(LSH_BANDS):
        chunk = values[band * LSH_ROWS : (band + 1) * LSH_ROWS].tobytes()
        out.append(
            (band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
        )
    return out


def similar(a: MinHash, b: MinHash) -> float:
    return float(a.jaccard(b))
