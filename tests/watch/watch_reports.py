"""Reports written for the watch tests (never text from the real-text corpus), and feed/page builders."""

from __future__ import annotations

# Reports written for these tests (never text from the real-text corpus).
STRIKE_MAYADIN = (
    "قالت شبكات محلية إن طائرات التحالف الدولي شنت غارة على مواقع تنظيم الدولة في مدينة الميادين "
    "شرق دير الزور يوم الجمعة، ما أسفر عن مقتل خمسة مدنيين بينهم طفلان."
)
CLASH_HAJIN = (
    "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر تنظيم الدولة في بلدة هجين بريف دير الزور "
    "الشرقي صباح الأحد، بحسب ما أفاد مراسلون محليون."
)
SHELLING_SARAQIB = (
    "قصفت قوات النظام السوري بالمدفعية الثقيلة أطراف مدينة سراقب في ريف إدلب الشرقي مساء الخميس، "
    "ما أدى إلى مقتل امرأتين وجرح آخرين من المدنيين، وفق ما ذكرت شبكات محلية."
)
PROTEST_SUWAYDA = (
    "نظم مئات من أهالي مدينة السويداء وقفة احتجاجية سلمية في ساحة الكرامة يوم الجمعة للمطالبة بالإفراج "
    "عن المعتقلين وتحسين الأوضاع المعيشية."
)


def page(title: str, body: str, published: str = "2024-03-01T10:00:00+02:00") -> str:
    return (
        f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><nav>الرئيسية</nav><article><h1>{title}</h1><p>{body}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def rss(items: list[dict]) -> str:
    """An RSS 2.0 feed; each item has title, link, and either summary or content (content:encoded)."""
    out = []
    for it in items:
        parts = [f"<title>{it['title']}</title>", f"<link>{it['link']}</link>", f"<guid>{it['link']}</guid>"]
        parts.append(f"<pubDate>{it.get('date', 'Fri, 01 Mar 2024 08:00:00 GMT')}</pubDate>")
        if "summary" in it:
            parts.append(f"<description>{it['summary']}</description>")
        if "content" in it:
            parts.append(f"<content:encoded><![CDATA[<p>{it['content']}</p>]]></content:encoded>")
        out.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>شبكة اختبار</title>'
        "<link>http://127.0.0.1/</link><description>اختبار</description>" + "".join(out) + "</channel></rss>"
    )
