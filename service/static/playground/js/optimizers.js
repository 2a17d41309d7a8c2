// Panel 4: an optimizer race on the built-in surfaces (POST /v1/optimizers/trajectory): contours
// computed here from the catalog's formulas, animated paths, loss per step.
import { $, COLORS, LineChart, fmt, markRendered, num, option, paramForm, plotNums, postJSON, registerChart, scheduler, seriesLine } from "./common.js";

const PANEL = "optimizers";
const GRID = 110;
const ANIMATION_MS = 1200;

// The catalog's formulas (GET /v1/optimizers → objectives[].formula), written out in JS.
export const OBJECTIVES = {
  rosenbrock: (x, y, p) => (p.a - x) ** 2 + p.b * (y - x * x) ** 2,
  beale: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  himmelblau: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  saddle: (x, y) => x * x - y * y,
  quadratic: (x, y, p) => 0.5 * (x * x + p.kappa * y * y),
  rastrigin: (x, y, p) => 2 * p.A + (x * x - p.A * Math.cos(2 * Math.PI * x)) + (y * y - p.A * Math.cos(2 * Math.PI * y)),
  booth: (x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
};
const FIRST = ["saddle", "quadratic", "rosenbrock", "himmelblau"];
const TITLES = { quadratic: "ravine (quadratic, κ)", saddle: "saddle", rosenbrock: "Rosenbrock", himmelblau: "Himmelblau" };

const RACERS = [
  { id: "sgd", name: "sgd", label: "SGD", sliders: [] },
  { id: "momentum", name: "sgd", label: "SGD + momentum", sliders: [{ key: "momentum", min: 0, max: 0.99, step: 0.01, value: 0.9 }] },
  { id: "adam", name: "adam", label: "Adam", sliders: [{ key: "beta1", label: "β₁", min: 0, max: 0.999, step: 0.001, value: 0.9 }] },
  { id: "rmsprop", name: "rmsprop", label: "RMSprop", sliders: [{ key: "alpha", label: "α (decay)", min: 0.5, max: 0.999, step: 0.001, value: 0.99 }] },
];
const LR = {
  rosenbrock: { sgd: 0.002, momentum: 0.002, adam: 0.05, rmsprop: 0.01 },
  saddle: { sgd: 0.01, momentum: 0.01, adam: 0.01, rmsprop: 0.01 },
  himmelblau: { sgd: 0.01, momentum: 0.002, adam: 0.05, rmsprop: 0.01 },
  quadratic: { sgd: 0.02, momentum: 0.02, adam: 0.05, rmsprop: 0.01 },
  default: { sgd: 0.01, momentum: 0.005, adam: 0.05, rmsprop: 0.01 },
};

function hyperparams(racer, values) {
  const hp = { lr: values.lr };
  if (racer.id === "momentum") hp.momentum = values.momentum;
  if (racer.id === "adam") hp.betas = [values.beta1, 0.999];
  if (racer.id === "rmsprop") hp.alpha = values.alpha;
  return hp;
}

// ---- contours -------------------------------------------------------------------------------

function colorFor(t) {
  // light blue (low) → pale yellow → light red (high)
  const stops = [
    [0, [37, 99, 170]],
    [0.35, [140, 190, 220]],
    [0.65, [250, 244, 205]],
    [1, [232, 136, 110]],
  ];
  for (let i = 1; i < stops.length; i++) {
    if (t <= stops[i][0]) {
      const [t0, c0] = stops[i - 1];
      const [t1, c1] = stops[i];
      const w = (t - t0) / (t1 - t0);
      return `rgb(${c0.map((c, k) => Math.round(c + w * (c1[k] - c))).join(",")})`;
    }
  }
  return "rgb(232,136,110)";
}

export function surface(fn, params, bounds) {
  const [x0, x1, y0, y1] = bounds;
  const z = new Float64Array((GRID + 1) * (GRID + 1));
  for (let j = 0; j <= GRID; j++) {
    for (let i = 0; i <= GRID; i++) {
      z[j * (GRID + 1) + i] = fn(x0 + ((x1 - x0) * i) / GRID, y0 + ((y1 - y0) * j) / GRID, params);
    }
  }
  // levels at quantiles, denser near the low end (the minima); ranks colour the bands
  const sorted = Float64Array.from(z).sort();
  const levels = [];
  for (let k = 1; k < 16; k++) levels.push(sorted[Math.floor(((k / 16) ** 1.7) * (sorted.length - 1))]);
  return { z, levels, sorted, bounds };
}

function drawSurface(ctx, W, H, s) {
  const n = GRID + 1;
  const cw = W / GRID;
  const ch = H / GRID;
  const rank = (v) => {
    let lo = 0;
    let hi = s.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.levels[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo / s.levels.length;
  };
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const v = (s.z[j * n + i] + s.z[j * n + i + 1] + s.z[(j + 1) * n + i] + s.z[(j + 1) * n + i + 1]) / 4;
      ctx.fillStyle = colorFor(rank(v));
      ctx.fillRect(i * cw, H - (j + 1) * ch, cw + 0.6, ch + 0.6);
    }
  }
  // iso-lines: marching squares, one segment per crossed cell edge pair
  ctx.strokeStyle = "rgba(30,40,60,0.35)";
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const level of s.levels) {
    for (let j = 0; j < GRID; j++) {
      for (let i = 0; i < GRID; i++) {
        const a = s.z[j * n + i];
        const b = s.z[j * n + i + 1];
        const c = s.z[(j + 1) * n + i + 1];
        const d = s.z[(j + 1) * n + i];
        const pts = [];
        const edge = (v0, v1, p0, p1) => {
          if ((v0 < level) !== (v1 < level)) {
            const t = (level - v0) / (v1 - v0);
            pts.push([p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])]);
          }
        };
        edge(a, b, [i, j], [i + 1, j]);
        edge(b, c, [i + 1, j], [i + 1, j + 1]);
        edge(c, d, [i + 1, j + 1], [i, j + 1]);
        edge(d, a, [i, j + 1], [i, j]);
        for (let k = 0; k + 1 < pts.length; k += 2) {
          ctx.moveTo(pts[k][0] * cw, H - pts[k][1] * ch);
          ctx.lineTo(pts[k + 1][0] * cw, H - pts[k + 1][1] * ch);
        }
      }
    }
  }
  ctx.stroke();
}

