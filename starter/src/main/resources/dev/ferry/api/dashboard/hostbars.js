// An evacuation's source hosts, one bar each: its guests by state, in the order they settle
// (migrated first, then migrating, waiting, and those that will not move), with the counts beside.
import { svg, words } from "./dom.js";

const WIDTH = 760;
const ROW = 30;
const LABEL = 110;
const BAR = 430;
const ORDER = ["MIGRATED", "MIGRATING", "PENDING", "ROLLED_BACK", "NOT_STARTED", "FAILED", "CANNOT_MOVE", "NEEDS_ATTENTION"];

export function renderHostBars(target, sources) {
  target.replaceChildren();
  target.setAttribute("viewBox", `0 0 ${WIDTH} ${Math.max(1, sources.length) * ROW + 6}`);
  if (sources.length === 0) {
    target.append(svg("text", { x: 4, y: 20, class: "empty" }, "no guest yet"));
    return;
  }
  sources.forEach((s, i) => {
    const y = 4 + i * ROW;
    const counts = s.counts || {};
    const row = svg("g", { class: "source", "data-host": s.host, "data-vms": s.vms, "data-migrated": counts.MIGRATED || 0 },
      svg("text", { x: 4, y: y + 15 }, s.host));
    let x = LABEL;
    for (const state of ORDER) {
      const n = counts[state] || 0;
      if (n === 0 || s.vms === 0) continue;
      const w = (n / s.vms) * BAR;
      row.append(svg("rect", { x, y, width: Math.max(1, w - 1), height: 20, class: "state " + state.toLowerCase(), "data-state": state },
        svg("title", {}, n + " " + words(state))));
      x += w;
    }
    const text = ORDER.filter((st) => counts[st]).map((st) => counts[st] + " " + words(st)).join(", ");
    row.append(svg("text", { x: LABEL + BAR + 10, y: y + 15, class: "sub" }, (counts.MIGRATED || 0) + "/" + s.vms + " · " + text));
    target.append(row);
  });
}
