// Translates one Pulumi YAML program into an equivalent, strictly typed TypeScript module.
//
// The generated module exports `program()`, which creates every resource with the official
// Pulumi Node SDK classes, passing object literals directly (so tsc's excess-property checks
// see every nested key). Each generated line carries a marker that maps it back to the YAML
// path and line it came from, so tsc diagnostics can be reported against the YAML.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isAlias } from "yaml";

export const CONFORMANCE_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const NODE_MODULES = path.join(CONFORMANCE_DIR, "node_modules");

// ---------------------------------------------------------------------------------------------
// Installed SDK packages
// ---------------------------------------------------------------------------------------------

const versionCache = new Map();
// @pulumi/* packages that are not resource providers (the SDK itself; the policy checkers policies.mjs runs).
const NOT_PROVIDERS = new Set(["pulumi", "policy", "awsguard"]);

/** Installed version of @pulumi/<pkg> (leading "v" stripped, as plugin versions are plain semver). */
export function installedVersion(pkg) {
  if (versionCache.has(pkg)) return versionCache.get(pkg);
  let v = null;
  const file = path.join(NODE_MODULES, "@pulumi", pkg, "package.json");
  if (/^[a-z0-9][a-z0-9-]*$/.test(pkg) && !NOT_PROVIDERS.has(pkg) && fs.existsSync(file)) {
    v = String(JSON.parse(fs.readFileSync(file, "utf8")).version).replace(/^v/, "");
  }
  versionCache.set(pkg, v);
  return v;
}

