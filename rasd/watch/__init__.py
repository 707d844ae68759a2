"""Live monitoring: sources polled on their own intervals, new reports coded within minutes.

``load_config(path)`` reads and validates a sources file; ``Watcher(config, store, res)``
polls it (``run_round`` once, ``run`` until stopped); ``source_health(engine)`` says how
each source is doing. Alerting on what is stored lives in ``rasd.alerts``.

Names are imported on first use: ``rasd.alerts`` and ``rasd.watch`` use each other's
modules, and eager imports here would make that a cycle.
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES = {
    "ConfigError": "rasd.watch.yamlcheck",
    "RoundSummary": "rasd.watch.watcher",
    "SourceSpec": "rasd.watch.config",
    "WatchConfig": "rasd.watch.config",
    "Watcher": "rasd.watch.watcher",
    "load_config": "rasd.watch.config",
    "parse_config": "rasd.watch.config",
    "source_health": "rasd.watch.health",
}
__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name]), name)
    raise AttributeError(f"module 'rasd.watch' has no attribute {name!r}")
