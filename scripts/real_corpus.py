"""Build and check the real-text corpus: publishers' texts in a git-ignored cache, annotations in the repo.

    python scripts/real_corpus.py add --url URL --query Q --text FILE
    python scripts/real_corpus.py finalise DRAFT.json --out tests/gold/real-NAME.jsonl
    python scripts/real_corpus.py check tests/gold/real-*.jsonl

The rules for annotating are in docs/annotation.md. A draft is a JSON list of records in the annotation format,
except that evidence is given as quotes of the text (``"trigger": "قصف جوي"`` or ``["قصف جوي", 2]`` for the
second occurrence); ``finalise`` turns every quote into ``[start, end]`` offsets so that no text is committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CACHE = GOLD / "real-cache"
EXCLUDE = ROOT.parent / "shared" / "eval-exclude.txt"

sys.path.insert(0, str(ROOT))
from rasd.kb.lexicon import TAXONOMY  # noqa: E402

MODALITIES = {"reported", "claimed", "denied", "failed", "planned", "ongoing", "conditional"}
NO_EVENT_KINDS = {
    "sports", "election", "economy", "accident", "disaster", "history", "court", "opinion", "statement",
    "exercise", "related-links", "crime", "other",
}  # fmt: skip
EVIDENCE_FIELDS = {"trigger", "location", "actor1", "actor2", "fatalities", "date"}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def excluded() -> set[str]:
    if not EXCLUDE.exists():
        sys.exit(f"error: {EXCLUDE} not found: cannot check the blind set's exclusions")
    return {ln.strip() for ln in EXCLUDE.read_text().splitlines() if ln.strip() and not ln.startswith("#")}


def add(url: str, query: str, text_file: Path) -> None:
    text = text_file.read_text(encoding="utf-8").rstrip("\n")
    excl = excluded()
    if sha(url) in excl or sha(text) in excl:
        sys.exit(f"EXCLUDED: {url} is kept aside for the blind evaluation; do not use it")
    if len(text.strip()) < 80:
        sys.exit(f"error: {text_file}: text too short ({len(text)} chars)")
    CACHE.mkdir(parents=True, exist_ok=True)
    digest = sha(text)
    (CACHE / f"{digest}.txt").write_text(text, encoding="utf-8")
    index = CACHE / "index.jsonl"
    with index.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"sha256": digest, "url": url, "query": query}, ensure_ascii=False) + "\n")
    print(json.dumps({"sha256": digest, "chars": len(text), "url": url}, ensure_ascii=False))


def _offset(text: str, quote, where: str) -> list[int]:
    nth = 1
    if isinstance(quote, list):
        quote, nth = quote[0], int(quote[1])
    if not isinstance(quote, str) or not quote:
        raise ValueError(f"{where}: evidence must be a quote string or [quote, n]")
    pos = -1
    for _ in range(nth):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"{where}: quote {quote!r} (occurrence {nth}) not found in the text")
    return [pos, pos + len(quote)]


def _check_event(e: dict, where: str) -> None:
    et, st = e.get("event_type"), e.get("sub_event_type")
    if et not in TAXONOMY or st not in TAXONOMY[et]:
        raise ValueError(f"{where}: {et!r} / {st!r} is not an ACLED type and sub-type")
    if not e.get("actor1"):
        raise ValueError(f"{where}: actor1 is required (Unidentified Armed Group (Country) when unnamed)")
    loc = e.get("location")
    if not isinstance(loc, dict) or not loc.get("name"):
        raise ValueError(f"{where}: location with a name is required")
    if loc.get("lat") is None and loc.get("parent_lat") is None:
        raise ValueError(f"{where}: location needs lat/lon, or parent with parent_lat/parent_lon")
    if e.get("modality", "reported") not in MODALITIES:
        raise ValueError(f"{where}: modality {e.get('modality')!r}")
    if int(e.get("time_precision", 1)) not in (1, 2, 3) or not e.get("event_date"):
        raise ValueError(f"{where}: event_date and time_precision 1-3 are required")
    f = e.get("fatalities")
    if not isinstance(f, dict) or not isinstance(f.get("min"), int):
        raise ValueError(f"{where}: fatalities {{min, max}} with an integer min is required")


def finalise(draft: Path, out: Path) -> None:
    records = json.loads(draft.read_text(encoding="utf-8"))
    if isinstance(records, dict):
        records = [records]
    excl = excluded()
    existing = set()
    for p in GOLD.glob("real-*.jsonl"):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                existing.add(json.loads(line)["sha256"])
    done = []
    for r in records:
        digest = r["sha256"]
        where = f"{draft}:{r.get('id', digest[:8])}"
        path = CACHE / f"{digest}.txt"
        if not path.exists():
            raise SystemExit(f"{where}: no cached text {path.name}: run `add` first")
        text = path.read_text(encoding="utf-8")
        if sha(text) != digest or sha(r["url"]) in excl or digest in excl:
            raise SystemExit(f"{where}: hash mismatch or excluded page")
        if digest in existing:
            print(f"skip {where}: already annotated", file=sys.stderr)
            continue
        if r.get("no_event_kind") and r["no_event_kind"] not in NO_EVENT_KINDS:
            raise SystemExit(f"{where}: no_event_kind {r['no_event_kind']!r}")
        try:
            for i, e in enumerate(r.get("events", [])):
                _check_event(e, f"{where} event {i}")
                ev = e.pop("evidence", {}) or {}
                bad = set(ev) - EVIDENCE_FIELDS
                if bad:
                    raise ValueError(f"{where} event {i}: unknown evidence fields {sorted(bad)}")
                e["evidence"] = {k: _offset(text, q, f"{where} event {i} {k}") for k, q in ev.items()}
        except ValueError as err:
            raise SystemExit(str(err)) from err
        rec = {
            "id": r["id"],
            "doc": f"real-cache/{digest}.txt",
            "sha256": digest,
            "chars": len(text),
            "url": r["url"],
            "found_by": r.get("found_by") or {"corpus": "pages", "query": r.get("query", "")},
            "published_at": r["published_at"],
            "published_basis": r.get("published_basis", "assumed"),
            "country": r["country"],
            "no_event_kind": r.get("no_event_kind") if not r.get("events") else None,
            "events": r.get("events", []),
        }
        done.append(rec)
        existing.add(digest)
    with out.open("a", encoding="utf-8") as f:
        for rec in done:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(done)} records appended to {out}")


def check(files: list[Path]) -> int:
    excl = excluded()
    seen_sha, seen_url, problems, n = {}, {}, 0, 0
    for p in files:
        for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            n += 1
            r = json.loads(line)
            where = f"{p.name}:{lineno}"
            path = CACHE / f"{r['sha256']}.txt"
            if not path.exists():
                print(f"{where}: missing cached text (re-create it from {r['url']})")
                problems += 1
            elif sha(path.read_text(encoding="utf-8")) != r["sha256"]:
                print(f"{where}: cached text does not match its hash")
                problems += 1
            if sha(r["url"]) in excl or r["sha256"] in excl:
                print(f"{where}: EXCLUDED page {r['url']}")
                problems += 1
            for key, seen in ((r["sha256"], seen_sha), (r["url"], seen_url)):
                if key in seen:
                    print(f"{where}: duplicate of {seen[key]}")
                    problems += 1
                seen[key] = where
    print(f"{n} records, {problems} problems")
    return 1 if problems else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add")
    a.add_argument("--url", required=True)
    a.add_argument("--query", required=True)
    a.add_argument("--text", required=True, type=Path)
    f = sub.add_parser("finalise")
    f.add_argument("draft", type=Path)
    f.add_argument("--out", required=True, type=Path)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()
    if args.cmd == "add":
        add(args.url, args.query, args.text)
    elif args.cmd == "finalise":
        finalise(args.draft, args.out)
    else:
        sys.exit(check(args.files))


if __name__ == "__main__":
    main()
