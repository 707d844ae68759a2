// The page: filters → events from the API → map, timeline and list; an event's detail with its
// evidence highlighted in the right-to-left report; confirm, edit and reject with an audit trail.

import { canReview, initAccount, me, promptLogin, renderAccount } from "./account.js";
import * as api from "./api.js";
import { EVENT_COLORS, fieldColor, renderArticle } from "./evidence.js";
import { LABELS, admin1Name, admin2Name, joinList, lang, nameOf, sep, setLang, setNames, sourceName, t, tModality, tStatus, tx } from "./i18n.js";
import { actorPicker, assocPicker, locationPicker } from "./editor.js";
import { EventMap, typeClass } from "./map.js";
import { Timeline } from "./timeline.js";

const LIST_LIMIT = 500;
const FILTER_NAMES = ["event_type", "sub_event_type", "actor", "country", "admin1", "status", "since", "until", "min_confidence", "text"];

const state = {
  meta: null,
  mode: "map", // or "queue"
  events: [],
  total: 0,
  brush: null, // [since, until], inclusive ISO days
  followMap: false,
  bounds: null,
  selected: null,
  detail: null,
  firstLoad: true,
};

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** Numbers, dates and codes kept left-to-right inside Arabic text ("3–5" must not read "5–3"). */
const ltr = (text) => el("bdi", { dir: "ltr" }, String(text));
/** A fragment in whatever script it is written (a Latin name, a reviewer's note) isolated from the text around it. */
const iso = (text) => el("bdi", {}, String(text));

function say(message, kind = "info") {
  const line = $("#status-line");
  line.textContent = message;
  line.dataset.kind = kind;
}

// ---------------------------------------------------------------- filters

function option(value, label) {
  return el("option", { value }, label);
}

function fillSelect(name, entries, keep) {
  const select = document.forms.filters.elements[name];
  const current = keep ?? select.value;
  select.replaceChildren(option("", t("any")), ...entries.map(([v, label]) => option(v, label)));
  select.value = entries.some(([v]) => v === current) ? current : "";
}

function fillFilterOptions() {
  const meta = state.meta;
  if (!meta) return;
  setNames(meta);
  const withCount = (label, n) => (n ? `${label} (${n})` : label);
  fillSelect("event_type", Object.keys(meta.taxonomy).map((ty) => [ty, withCount(tx(ty), meta.event_types[ty])]));
  fillSubTypes();
  fillSelect("actor", meta.actors.map((a) => [a.kb_id, withCount(nameOf(a), a.events)]));
  fillSelect("country", Object.entries(meta.countries).map(([c, n]) => [c, withCount(meta.country_names?.[c]?.[lang()] ?? c, n)]));
  fillSelect("admin1", Object.entries(meta.admin1).sort().map(([a, n]) => [a, withCount(admin1Name(a), n)]));
  fillSelect("status", meta.statuses.map((s) => [s, withCount(tStatus(s), meta.status_counts[s])]));
  const queued = meta.status_counts.machine ?? 0;
  $("#queue-count").textContent = queued ? String(queued) : "";
}

function fillSubTypes() {
  const form = document.forms.filters;
  const type = form.elements.event_type.value;
  const types = type ? [type] : Object.keys(state.meta.taxonomy);
  fillSelect("sub_event_type", types.flatMap((ty) => state.meta.taxonomy[ty].map((s) => [s, tx(s)])));
}

function currentFilters() {
  const form = document.forms.filters;
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = form.elements[name].value.trim();
    if (value) out[name] = value;
  }
  if (state.mode === "queue") out.status = "machine";
  return out;
}

function updateExportLinks(filters) {
  for (const fmt of ["acled-csv", "geojson", "jsonl", "parquet", "geoparquet"]) {
    const id = fmt === "acled-csv" ? "#export-csv" : `#export-${fmt}`;
    $(id).href = `/api/export?${api.query({ ...filters, format: fmt })}`;
  }
}

// ---------------------------------------------------------------- events

