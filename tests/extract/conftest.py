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


@pytest.fixture(scope="session")
def explain(resources):
    """``explain(text)`` → the events and the dropped drafts with their reasons, for a report published on
    2024-03-12 with no zone (the report's own places set its country)."""
    import datetime as dt

    from rasd.coding.api import explain_events

    published_default = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)

    def run(text, published=None):
        return explain_events(text, published_at=published or published_default, resources=resources)

    return run
