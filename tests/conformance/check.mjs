#!/usr/bin/env node
// Conformance checker for Pulumi YAML programs (runtime: yaml) against the official Pulumi Node SDKs.
//
//   node tests/conformance/check.mjs [--json] [--keep] [--verbose] [--no-typecheck] <file-or-dir>...
//
// For every *.yaml/*.yml program it
//   1. translates the program to a strictly typed TypeScript module (lib/translate.mjs),
//   2. type-checks all modules in ONE `tsc --strict --noEmit` run,
//   3. runs each module under pulumi.runtime.setMocks (lib/harness.cjs) and asserts that every
//      declared resource was registered with exactly the YAML type token and every invoke was called,
//   4. checks that every resource and invoke pins options.version to the installed SDK version.
// Exit codes: 0 all programs pass, 1 any program fails, 2 bad usage / environment problem.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const CONFORMANCE_DIR = path.dirname(fileURLToPath(import.meta.url));

const require = createRequire(import.meta.url);
const USAGE = "usage: node tests/conformance/check.mjs [--json] [--keep] [--verbose] [--no-typecheck] <program.yaml|dir>...";

function usage(msg) {
  if (msg) process.stderr.write(`check.mjs: ${msg}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------
const args = process.argv.slice(2);
const flags = { json: false, keep: false, verbose: false, typecheck: true };
const inputs = [];
for (const a of args) {
  if (a === "--json") flags.json = true;
  else if (a === "--keep") flags.keep = true;
  else if (a === "--verbose" || a === "-v") flags.verbose = true;
  // Mock run only (step 2 skipped): policies.mjs uses it to get the registrations fast; never a conformance verdict.
  else if (a === "--no-typecheck") flags.typecheck = false;
  else if (a === "--help" || a === "-h") { process.stdout.write(`${USAGE}\n`); process.exit(0); }
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else inputs.push(a);
}
if (inputs.length === 0) usage("no program files or directories given");

function collect(p, out) {
  let st;
  try { st = fs.statSync(p); } catch { usage(`no such file or directory: ${p}`); }
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const child = path.join(p, name);
      const cst = fs.statSync(child);
      if (cst.isDirectory()) collect(child, out);
      else if (/\.ya?ml$/i.test(name)) out.push(child);
    }
  } else {
    out.push(p);
  }
}
const files = [];
for (const p of inputs) collect(p, files);
if (files.length === 0) usage(`no *.yaml programs found in ${inputs.join(", ")}`);

let ts, translateFile;
try {
  ts = require("typescript");
  require.resolve("@pulumi/pulumi");
  require.resolve("yaml");
  ({ translateFile } = await import("./lib/translate.mjs"));
} catch {
  process.stderr.write(`check.mjs: dependencies missing; run: (cd ${path.relative(process.cwd(), CONFORMANCE_DIR) || "."} && npm ci --ignore-scripts)\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Translate
// ---------------------------------------------------------------------------------------------
const t0 = Date.now();
const workRoot = path.join(CONFORMANCE_DIR, ".work");
fs.mkdirSync(workRoot, { recursive: true });
const work = fs.mkdtempSync(path.join(workRoot, `run-${process.pid}-`));
fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ private: true, type: "commonjs" }) + "\n");
fs.copyFileSync(path.join(CONFORMANCE_DIR, "lib", "rt.ts"), path.join(work, "rt.ts"));

const programs = files.map((file, i) => {
  const p = { index: i, file, display: path.relative(process.cwd(), file) || file, problems: [], resources: 0, invokes: 0 };
  let tr;
  try {
    tr = translateFile(file);
  } catch (e) {
    p.problems.push({ kind: "internal", message: `translator crashed: ${e.stack || e}` });
    return p;
  }
  p.tr = tr;
  p.resources = tr.expectedResources.length;
  p.invokes = tr.expectedInvokes.length;
  for (const e of tr.errors) {
    p.problems.push({ kind: e.kind, message: e.message, where: e.where, yamlLine: e.line });
  }
  if (tr.ts) {
    p.tsFile = path.join(work, `p${i}.ts`);
    fs.writeFileSync(p.tsFile, tr.ts);
  } else if (!p.problems.length) {
    p.problems.push({ kind: "translate", message: "no TypeScript generated" });
  }
  return p;
});
const withTs = programs.filter((p) => p.tsFile);

