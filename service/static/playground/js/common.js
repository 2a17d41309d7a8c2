// Shared helpers: API calls, the latest-wins scheduler, uPlot charts that follow their
// container's width, parameter forms built from catalog entries, and the debug object
// window.__playground (timings and chart data, read by the browser tests).
import uPlot from "/static/vendor/uplot/uPlot.esm.js";

export { uPlot };

export const COLORS = ["#1f5fbf", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#0b7285", "#5c940d", "#e67700"];

// ---- the debug object -------------------------------------------------------------------

const state = {
  commonAt: performance.now(),
  loadedAt: null,
  panels: {},
};
window.__playground = {
  state,
  panel(name) {
    return panelState(name);
  },
  // JSON-safe summary: per panel the first-chart time, renders, latencies, and per chart the
  // number of finite points of every series
  summary() {
    const out = {};
    for (const [name, p] of Object.entries(state.panels)) {
      const charts = {};
      for (const [cname, c] of Object.entries(p.charts)) charts[cname] = c.describe();
      out[name] = {
        firstChartAt: p.firstChartAt,
        renders: p.renders,
        latencies: p.latencies.slice(),
        busy: p.busy,
        charts,
        info: p.info,
      };
    }
    return out;
  },
};

export function panelState(name) {
  if (!state.panels[name]) {
    state.panels[name] = { firstChartAt: null, renders: 0, latencies: [], charts: {}, busy: false, info: {} };
  }
  return state.panels[name];
}

// A chart registered with the panel: `describe()` returns {series: [{label, points}]}.
export function registerChart(panel, name, chart) {
  panelState(panel).charts[name] = chart;
}

export function markRendered(panel) {
  const p = panelState(panel);
  p.renders += 1;
  if (p.firstChartAt === null) p.firstChartAt = performance.now();
}

// ---- API ------------------------------------------------------------------------------------

export class ApiError extends Error {}

async function handle(resp) {
  const type = resp.headers.get("content-type") || "";
  const body = type.includes("json") ? await resp.json() : await resp.text();
  if (!resp.ok) {
    const detail = body && body.detail ? body.detail : `${resp.status} ${resp.statusText}`;
    throw new ApiError(detail);
  }
  return body;
}

export async function getJSON(url) {
  return handle(await fetch(url, { headers: { Accept: "application/json" } }));
}

export async function postJSON(url, payload) {
  return handle(
    await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    }),
  );
}

// Numbers on the wire: non-finite values are the strings "NaN", "Infinity", "-Infinity".
export function num(v) {
  if (typeof v === "number") return v;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return NaN;
}

export function nums(list) {
  return list.map(num);
}

// Finite values only (uPlot draws gaps for null)
export function plotNums(list) {
  return list.map((v) => {
    const n = num(v);
    return Number.isFinite(n) ? n : null;
  });
}

export function fmt(v, digits = 4) {
  const n = num(v);
  if (!Number.isFinite(n)) return String(v);
  if (n !== 0 && (Math.abs(n) < 1e-3 || Math.abs(n) >= 1e5)) return n.toExponential(2);
  return Number(n.toPrecision(digits)).toString();
}

// ---- scheduling -------------------------------------------------------------------------------

// Latest wins: a trigger while a run is in flight queues one more run (with the newest
// inputs) instead of piling up requests. The latency of a run is measured from the event
// that caused it to the end of the render and kept on the panel.
export function scheduler(panel, run, statusEl) {
  let running = false;
  let pendingSince = null;
  const p = panelState(panel);
  async function go(since) {
    running = true;
    p.busy = true;
    try {
      await run();
      if (statusEl) statusEl.textContent = "";
      if (since !== undefined && since !== null) p.latencies.push(performance.now() - since);
    } catch (err) {
      if (statusEl) statusEl.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      running = false;
      if (pendingSince !== null) {
        const s = pendingSince;
        pendingSince = null;
        go(s);
      } else {
        p.busy = false;
      }
    }
  }
  return function trigger(interactive = true) {
    const since = interactive ? performance.now() : null;
    if (running) {
      pendingSince = since ?? pendingSince ?? performance.now();
      return;
    }
    go(since);
  };
}

// ---- charts -------------------------------------------------------------------------------------

function widthOf(el) {
  return Math.max(260, Math.floor(el.clientWidth || el.getBoundingClientRect().width || 600));
}

// A uPlot chart sized to its container (height from a width ratio), re-sized on resize.
export class LineChart {
  constructor(el, makeOpts, { ratio = 0.5, minHeight = 220, maxHeight = 420 } = {}) {
    this.el = el;
    this.makeOpts = makeOpts;
    this.ratio = ratio;
    this.minHeight = minHeight;
    this.maxHeight = maxHeight;
    this.u = null;
    this.key = null;
    this.labels = [];
    new ResizeObserver(() => this.resize()).observe(el);
  }

