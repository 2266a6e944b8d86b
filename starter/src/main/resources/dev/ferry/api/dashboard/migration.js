// One migration: what it is, its phases, and its transfer over time with the convergence steps.
//
// The chart's samples are collected here, one per poll of GET /v1/tasks/{id}, and kept in this
// tab's sessionStorage, so a reload keeps the curve. The server stays stateless: the workflow's
// progress query answers only the latest figures, and any number of API servers behind a load
// balancer can serve the page. The cost: the curve starts when someone first opened the page;
// the steps are exact anyway, since the query carries them all with their times.
import { get } from "./api.js";
import { renderChart } from "./chart.js";
import { el, size, duration, words } from "./dom.js";
import { renderTimeline } from "./timeline.js";

const MAX_SAMPLES = 2000;

function storageKey(id) {
  return "ferry.samples." + id;
}

function load(id) {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey(id))) || { samples: [], offset: 0, last: -1 };
  } catch {
    return { samples: [], offset: 0, last: -1 };
  }
}

function save(id, series) {
  try {
    sessionStorage.setItem(storageKey(id), JSON.stringify(series));
  } catch {
    // Storage full: the curve still grows in this page, it just will not survive a reload.
  }
}

/**
 * Adds the task's figures as a sample unless the heartbeat has not moved since the last one. A
 * job elapsed time that went backwards is a new transfer job (a retried perform): it continues
 * the curve after the old one instead of drawing over it.
 */
function addSample(series, m) {
  const t = m.jobElapsedMillis;
  if (t === null || t === undefined || m.dataRemainingBytes === null) return false;
  if (t === series.last) return false;
  if (t < series.last) series.offset += series.last;
  series.last = t;
  series.samples.push({
    x: series.offset + t,
    remaining: m.dataRemainingBytes,
    transfer: m.transferRateBytesPerSec || 0,
    dirty: m.dirtyRateBytesPerSec || 0,
  });
  if (series.samples.length > MAX_SAMPLES) series.samples.splice(0, series.samples.length - MAX_SAMPLES);
  return true;
}

function summary(task) {
  const m = task.migration || {};
  const lines = [
    el("span", { class: "status " + task.status }, task.status),
    " ",
    task.message || "",
  ];
  const facts = [];
  if (m.percent !== undefined && m.percent !== null) facts.push(m.percent + " % done");
  if (m.iteration !== null && m.iteration !== undefined) facts.push("pass " + m.iteration);
  if (m.dataRemainingBytes !== null && m.dataRemainingBytes !== undefined) facts.push(size(m.dataRemainingBytes) + " remaining");
  if (m.maxDowntimeMs !== null && m.maxDowntimeMs !== undefined) facts.push("max downtime " + m.maxDowntimeMs + " ms");
  if (m.etaSeconds !== null && m.etaSeconds !== undefined) facts.push("about " + m.etaSeconds + " s left");
  if (m.stats) facts.push("downtime " + duration(m.stats.downtimeMillis), size(m.stats.dataTransferredBytes) + " sent");
  return [el("p", {}, ...lines), el("p", { class: "facts" }, facts.join(" · "))];
}

function stepList(steps) {
  if (steps.length === 0) return [el("li", { class: "empty" }, "none taken")];
  return steps.map((s) =>
    el("li", {}, `${words(s.action)} after ${duration(s.elapsedMillis)} (${s.trigger}), max downtime ${s.maxDowntimeMs} ms`,
      s.result ? el("span", { class: "error" }, "; not applied: " + s.result) : null));
}

export const migrationView = {
  start(root, id, context) {
    const title = el("h2", { id: "title" }, id);
    const about = el("div", { id: "summary" });
    const timeline = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    timeline.id = "timeline";
    const chart = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    chart.id = "chart";
    const steps = el("ol", { id: "steps" });
    root.append(
      el("p", {}, el("a", { href: "#/" }, "← all migrations")),
      title, about,
      el("h3", {}, "Phases"), timeline,
      el("h3", {}, "Transfer"), chart,
      el("p", { class: "note" }, "Samples since this tab first opened the migration, one a second."),
      el("h3", {}, "Convergence steps"), steps);
    const series = load(id);
    const stop = context.poll(async () => {
      const task = await get("/v1/tasks/" + encodeURIComponent(id));
      const m = task.migration || {};
      title.textContent = (m.vm || id) + (m.source ? " " + m.source : "") + " → " + (m.destination || "?");
      about.replaceChildren(...summary(task));
      if (addSample(series, m)) save(id, series);
      renderTimeline(timeline, m.phases, Date.now());
      const taken = (m.steps || []).map((s) => ({ ...s, x: s.elapsedMillis }));
      renderChart(chart, series.samples, taken);
      steps.replaceChildren(...stepList(m.steps || []));
      return task.status === "running" ? "again" : "done";
    });
    return stop;
  },
};