export function installedPackages() {
  const dir = path.join(NODE_MODULES, "@pulumi");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((p) => installedVersion(p));
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const lowerFirst = (s) => (s ? s[0].toLowerCase() + s.slice(1) : s);
const propKey = (k) => (IDENT.test(k) ? k : JSON.stringify(k));
const member = (k) => (IDENT.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
const optMember = (k) => (IDENT.test(k) ? `?.${k}` : `?.[${JSON.stringify(k)}]`);
const sanitize = (s) => s.replace(/[^A-Za-z0-9_]/g, "_");

export class TranslateError extends Error {}

/** Parses a Pulumi YAML interpolation string exactly like pulumi-yaml (`$$` -> `$`, `${a.b[0]["k"]}`). */
export function parseInterpolation(value) {
  const parts = [];
  let text = "";
  let s = value;
  while (s.length > 0) {
    if (s.startsWith("$$")) {
      text += "$";
      s = s.slice(2);
    } else if (s.startsWith("${")) {
      const { rest, accessors } = parsePropertyAccess(s.slice(2), value);
      parts.push({ text, access: accessors });
      text = "";
      s = rest;
    } else {
      text += s[0];
      s = s.slice(1);
    }
  }
  if (text.length > 0) parts.push({ text });
  return parts;
}

function parsePropertyAccess(access, whole) {
  const accessors = [];
  let s = access;
  while (s.length > 0) {
    const c = s[0];
    if (c === "}") {
      if (accessors.length === 0) throw new TranslateError(`empty interpolation in ${JSON.stringify(whole)}`);
      return { rest: s.slice(1), accessors };
    } else if (c === ".") {
      s = s.slice(1);
    } else if (c === "[") {
      if (s[1] === '"') {
        let key = "";
        let i = 2;
        for (;;) {
          if (i >= s.length) throw new TranslateError(`missing closing quote in property name in ${JSON.stringify(whole)}`);
          if (s[i] === '"') { i++; break; }
          if (s[i] === "\\" && s[i + 1] === '"') { key += '"'; i += 2; } else { key += s[i]; i++; }
        }
        if (s[i] !== "]") throw new TranslateError(`missing closing bracket in property access in ${JSON.stringify(whole)}`);
        accessors.push({ key });
        s = s.slice(i + 1);
      } else {
        const rb = s.indexOf("]");
        if (rb === -1) throw new TranslateError(`missing closing bracket in list index in ${JSON.stringify(whole)}`);
        const idx = s.slice(1, rb);
        if (!/^[0-9]+$/.test(idx)) throw new TranslateError(`invalid list index "${idx}" in ${JSON.stringify(whole)}`);
        if (accessors.length === 0) throw new TranslateError(`the root property must be a name in ${JSON.stringify(whole)}`);
        accessors.push({ index: Number(idx) });
        s = s.slice(rb + 1);
      }
    } else {
      let i = 0;
      while (i < s.length && s[i] !== "." && s[i] !== "[" && s[i] !== "}") i++;
      accessors.push({ name: s.slice(0, i) });
      s = s.slice(i);
    }
  }
  throw new TranslateError(`unterminated interpolation in ${JSON.stringify(whole)}`);
}

const accessorText = (acc) =>
  acc.map((a, i) => (a.name !== undefined ? (i ? "." : "") + a.name : a.key !== undefined ? `["${a.key}"]` : `[${a.index}]`)).join("");

// ---------------------------------------------------------------------------------------------
// Token -> SDK module/member
// ---------------------------------------------------------------------------------------------

/**
 * Derives the SDK import for a resource or function token, mechanically:
 *   pkg:mod/file:Member    -> `@pulumi/pkg/mod` . Member   (TF-bridged style: file part dropped)
 *   pkg:group.dom/v1:Kind  -> `@pulumi/pkg/group/v1` . Kind (version segments kept, domain dropped)
 *   pkg:index/file:Member  -> `@pulumi/pkg/file` . Member   (per-file module, to avoid the package index)
 *   pulumi:providers:pkg   -> `@pulumi/pkg/provider` . Provider
 * A wrong module or member is left for tsc to reject; the registered token is compared at run time.
 */
export function resolveToken(token, kind) {
  const parts = String(token).split(":");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
    throw new TranslateError(`malformed ${kind} token ${JSON.stringify(token)}: expected "package:module:${kind === "function" ? "function" : "Type"}"`);
  }
  let [pkg, mod, name] = parts;
  if (pkg === "pulumi") {
    // The engine's own resource for reading another stack's outputs: @pulumi/pulumi's StackReference, no plugin.
    if (mod === "pulumi" && name === "StackReference" && kind === "resource") {
      return { pkg, builtin: true, spec: "@pulumi/pulumi", ident: "pulumi", member: "StackReference" };
    }
    if (mod === "providers" && kind === "resource") {
      pkg = name;
      if (!installedVersion(pkg)) throw new TranslateError(`unknown package "${pkg}" in provider token ${JSON.stringify(token)} (installed: ${installedPackages().join(", ")})`);
      return { pkg, spec: `@pulumi/${pkg}/provider`, ident: sanitize(`${pkg}_provider`), member: "Provider", provider: true };
    }
    throw new TranslateError(`unsupported token ${JSON.stringify(token)} (only pulumi:providers:<pkg> and pulumi:pulumi:StackReference are supported from the "pulumi" package)`);
  }
  if (!installedVersion(pkg)) {
    throw new TranslateError(`unknown package "${pkg}" in ${kind} token ${JSON.stringify(token)} (installed: ${installedPackages().join(", ")})`);
  }
  const segs = mod.split("/");
  const pkgDir = path.join(NODE_MODULES, "@pulumi", pkg);
  let dirSegs = [];
  let fileSeg;
  if (segs[0] === "index") {
    fileSeg = segs[1];
  } else {
    dirSegs.push(segs[0].split(".")[0]);
    for (const s of segs.slice(1)) {
      if (/^v[0-9]+((alpha|beta)[0-9]+)?$/.test(s)) dirSegs.push(s);
      else fileSeg = s;
    }
  }
  if (dirSegs.length === 0) {
    const file = fileSeg ?? lowerFirst(name);
    if (file !== "index" && fs.existsSync(path.join(pkgDir, `${file}.d.ts`))) {
      return { pkg, spec: `@pulumi/${pkg}/${file}`, ident: sanitize(`${pkg}_${file}`), member: name, dir: pkgDir, file };
    }
    return { pkg, spec: `@pulumi/${pkg}`, ident: sanitize(pkg), member: name, dir: pkgDir };
  }
  return {
    pkg,
    spec: `@pulumi/${pkg}/${dirSegs.join("/")}`,
    ident: sanitize(`${pkg}_${dirSegs.join("_")}`),
    member: name,
    dir: path.join(pkgDir, ...dirSegs),
  };
}

/** Whether `<fn>Output` takes an args parameter (functions without inputs take only `opts`). */
function functionTakesArgs(res, fn) {
  const file = path.join(res.dir, `${res.file && res.file !== fn ? res.file : fn}.d.ts`);
  if (!fs.existsSync(file)) return true;
  const m = new RegExp(`export declare function ${fn}Output\\(\\s*(\\w+)`).exec(fs.readFileSync(file, "utf8"));
  return !(m && m[1] === "opts");
}

// ---------------------------------------------------------------------------------------------
// YAML AST -> plain nodes with line numbers
// ---------------------------------------------------------------------------------------------

function convert(node, doc, lc, fallbackLine) {
  if (node === null || node === undefined) return { k: "scalar", value: null, line: fallbackLine };
  if (isAlias(node)) return convert(node.resolve(doc), doc, lc, fallbackLine);
  const line = node.range ? lc.linePos(node.range[0]).line : fallbackLine;
  if (isMap(node)) {
    return {
      k: "map",
      line,
      entries: node.items.map((p) => {
        const keyLine = p.key && p.key.range ? lc.linePos(p.key.range[0]).line : line;
        const key = isScalar(p.key) ? String(p.key.value) : String(p.key);
        return { key, line: keyLine, value: convert(p.value, doc, lc, keyLine) };
      }),
    };
  }
  if (isSeq(node)) return { k: "seq", line, items: node.items.map((n) => convert(n, doc, lc, line)) };
  if (isScalar(node)) return { k: "scalar", line, value: node.value };
  throw new TranslateError(`unsupported YAML node at line ${line}`);
}

const mapGet = (node, key) => {
  if (!node || node.k !== "map") return undefined;
  const e = node.entries.find((x) => x.key.toLowerCase() === key.toLowerCase());
  return e ? e.value : undefined;
};
const mapEntry = (node, key) => node?.k === "map" ? node.entries.find((x) => x.key.toLowerCase() === key.toLowerCase()) : undefined;
const scalarString = (node) => (node && node.k === "scalar" && typeof node.value === "string" ? node.value : undefined);

// ---------------------------------------------------------------------------------------------
// Translation
// ---------------------------------------------------------------------------------------------

const TOP_LEVEL_KEYS = new Set([
  "name", "runtime", "description", "config", "configuration", "variables", "resources", "outputs",
  "main", "stackconfigdir", "backend", "options", "template", "plugins", "packages", "author",
  "license", "website", "pulumi", "components",
]);
const RESOURCE_KEYS = new Set(["type", "name", "properties", "options", "get", "defaultprovider"]);

const MARK_OPEN = "\u0001";
const MARK_CLOSE = "\u0002";

export function translateFile(file) {
  const source = fs.readFileSync(file, "utf8");
  return translateSource(source, file);
}

export function translateSource(source, file) {
  const t = new Translator(source, file);
  t.run();
  return t.result();
}

class Translator {
  constructor(source, file) {
    this.source = source;
    this.file = file;
    this.dir = path.dirname(path.resolve(file));
    this.errors = []; // {kind, message, where, line}
    this.warnings = [];
    this.marks = []; // index -> {where, line, resource}
    this.imports = new Map(); // spec -> ident
    this.expectedResources = [];
    this.expectedInvokes = [];
    this.config = { values: {}, secretKeys: [] };
    // Output paths the program reads, so the mocks can return plausible values for them.
    this.resourceRefs = {}; // registered name -> [[prop, ...], ...]
    this.invokeRefs = {}; // function token -> [[field, ...], ...]
    this.project = "project";
  }

  err(kind, message, where, line) {
    this.errors.push({ kind, message, where, line });
  }

  mark(where, line, resource) {
    this.marks.push({ where, line, resource });
    return `${MARK_OPEN}${this.marks.length - 1}${MARK_CLOSE}`;
  }

  useImport(res) {
    if (!this.imports.has(res.spec)) {
      let ident = res.ident;
      const taken = new Set(this.imports.values());
      while (taken.has(ident) || ident === "pulumi" || ident === "$") ident += "_";
      this.imports.set(res.spec, ident);
    }
    return this.imports.get(res.spec);
  }

  /** tsc cannot tell a provider from any custom resource (ProviderResource adds no members): check here. */
  checkProvider(label, pkg, optionsNode, where) {
    const p = mapEntry(optionsNode, "provider");
    if (!p) return;
    const m = p.value.k === "scalar" && typeof p.value.value === "string" ? /^\$\{([^.\[\]}]+)\}$/.exec(p.value.value) : null;
    const decl = m ? this.names.get(m[1]) : undefined;
    if (!decl || decl.kind !== "resource") return; // other shapes are left to tsc
    const pm = /^pulumi:providers:(.+)$/.exec(decl.token ?? "");
    if (!pm) {
      this.err("option", `${label}: options.provider refers to "${m[1]}" (${decl.token}), which is not a provider (pulumi:providers:<pkg>)`, where, p.line);
    } else if (pm[1] !== pkg) {
      this.err("option", `${label}: options.provider refers to "${m[1]}", a ${pm[1]} provider, but the token belongs to package "${pkg}"`, where, p.line);
    }
  }

  checkVersion(kind, label, pkg, optionsNode, where, line) {
    const expected = installedVersion(pkg);
    const v = mapGet(optionsNode, "version");
    if (v === undefined) {
      this.err("version", `${label}: options.version is missing; expected "${expected}" (installed @pulumi/${pkg})`, where, line);
    } else if (v.k !== "scalar" || String(v.value) !== expected) {
      const got = v.k === "scalar" ? JSON.stringify(v.value) : `a ${v.k}`;
      this.err("version", `${label}: options.version is ${got}; expected "${expected}" (installed @pulumi/${pkg})`, where, v.line ?? line);
    }
  }

  run() {
    let doc;
    const lc = new LineCounter();
    try {
      doc = parseDocument(this.source, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
    } catch (e) {
      this.err("yaml", `YAML parse error: ${e.message}`, "", 0);
      return;
    }
    if (doc.errors.length > 0) {
      for (const e of doc.errors) this.err("yaml", `YAML parse error: ${e.message}`, "", e.linePos?.[0]?.line ?? 0);
      return;
    }
    const root = convert(doc.contents, doc, lc, 1);
    if (root.k !== "map") {
      this.err("yaml", "a Pulumi YAML program must be a mapping at the top level", "", 1);
      return;
    }
    for (const e of root.entries) {
      if (!TOP_LEVEL_KEYS.has(e.key.toLowerCase())) this.err("structure", `unknown top-level key "${e.key}"`, e.key, e.line);
    }
    const name = scalarString(mapGet(root, "name"));
    if (!name) this.err("structure", `missing top-level "name" (the project name)`, "name", 1);
    else this.project = name;
    const runtime = mapGet(root, "runtime");
    if (runtime && !(scalarString(runtime) === "yaml" || (runtime.k === "map" && scalarString(mapGet(runtime, "name")) === "yaml"))) {
      this.err("structure", `runtime must be "yaml"`, "runtime", runtime.line);
    }

    // Collect declared names.
    const configNode = mapGet(root, "config") ?? mapGet(root, "configuration");
    const varsNode = mapGet(root, "variables");
    const resNode = mapGet(root, "resources");
    const outputsNode = mapGet(root, "outputs");
    for (const [label, n] of [["config", configNode], ["variables", varsNode], ["resources", resNode], ["outputs", outputsNode]]) {
      if (n && n.k !== "map" && !(n.k === "scalar" && n.value === null)) this.err("structure", `"${label}" must be a mapping`, label, n.line);
    }
    this.names = new Map(); // name -> {kind, ident}
    const declare = (nm, kind, line) => {
      if (this.names.has(nm)) {
        this.err("structure", `duplicate name "${nm}" (declared as ${this.names.get(nm).kind} and ${kind})`, nm, line);
        return;
      }
      const prefix = { config: "c_", variable: "v_", resource: "r_" }[kind];
      let ident = prefix + sanitize(nm);
      const idents = new Set([...this.names.values()].map((x) => x.ident));
      while (idents.has(ident)) ident += "_";
      this.names.set(nm, { kind, ident });
    };
    const configEntries = configNode?.k === "map" ? configNode.entries : [];
    const varEntries = varsNode?.k === "map" ? varsNode.entries : [];
    const resEntries = resNode?.k === "map" ? resNode.entries : [];
    for (const e of configEntries) if (!e.key.includes(":") || e.key.startsWith(`${this.project}:`)) declare(e.key.replace(`${this.project}:`, ""), "config", e.line);
    for (const e of varEntries) {
      declare(e.key, "variable", e.line);
      // A variable that is exactly an invoke: remember the token (and `return`) for mock values.
      const inv = e.value.k === "map" && e.value.entries.length === 1 && /^fn::invoke$/i.test(e.value.entries[0].key) ? e.value.entries[0].value : undefined;
      const tok = scalarString(mapGet(inv, "function"));
      if (tok && this.names.get(e.key)?.kind === "variable") {
        const ret = scalarString(mapGet(inv, "return"));
        this.names.get(e.key).invoke = { token: tok, prefix: ret ? [ret] : [] };
        if (ret) this.recordRef(this.invokeRefs, tok, [ret]);
      }
    }
    for (const e of resEntries) {
      declare(e.key, "resource", e.line);
      const decl = this.names.get(e.key);
      if (decl?.kind === "resource") {
        decl.regName = scalarString(mapGet(e.value, "name")) ?? e.key;
        decl.token = scalarString(mapGet(e.value, "type"));
      }
    }
    if (this.names.has("pulumi")) this.err("structure", `"pulumi" is reserved and cannot be declared`, "pulumi", 1);

    const configLines = this.translateConfig(configEntries);

    // Translate every variable and resource body, collecting references.
    const nodes = [];
    for (const e of varEntries) {
      const deps = new Set();
      const where = `variables.${e.key}`;
      let code;
      try {
        const ex = this.ex(e.value, where, 0, { deps, owner: where });
        // Builtins that already yield an Output are kept as they are (so tsc names the SDK's result type);
        // anything else is lifted with pulumi.output so `${var.path}` can use .apply uniformly.
        const fnKey = e.value.k === "map" && e.value.entries.length === 1 ? e.value.entries[0].key.toLowerCase() : "";
        const isOutput = ["fn::invoke", "fn::tojson", "fn::secret", "fn::unsecret", "fn::tobase64", "fn::frombase64", "fn::sha1", "fn::length", "fn::join", "fn::split", "fn::select", "fn::singleornone"].includes(fnKey);
        code = `${this.mark(where, e.line, where)}const ${this.names.get(e.key)?.ident} = ${isOutput ? ex : `pulumi.output(${ex})`};`;
      } catch (err) {
        this.fail(err, where, e.line);
      }
      nodes.push({ name: e.key, deps, code, line: e.line });
    }
    for (const e of resEntries) {
      const deps = new Set();
      let code;
      try {
        code = this.translateResource(e, deps);
      } catch (err) {
        this.fail(err, `resources.${e.key}`, e.line);
      }
      nodes.push({ name: e.key, deps, code, line: e.line });
    }

    // Outputs.
    const outLines = [];
    for (const e of outputsNode?.k === "map" ? outputsNode.entries : []) {
      const where = `outputs.${e.key}`;
      try {
        outLines.push(`    ${this.mark(where, e.line, where)}${JSON.stringify(e.key)}: ${this.ex(e.value, where, 2, { deps: new Set(), owner: where })},`);
      } catch (err) {
        this.fail(err, where, e.line);
      }
    }

    const ordered = this.toposort(nodes);
    if (!ordered) return;

    const body = [];
    body.push(`export function program() {`);
    body.push(`  const config = new pulumi.Config();`);
    body.push(...configLines);
    for (const n of ordered) if (n.code) body.push(indent(n.code, 1));
    body.push(`  return {`);
    body.push(...outLines);
    body.push(`  };`);
    body.push(`}`);

    const head = [
      `// Generated by tests/conformance/check.mjs from ${this.file}`,
      `import * as pulumi from "@pulumi/pulumi";`,
      `import * as $ from "./rt";`,
    ];
    for (const [spec, ident] of this.imports) head.push(`import * as ${ident} from ${JSON.stringify(spec)};`);
    this.rawTs = [...head, ...body].join("\n") + "\n";
  }

  recordRef(table, key, pathParts) {
    if (!table[key]) table[key] = [];
    const j = JSON.stringify(pathParts);
    if (!table[key].some((p) => JSON.stringify(p) === j)) table[key].push(pathParts);
  }

  fail(err, where, line) {
    if (err instanceof TranslateError) this.err("translate", err.message, where, err.line ?? line);
    else throw err;
  }

  translateConfig(entries) {
    const lines = [];
    for (const e of entries) {
      const where = `config.${e.key}`;
      const isNamespaced = e.key.includes(":") && !e.key.startsWith(`${this.project}:`);
      const key = isNamespaced ? e.key : e.key.replace(`${this.project}:`, "");
      let type, secret = false, def;
      if (e.value.k === "map") {
        const t = mapGet(e.value, "type");
        type = t ? scalarString(t) : undefined;
        if (t && !type) this.err("config", `config "${e.key}": type must be a string`, where, t.line);
        const s = mapGet(e.value, "secret");
        if (s) {
          if (s.k !== "scalar" || typeof s.value !== "boolean") this.err("config", `config "${e.key}": secret must be a boolean`, where, s.line);
          else secret = s.value;
        }
        def = mapGet(e.value, "default") ?? mapGet(e.value, "value");
        for (const x of e.value.entries) {
          if (!["type", "secret", "default", "value", "description", "name", "items"].includes(x.key.toLowerCase())) {
            this.err("config", `config "${e.key}": unknown key "${x.key}"`, where, x.line);
          }
        }
      } else {
        def = e.value;
      }
      const defJs = def ? plain(def) : undefined;
      if (!type) {
        type = typeof defJs === "number" ? (Number.isInteger(defJs) ? "Integer" : "Number") : typeof defJs === "boolean" ? "Boolean" : Array.isArray(defJs) ? "List<String>" : "String";
      }
      const tl = type.toLowerCase();
      let kind, tsType, dummy;
      if (tl === "string") { kind = "string"; dummy = defJs ?? `dummy-${key}`; }
      else if (tl === "integer" || tl === "int" || tl === "number") { kind = "number"; dummy = defJs ?? 1; }
      else if (tl === "boolean" || tl === "bool") { kind = "boolean"; dummy = defJs ?? true; }
      else if (/^list<\s*(string|integer|int|number|boolean)\s*>$/.test(tl) || tl === "array") {
        kind = "object";
        const inner = (/^list<\s*(\w+)\s*>$/.exec(tl) ?? [, "string"])[1];
        tsType = inner === "string" ? "string[]" : inner === "boolean" ? "boolean[]" : "number[]";
        dummy = defJs ?? (inner === "string" ? [`dummy-${key}`] : inner === "boolean" ? [true] : [1]);
      } else if (tl === "object") { kind = "object"; tsType = "Record<string, string>"; dummy = defJs ?? {}; }
      else { this.err("config", `config "${e.key}": unsupported type "${type}"`, where, e.line); continue; }
      if (defJs !== undefined) {
        const ok = kind === "string" ? typeof defJs === "string"
          : kind === "number" ? typeof defJs === "number" && (tl === "number" || Number.isInteger(defJs))
          : kind === "boolean" ? typeof defJs === "boolean" : typeof defJs === "object";
        if (!ok) this.err("config", `config "${e.key}": default ${JSON.stringify(defJs)} does not match type ${type}`, where, def.line);
      }
      const fullKey = isNamespaced ? key : `${this.project}:${key}`;
      this.config.values[fullKey] = typeof dummy === "string" ? dummy : JSON.stringify(dummy);
      if (secret) this.config.secretKeys.push(fullKey);
      if (isNamespaced) continue;
      const ident = this.names.get(key)?.ident;
      if (!ident) continue;
      const fnName = {
        string: secret ? "requireSecret" : "require",
        number: secret ? "requireSecretNumber" : "requireNumber",
        boolean: secret ? "requireSecretBoolean" : "requireBoolean",
        object: secret ? `requireSecretObject<${tsType}>` : `requireObject<${tsType}>`,
      }[kind];
      lines.push(`  ${this.mark(where, e.line, where)}const ${ident} = config.${fnName}(${JSON.stringify(key)});`);
    }
    return lines;
  }

  translateResource(e, deps) {
    const where = `resources.${e.key}`;
    const decl = e.value;
    if (decl.k !== "map") throw new TranslateError(`resource "${e.key}" must be a mapping with "type" and "properties"`);
    for (const x of decl.entries) {
      if (!RESOURCE_KEYS.has(x.key.toLowerCase())) this.err("structure", `resource "${e.key}": unknown key "${x.key}" (expected ${[...RESOURCE_KEYS].join(", ")})`, `${where}.${x.key}`, x.line);
    }
    const typeNode = mapGet(decl, "type");
    const token = scalarString(typeNode);
    if (!token) throw new TranslateError(`resource "${e.key}" has no "type"`);
    const nameNode = mapGet(decl, "name");
    let regName = e.key;
    if (nameNode) {
      regName = scalarString(nameNode);
      if (!regName) throw new TranslateError(`resource "${e.key}": "name" must be a literal string`);
    }
    const optionsNode = mapGet(decl, "options");
    if (optionsNode && optionsNode.k !== "map") throw new TranslateError(`resource "${e.key}": "options" must be a mapping`);
    const res = resolveToken(token, "resource");
    if (res.builtin) {
      // No plugin serves it, so there is no version to pin and no provider to pass.
      if (mapGet(optionsNode, "version") !== undefined) this.err("version", `resource "${e.key}" (${token}): the engine's built-in resources take no options.version`, `${where}.options.version`, optionsNode?.line ?? e.line);
      if (mapGet(optionsNode, "provider") !== undefined) this.err("option", `resource "${e.key}" (${token}): the engine's built-in resources take no provider`, `${where}.options.provider`, optionsNode?.line ?? e.line);
    } else {
      this.checkVersion("resource", `resource "${e.key}" (${token})`, res.pkg, optionsNode, `${where}.options.version`, optionsNode?.line ?? e.line);
      if (!res.provider) this.checkProvider(`resource "${e.key}"`, res.pkg, optionsNode, `${where}.options.provider`);
    }
    this.expectedResources.push({ logical: e.key, name: regName, type: token, line: e.line });
    const ident = res.builtin ? "pulumi" : this.useImport(res);
    const cls = `${ident}${member(res.member)}`;
    const ctx = { deps, owner: where };

    const propsNode = mapGet(decl, "properties");
    const getNode = mapGet(decl, "get");
    if (propsNode && getNode) throw new TranslateError(`resource "${e.key}": "properties" and "get" are mutually exclusive`);
    const opts = this.optionsLiteral(optionsNode, `${where}.options`, 0, ctx);
    const head = `${this.mark(where, e.line, where)}const ${this.names.get(e.key).ident} = `;
    if (getNode) {
      if (getNode.k !== "map") throw new TranslateError(`resource "${e.key}": "get" must be a mapping with "id" (and optional "state")`);
      const id = mapGet(getNode, "id");
      if (!id) throw new TranslateError(`resource "${e.key}": "get" needs an "id"`);
      const state = mapGet(getNode, "state");
      return `${head}${cls}.get(${JSON.stringify(regName)}, ${this.ex(id, `${where}.get.id`, 0, ctx)}, ${state ? this.objectLiteral(state, `${where}.get.state`, 0, ctx) : "undefined"}, ${opts});`;
    }
    if (propsNode && propsNode.k !== "map" && !(propsNode.k === "scalar" && propsNode.value === null)) {
      throw new TranslateError(`resource "${e.key}": "properties" must be a mapping`);
    }
    const props = propsNode && propsNode.k === "map" ? this.objectLiteral(propsNode, `${where}.properties`, 0, ctx) : "{}";
    return `${head}new ${cls}(${JSON.stringify(regName)}, ${props}, ${opts});`;
  }

  optionsLiteral(node, where, depth, ctx) {
    if (!node || node.k !== "map" || node.entries.length === 0) return "{}";
    const pad = "  ".repeat(depth + 1);
    const lines = node.entries.map((e) => `${pad}${this.mark(`${where}.${e.key}`, e.line, ctx.owner)}${propKey(e.key)}: ${this.ex(e.value, `${where}.${e.key}`, depth + 1, ctx)},`);
    return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
  }

  objectLiteral(node, where, depth, ctx) {
    if (node.k !== "map") return this.ex(node, where, depth, ctx);
    if (node.entries.length === 0) return "{}";
    const pad = "  ".repeat(depth + 1);
    const lines = node.entries.map((e) => {
      const p = `${where}.${e.key}`;
      return `${pad}${this.mark(p, e.line, ctx.owner)}${propKey(e.key)}: ${this.ex(e.value, p, depth + 1, ctx)},`;
    });
    return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
  }

  /** Translates any YAML value/expression to a TypeScript expression. */
  ex(node, where, depth, ctx) {
    try {
      return this.exInner(node, where, depth, ctx);
    } catch (e) {
      if (e instanceof TranslateError && e.line === undefined) e.line = node.line;
      throw e;
    }
  }

  exInner(node, where, depth, ctx) {
    switch (node.k) {
      case "scalar": {
        const v = node.value;
        if (v === null || v === undefined) return "undefined";
        if (typeof v === "number") {
          if (!Number.isFinite(v)) throw new TranslateError(`non-finite number at ${where}`);
          return String(v);
        }
        if (typeof v === "boolean") return String(v);
        if (typeof v === "string") return this.interp(v, where, ctx);
        throw new TranslateError(`unsupported scalar ${String(v)} at ${where}`);
      }
      case "seq": {
        if (node.items.length === 0) return "[]";
        const pad = "  ".repeat(depth + 1);
        const lines = node.items.map((it, i) => `${pad}${this.mark(`${where}[${i}]`, it.line, ctx.owner)}${this.ex(it, `${where}[${i}]`, depth + 1, ctx)},`);
        return `[\n${lines.join("\n")}\n${"  ".repeat(depth)}]`;
      }
      case "map": {
        const fnEntry = node.entries.find((e) => /^fn::/i.test(e.key));
        if (fnEntry) {
          if (node.entries.length !== 1) throw new TranslateError(`${where}: "${fnEntry.key}" must be the only key of its mapping`);
          return this.builtin(fnEntry.key, fnEntry.value, `${where}.${fnEntry.key}`, depth, ctx, fnEntry.line);
        }
        return this.objectLiteral(node, where, depth, ctx);
      }
    }
    throw new TranslateError(`unsupported node at ${where}`);
  }

  interp(str, where, ctx) {
    const parts = parseInterpolation(str);
    if (!parts.some((p) => p.access)) return JSON.stringify(parts.map((p) => p.text).join(""));
    if (parts.length === 1 && parts[0].text === "") return this.ref(parts[0].access, where, ctx);
    let out = "pulumi.interpolate`";
    for (const p of parts) {
      out += p.text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$/g, "\\$").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
      if (p.access) out += "${" + this.ref(p.access, where, ctx) + "}";
    }
    return out + "`";
  }

  /** A `${...}` reference: resource (instance or output path), variable, config key or pulumi.* */
  ref(acc, where, ctx) {
    const root = acc[0].name ?? acc[0].key;
    const text = accessorText(acc);
    if (root === "pulumi" && !this.names.has("pulumi")) {
      const p = acc[1]?.name ?? acc[1]?.key;
      const map = { stack: "pulumi.getStack()", project: "pulumi.getProject()", organization: "pulumi.getOrganization()", cwd: "process.cwd()", rootDirectory: "pulumi.getRootDirectory()" };
      if (acc.length !== 2 || !map[p]) throw new TranslateError(`${where}: unknown builtin variable "\${${text}}" (known: ${Object.keys(map).map((k) => "pulumi." + k).join(", ")})`);
      return map[p];
    }
    const decl = this.names.get(root);
    if (!decl) {
      throw new TranslateError(`${where}: "\${${text}}" refers to "${root}", which is not a declared resource, variable or config key`);
    }
    if (ctx.owner && decl.kind !== "config") ctx.deps.add(root);
    const rest = acc.slice(1);
    const parts = rest.map((a) => (a.index !== undefined ? a.index : a.name ?? a.key));
    if (decl.kind === "resource" && parts.length) this.recordRef(this.resourceRefs, decl.regName, parts);
    if (decl.kind === "variable" && decl.invoke && parts.length) this.recordRef(this.invokeRefs, decl.invoke.token, [...decl.invoke.prefix, ...parts]);
    const path = (xs) => xs.map((a) => (a.index !== undefined ? `?.[${a.index}]` : optMember(a.name ?? a.key))).join("");
    if (decl.kind === "resource") {
      if (rest.length === 0) return decl.ident;
      const first = rest[0];
      if (first.index !== undefined) throw new TranslateError(`${where}: "\${${text}}" indexes a resource; use a property name`);
      const prop = `${decl.ident}${member(first.name ?? first.key)}`;
      if (rest.length === 1) return `$.nn(${prop})`;
      return `$.nn(${prop}.apply((v) => v${path(rest.slice(1))}))`;
    }
    if (decl.kind === "variable") {
      if (rest.length === 0) return decl.ident;
      return `$.nn(${decl.ident}.apply((v) => v${path(rest)}))`;
    }
    if (rest.length === 0) return decl.ident;
    return `$.nn(pulumi.output(${decl.ident}).apply((v) => v${path(rest)}))`;
  }

  builtin(key, arg, where, depth, ctx, line) {
    const fn = key.slice(4);
    const name = fn.toLowerCase();
    const x = (n, w = where) => this.ex(n, w, depth, ctx);
    const list = (n, len) => {
      if (n.k !== "seq" || n.items.length !== len) throw new TranslateError(`${where}: expects a list of ${len} elements`);
      return n.items.map((it, i) => x(it, `${where}[${i}]`));
    };
    const filePath = (n) => {
      const p = scalarString(n);
      if (p === undefined) throw new TranslateError(`${where}: expects a literal file path`);
      const abs = path.resolve(this.dir, p);
      if (!fs.existsSync(abs)) throw new TranslateError(`${where}: file "${p}" does not exist (resolved to ${abs})`);
      return JSON.stringify(abs);
    };
    switch (name) {
      case "invoke": return this.invoke(arg, where, depth, ctx, line);
      case "tojson": return `pulumi.jsonStringify(${x(arg)})`;
      case "secret": return `pulumi.secret(${x(arg)})`;
      case "unsecret": return `pulumi.unsecret(pulumi.output(${x(arg)}))`;
      case "tobase64": return `$.toBase64(${x(arg)})`;
      case "frombase64": return `$.fromBase64(${x(arg)})`;
      case "sha1": return `$.sha1(${x(arg)})`;
      case "length": return `$.length(${x(arg)})`;
      case "join": { const [s, l] = list(arg, 2); return `$.join(${s}, ${l})`; }
      case "split": { const [s, v] = list(arg, 2); return `$.split(${s}, ${v})`; }
      // select/singleOrNone are emitted inline: a generic helper would hide the element type.
      case "select": { const [i, l] = list(arg, 2); return `$.nn(pulumi.all([${i}, ${l}]).apply(([ix, xs]) => xs?.[ix]))`; }
      case "singleornone": return `pulumi.output(${x(arg)}).apply((xs) => (xs?.length === 1 ? xs[0] : undefined))`;
      case "readfile": return `$.readFile(${filePath(arg)})`;
      case "filebase64": return `$.fileBase64(${filePath(arg)})`;
      case "filebase64sha256": return `$.fileBase64Sha256(${filePath(arg)})`;
      case "fileasset": return `new pulumi.asset.FileAsset(${x(arg)})`;
      case "stringasset": return `new pulumi.asset.StringAsset(${x(arg)})`;
      case "remoteasset": return `new pulumi.asset.RemoteAsset(${x(arg)})`;
      case "filearchive": return `new pulumi.asset.FileArchive(${x(arg)})`;
      case "remotearchive": return `new pulumi.asset.RemoteArchive(${x(arg)})`;
      case "assetarchive": {
        if (arg.k !== "map") throw new TranslateError(`${where}: expects a mapping of name -> asset/archive`);
        return `new pulumi.asset.AssetArchive(${this.objectLiteral(arg, where, depth, ctx)})`;
      }
      default:
        if (fn.includes(":")) {
          throw new TranslateError(`${where}: shorthand invoke "${key}" is not supported by the checker; use fn::invoke with function/arguments/options (options.version is required)`);
        }
        throw new TranslateError(`${where}: unsupported builtin "${key}"`);
    }
  }

  invoke(arg, where, depth, ctx, line) {
    if (arg.k !== "map") throw new TranslateError(`${where}: fn::invoke expects a mapping with "function", "arguments", "options", "return"`);
    for (const e of arg.entries) {
      if (!["function", "arguments", "options", "return"].includes(e.key.toLowerCase())) {
        throw new TranslateError(`${where}: unknown fn::invoke key "${e.key}"`);
      }
    }
    const token = scalarString(mapGet(arg, "function"));
    if (!token) throw new TranslateError(`${where}: fn::invoke needs "function: <token>"`);
    const res = resolveToken(token, "function");
    const optionsNode = mapGet(arg, "options");
    if (optionsNode && optionsNode.k !== "map") throw new TranslateError(`${where}: fn::invoke options must be a mapping`);
    this.checkVersion("invoke", `invoke ${token} at ${where}`, res.pkg, optionsNode, `${where}.options.version`, optionsNode?.line ?? line);
    this.checkProvider(`invoke ${token} at ${where}`, res.pkg, optionsNode, `${where}.options.provider`);
    this.expectedInvokes.push({ token, where, line });
    const ident = this.useImport(res);
    const argsNode = mapGet(arg, "arguments");
    const hasArgs = argsNode && !(argsNode.k === "map" && argsNode.entries.length === 0) && !(argsNode.k === "scalar" && argsNode.value === null);
    const takesArgs = functionTakesArgs(res, res.member);
    if (hasArgs && !takesArgs) throw new TranslateError(`${where}: function ${token} takes no arguments`);
    const params = [];
    if (takesArgs) params.push(hasArgs ? this.objectLiteral(argsNode, `${where}.arguments`, depth, ctx) : "{}");
    params.push(this.optionsLiteral(optionsNode, `${where}.options`, depth, ctx));
    let call = `${ident}${member(res.member + "Output")}(${params.join(", ")})`;
    const retNode = mapGet(arg, "return");
    if (retNode) {
      const ret = scalarString(retNode);
      if (!ret) throw new TranslateError(`${where}: fn::invoke "return" must be a property name`);
      this.recordRef(this.invokeRefs, token, [ret]);
      call += `.apply((r) => r${member(ret)})`;
    }
    return call;
  }

  toposort(nodes) {
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const state = new Map();
    const out = [];
    const stack = [];
    let ok = true;
    const visit = (n) => {
      const s = state.get(n.name);
      if (s === 2) return;
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(n.name)), n.name];
        this.err("structure", `dependency cycle: ${cycle.join(" -> ")}`, n.name, n.line);
        ok = false;
        return;
      }
      state.set(n.name, 1);
      stack.push(n.name);
      for (const d of n.deps) {
        const dn = byName.get(d);
        if (dn) visit(dn);
        if (!ok) return;
      }
      stack.pop();
      state.set(n.name, 2);
      out.push(n);
    };
    for (const n of nodes) {
      visit(n);
      if (!ok) return null;
    }
    return out;
  }

  result() {
    let ts = null;
    const lineMap = [];
    if (this.rawTs && this.errors.every((e) => ["version", "config", "option"].includes(e.kind))) {
      const lines = this.rawTs.split("\n");
      let current = null;
      const out = [];
      for (const l of lines) {
        const m = [...l.matchAll(/\u0001(\d+)\u0002/g)];
        if (m.length > 0) current = this.marks[Number(m[0][1])];
        out.push(l.replace(/\u0001\d+\u0002/g, ""));
        lineMap.push(m.length > 0 ? current : current ? { ...current, inherited: true } : null);
      }
      ts = out.join("\n");
    }
    return {
      file: this.file,
      project: this.project,
      errors: this.errors,
      warnings: this.warnings,
      ts,
      lineMap,
      expectedResources: this.expectedResources,
      expectedInvokes: this.expectedInvokes,
      config: this.config,
      resourceRefs: this.resourceRefs,
      invokeRefs: this.invokeRefs,
    };
  }
}

function indent(code, n) {
  const pad = "  ".repeat(n);
  return code.split("\n").map((l) => pad + l).join("\n");
}

/** YAML node -> plain JS value (for config defaults). */
function plain(node) {
  if (node.k === "scalar") return node.value;
  if (node.k === "seq") return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}
