"""Who says so (the chain outlet → cited sources) and how it is said (modality).

Example: ``"وأوضحت صفحة \\"صوت وصورة\\" أن المفاوضات تجري"`` → [Syria TV, Sawt wa Sura], modality ongoing.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.coding.triggers import might_hold, phrase_in
from rasd.kb.lexicon import Lexicon
from rasd.models import Document, Evidence, Mention, SourceRef
from rasd.text.segments import Segment

_MODALITY_ORDER = ("failed", "denied", "claimed", "planned", "conditional", "ongoing")


def modality(seg: Segment, lex: Lexicon, doc_id: str) -> tuple[str, Evidence | None]:
    """The first modality cue in the segment (failure and denial outrank the rest), else "reported"."""
    cues = _all_cues(lex)
    if not cues or not might_hold(seg.norm.text, cues):
        return "reported", None  # one pass for the cues of every mode: most segments hold none
    for mode in _MODALITY_ORDER:
        hit = _cue(seg.norm.text, lex.modality.get(mode, ()))
        if hit:
            a, b = seg.norm.to_original(hit[1], hit[2])
            return mode, Evidence("modality", seg.start + a, seg.start + b, doc_id, seg.text[a:b])
    return "reported", None


@lru_cache(maxsize=4)
def _all_cues(lex: Lexicon) -> frozenset[str]:
    """The cues of every mode as one list, once per lexicon (hashed by identity)."""
    return frozenset().union(*(lex.modality.get(m, ()) for m in _MODALITY_ORDER))


#: words before "إذا" that make it "whether" (``وما إذا كان قتلى قد سقطوا``، ``عما إذا``): a question, no condition
_WHETHER = frozenset({"ما", "وما", "عما", "وعما", "فيما"})


def _cue(norm_text: str, cues) -> tuple[str, int, int] | None:
    """The first of ``cues`` in ``norm_text`` that is one: "إذا" after "ما" asks whether, it sets no condition."""
    at = 0
    while (hit := phrase_in(norm_text[at:], cues)) is not None:
        word, a, b = hit[0], hit[1] + at, hit[2] + at
        before = norm_text[max(0, a - 6) : a].split()[-1:]
        if not (word == "اذا" and before and before[0] in _WHETHER):
            return word, a, b
        at = b
    return None


def sources(doc: Document, cited: list[Mention], kb) -> tuple[SourceRef, ...]:
    """The outlet first, then each distinct cited source in text order."""
    chain: list[SourceRef] = []
    if doc.outlet:
        chain.append(SourceRef(doc.outlet, doc.outlet_id, "outlet"))
    seen: set[str] = set()
    for m in cited:
        if m.kb_id in seen:
            continue
        seen.add(m.kb_id)
        src = kb.get(m.kb_id) if m.kb_id in kb else None
        chain.append(
            SourceRef(
                src.name_en if src else m.surface,
                m.kb_id,
                (src.source_kind if src else None) or "source",
                m.start,
                m.end,
            )
        )
    return tuple(chain)
