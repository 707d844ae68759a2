"""Scale out on Dask: ``rasd batch`` (shards in, deduplicated Parquet datasets out) and ``rasd load``.

``run_batch(shards, out, settings, client)`` is the batch; ``dask_client(settings, ...)`` connects to
a scheduler or starts a local cluster; ``load_dataset(out, store)`` puts a batch's datasets into a
store. Each worker runs the same reading pipeline as ``rasd run`` (``rasd.pipeline.process_document``)
and the same merge rules (``rasd.dedup``).
"""

from rasd.scale.batch import BatchSummary, run_batch
from rasd.scale.cluster import dask_client

__all__ = ["BatchSummary", "dask_client", "run_batch"]
