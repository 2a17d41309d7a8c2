// Panel 1: f and f' of any elementwise activation (GET /v1/activations/{name}/curve), kinks,
// saturated and dead zones, overlays.
import { $, COLORS, LineChart, fmt, getJSON, markRendered, paramForm, plotNums, registerChart, scheduler, seriesLine, option, panelState } from "./common.js";

const PANEL = "activations";
const NUM = 401;
const SATURATED = 0.01;

// Where f' jumps between two samples: the jump is large against its neighbours' changes.
// The kink is placed where the two tangent lines meet (exact for piecewise-linear pieces).
export function findKinks(x, f, d) {
  const kinks = [];
  const n = x.length;
  const delta = (i) => (i >= 0 && i < n - 1 && Number.isFinite(d[i]) && Number.isFinite(d[i + 1]) ? Math.abs(d[i + 1] - d[i]) : 0);
  for (let i = 0; i < n - 1; i++) {
    const jump = delta(i);
    const around = Math.max(delta(i - 1), delta(i + 1));
    const fjump = Math.abs(f[i + 1] - f[i]);
    const h = x[i + 1] - x[i];
    const valueJump = fjump > 20 * h * (Math.abs(d[i]) + Math.abs(d[i + 1]) + 1e-9) && fjump > 1e-6;
    if ((jump > 1e-3 && jump > 8 * around) || valueJump) {
      let xk = (x[i] + x[i + 1]) / 2;
      if (!valueJump && Math.abs(d[i] - d[i + 1]) > 1e-12) {
        const t = (f[i + 1] - f[i] - d[i + 1] * x[i + 1] + d[i] * x[i]) / (d[i] - d[i + 1]);
        if (t >= x[i] - 1e-12 && t <= x[i + 1] + 1e-12) xk = t;
      }
      if (!kinks.length || Math.abs(kinks[kinks.length - 1] - xk) > 2 * h) kinks.push(xk);
    }
  }
  return kinks;
}

// Runs of samples where |f'| < SATURATED: [x0, x1, kind], kind dead when f' is exactly 0.
export function findZones(x, d) {
  const zones = [];
  let cur = null;
  for (let i = 0; i < x.length; i++) {
    const v = d[i];
    const kind = v === 0 ? "dead" : Number.isFinite(v) && Math.abs(v) < SATURATED ? "saturated" : null;
    if (cur && cur[2] === kind) {
      cur[1] = x[i];
    } else {
      if (cur) zones.push(cur);
      cur = kind ? [x[i], x[i], kind] : null;
    }
  }
  if (cur) zones.push(cur);
  return zones.filter((z) => z[1] > z[0]);
}