  size() {
    const width = widthOf(this.el);
    const height = Math.round(Math.min(this.maxHeight, Math.max(this.minHeight, width * this.ratio)));
    return { width, height };
  }

  resize() {
    if (!this.u) return;
    const { width, height } = this.size();
    if (width !== this.u.width || height !== this.u.height) this.u.setSize({ width, height });
  }

  // `series` is uPlot's list without the x entry; the chart is rebuilt when the list of series
  // (key) changes, otherwise only its data are replaced.
  set(data, series, key, extra = {}) {
    this.labels = series.map((s) => s.label);
    this.data = data;
    if (this.u && this.key === key) {
      this.u.setData(data, extra.resetScales ?? true);
      return;
    }
    if (this.u) this.u.destroy();
    const opts = { ...this.makeOpts(series, extra), ...this.size() };
    opts.series = [{ label: opts.xLabel || "x" }, ...series];
    this.u = new uPlot(opts, data, this.el);
    this.key = key;
  }

  redraw() {
    if (this.u) this.u.redraw(false, false);
  }

  describe() {
    const series = [];
    if (this.data) {
      for (let i = 1; i < this.data.length; i++) {
        const ys = this.data[i].filter((v) => v !== null && Number.isFinite(v));
        // a fingerprint of the data: an index-weighted sum (a plain sum of probabilities is 1)
        const sum = ys.reduce((a, v, k) => a + v * (1 + 0.618 * k), 0) + this.data[0].reduce((a, v) => a + v, 0);
        series.push({ label: this.labels[i - 1], points: ys.length, sum });
      }
    }
    return { kind: "uplot", canvas: !!this.el.querySelector("canvas"), series };
  }
}

export function seriesLine(label, color, { dash = null, width = 2, scale = "y", points = false } = {}) {
  const s = { label, stroke: color, width, scale, points: { show: points }, spanGaps: false };
  if (dash) s.dash = dash;
  s.value = (u, v) => (v === null || v === undefined ? "—" : fmt(v));
  return s;
}

// Bars; for two series side by side give the first align -1 and the second align 1.
export function seriesBars(label, color, { fill = null, align = 0, size = 0.7 } = {}) {
  return {
    label,
    stroke: color,
    fill: fill || color + "99",
    width: 1,
    paths: uPlot.paths.bars({ size: [size, 80], align }),
    points: { show: false },
    value: (u, v) => (v === null || v === undefined ? "—" : fmt(v)),
  };
}

// ---- parameter forms -------------------------------------------------------------------------

// Controls for a catalog entry's params (float/int/tensor → number, bool → checkbox,
// str with choices → select); `onChange` is called on input. Returns a reader of the values
// that differ from the defaults.
export function paramForm(container, idPrefix, params, onChange, overrides = {}) {
  container.replaceChildren();
  const readers = [];
  for (const p of params) {
    if (!["float", "int", "tensor", "bool", "str"].includes(p.type)) continue;
    if (p.type === "tensor" && p.default === null) continue;
    const id = `${idPrefix}-${p.name}`;
    const field = document.createElement("div");
    field.className = "field";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = p.name;
    label.title = p.description || "";
    let input;
    const initial = p.name in overrides ? overrides[p.name] : p.default;
    if (p.type === "bool") {
      field.className = "field check";
      input = document.createElement("input");
      input.type = "checkbox";
      input.checked = Boolean(initial);
      field.append(input, label);
      readers.push(() => (input.checked !== Boolean(p.default) ? [p.name, input.checked] : null));
    } else if (p.type === "str") {
      input = document.createElement("select");
      for (const c of p.choices || [p.default]) {
        const o = document.createElement("option");
        o.value = c;
        o.textContent = c;
        input.append(o);
      }
      input.value = initial;
      field.append(label, input);
      readers.push(() => (input.value !== p.default ? [p.name, input.value] : null));
    } else {
      input = document.createElement("input");
      input.type = "number";
      input.step = p.type === "int" ? "1" : "any";
      input.inputMode = "decimal";
      input.value = initial;
      field.append(label, input);
      readers.push(() => {
        if (input.value === "" || !Number.isFinite(Number(input.value))) return null;
        const v = Number(input.value);
        return v !== Number(p.default) ? [p.name, v] : null;
      });
    }
    input.id = id;
    input.setAttribute("aria-describedby", `${id}-desc`);
    const desc = document.createElement("span");
    desc.id = `${id}-desc`;
    desc.hidden = true;
    // any finite number ("(-inf, inf)") goes without saying
    const bounded = p.range && p.range !== "(-inf, inf)";
    desc.textContent = `${p.description || ""}${bounded ? ` (${p.range})` : ""}`;
    field.append(desc);
    input.addEventListener(p.type === "bool" || p.type === "str" ? "change" : "input", () => onChange());
    container.append(field);
  }
  return () => Object.fromEntries(readers.map((r) => r()).filter(Boolean));
}

export function option(select, value, text = value) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  select.append(o);
  return o;
}

export function $(id) {
  return document.getElementById(id);
}
