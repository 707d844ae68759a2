"""Shared fixtures: settings, a real SQLite file store, and a real PostgreSQL server.

PostgreSQL: if ``RASD_TEST_PG_URL`` is set it is used; otherwise, when Debian's
server binaries are installed (``.ci/run`` installs them), a throw-away cluster is
initialised in a temp dir and started on a free loopback port for the session.
Tests marked ``postgres`` are skipped only when neither is possible.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from rasd.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_TXT = (
    Path(__file__).resolve().parents[1] / "rasd" / "data" / "examples" / "syria-tv-2018-11-27-deir-ez-zor.txt"
)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def pg_url():
    """URL of a real PostgreSQL database for this test session."""
    if os.environ.get("RASD_TEST_PG_URL"):
        yield os.environ["RASD_TEST_PG_URL"]
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (install Debian 'postgresql', as .ci/run does)")
    run_as: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="rasd-pg-"))
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as the 'postgres' system user
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and no 'postgres' user to own the cluster")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", _free_port()
    subprocess.run(
        [
            *run_as,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(tmp / "log"),
            "-w",
            "-o",
            f"-h 127.0.0.1 -p {port} -k {tmp} -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        for _ in range(50):
            r = subprocess.run(
                [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True
            )
            if r.returncode == 0:
                break
            time.sleep(0.1)
        subprocess.run(
            [
                str(bindir / "createdb") if (bindir / "createdb").exists() else "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "rasd_test",
            ],
            check=True,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/rasd_test"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(tmp, ignore_errors=True)
