// The transfer over time: data remaining (left axis) and transfer and dirty rates (right axis)
// against seconds into the transfer job, with the convergence steps as marked vertical lines.
// Samples and steps share the job's own clock (jobElapsedMillis and elapsedMillis), so the marks
// sit where the steps happened whatever the browser's clock says.
import { svg, size, words } from "./dom.js";

const W = 760;
const H = 300;
const M = { left: 70, right: 80, top: 28, bottom: 36 };
const SERIES = [
  { key: "remaining", label: "data remaining", axis: "left" },
  { key: "transfer", label: "transfer rate", axis: "right" },
  { key: "dirty", label: "dirty rate", axis: "right" },
];

/**
 * Draws samples [{x (ms), remaining, transfer, dirty}] and steps [{x (ms), action,
 * maxDowntimeMs, result}] into an <svg>.
 */
export function renderChart(target, samples, steps) {
  target.replaceChildren();
  target.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const xMax = Math.max(1000, ...samples.map((s) => s.x), ...steps.map((s) => s.x));
  const leftMax = Math.max(1, ...samples.map((s) => s.remaining));
  const rightMax = Math.max(1, ...samples.map((s) => Math.max(s.transfer, s.dirty)));
  const px = (x) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (v, max) => H - M.bottom - (v / max) * (H - M.top - M.bottom);

  axes(target, xMax, leftMax, rightMax, px, py);
  for (const series of SERIES) {
    const max = series.axis === "left" ? leftMax : rightMax;
    const d = samples
      .map((s, i) => (i === 0 ? "M" : "L") + px(s.x).toFixed(1) + " " + py(s[series.key], max).toFixed(1))
      .join(" ");
    target.append(svg("path", { class: "series " + series.key, d, "data-points": samples.length }));
  }
  steps.forEach((step, i) => {
    const x = px(step.x);
    target.append(
      svg("g", { class: "step" + (step.result ? " not-applied" : ""), "data-action": step.action },
        svg("title", {}, words(step.action) + ", max downtime " + step.maxDowntimeMs + " ms" +
          (step.result ? "; not applied: " + step.result : "")),
        svg("line", { x1: x, x2: x, y1: M.top, y2: H - M.bottom }),
        // Labels near the right edge go left of their line, clear of the rate axis.
        svg("text", nearRight(x) ? { x: x - 3, y: labelY(i), class: "left" } : { x: x + 3, y: labelY(i) },
          words(step.action))));
  });
  legend(target);
  if (samples.length === 0) {
    target.append(svg("text", { x: M.left + 10, y: H / 2, class: "empty" }, "no transfer samples yet"));
  }
}

function nearRight(x) {
  return x > W - M.right - 130;
}

function labelY(i) {
  return M.top + 10 + (i % 3) * 12;
}

function axes(target, xMax, leftMax, rightMax, px, py) {
  const g = svg("g", { class: "axes" });
  g.append(svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
  g.append(svg("line", { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }));
  g.append(svg("line", { x1: W - M.right, x2: W - M.right, y1: M.top, y2: H - M.bottom }));
  for (const f of [0, 0.5, 1]) {
    g.append(svg("text", { x: M.left - 6, y: py(f * leftMax, leftMax) + 4, class: "left" }, size(f * leftMax)));
    g.append(svg("text", { x: W - M.right + 6, y: py(f * rightMax, rightMax) + 4 }, size(f * rightMax) + "/s"));
    g.append(svg("text", { x: px(f * xMax), y: H - M.bottom + 16, class: "middle" }, (f * xMax / 1000).toFixed(1) + " s"));
  }
  g.append(svg("text", { x: (M.left + W - M.right) / 2, y: H - 4, class: "middle" }, "time into the transfer"));
  target.append(g);
}

function legend(target) {
  let x = M.left;
  for (const series of SERIES) {
    target.append(
      svg("g", { class: "legend " + series.key },
        svg("line", { x1: x, x2: x + 18, y1: 12, y2: 12 }),
        svg("text", { x: x + 22, y: 16 }, series.label + (series.axis === "left" ? " (left)" : " (right)"))));
    x += 170;
  }
  target.append(
    svg("g", { class: "legend step" },
      svg("line", { x1: x, x2: x + 18, y1: 12, y2: 12 }),
      svg("text", { x: x + 22, y: 16 }, "convergence step")));
}
