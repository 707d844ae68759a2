import uuid

import pytest
import sqlalchemy as sa

from rasd.store.sql import SqlStore, engine_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, settings):
    """A real store: a SQLite file, or a fresh database on the real PostgreSQL server."""
    if request.param == "sqlite":
        s = SqlStore(f"sqlite:///{tmp_path / 'rasd.sqlite'}", settings)
    else:
        base = request.getfixturevalue("pg_url")
        name = "t_" + uuid.uuid4().hex[:12]
        admin = sa.create_engine(engine_url(base), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}")
        s = SqlStore(base.rsplit("/", 1)[0] + "/" + name, settings)
    yield s
    s.close()
