"""The batch's manifest (``DIR/manifest.json``): which shards are done, and what was published.

Rewritten whole and atomically (write aside, then ``os.replace``) after every shard, so a killed
batch leaves either the old or the new manifest. It also holds the settings that shape the results:
a rerun with other thresholds into the same directory is refused rather than mixed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import RasdError
from rasd.settings import Settings

MANIFEST = "manifest.json"
#: The settings that change what a batch produces (paths, servers and ports do not).
_RESULT_SETTINGS = (
    "max_input_bytes",
    "default_timezone",
    "min_body_chars",
    "min_confidence",
    "minhash_threshold",
    "minhash_num_perm",
    "lsh_bands",
    "lsh_rows",
    "event_distance_km",
)


class BatchError(RasdError):
    """A batch cannot go on (its output directory belongs to another batch, or is in use)."""

    code = "batch"


def settings_fingerprint(settings: Settings) -> str:
    from rasd import __version__

    values = {name: getattr(settings, name, None) for name in _RESULT_SETTINGS}
    values["rasd"] = __version__
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Manifest:
    path: Path
    settings: str
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)
    published: dict[str, Any] | None = None

    @classmethod
    def open(cls, out: Path, settings: Settings) -> Manifest:
        """The manifest of ``out``, or a new one; refuses a directory written with other settings."""
        path = out / MANIFEST
        fp = settings_fingerprint(settings)
        if not path.exists():
            return cls(path=path, settings=fp)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise BatchError(f"unreadable manifest: {e}", source=str(path)) from e
        if data.get("settings") != fp:
            raise BatchError(
                "this directory holds a batch made with other settings or another rasd version; "
                "use a new --out directory",
                source=str(out),
                code="settings-changed",
            )
        return cls(path=path, settings=fp, shards=data.get("shards", {}), published=data.get("published"))

    def save(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        body = {"version": 1, "settings": self.settings, "shards": self.shards, "published": self.published}
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
