// The live feed: new events pushed by the server (GET /api/live, server-sent events), a badge counting
// the ones not yet looked at, and — for admins — the alert rules, edited as YAML.
// Everything received is set as text, never parsed as HTML.

const TEXT = {
  live: { ar: "مباشر", en: "Live" },
  title: { ar: "أحداث جديدة", en: "New events" },
  empty: { ar: "لا أحداث جديدة منذ فتح الصفحة", en: "No new events since the page was opened" },
  connected: { ar: "متصل", en: "connected" },
  reconnecting: { ar: "إعادة الاتصال…", en: "reconnecting…" },
  rules: { ar: "قواعد التنبيه", en: "Alert rules" },
  save: { ar: "حفظ", en: "Save" },
  remove: { ar: "حذف", en: "Delete" },
  add: { ar: "قاعدة جديدة", en: "New rule" },
  saved: { ar: "حُفظت", en: "saved" },
  admin_only: { ar: "يعدّل القواعد مدير فقط", en: "Only an admin can edit rules" },
  open: { ar: "افتح", en: "Open" },
  close: { ar: "إغلاق", en: "Close" },
};
const NEW_RULE = "name: my-rule\ncountry: SY\nadmin1: Deir ez-Zor\nevent_types: [Battles, Explosions/Remote violence]\nmin_fatalities: 1\nstatus: new\n";

const $ = (sel) => document.querySelector(sel);
const lang = () => (document.documentElement.lang === "en" ? "en" : "ar");
const tr = (key) => TEXT[key][lang()];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

const state = { items: [], unseen: 0, me: null, csrf: null };

function renderBadge() {
  const badge = $("#live-count");
  badge.textContent = state.unseen ? String(state.unseen) : "";
  badge.dataset.count = String(state.unseen);
  $("#live-toggle").classList.toggle("has-new", state.unseen > 0);
}

function renderItems() {
  const list = $("#live-list");
  list.replaceChildren();
  list.dataset.count = String(state.items.length);
  if (!state.items.length) list.append(el("li", { class: "live-empty" }, tr("empty")));
  for (const item of state.items) {
    const link = el("a", { href: item.url, class: "live-open" }, item.headline[lang()]);
    const rules = el("span", { class: "live-rules" }, ...item.rules.map((r) => el("span", { class: "rule-chip" }, r)));
    const li = el(
      "li",
      { class: "live-item", "data-event-id": item.event_id },
      link,
      item.rules.length ? rules : "",
      item.quote ? el("blockquote", { dir: "rtl", lang: "ar" }, item.quote) : "",
    );
    list.append(li);
  }
}

function connect() {
  const status = $("#live-status");
  const source = new EventSource("/api/live");
  source.addEventListener("open", () => {
    status.textContent = tr("connected");
    status.dataset.state = "open";
  });
  source.addEventListener("event", (msg) => {
    const item = JSON.parse(msg.data);
    if (state.items.some((x) => x.event_id === item.event_id)) return;
    state.items.unshift(item);
    state.items.length = Math.min(state.items.length, 200);
    if ($("#live-panel").hidden) state.unseen += 1;
    renderBadge();
    renderItems();
  });
  source.addEventListener("error", () => {
    status.textContent = tr("reconnecting");
    status.dataset.state = "retry";
  });
}

// Alert rules --------------------------------------------------------------------------------------
async function call(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers ?? {}) };
  if ((options.method ?? "GET") !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const r = await fetch(path, { credentials: "same-origin", ...options, headers });
  const body = r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const d = body?.detail;
    const problems = d?.problems?.length ? d.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n") : null;
    throw new Error(problems ?? d?.message ?? (typeof d === "string" ? d : JSON.stringify(d ?? body)));
  }
  return body;
}

function ruleForm(name, yaml, isNew) {
  const admin = state.me?.role === "admin";
  const area = el("textarea", { class: "rule-yaml", spellcheck: false, rows: 7, readOnly: !admin, dir: "ltr" });
  area.value = yaml;
  const note = el("pre", { class: "rule-note", "aria-live": "polite" });
  const form = el("form", { class: "rule-form", "data-rule": name || "" }, area, note);
  if (admin) {
    const save = el("button", { type: "submit", class: "rule-save" }, tr("save"));
    form.append(save);
    if (!isNew) {
      const del = el("button", { type: "button", class: "rule-delete" }, tr("remove"));
      del.addEventListener("click", async () => {
        try {
          await call(`/api/alerts/rules/${encodeURIComponent(name)}`, { method: "DELETE" });
          await loadRules();
        } catch (e) {
          note.textContent = e.message;
          note.dataset.kind = "error";
        }
      });
      form.append(del);
    }
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const typed = /^name:\s*(\S+)/m.exec(area.value)?.[1] ?? name;
      try {
        await call(`/api/alerts/rules/${encodeURIComponent(typed)}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ yaml: area.value }),
        });
        note.textContent = tr("saved");
        note.dataset.kind = "ok";
        await loadRules();
      } catch (e) {
        note.textContent = e.message;
        note.dataset.kind = "error";
      }
    });
  }
  return form;
}

async function loadRules() {
  const box = $("#live-rules");
  let rules = [];
  try {
    rules = await call("/api/alerts/rules");
  } catch {
    return;
  }
  box.replaceChildren(el("h3", {}, tr("rules")));
  if (state.me?.role !== "admin") box.append(el("p", { class: "note" }, tr("admin_only")));
  for (const r of rules) {
    box.append(el("h4", {}, `${r.name} · ${r.origin}${r.updated_by ? " · " + r.updated_by : ""}`), ruleForm(r.name, r.yaml, false));
  }
  if (state.me?.role === "admin") box.append(el("h4", {}, tr("add")), ruleForm("", NEW_RULE, true));
  box.dataset.count = String(rules.length);
}

async function whoAmI() {
  try {
    const me = await call("/api/me");
    state.me = me?.authenticated ? me : null;
    state.csrf = me?.csrf ?? null;
  } catch {
    state.me = null;
  }
}

function toggle(open) {
  const panel = $("#live-panel");
  panel.hidden = !(open ?? panel.hidden);
  $("#live-toggle").setAttribute("aria-expanded", String(!panel.hidden));
  if (!panel.hidden) {
    state.unseen = 0;
    renderBadge();
    whoAmI().then(loadRules);
  }
}

function labels() {
  $("#live-label").textContent = tr("live");
  $("#live-title").textContent = tr("title");
  $("#live-close").textContent = tr("close");
  renderItems();
}

function start() {
  if (!$("#live-toggle")) return;
  $("#live-toggle").addEventListener("click", () => toggle());
  $("#live-close").addEventListener("click", () => toggle(false));
  $("#live-list").addEventListener("click", (ev) => {
    if (ev.target.closest("a.live-open")) toggle(false);
  });
  new MutationObserver(labels).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  labels();
  renderBadge();
  connect();
}

start();