// ---------------------------------------------------------------------------------------------
// tsc (one invocation for all programs) and mock runs, concurrently
// ---------------------------------------------------------------------------------------------
const tsconfig = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "es2022",
    lib: ["es2022"],
    module: "nodenext",
    moduleResolution: "nodenext",
    skipLibCheck: true,
    types: ["node"],
    noErrorTruncation: true,
  },
  files: ["rt.ts", ...withTs.map((p) => path.basename(p.tsFile))],
};
fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));

function run(cmd, argv, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, signal) => resolve({ code, signal, out, err }));
    child.on("error", (e) => resolve({ code: -1, out, err: String(e) }));
  });
}

const timing = { translateMs: Date.now() - t0, tscMs: 0, mockMs: 0 };
const tscStart = Date.now();
const tscPromise = withTs.length && flags.typecheck
  ? run(process.execPath, [require.resolve("typescript/lib/tsc.js"), "-p", path.join(work, "tsconfig.json"), "--pretty", "false"], { cwd: work })
  : Promise.resolve({ code: 0, out: "", err: "" });
tscPromise.then(() => (timing.tscMs = Date.now() - tscStart));

// Transpile (no type check) to CommonJS for the mock runs.
const transpile = (src) =>
  ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: false } }).outputText;
fs.writeFileSync(path.join(work, "rt.js"), transpile(fs.readFileSync(path.join(work, "rt.ts"), "utf8")));
for (const p of withTs) fs.writeFileSync(p.tsFile.replace(/\.ts$/, ".js"), transpile(p.tr.ts));

function specOf(p) {
  return {
    index: p.index,
    module: p.tsFile.replace(/\.ts$/, ".js"),
    resultFile: path.join(work, `p${p.index}.result.json`),
    cwd: path.dirname(path.resolve(p.file)),
    project: p.tr.project,
    stack: "dev",
    config: p.tr.config.values,
    secretKeys: p.tr.config.secretKeys,
    resourceRefs: p.tr.resourceRefs,
    invokeRefs: p.tr.invokeRefs,
    timeoutMs: Number(process.env.CONFORMANCE_MOCK_TIMEOUT_MS) || 60000,
  };
}

/** Runs the programs under mocks in a few long-lived harness workers (loading @pulumi/pulumi once each). */
function runMocks(progs, workers) {
  const pending = [...progs];
  const worker = () => new Promise((resolve) => {
    let child, inflight = null, stderr = "";
    const next = () => {
      if (!pending.length) { child.stdin.end(); return; }
      inflight = pending.shift();
      child.stdin.write(JSON.stringify(specOf(inflight)) + "\n");
    };
    const start = () => {
      stderr = "";
      child = spawn(process.execPath, [path.join(CONFORMANCE_DIR, "lib", "harness.cjs")], { cwd: CONFORMANCE_DIR, stdio: ["pipe", "pipe", "pipe"] });
      child.stderr.on("data", (d) => (stderr += d));
      child.stdin.on("error", () => {});
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        let m;
        try { m = JSON.parse(line); } catch { return; }
        if (!inflight || m.done !== inflight.index) return;
        inflight = null;
        if (!m.exiting) next();
      });
      child.on("close", (code, signal) => {
        if (inflight) {
          inflight.crash = `mock worker exited (${signal || code}) while running this program: ${stderr.trim().slice(0, 2000)}`;
          inflight = null;
        }
        if (pending.length) { start(); next(); } else resolve();
      });
    };
    start();
    next();
  });
  return Promise.all(Array.from({ length: Math.min(workers, pending.length) }, worker));
}

