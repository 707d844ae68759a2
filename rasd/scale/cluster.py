"""Connecting to Dask: an existing scheduler by address, or a local cluster of worker processes.

Workers are processes with one thread each: rasd's reading is pure Python, so threads would share
one interpreter lock. Every worker gets the ``PreloadResources`` plugin, so it loads rasd's
knowledge bases once, when it starts.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

from rasd.scale.worker import PreloadResources
from rasd.settings import Settings

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def dask_client(
    settings: Settings, *, scheduler: str | None = None, workers: int | None = None, preload: bool = True
) -> Iterator[object]:
    """A ``distributed.Client``: to ``scheduler`` if given, else to a new local cluster of ``workers``
    processes (default: one per core), closed on exit."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        if preload:
            client.register_plugin(PreloadResources(settings))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
