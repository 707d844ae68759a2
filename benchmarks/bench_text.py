"""The text layer's scans over generated report bodies, each next to the way it replaced: dates and numbers tried
only where one may start (``rasd.text.anchored``) against their full pattern at every position, and
normalisation by replacing the few characters a text changes against one ``str.translate`` pass.

The pairs find the same things (tests in ``tests/text``); the ratios say what the faster form is worth.
"""

from __future__ import annotations

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.settings import Settings
from rasd.text import normalise
from rasd.text.anchored import anchored_matches
from rasd.text.dates import _tables as date_tables
from rasd.text.normalise import _mapped, _table
from rasd.text.numbers import _tables as number_tables

N = 500


def bench(reporter) -> None:
    settings = Settings.load()
    bodies = [read_text(t, settings).body for t in text_corpus(N, seed=11)]
    norms = [normalise(b).text for b in bodies]
    dates, numbers = date_tables(), number_tables()

    def scan_all(pattern):
        def run() -> int:
            for text in norms:
                list(pattern.finditer(text))
            return N

        return run

    def scan_anchored(tables):
        def run() -> int:
            for text in norms:
                anchored_matches(tables.anchors, tables.pattern, text)
            return N

        return run

    table = _table(True, False)

    def translated() -> int:
        for body in bodies:
            body.translate(table[0])
        return N

    def replaced() -> int:
        for body in bodies:
            _mapped(body)
        return N

    reporter.measure("text", "dates: pattern at every position", scan_all(dates.pattern))
    reporter.measure(
        "text",
        "dates: only where one may start",
        scan_anchored(dates),
        baseline="dates: pattern at every position",
    )
    reporter.measure("text", "numbers: pattern at every position", scan_all(numbers.pattern))
    reporter.measure(
        "text",
        "numbers: only where one may start",
        scan_anchored(numbers),
        baseline="numbers: pattern at every position",
    )
    reporter.measure("text", "normalise: str.translate", translated)
    reporter.measure("text", "normalise: replace what changes", replaced, baseline="normalise: str.translate")
