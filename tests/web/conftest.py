"""A real rasd server for the web tests: `rasd run` fills a SQLite file, `rasd serve` serves it on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
OUTPUT = ROOT / "test-output" / "web"
CHROMIUM = "/usr/bin/chromium"
REVIEWER, PASSWORD = "analyst-browser", "a long passphrase for tests"


class Server(str):
    """The server's base URL (a str, as before) that also carries a reviewer's API token for httpx calls."""

    token: str
    db: str
    env: dict

    def __new__(cls, base: str, token: str, db: str = "", env: dict | None = None) -> Server:
        s = super().__new__(cls, base)
        s.token, s.db, s.env = token, db, env or {}
        return s

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def login(page, name: str = REVIEWER, password: str = PASSWORD) -> None:
    """Sign in through the page's own form, as an analyst does."""
    page.click("#btn-login")
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    page.click("#login-submit")
    page.wait_for_selector("#account-name")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, settings, sample_path):
    """Base URL of `rasd serve` over a store holding the sample's events and two other reports' events."""
    folder = tmp_path_factory.mktemp("web")
    db = f"sqlite:///{folder / 'web.sqlite'}"
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    reports = [
        sample_path,
        FIXTURES / "enab-baladi-2023-10-05-idlib-shelling.txt",
        FIXTURES / "rudaw-2022-08-14-sinjar-drone.txt",
    ]
    subprocess.run(
        [sys.executable, "-m", "rasd", "run", *map(str, reports), "--db", db],
        env=env,
        check=True,
        capture_output=True,
    )
    for name, role in ((REVIEWER, "reviewer"), ("viewer-only", "viewer")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rasd",
                "users",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                "--db",
                db,
            ],
            env=env,
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
    token = subprocess.run(
        [sys.executable, "-m", "rasd", "users", "token", REVIEWER, "--db", db],
        env=env,
        text=True,
        check=True,
        capture_output=True,
    ).stdout.strip()
    with serving(db, env) as base:
        yield Server(base, token, db, env)


@contextlib.contextmanager
def serving(db: str, env: dict, *options: str):
    """`rasd serve` on a free loopback port over ``db`` until the block ends; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rasd", "serve", "--db", db, "--port", str(port), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"rasd serve did not start: {proc.stderr.read().decode(errors='replace')}")
        time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download: executablePath)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page on the map, recording every request, console error and CSP violation."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP ' + e.violatedDirective));"
    )
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield pg
    context.close()
