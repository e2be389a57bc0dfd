// Runs generated programs (compiled to CommonJS) under pulumi.runtime.setMocks, with no Pulumi CLI
// and no cloud, and records what each one registered and invoked.
//
// Worker protocol: one JSON spec per stdin line, one `{"done": <index>}` line on stdout per program.
//   spec: { index, module, resultFile, project, stack, config: {"proj:key": "value"}, secretKeys: [],
//           resourceRefs: {name: [[path...]]}, invokeRefs: {token: [[path...]]}, timeoutMs }
// The result file holds { registrations: [{type, name, custom, id, provider, inputs}], calls: [{token, inputs}],
// errors: [string], outputs, done }. @pulumi/pulumi is loaded once per worker; programs run one after
// another, each with fresh mocks, config and project/stack settings. If a program times out, the worker
// writes that program's result and exits; the caller starts a new worker for the rest.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const conformanceDir = path.dirname(__dirname);
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [conformanceDir] }));

let current = null; // { spec, result }

function fmt(e) {
  if (e instanceof Error) return (e.stack || e.message || String(e)).split("\n").slice(0, 6).join("\n");
  return String(e);
}

function record(msg) {
  if (current) current.result.errors.push(msg);
  else process.stderr.write(`harness: ${msg}\n`);
}
process.on("unhandledRejection", (e) => record(`unhandled rejection: ${fmt(e)}`));
process.on("uncaughtException", (e) => record(`uncaught exception: ${fmt(e)}`));

// Fills every output path the program reads (e.g. status.loadBalancer.ingress[0].hostname) that the
// inputs do not already provide, with a string naming it. The point is registration, not values.
function fillPaths(state, paths, label) {
  // Longest paths first, so `names[0]` makes `names` a list before `names` alone is considered.
  for (const p of [...(paths || [])].sort((a, b) => b.length - a.length)) {
    let cur = state;
    for (let i = 0; i < p.length; i++) {
      const k = p[i];
      if (cur === null || typeof cur !== "object") break;
      if (i === p.length - 1) {
        if (cur[k] === undefined) cur[k] = `${label}-${p.join("-")}`;
      } else {
        if (cur[k] === undefined) cur[k] = typeof p[i + 1] === "number" ? [] : {};
        cur = cur[k];
      }
    }
  }
  return state;
}

function plausible(spec, name, inputs) {
  const state = fillPaths(JSON.parse(JSON.stringify(inputs)), (spec.resourceRefs || {})[name], name);
  if (state.arn === undefined) state.arn = `arn:aws:mock:us-east-1:123456789012:${name}`;
  if (state.name === undefined) state.name = `${name}-mock`;
  return state;
}

function makeMocks(spec, result) {
  return {
    newResource(args) {
      result.registrations.push({ type: args.type, name: args.name, custom: args.custom, id: args.id || null, provider: args.provider || null, inputs: args.inputs || {} });
      return { id: `${args.name}_id`, state: plausible(spec, args.name, args.inputs || {}) };
    },
    call(args) {
      result.calls.push({ token: args.token, inputs: args.inputs || {} });
      return fillPaths({}, (spec.invokeRefs || {})[args.token], args.token.split(":").pop());
    },
  };
}

async function settle(result) {
  // Wait until the runtime has no outstanding RPCs and nothing new gets registered.
  let last = -1;
  for (let i = 0; i < 500; i++) {
    await pulumi.runtime.waitForRPCs();
    await new Promise((r) => setTimeout(r, 5));
    const n = result.registrations.length + result.calls.length;
    if (n === last) return;
    last = n;
  }
}

function writeResult(spec, result) {
  fs.writeFileSync(spec.resultFile, JSON.stringify(result));
}

async function runOne(spec) {
  const result = { registrations: [], calls: [], errors: [], outputs: null, done: false };
  current = { spec, result };
  const timeoutMs = spec.timeoutMs || 60000;
  const timer = setTimeout(() => {
    result.errors.push(`timed out after ${timeoutMs} ms waiting for the program to finish`);
    writeResult(spec, result);
    process.stdout.write(JSON.stringify({ done: spec.index, exiting: true }) + "\n", () => process.exit(3));
  }, timeoutMs);
  const cwd = process.cwd();
  try {
    if (spec.cwd) process.chdir(spec.cwd);
    pulumi.runtime.setAllConfig(spec.config || {}, spec.secretKeys || []);
    await pulumi.runtime.setMocks(makeMocks(spec, result), spec.project, spec.stack || "dev", false, "organization");
    let outputs;
    try {
      outputs = require(spec.module).program();
    } catch (e) {
      result.errors.push(`program threw: ${fmt(e)}`);
    }
    if (outputs) {
      try {
        result.outputs = await new Promise((resolve, reject) => {
          pulumi.output(outputs).apply((v) => { resolve(v); return v; });
          setTimeout(() => reject(new Error("stack outputs did not resolve")), timeoutMs / 2).unref();
        });
      } catch (e) {
        result.errors.push(`outputs: ${fmt(e)}`);
      }
    }
    await settle(result);
    result.done = true;
  } catch (e) {
    result.errors.push(`harness: ${fmt(e)}`);
  } finally {
    clearTimeout(timer);
    process.chdir(cwd);
  }
  writeResult(spec, result);
  current = null;
}

const rl = readline.createInterface({ input: process.stdin });
const queue = [];
let busy = false;
async function pump() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const spec = queue.shift();
    await runOne(spec);
    process.stdout.write(JSON.stringify({ done: spec.index }) + "\n");
  }
  busy = false;
}
rl.on("line", (line) => {
  if (!line.trim()) return;
  queue.push(JSON.parse(line));
  pump();
});
rl.on("close", async () => {
  while (busy || queue.length) await new Promise((r) => setTimeout(r, 5));
  process.exit(0);
});
