"""Fixtures for the watch tests: loopback servers and reports written for these tests."""

from __future__ import annotations

import pytest

from tests.watch.watch_servers import MailSink, Receiver, Site, serve_receiver, serve_site


@pytest.fixture()
def site():
    s = Site()
    server = serve_site(s)
    yield s
    server.shutdown()


@pytest.fixture()
def receiver():
    r = Receiver()
    server = serve_receiver(r)
    yield r
    server.shutdown()


@pytest.fixture()
def mail_sink():
    with MailSink() as sink:
        yield sink
