// Panel 5: per-layer gradient norms through a random MLP (POST /v1/inspect/gradient-flow).
import { $, LineChart, fmt, markRendered, num, option, postJSON, registerChart, scheduler, seriesLine } from "./common.js";

const PANEL = "flow";
export const PRESETS = {
  sigmoid: { depth: 5, activation: "sigmoid", init: "xavier_uniform" },
  relu: { depth: 20, activation: "relu", init: "he_normal" },
};

// labels on the powers of ten only (the other log ticks are unlabelled grid lines)
function decade(t) {
  if (t === null || !(t > 0)) return null;
  const e = Math.round(Math.log10(t));
  return Math.abs(Math.log10(t) - e) < 1e-9 ? (e >= -2 && e <= 3 ? String(10 ** e) : `1e${e}`) : null;
}

export function initFlow(catalogP) {
  const info = { firstBad: null, vanishing: null, exploding: null };
  const chart = new LineChart($("flow-chart"), () => ({
    xLabel: "layer",
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [
      { label: "layer (1 = input)", incrs: [1, 2, 5, 10] },
      { label: "gradient norm (log scale)", size: 60, values: (u, ticks) => ticks.map(decade) },
    ],
    legend: { live: true },
    hooks: {
      drawClear: [
        (u) => {
          if (info.firstBad === null) return;
          const { left, top, width, height } = u.bbox;
          const a = Math.max(left, u.valToPos(info.firstBad - 0.5, "x", true));
          const b = Math.min(left + width, u.valToPos(info.firstBad + 0.5, "x", true));
          u.ctx.fillStyle = "rgba(201,42,42,0.15)";
          u.ctx.fillRect(a, top, b - a, height);
        },
      ],
    },
  }), { ratio: 0.45 });
  registerChart(PANEL, "norms", chart);
  const depth = $("flow-depth");
  const act = $("flow-activation");
  const init = $("flow-init");
  option(act, "sigmoid");

  async function render() {
    const body = { depth: Number(depth.value), activation: act.value || "sigmoid", init: init.value, width: 64, batch: 64, seed: 0 };
    const res = await postJSON("/v1/inspect/gradient-flow", body);
    const layers = res.layers;
    const xs = layers.map((l) => l.layer);
    const pos = (v) => {
      const n = num(v);
      return Number.isFinite(n) && n > 0 ? n : null;
    };
    const w = layers.map((l) => pos(l.weight_grad_norm));
    const z = layers.map((l) => pos(l.pre_activation_grad_norm));
    info.firstBad = res.first_bad_layer;
    chart.set(
      [xs, w, z],
      [
        seriesLine("weight gradient ‖∂L/∂W‖", "#1f5fbf", { width: 2.5, points: true }),
        seriesLine("pre-activation gradient ‖∂L/∂z‖", "#d9480f", { width: 1.5, dash: [6, 4], points: true }),
      ],
      "flow",
    );
    const el = $("flow-verdict");
    el.replaceChildren();
    const strong = document.createElement("strong");
    strong.className = res.verdict === "ok" ? "ok" : "bad";
    strong.textContent = res.verdict === "ok" ? "healthy" : res.verdict;
    const first = w[0];
    const last = w[w.length - 1];
    const tail = res.first_bad_layer === null ? "no bad layer" : `first bad layer: ${res.first_bad_layer}`;
    el.append("Verdict: ", strong, ` · ${tail} · ‖∂L/∂W‖ layer 1 / layer ${w.length} = ${fmt(first / last, 3)}`);
    $("flow-depth-out").textContent = depth.value;
    $("flow-chart").setAttribute("aria-label", `Gradient norms per layer, ${body.depth}-layer ${body.activation} net with ${body.init}: ${res.verdict}`);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, $("flow-status"));
  function preset(p) {
    depth.value = String(p.depth);
    act.value = p.activation;
    init.value = p.init;
    trigger();
  }
  $("flow-preset-sigmoid").addEventListener("click", () => preset(PRESETS.sigmoid));
  $("flow-preset-relu").addEventListener("click", () => preset(PRESETS.relu));
  depth.addEventListener("input", () => {
    $("flow-depth-out").textContent = depth.value;
    trigger();
  });
  act.addEventListener("change", () => trigger());
  init.addEventListener("change", () => trigger());
  depth.value = "5";
  init.value = "xavier_uniform";
  trigger(false);
  catalogP.then((acts) => {
    const keep = act.value;
    act.replaceChildren();
    for (const a of acts.filter((x) => x.kind === "elementwise")) option(act, a.name);
    act.value = keep;
  });
  return { trigger };
}
