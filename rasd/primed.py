"""Zero-argument loaders of data files whose results a process may receive ready-made.

``@loader`` replaces ``functools.lru_cache(maxsize=1)`` on functions that parse a data file (actors,
outlets, clitic, date and number tables, place-ness words). It keeps their once-per-process result, and
also lets ``rasd.kb.cache`` hand every such result over from its disk cache (``prime``) so a new process
does not parse the YAML again — parsing is most of a cold start once the automaton is cached.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_LOADERS: dict[str, Callable[[], Any]] = {}
_VALUES: dict[str, Any] = {}


def loader(fn: Callable[[], T]) -> Callable[[], T]:
    """Cache ``fn()`` for the process, under the name ``module.qualname`` (see the module docstring)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper() -> T:
        if name not in _VALUES:
            _VALUES[name] = fn()
        return _VALUES[name]

    _LOADERS[name] = wrapper
    return wrapper


def loaded() -> dict[str, Any]:
    """Every registered loader's result (running those not run yet), by name."""
    return {name: load() for name, load in sorted(_LOADERS.items())}


def prime(values: dict[str, Any]) -> None:
    """Take results loaded elsewhere (the disk cache) as these loaders' results, unless already loaded."""
    for name, value in values.items():
        _VALUES.setdefault(name, value)
