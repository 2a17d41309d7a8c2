// The playground: every panel sends its first request at once; the catalogs (which only fill
// the menus and parameter forms) are asked for after those, so they never delay a first chart.
import { getJSON } from "./common.js";
import { initActivations } from "./activations.js";
import { initSoftmax } from "./softmax.js";
import { initLosses } from "./losses.js";
import { initOptimizers } from "./optimizers.js";
import { initFlow } from "./flow.js";
import { initVerify } from "./verify.js";

function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const activations = deferred();
const losses = deferred();
const objectives = deferred();

const panels = {
  activations: initActivations(activations.promise),
  softmax: initSoftmax(),
  losses: initLosses(losses.promise),
  optimizers: initOptimizers(objectives.promise),
  flow: initFlow(activations.promise),
  verify: initVerify(activations.promise),
};
window.__playground.panels = panels;
window.__playground.state.loadedAt = performance.now();

getJSON("/v1/activations").then((c) => activations.resolve(c.activations));
getJSON("/v1/losses").then((c) => losses.resolve(c.losses));
getJSON("/v1/optimizers").then((c) => objectives.resolve(c.objectives));
