"""Deduplication: near-duplicate documents (MinHash) and one happening reported by many outlets.

Pure functions: ``find_duplicate(event, candidates, settings)`` says which stored
event (if any) a new one describes, and why; ``merge(kept, new, reason)`` returns
the combined event.
"""

from rasd.dedup.documents import minhash_of, similar
from rasd.dedup.events import find_duplicate, merge

__all__ = ["find_duplicate", "merge", "minhash_of", "similar"]