async function loadEvents() {
  const filters = currentFilters();
  updateExportLinks(filters);
  say("…");
  try {
    const sort = state.mode === "queue" ? "confidence" : "-event_date";
    const { items, total } = await api.getEvents(filters, { sort });
    state.events = items;
    state.total = total;
  } catch (e) {
    say(`${t("error")}: ${e.message}`, "error");
    return;
  }
  say("");
  timeline.setEvents(state.events);
  if (state.brush && !state.events.some((e) => inBrush(e))) clearBrush();
  refresh();
  if (state.firstLoad || state.mode === "queue") map.fit(state.events);
  state.firstLoad = false;
}

function inBrush(e) {
  if (!state.brush) return true;
  const d = e.event_date?.slice(0, 10);
  return d != null && d >= state.brush[0] && d <= state.brush[1];
}

function inView(e) {
  if (!state.followMap || !state.bounds) return true;
  const loc = e.location;
  return loc?.lat != null && state.bounds.contains([loc.lat, loc.lon]);
}

/** Events after the client-side filters (timeline brush; optionally the map's view). */
function visible({ forMap = false } = {}) {
  return state.events.filter((e) => inBrush(e) && (forMap || inView(e)));
}

function refresh() {
  const shown = visible({ forMap: true });
  map.setEvents(shown);
  renderList(visible());
}

function placeName(loc) {
  if (!loc) return t("no_location");
  return nameOf(loc);
}

function renderList(events) {
  const list = $("#event-list");
  list.replaceChildren();
  list.dataset.count = String(events.length);
  list.dataset.mode = state.mode;
  const heading = $("#list-heading");
  heading.dataset.i18n = state.mode === "queue" ? "queue_heading" : "events";
  heading.textContent = t(heading.dataset.i18n);
  const count = state.total > state.events.length || events.length !== state.events.length ? t("of_total", { n: events.length, total: state.total }) : String(events.length);
  $("#list-count").textContent = count;
  const note = $("#list-note");
  note.hidden = !(state.total > state.events.length || !events.length);
  note.textContent = !events.length ? (state.mode === "queue" ? t("queue_empty") : t("no_events")) : t("loaded_cap", { n: state.events.length });
  for (const e of events.slice(0, LIST_LIMIT)) {
    const actors = [e.actor1, e.actor2].filter(Boolean).map(nameOf).join(" × ");
    const deaths = e.fatalities?.best ? `☠ ${e.fatalities.best}${e.fatalities.vague ? "+" : ""}` : "";
    const item = el(
      "li",
      { class: `ev-row ${e.event_id === state.selected ? "selected" : ""}`, dataset: { eventId: e.event_id, status: e.status }, tabindex: "0" },
      el("span", { class: `dot ${typeClass(e.event_type)}` }),
      el(
        "div",
        { class: "ev-main" },
        el("div", { class: "ev-title" }, tx(e.sub_event_type)),
        el("div", { class: "ev-meta" }, ltr(e.event_date ?? "—"), " · ", placeName(e.location)),
        actors ? el("div", { class: "ev-actors" }, actors) : null,
        state.mode === "queue"
          ? el(
              "div",
              { class: "ev-queue", dataset: { confidence: (e.confidence ?? 0).toFixed(2) } },
              `${t("confidence")}: ${(e.confidence ?? 0).toFixed(2)} · ${t((e.confidence ?? 0) < 0.5 ? "queue_reason_low" : "queue_reason_machine")}`,
            )
          : null,
      ),
      el("div", { class: "ev-side" }, el("span", { class: `status status-${e.status}` }, tStatus(e.status)), deaths ? el("span", { class: "deaths" }, deaths) : null),
    );
    item.addEventListener("click", () => openEvent(e.event_id));
    item.addEventListener("keydown", (ev) => ev.key === "Enter" && openEvent(e.event_id));
    list.append(item);
  }
  if (events.length > LIST_LIMIT) list.append(el("li", { class: "more" }, t("more_rows", { n: events.length - LIST_LIMIT })));
}

