// The review editor's pickers: actors from the actor knowledge base and places from the gazetteer, both
// searched as the reviewer types (Arabic or English), and a small map whose pin can be dragged to move
// the event's location. Choosing from the knowledge bases keeps an edit in ids the exports understand.
/* global L */

import * as api from "./api.js";
import { lang, nameOf, t } from "./i18n.js";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** A text box whose typing lists matches from ``search``; ``onPick`` gets the chosen one. */
function searchBox(name, placeholder, search, label, onPick) {
  const input = el("input", { type: "search", name, placeholder, autocomplete: "off", maxlength: "100" });
  const list = el("ul", { class: "suggest", role: "listbox", dataset: { for: name } });
  let timer = null;
  let seq = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return list.replaceChildren();
    timer = setTimeout(async () => {
      const mine = ++seq;
      let hits = [];
      try {
        hits = await search(q);
      } catch {
        hits = [];
      }
      if (mine !== seq) return; // a later keystroke has its own answer
      list.replaceChildren(
        ...hits.map((h) =>
          el("li", { role: "option", tabindex: "0", onclick: () => pick(h), onkeydown: (ev) => ev.key === "Enter" && pick(h) }, label(h)),
        ),
      );
      list.dataset.count = String(hits.length);
    }, 120);
  });
  const pick = (h) => {
    input.value = "";
    list.replaceChildren();
    onPick(h);
  };
  return el("div", { class: "search-box" }, input, list);
}

const actorLabel = (a) => `${nameOf(a)}${a.inter ? ` [${a.inter}]` : ""}${a.country ? ` · ${a.country}` : ""}`;
const asActor = (a) => ({ kb_id: a.kb_id, name_en: a.name_en, name_ar: a.name_ar ?? "", inter: a.inter ?? null, country: a.country ?? null });

/** One actor slot (actor 1 or 2): the current choice, a search to replace it, and clear (actor 2 only). */
export function actorPicker(name, current, { clearable }) {
  let chosen = current ? asActor(current) : null;
  const shown = el("span", { class: "chosen", dataset: { field: name } });
  const show = () => (shown.textContent = chosen ? actorLabel(chosen) : "—");
  show();
  const clear = clearable ? el("button", { type: "button", class: "link", dataset: { clear: name }, onclick: () => ((chosen = null), show()) }, t("clear")) : null;
  const box = searchBox(name, t("search_actor"), api.lookupActors, actorLabel, (a) => ((chosen = asActor(a)), show()));
  return {
    node: el("div", { class: "picker" }, el("div", { class: "chosen-row" }, shown, clear), box),
    value: () => chosen,
    changed: () => (chosen?.kb_id ?? null) !== (current?.kb_id ?? null),
  };
}

/** Associated actors: chips to remove, a search to add. */
export function assocPicker(name, current) {
  let chosen = (current ?? []).map(asActor);
  const chips = el("span", { class: "chips", dataset: { field: name } });
  const show = () =>
    chips.replaceChildren(
      ...(chosen.length
        ? chosen.map((a, i) => el("span", { class: "chip" }, nameOf(a), el("button", { type: "button", class: "link", title: t("remove"), onclick: () => (chosen.splice(i, 1), show()) }, "×")))
        : ["—"]),
    );
  show();
  const box = searchBox(name, t("search_actor"), api.lookupActors, actorLabel, (a) => {
    if (!chosen.some((c) => c.kb_id === a.kb_id)) chosen.push(asActor(a));
    show();
  });
  const ids = (xs) => xs.map((a) => a.kb_id).join("|");
  return {
    node: el("div", { class: "picker" }, chips, box),
    value: () => chosen,
    changed: () => ids(chosen) !== ids((current ?? []).map(asActor)),
  };
}

/** The basemap under the pin (land, borders, governorates, rivers); the pin's pane stays above it. */
function drawBase(map, layers) {
  const styles = {
    land: { stroke: false, fillColor: "#f3f0e8", fillOpacity: 1 },
    countries: { color: "#7a7469", weight: 1, fill: false },
    admin1: { color: "#a59d90", weight: 0.6, dashArray: "4 3", fill: false },
    rivers: { color: "#6fa6d4", weight: 1, fill: false },
  };
  for (const [name, style] of Object.entries(styles)) {
    if (layers[name]) L.geoJSON(layers[name], { style, interactive: false }).addTo(map);
  }
}

const placeLabel = (p) => {
  const sep = lang() === "ar" ? "، " : ", ";
  return [nameOf(p), p.admin1, p.country].filter(Boolean).join(sep);
};

/** The location: a gazetteer search and a map with a draggable pin. ``moved`` when the place or pin changed. */
export function locationPicker(current, precision, basemapSource) {
  let place = current ? { ...current } : null;
  let moved = false;
  const shown = el("span", { class: "chosen", dataset: { field: "location" } });
  const coords = el("span", { class: "coords", id: "edit-coords" });
  const show = () => {
    shown.textContent = place ? placeLabel(place) : "—";
    coords.textContent = place?.lat != null ? `${place.lat.toFixed(4)}, ${place.lon.toFixed(4)}` : "";
  };
  const mapNode = el("div", { class: "edit-map", id: "edit-map", dir: "ltr" });
  let map = null;
  let pin = null;
  const placePin = () => {
    if (!map || place?.lat == null) return;
    const at = [place.lat, place.lon];
    if (!pin) {
      pin = L.marker(at, { draggable: true, autoPan: true, keyboard: true, title: t("drag_pin") }).addTo(map);
      pin.on("dragend", () => {
        const p = pin.getLatLng();
        place = { ...(place ?? {}), lat: Math.round(p.lat * 1e5) / 1e5, lon: Math.round(p.lng * 1e5) / 1e5 };
        moved = true;
        show();
        mapNode.dataset.dragged = "true";
      });
    } else pin.setLatLng(at);
    map.setView(at, Math.max(map.getZoom() || 0, 8));
  };
  const box = searchBox("location", t("search_place"), api.lookupPlaces, placeLabel, (p) => {
    place = { ...p, geo_precision: 1 };
    moved = true;
    show();
    placePin();
  });
  show();
  return {
    node: el("div", { class: "picker" }, el("div", { class: "chosen-row" }, shown, coords), box, mapNode, el("p", { class: "hint" }, t("drag_pin"))),
    /** Leaflet needs the node in the page and visible: called when the editor opens. */
    mount() {
      if (map) return map.invalidateSize();
      map = L.map(mapNode, { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 15 });
      Promise.resolve(basemapSource()).then((basemap) => drawBase(map, basemap?.layers ?? {}));
      map.setView(place?.lat != null ? [place.lat, place.lon] : [34.8, 39.0], place?.lat != null ? 9 : 5);
      placePin();
    },
    changed: () => moved,
    value: () =>
      place && {
        name_ar: place.name_ar || place.name_en || "?",
        name_en: place.name_en ?? "",
        geonameid: place.geonameid ?? null,
        lat: place.lat ?? null,
        lon: place.lon ?? null,
        admin1: place.admin1 ?? null,
        admin2: place.admin2 ?? null,
        country: place.country ?? null,
        geo_precision: place.geo_precision ?? precision ?? 1,
      },
  };
}
