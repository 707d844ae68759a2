"""Cost per KB of one long report (1 MB) against short ones (10 KB): reading should be linear in length.

Reports are generated (``corpus.py``), paragraph after paragraph until the size is reached, and read with the
body-size limit raised (``max_body_chars`` refuses a 1 MB body by default). Every repetition reads reports it has
not read before (a fresh batch of ten 10 KB reports, a fresh 1 MB report): reading the same text again would be
served partly by caches keyed on the text, which favour the short report and are not what a stream of new
reports gets.
"""

from __future__ import annotations

import itertools

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings

BATCH = 10  # short reports per repetition


def _report(size: int, seed: int) -> str:
    head = "icon\nتقرير مطول\n\n2018.11.27 | 13:11 دمشق\n\nتلفزيون سوريا - متابعات\n\n"
    paras: list[str] = []
    n = len(head.encode("utf-8"))
    for text in text_corpus(max(4, size // 1500), seed=seed):
        for para in text.split("\n\n")[3:]:
            paras.append(para.strip())
            n += len(para.encode("utf-8")) + 2
            if n >= size:
                return head + "\n\n".join(paras) + "\n"
    return head + "\n\n".join(paras) + "\n"


def bench(reporter) -> None:
    settings = Settings.load().replace(max_body_chars=4_000_000)
    res = load_resources(settings)
    seeds = itertools.count(1000)
    for size, name, count in ((10 * 1024, "10 KB report", BATCH), (1024 * 1024, "1 MB report", 1)):
        batch: list = []

        def fresh(size=size, count=count, batch=batch) -> None:
            batch[:] = [read_text(_report(size, next(seeds)), settings) for _ in range(count)]

        def fn(batch=batch) -> int:
            for doc in batch:
                process_document(doc, res)
            return sum(len(doc.body.encode("utf-8")) // 1024 for doc in batch)

        reporter.measure(
            "length",
            name,
            fn,
            unit="KB",
            baseline="10 KB report" if size > 10 * 1024 else None,
            memory=size <= 10 * 1024,
            repeats=3,
            setup=fresh,
        )
