"""Reports written for these tests (no publisher's text): happenings in Syria and Iraq, each told by
one to three outlets in their own words, so that a happening can be split across shards."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

# (place, governorate phrase) pairs the gazetteer knows
PLACES = [
    ("سراقب", "في ريف إدلب الشرقي"),
    ("معرة النعمان", "جنوبي إدلب"),
    ("هجين", "شرقي دير الزور"),
    ("الميادين", "في ريف دير الزور"),
    ("منبج", "شمال شرقي حلب"),
    ("الرقة", "شمالي سوريا"),
    ("درعا", "جنوبي سوريا"),
    ("تلعفر", "غرب الموصل"),
    ("القائم", "غربي الأنبار"),
    ("الباب", "في ريف حلب الشمالي"),
]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول"]
NUMBERS = {2: "اثنين", 3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة"}

# each kind: several wordings of one happening; {place} {gov} {day} {month} {n} {n_word}
KINDS = {
    "shelling": [
        "قصفت قوات النظام السوري مدينة {place} {gov} يوم {day} {month} 2019، ما أسفر عن مقتل {n} مدنيين، بحسب ما أفاد ناشطون.",
        "أفاد مراسل بأن {n_word} مدنيين قتلوا جراء قصف مدفعي لقوات النظام السوري على {place} {gov} في {day} {month} 2019.",
        "قال الدفاع المدني إن قصفاً صاروخياً من قوات النظام السوري استهدف أحياء {place} يوم {day} {month} 2019 وأدى إلى مقتل {n} أشخاص.",
    ],
    "airstrike": [
        "شن طيران التحالف الدولي غارات جوية على بلدة {place} {gov} في {day} {month} 2019، وقالت شبكات محلية إن الغارات أدت إلى مقتل {n} أشخاص.",
        "ذكرت مصادر محلية أن طائرات التحالف الدولي قصفت مواقع في {place} {gov} يوم {day} {month} 2019، ما أدى إلى مقتل {n} عناصر.",
    ],
    "arrest": [
        "اعتقلت قوات سوريا الديمقراطية عشرة شبان في مدينة {place} يوم {day} {month} 2019 بتهمة التعامل مع تنظيم الدولة.",
        "شنت قوات سوريا الديمقراطية حملة دهم في {place} {gov} في {day} {month} 2019 واعتقلت عدداً من الشبان، حسب ناشطين.",
    ],
    "protest": [
        "تظاهر مئات من أهالي مدينة {place} يوم {day} {month} 2019 احتجاجاً على حملات الاعتقال وتردي الخدمات.",
        "خرج عشرات المحتجين في مظاهرة وسط {place} {gov} في {day} {month} 2019 للمطالبة بالإفراج عن المعتقلين.",
    ],
    "clashes": [
        "اندلعت اشتباكات عنيفة بين قوات النظام السوري وهيئة تحرير الشام على أطراف {place} {gov} في {day} {month} 2019، قتل فيها {n} مقاتلين.",
        "قال المرصد السوري لحقوق الإنسان إن {n_word} مقاتلين قتلوا في اشتباكات بين هيئة تحرير الشام وقوات النظام السوري قرب {place} يوم {day} {month} 2019.",
    ],
}
OUTLETS = ["تلفزيون سوريا", "عنب بلدي", "شبكة شام", "المدن", "الحرة"]


def happenings(n: int, seed: int = 5) -> list[dict]:
    """``n`` happenings, each with its kind, place, date and toll."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = rng.choice(sorted(KINDS))
        place, gov = PLACES[i % len(PLACES)]
        toll = rng.randint(2, 7)
        out.append(
            {
                "id": i,
                "kind": kind,
                "place": place,
                "gov": gov,
                "day": 1 + (i * 3) % 27,
                "month": MONTHS[(i // 9) % len(MONTHS)],
                "n": toll,
                "n_word": NUMBERS[toll],
            }
        )
    return out


def report(h: dict, version: int) -> dict:
    """One outlet's report of happening ``h`` (``version`` picks the wording and the outlet)."""
    wordings = KINDS[h["kind"]]
    body = wordings[version % len(wordings)].format(**h)
    outlet = OUTLETS[(h["id"] + version) % len(OUTLETS)]
    closing = f"وأضاف المصدر أن الوضع في {h['place']} بقي متوتراً حتى ساعة إعداد هذا الخبر (رقم {h['id']}-{version})."
    return {
        "text": f"{body}\n\n{closing}",
        "outlet": outlet,
        "published_at": "2019-01-01T12:00:00+02:00",
        "url": f"https://example.org/{h['id']}/{version}",
    }


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def write_warc(path: Path, rows: list[dict]) -> Path:
    """HTML response records (gzipped per record when the name ends in .gz)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        for r in rows:
            paras = "".join(f"<p>{p}</p>" for p in r["text"].split("\n\n"))
            html = (
                f"<html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>خبر</title>"
                f"<meta property='article:published_time' content='{r['published_at']}'></head>"
                f"<body><article><h1>خبر من {r['outlet']}</h1>{paras}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    r["url"], "response", payload=io.BytesIO(html), http_headers=headers
                )
            )
    return path


def write_pages(directory: Path, rows: list[dict]) -> Path:
    """A directory of page-text dumps, one report a file."""
    directory.mkdir(parents=True, exist_ok=True)
    for i, r in enumerate(rows):
        (directory / f"page-{i:03d}.txt").write_text(f"{r['outlet']}\n\n{r['text']}\n", encoding="utf-8")
    return directory
