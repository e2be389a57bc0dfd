// Schema validation of Kubernetes objects with kubernetes-models (the Kubernetes OpenAPI schemas compiled to ajv
// validators) and, for the Prometheus Operator CRDs, @kubernetes-models/prometheus-operator.
// Note: like the API's OpenAPI schemas these validators do not reject unknown fields (additionalProperties is not
// closed); types, enums, formats and required fields are checked.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Model packages by API group; the core group ("v1") and the built-in groups come from kubernetes-models. */
const CRD_PACKAGES = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };

export const modelPackages = () => ({
  "kubernetes-models": require("kubernetes-models/package.json").version,
  "@kubernetes-models/prometheus-operator": require("@kubernetes-models/prometheus-operator/package.json").version,
});

/** Mock-recorded inputs carry secrets in the engine's wire form; a Kubernetes object holds the plain value. */
export function unwrapSecrets(v) {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v === null || typeof v !== "object") return v;
  if (v[SPECIAL_SIG] === SECRET_SIG) return unwrapSecrets(v.value);
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = unwrapSecrets(x);
  return out;
}

const cache = new Map();
/** The model class for apiVersion/kind, or a reason why there is none. */
export async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key);
  let result;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) {
    result = { reason: `no apiVersion/kind (${JSON.stringify(apiVersion)}/${JSON.stringify(kind)})` };
  } else {
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
    const pkg = group && CRD_PACKAGES[group] ? CRD_PACKAGES[group] : "kubernetes-models";
    const spec = `${pkg}/${apiVersion}/${kind}`;
    try {
      const mod = await import(spec);
      result = typeof mod[kind] === "function" ? { model: mod[kind], spec } : { reason: `${spec} exports no ${kind}` };
    } catch (e) {
      result = { reason: group && !CRD_PACKAGES[group] && !e.message.includes(kind) ? `no model package for API group ${group}` : `no model for ${apiVersion} ${kind} in ${pkg}` };
    }
  }
  cache.set(key, result);
  return result;
}

/**
 * KServe publishes no model package. An InferenceService's predictor inlines a core PodSpec (kserve/kserve
 * pkg/apis/serving/v1beta1/predictor.go), so that part is validated with kubernetes-models' v1 Pod (errors under
 * /spec/predictor); the KServe fields beside it are checked by the SDK's own tests (KServeWorkloadTests).
 */
const KSERVE_PREDICTOR_FIELDS = new Set(["name", "minReplicas", "maxReplicas", "scaleTarget", "scaleMetric", "scaleMetricType", "autoScaling", "containerConcurrency", "timeout", "canaryTrafficPercent", "logger", "batcher", "labels", "annotations", "deploymentStrategy", "storageUris", "storageContainerName", "workerSpec", "model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface", "pmml", "lightgbm", "paddle"]);

/** The pod an InferenceService's predictor describes, or null for any other object. */
export function inferenceServicePod(obj) {
  if (obj?.kind !== "InferenceService" || typeof obj?.apiVersion !== "string" || !obj.apiVersion.startsWith("serving.kserve.io/")) return null;
  const predictor = obj.spec?.predictor ?? {};
  const spec = Object.fromEntries(Object.entries(predictor).filter(([k]) => !KSERVE_PREDICTOR_FIELDS.has(k)));
  return { metadata: { name: obj.metadata?.name, labels: predictor.labels ?? {}, annotations: predictor.annotations ?? {} }, spec };
}

/** Validates one object: {validated: true, errors: [{path, message}]} or {validated: false, reason}. */
export async function validateObject(obj) {
  const pod = inferenceServicePod(obj);
  if (pod) {
    const inner = await validateObject({ apiVersion: "v1", kind: "Pod", metadata: { name: pod.metadata.name ?? "predictor" }, spec: pod.spec });
    return { ...inner, model: `${inner.model} (InferenceService predictor PodSpec)`, errors: inner.errors.map((e) => ({ ...e, path: e.path.replace(/^\/spec/, "/spec/predictor") })) };
  }
  const m = await modelFor(obj?.apiVersion, obj?.kind);
  if (!m.model) return { validated: false, reason: m.reason };
  try {
    new m.model(obj).validate();
    return { validated: true, model: m.spec, errors: [] };
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    return {
      validated: true,
      model: m.spec,
      errors: e.errors.map((x) => ({ path: x.instancePath || "/", message: `${x.message}${x.params && Object.keys(x.params).length ? ` ${JSON.stringify(x.params)}` : ""}` })),
    };
  }
}
