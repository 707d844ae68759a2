// The Leaflet map: an offline basemap (Natural Earth outlines, rivers, GeoNames place labels, all
// served by rasd itself: no tile server) and one marker per located event, coloured by event type.
/* global L */

import { EVENT_COLORS } from "./evidence.js";
import { lang, tx } from "./i18n.js";

export function typeClass(eventType) {
  return "et-" + (eventType || "unknown").toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "");
}

export function escapeHtml(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/**
 * A cluster's icon: its count on a ring that shows the mix of event types inside it.
 * The ring is a conic gradient set through the CSSOM (allowed by the page's CSP, unlike style attributes).
 */
function clusterIcon(cluster) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) counts.set(m.eventType, (counts.get(m.eventType) ?? 0) + 1);
  const total = cluster.getChildCount();
  let acc = 0;
  const stops = [];
  for (const [type, n] of counts) {
    const color = EVENT_COLORS[type] ?? "#777";
    stops.push(`${color} ${(acc / total) * 360}deg ${((acc + n) / total) * 360}deg`);
    acc += n;
  }
  const ring = document.createElement("div");
  ring.className = "ev-cluster-ring";
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  const label = document.createElement("span");
  label.textContent = String(total);
  ring.append(label);
  const size = total < 10 ? 30 : total < 100 ? 36 : 44;
  return L.divIcon({ html: ring, className: "ev-cluster", iconSize: L.point(size, size) });
}

