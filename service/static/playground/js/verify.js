// Panel 6: paste your own f(x) and f'(x) → POST /v1/verify (pass/fail, diagnosis) and the
// error per element against the reference (POST /v1/activations/{name}).
import { $, LineChart, fmt, markRendered, nums, option, paramForm, postJSON, registerChart, scheduler, seriesBars } from "./common.js";

const PANEL = "verify";
const XS = [-3, -2, -1.5, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 1.5, 2, 3];
const sig = (x) => 1 / (1 + Math.exp(-x));
const round = (v) => v;

export const EXAMPLES = {
  // the PyTorch default slope where the catalog's leaky_relu has 0.1
  leaky: { name: "leaky_relu", rows: XS.map((x) => [x, x > 0 ? x : 0.01 * x, x > 0 ? 1 : 0.01]) },
  // σ'(x) written as s(1 - s) with s = σ(σ(x)): the derivative taken at the output
  sigmoid: { name: "sigmoid", rows: XS.map((x) => [x, sig(x), sig(sig(x)) * (1 - sig(sig(x)))]) },
  tanh: { name: "tanh", rows: XS.map((x) => [x, Math.tanh(x), 1 - Math.tanh(x) ** 2]) },
};

function csv(rows) {
  return ["x,value,derivative", ...rows.map((r) => r.map(round).join(","))].join("\n");
}

// JSON {"x", "value", "derivative"} (or a list of rows), or CSV with a header (x first).
export function parseNumbers(text) {
  const t = text.trim();
  if (!t) throw new Error("paste some numbers first");
  if (t.startsWith("{") || t.startsWith("[")) {
    let data;
    try {
      data = JSON.parse(t);
    } catch (e) {
      throw new Error(`not valid JSON: ${e.message}`);
    }
    if (Array.isArray(data)) data = { x: data.map((r) => r[0]), value: data.map((r) => r[1]), derivative: data.map((r) => r[2]) };
    if (!Array.isArray(data.x)) throw new Error('JSON needs an "x" list');
    const out = { x: data.x };
    for (const k of ["value", "derivative"]) if (Array.isArray(data[k]) && data[k].some((v) => v !== undefined)) out[k] = data[k];
    return out;
  }
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let header = ["x", "value", "derivative"];
  if (/[a-z]/i.test(lines[0].replace(/e[+-]?\d/gi, "").replace(/nan|inf(inity)?/gi, ""))) {
    header = lines.shift().split(/[,;\t]/).map((h) => h.trim().toLowerCase());
  }
  const cols = Object.fromEntries(header.map((h) => [h, []]));
  lines.forEach((line, i) => {
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    if (cells.length !== header.length) throw new Error(`line ${i + 2}: expected ${header.length} columns, got ${cells.length}`);
    cells.forEach((c, k) => {
      const v = Number(c);
      if (Number.isNaN(v) && !/^nan$/i.test(c)) throw new Error(`line ${i + 2}: ${JSON.stringify(c)} is not a number`);
      cols[header[k]].push(Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    });
  });
  if (!cols.x) throw new Error("a column named x is needed");
  const out = { x: cols.x };
  for (const k of ["value", "derivative"]) if (cols[k]) out[k] = cols[k];
  if (!out.value && !out.derivative) throw new Error("give a value or a derivative column");
  return out;
}

export function initVerify(catalogP) {
  const chart = new LineChart($("ver-chart"), () => ({
    xLabel: "element",
    scales: { x: { time: false, range: (u, lo, hi) => [lo - 0.6, hi + 0.6] } },
    axes: [{ label: "element (x)" }, { label: "|yours − reference|" }],
    legend: { live: true },
  }), { ratio: 0.4 });
  registerChart(PANEL, "errors", chart);
  const nameSel = $("ver-name");
  const input = $("ver-input");
  const exSel = $("ver-example");
  let readParams = () => ({});
  let catalog = null;
  option(nameSel, "leaky_relu");

  async function render() {
    const mine = parseNumbers(input.value);
    const name = nameSel.value;
    const params = readParams();
    const target = { kind: "activation", name, params };
    const [ver, ref] = await Promise.all([
      postJSON("/v1/verify", { target, ...mine }),
      postJSON(`/v1/activations/${encodeURIComponent(name)}`, { x: mine.x, params, outputs: ["value", "derivative"] }),
    ]);
    const xs = mine.x.map((_, i) => i);
    const data = [xs];
    const series = [];
    const colors = { value: "#1f5fbf", derivative: "#d9480f" };
    for (const k of ["value", "derivative"]) {
      if (!mine[k]) continue;
      const a = nums(mine[k]);
      const b = nums(ref[k]);
      data.push(a.map((v, i) => {
        const e = Math.abs(v - b[i]);
        return Number.isFinite(e) ? e : null;
      }));
      series.push(seriesBars(`error of ${k}`, colors[k], { size: 0.38, align: k === "value" ? -1 : 1 }));
    }
    chart.set(data, series, series.map((s) => s.label).join("|"), {});
    const el = $("ver-result");
    el.replaceChildren();
    const strong = document.createElement("strong");
    strong.className = ver.passed ? "ok" : "bad";
    strong.textContent = ver.passed ? "PASS" : "FAIL";
    el.append(strong);
    for (const [k, o] of Object.entries(ver.outputs)) {
      const diag = o.diagnosis ? ` — diagnosis: ${o.diagnosis}${o.diagnosis_detail ? ` (${o.diagnosis_detail})` : ""}` : "";
      el.append(` · ${k}: ${o.passed ? "ok" : `${o.mismatches} of ${o.count} off, max error ${fmt(o.max_abs_error, 3)}`}${diag}`);
    }
    $("ver-chart").setAttribute("aria-label", `Error per element: ${ver.passed ? "all within tolerance" : "mismatches"}`);
    markRendered(PANEL);
  }

  const trigger = scheduler(PANEL, render, $("ver-status"));
  function loadExample(key) {
    const ex = EXAMPLES[key];
    input.value = csv(ex.rows);
    if ([...nameSel.options].some((o) => o.value === ex.name)) nameSel.value = ex.name;
    else {
      nameSel.replaceChildren();
      option(nameSel, ex.name);
    }
    if (catalog) buildForm();
  }
  function buildForm() {
    const entry = catalog.find((a) => a.name === nameSel.value);
    readParams = paramForm($("ver-params"), "ver-param", entry ? entry.params.filter((p) => p.type !== "tensor") : [], () => trigger());
  }
  exSel.addEventListener("change", () => {
    loadExample(exSel.value);
    trigger();
  });
  nameSel.addEventListener("change", () => {
    buildForm();
    trigger();
  });
  input.addEventListener("input", () => trigger());
  loadExample("leaky");
  trigger(false);
  catalogP.then((acts) => {
    catalog = acts.filter((a) => a.kind === "elementwise");
    const keep = nameSel.value;
    nameSel.replaceChildren();
    for (const a of catalog) option(nameSel, a.name);
    nameSel.value = keep;
    buildForm();
  });
  return { trigger, parseNumbers };
}