// ---------------------------------------------------------------- detail

async function openEvent(id) {
  let detail;
  try {
    detail = await api.getEvent(id);
  } catch (e) {
    say(`${t("error")}: ${e.message}`, "error");
    return;
  }
  state.selected = id;
  state.detail = detail;
  if (location.hash !== `#event=${id}`) history.replaceState(null, "", `#event=${id}`);
  $("#list-pane").hidden = true;
  $("#detail").hidden = false;
  renderDetail();
  map.select(id);
}

function closeDetail() {
  state.selected = null;
  state.detail = null;
  $("#detail").hidden = true;
  $("#list-pane").hidden = false;
  history.replaceState(null, "", location.pathname);
  map.select(null);
  renderList(visible());
}

/** The machine's English note ("Attack (Violence against civilians) by X in Y, reported. <toll note>"), or null. */
const MACHINE_NOTE = /^(.+?) \((.+?)\) by .+?, (\w+)\.(?: (.*))?$/s;

/**
 * The event's notes in the page's language. The note rasd writes is English; in Arabic it is said again from the
 * event's fields (type, actors, place, modality) and the toll remarks translated. A reviewer's own note is shown
 * as written, isolated so its direction does not disturb the table.
 */
function notesText(e) {
  if (!e.notes) return "—";
  const m = MACHINE_NOTE.exec(e.notes);
  if (lang() === "en" || !m || !(m[2] in (state.meta?.taxonomy ?? {}))) return iso(e.notes);
  const sentence = t("note_sentence", {
    sub: tx(e.sub_event_type),
    type: tx(e.event_type),
    who: e.actor1 ? nameOf(e.actor1) : t("unidentified_actor"),
    whom: e.actor2 ? t("note_against", { name: nameOf(e.actor2) }) : "",
    where: e.location ? t("note_in", { name: nameOf(e.location) }) : "",
    mode: tModality(e.modality),
  });
  const parts = [sentence];
  for (const remark of (m[4] ?? "").split("; ").filter(Boolean)) {
    let r;
    if ((r = /^conflicting tolls reported \((.+)\): the lowest is used$/.exec(remark))) parts.push(" ", t("toll_conflict", { list: "\u2066" + r[1] + "\u2069" }));
    else if ((r = /^tolls of (\d+) groups added \((.+)\)$/.exec(remark))) parts.push(" ", t("toll_added", { n: r[1], list: "\u2066" + r[2] + "\u2069" }));
    else parts.push(" ", iso(remark));
  }
  return parts;
}

/** Why the gazetteer's reading won ("after شرق; SY: time zone; best of 2 candidates"), in the page's language. */
function reasonText(reason) {
  if (lang() === "en") return [iso(reason)];
  const out = [];
  for (const part of reason.split("; ")) {
    let r;
    if (part === "no cue") out.push(t("reason_no_cue"));
    else if ((r = /^after (.+)$/.exec(part))) out.push(t("reason_after", { cue: r[1] }));
    else if ((r = /^best of (\d+) candidates$/.exec(part))) out.push(t("reason_best_of", { n: r[1] }));
    else if ((r = /^([A-Z]{2}): (.+)$/.exec(part)) && LABELS[`support_${r[2]}`]) out.push(`${state.meta?.country_names?.[r[1]]?.ar ?? r[1]}: ${t(`support_${r[2]}`)}`);
    else out.push(iso(part));
  }
  return out;
}

/** ``items`` (strings or nodes) separated by the language's list separator. */
function listOf(items) {
  return items.filter((x) => x !== null && x !== undefined && x !== "").flatMap((x, i) => (i ? [sep(), x] : [x]));
}

