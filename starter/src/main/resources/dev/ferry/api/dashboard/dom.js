// Small DOM helpers. Text always goes in through textContent, never as markup: names shown here
// came from requests.

const SVG = "http://www.w3.org/2000/svg";

/** An HTML element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  return fill(node, attrs, children);
}

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  return fill(node, attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** Bytes as MiB or GiB, for axes and summaries. */
export function size(bytes) {
  if (bytes === null || bytes === undefined) return "-";
  const mib = bytes / 1048576;
  return mib >= 1024 ? (mib / 1024).toFixed(1) + " GiB" : mib.toFixed(mib < 10 ? 1 : 0) + " MiB";
}

/** Milliseconds as "850 ms", "12.3 s" or "4 min 5 s". */
export function duration(ms) {
  if (ms < 1000) return Math.round(ms) + " ms";
  if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
  return Math.floor(ms / 60000) + " min " + Math.round((ms % 60000) / 1000) + " s";
}

/** A lower-case enum name for people: RAISE_MAX_DOWNTIME becomes "raise max downtime". */
export function words(name) {
  return name ? String(name).toLowerCase().replaceAll("_", " ") : "";
}
