#!/usr/bin/env node
// Independent policy and schema checks over what Pulumi YAML programs register under the mock runtime:
//
//   node tests/conformance/policies.mjs [--json] [--suppressions <file>] <program.yaml|dir>...
//
//   1. awsguard      Pulumi's AWS Guard policy pack (@pulumi/awsguard, on @pulumi/policy) with its defaults, run by
//                    @pulumi/pulumi's run-policy-pack and driven over gRPC like the engine (lib/awsguard.mjs): one
//                    Analyze per registered resource, one AnalyzeStack per program.
//   2. k8s-models    every Kubernetes object (typed resources and kubernetes:yaml/v2:ConfigGroup `objs`/`yaml`)
//                    validated with kubernetes-models / @kubernetes-models/prometheus-operator (lib/k8s-models.mjs).
//   3. pod-security  every pod template against the Pod Security Standards "restricted" profile (lib/pod-security.mjs,
//                    a home-made implementation of the documented controls: no npm package implements them).
//
// The registrations come from `check.mjs --json --verbose --no-typecheck` on the same programs. Every finding must be
// listed in the suppressions file (default: policy-suppressions.json beside this script) with a written reason;
// an entry that matches no finding of a checked program is stale and fails the run too.
// Exit codes: 0 nothing unsuppressed and nothing stale, 1 otherwise, 2 bad usage / environment problem.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: node tests/conformance/policies.mjs [--json] [--suppressions <file>] <program.yaml|dir>...";
const usage = (msg) => {
  if (msg) process.stderr.write(`policies.mjs: ${msg}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
};

const flags = { json: false, suppressions: path.join(HERE, "policy-suppressions.json") };
const inputs = [];
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") flags.json = true;
    else if (a === "--suppressions") { if (!argv[i + 1]) usage("--suppressions needs a file"); flags.suppressions = argv[++i]; }
    else if (a === "--help" || a === "-h") { process.stdout.write(`${USAGE}\n`); process.exit(0); }
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else inputs.push(a);
  }
}
if (!inputs.length) usage("no program files or directories given");

let YAML, runAwsGuard, validateObject, unwrapSecrets, modelPackages, podTemplateOf, checkRestricted, awsguardVersion;
try {
  YAML = await import("yaml");
  ({ runAwsGuard, awsguardVersion } = await import("./lib/awsguard.mjs"));
  ({ validateObject, unwrapSecrets, modelPackages } = await import("./lib/k8s-models.mjs"));
  ({ podTemplateOf, checkRestricted } = await import("./lib/pod-security.mjs"));
} catch (e) {
  process.stderr.write(`policies.mjs: dependencies missing (${e.message.split("\n")[0]}); run: (cd ${path.relative(process.cwd(), HERE) || "."} && npm ci --ignore-scripts)\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Suppressions file: {awsguard: [...], podSecurity: [...], kubernetesModels: [...]}
// ---------------------------------------------------------------------------------------------
const SECTIONS = {
  awsguard: { key: "policy", what: "policy" },
  podSecurity: { key: "control", what: "control" },
  kubernetesModels: { key: "path", what: "path" },
};
let suppressions;
try {
  suppressions = JSON.parse(fs.readFileSync(flags.suppressions, "utf8"));
} catch (e) {
  usage(`cannot read suppressions file ${flags.suppressions}: ${e.message}`);
}
const fileProblems = [];
for (const [section, { key }] of Object.entries(SECTIONS)) {
  if (!Array.isArray(suppressions[section])) { fileProblems.push(`${section}: must be a list`); suppressions[section] = []; continue; }
  suppressions[section].forEach((s, i) => {
    const progs = typeof s.program === "string" ? [s.program] : s.program;
    if (typeof s[key] !== "string" || !s[key]) fileProblems.push(`${section}[${i}]: "${key}" is required`);
    if (typeof s.resource !== "string" || !s.resource) fileProblems.push(`${section}[${i}]: "resource" is required`);
    if (!Array.isArray(progs) || !progs.length || progs.some((p) => typeof p !== "string" || !p)) fileProblems.push(`${section}[${i}]: "program" must be a file name or a non-empty list of them`);
    if (typeof s.reason !== "string" || s.reason.trim().length < 10) fileProblems.push(`${section}[${i}]: a written "reason" is required`);
    s.programs = Array.isArray(progs) ? progs : [];
  });
}
for (const k of Object.keys(suppressions)) if (!(k in SECTIONS) && !k.startsWith("$") && k !== "comment") fileProblems.push(`unknown section "${k}"`);

// ---------------------------------------------------------------------------------------------
// 0. Mock run (check.mjs, type check skipped)
// ---------------------------------------------------------------------------------------------
const t0 = Date.now();
const check = await new Promise((resolve) => {
  const child = spawn(process.execPath, [path.join(HERE, "check.mjs"), "--json", "--verbose", "--no-typecheck", ...inputs], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.on("close", (code) => resolve({ code, out, err }));
});
if (check.code === 2) { process.stderr.write(check.err); process.exit(2); }
let report;
try { report = JSON.parse(check.out); } catch { process.stderr.write(`policies.mjs: check.mjs printed no JSON:\n${check.out}\n${check.err}`); process.exit(2); }
const timing = { mockMs: Date.now() - t0 };

const problems = [...fileProblems.map((m) => ({ kind: "suppressions", message: m }))];
const programs = [];
for (const p of report.programs) {
  const program = path.basename(p.file);
  const mockErrors = p.errors.filter((e) => e.kind !== "tsc");
  if (mockErrors.length || !p.registrations) {
    problems.push({ kind: "mock", program, message: `the mock run failed, nothing was checked: ${mockErrors.map((e) => e.message).join("; ") || "no registrations"}` });
    continue;
  }
  let project = "project";
  try { project = YAML.parse(fs.readFileSync(p.file, "utf8"))?.name || project; } catch { /* check.mjs reported it */ }
  const stack = "dev";
  const resources = p.registrations.map((r) => ({
    type: r.type, name: r.name, inputs: r.inputs, providerUrn: r.provider,
    urn: `urn:pulumi:${stack}::${project}::${r.type}::${r.name}`,
  }));
  programs.push({ program, project, stack, resources });
}
const checked = new Set(programs.map((p) => p.program));

// ---------------------------------------------------------------------------------------------
// 1. awsguard
// ---------------------------------------------------------------------------------------------
const t1 = Date.now();
let guard = { pack: null, policies: [], findings: [] };
if (programs.length) {
  try {
    guard = await runAwsGuard(programs);
  } catch (e) {
    problems.push({ kind: "awsguard", message: `the policy pack could not be run: ${e.message}` });
  }
}
timing.awsguardMs = Date.now() - t1;

// ---------------------------------------------------------------------------------------------
// 2. Kubernetes objects: kubernetes-models; 3. pod templates: Pod Security "restricted"
// ---------------------------------------------------------------------------------------------
const t2 = Date.now();
const objects = [];
const notValidated = [];
const flatten = (xs) => (Array.isArray(xs) ? xs.flatMap(flatten) : xs === undefined || xs === null ? [] : [xs]);
for (const p of programs) {
  for (const r of p.resources) {
    if (!r.type.startsWith("kubernetes:") || r.type.startsWith("pulumi:")) continue;
    const inputs = unwrapSecrets(r.inputs);
    if (r.type === "kubernetes:yaml/v2:ConfigGroup") {
      const objs = flatten(inputs.objs);
      for (const doc of typeof inputs.yaml === "string" ? YAML.parseAllDocuments(inputs.yaml).map((d) => d.toJS()) : flatten(inputs.yaml)) if (doc) objs.push(doc);
      objs.forEach((o) => objects.push({ program: p.program, resource: `${r.name}/${o?.kind}/${o?.metadata?.name}`, object: o }));
      if (inputs.files !== undefined) notValidated.push({ program: p.program, resource: r.name, type: r.type, reason: "ConfigGroup `files` are not read" });
    } else if (/^kubernetes:(yaml|helm\.sh|kustomize)/.test(r.type)) {
      notValidated.push({ program: p.program, resource: r.name, type: r.type, reason: "component whose objects are not in its inputs" });
    } else {
      objects.push({ program: p.program, resource: r.name, object: inputs });
    }
  }
}
const modelErrors = [];
let validatedCount = 0;
for (const o of objects) {
  const v = await validateObject(o.object);
  if (!v.validated) { notValidated.push({ program: o.program, resource: o.resource, type: `${o.object?.apiVersion} ${o.object?.kind}`, reason: v.reason }); continue; }
  validatedCount++;
  for (const e of v.errors) modelErrors.push({ path: e.path, program: o.program, resource: o.resource, model: v.model, message: e.message });
}
const podFindings = [];
let pods = 0;
for (const o of objects) {
  const t = podTemplateOf(o.object);
  if (!t) continue;
  pods++;
  for (const f of checkRestricted(t.metadata, t.spec)) podFindings.push({ control: f.control, program: o.program, resource: o.resource, message: `${t.path}: ${f.message}` });
}
timing.kubernetesMs = Date.now() - t2;

// ---------------------------------------------------------------------------------------------
// Suppressions: every finding must be suppressed, every suppression must match a finding
// ---------------------------------------------------------------------------------------------
const stale = [];
const apply = (section, findings) => {
  const { key } = SECTIONS[section];
  const used = new Map();
  for (const f of findings) {
    const s = suppressions[section].find((x) => x[key] === f[key] && x.resource === f.resource && x.programs.includes(f.program));
    f.suppressed = s ? s.reason : null;
    if (s) used.set(`${suppressions[section].indexOf(s)} ${f.program}`, true);
  }
  suppressions[section].forEach((s, i) => {
    for (const prog of s.programs) {
      if (checked.has(prog) && !used.has(`${i} ${prog}`)) stale.push({ section, index: i, [key]: s[key], program: prog, resource: s.resource, message: `${section}[${i}] (${s[key]} on ${s.resource}) matches no finding in ${prog}: remove it (or the program from its list)` });
    }
  });
};
apply("awsguard", guard.findings);
apply("podSecurity", podFindings);
apply("kubernetesModels", modelErrors);

const open = (xs) => xs.filter((f) => !f.suppressed);
const ok = !problems.length && !stale.length && !open(guard.findings).length && !open(podFindings).length && !open(modelErrors).length;
const elapsedMs = Date.now() - t0;

if (flags.json) {
  process.stdout.write(JSON.stringify({
    ok, elapsedMs, timing,
    programs: [...checked],
    problems,
    awsguard: { pack: guard.pack, policies: guard.policies, findings: guard.findings },
    kubernetesModels: { packages: modelPackages(), validated: validatedCount, notValidated, errors: modelErrors },
    podSecurity: { profile: "restricted (home-made implementation of the documented controls)", pods, findings: podFindings },
    stale,
  }, null, 2) + "\n");
} else {
  const out = [];
  const line = (tag, f, key, extra = "") => `${f.suppressed ? "  suppressed" : "  FINDING   "} [${tag}] ${f[key]}${extra} on ${f.resource} in ${f.program}: ${f.message.replace(/\n/g, " ")}${f.suppressed ? `\n      reason: ${f.suppressed}` : ""}`;
  for (const p of problems) out.push(`PROBLEM [${p.kind}]${p.program ? ` ${p.program}` : ""}: ${p.message}`);
  out.push(`awsguard ${guard.pack?.awsguard ?? awsguardVersion()}: ${guard.policies.length} policies (${guard.policies.filter((p) => p.appliedTo).length} applied to at least one resource), ${guard.findings.length} finding(s), ${open(guard.findings).length} unsuppressed`);
  for (const f of guard.findings) out.push(line("awsguard", f, "policy", ` (${f.enforcementLevel}${f.analyzedAs ? `, analyzed as alias ${f.analyzedAs}` : ""})`));
  const idle = guard.policies.filter((p) => !p.appliedTo).map((p) => p.name);
  if (idle.length) out.push(`  applied to nothing here (no resource of their types): ${idle.join(", ")}`);
  const pk = modelPackages();
  out.push(`kubernetes-models ${pk["kubernetes-models"]} (+ prometheus-operator ${pk["@kubernetes-models/prometheus-operator"]}): ${validatedCount} object(s) validated, ${modelErrors.length} error(s), ${open(modelErrors).length} not a known defect`);
  for (const f of modelErrors) out.push(line("k8s-models", f, "path"));
  for (const n of notValidated) out.push(`  NOT VALIDATED ${n.type} ${n.resource} in ${n.program}: ${n.reason}`);
  out.push(`pod-security restricted (home-made, documented controls): ${pods} pod template(s), ${podFindings.length} finding(s), ${open(podFindings).length} unsuppressed`);
  for (const f of podFindings) out.push(line("pod-security", f, "control"));
  for (const s of stale) out.push(`STALE ${s.message}`);
  out.push(`policies: ${ok ? "PASS" : "FAIL"} — ${checked.size} program(s) (${(elapsedMs / 1000).toFixed(1)} s: mock ${(timing.mockMs / 1000).toFixed(1)} s, awsguard ${(timing.awsguardMs / 1000).toFixed(1)} s, kubernetes ${(timing.kubernetesMs / 1000).toFixed(1)} s)`);
  process.stdout.write(out.join("\n") + "\n");
}
process.stdout.write("", () => process.exit(ok ? 0 : 1));
