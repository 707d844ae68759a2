"""Fuzzing (hypothesis) of the extractor's entry point and of every reader: nothing escapes but a typed
``RasdError`` — never an OverflowError, a RecursionError, a KeyError. Inputs are built from news-like
fragments written here (numbers of every size, dates, datelines, tags, JSON), mixed with arbitrary text."""

from __future__ import annotations

import contextlib
import gzip
import json

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import rasd
from rasd.errors import RasdError
from rasd.ingest import read_bytes, read_html, read_text
from rasd.ingest.decode import decode_bytes
from rasd.models import Document, Failure

FRAGMENTS = [
    "قصفت",
    "قوات النظام السوري",
    "تنظيم داعش",
    "مقتل",
    "قتلى",
    "جرحى",
    "عشرات",
    "مئات",
    "ألف",
    "مليون",
    "وخمسمئة",
    "بين",
    "إلى",
    "و",
    "-",
    "،",
    ".",
    "\n",
    "\n\n",
    "هجين",
    "دير الزور",
    "ريف حلب الغربي",
    "قرية",
    "أمس",
    "الثلاثاء",
    "27 تشرين الثاني 2018",
    "2018.11.27 | 13:11 دمشق",
    "9999.12.31 | 25:99 دمشق",
    "٢٧/١١/٢٠١٨",
    "بحسب المرصد السوري",
    "«",
    "»",
    "(",
    ")",
    "\u200f",
    "\u0640",
    "ً",
]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.integers(min_value=1, max_value=5000).map(lambda n: "9" * n),
    st.from_regex(r"[0-9٠-٩]{1,4}([.,٬][0-9]{1,4}){0,3}", fullmatch=True),
)
PIECES = st.one_of(st.sampled_from(FRAGMENTS), NUMBERS, st.text(max_size=12))
TEXTS = st.lists(PIECES, max_size=60).map(" ".join)
FUZZ = hsettings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _only_typed(call) -> None:
    with contextlib.suppress(RasdError):
        call()


@FUZZ
@given(text=TEXTS)
def test_extractor_raises_only_typed_errors(resources, text):
    _only_typed(lambda: rasd.extract(text, resources=resources))


@FUZZ
@given(text=TEXTS)
def test_text_reader(settings, text):
    _only_typed(lambda: read_text(text, settings))


TAGS = st.sampled_from(
    [
        "<html>",
        "<head>",
        "<title>",
        "</title>",
        "<article>",
        "<p>",
        "</p>",
        "<figcaption>",
        '<meta property="article:published_time" content="9999-12-31T00:00:00Z">',
        '<meta name="date" content="2018-11-27T13:11:00+02:00">',
        '<time datetime="0001-01-01">',
        "<script>x</script>",
        "<!--",
        "<![CDATA[",
        "&#x10FFFF;",
        "&amp;",
        "<div" * 3,
    ]
)


@FUZZ
@given(parts=st.lists(st.one_of(TAGS, PIECES), max_size=60))
def test_html_reader(settings, parts):
    _only_typed(lambda: read_html("".join(parts), settings))


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20), TEXTS
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
LINES = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(TEXTS, JSON_VALUES),
            "html": st.one_of(TEXTS, JSON_VALUES),
            "url": JSON_VALUES,
            "published_at": st.one_of(
                st.sampled_from(["9999-12-31T23:59:59+14:00", "2018-11-27", "0001-01-01"]), JSON_VALUES
            ),
            "outlet": JSON_VALUES,
        },
    ).map(json.dumps),
    st.text(max_size=40),
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),
)


def _drain(data: bytes, name: str, settings) -> None:
    """A reader of many records must yield Documents and Failures, and never raise."""
    for item in read_bytes(data, name, settings):
        assert isinstance(item, Document | Failure)


@FUZZ
@given(lines=st.lists(LINES, max_size=6), gz=st.booleans())
def test_jsonl_reader(settings, lines, gz):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _drain(gzip.compress(data) if gz else data, "fuzz.jsonl.gz" if gz else "fuzz.jsonl", settings)


WARC_PARTS = st.sampled_from(
    [
        b"WARC/1.0\r\n",
        b"WARC-Type: response\r\n",
        b"WARC-Type: request\r\n",
        b"WARC-Target-URI: http://example.org/a\r\n",
        b"Content-Type: application/http; msgtype=response\r\n",
        b"Content-Length: 40\r\n",
        b"Content-Length: 99999999999999999999\r\n",
        b"\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n",
        "<p>قصفت قوات النظام بلدة هجين</p>".encode(),
        b"\x1f\x8b\x08\x00",
    ]
)


@FUZZ
@given(parts=st.lists(st.one_of(WARC_PARTS, st.binary(max_size=30)), max_size=25), gz=st.booleans())
def test_warc_reader(settings, parts, gz):
    data = b"".join(parts)
    _drain(gzip.compress(data) if gz else data, "fuzz.warc", settings)


FEED_PARTS = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        "<rss><channel><title>موقع</title>",
        "<item><title>قصف</title><link>http://example.org/1</link>",
        "<description>&lt;p&gt;قصفت قوات النظام بلدة هجين&lt;/p&gt;</description>",
        "<pubDate>Tue, 31 Dec 9999 23:59:59 +1400</pubDate>",
        "<pubDate>not a date</pubDate>",
        "</item>",
        "</channel></rss>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
        "</content></entry></feed>",
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    ]
)


@FUZZ
@given(parts=st.lists(st.one_of(FEED_PARTS, PIECES), max_size=25))
def test_feed_reader(settings, parts):
    _drain("".join(parts).encode("utf-8", "surrogatepass"), "fuzz.rss", settings)


@FUZZ
@given(
    data=st.binary(max_size=300), name=st.sampled_from(["x.txt", "x.html", "x", "x.gz", "x.xml", "x.json"])
)
def test_any_bytes_under_any_name(settings, data, name):
    _drain(data, name, settings)
    _only_typed(lambda: decode_bytes(data, name))