function evaluateMock(p) {
  let res = null;
  try { res = JSON.parse(fs.readFileSync(path.join(work, `p${p.index}.result.json`), "utf8")); } catch { /* reported below */ }
  p.mock = res;
  if (!res) {
    p.problems.push({ kind: "mock", message: p.crash || "mock run produced no result" });
    return;
  }
  for (const e of res.errors) p.problems.push({ kind: "mock", message: e });
  if (!res.done && !res.errors.length) p.problems.push({ kind: "mock", message: "mock run did not finish" });
  const byName = new Map();
  for (const reg of res.registrations) {
    if (!byName.has(reg.name)) byName.set(reg.name, []);
    byName.get(reg.name).push(reg);
  }
  for (const exp of p.tr.expectedResources) {
    const regs = byName.get(exp.name) || [];
    if (regs.some((r) => r.type === exp.type)) continue;
    const where = `resources.${exp.logical}`;
    if (regs.length) {
      p.problems.push({ kind: "token", where, yamlLine: exp.line, resource: exp.logical, message: `resource "${exp.logical}" registered with type token ${regs.map((r) => JSON.stringify(r.type)).join(", ")} but the YAML declares ${JSON.stringify(exp.type)} (the SDK class's __pulumiType differs: wrong case or module/file part?)` });
    } else {
      p.problems.push({ kind: "mock", where, yamlLine: exp.line, resource: exp.logical, message: `resource "${exp.logical}" (${exp.type}) was never registered under the mock runtime` });
    }
  }
  const calls = new Map();
  for (const c of res.calls) calls.set(c.token, (calls.get(c.token) || 0) + 1);
  const wanted = new Map();
  for (const inv of p.tr.expectedInvokes) {
    wanted.set(inv.token, (wanted.get(inv.token) || 0) + 1);
    if ((calls.get(inv.token) || 0) < wanted.get(inv.token)) {
      const got = [...calls.keys()].filter((k) => k.toLowerCase() === inv.token.toLowerCase() || k.split(":").pop() === inv.token.split(":").pop());
      p.problems.push({ kind: got.length ? "token" : "mock", where: inv.where, yamlLine: inv.line, message: `invoke ${inv.token} was not called under the mock runtime${got.length ? ` (the SDK function invokes ${got.join(", ")})` : ""}` });
    }
  }
}

const cpus = os.availableParallelism?.() ?? os.cpus().length;
// tsc (single-threaded, the long pole) keeps one core; the mock workers share the rest.
const workers = Number(process.env.CONFORMANCE_MOCK_WORKERS) || Math.max(1, Math.min(cpus - 1, Math.ceil(withTs.length / 4)));
const mockStart = Date.now();
const [tscResult] = await Promise.all([tscPromise, runMocks(withTs, workers).then(() => (timing.mockMs = Date.now() - mockStart))]);
for (const p of withTs) evaluateMock(p);

