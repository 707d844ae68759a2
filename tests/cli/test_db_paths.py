"""``--db`` and ``RASD_DB`` take plain paths as well as URLs; reading commands refuse a missing store by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.errors import StoreError
from rasd.settings import Settings, db_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
REPORT = FIXTURES / "rudaw-2022-08-14-sinjar-drone.txt"


def test_db_url_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert db_url("my.sqlite") == f"sqlite:///{tmp_path / 'my.sqlite'}"
    assert db_url("./data/x.db") == f"sqlite:///{tmp_path / 'data' / 'x.db'}"
    assert db_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert db_url("~/r.db") == f"sqlite:///{Path('~/r.db').expanduser()}"
    assert db_url("sqlite:///rel.sqlite") == "sqlite:///rel.sqlite"
    assert db_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db_url("postgres://u@h/d") == "postgresql://u@h/d"
    with pytest.raises(StoreError, match="mysql"):
        db_url("mysql://u@h/d")
    with pytest.raises(StoreError, match="empty"):
        db_url("  ")


def test_rasd_db_plain_path_in_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Settings.load(env={"RASD_DB": "events.db"})
    assert s.db_url == f"sqlite:///{tmp_path / 'events.db'}"


@pytest.fixture()
def env(settings, monkeypatch):
    monkeypatch.setenv("RASD_CACHE_DIR", settings.cache_dir)
    monkeypatch.delenv("RASD_DB", raising=False)
    return os.environ


def test_run_and_export_with_plain_paths(tmp_path, monkeypatch, env):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(app, ["run", str(REPORT), "--db", "data.sqlite"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "data.sqlite").is_file()
    for form in (
        "data.sqlite",
        "./data.sqlite",
        str(tmp_path / "data.sqlite"),
        f"sqlite:///{tmp_path}/data.sqlite",
    ):
        r = runner.invoke(app, ["export", "--db", form, "--format", "jsonl"])
        assert r.exit_code == 0, (form, r.output)
        assert len(r.stdout.splitlines()) == 1, form
    monkeypatch.setenv("RASD_DB", "data.sqlite")
    r = runner.invoke(app, ["export", "--format", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 1


def test_reading_commands_refuse_a_missing_store(tmp_path, monkeypatch, env):
    monkeypatch.chdir(tmp_path)
    for argv in (
        ["export", "--db", "typo.sqlite"],
        ["serve", "--db", "sqlite:///typo.sqlite", "--port", "1"],
    ):
        r = CliRunner().invoke(app, argv)
        assert isinstance(r.exception, StoreError), argv
        assert r.exception.code == "no-store" and r.exception.source == str(tmp_path / "typo.sqlite")
    assert not (tmp_path / "typo.sqlite").exists()  # nothing was created
    # through the real entry point: one line on stderr naming the path, exit 2
    p = subprocess.run(
        [sys.executable, "-m", "rasd", "export", "--db", "nowhere/typo.db"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2 and p.stdout == ""
    assert f"{tmp_path / 'nowhere' / 'typo.db'}: no such store" in p.stderr
    assert "Traceback" not in p.stderr


def test_bad_scheme_is_a_usage_error(env):
    r = CliRunner().invoke(app, ["export", "--db", "mysql://u@h/d"])
    assert r.exit_code == 2 and "mysql" in r.output


def test_users_commands_other_than_add_refuse_a_missing_store(tmp_path):
    """`rasd users list` on a mistyped path must not create an empty store and report "no accounts"."""
    import subprocess
    import sys
    from pathlib import Path

    missing = tmp_path / "typo.sqlite"
    rasd = Path(sys.executable).with_name("rasd")
    r = subprocess.run([str(rasd), "users", "list", "--db", str(missing)], capture_output=True, text=True)
    assert r.returncode == 2 and "no such store" in r.stderr and str(missing) in r.stderr
    assert not missing.exists()
