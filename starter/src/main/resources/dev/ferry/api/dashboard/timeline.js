// A migration's phases as a bar of segments, each as wide as the phase took (a sliver at least,
// so a 20 ms check stays visible), coloured by how it ended.
import { svg, duration, words } from "./dom.js";

const WIDTH = 760;
const HEIGHT = 56;
const MIN_SHARE = 0.06;

export function renderTimeline(target, phases, nowMs) {
  target.replaceChildren();
  target.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  if (!phases || phases.length === 0) {
    target.append(svg("text", { x: 4, y: 30, class: "empty" }, "no phase yet"));
    return;
  }
  const spans = phases.map((p) => {
    const start = Date.parse(p.start);
    const end = p.end ? Date.parse(p.end) : nowMs;
    return { ...p, ms: Math.max(0, end - start) };
  });
  const total = spans.reduce((sum, p) => sum + p.ms, 0) || 1;
  const shares = spans.map((p) => Math.max(MIN_SHARE, p.ms / total));
  const scale = WIDTH / shares.reduce((a, b) => a + b, 0);
  let x = 0;
  spans.forEach((p, i) => {
    const w = shares[i] * scale;
    const state = p.result === "ok" ? "ok" : p.result === "running" ? "running" : "failed";
    target.append(
      svg("g", { class: "phase " + state, "data-phase": p.name },
        svg("title", {}, words(p.name) + ": " + duration(p.ms) + (state === "failed" ? " (" + p.result + ")" : "")),
        svg("rect", { x: x + 1, y: 4, width: Math.max(1, w - 2), height: 28, rx: 3 }),
        svg("text", { x: x + 6, y: 23 }, words(p.name)),
        svg("text", { x: x + 6, y: 48, class: "sub" }, duration(p.ms))));
    x += w;
  });
}
