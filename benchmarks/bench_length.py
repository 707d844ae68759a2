"""Cost per KB of one long report (1 MB) against a short one (10 KB): reading should be linear in length.

Both are generated reports (``corpus.py``) joined paragraph after paragraph until the size is reached,
read with the body-size limit raised (``max_body_chars`` refuses a 1 MB body by default).
"""

from __future__ import annotations

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings


def _report(size: int) -> str:
    head = "icon\nتقرير مطول\n\n2018.11.27 | 13:11 دمشق\n\nتلفزيون سوريا - متابعات\n\n"
    paras: list[str] = []
    n = len(head.encode("utf-8"))
    for text in text_corpus(max(4, size // 1500), seed=21):
        for para in text.split("\n\n")[3:]:
            paras.append(para.strip())
            n += len(para.encode("utf-8")) + 2
            if n >= size:
                return head + "\n\n".join(paras) + "\n"
    return head + "\n\n".join(paras) + "\n"


def bench(reporter) -> None:
    settings = Settings.load().replace(max_body_chars=4_000_000)
    res = load_resources(settings)
    for size, name in ((10 * 1024, "10 KB report"), (1024 * 1024, "1 MB report")):
        text = _report(size)
        kb = len(text.encode("utf-8")) // 1024
        doc = read_text(text, settings)

        def fn(doc=doc, kb=kb) -> int:
            process_document(doc, res)
            return kb

        reporter.measure(
            "length",
            name,
            fn,
            unit="KB",
            baseline="10 KB report" if size > 10 * 1024 else None,
            memory=size <= 10 * 1024,
            repeats=3,
        )
