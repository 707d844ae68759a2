"""One ``Settings`` object, built at the edges (CLI, API, batch runners) and passed down.

No other module reads the environment: stages receive what they need as arguments.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.errors import StoreError

_ENV = {
    "RASD_DB": "db_url",
    "RASD_CACHE_DIR": "cache_dir",
    "RASD_GAZETTEER": "gazetteer_path",
    "RASD_ALLOWED_HOSTS": "allowed_hosts",
}


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = "sqlite:///rasd.sqlite"
    cache_dir: str = "~/.cache/rasd"
    gazetteer_path: str | None = None
    max_input_bytes: int = 32 * 1024 * 1024
    default_timezone: str = "Asia/Damascus"
    min_body_chars: int = 40
    min_confidence: float = 0.0
    minhash_threshold: float = 0.8
    minhash_num_perm: int = 128
    #: LSH banding for ``rasd batch``'s cross-shard near-duplicate step (bands × rows ≤ minhash_num_perm).
    lsh_bands: int = 25
    lsh_rows: int = 5
    event_distance_km: float = 10.0
    host: str = "127.0.0.1"
    port: int = 8765
    max_request_bytes: int = 2 * 1024 * 1024
    # trust: input bounds, accounts, request checks (see defaults.toml)
    max_body_chars: int = 300_000
    max_decompressed_bytes: int = 4 * 1024**3
    max_decompression_ratio: float = 100.0
    max_json_depth: int = 64
    document_time_budget_s: float = 60.0
    write_batch: int = 16
    read_requires_login: bool = False
    allowed_hosts: str = ""
    session_hours: float = 12.0
    # live feed of the page (see defaults.toml [live])
    live_poll_seconds: float = 1.0
    live_stream_seconds: float = 60.0

    @property
    def cache_path(self) -> Path:
        return Path(self.cache_dir).expanduser()

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults file, then ``RASD_*`` variables from ``env``, then non-None overrides.

        Pass ``env=os.environ`` at an edge; tests pass a dict or nothing.
        """
        values: dict[str, Any] = {}
        text = resources.files("rasd").joinpath("defaults.toml").read_text(encoding="utf-8")
        for section in tomllib.loads(text).values():
            values.update(section)
        for var, name in _ENV.items():
            if env and env.get(var):
                values[name] = env[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db_url" in values:
            values["db_url"] = db_url(values["db_url"])
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


#: URL schemes ``--db``/``RASD_DB`` accept as they are (SQLAlchemy's, with or without a driver).
_DB_SCHEMES = ("sqlite", "postgresql", "postgres")


def db_url(value: str) -> str:
    """A store URL from what a user typed for ``--db`` or ``RASD_DB``: a URL, or a plain file path.

    Analysts type a path (``my.sqlite``, ``./data/x.db``, ``~/rasd.db``) far more often than a
    SQLAlchemy URL, so a value without ``://`` is a SQLite file, made absolute so the message that names
    it (and a server started elsewhere) means the same file. ``postgres://`` (Heroku's spelling) becomes
    ``postgresql://``.

    Raises:
        StoreError: an empty value, or a URL whose scheme is neither SQLite nor PostgreSQL (named).

    Example: ``db_url("data/x.db")`` → ``"sqlite:////home/me/data/x.db"``.
    """
    text = str(value).strip()
    if not text:
        raise StoreError("empty: give a file path (rasd.sqlite) or a URL (postgresql://…)", "--db", "bad-db")
    if "://" not in text:
        if text == ":memory:":
            return "sqlite://"
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    scheme = text.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in _DB_SCHEMES:
        raise StoreError(
            f"unknown scheme {scheme!r}: give a file path or a sqlite:/// or postgresql:// URL",
            text,
            "bad-db",
        )
    if scheme == "postgres":
        return "postgresql" + text[len("postgres") :]
    return text


def from_environment(**overrides: Any) -> Settings:
    """Settings for an edge process (CLI, server): defaults, env, then flags."""
    return Settings.load(env=os.environ, **overrides)
