// Runs Pulumi's AWS Guard policy pack (@pulumi/awsguard) over the resources a mock run registered, the way the
// Pulumi engine runs a Node policy pack during `pulumi preview --policy-pack`:
//   1. the pack program (lib/awsguard-pack: `new AwsGuard()`, awsguard's defaults) is started with
//      `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack dir>` in the pack's directory, which makes
//      @pulumi/policy serve the analyzer gRPC service and print its port;
//   2. this module is the engine: GetAnalyzerInfo, Configure (each policy's default enforcement level and its config
//      schema's defaults, as the CLI does when no policy config is given), then per program ConfigureStack, one
//      Analyze per resource (type, inputs, URN, name, options, provider) and one AnalyzeStack with all of them.
// @pulumi/policy itself builds the policy arguments (props deserialized from the wire, isType/asType, getConfig,
// notApplicable) and collects reportViolation calls, so nothing of the pack's harness is re-implemented here.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const PACK_DIR = path.join(here, "awsguard-pack");
const localRequire = createRequire(import.meta.url);
// The gRPC and protobuf modules @pulumi/pulumi's generated analyzer stubs use (instanceof checks need the same copies).
const pulumiRequire = createRequire(localRequire.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js");
const analyzer = pulumiRequire("./proto/analyzer_pb");
const { AnalyzerClient } = pulumiRequire("./proto/analyzer_grpc_pb");
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb");
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb");

const LEVELS = { [analyzer.EnforcementLevel.ADVISORY]: "advisory", [analyzer.EnforcementLevel.MANDATORY]: "mandatory", [analyzer.EnforcementLevel.DISABLED]: "disabled", [analyzer.EnforcementLevel.REMEDIATE]: "remediate" };
const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

export function awsguardVersion() {
  return String(localRequire("@pulumi/awsguard/package.json").version).replace(/^v/, "");
}

/**
 * The mock harness records inputs as JSON: secrets already in the engine's wire form ({sig, value}), assets and
 * archives as dumped SDK objects ({__pulumiAsset: true, path: {}}). Convert the latter to the wire form too.
 */
export function toWire(v) {
  if (Array.isArray(v)) return v.map(toWire);
  if (v === null || typeof v !== "object") return v;
  if (v.__pulumiAsset) return { [SPECIAL_SIG]: ASSET_SIG, path: "mock-asset" };
  if (v.__pulumiArchive) return { [SPECIAL_SIG]: ARCHIVE_SIG, assets: {} };
  const out = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWire(x);
  return out;
}

/**
 * Type aliases the installed provider SDK declares for a resource class (e.g. aws v7's aws.lb.LoadBalancer keeps
 * `aws:elasticloadbalancingv2/loadBalancer:LoadBalancer`). awsguard 0.3.1 was written against aws v4 and filters
 * some policies on those older tokens, so the engine, which passes only the current token, would never apply
 * them to aws:lb/* resources. policies.mjs therefore also analyzes each resource under each declared alias type
 * (findings say so), so the load-balancer policies check what they were written for.
 */
const aliasCache = new Map();
export function typeAliases(type) {
  if (aliasCache.has(type)) return aliasCache.get(type);
  let out = [];
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/.exec(type);
  if (m) {
    const file = path.join(path.dirname(localRequire.resolve(`@pulumi/${m[1]}/package.json`)), m[2], `${m[3]}.js`);
    const src = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const a = /aliases:\s*\[([^\]]*)\]/.exec(src);
    if (a) out = [...new Set([...a[1].matchAll(/type:\s*"([^"]+)"/g)].map((x) => x[1]))].filter((t) => t !== type);
  }
  aliasCache.set(type, out);
  return out;
}

const call = (client, method, req) =>
  new Promise((resolve, reject) => client[method](req, (err, res) => (err ? reject(new Error(`${method}: ${err.details || err.message}`)) : resolve(res))));

function startPack(timeoutMs) {
  const runner = localRequire.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const child = spawn(process.execPath, [runner, "127.0.0.1:0", PACK_DIR], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" } });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`policy pack did not print its port within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (/^\d+$/.test(line.trim())) { clearTimeout(timer); resolve(Number(line.trim())); }
    });
    child.on("close", (code) => { clearTimeout(timer); reject(new Error(`policy pack exited (${code}) before serving: ${stderr.trim().slice(0, 3000)}`)); });
  });
  return { child, port };
}

function schemaDefaults(policy) {
  const props = policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
  const out = {};
  for (const [k, s] of Object.entries(props)) if (s && typeof s === "object" && "default" in s) out[k] = s.default;
  return out;
}

function options() {
  const o = new analyzer.AnalyzerResourceOptions();
  o.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
  return o;
}

