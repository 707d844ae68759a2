// Calls to rasd's own HTTP API (same origin only: the page never talks to another host).

export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : JSON.stringify(detail));
    this.status = status;
  }
}

async function call(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...options });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, body?.detail ?? body);
  return body;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  return q.toString();
}

export const getMeta = () => call("/api/meta");
export const getEvent = (id) => call(`/api/events/${encodeURIComponent(id)}`);
export const getAudit = (id) => call(`/api/events/${encodeURIComponent(id)}/audit`);
export const getBasemap = () => call("/api/basemap");
export const getPlaces = () => call("/api/places");

export function review(id, payload) {
  return call(`/api/events/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(payload),
  });
}

/** Every event matching ``filters``, page by page, up to ``cap`` (the total is returned too). */
export async function getEvents(filters, { cap = 20000, page = 1000, sort = "-event_date" } = {}) {
  const items = [];
  let total = 0;
  for (let offset = 0; offset < cap; offset += page) {
    const res = await call(`/api/events?${query({ ...filters, limit: page, offset, sort })}`);
    total = res.total;
    items.push(...res.items);
    if (items.length >= total || res.items.length < page) break;
  }
  return { items, total };
}