function decorations(u, info) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const [a, b, kind] of info.zones) {
    const x0 = u.valToPos(a, "x", true);
    const x1 = u.valToPos(b, "x", true);
    ctx.fillStyle = kind === "dead" ? "rgba(120,130,145,0.22)" : "rgba(245,166,35,0.22)";
    ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
  }
  ctx.strokeStyle = "#c92a2a";
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const k of info.kinks) {
    const px = u.valToPos(k, "x", true);
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

export function initActivations(catalogP) {
  const info = { zones: [], kinks: [] };
  const chart = new LineChart($("act-chart"), () => ({
    xLabel: "x",
    scales: { x: { time: false } },
    axes: [{ label: "x" }, { label: "f(x), f′(x)" }],
    hooks: { drawClear: [(u) => decorations(u, info)] },
    legend: { live: true },
    cursor: { focus: { prox: 16 } },
  }));
  registerChart(PANEL, "curve", chart);
  const p = panelState(PANEL);
  p.info = info;
  const status = $("act-status");
  const nameSel = $("act-name");
  const overlay = []; // {name, params, label}
  let readParams = () => ({});
  let catalog = null;

  const curveURL = (name, params) => {
    const q = new URLSearchParams({ start: $("act-start").value, stop: $("act-stop").value, num: String(NUM) });
    for (const [k, v] of Object.entries(params)) q.set(k, String(v));
    return `/v1/activations/${encodeURIComponent(name)}/curve?${q}`;
  };
  const label = (name, params) => {
    const shown = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(", ");
    return shown ? `${name}(${shown})` : name;
  };

  async function render() {
    const start = Number($("act-start").value);
    const stop = Number($("act-stop").value);
    if (!(Number.isFinite(start) && Number.isFinite(stop) && start < stop)) throw new Error("expected x from < x to");
    const name = nameSel.value || "leaky_relu";
    const params = readParams();
    const all = [{ name, params, label: label(name, params) }, ...overlay];
    const curves = await Promise.all(all.map((a) => getJSON(curveURL(a.name, a.params))));
    const x = curves[0].x.map(Number);
    const data = [x];
    const series = [];
    curves.forEach((c, i) => {
      const scalar = Object.fromEntries(Object.entries(c.params).filter(([, v]) => typeof v !== "object"));
      all[i].label = label(c.name, scalar);
      const color = COLORS[i % COLORS.length];
      data.push(plotNums(c.value), plotNums(c.derivative));
      series.push(seriesLine(`${all[i].label}`, color, { width: i ? 1.5 : 2.5 }));
      series.push(seriesLine(`${all[i].label}′`, color, { dash: [7, 5], width: i ? 1.2 : 1.8 }));
    });
    const f = data[1];
    const d = data[2];
    info.kinks = findKinks(x, f, d);
    info.zones = findZones(x, d);
    chart.set(data, series, all.map((a) => a.label).join("|"));
    const entry = catalog && catalog.find((a) => a.name === curves[0].name);
    const parts = [];
    parts.push(info.kinks.length ? `Kinks at x = ${info.kinks.map((k) => fmt(k, 3)).join(", ")}.` : "No kinks in this range.");
    const dead = info.zones.filter((z) => z[2] === "dead").map((z) => `[${fmt(z[0], 3)}, ${fmt(z[1], 3)}]`);
    const sat = info.zones.filter((z) => z[2] === "saturated").map((z) => `[${fmt(z[0], 3)}, ${fmt(z[1], 3)}]`);
    if (dead.length) parts.push(`Dead (f′ = 0): ${dead.join(", ")}.`);
    if (sat.length) parts.push(`Saturated (|f′| < ${SATURATED}): ${sat.join(", ")}.`);
    if (entry && entry.kinks) parts.push(`Catalog: ${entry.kinks}.`);
    $("act-notes").textContent = parts.join(" ");
    $("act-chart").setAttribute("aria-label", `${all.map((a) => a.label).join(", ")}: f and f′ from ${start} to ${stop}. ${parts[0]}`);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, status);

  function drawChips() {
    const ul = $("act-overlay");
    ul.replaceChildren();
    overlay.forEach((a, i) => {
      const li = document.createElement("li");
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = COLORS[(i + 1) % COLORS.length];
      const text = document.createElement("span");
      text.textContent = a.label;
      const rm = document.createElement("button");
      rm.type = "button";
      rm.className = "chip-remove";
      rm.textContent = "×";
      rm.setAttribute("aria-label", `Remove ${a.label} from the overlay`);
      rm.addEventListener("click", () => {
        overlay.splice(i, 1);
        drawChips();
        trigger();
      });
      li.append(sw, text, rm);
      ul.append(li);
    });
  }

  function buildForm() {
    const entry = catalog.find((a) => a.name === nameSel.value);
    const overrides = entry && entry.name === "leaky_relu" ? { alpha: 0.1 } : {};
    readParams = paramForm($("act-params"), "act-param", entry ? entry.params : [], () => trigger(), overrides);
  }

  $("act-start").addEventListener("input", () => trigger());
  $("act-stop").addEventListener("input", () => trigger());
  $("act-add").addEventListener("click", () => {
    const name = nameSel.value;
    const params = readParams();
    overlay.push({ name, params, label: label(name, params) });
    // show the next activation in the main slot so the two differ
    drawChips();
    trigger();
  });
  $("act-clear").addEventListener("click", () => {
    overlay.length = 0;
    drawChips();
    trigger();
  });
  nameSel.addEventListener("change", () => {
    buildForm();
    trigger();
  });

  // the seed's example draws before the catalog arrives
  option(nameSel, "leaky_relu");
  trigger(false);
  catalogP.then((acts) => {
    catalog = acts.filter((a) => a.kind === "elementwise");
    nameSel.replaceChildren();
    for (const a of catalog) option(nameSel, a.name);
    nameSel.value = "leaky_relu";
    buildForm();
  });
  return { overlay, trigger };
}
