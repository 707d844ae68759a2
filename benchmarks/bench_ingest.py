"""Ingest + normalisation over generated HTML reports, next to trafilatura alone on the same pages."""

from __future__ import annotations

import trafilatura
from corpus import html_corpus

from rasd.ingest import read_html
from rasd.settings import Settings
from rasd.text import normalise

N = 1000


def bench(reporter) -> None:
    pages = html_corpus(N)
    settings = Settings.load()

    def trafilatura_alone() -> int:
        for page in pages:
            trafilatura.bare_extraction(page, with_metadata=True)
        return len(pages)

    def rasd_ingest() -> int:
        for i, page in enumerate(pages):
            doc = read_html(page, settings, source_uri=f"https://www.syria.tv/{i}")
            normalise(doc.body)
        return len(pages)

    reporter.measure("ingest", "trafilatura alone", trafilatura_alone)
    reporter.measure("ingest", "rasd ingest+normalise", rasd_ingest, baseline="trafilatura alone")
