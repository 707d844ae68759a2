"""Deduplication across shards, as distributed steps over the shards' work files.

Three steps, each a Dask computation:

1. **The same report twice** (the same ``doc_id`` in several shards or records): the first in the
   batch's order is kept, as ``rasd run`` stores it once and skips later copies.
2. **Near-duplicate documents**: MinHash LSH banding. Each document's signature is cut into
   ``lsh_bands`` bands of ``lsh_rows`` values; documents sharing a band are candidates, grouped by
   band hash after a shuffle; candidates are checked with the full signatures against
   ``minhash_threshold`` (``rasd.dedup.similar``), and a document is marked a near duplicate of the
   earliest earlier document it matches — what the store records when reports arrive in that order.
3. **One happening in many reports**: events are shuffled into (country, event type) groups and,
   inside each group, replayed in the batch's order through ``rasd.dedup.find_duplicate`` and
   ``rasd.dedup.merge`` with the store's candidate rule (same event type, ±31 days, ±1°, in the order
   the events were first stored). Merges never cross groups (the rules need the same event type,
   and a place within ``event_distance_km``), so the result does not depend on how the work is
   partitioned, and it equals what ``rasd run`` stores for the same reports in the same order.

   Not per ISO week: an event on a Sunday merges with a report of it dated Monday, so week groups
   would split happenings the store merges. The one approximation: two places within
   ``event_distance_km`` on either side of a national border are in different groups.

The batch's order is (shard's position on the command line, record's position in the shard):
``order = shard_index << 32 | record``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from rasd.dedup import find_duplicate, merge, similar
from rasd.dedup.documents import from_bytes
from rasd.models import Event
from rasd.scale.shards import Shard
from rasd.scale.worker import shard_dir
from rasd.settings import Settings

_WINDOW_DAYS = 31  # the store's candidate window (rasd.store.sql: event_date ± 31 days)
_BOX_DEG = 1.0  # the store's candidate box (lat/lon ± 1°)
_RECORD_BITS = 32


def order_of(shard_index: int, record: int) -> int:
    return (shard_index << _RECORD_BITS) | record


@dataclass(frozen=True, slots=True)
class DocumentDecisions:
    """What the document steps decided, for the documents that are not simply kept as they are.

    Both are small (they list duplicates only), so the driver may hold them whatever the batch's size.
    """

    dropped: frozenset[int]  # orders of later copies of a doc_id already seen
    near_duplicate_of: dict[int, str]  # order → doc_id of the earliest earlier near duplicate


# -- reading the work files ------------------------------------------------------------------------


def _doc_keys(shard: Shard, out: str) -> pd.DataFrame:
    t = pq.read_table(
        shard_dir(Path(out), shard) / "documents.parquet", columns=["record", "doc_id", "minhash"]
    )
    df = t.to_pandas()
    df.insert(0, "order", (np.int64(shard.index) << _RECORD_BITS) | df.pop("record").astype("int64"))
    return df.astype({"order": "int64", "doc_id": object, "minhash": object})


def _shard_events(shard: Shard, out: str) -> pd.DataFrame:
    t = pq.read_table(shard_dir(Path(out), shard) / "events.parquet")
    df = t.to_pandas()
    df.insert(0, "order", (np.int64(shard.index) << _RECORD_BITS) | df.pop("record").astype("int64"))
    return df.astype(
        {
            "order": "int64",
            "seq": "int64",
            "doc_id": object,
            "event_id": object,
            "event_type": object,
            "country": object,
            "data": object,
        }
    )


_DOC_META = pd.DataFrame(
    {
        "order": pd.Series(dtype="int64"),
        "doc_id": pd.Series(dtype=object),
        "minhash": pd.Series(dtype=object),
    }
)
_EVENT_META = pd.DataFrame(
    {
        "order": pd.Series(dtype="int64"),
        "seq": pd.Series(dtype="int64"),
        "doc_id": pd.Series(dtype=object),
        "event_id": pd.Series(dtype=object),
        "event_type": pd.Series(dtype=object),
        "country": pd.Series(dtype=object),
        "data": pd.Series(dtype=object),
    }
)
MERGED_META = pd.DataFrame(
    {
        "event_id": pd.Series(dtype=object),
        "country": pd.Series(dtype=object),
        "data": pd.Series(dtype=object),
        "merged": pd.Series(dtype=object),
    }
)


# -- 1 and 2: documents ----------------------------------------------------------------------------


def _band_rows(df: pd.DataFrame, bands: int, rows: int) -> pd.DataFrame:
    """One row per (document, band): the band's hash, so documents sharing a band meet in one group."""
    if df.empty:
        return pd.DataFrame({"bucket": pd.Series(dtype="int64"), "order": pd.Series(dtype="int64")})
    sigs = np.stack([np.frombuffer(b, dtype=np.uint64) for b in df["minhash"]])
    out_bucket = []
    out_order = []
    orders = df["order"].to_numpy()
    for band in range(bands):
        block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        # a 64-bit hash of the band's values, salted by the band number
        h = np.full(len(block), ((band + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
        for col in range(rows):
            h = (h ^ block[:, col]) * np.uint64(0x100000001B3)
        out_bucket.append(h.view(np.int64))
        out_order.append(orders)
    return pd.DataFrame({"bucket": np.concatenate(out_bucket), "order": np.concatenate(out_order)})


def _pairs_in_bucket(g: pd.DataFrame) -> pd.DataFrame:
    """Every (later, earlier) pair of documents that share one band."""
    orders = np.sort(g["order"].to_numpy())
    if len(orders) < 2:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")})
    i, j = np.triu_indices(len(orders), k=1)
    return pd.DataFrame({"a": orders[j], "b": orders[i]})


def _check_pairs(df: pd.DataFrame, num_perm: int, threshold: float) -> pd.DataFrame:
    """Candidate pairs whose full MinHash similarity reaches the threshold (``rasd.dedup.similar``)."""
    keep = [
        similar(from_bytes(x, num_perm), from_bytes(y, num_perm)) >= threshold
        for x, y in zip(df["sig_a"], df["sig_b"], strict=True)
    ]
    return df.loc[keep, ["a", "b", "doc_b"]]


def document_decisions(client: Any, shards: list[Shard], out: str, settings: Settings) -> DocumentDecisions:
    """Later copies of a report to drop, and near duplicates to mark (distributed; see the module doc)."""
    import dask
    import dask.dataframe as dd

    if settings.lsh_bands * settings.lsh_rows > settings.minhash_num_perm:
        raise ValueError("lsh_bands × lsh_rows must not exceed minhash_num_perm")
    with dask.config.set({"dataframe.convert-string": False}):  # signatures are bytes, not text
        return _document_decisions(dd, client, shards, out, settings)


def _document_decisions(dd, client, shards, out, settings) -> DocumentDecisions:
    docs = dd.from_map(_doc_keys, shards, out=out, meta=_DOC_META, enforce_metadata=False)
    first = docs[["doc_id", "order"]].groupby("doc_id")["order"].min().rename("first").reset_index()
    docs = docs.merge(first, on="doc_id", how="left")
    dropped = docs[docs["order"] != docs["first"]]["order"]
    kept = docs[docs["order"] == docs["first"]][["order", "doc_id", "minhash"]]

    buckets = kept.map_partitions(
        _band_rows,
        settings.lsh_bands,
        settings.lsh_rows,
        meta={"bucket": "int64", "order": "int64"},
    )
    pairs = (
        buckets.groupby("bucket")
        .apply(_pairs_in_bucket, meta={"a": "int64", "b": "int64"})
        .reset_index(drop=True)
        .drop_duplicates()
    )
    sig = kept[["order", "minhash", "doc_id"]]
    pairs = pairs.merge(sig.rename(columns={"order": "a", "minhash": "sig_a", "doc_id": "doc_a"}), on="a")
    pairs = pairs.merge(sig.rename(columns={"order": "b", "minhash": "sig_b", "doc_id": "doc_b"}), on="b")
    pairs = pairs[pairs["doc_a"] != pairs["doc_b"]]
    similar_pairs = pairs.map_partitions(
        _check_pairs,
        settings.minhash_num_perm,
        settings.minhash_threshold,
        meta={"a": "int64", "b": "int64", "doc_b": object},
    )
    dropped_s, similar_df = client.compute([dropped, similar_pairs], sync=True)
    near: dict[int, tuple[int, str]] = {}
    for a, b, doc_b in similar_df.itertuples(index=False):
        if a not in near or b < near[a][0]:
            near[int(a)] = (int(b), str(doc_b))
    return DocumentDecisions(
        dropped=frozenset(int(x) for x in dropped_s), near_duplicate_of={a: d for a, (_, d) in near.items()}
    )


# -- 3: events -------------------------------------------------------------------------------------


def _cell(e: Event) -> tuple[int, int, int] | None:
    loc = e.location
    if e.event_date is None or loc is None or loc.lat is None or loc.lon is None:
        return None
    return (e.event_date.toordinal() // _WINDOW_DAYS, math.floor(loc.lat), math.floor(loc.lon))


class _Replay:
    """The store's event loop (``rasd.store.sql``: ``_save_events``) over one group, with an index.

    Events are kept in the order they were first stored; a new event is compared, in that order,
    with the kept events of its type within ±31 days and ±1° (the store's candidate query), and
    ``rasd.dedup.find_duplicate`` decides; the first match is merged with ``rasd.dedup.merge``.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kept: dict[str, Event] = {}
        self.rank: dict[str, int] = {}
        self.merged: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.cells: dict[tuple[int, int, int], set[str]] = defaultdict(set)

    def _index(self, e: Event, add: bool) -> None:
        cell = _cell(e)
        if cell is not None:
            (self.cells[cell].add if add else self.cells[cell].discard)(e.event_id)

    def _candidates(self, e: Event) -> list[Event]:
        cell = _cell(e)
        if cell is None:
            return []
        assert e.event_date is not None and e.location is not None
        lat, lon = e.location.lat, e.location.lon
        lo = (e.event_date - dt.timedelta(days=_WINDOW_DAYS)).toordinal() // _WINDOW_DAYS
        hi = (e.event_date + dt.timedelta(days=_WINDOW_DAYS)).toordinal() // _WINDOW_DAYS
        ids: set[str] = set()
        for t in range(lo, hi + 1):
            for y in range(math.floor(lat - _BOX_DEG), math.floor(lat + _BOX_DEG) + 1):  # type: ignore[operator]
                for x in range(math.floor(lon - _BOX_DEG), math.floor(lon + _BOX_DEG) + 1):  # type: ignore[operator]
                    ids |= self.cells.get((t, y, x), set())
        out = []
        for i in sorted(ids, key=self.rank.__getitem__):
            c = self.kept[i]
            cl = c.location
            if (
                c.event_type == e.event_type
                and c.status != "rejected"
                and c.event_date is not None
                and abs((c.event_date - e.event_date).days) <= _WINDOW_DAYS
                and cl is not None
                and cl.lat is not None
                and cl.lon is not None
                and abs(cl.lat - lat) <= _BOX_DEG  # type: ignore[operator]
                and abs(cl.lon - lon) <= _BOX_DEG  # type: ignore[operator]
            ):
                out.append(c)
        return out

    def add(self, e: Event) -> None:
        if e.event_id in self.kept:
            return  # the same extraction again (the store skips a stored event id)
        dup = find_duplicate(e, self._candidates(e), self.settings)
        if dup is None:
            self.kept[e.event_id] = e
            self.rank[e.event_id] = len(self.rank)
            self._index(e, add=True)
            return
        kept, reason = dup
        combined = merge(kept, e, reason)
        self._index(kept, add=False)
        self.kept[kept.event_id] = combined
        self._index(combined, add=True)
        self.merged[kept.event_id].append((e.event_id, reason))


def merge_group(group: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One (country, event type) group's events, merged in the batch's order."""
    replay = _Replay(settings)
    for data in group.sort_values(["order", "seq"])["data"]:
        replay.add(Event.from_dict(json.loads(data)))
    rows = [
        {
            "event_id": e.event_id,
            "country": e.location.country if e.location and e.location.country else "unknown",
            "data": json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True),
            "merged": json.dumps(replay.merged.get(e.event_id, []), ensure_ascii=False),
        }
        for e in replay.kept.values()
    ]
    return pd.DataFrame(rows, columns=list(MERGED_META.columns)).astype(object)


def merged_events(shards: list[Shard], out: str, settings: Settings, dropped: frozenset[int]):
    """A Dask DataFrame of the batch's events after cross-shard merging (one row per kept event)."""
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.convert-string": False}):
        events = dd.from_map(_shard_events, shards, out=out, meta=_EVENT_META, enforce_metadata=False)
        if dropped:
            events = events[~events["order"].isin(sorted(dropped))]
        return (
            events.groupby(["country", "event_type"])
            .apply(merge_group, settings, meta=MERGED_META)
            .reset_index(drop=True)
        )
