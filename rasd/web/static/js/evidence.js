// The source report with every field's evidence highlighted in the field's own colour.
// Spans are code-point offsets into Document.body (Python's str indices), so the text is cut by
// code points, not UTF-16 units: an emoji before a span must not shift the highlight.

export const EVENT_COLORS = {
  Battles: "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  Protests: "#2ca02c",
  Riots: "#8c564b",
  "Strategic developments": "#1f77b4",
};

export const FIELD_COLORS = {
  event_type: "#ffd54f",
  sub_event_type: "#fff176",
  actor1: "#81d4fa",
  assoc_actor1: "#b3e5fc",
  actor2: "#f48fb1",
  assoc_actor2: "#f8bbd0",
  location: "#a5d6a7",
  event_date: "#ffcc80",
  fatalities: "#ef9a9a",
  civilian_targeting: "#ce93d8",
  attribution: "#b0bec5",
  modality: "#80cbc4",
};

/** The highlight colour of an evidence field (a stable fallback for fields added later). */
export function fieldColor(field) {
  if (FIELD_COLORS[field]) return FIELD_COLORS[field];
  let h = 0;
  for (const ch of field) h = (h * 31 + ch.codePointAt(0)) % 360;
  return `hsl(${h} 70% 80%)`;
}

/**
 * Cut ``text`` at every span boundary: each piece lists the fields whose spans cover it.
 * Spans outside the text or empty are ignored, so a stale offset cannot break the page.
 */
export function segments(text, spans) {
  const cps = Array.from(text);
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= cps.length && s.start < s.end);
  const cuts = new Set([0, cps.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const fields = [...new Set(valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.field))];
    out.push({ start: a, end: b, text: cps.slice(a, b).join(""), fields });
  }
  return out;
}

/**
 * Fill ``container`` with the report: plain text nodes, and a <mark> per highlighted piece.
 * Only textContent is ever set, so a hostile report renders as text, never as HTML.
 */
export function renderArticle(container, body, spans, labelOf) {
  container.replaceChildren();
  for (const seg of segments(body, spans)) {
    if (!seg.fields.length) {
      container.append(document.createTextNode(seg.text));
      continue;
    }
    const mark = document.createElement("mark");
    mark.className = "ev";
    mark.textContent = seg.text;
    mark.dataset.fields = seg.fields.join(" ");
    mark.title = seg.fields.map(labelOf).join(" · ");
    mark.style.backgroundColor = fieldColor(seg.fields[0]);
    if (seg.fields.length > 1) mark.style.boxShadow = `inset 0 -4px 0 ${fieldColor(seg.fields[1])}`;
    container.append(mark);
  }
}
