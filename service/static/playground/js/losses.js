// Panel 3: loss and gradient against the prediction for a fixed target
// (GET /v1/losses/{name}/curve), a regression loss and a classification loss side by side.
import { $, COLORS, LineChart, getJSON, markRendered, option, paramForm, plotNums, registerChart, scheduler, seriesLine } from "./common.js";

const PANEL = "losses";
const NUM = 241;
const REGRESSION = new Set(["real"]);
// parameters that make no sense on a two-class sweep (per-class tensors) stay hidden
const HIDDEN = new Set(["class_weight", "pos_weight", "ignore_index", "epsilon"]);

function curveOpts(series, extra) {
  return {
    xLabel: extra.xLabel,
    scales: { x: { time: false }, y: {}, g: {} },
    axes: [
      { label: extra.xLabel },
      { label: "loss", scale: "y" },
      { label: "dL/dx", scale: "g", side: 1, grid: { show: false } },
    ],
    legend: { live: true },
  };
}

function side(prefix, defaults) {
  const chart = new LineChart($(`${prefix}-chart`), curveOpts, { ratio: 0.62 });
  registerChart(PANEL, prefix === "lr" ? "regression" : "classification", chart);
  return { prefix, chart, readParams: () => ({ ...defaults.params }), defaults };
}

async function draw(s, query) {
  const name = $(`${s.prefix}-name`).value || s.defaults.name;
  const q = new URLSearchParams({ num: String(NUM), ...query, ...stringify(s.readParams()) });
  const c = await getJSON(`/v1/losses/${encodeURIComponent(name)}/curve?${q}`);
  const data = [c.x];
  const series = [];
  c.series.forEach((sr, i) => {
    const color = COLORS[i % COLORS.length];
    data.push(plotNums(sr.loss), plotNums(sr.grad));
    series.push(seriesLine(`loss, ${sr.label}`, color, { width: 2.2 }));
    series.push(seriesLine(`dL/dx, ${sr.label}`, color, { dash: [7, 5], width: 1.5, scale: "g" }));
  });
  const key = `${c.name}|${c.variable}|${c.series.map((sr) => sr.label).join("|")}`;
  s.chart.set(data, series, key, { xLabel: c.variable });
  $(`${s.prefix}-chart`).setAttribute(
    "aria-label",
    `${c.name}: loss and gradient against ${c.variable} for ${c.series.map((sr) => sr.label).join(" and ")}`,
  );
}

function stringify(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
}

export function initLosses(catalogP) {
  const reg = side("lr", { name: "huber", params: {} });
  const cls = side("lc", { name: "binary_crossentropy", params: {} });
  let catalog = null;

  async function render() {
    const target = Number($("lr-target").value);
    const regEntry = catalog && catalog.find((l) => l.name === $("lr-name").value);
    if (!Number.isFinite(target)) throw new Error("y_true must be a number");
    const label = $("lc-label").value;
    const clsQuery = {};
    const entry = catalog && catalog.find((l) => l.name === $("lc-name").value);
    const pm1 = Boolean(entry && entry.y_true_encoding.startsWith("±1"));
    if (label !== "both") clsQuery.y_true = label === "0" ? (pm1 ? "-1" : "0") : "1";
    const clsParams = cls.readParams();
    if (!clsParams.from_logits && (!entry || entry.y_pred === "probabilities")) {
      // keep the gradient readable: p from 0.01 to 0.99
      clsQuery.start = "0.01";
      clsQuery.stop = "0.99";
    }
    await Promise.all([
      draw(reg, regEntry && regEntry.y_pred !== "real" ? { y_true: String(target) } : { y_true: String(target), start: String(target - 3), stop: String(target + 3) }),
      draw(cls, clsQuery),
    ]);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, $("loss-status"));
  $("lr-target").addEventListener("input", () => trigger());
  $("lc-label").addEventListener("change", () => trigger());

  for (const s of [reg, cls]) {
    const sel = $(`${s.prefix}-name`);
    option(sel, s.defaults.name);
    sel.addEventListener("change", () => {
      buildForm(s);
      trigger();
    });
  }
  function buildForm(s) {
    const entry = catalog.find((l) => l.name === $(`${s.prefix}-name`).value);
    const params = entry ? entry.params.filter((p) => !HIDDEN.has(p.name)) : [];
    s.readParams = paramForm($(`${s.prefix}-params`), `${s.prefix}-param`, params, () => trigger());
  }
  trigger(false);
  catalogP.then((losses) => {
    catalog = losses;
    for (const [s, pick] of [
      [reg, (l) => REGRESSION.has(kindOf(l))],
      [cls, (l) => !REGRESSION.has(kindOf(l))],
    ]) {
      const sel = $(`${s.prefix}-name`);
      sel.replaceChildren();
      for (const l of losses.filter(pick)) option(sel, l.name);
      sel.value = s.defaults.name;
      buildForm(s);
    }
  });
  return { trigger };
}

// regression losses predict a real value or a rate
function kindOf(entry) {
  return entry.y_pred === "real" || entry.y_pred === "rate" ? "real" : "class";
}
