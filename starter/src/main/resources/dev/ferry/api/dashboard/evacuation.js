// One evacuation: what it drains and how far it got, a bar per source host, and a row per guest
// with its state, where it goes, what it sent and, while it migrates, its migration's phase.
import { get } from "./api.js";
import { el, size, words } from "./dom.js";
import { renderHostBars } from "./hostbars.js";

function summary(task) {
  const e = task.evacuation || {};
  const facts = [];
  if (task.progress !== undefined) facts.push(task.progress + " % of the bytes moved");
  if (e.bytesTotal !== undefined) facts.push(size(e.bytesMoved) + " of " + size(e.bytesTotal));
  if (e.bytesTransferred) facts.push(size(e.bytesTransferred) + " sent");
  if (e.etaSeconds !== null && e.etaSeconds !== undefined && e.phase !== "DONE") facts.push("about " + e.etaSeconds + " s left");
  if (e.deadline) facts.push("deadline " + new Date(e.deadline).toLocaleString());
  return [
    el("p", {}, el("span", { class: "status " + task.status }, task.status), " ", task.message || ""),
    el("p", { class: "facts" }, facts.join(" · ")),
  ];
}

function vmRow(vm, migration) {
  const link = el("a", { href: "#/migration/" + encodeURIComponent("migration-" + vm.vm) }, vm.vm);
  const phase = migration && migration.phase
    ? words(migration.phase) + (migration.percent === null || migration.percent === undefined ? "" : " " + migration.percent + " %")
    : "";
  return el("tr", { "data-vm": vm.vm, class: words(vm.state) },
    el("td", {}, link),
    el("td", { class: "state" }, words(vm.state)),
    el("td", {}, vm.source + " → " + (vm.destination || "-")),
    el("td", {}, size(vm.transferredBytes) + " / " + size(vm.bytes)),
    el("td", { class: "phase" }, phase),
    el("td", {}, String(vm.attempts)),
    el("td", { class: "reason" }, vm.reason || ""));
}

export const evacuationView = {
  start(root, id, context) {
    const title = el("h2", { id: "title" }, id);
    const about = el("div", { id: "summary" });
    const bars = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    bars.id = "sources";
    const rows = el("tbody");
    const columns = ["VM", "state", "from → to", "sent / size", "phase", "attempts", "reason"];
    root.append(
      el("p", {}, el("a", { href: "#/" }, "← all migrations and evacuations")),
      title, about,
      el("h3", {}, "Source hosts"), bars,
      el("h3", {}, "Guests"),
      el("table", { id: "vms" }, el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", {}, c)))), rows));
    return context.poll(async () => {
      const task = await get("/v1/evacuations/" + encodeURIComponent(id));
      const e = task.evacuation || {};
      title.textContent = "evacuation " + (e.batchId || id) + ": " + (e.hosts || []).join(", ") + " (" + words(e.phase) + ")";
      about.replaceChildren(...summary(task));
      renderHostBars(bars, task.sources || []);
      const migrations = task.migrations || {};
      rows.replaceChildren(...(e.vms || []).map((vm) => vmRow(vm, migrations[vm.vm])));
      return task.status === "running" ? "again" : "done";
    });
  },
};