function fieldValue(event, field) {
  const e = event;
  switch (field) {
    case "event_type":
      return tx(e.event_type);
    case "sub_event_type":
      return tx(e.sub_event_type);
    case "event_date":
      return e.event_date ? [ltr(e.event_date), ` (${t("precision_time")[e.time_precision] ?? e.time_precision})`] : "—";
    case "actor1":
    case "actor2":
      return e[field] ? `${nameOf(e[field])}${e[field].inter ? ` (${t(`inter_${e[field].inter}`)})` : ""}` : "—";
    case "assoc_actor1":
    case "assoc_actor2":
      return joinList((e[field] ?? []).map(nameOf)) || "—";
    case "location": {
      const l = e.location;
      if (!l) return "—";
      const country = state.meta?.country_names?.[l.country]?.[lang()] ?? l.country;
      const admin = joinList([admin2Name(l.admin1, l.admin2), admin1Name(l.admin1), country]);
      const prec = t("precision_geo")[e.geo_precision ?? l.geo_precision] ?? "";
      const coords = l.lat != null ? [" ", ltr(`${l.lat.toFixed(3)}, ${l.lon.toFixed(3)}`)] : [];
      return [el("span", { class: "place-name" }, nameOf(l)), " — ", el("span", { class: "admin" }, admin), ` (${prec})`, ...coords];
    }
    case "place_decision": {
      // Which words made it a place and which reading won: the analyst can check the gazetteer's choice.
      const l = e.location;
      if (!l) return "—";
      const parts = [];
      if (l.name_as_written) parts.push(`${t("place_written")}: ${l.name_as_written}`);
      if (l.cue) parts.push(`${t("place_cue")}: ${l.cue}`);
      if (l.parent_name) parts.push(`${t("place_parent")}: ${l.parent_name}`);
      if (l.decision) parts.push(`${t("place_choice")}: ${LABELS[`decision_${l.decision}`] ? t(`decision_${l.decision}`) : l.decision}`);
      const out = listOf(parts);
      if (l.reason) out.push(...(out.length ? [sep()] : []), ...listOf(reasonText(l.reason)));
      // the gazetteer entry that won: its English spelling in English, its id (a code, not a name) in Arabic
      const entry = lang() === "en" ? l.name_en_ascii : l.source;
      if (entry) out.push(...(out.length ? [sep()] : []), lang() === "en" ? iso(entry) : ltr(entry));
      return out.length ? out : "—";
    }
    case "fatalities": {
      const f = e.fatalities ?? {};
      if (!f.best && !f.max) return f.min == null ? t("deaths_unknown") : ltr("0"); // "0 killed" is not "not reported"
      const range = f.max != null && f.max !== f.best ? `${f.best}–${f.max}` : String(f.best);
      return f.vague ? [ltr(range), ` (${t("vague")})`] : ltr(range);
    }
    case "civilian_targeting":
      return e.civilian_targeting ? t("yes") : t("no");
    case "modality":
      return tModality(e.modality);
    case "attribution": {
      // outlet first, then whom it cites: each named in the page's language where the source KB knows it
      const names = (e.attribution ?? []).map((s) => sourceName(s.kb_id, lang() === "en" ? s.name : "") || iso(s.name));
      return names.length ? names.flatMap((x, i) => (i ? [" ← ", x] : [x])) : "—";
    }
    case "confidence":
      return ltr((e.confidence ?? 0).toFixed(2));
    case "notes":
      return notesText(e);
    case "interaction": {
      // ACLED's two-digit code as words: 17 → "State forces – Civilians" (the code kept for searching)
      if (e.interaction == null) return "—";
      const code = String(e.interaction);
      const words = [...code].map((d) => (LABELS[`inter_${d}`] ? t(`inter_${d}`) : d)).join(" – ");
      return [`${words} (`, ltr(code), ")"];
    }
    default:
      return JSON.stringify(e[field] ?? "—");
  }
}

const DETAIL_FIELDS = ["event_type", "sub_event_type", "event_date", "actor1", "assoc_actor1", "actor2", "assoc_actor2", "location", "place_decision", "fatalities", "civilian_targeting", "modality", "attribution", "interaction", "confidence", "notes"];

