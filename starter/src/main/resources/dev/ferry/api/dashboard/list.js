// The front page: running and recent work, one section per kind: migrations, then evacuations
// (those of maintenance windows and hosts entering maintenance included).
import { get } from "./api.js";
import { el, size, words } from "./dom.js";

const SECTIONS = [
  {
    title: "Migrations",
    path: "/v1/migrations?limit=50",
    columns: ["VM", "from", "to", "phase", "progress", "started"],
    row: migrationRow,
  },
  {
    title: "Evacuations",
    path: "/v1/evacuations?limit=50",
    columns: ["evacuation", "hosts", "phase", "guests", "moved", "started"],
    row: evacuationRow,
  },
];

function evacuationRow(e) {
  const running = e.status === "running";
  const guests = e.vms === undefined ? "-" : e.migrated + "/" + e.vms + " migrated" + (e.migrating ? ", " + e.migrating + " migrating" : "");
  const moved = e.bytesTotal === undefined ? "-" : size(e.bytesMoved) + " of " + size(e.bytesTotal);
  const link = el("a", { href: "#/evacuation/" + encodeURIComponent(e.workflowId) }, e.batchId || e.workflowId);
  return el(
    "tr",
    { "data-id": e.workflowId, class: running ? "running" : "ended " + words(e.status) },
    el("td", {}, link),
    el("td", {}, (e.hosts || []).join(", ") || "-"),
    el("td", {}, words(e.phase)),
    el("td", { class: "progress" }, guests),
    el("td", {}, moved),
    el("td", {}, e.started ? new Date(e.started).toLocaleString() : "-"),
  );
}

function migrationRow(m) {
  const running = m.status === "running";
  const progress = running
    ? (m.percent === undefined ? "-" : m.percent + " %")
    : m.outcome || m.status;
  const link = el("a", { href: "#/migration/" + encodeURIComponent(m.workflowId) }, m.vm || m.workflowId);
  return el(
    "tr",
    { "data-id": m.workflowId, class: running ? "running" : "ended " + words(m.outcome) },
    el("td", {}, link),
    el("td", {}, m.source || "-"),
    el("td", {}, m.destination || "-"),
    el("td", {}, words(m.phase)),
    el("td", { class: "progress" }, progress),
    el("td", {}, m.started ? new Date(m.started).toLocaleString() : "-"),
  );
}

export const listView = {
  start(root, _id, context) {
    const stops = SECTIONS.map((section) => {
      const body = el("tbody");
      const empty = el("p", { class: "empty", hidden: "" }, "none yet");
      root.append(
        el("section", { class: "listing" },
          el("h2", {}, section.title),
          el("table", { id: section.title.toLowerCase() },
            el("thead", {}, el("tr", {}, ...section.columns.map((c) => el("th", {}, c)))),
            body),
          empty));
      return context.poll(async () => {
        const rows = await get(section.path);
        body.replaceChildren(...rows.map(section.row));
        empty.hidden = rows.length > 0;
      });
    });
    return () => stops.forEach((stop) => stop());
  },
};
