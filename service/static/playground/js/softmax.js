// Panel 2: softmax of nine scores with a temperature (POST /v1/activations/softmax) and the
// cross-entropy for a true class with its gradient p - y (POST /v1/losses/softmax_cross_entropy).
import { $, LineChart, fmt, markRendered, nums, option, postJSON, registerChart, scheduler, seriesBars, uPlot } from "./common.js";

const PANEL = "softmax";
export const SEED_SCORES = [0.2, 0.02, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75];

function barOpts(yLabel, range) {
  return () => ({
    xLabel: "class",
    scales: { x: { time: false, range: [0.4, 9.6] }, y: { range } },
    axes: [
      { label: "class", values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")), incrs: [1] },
      { label: yLabel },
    ],
    legend: { live: true },
    cursor: { points: { show: false } },
  });
}

export function initSoftmax() {
  const grid = $("sm-scores");
  const inputs = SEED_SCORES.map((v, i) => {
    const field = document.createElement("div");
    field.className = "field";
    const label = document.createElement("label");
    label.htmlFor = `sm-score-${i + 1}`;
    label.textContent = `z${i + 1}`;
    const input = document.createElement("input");
    input.type = "number";
    input.step = "0.05";
    input.id = `sm-score-${i + 1}`;
    input.value = String(v);
    input.inputMode = "decimal";
    input.setAttribute("aria-label", `score of class ${i + 1}`);
    field.append(label, input);
    grid.append(field);
    return input;
  });
  const trueSel = $("sm-true");
  SEED_SCORES.forEach((_, i) => option(trueSel, String(i), `class ${i + 1}`));
  trueSel.value = "8";
  const temp = $("sm-temp");

  const probChart = new LineChart($("sm-prob-chart"), barOpts("p = softmax(z / T)", [0, 1]), { ratio: 0.6 });
  const gradChart = new LineChart(
    $("sm-grad-chart"),
    barOpts("∂L/∂(z/T) = p − y", (u, lo, hi) => [Math.min(-1, lo), Math.max(0.2, hi)]),
    { ratio: 0.6 },
  );
  registerChart(PANEL, "probabilities", probChart);
  registerChart(PANEL, "gradient", gradChart);
  const xs = SEED_SCORES.map((_, i) => i + 1);

  async function render() {
    const T = Number(temp.value);
    const z = inputs.map((el) => Number(el.value));
    if (z.some((v) => !Number.isFinite(v))) throw new Error("every score must be a number");
    const scaled = z.map((v) => v / T);
    const cls = Number(trueSel.value);
    const y = z.map((_, i) => (i === cls ? 1 : 0));
    const [sm, ce] = await Promise.all([
      postJSON("/v1/activations/softmax", { x: scaled, outputs: ["value"] }),
      postJSON("/v1/losses/softmax_cross_entropy", { y_true: [y], y_pred: [scaled] }),
    ]);
    const p = nums(sm.value);
    const grad = nums(ce.grad[0]);
    probChart.set([xs, p], [seriesBars("p", "#1f5fbf")], "p");
    gradChart.set([xs, grad], [seriesBars("p − y", "#d9480f")], "g");
    const loss = Number(ce.loss);
    $("sm-readout").innerHTML = "";
    const parts = [
      `T = ${fmt(T, 3)} · true class ${cls + 1}: p = ${fmt(p[cls])}`,
      `cross-entropy = −ln p = ${fmt(loss)}`,
      `largest p: class ${p.indexOf(Math.max(...p)) + 1} (${fmt(Math.max(...p))})`,
    ];
    $("sm-readout").textContent = parts.join(" · ");
    $("sm-temp-out").textContent = T.toFixed(2);
    $("sm-prob-chart").setAttribute("aria-label", `Probabilities: ${p.map((v) => fmt(v, 3)).join(", ")}`);
    $("sm-grad-chart").setAttribute("aria-label", `Gradient p − y: ${grad.map((v) => fmt(v, 3)).join(", ")}`);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, $("sm-status"));
  for (const el of inputs) el.addEventListener("input", () => trigger());
  temp.addEventListener("input", () => trigger());
  trueSel.addEventListener("change", () => trigger());
  trigger(false);
  return { trigger, uPlot };
}
