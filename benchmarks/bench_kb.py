"""Knowledge bases: gazetteer build/load, matcher build, matching throughput (MB/s), resolution."""

from __future__ import annotations

import tempfile
from pathlib import Path

from corpus import text_corpus

from rasd.geo import resolve
from rasd.ingest import read_text
from rasd.kb.actors import load_actors
from rasd.kb.gazetteer import Gazetteer, build_gazetteer, load_gazetteer
from rasd.kb.match import build_matcher, find_mentions
from rasd.settings import Settings

N_DOCS = 2000


def bench(reporter) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    path = tmp / "gaz.sqlite"
    reporter.measure("kb", "gazetteer build", lambda: sum(build_gazetteer(path).values()), unit="places")
    holder: dict = {}

    def load() -> int:
        holder["g"] = Gazetteer(path)
        return 1

    reporter.measure("kb", "gazetteer load", load, unit="loads")
    gaz = holder["g"]
    actors = load_actors()

    def build() -> int:
        holder["m"] = build_matcher(actors, gaz)
        return holder["m"].patterns

    reporter.measure("kb", "matcher build", build, unit="patterns")
    matcher = holder["m"]
    settings = Settings.load()
    docs = [read_text(t, settings) for t in text_corpus(N_DOCS)]
    mb = sum(len(d.body.encode("utf-8")) for d in docs) / 2**20

    def normalise_only() -> int:
        from rasd.text import normalise

        for d in docs:
            normalise(d.body)
        return N_DOCS

    def match() -> int:
        for d in docs:
            find_mentions(d.body, matcher)
        return N_DOCS

    base = reporter.measure("kb", "normalise only", normalise_only)
    r = reporter.measure("kb", "match (gazetteer + actors)", match, baseline="normalise only")
    r.extra["MB/s"] = f"{mb / r.seconds:.1f}"
    base.extra["MB/s"] = f"{mb / base.seconds:.1f}"
    mentions = [find_mentions(d.body, matcher) for d in docs]

    def geocode() -> int:
        for d, m in zip(docs, mentions, strict=True):
            resolve(d, m, gaz, settings)
        return N_DOCS

    reporter.measure("kb", "resolve places", geocode, baseline="match (gazetteer + actors)")
    bench_real_density(reporter)


def _sample_body() -> str:
    from pathlib import Path

    text = (
        Path(__file__).resolve().parents[1] / "rasd/data/examples/syria-tv-2018-11-27-deir-ez-zor.txt"
    ).read_text(encoding="utf-8")
    return read_text(text, Settings.load()).body


def bench_real_density(reporter) -> None:
    """The same matcher on real news text (the bundled sample, repeated to 10 MB): real entity density."""
    settings = Settings.load()
    matcher = build_matcher(load_actors(), load_gazetteer(settings))
    body = _sample_body()
    big = "\n\n".join([body] * max(1, (10 * 2**20) // len(body.encode("utf-8"))))
    mb = len(big.encode("utf-8")) / 2**20
    r = reporter.measure(
        "kb",
        "match real text (sample ×N, one 10 MB text)",
        lambda: len(find_mentions(big, matcher)),
        unit="mentions",
    )
    r.extra["MB/s"] = f"{mb / r.seconds:.1f}"