/**
 * @param programs [{program, project, stack, resources: [{type, name, urn, inputs, providerUrn}]}]
 * @returns {pack: {name, version}, policies: [{name, enforcementLevel, description}], findings: [{policy, enforcementLevel, program, resource, type, message}], notApplicable: Map}
 */
export async function runAwsGuard(programs, { timeoutMs = 60000 } = {}) {
  const { child, port } = startPack(timeoutMs);
  let client;
  try {
    client = new AnalyzerClient(`127.0.0.1:${await port}`, grpc.credentials.createInsecure());
    const info = await call(client, "getAnalyzerInfo", new Empty());
    const packLevel = info.getEnforcementlevel?.() ?? analyzer.EnforcementLevel.ADVISORY;
    const policies = info.getPoliciesList().map((p) => ({ name: p.getName(), enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? LEVELS[packLevel], description: p.getDescription(), kind: p.getPolicyType() === analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource", info: p }));
    // What the CLI sends when no --policy-pack-config is given: each policy at its own level, schema defaults.
    const configure = new analyzer.ConfigureAnalyzerRequest();
    for (const p of policies) {
      const c = new analyzer.PolicyConfig();
      c.setEnforcementlevel(p.info.getEnforcementlevel());
      c.setProperties(Struct.fromJavaScript(schemaDefaults(p.info)));
      configure.getPolicyconfigMap().set(p.name, c);
    }
    await call(client, "configure", configure);

    const findings = [];
    const applied = new Map(policies.map((p) => [p.name, 0]));
    // How many resources (resource policies) or programs (stack policies) each policy did not declare itself
    // not applicable to: a policy that applies to nothing checks nothing (e.g. a type token aws v7 no longer uses).
    const collect = (program, byUrn, res, kind, viaAlias) => {
      const na = new Set(res.getNotApplicableList().map((n) => n.getPolicyName()));
      const hit = new Set(res.getDiagnosticsList().map((d) => d.getPolicyname()));
      for (const p of policies) if (p.kind === kind && (hit.has(p.name) || !na.has(p.name))) applied.set(p.name, (applied.get(p.name) || 0) + 1);
      for (const d of res.getDiagnosticsList()) {
        const r = byUrn.get(d.getUrn());
        findings.push({ policy: d.getPolicyname(), enforcementLevel: LEVELS[d.getEnforcementlevel()], program: program.program, resource: r?.name ?? d.getUrn(), type: r?.type ?? "(stack)", ...(viaAlias ? { analyzedAs: viaAlias } : {}), message: d.getMessage() });
      }
    };
    for (const program of programs) {
      const stackReq = new analyzer.AnalyzerStackConfigureRequest();
      stackReq.setStack(program.stack);
      stackReq.setProject(program.project);
      stackReq.setOrganization("organization");
      stackReq.setDryRun(true);
      await call(client, "configureStack", stackReq);
      const byUrn = new Map(program.resources.map((r) => [r.urn, r]));
      const provider = (r) => {
        const p = r.providerUrn && byUrn.get(r.providerUrn.replace(/::[^:]*$/, ""));
        if (!p) return undefined;
        const m = new analyzer.AnalyzerProviderResource();
        m.setType(p.type); m.setUrn(p.urn); m.setName(p.name); m.setProperties(Struct.fromJavaScript(toWire(p.inputs)));
        return m;
      };
      const stack = [];
      for (const r of program.resources) {
        const prov = provider(r);
        for (const type of [r.type, ...typeAliases(r.type)]) {
          const req = new analyzer.AnalyzeRequest();
          req.setType(type); req.setUrn(r.urn); req.setName(r.name); req.setOptions(options());
          req.setProperties(Struct.fromJavaScript(toWire(r.inputs)));
          if (prov) req.setProvider(prov);
          const res = await call(client, "analyze", req);
          // A diagnostic without a URN belongs to the analyzed resource.
          for (const d of res.getDiagnosticsList()) if (!d.getUrn()) d.setUrn(r.urn);
          collect(program, byUrn, res, "resource", type === r.type ? undefined : type);
        }

        const s = new analyzer.AnalyzerResource();
        s.setType(r.type); s.setUrn(r.urn); s.setName(r.name); s.setOptions(options());
        s.setProperties(Struct.fromJavaScript(toWire(r.inputs)));
        if (prov) s.setProvider(prov);
        stack.push(s);
      }
      const sreq = new analyzer.AnalyzeStackRequest();
      sreq.setResourcesList(stack);
      collect(program, byUrn, await call(client, "analyzeStack", sreq), "stack");
    }
    return {
      pack: { name: info.getName(), version: info.getVersion(), awsguard: awsguardVersion() },
      policies: policies.map((p) => ({ name: p.name, kind: p.kind, enforcementLevel: p.enforcementLevel, appliedTo: applied.get(p.name) || 0 })),
      findings,
    };
  } finally {
    client?.close();
    child.kill();
  }
}