/** Which labels win a collision: countries, then cities, then governorates, then towns and villages by rank. */
function labelPriority(p) {
  if (p.rank === 0) return 0;
  if (p.rank === "a1") return 2.5;
  return Number(p.rank) <= 2 ? Number(p.rank) : Number(p.rank) + 1;
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The closest the map zooms by itself when an event is chosen: a district's view. */
const DISTRICT_ZOOM = 10;

const BASE_STYLE = {
  land: { stroke: false, fillColor: "#f3f0e8", fillOpacity: 1 },
  countries: { color: "#7a7469", weight: 1.2, fill: false },
  admin1: { color: "#a59d90", weight: 0.8, dashArray: "4 3", fill: false },
  lakes: { stroke: false, fillColor: "#bcd8ea", fillOpacity: 1 },
  rivers: { color: "#6fa6d4", weight: 1.4, fill: false },
};

export class EventMap {
  constructor(element, { onSelect, onMove }) {
    this.onSelect = onSelect;
    this.map = L.map(element, { preferCanvas: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 15 });
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.setView([34.8, 39.0], 6);
    this.renderer = L.canvas({ padding: 0.5 });
    this.labels = L.layerGroup().addTo(this.map);
    this.places = [];
    this.areaLabels = [];
    this.markers = new Map();
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      iconCreateFunction: clusterIcon,
    });
    this.plain = L.layerGroup();
    this.clustered = true;
    this.cluster.addTo(this.map);
    // clusters split and merge with an animation after a zoom: labels are sorted out again once it ends
    this.cluster.on("animationend", () => this.declutter());
    this.map.on("zoomend moveend", () => {
      this.showDetail();
      this.drawLabels();
      onMove?.(this.map.getBounds());
    });
  }

  /** Draw the basemap layers (GeoJSON) under the events. */
  setBasemap(basemap) {
    this.baseLayers = {};
    for (const name of ["land", "lakes", "admin1", "countries", "rivers"]) {
      const layer = basemap.layers?.[name];
      if (!layer) continue;
      this.baseLayers[name] = L.geoJSON(layer, { style: BASE_STYLE[name], renderer: this.renderer, interactive: false }).addTo(this.map);
    }
    this.showDetail();
    const labels = (name, props) => (basemap.layers?.[name]?.features ?? []).map((f) => ({ ...f, properties: { ...f.properties, ...props } }));
    // Countries on the regional view, governorates (محافظة …) from the national view down to the district one.
    this.areaLabels = [...labels("country_labels", { rank: 0, min_zoom: 3, max_zoom: 6 }), ...labels("admin1_labels", { rank: "a1", min_zoom: 6.5, max_zoom: 9 })];
    if (basemap.attribution) this.map.attributionControl.addAttribution(escapeHtml(basemap.attribution));
    this.drawLabels();
  }

  /** Governorate lines only from the national view down: on the continental view they are clutter. */
  showDetail() {
    const admin1 = this.baseLayers?.admin1;
    if (!admin1) return;
    const wanted = this.map.getZoom() >= 5;
    if (wanted !== this.map.hasLayer(admin1)) wanted ? admin1.addTo(this.map) : this.map.removeLayer(admin1);
  }

  /** Town labels (GeoJSON points with rank and min_zoom), most important first. */
  setPlaces(places) {
    this.places = places.features ?? [];
    this.drawLabels();
  }

  /** Labels by rank: countries and cities on the regional view, governorates and towns as the analyst zooms in. */
  drawLabels() {
    this.labels.clearLayers();
    this.labelMarkers = [];
    const zoom = this.map.getZoom();
    const bounds = this.map.getBounds().pad(0.1);
    let shown = 0;
    const ordered = [...this.areaLabels, ...this.places].map((f, i) => [labelPriority(f.properties), i, f]);
    ordered.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, , f] of ordered) {
      const p = f.properties;
      if (p.min_zoom > zoom || (p.max_zoom != null && zoom > p.max_zoom)) continue;
      const [lon, lat] = f.geometry.coordinates;
      if (!bounds.contains([lat, lon])) continue;
      const name = lang() === "ar" ? p.name_ar || p.name_en : p.name_en || p.name_ar;
      const icon = L.divIcon({ className: `place-label rank-${p.rank}`, html: `<span>${escapeHtml(name)}</span>`, iconSize: null });
      this.labelMarkers.push(L.marker([lat, lon], { icon, interactive: false, keyboard: false }).addTo(this.labels));
      if (++shown >= 300) break;
    }
    this.declutter();
  }

  /**
   * Labels must not collide: a label whose box overlaps an event marker, a cluster or a label that outranks it
   * is hidden (kept in place, so it comes back when the view leaves room for it). All boxes are read first and
   * the classes written after, so the page lays out once; at most 300 labels are looked at.
   */
  declutter() {
    cancelAnimationFrame(this.declutterFrame);
    this.declutterFrame = requestAnimationFrame(() => {
      const container = this.map.getContainer();
      const obstacles = [...container.querySelectorAll(".ev-cluster, .ev-marker")].map((e) => e.getBoundingClientRect()).filter((r) => r.width && r.height);
      const labels = (this.labelMarkers ?? []).map((m) => m.getElement()).filter(Boolean);
      const boxes = labels.map((e) => (e.firstElementChild ?? e).getBoundingClientRect());
      const kept = [];
      const hidden = boxes.map((box) => {
        const clash = obstacles.some((o) => overlaps(box, o)) || kept.some((k) => overlaps(box, k));
        if (!clash) kept.push(box);
        return clash;
      });
      labels.forEach((e, i) => e.classList.toggle("label-hidden", hidden[i]));
      container.dataset.labelsDecluttered = String(Date.now());
    });
  }

  /** One marker per event that has coordinates; returns how many were placed. */
  setEvents(events) {
    this.cluster.clearLayers();
    this.plain.clearLayers();
    this.markers.clear();
    const markers = [];
    for (const e of events) {
      const loc = e.location;
      if (!loc || loc.lat == null || loc.lon == null) continue;
      const icon = L.divIcon({ className: `ev-marker ${typeClass(e.event_type)} status-${e.status}`, iconSize: [16, 16] });
      const marker = L.marker([loc.lat, loc.lon], { icon, title: "", riseOnHover: true });
      marker.eventId = e.event_id;
      marker.eventType = e.event_type;
      marker.bindTooltip(() => {
        const place = lang() === "ar" ? loc.name_ar || loc.name_en : loc.name_en || loc.name_ar;
        return `<b>${escapeHtml(tx(e.sub_event_type))}</b><br>${escapeHtml(place)} · ${escapeHtml(e.event_date ?? "")}`;
      });
      marker.on("add", () => marker.getElement()?.setAttribute("data-event-id", e.event_id));
      marker.on("click", () => this.onSelect?.(e.event_id));
      this.markers.set(e.event_id, marker);
      markers.push(marker);
    }
    if (this.clustered) this.cluster.addLayers(markers);
    else for (const m of markers) m.addTo(this.plain);
    this.declutter();
    return markers.length;
  }

  setClustered(on) {
    if (on === this.clustered) return;
    const markers = [...this.markers.values()];
    this.clustered = on;
    if (on) {
      this.plain.clearLayers();
      this.map.removeLayer(this.plain);
      this.cluster.addLayers(markers);
      this.cluster.addTo(this.map);
    } else {
      this.cluster.clearLayers();
      this.map.removeLayer(this.cluster);
      for (const m of markers) m.addTo(this.plain);
      this.plain.addTo(this.map);
    }
    this.declutter();
  }

  /** Frame the given events (or keep the view when none has coordinates). */
  fit(events) {
    const pts = events.filter((e) => e.location?.lat != null).map((e) => [e.location.lat, e.location.lon]);
    if (pts.length) this.map.fitBounds(L.latLngBounds(pts).pad(0.4), { maxZoom: 9 });
  }

  select(eventId) {
    for (const [id, m] of this.markers) m.getElement()?.classList.toggle("selected", id === eventId);
    const m = this.markers.get(eventId);
    if (!m) return;
    // Keep the analyst's context: pan to the event and zoom in at most to a district's view (never to the
    // street level that zoomToShowLayer reaches for events at one place); a cluster still hiding it opens up.
    const zoom = Math.min(Math.max(this.map.getZoom(), 8), DISTRICT_ZOOM);
    this.map.once("moveend", () => {
      const parent = this.clustered ? this.cluster.getVisibleParent(m) : m;
      if (parent && parent !== m && parent.spiderfy) parent.spiderfy();
      m.getElement()?.classList.add("selected");
    });
    this.map.setView(m.getLatLng(), zoom, { animate: false });
  }

  legend(container) {
    container.replaceChildren();
    for (const [type, color] of Object.entries(EVENT_COLORS)) {
      const item = document.createElement("li");
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.backgroundColor = color;
      item.append(dot, document.createTextNode(tx(type)));
      container.append(item);
    }
  }
}