function renderDetail() {
  const { event, documents, merges } = state.detail;
  const body = $("#detail-body");
  body.replaceChildren();
  const withEvidence = new Set(event.evidence.map((ev) => ev.field));

  body.append(
    el(
      "div",
      { class: "detail-head" },
      el("span", { class: `dot ${typeClass(event.event_type)}` }),
      el("h2", {}, tx(event.sub_event_type)),
      el("span", { class: `status status-${event.status}`, id: "detail-status", dataset: { status: event.status } }, tStatus(event.status)),
    ),
  );

  const table = el("table", { class: "fields" });
  for (const field of DETAIL_FIELDS) {
    const swatch = withEvidence.has(field) ? el("span", { class: "swatch" }) : el("span", { class: "swatch none" });
    if (withEvidence.has(field)) swatch.style.backgroundColor = fieldColor(field);
    const row = el("tr", { dataset: { field } }, el("th", {}, swatch, LABELS[field] ? t(field) : field), el("td", {}, fieldValue(event, field)));
    row.addEventListener("mouseenter", () => focusField(field, true));
    row.addEventListener("mouseleave", () => focusField(field, false));
    table.append(row);
  }
  body.append(table);

  body.append(reviewBox(event));

  body.append(el("h3", {}, t("evidence")));
  for (const doc of documents) {
    const spans = event.evidence.filter((ev) => !ev.doc_id || ev.doc_id === doc.doc_id);
    const published = doc.published_at ? [`${t("published")}: `, ltr(doc.published_at.replace("T", " ").slice(0, 16))] : null;
    const outlet = doc.outlet || doc.outlet_id ? el("span", { class: "outlet" }, sourceName(doc.outlet_id, lang() === "en" ? doc.outlet : "") || doc.outlet) : null;
    const link = /^https?:\/\//i.test(doc.source_uri || "") ? el("a", { href: doc.source_uri, rel: "noopener noreferrer nofollow", target: "_blank" }, t("open_source")) : null;
    const article = el("article", { class: "report", dir: "rtl", lang: doc.lang || "ar", dataset: { docId: doc.doc_id } });
    renderArticle(article, doc.body, spans, (f) => (LABELS[f] ? t(f) : f));
    body.append(
      el(
        "section",
        { class: "source" },
        el("h4", { dir: "auto" }, doc.title || doc.doc_id.slice(0, 12)),
        el("div", { class: "source-meta" }, outlet, outlet && published ? " · " : "", published, link ? " · " : "", link),
        article,
      ),
    );
  }
  if (merges?.length) {
    body.append(el("h3", {}, t("merges")), el("ul", { class: "merges" }, merges.map((mg) => el("li", {}, `${mg.merged_event_id ?? ""} — ${mg.reason ?? ""}`))));
  }
  const history = el("div", { id: "audit" });
  body.append(el("h3", {}, t("history")), history);
  api.getAudit(event.event_id).then((rows) => {
    history.replaceChildren(
      el("ol", { class: "audit" }, rows.map((r) => el("li", {}, `${(r.at ?? "").replace("T", " ").slice(0, 19)} · ${r.reviewer} · ${r.action}${r.note ? ` — ${r.note}` : ""}`))),
    );
  });
}

function focusField(field, on) {
  for (const mark of document.querySelectorAll("article.report mark.ev")) {
    if (mark.dataset.fields.split(" ").includes(field)) mark.classList.toggle("focus", on);
  }
}

// ---------------------------------------------------------------- review

