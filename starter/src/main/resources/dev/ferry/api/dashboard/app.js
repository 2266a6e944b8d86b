// The dashboard: a router over views, a poller that views share, and the token prompt.
//
// Views are picked by the location's hash: "#/" lists migrations and evacuations,
// "#/migration/ID" and "#/evacuation/ID" follow one. A view is { start(root, id, context) }
// returning a function that stops it.
import * as api from "./api.js";
import { evacuationView } from "./evacuation.js";
import { listView } from "./list.js";
import { migrationView } from "./migration.js";

const VIEWS = { "": listView, migration: migrationView, evacuation: evacuationView };
const POLL_MS = 1000;

let stopView = null;
const pollers = new Set();

/**
 * Runs task now and every POLL_MS, one at a time, until it answers "done" or the view changes.
 * A 401 pauses every poller and asks for the token; other errors show in the footer and retry.
 */
function poll(task) {
  const poller = { timer: null, stopped: false };
  const tick = async () => {
    if (poller.stopped) return;
    try {
      const result = await task();
      setStatus("updated " + new Date().toLocaleTimeString());
      if (result === "done") return;
    } catch (e) {
      if (e instanceof api.Unauthorized) {
        askToken(e.message);
        return;
      }
      setStatus("error: " + e.message);
    }
    if (!poller.stopped) poller.timer = setTimeout(tick, POLL_MS);
  };
  pollers.add(poller);
  tick();
  return () => {
    poller.stopped = true;
    clearTimeout(poller.timer);
    pollers.delete(poller);
  };
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

function showAuth() {
  const has = api.token() !== null;
  document.getElementById("auth-state").textContent = has ? "token in use" : "";
  document.getElementById("forget").hidden = !has;
}

function askToken(message) {
  for (const poller of [...pollers]) {
    poller.stopped = true;
    clearTimeout(poller.timer);
  }
  pollers.clear();
  const form = document.getElementById("login");
  document.getElementById("login-error").textContent = api.token() ? message : "";
  form.hidden = false;
  document.getElementById("token").focus();
}

function route() {
  if (stopView) stopView();
  const [kind = "", ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  const view = VIEWS[kind] || listView;
  const root = document.getElementById("view");
  root.replaceChildren();
  stopView = view.start(root, decodeURIComponent(rest.join("/")), { poll });
  showAuth();
}

document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  api.setToken(document.getElementById("token").value);
  document.getElementById("token").value = "";
  document.getElementById("login").hidden = true;
  route();
});
document.getElementById("forget").addEventListener("click", () => {
  api.forgetToken();
  route();
});
window.addEventListener("hashchange", route);
route();
