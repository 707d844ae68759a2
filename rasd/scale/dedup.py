"""Deduplication across shards, as distributed steps over the shards' work files.

Three steps, each a Dask computation:

1. **The same report twice** (the same ``doc_id`` in several shards or records): the first in the
   batch's order is kept, as ``rasd run`` stores it once and skips later copies.
2. **Near-duplicate documents**: MinHash LSH banding. Each document's signature is cut into
   ``lsh_bands`` bands of ``lsh_rows`` values; documents sharing a band are candidates, grouped by
   band hash after a shuffle; candidates are checked with the full signatures against
   ``minhash_threshold`` (``rasd.dedup.similar``), and a document is marked a near duplicate of the
   most similar earlier document it matches (ties: the smallest ``doc_id``) — what the store records
   when the reports arrive in that order.
3. **One happening in many reports**: events are shuffled into (country, event type) groups and,
   inside each group, replayed in the batch's order through ``rasd.dedup.find_duplicate`` and
   ``rasd.dedup.merge`` with the store's candidate rule (same event type, ±31 days, ±1°; the best
   match wins). Merges never cross groups (the rules need the same event type,
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
from rasd.scale import schema
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
    near_duplicate_of: dict[int, str]  # order → doc_id of the most similar earlier document


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
        "row": pd.Series(dtype=object),
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


def _pairs_in_buckets(df: pd.DataFrame) -> pd.DataFrame:
    """Every (later, earlier) pair of documents that share a band, within one shuffled partition.

    Most buckets hold one document; only the others are expanded (a groupby-apply per bucket would
    cost a Python call for every document and band).
    """
    sizes = df.groupby("bucket")["order"].transform("size")
    shared = df[sizes > 1].sort_values(["bucket", "order"])
    a_out: list[np.ndarray] = []
    b_out: list[np.ndarray] = []
    for _, orders in shared.groupby("bucket", sort=False)["order"]:
        o = orders.to_numpy()
        i, j = np.triu_indices(len(o), k=1)
        a_out.append(o[j])
        b_out.append(o[i])
    if not a_out:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")})
    pairs = pd.DataFrame({"a": np.concatenate(a_out), "b": np.concatenate(b_out)})
    return pairs.drop_duplicates()


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
    docs = client.persist(docs)
    # 1. the same doc_id more than once: only those few doc_ids come back to the driver
    per_id = (
        docs[["doc_id", "order"]].groupby("doc_id")["order"].agg(["min", "count"], split_out=docs.npartitions)
    )
    repeated = client.compute(per_id[per_id["count"] > 1]["min"], sync=True)
    dropped: frozenset[int] = frozenset()
    if len(repeated):
        later = docs[docs["doc_id"].isin(list(repeated.index)) & ~docs["order"].isin(list(repeated))]
        dropped = frozenset(int(x) for x in client.compute(later["order"], sync=True))
        docs = docs[~docs["order"].isin(sorted(dropped))]
    # 2. documents sharing a band meet after one shuffle by band hash; only candidate pairs come back
    buckets = docs.map_partitions(
        _band_rows, settings.lsh_bands, settings.lsh_rows, meta={"bucket": "int64", "order": "int64"}
    )
    pairs = client.compute(
        buckets.shuffle("bucket").map_partitions(_pairs_in_buckets, meta={"a": "int64", "b": "int64"}),
        sync=True,
    ).drop_duplicates()
    # the most similar earlier document (ties: the smallest doc_id), as the store chooses
    best: dict[int, tuple[float, str]] = {}
    if len(pairs):
        members = sorted(set(pairs["a"]) | set(pairs["b"]))
        sigs = client.compute(docs[docs["order"].isin(members)], sync=True).set_index("order")
        for a, b in pairs.itertuples(index=False):
            doc_a, doc_b = sigs.at[a, "doc_id"], sigs.at[b, "doc_id"]
            if doc_a == doc_b:
                continue
            x = from_bytes(sigs.at[a, "minhash"], settings.minhash_num_perm)
            y = from_bytes(sigs.at[b, "minhash"], settings.minhash_num_perm)
            sim = similar(x, y)
            if sim >= settings.minhash_threshold and (
                a not in best or (-sim, doc_b) < (-best[a][0], best[a][1])
            ):
                best[int(a)] = (sim, str(doc_b))
    near = {a: d for a, (_, d) in best.items()}
    return DocumentDecisions(dropped=dropped, near_duplicate_of=near)


# -- 3: events -------------------------------------------------------------------------------------


def _cell(e: Event) -> tuple[int, int, int] | None:
    loc = e.location
    if e.event_date is None or loc is None or loc.lat is None or loc.lon is None:
        return None
    return (e.event_date.toordinal() // _WINDOW_DAYS, math.floor(loc.lat), math.floor(loc.lon))


class _Replay:
    """The store's event loop (``rasd.store.sql``: ``_save_events``) over one group, with an index.

    Each new event, in the batch's order, is compared with the kept events of its type within ±31
    days and ±1° (the store's candidate query, found through a grid of 31-day, 1° cells);
    ``rasd.dedup.find_duplicate`` picks the best match and ``rasd.dedup.merge`` combines the two.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kept: dict[str, Event] = {}
        self.merged: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.merged_ids: set[str] = set()
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
        for i in sorted(ids):  # the store's candidate order (event id); find_duplicate picks the best anyway
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
        if e.event_id in self.kept or e.event_id in self.merged_ids:
            return  # the same extraction again (the store skips an event id it stored or merged)
        dup = find_duplicate(e, self._candidates(e), self.settings)
        if dup is None:
            self.kept[e.event_id] = e
            self._index(e, add=True)
            return
        kept, reason = dup
        combined = merge(kept, e, reason)
        self._index(kept, add=False)
        self.kept[kept.event_id] = combined
        self._index(combined, add=True)
        self.merged[kept.event_id].append((e.event_id, reason))
        self.merged_ids.add(e.event_id)


def merge_group(group: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One (country, event type) group's events, merged in the batch's order, as rows of the
    published ``events`` dataset (JSON; an event no other was merged into keeps its original JSON)."""
    replay = _Replay(settings)
    raw: dict[str, str] = {}
    for event_id, data in group.sort_values(["order", "seq"])[["event_id", "data"]].itertuples(index=False):
        raw.setdefault(event_id, data)
        replay.add(Event.from_dict(json.loads(data)))
    rows = []
    for e in replay.kept.values():
        merged = replay.merged.get(e.event_id, [])
        row = schema.event_row(e, merged, data=None if merged else raw[e.event_id])
        row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
        rows.append(
            {"event_id": e.event_id, "country": row["country"], "row": json.dumps(row, ensure_ascii=False)}
        )
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
