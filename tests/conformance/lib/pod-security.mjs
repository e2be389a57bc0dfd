// Pod Security Standards, "restricted" profile (which includes "baseline"), checked over pod specs.
//
// HOME-MADE IMPLEMENTATION of the documented controls, not the upstream admission plugin: the npm registry has no
// package implementing the Pod Security Standards (the reference implementation is Go: k8s.io/pod-security-admission),
// so this module implements the controls listed at
// https://kubernetes.io/docs/concepts/security/pod-security-standards/ (policy version "latest"), one function per
// control, named after the upstream check IDs. As upstream does for the restricted level, the restricted variants
// replace their baseline counterparts (hostPathVolumes -> restrictedVolumes, capabilities_baseline ->
// capabilities_restricted, seccompProfile_baseline -> seccompProfile_restricted) so one defect is reported once.
// selftest.mjs plants one defect per control and checks that exactly that control rejects it.

import { inferenceServicePod } from "./k8s-models.mjs";

const BASELINE_CAPABILITIES = new Set(["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]);
const SAFE_SYSCTLS = new Set(["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]);
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);
const SECCOMP_OK = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** Every container of a pod spec with the field it lives in: containers, initContainers, ephemeralContainers. */
function containersOf(spec) {
  const out = [];
  for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const c of spec?.[field] ?? []) out.push({ field, c, sc: c?.securityContext ?? {}, label: `${field.replace(/s$/, "")} "${c?.name}"` });
  }
  return out;
}
const isWindows = (spec) => spec?.os?.name === "windows";
const list = (xs) => xs.join(", ");

/** Each control: (podMetadata, podSpec) -> array of messages (empty = allowed). */
export const CONTROLS = {
  // ---- baseline ----
  hostProcess(meta, spec) {
    const bad = [];
    if (spec?.securityContext?.windowsOptions?.hostProcess === true) bad.push("pod");
    for (const k of containersOf(spec)) if (k.sc.windowsOptions?.hostProcess === true) bad.push(k.label);
    return bad.length ? [`hostProcess must not be true (${list(bad)})`] : [];
  },
  hostNamespaces(meta, spec) {
    const on = ["hostNetwork", "hostPID", "hostIPC"].filter((f) => spec?.[f] === true);
    return on.length ? [`host namespaces are forbidden (${on.map((f) => `${f}=true`).join(", ")})`] : [];
  },
  privileged(meta, spec) {
    const bad = containersOf(spec).filter((k) => k.sc.privileged === true).map((k) => k.label);
    return bad.length ? [`privileged containers are forbidden (${list(bad)} set securityContext.privileged=true)`] : [];
  },
  hostPorts(meta, spec) {
    const bad = [];
    for (const k of containersOf(spec)) for (const p of k.c?.ports ?? []) if (p?.hostPort) bad.push(`${k.label} hostPort ${p.hostPort}`);
    return bad.length ? [`hostPort is forbidden (${list(bad)})`] : [];
  },
  appArmorProfile(meta, spec) {
    const bad = [];
    for (const [k, v] of Object.entries(meta?.annotations ?? {})) {
      if (k.startsWith(APPARMOR_ANNOTATION) && v !== "runtime/default" && !String(v).startsWith("localhost/")) bad.push(`annotation ${k}=${v}`);
    }
    const t = spec?.securityContext?.appArmorProfile?.type;
    if (t !== undefined && t !== "RuntimeDefault" && t !== "Localhost") bad.push(`pod appArmorProfile.type=${t}`);
    for (const k of containersOf(spec)) {
      const ct = k.sc.appArmorProfile?.type;
      if (ct !== undefined && ct !== "RuntimeDefault" && ct !== "Localhost") bad.push(`${k.label} appArmorProfile.type=${ct}`);
    }
    return bad.length ? [`AppArmor profile must be RuntimeDefault or Localhost (${list(bad)})`] : [];
  },
  seLinuxOptions(meta, spec) {
    const bad = [];
    const check = (o, who) => {
      if (!o) return;
      if (o.type !== undefined && !SELINUX_TYPES.has(o.type)) bad.push(`${who} type=${o.type}`);
      if (o.user) bad.push(`${who} user=${o.user}`);
      if (o.role) bad.push(`${who} role=${o.role}`);
    };
    check(spec?.securityContext?.seLinuxOptions, "pod");
    for (const k of containersOf(spec)) check(k.sc.seLinuxOptions, k.label);
    return bad.length ? [`forbidden seLinuxOptions (${list(bad)})`] : [];
  },
  procMount(meta, spec) {
    const bad = containersOf(spec).filter((k) => k.sc.procMount !== undefined && k.sc.procMount !== "Default").map((k) => `${k.label} procMount=${k.sc.procMount}`);
    return bad.length ? [`procMount must be Default (${list(bad)})`] : [];
  },
  sysctls(meta, spec) {
    const bad = (spec?.securityContext?.sysctls ?? []).map((s) => s?.name).filter((n) => !SAFE_SYSCTLS.has(n));
    return bad.length ? [`unsafe sysctls (${list(bad)})`] : [];
  },
  // ---- restricted ----
  restrictedVolumes(meta, spec) {
    const bad = [];
    for (const v of spec?.volumes ?? []) {
      const types = Object.keys(v ?? {}).filter((k) => k !== "name");
      const wrong = types.filter((t) => !RESTRICTED_VOLUME_TYPES.has(t));
      if (wrong.length) bad.push(`volume "${v.name}" uses ${list(wrong)}`);
    }
    return bad.length ? [`only ${[...RESTRICTED_VOLUME_TYPES].join("/")} volumes are allowed (${list(bad)})`] : [];
  },
  allowPrivilegeEscalation(meta, spec) {
    if (isWindows(spec)) return [];
    const bad = containersOf(spec).filter((k) => k.sc.allowPrivilegeEscalation !== false).map((k) => k.label);
    return bad.length ? [`securityContext.allowPrivilegeEscalation must be false (${list(bad)})`] : [];
  },
  runAsNonRoot(meta, spec) {
    const pod = spec?.securityContext?.runAsNonRoot;
    const explicitFalse = containersOf(spec).filter((k) => k.sc.runAsNonRoot === false).map((k) => k.label);
    const unset = pod === true ? [] : containersOf(spec).filter((k) => k.sc.runAsNonRoot !== true).map((k) => k.label);
    const msgs = [];
    if (pod === false) msgs.push("pod securityContext.runAsNonRoot=false");
    if (explicitFalse.length) msgs.push(`runAsNonRoot=false on ${list(explicitFalse)}`);
    if (pod !== true && unset.length) msgs.push(`pod or container must set securityContext.runAsNonRoot=true (not set for ${list(unset)})`);
    return msgs.length ? [list(msgs)] : [];
  },
  runAsUser(meta, spec) {
    const bad = [];
    if (spec?.securityContext?.runAsUser === 0) bad.push("pod");
    for (const k of containersOf(spec)) if (k.sc.runAsUser === 0) bad.push(k.label);
    return bad.length ? [`runAsUser must not be 0 (${list(bad)})`] : [];
  },
  seccompProfile_restricted(meta, spec) {
    if (isWindows(spec)) return [];
    const podType = spec?.securityContext?.seccompProfile?.type;
    const bad = [];
    if (podType !== undefined && !SECCOMP_OK.has(podType)) bad.push(`pod seccompProfile.type=${podType}`);
    for (const k of containersOf(spec)) {
      const t = k.sc.seccompProfile?.type;
      if (t !== undefined && !SECCOMP_OK.has(t)) bad.push(`${k.label} seccompProfile.type=${t}`);
      else if (t === undefined && !SECCOMP_OK.has(podType)) bad.push(`${k.label} has none and the pod sets none`);
    }
    return bad.length ? [`seccompProfile.type must be RuntimeDefault or Localhost (${list(bad)})`] : [];
  },
  capabilities_restricted(meta, spec) {
    const bad = [];
    for (const k of containersOf(spec)) {
      const caps = k.sc.capabilities ?? {};
      if (!isWindows(spec) && !(caps.drop ?? []).includes("ALL")) bad.push(`${k.label} must drop ALL`);
      const add = (caps.add ?? []).filter((c) => c !== "NET_BIND_SERVICE");
      if (add.length) bad.push(`${k.label} adds ${list(add)}${add.some((c) => !BASELINE_CAPABILITIES.has(c)) ? " (beyond baseline too)" : ""}`);
    }
    return bad.length ? [`capabilities: drop ALL, add at most NET_BIND_SERVICE (${list(bad)})`] : [];
  },
};

/** Pod template (metadata + spec) of a Kubernetes object, or null when it has none. */
export function podTemplateOf(obj) {
  const kind = obj?.kind;
  const isvc = inferenceServicePod(obj);
  if (isvc) return { ...isvc, path: "spec.predictor" };
  if (kind === "Pod") return { metadata: obj.metadata ?? {}, spec: obj.spec ?? {}, path: "spec" };
  if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"].includes(kind)) {
    return obj.spec?.template ? { metadata: obj.spec.template.metadata ?? {}, spec: obj.spec.template.spec ?? {}, path: "spec.template.spec" } : null;
  }
  if (kind === "CronJob") {
    const t = obj.spec?.jobTemplate?.spec?.template;
    return t ? { metadata: t.metadata ?? {}, spec: t.spec ?? {}, path: "spec.jobTemplate.spec.template.spec" } : null;
  }
  return null;
}

/** Checks one pod template against every restricted control: [{control, message}]. */
export function checkRestricted(metadata, spec) {
  const out = [];
  for (const [control, fn] of Object.entries(CONTROLS)) for (const message of fn(metadata, spec)) out.push({ control, message });
  return out;
}
