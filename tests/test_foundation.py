"""The shared contract: settings, model round-trips, errors naming their input, a real PostgreSQL."""

import datetime as dt

import sqlalchemy as sa

from rasd.errors import IngestError
from rasd.models import ActorRef, Event, Evidence, Fatalities, Place
from rasd.settings import Settings


def test_settings_env_and_overrides():
    s = Settings.load(env={"RASD_DB": "sqlite:///x.db"}, port=9999)
    assert s.db_url == "sqlite:///x.db" and s.port == 9999
    assert Settings.load().db_url.startswith("sqlite:///")


def test_event_round_trip():
    ev = Event(
        event_id="e1",
        doc_ids=("d1",),
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date=dt.date(2018, 10, 31),
        time_precision=3,
        actor1=ActorRef("isis", "Islamic State", "تنظيم الدولة", 2),
        location=Place("هجين", "Hajin", 1, 34.69, 40.83, "Deir ez-Zor", None, "SY"),
        fatalities=Fatalities(12, 12, None, True),
        evidence=(Evidence("event_type", 3, 9, "d1"),),
    )
    back = Event.from_dict(ev.to_dict())
    assert back == ev


def test_error_names_its_input():
    e = IngestError("not a report", source="x.html")
    assert "x.html" in str(e) and e.code == "ingest"


def test_postgres_is_real(pg_url):
    eng = sa.create_engine(pg_url)
    with eng.connect() as c:
        assert "PostgreSQL" in c.execute(sa.text("select version()")).scalar()
