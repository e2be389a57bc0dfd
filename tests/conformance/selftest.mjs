#!/usr/bin/env node
// Self-test of the conformance checker:
//   - every fixtures/valid/*.yaml must pass,
//   - every fixtures/invalid/*.yaml must fail, and each `# expect-error: <regex>` line in it must match
//     one of its reported problems (formatted as "[kind] at where (yaml line N): message"),
//   - the literal `$${` fixture must reach the provider as a literal `${`,
//   - the CLI contract: exit 0 when all pass, 1 when any fails, 2 for bad usage; --json shape.
//   - policies.mjs: planted awsguard / kubernetes-models / pod-security findings (fixtures/policies) are reported,
//     suppressions match them, stale or unreasoned suppressions fail; each Pod Security control rejects its defect.
// Exits non-zero if any expectation is wrong. Usage: node tests/conformance/selftest.mjs
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const check = path.join(here, "check.mjs");
const validDir = path.join(here, "fixtures", "valid");
const invalidDir = path.join(here, "fixtures", "invalid");
let passed = 0;
let failed = 0;

function expect(name, cond, detail) {
  if (cond) {
    passed++;
    process.stdout.write(`ok   ${name}\n`);
  } else {
    failed++;
    process.stdout.write(`FAIL ${name}${detail ? `\n     ${String(detail).replace(/\n/g, "\n     ")}` : ""}\n`);
  }
}

function runCheck(args) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [check, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t };
}

const yamls = (dir) => fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
const valid = yamls(validDir);
const invalid = yamls(invalidDir);
const rel = (f) => path.relative(process.cwd(), f) || f;

// 1. Everything in one run (one tsc invocation), machine-readable.
const all = runCheck(["--json", "--verbose", validDir, invalidDir]);
let report;
try {
  report = JSON.parse(all.out);
} catch (e) {
  expect("check.mjs --json prints JSON", false, `${e}\nstdout: ${all.out.slice(0, 2000)}\nstderr: ${all.err.slice(0, 2000)}`);
  process.exit(1);
}
process.stdout.write(`(check.mjs on ${valid.length + invalid.length} programs: ${(all.ms / 1000).toFixed(1)} s)\n`);
expect("exit code 1 when any program fails", all.code === 1, `exit ${all.code}`);
const byFile = new Map(report.programs.map((p) => [path.resolve(p.file), p]));
const fmt = (e) => `[${e.kind}]${e.where ? ` at ${e.where}` : ""}${e.yamlLine ? ` (yaml line ${e.yamlLine})` : ""}: ${e.message}`;

for (const f of valid) {
  const p = byFile.get(path.resolve(f));
  expect(`valid ${rel(f)} passes`, p && p.ok && p.errors.length === 0, p ? p.errors.map(fmt).join("\n") : "missing from report");
  if (p) expect(`valid ${rel(f)}: every declared resource registered`, p.registered >= p.resources, `${p.registered} registered of ${p.resources}`);
}