// ---- the panel ------------------------------------------------------------------------------

export function initOptimizers(catalogP) {
  const canvas = $("opt-contour");
  const lossChart = new LineChart($("opt-loss-chart"), () => ({
    xLabel: "step",
    scales: { x: { time: false }, y: { distr: 4 } },
    axes: [{ label: "step" }, { label: "f (asinh scale)" }],
    legend: { live: true },
  }), { ratio: 0.8, maxHeight: 520 });
  registerChart(PANEL, "loss", lossChart);
  const anim = { runs: [], steps: 0, frame: 0, start: 0, raf: 0, done: false };
  const contour = {
    describe() {
      return {
        kind: "canvas",
        canvas: true,
        surface: surf ? surf.z.length : 0,
        frame: anim.frame,
        done: anim.done,
        series: anim.runs.map((r) => {
          const finite = r.path.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
          return { label: r.label, points: finite.length, sum: finite.reduce((a, p) => a + p[0] + 2 * p[1], 0) + (surf ? surf.levels[0] : 0) };
        }),
      };
    },
  };
  registerChart(PANEL, "contour", contour);

  const objSel = $("opt-objective");
  const steps = $("opt-steps");
  let catalog = null;
  let surf = null;
  let surfKey = null;
  let background = null;
  let readObjParams = () => ({});
  const values = {};

  // racer controls
  const racersEl = $("opt-racers");
  RACERS.forEach((r, idx) => {
    values[r.id] = { enabled: true, lr: LR.default[r.id] };
    for (const s of r.sliders) values[r.id][s.key] = s.value;
    const fs = document.createElement("fieldset");
    fs.className = "racer";
    const legend = document.createElement("legend");
    const cb = document.createElement("input");
    cb.type = "checkbox";
    cb.checked = true;
    cb.id = `opt-${r.id}-on`;
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = COLORS[idx];
    const lab = document.createElement("label");
    lab.htmlFor = cb.id;
    lab.textContent = r.label;
    legend.append(cb, sw, lab);
    fs.append(legend);
    cb.addEventListener("change", () => {
      values[r.id].enabled = cb.checked;
      trigger();
    });
    const sliders = [{ key: "lr", label: "learning rate", min: -4, max: 0, step: 0.05, log: true }, ...r.sliders];
    for (const s of sliders) {
      const field = document.createElement("div");
      field.className = "field";
      const id = `opt-${r.id}-${s.key}`;
      const l = document.createElement("label");
      l.htmlFor = id;
      const out = document.createElement("output");
      out.htmlFor = id;
      l.append(`${s.label || s.key} `, out);
      const input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = s.min;
      input.max = s.max;
      input.step = s.step;
      const show = () => {
        out.textContent = fmt(values[r.id][s.key], 3);
        input.setAttribute("aria-valuetext", out.textContent);
      };
      input.addEventListener("input", () => {
        values[r.id][s.key] = s.log ? 10 ** Number(input.value) : Number(input.value);
        show();
        trigger();
      });
      field.append(l, input);
      fs.append(field);
      s.set = (v) => {
        values[r.id][s.key] = v;
        input.value = String(s.log ? Math.log10(v) : v);
        show();
      };
      s.set(values[r.id][s.key]);
    }
    r.controls = sliders;
    racersEl.append(fs);
  });

  function presetLRs(name) {
    const lrs = LR[name] || LR.default;
    for (const r of RACERS) r.controls[0].set(lrs[r.id]);
  }

  function sizeCanvas() {
    const w = Math.max(240, Math.floor(canvas.parentElement.clientWidth));
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(w * dpr);
      background = null;
    }
  }

  // the contours need the catalog's bounds (and parameter defaults); until it has arrived
  // the paths wait and the loss chart is drawn alone
  function ensureSurface() {
    const { entry, params } = objective();
    const name = objSel.value;
    sizeCanvas();
    if (!entry || !OBJECTIVES[name]) return;
    const key = JSON.stringify([name, params, entry.bounds]);
    if (key !== surfKey) {
      surf = surface(OBJECTIVES[name], params, entry.bounds);
      surfKey = key;
      background = null;
    }
  }

  function objective() {
    const entry = catalog ? catalog.find((o) => o.name === objSel.value) : null;
    const params = {};
    if (entry) for (const p of entry.params) params[p.name] = p.default;
    Object.assign(params, readObjParams());
    return { entry, params };
  }

  function drawFrame() {
    const ctx = canvas.getContext("2d");
    const W = canvas.width;
    const H = canvas.height;
    if (!background && surf) {
      background = document.createElement("canvas");
      background.width = W;
      background.height = H;
      drawSurface(background.getContext("2d"), W, H, surf);
    }
    ctx.clearRect(0, 0, W, H);
    if (background) ctx.drawImage(background, 0, 0);
    if (!surf) return;
    const [x0, x1, y0, y1] = surf.bounds;
    const px = (x) => ((x - x0) / (x1 - x0)) * W;
    const py = (y) => H - ((y - y0) / (y1 - y0)) * H;
    const dpr = window.devicePixelRatio || 1;
    const { entry } = objective();
    if (entry) {
      ctx.fillStyle = "#fff";
      ctx.strokeStyle = "#111";
      ctx.lineWidth = 1.5 * dpr;
      for (const m of entry.minima) {
        ctx.beginPath();
        ctx.arc(px(m[0]), py(m[1]), 5 * dpr, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    const upto = anim.frame;
    anim.runs.forEach((run) => {
      ctx.strokeStyle = run.color;
      ctx.lineWidth = 2.2 * dpr;
      ctx.beginPath();
      let started = false;
      let head = null;
      for (let k = 0; k <= Math.min(upto, run.path.length - 1); k++) {
        const [x, y] = run.path[k];
        if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) break;
        if (!started) ctx.moveTo(px(x), py(y));
        else ctx.lineTo(px(x), py(y));
        started = true;
        head = [px(x), py(y)];
      }
      ctx.stroke();
      if (head) {
        ctx.fillStyle = run.color;
        ctx.beginPath();
        ctx.arc(head[0], head[1], 4.5 * dpr, 0, 2 * Math.PI);
        ctx.fill();
      }
    });
    if (anim.start0) {
      ctx.strokeStyle = "#111";
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.arc(px(anim.start0[0]), py(anim.start0[1]), 6 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  function animate(t) {
    const elapsed = t - anim.start;
    anim.frame = Math.min(anim.steps, Math.floor((elapsed / ANIMATION_MS) * anim.steps));
    drawFrame();
    if (anim.frame < anim.steps) anim.raf = requestAnimationFrame(animate);
    else anim.done = true;
  }

  function replay() {
    cancelAnimationFrame(anim.raf);
    anim.done = false;
    anim.frame = 0;
    anim.start = performance.now();
    drawFrame();
    anim.raf = requestAnimationFrame(animate);
  }

  async function render() {
    const { entry, params } = objective();
    const name = objSel.value || "rosenbrock";
    const racers = RACERS.filter((r) => values[r.id].enabled);
    const body = {
      objective: { name, params: entry ? params : {} },
      steps: Number(steps.value),
      optimizers: racers.map((r) => ({ name: r.name, label: r.label, hyperparams: hyperparams(r, values[r.id]) })),
    };
    if (!racers.length) {
      anim.runs = [];
      lossChart.set([[0]], [], "none");
      drawFrame();
      markRendered(PANEL);
      return;
    }
    const res = await postJSON("/v1/optimizers/trajectory", body);
    ensureSurface();
    anim.runs = res.runs.map((run) => {
      const idx = RACERS.findIndex((r) => r.label === run.label);
      return { label: run.label, color: COLORS[idx], path: run.path.map((p) => p.map(num)), loss: run.loss };
    });
    anim.steps = res.steps;
    anim.start0 = res.start;
    const xs = Array.from({ length: res.steps + 1 }, (_, i) => i);
    lossChart.set(
      [xs, ...anim.runs.map((r) => plotNums(r.loss))],
      anim.runs.map((r) => seriesLine(r.label, r.color, { width: 2 })),
      anim.runs.map((r) => r.label).join("|"),
    );
    if (surf) replay();
    const parts = res.runs.map((r) => {
      const conv = r.converged_at === null ? "not converged" : `converged at step ${r.converged_at}`;
      return `${r.label}: f = ${fmt(r.final_loss)} (${conv})`;
    });
    $("opt-readout").textContent = parts.join(" · ");
    canvas.setAttribute("aria-label", `Paths on ${name} from (${res.start.join(", ")}): ${parts.join("; ")}`);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, $("opt-status"));
  steps.addEventListener("input", () => {
    $("opt-steps-out").textContent = steps.value;
    trigger();
  });
  $("opt-replay").addEventListener("click", () => replay());
  objSel.addEventListener("change", () => {
    buildForm();
    presetLRs(objSel.value);
    trigger();
  });
  new ResizeObserver(() => {
    const before = canvas.width;
    sizeCanvas();
    if (canvas.width !== before) drawFrame();
  }).observe(canvas.parentElement);

  function buildForm() {
    const entry = catalog.find((o) => o.name === objSel.value);
    readObjParams = paramForm($("opt-obj-params"), "opt-obj", entry ? entry.params : [], () => trigger());
  }

  catalogP.then((objectives) => {
    catalog = objectives;
    const names = objectives.map((o) => o.name);
    const ordered = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
    const keep = objSel.value;
    objSel.replaceChildren();
    for (const n of ordered) if (OBJECTIVES[n]) option(objSel, n, TITLES[n] || n);
    objSel.value = keep;
    buildForm();
    ensureSurface();
    if (anim.runs.length) replay();
  });
  option(objSel, "rosenbrock", TITLES.rosenbrock);
  presetLRs("rosenbrock");
  trigger(false);
  return { trigger, replay, anim };
}