function reviewBox(event) {
  // The audit records the signed-in account: the page shows who that is, it never asks for a name.
  const reviewer = el("p", { id: "reviewer", class: "reviewing-as" }, canReview() ? t("reviewing_as", { name: me().name }) : t("need_reviewer"));
  const note = el("textarea", { id: "review-note", rows: "2", maxlength: "5000" });
  const msg = el("p", { class: "review-msg", id: "review-msg", "aria-live": "polite" });
  const editor = el("div", { class: "editor", hidden: true });
  const submit = async (action, changes = {}) => {
    if (!canReview()) {
      msg.textContent = t("need_reviewer");
      promptLogin(t("need_reviewer"));
      return;
    }
    try {
      const updated = await api.review(event.event_id, { action, note: note.value, changes }, state.detail.version);
      afterReview(updated);
    } catch (e) {
      if (e.status === 409 || e.status === 412) {
        // someone else's edit came first: show the event as it now stands, and say so
        await openEvent(event.event_id);
        say(t("stale_event"), "error");
        $("#review-msg").textContent = t("stale_event");
        return;
      }
      if (e.status === 401) promptLogin(t("need_reviewer"));
      msg.textContent = `${t("error")}: ${e.message}`;
    }
  };
  const box = el(
    "section",
    { class: "review" },
    el("h3", {}, t("review")),
    reviewer,
    el("label", {}, t("note"), note),
    el(
      "div",
      { class: "review-buttons" },
      el("button", { type: "button", id: "btn-confirm", class: "confirm", onclick: () => submit("confirm") }, t("confirm")),
      el("button", { type: "button", id: "btn-edit", class: "edit", onclick: () => ((editor.hidden = !editor.hidden), editor.hidden || editor.mountMap?.()) }, t("edit")),
      el("button", { type: "button", id: "btn-reject", class: "reject", onclick: () => submit("reject") }, t("reject")),
    ),
    editor,
    msg,
  );
  buildEditor(editor, event, (changes) => submit("edit", changes));
  return box;
}

