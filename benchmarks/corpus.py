"""Generated Arabic reports for benchmarks: varied actors, places, numbers and chrome."""

from __future__ import annotations

import random

ACTORS = [
    "قوات النظام السوري",
    "قوات سوريا الديمقراطية",
    "تنظيم الدولة",
    "التحالف الدولي",
    "هيئة تحرير الشام",
    "الجيش الوطني السوري",
    "الحشد الشعبي",
    "الجيش العراقي",
    "القوات الروسية",
    "الجيش التركي",
]
PLACES = [
    "هجين",
    "الميادين",
    "البوكمال",
    "دير الزور",
    "الرقة",
    "منبج",
    "إدلب",
    "سراقب",
    "الموصل",
    "تلعفر",
    "القائم",
    "عفرين",
    "درعا",
    "حلب",
    "الحسكة",
    "القامشلي",
    "الباب",
    "جرابلس",
    "تدمر",
    "السخنة",
]
VERBS = ["قصفت", "استهدفت", "هاجمت", "اشتبكت مع", "سيطرت على", "انسحبت من", "شنت غارات على"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول"]
SOURCES = [
    "ذكرت شبكات محلية",
    "قال ناشطون",
    "أفاد مراسل",
    "وفق ما ذكرت وكالة تاس",
    "حسب المرصد السوري لحقوق الإنسان",
]


def report_text(i: int, rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(ACTORS, 2)
    place = rng.choice(PLACES)
    title = f"{rng.choice(VERBS).split()[0]} في {place}: {a} و{b}"
    paras = []
    for _ in range(rng.randint(3, 7)):
        n = rng.randint(2, 60)
        paras.append(
            f"{rng.choice(SOURCES)}، أن {a} {rng.choice(VERBS)} مواقع {b} في محيط {rng.choice(PLACES)} "
            f"شرق {place}، في {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2023)}، "
            f"ما أسفر عن مقتل {n} شخصاً وإصابة {n + rng.randint(1, 20)} آخرين، بينهم مدنيون (تقرير {i})."
        )
    return title, "\n\n".join(paras)


def html_page(i: int, rng: random.Random) -> str:
    title, body = report_text(i, rng)
    ps = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title} | تلفزيون سوريا</title>"
        f"<meta property='og:site_name' content='تلفزيون سوريا'>"
        f"<meta property='article:published_time' content='2018-11-{1 + i % 28:02d}T13:11:00+02:00'></head>"
        f"<body><nav><a href='/'>الرئيسية</a><a href='/news'>أخبار</a></nav><div class='share'>مشاركة</div>"
        f"<article><h1>{title}</h1><div class='font'>+A حجم الخط -A</div>{ps}"
        f"<figure><img src='x.jpg'><figcaption>صورة من {rng.choice(PLACES)} (أرشيف - إنترنت)</figcaption></figure>"
        f"</article><aside>الأكثر قراءة</aside><footer>جميع الحقوق محفوظة © 2024</footer></body></html>"
    )


def html_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [html_page(i, rng) for i in range(n)]


def text_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title, body = report_text(i, rng)
        out.append(
            f"icon\n{title}\n\n2018.11.{1 + i % 28:02d} | 13:11 دمشق\n\nتلفزيون سوريا - متابعات\n+A\nحجم الخط\n-A\n\n{body}\n"
        )
    return out
