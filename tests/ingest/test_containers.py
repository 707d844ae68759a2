"""WARC archives, RSS/Atom feeds and directories."""

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.ingest import read
from rasd.models import Document, Failure

PAGE = (
    "<html><head><title>{t}</title><meta property='article:published_time' content='2019-03-01T10:00:00+02:00'>"
    "</head><body><article><h1>{t}</h1><p>{p}</p><p>{p}</p></article></body></html>"
)
PARA = (
    "قصفت طائرات التحالف الدولي مواقع لتنظيم الدولة في بلدة الباغوز شرقي دير الزور، وفق ما ذكرت شبكات محلية."
)


def _warc(path: Path) -> None:
    with path.open("wb") as out:
        w = WARCWriter(out, gzip=True)
        for i, ctype in enumerate(
            ["text/html; charset=utf-8", "image/jpeg", "text/html; charset=windows-1256"]
        ):
            html = PAGE.format(t=f"غارات على الباغوز {i}", p=PARA + f" ({i})")
            data = html.encode("cp1256" if "1256" in ctype else "utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(
                f"https://www.syria.tv/news/{i}", "response", payload=io.BytesIO(data), http_headers=headers
            )
            w.write_record(rec)
        w.write_record(
            w.create_warc_record(
                "https://www.syria.tv/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


def test_warc_html_responses(tmp_path, settings):
    p = tmp_path / "crawl.warc.gz"
    _warc(p)
    items = list(read([p], settings))
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.source_uri for d in docs] == ["https://www.syria.tv/news/0", "https://www.syria.tv/news/2"]
    assert all(d.outlet_id == "syria-tv" and "الباغوز" in d.body for d in docs)
    assert docs[1].published_at.year == 2019


def test_broken_warc_is_one_failure(tmp_path, settings):
    p = tmp_path / "broken.warc"
    p.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n" + b"\x00garbage" * 10)
    items = list(read([p], settings))
    assert items and all(isinstance(i, Failure) for i in items)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>عنب بلدي</title><link>https://www.enabbaladi.net</link>
<item><title>اشتباكات في ريف حلب</title><link>https://www.enabbaladi.net/1</link>
<pubDate>Tue, 27 Nov 2018 11:11:00 GMT</pubDate>
<description><![CDATA[<p>اندلعت اشتباكات بين فصائل الجيش الوطني السوري وقوات سوريا الديمقراطية على أطراف مدينة منبج شرقي حلب.</p>]]></description></item>
<item><title>فارغ</title><link>https://www.enabbaladi.net/2</link><description></description></item>
<item><title>مظاهرة في إدلب</title><link>https://www.enabbaladi.net/3</link>
<description>خرج مئات المتظاهرين في مدينة إدلب للمطالبة بالإفراج عن المعتقلين، بحسب ناشطين محليين في المدينة.</description></item>
</channel></rss>"""


def test_rss_items(tmp_path, settings):
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    items = list(read([p], settings))
    docs = [d for d in items if isinstance(d, Document)]
    fails = [f for f in items if isinstance(f, Failure)]
    assert [d.title for d in docs] == ["اشتباكات في ريف حلب", "مظاهرة في إدلب"]
    assert docs[0].published_at.isoformat() == "2018-11-27T11:11:00+00:00"
    assert docs[0].outlet_id == "enab-baladi" and "منبج" in docs[0].body
    assert len(fails) == 1 and fails[0].source == "https://www.enabbaladi.net/2"


def test_directory_recursive_and_glob(tmp_path, settings, sample_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "s.txt").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a" / "feed.rss").write_text(RSS, encoding="utf-8")
    docs = [d for d in read([tmp_path / "a"], settings) if isinstance(d, Document)]
    assert len(docs) == 3
    globbed = [d for d in read([str(tmp_path / "a" / "**" / "*.txt")], settings) if isinstance(d, Document)]
    assert len(globbed) == 1 and globbed[0].outlet_id == "syria-tv"
