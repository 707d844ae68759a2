// Signing in and out: the account area of the top bar, and who the page reviews as.
// The session is an HttpOnly cookie the page never sees; what it keeps is the name, the role and the
// CSRF token that api.js sends with every write.

import * as api from "./api.js";
import { t } from "./i18n.js";

let current = { authenticated: false, read_open: true };
let changed = () => {};

const RANK = { viewer: 1, reviewer: 2, admin: 3 };

export const me = () => current;
export const canReview = () => current.authenticated && (RANK[current.role] ?? 0) >= RANK.reviewer;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function set(value) {
  current = value;
  api.setCsrf(value.csrf);
  render();
  changed(current);
}

/** Show the sign-in form (from a review button pressed while signed out, or a 401). */
export function promptLogin(message = "") {
  const form = document.getElementById("login-form");
  if (!form) return;
  form.hidden = false;
  document.getElementById("login-msg").textContent = message;
  document.getElementById("login-name").focus();
}

function render() {
  const box = document.getElementById("account");
  if (current.authenticated) {
    box.replaceChildren(
      el("span", { id: "account-name", class: "account-name" }, `${current.name} · ${t(`role_${current.role}`)}`),
      el("button", { type: "button", id: "btn-logout", class: "link-light", onclick: signOut }, t("logout")),
    );
    return;
  }
  const name = el("input", { id: "login-name", name: "name", autocomplete: "username", maxlength: "64", required: "" });
  const password = el("input", { id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: "" });
  const msg = el("span", { id: "login-msg", class: "login-msg", "aria-live": "polite" });
  const form = el(
    "form",
    { id: "login-form", class: "login-form", hidden: "" },
    el("label", {}, t("account_name"), name),
    el("label", {}, t("password"), password),
    el("button", { type: "submit", id: "login-submit" }, t("login")),
    msg,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      set(await api.login(name.value.trim(), password.value));
    } catch (e) {
      msg.textContent = e.status === 429 ? t("login_throttled") : t("login_failed");
      password.value = "";
    }
  });
  box.replaceChildren(el("button", { type: "button", id: "btn-login", class: "link-light", onclick: () => promptLogin() }, t("login")), form);
}

async function signOut() {
  try {
    await api.logout();
  } finally {
    set({ authenticated: false, read_open: current.read_open });
  }
}

/** Learn who the page is signed in as; ``onChange(me)`` runs after every sign-in and sign-out. */
export async function initAccount(onChange) {
  changed = onChange;
  try {
    current = await api.getMe();
  } catch {
    current = { authenticated: false, read_open: true };
  }
  api.setCsrf(current.csrf);
  render();
  return current;
}

/** Re-draw the account area in the current language. */
export const renderAccount = render;
