"""Backups of a store and their restore: SQLite's online backup API, PostgreSQL's pg_dump/pg_restore.

Both are consistent while ``rasd run`` or ``rasd serve`` keep writing: SQLite's backup copies one
snapshot page by page; ``pg_dump`` reads one transaction snapshot. A backup is written beside its target
and renamed into place only once complete and checked, so a failed backup never leaves a half file that
looks whole. Restoring refuses to overwrite a store that holds documents unless forced.

Example: ``backup("sqlite:///rasd.sqlite", Path("rasd-2024-05-01.sqlite"))`` then
``restore(Path("rasd-2024-05-01.sqlite"), "sqlite:///restored.sqlite")``.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from rasd.errors import StoreError

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PGDUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    backend: str  # sqlite | postgresql
    bytes: int


def _sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :].split("?", 1)[0]
        return Path(path) if path and path != ":memory:" else None
    return None


def _libpq_url(url: str) -> str:
    """``postgresql+psycopg://…`` (SQLAlchemy) → ``postgresql://…`` (libpq, for pg_dump)."""
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme.startswith(("postgresql", "postgres")):
        raise StoreError("not a PostgreSQL URL", source=url, code="bad-url")
    return "postgresql://" + rest


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise StoreError(
            f"{name} is not installed (Debian package postgresql-client)", source=name, code="no-tool"
        )
    return found


def backup(url: str, out: Path, *, force: bool = False) -> BackupResult:
    """Write a consistent copy of the store at ``url`` to ``out``.

    Raises:
        StoreError: ``out`` exists (without ``force``), the store cannot be read, or the tool fails.
    """
    if out.exists() and not force:
        raise StoreError("the backup file exists (use --force to replace it)", source=str(out), code="exists")
    tmp = out.with_name(f".{out.name}.partial")
    tmp.unlink(missing_ok=True)
    path = _sqlite_path(url)
    try:
        if path is not None:
            if not path.exists():
                raise StoreError("no such SQLite file", source=url, code="not-found")
            _sqlite_copy(path, tmp)
            _sqlite_check(tmp)
            backend = "sqlite"
        else:
            _run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}", _libpq_url(url)], url
            )
            backend = "postgresql"
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult(out, backend, out.stat().st_size)


def restore(backup_file: Path, url: str, *, force: bool = False) -> str:
    """Restore ``backup_file`` (from ``backup``) into the store at ``url``; returns the backend.

    Raises:
        StoreError: an unknown or mismatched backup format, a target that holds documents (without
            ``force``), or the tool fails.
    """
    try:
        head = backup_file.open("rb").read(16)
    except OSError as e:
        raise StoreError(
            f"cannot read the backup: {e.strerror}", source=str(backup_file), code="not-found"
        ) from e
    path = _sqlite_path(url)
    if head.startswith(_SQLITE_MAGIC):
        if path is None:
            raise StoreError("a SQLite backup restores into a sqlite:/// URL", source=url, code="mismatch")
        _sqlite_check(backup_file)
        if not force and _holds_documents(url):
            raise StoreError(
                "the target store holds documents (use --force to replace them)", source=url, code="exists"
            )
        _sqlite_copy(backup_file, path)
        return "sqlite"
    if head.startswith(_PGDUMP_MAGIC):
        if path is not None:
            raise StoreError(
                "a pg_dump backup restores into a postgresql:// URL", source=url, code="mismatch"
            )
        if not force and _holds_documents(url):
            raise StoreError(
                "the target store holds documents (use --force to replace them)", source=url, code="exists"
            )
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_libpq_url(url)}",
                str(backup_file),
            ],
            url,
        )
        return "postgresql"
    raise StoreError(
        "not a rasd backup (neither SQLite nor pg_dump custom format)",
        source=str(backup_file),
        code="bad-backup",
    )


def _sqlite_copy(src: Path, dst: Path) -> None:
    """SQLite's online backup: a consistent snapshot even while others write ``src``."""
    s = d = None
    try:
        s = sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        d = sqlite3.connect(dst, timeout=30)
        s.backup(d, pages=1024)
    except sqlite3.Error as e:
        raise StoreError(f"SQLite backup failed: {e}", source=str(src)) from e
    finally:
        for conn in (s, d):
            if conn is not None:
                conn.close()


def _sqlite_check(path: Path) -> None:
    try:
        c = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error as e:
        raise StoreError(f"not a readable SQLite file: {e}", source=str(path), code="bad-backup") from e
    if ok != "ok":
        raise StoreError(f"integrity check failed: {ok}", source=str(path), code="bad-backup")


def _holds_documents(url: str) -> bool:
    from rasd.store.sql import engine_url

    path = _sqlite_path(url)
    if path is not None and not path.exists():
        return False
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as c:
            if not sa.inspect(c).has_table("documents"):
                return False
            return c.execute(sa.text("SELECT count(*) FROM documents")).scalar_one() > 0
    except sa.exc.SQLAlchemyError as e:
        raise StoreError(f"cannot open the target store: {e.__class__.__name__}", source=url) from e
    finally:
        engine.dispose()


def _run(cmd: list[str], source: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        tool = Path(cmd[0]).name
        raise StoreError(f"{tool} failed: {done.stderr.strip()[-500:]}", source=source, code="tool-failed")