for (const f of invalid) {
  const p = byFile.get(path.resolve(f));
  expect(`invalid ${rel(f)} fails`, p && !p.ok && p.errors.length > 0, p ? "it passed" : "missing from report");
  if (!p) continue;
  const text = p.errors.map(fmt);
  const wanted = fs.readFileSync(f, "utf8").split("\n").map((l) => /^#\s*expect-error:\s*(.+)$/.exec(l)).filter(Boolean).map((m) => m[1].trim());
  expect(`invalid ${rel(f)} declares expect-error lines`, wanted.length > 0);
  for (const w of wanted) {
    const re = new RegExp(w);
    expect(`invalid ${rel(f)} reports /${w}/`, text.some((t) => re.test(t)), `reported:\n${text.join("\n")}`);
  }
}

// 2. `$${` stays a literal `${` all the way to the registered inputs and stack outputs.
{
  const p = byFile.get(path.resolve(validDir, "literal-dollar.yaml"));
  const topic = p?.registrations?.find((r) => r.name === "topic");
  expect("literal $${ reaches the provider as ${", topic && topic.inputs.policy === "${aws:SourceArn}", JSON.stringify(topic?.inputs));
  expect("literal $${ mixed with an interpolation", topic && topic.inputs.displayName === "price is ${amount} for dev", JSON.stringify(topic?.inputs));
  expect("literal $${ in a stack output", p?.outputs?.literal === "${not.a.reference}", JSON.stringify(p?.outputs));
}

// 3. Text report and exit code 0 for an all-valid run.
{
  const r = runCheck([validDir]);
  process.stdout.write(`(check.mjs on fixtures/valid, ${valid.length} programs: ${(r.ms / 1000).toFixed(1)} s)\n`);
  expect("exit code 0 when all programs pass", r.code === 0, `exit ${r.code}\n${r.out}${r.err}`);
  expect("text report has a PASS line per program", valid.every((f) => r.out.includes(`PASS ${rel(f)}`)), r.out);
}

// 4. Text report of a failure shows the YAML path, the generated TS line and the message.
{
  const f = path.join(invalidDir, "misspelled-nested-property.yaml");
  const r = runCheck([f]);
  expect("exit code 1 for a failing program", r.code === 1, `exit ${r.code}`);
  expect("text report names the YAML path and line", /FAIL .*misspelled-nested-property\.yaml[\s\S]*\[tsc\] at resources\.model\.properties\.primaryContainer\.imagee \(yaml line \d+\)/.test(r.out), r.out);
  expect("text report shows the generated TypeScript line", /generated p0\.ts:\d+: imagee:/.test(r.out), r.out);
}

// 5. Usage errors.
{
  expect("exit code 2 without arguments", runCheck([]).code === 2);
  expect("exit code 2 for a missing path", runCheck([path.join(here, "does-not-exist.yaml")]).code === 2);
  expect("exit code 2 for an unknown option", runCheck(["--nope", validDir]).code === 2);
  fs.mkdirSync(path.join(here, ".work"), { recursive: true });
  const empty = fs.mkdtempSync(path.join(here, ".work", "empty-"));
  try {
    expect("exit code 2 for a directory without programs", runCheck([empty]).code === 2);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

// 6. The mechanical token -> module/class derivation holds for every token the installed SDKs define:
//    each class's __pulumiType (and each function's invoke token) must resolve back to that class/function.
{
  const { resolveToken } = await import("./lib/translate.mjs");
  const { createRequire } = await import("node:module");
  const req = createRequire(import.meta.url);
  // Irregular tokens in the SDKs themselves (lower-case class token, functions without an Output form).
  const known = new Set([
    "gcp:privilegedaccessmanager/entitlement:entitlement",
    "aws:resourceexplorer/search:Search",
    "gcp:compute/routerStatus:RouterStatus",
    "kubernetes:helm:template",
    "kubernetes:kustomize:directory",
    "kubernetes:yaml:decode",
  ]);
  const t = Date.now();
  let resolved = 0;
  const bad = [];
  const tryResolve = (tok, kind) => {
    try {
      const r = resolveToken(tok, kind);
      const mod = req(r.spec);
      const good = kind === "resource" ? mod[r.member]?.__pulumiType === tok : typeof mod[`${r.member}Output`] === "function";
      if (good) resolved++;
      else if (!known.has(tok)) bad.push(`${tok} -> ${r.spec} . ${r.member}`);
    } catch (e) {
      if (!known.has(tok)) bad.push(`${tok}: ${String(e.message).split("\n")[0]}`);
    }
  };
  const walk = (dir) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) {
        if (f !== "node_modules" && f !== "types") walk(p);
      } else if (f.endsWith(".js")) {
        const src = fs.readFileSync(p, "utf8");
        const m = /static __pulumiType = '([^':]+:[^']+:[^']+)'/.exec(src);
        if (m) tryResolve(m[1], "resource");
        for (const x of src.matchAll(/invoke\("([^"]+)"/g)) tryResolve(x[1], "function");
      }
    }
  };
  for (const pkg of ["aws", "azure-native", "gcp", "kubernetes", "docker-build", "random", "command"]) {
    walk(path.join(here, "node_modules", "@pulumi", pkg));
  }
  process.stdout.write(`(token derivation: ${resolved} SDK tokens resolved in ${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
  expect("every SDK type/function token maps back to its class/function", bad.length === 0 && resolved > 5000, bad.slice(0, 20).join("\n"));
}

// 7. policies.mjs: planted findings are reported by each checker, suppressions match, stale entries fail.
{
  const policies = path.join(here, "policies.mjs");
  const planted = path.join(here, "fixtures", "policies", "planted.yaml");
  const plantedSuppressions = path.join(here, "fixtures", "policies", "suppressions.json");
  const runPolicies = (args) => {
    const t = Date.now();
    const r = spawnSync(process.execPath, [policies, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t };
  };
  fs.mkdirSync(path.join(here, ".work"), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(here, ".work", "policies-"));
  try {
    const none = path.join(tmp, "none.json");
    fs.writeFileSync(none, JSON.stringify({ awsguard: [], podSecurity: [], kubernetesModels: [] }));
    const r = runPolicies(["--json", "--suppressions", none, planted]);
    process.stdout.write(`(policies.mjs on the planted program: ${(r.ms / 1000).toFixed(1)} s)\n`);
    let rep = null;
    try { rep = JSON.parse(r.out); } catch (e) { expect("policies.mjs --json prints JSON", false, `${e}\n${r.out.slice(0, 2000)}\n${r.err.slice(0, 2000)}`); }
    if (rep) {
      expect("policies: exit code 1 with unsuppressed findings", r.code === 1 && !rep.ok, `exit ${r.code}`);
      const has = (xs, key, value, resource) => xs.some((f) => f[key] === value && f.resource === resource && f.program === "planted.yaml" && !f.suppressed);
      expect("awsguard reports the bucket without logging", has(rep.awsguard.findings, "policy", "s3-bucket-logging-enabled", "bucket"), JSON.stringify(rep.awsguard.findings));
      expect("awsguard reports the KMS key without rotation", has(rep.awsguard.findings, "policy", "cmk-backing-key-rotation-enabled", "key"), JSON.stringify(rep.awsguard.findings));
      expect("awsguard findings carry the pack's enforcement level", rep.awsguard.findings.every((f) => f.enforcementLevel === "advisory" || f.enforcementLevel === "mandatory"));
      expect("kubernetes-models rejects replicas: two inside ConfigGroup objs", has(rep.kubernetesModels.errors, "path", "/spec/replicas", "extras/Deployment/worker"), JSON.stringify(rep.kubernetesModels.errors));
      expect("prometheus-operator model rejects a numeric ServiceMonitor port", has(rep.kubernetesModels.errors, "path", "/spec/endpoints/0/port", "extras/ServiceMonitor/worker"), JSON.stringify(rep.kubernetesModels.errors));
      expect("kubernetes-models validated the typed Deployment and both ConfigGroup objects", rep.kubernetesModels.validated === 3 && rep.kubernetesModels.notValidated.length === 0, JSON.stringify(rep.kubernetesModels));
      expect("pod-security reports the privileged container", has(rep.podSecurity.findings, "control", "privileged", "app"), JSON.stringify(rep.podSecurity.findings));
      expect("pod-security reports the init container running as uid 0", has(rep.podSecurity.findings, "control", "runAsUser", "app"), JSON.stringify(rep.podSecurity.findings));
      expect("pod-security reports hostNetwork", has(rep.podSecurity.findings, "control", "hostNamespaces", "app"), JSON.stringify(rep.podSecurity.findings));
      expect("pod-security passes the compliant ConfigGroup Deployment", !rep.podSecurity.findings.some((f) => f.resource.startsWith("extras/")), JSON.stringify(rep.podSecurity.findings));
    }
    const ok = runPolicies(["--suppressions", plantedSuppressions, planted]);
    expect("policies: exit code 0 when every finding is suppressed", ok.code === 0, `exit ${ok.code}\n${ok.out}${ok.err}`);
    const supp = JSON.parse(fs.readFileSync(plantedSuppressions, "utf8"));
    supp.podSecurity.push({ control: "runAsNonRoot", resource: "app", program: "planted.yaml", reason: "matches nothing: the pod sets runAsNonRoot" });
    const staleFile = path.join(tmp, "stale.json");
    fs.writeFileSync(staleFile, JSON.stringify(supp));
    const stale = runPolicies(["--suppressions", staleFile, planted]);
    expect("policies: a suppression that matches no finding fails as stale", stale.code === 1 && /STALE podSecurity\[3\] \(runAsNonRoot on app\)/.test(stale.out), `exit ${stale.code}\n${stale.out}`);
    supp.podSecurity.pop();
    supp.awsguard[0].reason = "";
    fs.writeFileSync(staleFile, JSON.stringify(supp));
    const noReason = runPolicies(["--suppressions", staleFile, planted]);
    expect("policies: a suppression without a written reason fails", noReason.code === 1 && /a written "reason" is required/.test(noReason.out), `exit ${noReason.code}\n${noReason.out}`);
    expect("policies: exit code 2 without arguments", runPolicies([]).code === 2);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// 8. Pod Security "restricted" (home-made): each control rejects its planted defect, and only that control does.
{
  const { CONTROLS, checkRestricted } = await import("./lib/pod-security.mjs");
  const good = () => ({
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    initContainers: [{ name: "init", image: "i", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
    containers: [{ name: "c", image: "c", ports: [{ containerPort: 8080 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }],
    volumes: [{ name: "m", emptyDir: {} }, { name: "s", secret: { secretName: "x" } }, { name: "p", projected: { sources: [] } }],
  });
  expect("pod-security: a compliant pod passes every control", checkRestricted({}, good()).length === 0, JSON.stringify(checkRestricted({}, good())));
  const cases = {
    hostProcess: [(s) => (s.containers[0].securityContext.windowsOptions = { hostProcess: true })],
    hostNamespaces: [(s) => (s.hostNetwork = true), (s) => (s.hostPID = true), (s) => (s.hostIPC = true)],
    privileged: [(s) => (s.containers[0].securityContext.privileged = true), (s) => (s.initContainers[0].securityContext.privileged = true)],
    hostPorts: [(s) => (s.containers[0].ports[0].hostPort = 8080)],
    appArmorProfile: [(s) => (s.securityContext.appArmorProfile = { type: "Unconfined" }), (s, m) => (m.annotations = { "container.apparmor.security.beta.kubernetes.io/c": "unconfined" })],
    seLinuxOptions: [(s) => (s.securityContext.seLinuxOptions = { type: "spc_t" }), (s) => (s.containers[0].securityContext.seLinuxOptions = { user: "root" })],
    procMount: [(s) => (s.containers[0].securityContext.procMount = "Unmasked")],
    sysctls: [(s) => (s.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }])],
    restrictedVolumes: [(s) => s.volumes.push({ name: "h", hostPath: { path: "/var/run" } }), (s) => s.volumes.push({ name: "n", nfs: { server: "x", path: "/" } })],
    allowPrivilegeEscalation: [(s) => delete s.containers[0].securityContext.allowPrivilegeEscalation, (s) => (s.initContainers[0].securityContext.allowPrivilegeEscalation = true)],
    runAsNonRoot: [(s) => delete s.securityContext.runAsNonRoot, (s) => (s.containers[0].securityContext.runAsNonRoot = false)],
    runAsUser: [(s) => (s.securityContext.runAsUser = 0), (s) => (s.initContainers[0].securityContext.runAsUser = 0)],
    seccompProfile_restricted: [(s) => delete s.securityContext.seccompProfile, (s) => (s.containers[0].securityContext.seccompProfile = { type: "Unconfined" })],
    capabilities_restricted: [(s) => (s.containers[0].securityContext.capabilities.drop = ["NET_RAW"]), (s) => (s.initContainers[0].securityContext.capabilities.add = ["SYS_ADMIN"])],
  };
  expect("pod-security: every control has a planted-defect case", Object.keys(CONTROLS).every((c) => cases[c]), Object.keys(CONTROLS).filter((c) => !cases[c]).join(", "));
  for (const [control, plants] of Object.entries(cases)) {
    plants.forEach((plant, i) => {
      const spec = good();
      const meta = {};
      plant(spec, meta);
      const got = checkRestricted(meta, spec).map((f) => f.control);
      expect(`pod-security: ${control} rejects planted defect ${i + 1} (and nothing else does)`, got.length === 1 && got[0] === control, `reported: ${got.join(", ") || "nothing"}`);
    });
  }
}

process.stdout.write(`selftest: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
