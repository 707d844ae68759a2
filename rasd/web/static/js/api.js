// Calls to rasd's own HTTP API (same origin only: the page never talks to another host).

export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : JSON.stringify(detail));
    this.status = status;
  }
}

// The session's CSRF token (from /api/me or /api/login): every write from the page echoes it.
let csrf = null;
export const setCsrf = (token) => (csrf = token ?? null);

async function call(path, options = {}) {
  const method = options.method ?? "GET";
  const headers = { Accept: "application/json", ...(options.headers ?? {}) };
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const response = await fetch(path, { credentials: "same-origin", ...options, headers });
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
export const lookupActors = (q) => call(`/api/lookup/actors?${query({ q })}`);
export const lookupPlaces = (q) => call(`/api/lookup/places?${query({ q })}`);

/** Review an event as the signed-in account; ``version`` (the one shown) makes a stale edit fail with 412. */
export function review(id, payload, version) {
  return call(`/api/events/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "If-Match": `"${version}"` },
    body: JSON.stringify(payload),
  });
}

export const getMe = () => call("/api/me");
export function login(name, password) {
  return call("/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
}
export const logout = () => call("/api/logout", { method: "POST" });

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