function buildEditor(container, event, onSave) {
  const taxonomy = state.meta?.taxonomy ?? {};
  const type = el("select", { name: "event_type" }, Object.keys(taxonomy).map((ty) => option(ty, tx(ty))));
  const sub = el("select", { name: "sub_event_type" });
  const fillSub = () => sub.replaceChildren(...(taxonomy[type.value] ?? []).map((s) => option(s, tx(s))));
  type.value = event.event_type;
  fillSub();
  sub.value = event.sub_event_type;
  type.addEventListener("change", fillSub);
  // ISO text, not <input type=date>: the browser would show the day in its own locale's order
  const date = el("input", { type: "text", name: "event_date", value: event.event_date ?? "", pattern: "\\d{4}-\\d{2}-\\d{2}", placeholder: "YYYY-MM-DD", inputmode: "numeric", dir: "ltr", maxlength: "10" });
  const prec = el("select", { name: "time_precision" }, [1, 2, 3].map((p) => option(String(p), t("precision_time")[p])));
  prec.value = String(event.time_precision ?? 1);
  const f = event.fatalities ?? {};
  const best = el("input", { type: "number", name: "fatalities", min: "0", step: "1", value: String(f.best ?? 0) });
  const fmin = el("input", { type: "number", name: "fatalities_min", min: "0", step: "1", value: f.min == null ? "" : String(f.min) });
  const fmax = el("input", { type: "number", name: "fatalities_max", min: "0", step: "1", value: f.max == null ? "" : String(f.max) });
  const vague = el("input", { type: "checkbox", name: "fatalities_vague" });
  vague.checked = !!f.vague;
  const actor1 = actorPicker("actor1", event.actor1, { clearable: false });
  const actor2 = actorPicker("actor2", event.actor2, { clearable: true });
  const assoc1 = assocPicker("assoc_actor1", event.assoc_actor1);
  const assoc2 = assocPicker("assoc_actor2", event.assoc_actor2);
  const where = locationPicker(event.location, event.geo_precision, () => state.basemap ?? api.getBasemap());
  container.mountMap = () => where.mount();
  const civ = el("input", { type: "checkbox", name: "civilian_targeting" });
  civ.checked = !!event.civilian_targeting;
  const modality = el("select", { name: "modality" }, (state.meta?.modalities ?? []).map((m) => option(m, tModality(m))));
  modality.value = event.modality;
  const notes = el("textarea", { name: "notes", rows: "2", maxlength: "5000" });
  notes.value = event.notes ?? "";
  const save = el("button", { type: "button", id: "btn-save-edit" }, t("save_edit"));
  save.addEventListener("click", () => {
    const changes = {};
    if (type.value !== event.event_type) changes.event_type = type.value;
    if (sub.value !== event.sub_event_type) changes.sub_event_type = sub.value;
    if (date.value && !/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      container.querySelector(".editor-msg").textContent = `${t("event_date")}: YYYY-MM-DD`;
      return;
    }
    if (date.value && date.value !== event.event_date) changes.event_date = date.value;
    if (Number(prec.value) !== event.time_precision) changes.time_precision = Number(prec.value);
    const n = Math.max(0, Math.floor(Number(best.value) || 0));
    // min/max left as they were: a point toll stays a point toll; a range widens to hold the new best
    const point = (f.min ?? f.best ?? 0) === (f.best ?? 0) && (f.max ?? f.best ?? 0) === (f.best ?? 0);
    const minTouched = fmin.value !== fmin.defaultValue;
    const maxTouched = fmax.value !== fmax.defaultValue;
    const lo = minTouched && fmin.value !== "" ? Math.max(0, Math.floor(Number(fmin.value))) : point ? n : Math.min(n, f.min ?? n);
    const hi = maxTouched && fmax.value !== "" ? Math.max(0, Math.floor(Number(fmax.value))) : point ? n : Math.max(n, f.max ?? n);
    if (n !== (f.best ?? 0) || lo !== (f.min ?? n) || hi !== (f.max ?? n) || vague.checked !== !!f.vague) {
      if (!(lo <= n && n <= hi)) {
        container.querySelector(".editor-msg").textContent = t("toll_order");
        return;
      }
      changes.fatalities = { best: n, min: lo, max: hi, vague: vague.checked };
    }
    if (actor1.changed() && actor1.value()) changes.actor1 = actor1.value();
    if (actor2.changed()) changes.actor2 = actor2.value();
    if (assoc1.changed()) changes.assoc_actor1 = assoc1.value();
    if (assoc2.changed()) changes.assoc_actor2 = assoc2.value();
    if (where.changed() && where.value()) changes.location = where.value();
    if (civ.checked !== !!event.civilian_targeting) changes.civilian_targeting = civ.checked;
    if (modality.value !== event.modality) changes.modality = modality.value;
    if (notes.value !== (event.notes ?? "")) changes.notes = notes.value;
    onSave(changes);
  });
  container.append(
    el("label", {}, t("event_type"), type),
    el("label", {}, t("sub_event_type"), sub),
    el("label", {}, t("event_date"), date),
    el("label", {}, t("time_precision"), prec),
    el("div", { class: "field-group" }, el("span", { class: "group-label" }, t("actor1")), actor1.node),
    el("div", { class: "field-group" }, el("span", { class: "group-label" }, t("assoc_actor1")), assoc1.node),
    el("div", { class: "field-group" }, el("span", { class: "group-label" }, t("actor2")), actor2.node),
    el("div", { class: "field-group" }, el("span", { class: "group-label" }, t("assoc_actor2")), assoc2.node),
    el("div", { class: "field-group" }, el("span", { class: "group-label" }, t("location")), where.node),
    el(
      "div",
      { class: "toll-row" },
      el("label", {}, t("toll_min"), fmin),
      el("label", {}, t("toll_best"), best),
      el("label", {}, t("toll_max"), fmax),
      el("label", { class: "check" }, vague, t("vague")),
    ),
    el("label", { class: "check" }, civ, t("civilian_targeting")),
    el("label", {}, t("modality"), modality),
    el("label", {}, t("notes"), notes),
    save,
    el("p", { class: "editor-msg review-msg", "aria-live": "polite" }),
  );
}

