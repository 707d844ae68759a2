import pytest


@pytest.fixture(scope="session")
def written_places():
    """``written_places(text)`` → each event's place as the text writes it, for a report of 2024-05-09."""
    import datetime as dt

    import rasd

    day = dt.datetime(2024, 5, 9, 12, tzinfo=dt.UTC)

    def run(text: str) -> list[str]:
        return [
            e.location.name_as_written for e in rasd.extract(text, published_at=day) if e.location is not None
        ]

    return run
