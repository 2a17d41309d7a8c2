// A typed gradserve client in a few lines: the types come from openapi/openapi.json
// (openapi-typescript, src/schema.ts), the calls go through openapi-fetch.
//
//   npm ci && npm run example -- http://127.0.0.1:8000
//
// Prints one line per call and, last, `RESULT {json}` with everything it checked
// (tests/clients/test_typescript_client.py reads that line).
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type TensorTree = components["schemas"]["TensorTree"];
type Problem = components["schemas"]["Problem"];

const baseUrl = process.argv[2] ?? process.env.GRADSERVE_URL ?? "http://127.0.0.1:8000";
const client = createClient<paths>({ baseUrl });

/**
 * The numbers of a response tensor in row-major order, whatever wire form it came in
 * (number, nested list, {shape, data} or {shape, dtype, b64}). A tensor's object forms and
 * a mapping of named tensors (TensorTree) cannot be told apart by the type alone (the
 * mapping is an index signature), so this walks the JSON value and checks as it goes.
 */
function toNumbers(t: TensorTree | null | undefined): number[] {
  if (t === null || t === undefined) throw new Error("missing tensor");
  return numbersOf(t);
}

function numbersOf(t: unknown): number[] {
  if (typeof t === "number") return [t];
  if (typeof t === "string") return [Number(t)]; // "NaN", "Infinity", "-Infinity"
  if (Array.isArray(t)) return t.flatMap((item: unknown) => numbersOf(item));
  if (typeof t === "object" && t !== null) {
    if ("b64" in t && typeof t.b64 === "string") {
      const dtype = "dtype" in t && typeof t.dtype === "string" ? t.dtype : "float64";
      return Array.from(decodeB64(t.b64, dtype));
    }
    if ("data" in t) return numbersOf(t.data);
  }
  throw new Error(`not a tensor: ${JSON.stringify(t)}`);
}

/** base64 of little-endian bytes -> a typed array (Node's Buffer; in a browser use atob). */
function decodeB64(b64: string, dtype: string): Float64Array | Float32Array {
  const bytes = new Uint8Array(Buffer.from(b64, "base64")); // a copy: aligned at offset 0
  if (dtype === "float32") return new Float32Array(bytes.buffer);
  if (dtype === "float64") return new Float64Array(bytes.buffer);
  throw new Error(`unexpected dtype ${dtype}`);
}

function encodeFloat32(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function fail(what: string, problem: Problem): never {
  throw new Error(`${what}: ${problem.status} ${problem.title}: ${problem.detail}`);
}

async function main(): Promise<void> {
  // 1. An activation: sigmoid value and derivative.
  const act = await client.POST("/v1/activations/{name}", {
    params: { path: { name: "sigmoid" } },
    body: { x: [-2, 0, 2], outputs: ["value", "derivative"] },
  });
  if (act.error) fail("sigmoid", act.error);
  const value = toNumbers(act.data.value);
  const derivative = toNumbers(act.data.derivative);
  console.log(`sigmoid([-2, 0, 2]) = ${value.join(", ")}; derivative ${derivative.join(", ")}`);

  // 1b. The same on float32 bytes: a b64 tensor in, b64 tensors out.
  const x32 = new Float32Array([-2, 0, 2]);
  const act32 = await client.POST("/v1/activations/{name}", {
    params: { path: { name: "Sigmoid" } }, // names and aliases are case-insensitive
    body: {
      x: { shape: [x32.length], dtype: "float32", b64: encodeFloat32(x32) },
      dtype: "float32",
      encoding: "b64",
    },
  });
  if (act32.error) fail("sigmoid float32", act32.error);
  const value32 = toNumbers(act32.data.value);
  console.log(`float32 sigmoid via b64 = ${value32.join(", ")}`);

  // 2. A loss: categorical cross-entropy, gradient with respect to y_pred.
  const loss = await client.POST("/v1/losses/{name}", {
    params: { path: { name: "categorical_crossentropy" } },
    body: { y_true: [[0, 1, 0]], y_pred: [[0.3, 0.5, 0.2]] },
  });
  if (loss.error) fail("categorical_crossentropy", loss.error);
  const lossValue = toNumbers(loss.data.loss);
  const lossGrad = toNumbers(loss.data.grad);
  console.log(`categorical_crossentropy = ${lossValue.join(", ")}; grad ${lossGrad.join(", ")}`);

  // 3. Two Adam steps: the state the first step returns goes back with the second.
  const grads = [0.1, -0.2];
  const step1 = await client.POST("/v1/optimizers/{name}/step", {
    params: { path: { name: "adam" } },
    body: { params: [1.0, 2.0], grads, hyperparams: { lr: 0.1 }, state: null },
  });
  if (step1.error) fail("adam step 1", step1.error);
  const step2 = await client.POST("/v1/optimizers/{name}/step", {
    params: { path: { name: "adam" } },
    body: { params: step1.data.params, grads, hyperparams: { lr: 0.1 }, state: step1.data.state },
  });
  if (step2.error) fail("adam step 2", step2.error);
  const adamParams = [toNumbers(step1.data.params), toNumbers(step2.data.params)];
  const adamSteps = [step1.data.state.step, step2.data.state.step];
  console.log(`adam: ${adamParams.map((p) => p.join(", ")).join(" -> ")} (steps ${adamSteps})`);

  // 4. Verify: are the numbers from step 1 what a correct sigmoid gives?
  const verify = await client.POST("/v1/verify", {
    body: {
      target: { kind: "activation", name: "sigmoid" },
      x: [-2, 0, 2],
      value,
      derivative,
    },
  });
  if (verify.error) fail("verify", verify.error);
  console.log(`verify sigmoid: passed=${verify.data.passed}`);

  // 5. A typed 422: a ragged list is answered with an RFC 9457 problem.
  const bad = await client.POST("/v1/activations/{name}", {
    params: { path: { name: "sigmoid" } },
    body: { x: [[1, 2], [3]] },
  });
  if (bad.error === undefined) throw new Error("a ragged list must be a 422");
  const problem: Problem = bad.error;
  const loc = problem.errors?.[0]?.loc ?? [];
  console.log(`422 ${problem.title}: loc ${JSON.stringify(loc)}`);

  const result = {
    sigmoid: { value, derivative },
    sigmoid_float32: value32,
    loss: { loss: lossValue, grad: lossGrad },
    adam: { params: adamParams, steps: adamSteps },
    verify: { passed: verify.data.passed },
    problem: { status: bad.response.status, type: problem.type, loc },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