async function afterReview(updated) {
  const i = state.events.findIndex((e) => e.event_id === updated.event_id);
  if (i >= 0) state.events[i] = updated;
  say(t("saved", { status: tStatus(updated.status) }));
  state.meta = await api.getMeta();
  fillFilterOptions();
  if (state.mode === "queue") {
    state.events = state.events.filter((e) => e.event_id !== updated.event_id);
    refresh();
    const next = visible()[0];
    if (next) return openEvent(next.event_id);
    return closeDetail();
  }
  await openEvent(updated.event_id);
  refresh();
}

// ---------------------------------------------------------------- brush, modes, language

function onBrush(range) {
  state.brush = range;
  $("#clear-brush").hidden = !range;
  $("#brush-label").textContent = range ? `${range[0]} → ${range[1]}` : "";
  refresh();
}

function clearBrush() {
  timeline.clear();
}

function setMode(mode) {
  state.mode = mode;
  $("#tab-map").setAttribute("aria-selected", String(mode === "map"));
  $("#tab-queue").setAttribute("aria-selected", String(mode === "queue"));
  document.body.dataset.mode = mode;
  closeDetail();
  loadEvents();
}

function applyLanguage(value) {
  setLang(value);
  localStorage.setItem("rasd.lang", lang());
  map.legend($("#legend"));
  fillFilterOptions();
  map.drawLabels();
  timeline.draw();
  refresh();
  renderAccount();
  if (state.detail) renderDetail();
}

// ---------------------------------------------------------------- start

const map = new EventMap($("#map"), {
  onSelect: openEvent,
  onMove: (bounds) => {
    state.bounds = bounds;
    if (state.followMap) renderList(visible());
  },
});
const timeline = new Timeline($("#timeline"), { onBrush });

/** A link such as ``/#event=ID`` opens that event (on load, and when the hash changes). */
async function openFromHash() {
  const m = /^#event=([\w-]+)$/.exec(location.hash);
  if (m && m[1] !== state.selected) await openEvent(m[1]);
}

async function start() {
  setLang(localStorage.getItem("rasd.lang") || "ar");
  map.legend($("#legend"));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(Object.entries(EVENT_COLORS).map(([type, color]) => `.${typeClass(type)} { background-color: ${color}; }`).join("\n"));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const form = document.forms.filters;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    loadEvents();
  });
  form.elements.event_type.addEventListener("change", fillSubTypes);
  $("#reset").addEventListener("click", () => {
    form.reset();
    fillSubTypes();
    clearBrush();
    loadEvents();
  });
  $("#cluster").addEventListener("change", (ev) => map.setClustered(ev.target.checked));
  $("#follow-map").addEventListener("change", (ev) => {
    state.followMap = ev.target.checked;
    state.bounds = map.map.getBounds();
    renderList(visible());
  });
  $("#clear-brush").addEventListener("click", clearBrush);
  $("#back").addEventListener("click", closeDetail);
  $("#lang-switch").addEventListener("click", () => applyLanguage(lang() === "ar" ? "en" : "ar"));
  $("#tab-map").addEventListener("click", () => setMode("map"));
  $("#tab-queue").addEventListener("click", () => setMode("queue"));
  window.addEventListener("resize", () => timeline.draw());

  await initAccount(() => {
    if (state.detail) renderDetail(); // the review box follows who is signed in
    if (!state.meta) location.reload(); // signed in on a store that needs it for reading
  });
  try {
    state.meta = await api.getMeta();
  } catch (e) {
    if (e.status === 401) {
      say(t("login_needed"), "error");
      promptLogin(t("login_needed"));
      document.body.dataset.ready = "login";
      return;
    }
    say(`${t("error")}: ${e.message}`, "error");
    return;
  }
  fillFilterOptions();
  api
    .getBasemap()
    .then((basemap) => ((state.basemap = basemap), map.setBasemap(basemap)))
    .then(() => api.getPlaces())
    .then((places) => {
      map.setPlaces(places);
      document.body.dataset.basemap = "ready";
    })
    .catch((e) => say(`${t("error")}: ${e.message}`, "error"));
  await loadEvents();
  window.addEventListener("hashchange", openFromHash);
  await openFromHash();
  document.body.dataset.ready = "true";
}

start();
