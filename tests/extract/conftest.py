import pytest


@pytest.fixture(scope="session")
def extract(resources):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from rasd.coding.api import extract_events

    default = dt.datetime(2023, 5, 14, 10, 0, tzinfo=ZoneInfo("Asia/Damascus"))

    def run(text, published=None):
        return extract_events(text, published_at=published or default, resources=resources)

    return run