// ---------------------------------------------------------------------------------------------
// Map tsc diagnostics back to programs / YAML
// ---------------------------------------------------------------------------------------------
const diagRe = /^(.*?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const byBase = new Map(withTs.map((p) => [path.basename(p.tsFile), p]));
let lastDiag = null;
const tscGlobal = [];
for (const line of (tscResult.out + tscResult.err).split("\n")) {
  if (!line.trim()) continue;
  const m = diagRe.exec(line);
  if (m) {
    const base = path.basename(m[1]);
    const p = byBase.get(base);
    const lineNo = Number(m[2]);
    if (!p) {
      lastDiag = { kind: "tsc", message: `${m[5]}: ${m[6]} (in ${base}:${lineNo})` };
      tscGlobal.push(lastDiag);
      continue;
    }
    const info = p.tr.lineMap[lineNo - 1];
    const src = (p.tr.ts.split("\n")[lineNo - 1] || "").trim();
    lastDiag = {
      kind: "tsc",
      code: m[5],
      message: `${m[5]}: ${m[6]}`,
      where: info?.where,
      resource: info?.resource,
      yamlLine: info?.line,
      tsLine: lineNo,
      tsCol: Number(m[3]),
      generated: src,
    };
    p.problems.push(lastDiag);
  } else if (lastDiag && /^\s/.test(line)) {
    lastDiag.message += `\n${line.replace(/^\s+/, "    ")}`;
  } else {
    tscGlobal.push({ kind: "tsc", message: line });
  }
}
if (tscResult.code !== 0 && tscResult.code !== 1 && tscResult.code !== 2) {
  tscGlobal.push({ kind: "tsc", message: `tsc exited with ${tscResult.code}` });
}
if (tscGlobal.length) {
  // Errors outside any generated program (e.g. in rt.ts) make every result untrustworthy.
  for (const p of withTs) p.problems.push(...tscGlobal.map((d) => ({ ...d, message: `(outside this program) ${d.message}` })));
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------
const elapsed = Date.now() - t0;
const failed = programs.filter((p) => p.problems.length > 0);
const order = { yaml: 0, structure: 1, translate: 2, config: 3, option: 4, version: 5, tsc: 6, token: 7, mock: 8, internal: 9 };
for (const p of programs) p.problems.sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9));

if (flags.json) {
  process.stdout.write(JSON.stringify({
    ok: failed.length === 0,
    elapsedMs: elapsed,
    timing: { ...timing, mockWorkers: workers },
    programs: programs.map((p) => ({
      file: p.display,
      ok: p.problems.length === 0,
      resources: p.resources,
      invokes: p.invokes,
      registered: p.mock ? p.mock.registrations.length : 0,
      ...(flags.verbose && p.mock ? { registrations: p.mock.registrations, calls: p.mock.calls, outputs: p.mock.outputs } : {}),
      errors: p.problems.map((e) => ({
        kind: e.kind,
        message: e.message,
        ...(e.where ? { where: e.where } : {}),
        ...(e.yamlLine ? { yamlLine: e.yamlLine } : {}),
        ...(e.tsLine ? { tsLine: e.tsLine, generated: e.generated } : {}),
      })),
    })),
  }, null, 2) + "\n");
} else {
  const out = [];
  for (const p of programs) {
    const ok = p.problems.length === 0;
    const reg = p.mock ? `${p.mock.registrations.length} registered, ${p.mock.calls.length} invoke call(s)` : "not run";
    out.push(`${ok ? "PASS" : "FAIL"} ${p.display} — ${p.resources} resource(s), ${p.invokes} invoke(s); mock: ${reg}`);
    for (const e of p.problems) {
      const loc = [e.where ? `at ${e.where}` : null, e.yamlLine ? `(yaml line ${e.yamlLine})` : null].filter(Boolean).join(" ");
      out.push(`  [${e.kind}] ${loc ? loc + ": " : ""}${e.message.replace(/\n/g, "\n  ")}`);
      if (e.tsLine) out.push(`      generated p${p.index}.ts:${e.tsLine}: ${e.generated}`);
    }
    if (flags.verbose && p.mock) {
      for (const r of p.mock.registrations) out.push(`    registered ${r.type} "${r.name}"`);
      for (const c of p.mock.calls) out.push(`    invoked ${c.token}`);
    }
  }
  out.push(`conformance: ${programs.length - failed.length} of ${programs.length} program(s) conform, ${failed.length} do not (${(elapsed / 1000).toFixed(1)} s: tsc ${(timing.tscMs / 1000).toFixed(1)} s, mocks ${(timing.mockMs / 1000).toFixed(1)} s on ${workers} worker(s))${flags.keep ? `; generated TypeScript kept in ${work}` : ""}`);
  process.stdout.write(out.join("\n") + "\n");
}

if (!flags.keep) fs.rmSync(work, { recursive: true, force: true });
// Exit only once stdout is flushed: on a pipe, process.exit() would cut a large (--verbose) report short.
process.stdout.write("", () => process.exit(failed.length === 0 ? 0 : 1));
