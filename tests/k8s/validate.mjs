// Offline checks of the Kubernetes manifests under deploy/k8s (run by CTest
// as k8s/validate and k8s/policy; see tests/k8s/CMakeLists.txt).
//
//   node tests/k8s/validate.mjs schema|policy --tools DIR --kubectl PATH
//        [--kubectl PATH2] [--release OVERLAY]... OVERLAY...
//
// Renders each overlay with `kubectl kustomize` (with every --kubectl given;
// the renderings must then agree, generated names' hash suffixes aside) and
// parses every document with the npm package `yaml` (duplicate keys are
// errors).
//
// schema: each document is validated against the Kubernetes 1.27 OpenAPI
//   schemas of npm `kubernetes-models` (and `@kubernetes-models/
//   prometheus-operator` for PodMonitor, `@kubernetes-models/gateway-api`
//   for HTTPRoute and GRPCRoute). These schemas check types, enums,
//   required fields and formats, but not unknown fields. The gateway-api
//   models that run on Node 18 stop at Gateway API v1.0, which has GRPCRoute
//   only as v1alpha2: a v1 GRPCRoute is checked against that schema (see
//   SCHEMA_STAND_INS). CloudNativePG has no models package: its Cluster and
//   ScheduledBackup are checked here by hand, field by field, for the fields
//   these manifests use (unknown fields are errors there).
// policy: the rules in policyChecks() below. --release marks an overlay whose
//   images must carry a version tag (or digest) and that runs at least three
//   replicas and database instances. The routes are checked against the API
//   in proto/vendormatch/v1 (its services, its google.api.http paths).
//
// Modules come from DIR/node_modules (deploy/local/install-deps pins them).
// Exit status 0 when every check passes, 1 otherwise (each problem printed).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error(
    "usage: validate.mjs schema|policy --tools DIR --kubectl PATH [--kubectl PATH]... " +
      "[--release OVERLAY]... OVERLAY...",
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const mode = args.shift();
if (mode !== "schema" && mode !== "policy") usage("first argument: schema or policy");
let tools = "";
const kubectls = [];
const release = new Set();
const overlays = [];
while (args.length > 0) {
  const arg = args.shift();
  if (arg === "--tools") tools = args.shift();
  else if (arg === "--kubectl") kubectls.push(args.shift());
  else if (arg === "--release") release.add(path.resolve(args.shift()));
  else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
  else overlays.push(path.resolve(arg));
}
if (!tools) usage("--tools is required");
if (kubectls.length === 0) usage("--kubectl is required");
if (overlays.length === 0) usage("no overlay given");
for (const r of release) if (!overlays.includes(r)) usage(`--release ${r} is not an overlay given`);

const requireTool = createRequire(path.join(path.resolve(tools), "package.json"));
let YAML;
try {
  YAML = requireTool("yaml");
} catch (e) {
  console.error(`validate.mjs: npm package "yaml" not found in ${tools}: run deploy/local/install-deps`);
  process.exit(2);
}

let problems = 0;
function fail(where, message) {
  problems++;
  console.error(`FAIL ${where}: ${message}`);
}

// ---------------------------------------------------------------- rendering

function render(kubectl, dir) {
  try {
    return execFileSync(kubectl, ["kustomize", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    fail(dir, `${kubectl} kustomize failed: ${(e.stderr || e.message).trim()}`);
    return null;
  }
}

function parse(where, text) {
  const docs = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    for (const error of doc.errors) fail(where, `YAML: ${error.message}`);
    const obj = doc.toJS();
    if (obj !== null && obj !== undefined) docs.push(obj);
  }
  return docs;
}

// Generated ConfigMaps and Secrets get a content hash suffix that differs
// between kustomize versions; compare without it.
function canonical(docs) {
  const generated = new Set();
  for (const d of docs) {
    const name = d?.metadata?.name ?? "";
    if ((d.kind === "ConfigMap" || d.kind === "Secret") && /-[a-z0-9]{10}$/.test(name)) {
      generated.add(name);
    }
  }
  const strip = (s) => (generated.has(s) ? s.slice(0, -11) + "-<hash>" : s);
  const normalise = (v) => {
    if (Array.isArray(v)) return v.map(normalise);
    if (v && typeof v === "object") {
      const out = {};
      for (const k of Object.keys(v).sort()) {
        // kustomize 2 writes "annotations: {}" on generated objects.
        if (k === "annotations" && Object.keys(v[k] ?? {}).length === 0) continue;
        out[k] = normalise(v[k]);
      }
      return out;
    }
    // kustomize 5 wraps long base64 values; Kubernetes ignores the breaks.
    if (typeof v === "string") return strip(v.replace(/\n/g, ""));
    return v;
  };
  return docs
    .map((d) => JSON.stringify(normalise(d)))
    .sort()
    .join("\n");
}

// --------------------------------------------------------------- schemas

// Kinds whose apiVersion has no schema in the pinned models, checked
// against another version's: Gateway API v1.1 made GRPCRoute v1 out of
// v1alpha2 (v1.1's CRD serves both, without conversion), and
// @kubernetes-models/gateway-api 0.5.x (the last for Node < 22) has v1.0's
// v1alpha2 schema only. The document is validated with its apiVersion
// replaced; everything else is as written.
const SCHEMA_STAND_INS = {
  "gateway.networking.k8s.io/v1 GRPCRoute": "gateway.networking.k8s.io/v1alpha2",
};

function modelClass(apiVersion, kind) {
  const candidates = [];
  if (apiVersion === "v1") candidates.push("kubernetes-models/v1");
  else if (apiVersion.startsWith("monitoring.coreos.com/")) {
    candidates.push(`@kubernetes-models/prometheus-operator/${apiVersion}`);
  } else if (apiVersion.startsWith("gateway.networking.k8s.io/")) {
    candidates.push(`@kubernetes-models/gateway-api/${apiVersion}`);
  } else candidates.push(`kubernetes-models/${apiVersion}`);
  for (const id of candidates) {
    try {
      const cls = requireTool(id)[kind];
      if (typeof cls === "function") return cls;
    } catch {
      // not in this package
    }
  }
  return null;
}

// Hand checks for CloudNativePG (postgresql.cnpg.io/v1), which has no
// models package. `shape` maps each allowed field to a checker; a field not
// in it is an error, as the operator's structural CRD schema would prune or
// reject it.
const isString = (v) => typeof v === "string" && v.length > 0;
const isInt = (min) => (v) => Number.isInteger(v) && v >= min;
const isBool = (v) => typeof v === "boolean";
const isQuantity = (v) => typeof v === "string" && /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(v);
const isEnum = (...values) => (v) => values.includes(v);
const isStringMap = (v) =>
  v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
function shape(fields, required = []) {
  return (v, where) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return fail(where, "must be an object");
    for (const r of required) if (!(r in v)) fail(where, `${r} is required`);
    for (const [k, x] of Object.entries(v)) {
      const check = fields[k];
      if (!check) fail(`${where}.${k}`, "unknown field (not in the hand-checked CloudNativePG schema)");
      else if (check.length >= 2) check(x, `${where}.${k}`);
      else if (!check(x)) fail(`${where}.${k}`, `bad value ${JSON.stringify(x)}`);
    }
  };
}
const secretKeySelector = shape({ name: isString, key: isString }, ["name", "key"]);
const resourcesShape = shape({
  requests: shape({ cpu: isQuantity, memory: isQuantity }),
  limits: shape({ cpu: isQuantity, memory: isQuantity }),
});
const cnpg = {
  Cluster: shape(
    {
      apiVersion: isString,
      kind: isString,
      metadata: () => true,
      spec: shape(
        {
          description: isString,
          instances: isInt(1),
          imageName: isString,
          primaryUpdateStrategy: isEnum("unsupervised", "supervised"),
          bootstrap: shape({
            initdb: shape({ database: isString, owner: isString, secret: shape({ name: isString }) }),
          }),
          postgresql: shape({ parameters: isStringMap }),
          storage: shape({ size: isQuantity, storageClass: isString }, ["size"]),
          walStorage: shape({ size: isQuantity, storageClass: isString }, ["size"]),
          resources: resourcesShape,
          affinity: shape({
            enablePodAntiAffinity: isBool,
            topologyKey: isString,
            podAntiAffinityType: isEnum("preferred", "required"),
          }),
          backup: shape({
            retentionPolicy: (v) => typeof v === "string" && /^[1-9][0-9]*[dwm]$/.test(v),
            barmanObjectStore: shape(
              {
                destinationPath: isString,
                endpointURL: isString,
                s3Credentials: shape(
                  { accessKeyId: secretKeySelector, secretAccessKey: secretKeySelector },
                  ["accessKeyId", "secretAccessKey"],
                ),
                wal: shape({ compression: isEnum("gzip", "bzip2", "snappy") }),
                data: shape({ compression: isEnum("gzip", "bzip2", "snappy") }),
              },
              ["destinationPath"],
            ),
          }),
        },
        ["instances", "storage"],
      ),
    },
    ["spec"],
  ),
  ScheduledBackup: shape(
    {
      apiVersion: isString,
      kind: isString,
      metadata: () => true,
      spec: shape(
        {
          // Six fields: seconds first.
          schedule: (v) => typeof v === "string" && v.trim().split(/\s+/).length === 6,
          backupOwnerReference: isEnum("none", "self", "cluster"),
          immediate: isBool,
          cluster: shape({ name: isString }, ["name"]),
        },
        ["schedule", "cluster"],
      ),
    },
    ["spec"],
  ),
};

function schemaChecks(where, docs) {
  const clusters = new Set(docs.filter((d) => d.kind === "Cluster").map((d) => d.metadata?.name));
  for (const doc of docs) {
    const id = `${where}: ${doc.kind}/${doc?.metadata?.name}`;
    if (!isString(doc.apiVersion) || !isString(doc.kind) || !isString(doc?.metadata?.name)) {
      fail(id, "apiVersion, kind and metadata.name are required");
      continue;
    }
    if (doc.apiVersion === "postgresql.cnpg.io/v1") {
      const check = cnpg[doc.kind];
      if (!check) fail(id, "no hand check for this CloudNativePG kind");
      else check(doc, id);
      if (doc.kind === "ScheduledBackup" && !clusters.has(doc.spec?.cluster?.name)) {
        fail(id, `spec.cluster.name ${doc.spec?.cluster?.name} is no Cluster here`);
      }
      continue;
    }
    const standIn = SCHEMA_STAND_INS[`${doc.apiVersion} ${doc.kind}`];
    const cls = modelClass(standIn ?? doc.apiVersion, doc.kind);
    if (!cls) {
      fail(id, `no schema for ${standIn ?? doc.apiVersion} ${doc.kind}`);
      continue;
    }
    // kustomize 5 wraps long base64 Secret values over lines; the API server
    // ignores the line breaks (Go's base64 decoder), the "byte" format not.
    if (doc.kind === "Secret" && doc.data) {
      for (const k of Object.keys(doc.data)) doc.data[k] = String(doc.data[k]).replace(/\n/g, "");
    }
    try {
      new cls(standIn ? { ...doc, apiVersion: standIn } : doc).validate();
    } catch (e) {
      fail(id, e.message);
    }
  }
}

// ---------------------------------------------------------------- policy

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

function podTemplateOf(doc) {
  if (WORKLOADS.has(doc.kind)) return doc.spec?.template;
  if (doc.kind === "CronJob") return doc.spec?.jobTemplate?.spec?.template;
  if (doc.kind === "Pod") return doc;
  return null;
}

// The pods a workload or operator resource makes: [{owner, labels, spec}].
function podsOf(docs) {
  const pods = [];
  for (const doc of docs) {
    const t = podTemplateOf(doc);
    if (t) pods.push({ owner: `${doc.kind}/${doc.metadata.name}`, labels: t.metadata?.labels ?? {}, spec: t.spec ?? {} });
    // CloudNativePG labels every instance pod cnpg.io/cluster=<name> and
    // listens on 5432.
    if (doc.kind === "Cluster" && doc.apiVersion?.startsWith("postgresql.cnpg.io/")) {
      pods.push({
        owner: `Cluster/${doc.metadata.name}`,
        labels: { "cnpg.io/cluster": doc.metadata.name, "cnpg.io/podRole": "instance" },
        spec: { containers: [{ name: "postgres", ports: [{ name: "postgresql", containerPort: 5432 }] }] },
        operator: true,
      });
    }
  }
  return pods;
}

function selects(selector, labels) {
  if (!selector || typeof selector !== "object") return false;
  const ml = selector.matchLabels ?? {};
  const me = selector.matchExpressions ?? [];
  if (Object.keys(ml).length === 0 && me.length === 0) return true;
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of me) {
    const has = Object.hasOwn(labels, e.key);
    const ok = {
      In: has && (e.values ?? []).includes(labels[e.key]),
      NotIn: !has || !(e.values ?? []).includes(labels[e.key]),
      Exists: has,
      DoesNotExist: !has,
    }[e.operator];
    if (!ok) return false;
  }
  return true;
}

// "1m30s", "20s", "500ms", "2h" (absl::Duration's form) in seconds.
function seconds(text) {
  const s = String(text).trim();
  if (s === "0") return 0;
  const re = /([0-9]+(?:\.[0-9]+)?)(ns|us|ms|s|m|h)/gy;
  const unit = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let m;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * unit[m[2]];
    end = re.lastIndex;
  }
  return end === s.length && end > 0 ? total : NaN;
}

// A server setting as the container sets it: --flag in args, else
// VENDORMATCH_<FLAG> from env or an envFrom ConfigMap; undefined when unset.
function setting(container, name, configMaps) {
  let value;
  for (const a of [...(container.command ?? []), ...(container.args ?? [])]) {
    const m = /^--?([a-z_]+)=(.*)$/.exec(a);
    if (m && m[1] === name) value = m[2];
  }
  if (value !== undefined) return value;
  const envName = `VENDORMATCH_${name.toUpperCase()}`;
  for (const e of container.env ?? []) if (e.name === envName && e.value !== undefined && e.value !== "") return e.value;
  for (const from of container.envFrom ?? []) {
    const cm = from.configMapRef && configMaps.get(from.configMapRef.name);
    const v = cm?.data?.[(from.prefix ?? "") === "" ? envName : envName.slice(from.prefix.length)];
    if (v !== undefined && v !== "") value = v;
  }
  return value;
}

function portOf(address) {
  const m = /:([0-9]+)$/.exec(address ?? "");
  return m ? Number(m[1]) : NaN;
}

function imageParts(image) {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : "";
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  const tag = colon > slash ? rest.slice(colon + 1) : "";
  return { tag, digest };
}

// The API the routes must carry, from the contract in proto/vendormatch/v1:
// the gRPC services (package.Service) and the google.api.http rules, each
// {method, path} with its path template filled in ("/v1/{name=providers/*}"
// becomes "/v1/providers/x"), as a request would come.
function protoApi() {
  const dir = path.join(repoRoot, "proto", "vendormatch", "v1");
  const services = new Set();
  const http = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".proto")).sort()) {
    const text = fs.readFileSync(path.join(dir, file), "utf8").replace(/\/\/[^\n]*/g, "");
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
    for (const m of text.matchAll(/^\s*service\s+(\w+)\s*\{/gm)) services.add(`${pkg}.${m[1]}`);
    for (const m of text.matchAll(/\b(get|put|post|patch|delete)\s*:\s*"([^"]+)"/g)) {
      const filled = m[2].replace(/\{[\w.]+(?:=([^}]*))?\}/g, (_, pattern) =>
        (pattern ?? "*").replace(/\*\*/g, "x/y").replace(/\*/g, "x"),
      );
      http.push({ method: m[1].toUpperCase(), path: filled, template: m[2] });
    }
  }
  return { services, http };
}

// Whether an HTTPRoute match sends (method, path) on, by the Gateway API's
// rules: PathPrefix compares whole "/"-separated elements ("/v1" matches
// "/v1" and "/v1/x", not "/v1:x"); a match without path is PathPrefix "/".
// Matches that also need headers or query parameters count as no.
function httpMatchAccepts(match, method, requestPath) {
  if ((match.headers ?? []).length > 0 || (match.queryParams ?? []).length > 0) return false;
  if (match.method && match.method !== method) return false;
  const type = match.path?.type ?? "PathPrefix";
  const value = match.path?.value ?? "/";
  if (type === "Exact") return requestPath === value;
  if (type === "PathPrefix") {
    const prefix = value.replace(/\/+$/, "");
    return prefix === "" || requestPath === prefix || requestPath.startsWith(`${prefix}/`);
  }
  if (type === "RegularExpression") return new RegExp(`^(?:${value})$`).test(requestPath);
  return false;
}

function httpRouteAccepts(route, method, requestPath) {
  return (route.spec?.rules ?? []).some((rule) => {
    const matches = rule.matches ?? [{}];
    return matches.some((m) => httpMatchAccepts(m, method, requestPath));
  });
}

// Whether a GRPCRoute match sends calls of a service on (an Exact match on
// the service, with any or no method; no match at all means everything).
function grpcRouteAccepts(route, service) {
  return (route.spec?.rules ?? []).some((rule) => {
    const matches = rule.matches ?? [{}];
    return matches.some((m) => {
      if ((m.headers ?? []).length > 0) return false;
      if (!m.method) return true;
      const type = m.method.type ?? "Exact";
      if (type === "Exact") return m.method.service === undefined || m.method.service === service;
      return new RegExp(`^(?:${m.method.service ?? ".*"})$`).test(service);
    });
  });
}

// Whether a NetworkPolicy's ingress lets traffic from a namespace (by its
// labels) to a port of the pods.
function ingressAdmits(np, namespaceLabels, port, portName) {
  return (np.spec?.ingress ?? []).some((rule) => {
    const ports = rule.ports ?? [];
    const portOk = ports.length === 0 || ports.some((p) => p.port === undefined || p.port === port || p.port === portName);
    const peers = rule.from ?? [];
    const peerOk =
      peers.length === 0 || peers.some((peer) => peer.namespaceSelector && selects(peer.namespaceSelector, namespaceLabels));
    return portOk && peerOk;
  });
}

function policyChecks(where, docs, isRelease) {
  const byKind = (kind) => docs.filter((d) => d.kind === kind);
  const configMaps = new Map(byKind("ConfigMap").map((d) => [d.metadata.name, d]));
  const secrets = new Set(byKind("Secret").map((d) => d.metadata.name));
  const pods = podsOf(docs);

  // The secrets CloudNativePG makes for each Cluster.
  for (const c of byKind("Cluster")) {
    secrets.add(`${c.metadata.name}-app`);
    secrets.add(`${c.metadata.name}-superuser`);
  }

  // Every container: requests and limits (cpu, memory), non-root, image tag.
  for (const pod of pods.filter((p) => !p.operator)) {
    const podSc = pod.spec.securityContext ?? {};
    const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    if (all.length === 0) fail(`${where}: ${pod.owner}`, "no containers");
    for (const c of all) {
      const id = `${where}: ${pod.owner} container ${c.name}`;
      for (const kind of ["requests", "limits"]) {
        for (const r of ["cpu", "memory"]) {
          if (c.resources?.[kind]?.[r] === undefined) fail(id, `no resources.${kind}.${r}`);
        }
      }
      const sc = c.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      const uid = sc.runAsUser ?? podSc.runAsUser;
      if (nonRoot !== true) fail(id, "runAsNonRoot is not true");
      if (uid === 0) fail(id, "runAsUser is 0 (root)");
      if (sc.allowPrivilegeEscalation !== false) fail(id, "allowPrivilegeEscalation is not false");
      if (sc.privileged === true) fail(id, "privileged");
      const { tag, digest } = imageParts(c.image ?? "");
      if (!tag && !digest) fail(id, `image ${c.image} has no tag (means :latest)`);
      if (tag === "latest") fail(id, `image ${c.image} is :latest`);
      if (isRelease && !digest && !/^v?[0-9]+\.[0-9]+\.[0-9]+([-+.][0-9A-Za-z.-]+)?$/.test(tag)) {
        fail(id, `image ${c.image} is not pinned to a version tag (x.y.z) or digest`);
      }
      // Secrets and ConfigMaps it needs must be here or made by an operator.
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (!ref || ref.optional) continue;
        const known = e.valueFrom.secretKeyRef ? secrets.has(ref.name) : configMaps.has(ref.name);
        if (!known) fail(id, `env ${e.name} refers to ${ref.name}, which nothing here creates`);
      }
      for (const f of c.envFrom ?? []) {
        if (f.configMapRef && !f.configMapRef.optional && !configMaps.has(f.configMapRef.name)) {
          fail(id, `envFrom ConfigMap ${f.configMapRef.name} is not here`);
        }
        if (f.secretRef && !f.secretRef.optional && !secrets.has(f.secretRef.name)) {
          fail(id, `envFrom Secret ${f.secretRef.name} is not here`);
        }
      }
    }
  }

  // The vendormatch server.
  const deployment = byKind("Deployment").find((d) => d.metadata.name === "vendormatch");
  if (!deployment) {
    fail(where, "no Deployment vendormatch");
    return;
  }
  const id = `${where}: Deployment/vendormatch`;
  const podLabels = deployment.spec.template.metadata?.labels ?? {};
  const podSpec = deployment.spec.template.spec ?? {};
  if (podLabels["app.kubernetes.io/name"] !== "vendormatch") fail(id, "pods lack app.kubernetes.io/name=vendormatch");
  if (!selects(deployment.spec.selector, podLabels)) fail(id, "selector does not select its own pods");
  const server = (podSpec.containers ?? []).find((c) => /vendormatch/.test(c.image ?? "")) ?? podSpec.containers?.[0];
  if (!server) return;
  const sid = `${id} container ${server.name}`;

  const ports = new Map((server.ports ?? []).map((p) => [p.name, p.containerPort]));
  const grpcPort = portOf(setting(server, "listen", configMaps));
  const metricsPort = portOf(setting(server, "metrics_listen", configMaps));
  const httpPort = portOf(setting(server, "http_listen", configMaps));
  if (ports.get("grpc") !== 50051) fail(sid, "no container port grpc 50051");
  if (grpcPort !== ports.get("grpc")) fail(sid, `--listen port ${grpcPort} is not the grpc container port ${ports.get("grpc")}`);
  if (ports.get("metrics") !== 9464) fail(sid, "no container port metrics 9464");
  if (metricsPort !== ports.get("metrics")) {
    fail(sid, `--metrics_listen port ${metricsPort} is not the metrics container port ${ports.get("metrics")}`);
  }
  if (ports.get("http") !== 8080) fail(sid, "no container port http 8080");
  if (httpPort !== ports.get("http")) {
    fail(sid, `--http_listen port ${httpPort} is not the http container port ${ports.get("http")}`);
  }
  // HTTP probes on the HTTP listener: the kubelet's gRPC probes speak plain
  // text and fail once the server's own TLS is on; /readyz reflects
  // grpc.health.v1, /healthz that the process answers.
  const probePaths = { startupProbe: "/readyz", readinessProbe: "/readyz", livenessProbe: "/healthz" };
  for (const [probe, wanted] of Object.entries(probePaths)) {
    const p = server[probe];
    if (!p) fail(sid, `no ${probe}`);
    else if (!p.httpGet) fail(sid, `${probe} is not an httpGet probe (gRPC probes fail once the server's TLS is on)`);
    else {
      const port = p.httpGet.port;
      if (port !== "http" && (port !== ports.get("http") || ports.get("http") === undefined)) {
        fail(sid, `${probe} probes port ${port}, not the http port`);
      }
      if (p.httpGet.path !== wanted) fail(sid, `${probe} asks ${p.httpGet.path}, not ${wanted}`);
      if ((p.httpGet.scheme ?? "HTTP") !== "HTTP") fail(sid, `${probe} uses ${p.httpGet.scheme}; the HTTP listener is plain text`);
    }
  }
  const sc = server.securityContext ?? {};
  const podSc = podSpec.securityContext ?? {};
  if (sc.readOnlyRootFilesystem !== true) fail(sid, "readOnlyRootFilesystem is not true");
  if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(sid, "capabilities do not drop ALL");
  if ((sc.seccompProfile ?? podSc.seccompProfile)?.type !== "RuntimeDefault") fail(sid, "seccompProfile is not RuntimeDefault");
  if ((sc.runAsUser ?? podSc.runAsUser) !== 10001) fail(sid, "runAsUser is not 10001 (the image's user)");
  if (podSpec.automountServiceAccountToken !== false) fail(id, "automountServiceAccountToken is not false");

  // Shutdown: the grace period covers the preStop pause and the drain.
  const stop = server.lifecycle?.preStop;
  let preStop = NaN;
  if (stop?.exec?.command) {
    const [cmd, arg] = stop.exec.command;
    if (/(^|\/)sleep$/.test(cmd)) preStop = seconds(/^[0-9.]+$/.test(arg) ? `${arg}s` : arg);
  } else if (stop?.sleep) preStop = stop.sleep.seconds;
  if (!(preStop > 0)) fail(sid, "no preStop pause (exec /bin/sleep N)");
  const graceSetting = setting(server, "shutdown_grace", configMaps);
  const grace = graceSetting === undefined ? 10 : seconds(graceSetting);
  if (Number.isNaN(grace)) fail(sid, `shutdown_grace ${graceSetting} is no duration`);
  const termination = podSpec.terminationGracePeriodSeconds ?? 30;
  if (!(termination > preStop + grace)) {
    fail(id, `terminationGracePeriodSeconds ${termination} is not more than preStop ${preStop}s + shutdown_grace ${grace}s`);
  }

  const rolling = deployment.spec.strategy?.rollingUpdate ?? {};
  if (String(rolling.maxUnavailable) !== "0") fail(id, "rollingUpdate.maxUnavailable is not 0");

  const keys = (podSpec.topologySpreadConstraints ?? []).map((t) => t.topologyKey);
  for (const k of ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]) {
    if (!keys.includes(k)) fail(id, `no topologySpreadConstraint over ${k}`);
  }
  for (const t of podSpec.topologySpreadConstraints ?? []) {
    if (!selects(t.labelSelector, podLabels)) fail(id, `topologySpreadConstraint over ${t.topologyKey} does not select the pods`);
  }

  const sa = byKind("ServiceAccount").find((d) => d.metadata.name === (podSpec.serviceAccountName ?? "default"));
  if (!sa) fail(id, `ServiceAccount ${podSpec.serviceAccountName} is not here`);
  else if (sa.automountServiceAccountToken !== false) fail(`${where}: ServiceAccount/${sa.metadata.name}`, "automountServiceAccountToken is not false");

  // Services select pods, on ports they have.
  for (const svc of byKind("Service")) {
    const vid = `${where}: Service/${svc.metadata.name}`;
    const selected = pods.filter((p) => svc.spec?.selector && selects({ matchLabels: svc.spec.selector }, p.labels));
    if (selected.length === 0) {
      fail(vid, "selects no pods");
      continue;
    }
    for (const port of svc.spec.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const found = selected.some((p) =>
        (p.spec.containers ?? []).some((c) =>
          (c.ports ?? []).some((cp) => (typeof target === "string" ? cp.name === target : cp.containerPort === target)),
        ),
      );
      if (!found) fail(vid, `targetPort ${target} is no port of the pods it selects`);
      // A port named like a server port leads to that port.
      if (selects({ matchLabels: svc.spec.selector }, podLabels) && ports.has(port.name)) {
        if (target !== port.name && target !== ports.get(port.name)) {
          fail(vid, `port ${port.name} leads to ${target}, not the container port ${port.name}`);
        }
      }
    }
  }
  const services = byKind("Service").filter((s) => selects({ matchLabels: s.spec?.selector ?? { none: "" } }, podLabels));
  if (!services.some((s) => s.spec.clusterIP === "None")) fail(where, "no headless Service for the vendormatch pods");
  if (!services.some((s) => s.spec.clusterIP !== "None" && (s.spec.ports ?? []).some((p) => p.port === 50051))) {
    fail(where, "no ClusterIP Service on 50051 for the vendormatch pods");
  }

  // NetworkPolicy: covers the pods, lets gRPC and metrics in, and out only
  // DNS and the database's pods.
  const policies = byKind("NetworkPolicy").filter((n) => selects(n.spec?.podSelector, podLabels));
  if (policies.length === 0) fail(where, "no NetworkPolicy selects the vendormatch pods");
  for (const np of policies) {
    const nid = `${where}: NetworkPolicy/${np.metadata.name}`;
    const types = np.spec.policyTypes ?? [];
    if (!types.includes("Ingress") || !types.includes("Egress")) fail(nid, "policyTypes must be Ingress and Egress");
    const inPorts = (np.spec.ingress ?? []).flatMap((r) => (r.ports ?? []).map((p) => p.port));
    for (const [name, port] of [["grpc", 50051], ["metrics", 9464], ["http", 8080]]) {
      if (!inPorts.includes(port) && !inPorts.includes(name)) fail(nid, `no ingress rule for ${name} (${port})`);
    }
    // The HTTP API is the gRPC API: whoever may call one may call the other.
    for (const [i, rule] of (np.spec.ingress ?? []).entries()) {
      const has = (name, port) => (rule.ports ?? []).some((p) => p.port === port || p.port === name);
      if (has("grpc", 50051) !== has("http", 8080)) fail(nid, `ingress rule ${i} lets in one of grpc (50051) and http (8080), not both`);
    }
    const egress = np.spec.egress ?? [];
    const dns = egress.find((r) => (r.ports ?? []).some((p) => p.port === 53 && (p.protocol ?? "TCP") === "UDP"));
    if (!dns) fail(nid, "no egress rule for DNS (53/UDP)");
    const dbRules = egress.filter((r) => (r.ports ?? []).some((p) => p.port === 5432));
    if (dbRules.length === 0) fail(nid, "no egress rule for PostgreSQL (5432)");
    const dbPods = pods.filter((p) =>
      (p.spec.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.containerPort === 5432)),
    );
    if (dbPods.length === 0) fail(where, "no database pods (port 5432) here");
    for (const rule of dbRules) {
      for (const peer of rule.to ?? []) {
        if (peer.namespaceSelector || peer.ipBlock) continue; // pods elsewhere: not checked here
        const matched = dbPods.filter((p) => selects(peer.podSelector, p.labels));
        if (matched.length === 0) {
          fail(nid, `egress to 5432 selects ${JSON.stringify(peer.podSelector)}: no database pods here have those labels`);
        }
        if (selects(peer.podSelector, podLabels)) fail(nid, "egress to 5432 also selects the vendormatch pods");
      }
      if ((rule.to ?? []).length === 0) fail(nid, "egress to 5432 allows every destination");
    }
    for (const rule of egress) {
      if ((rule.to ?? []).length === 0) fail(nid, "an egress rule allows every destination");
    }
  }

  // Gateway API routes: GRPCRoutes to the ClusterIP Service's grpc port,
  // HTTPRoutes to its http port; together they carry every service and
  // google.api.http path of the API (and /openapi.json), not /healthz or
  // /readyz; the Gateway's namespace gets through the NetworkPolicy.
  const routes = docs.filter((d) => d.apiVersion?.startsWith("gateway.networking.k8s.io/") && /Route$/.test(d.kind));
  const clusterService = byKind("Service").find((s) => s.metadata.name === "vendormatch");
  const api = routes.length > 0 ? protoApi() : null;
  const wantedPort = { GRPCRoute: "grpc", HTTPRoute: "http" };
  for (const route of routes) {
    const rid = `${where}: ${route.kind}/${route.metadata.name}`;
    const portName = wantedPort[route.kind];
    if (!portName) {
      fail(rid, `no check for ${route.kind}: only GRPCRoute and HTTPRoute are expected`);
      continue;
    }
    if (!clusterService || clusterService.spec?.clusterIP === "None") {
      fail(rid, "no ClusterIP Service vendormatch to route to");
      continue;
    }
    const servicePort = (clusterService.spec.ports ?? []).find((p) => p.name === portName);
    if (!servicePort) fail(rid, `Service vendormatch has no port ${portName}`);
    const parents = route.spec?.parentRefs ?? [];
    if (parents.length === 0) fail(rid, "no parentRefs (attached to no Gateway)");
    if ((route.spec?.hostnames ?? []).length === 0) fail(rid, "no hostnames (would take every host on the Gateway)");
    const rules = route.spec?.rules ?? [];
    if (rules.length === 0) fail(rid, "no rules");
    for (const [i, rule] of rules.entries()) {
      const refs = rule.backendRefs ?? [];
      if (refs.length === 0) fail(rid, `rule ${i} has no backendRefs`);
      for (const ref of refs) {
        const what = `rule ${i} backendRef ${ref.name}:${ref.port}`;
        if ((ref.group ?? "") !== "" || (ref.kind ?? "Service") !== "Service") fail(rid, `${what} is not a core Service`);
        if (ref.name !== "vendormatch") fail(rid, `${what} is not the Service vendormatch`);
        if (ref.namespace !== undefined && ref.namespace !== route.metadata.namespace) fail(rid, `${what} is in another namespace`);
        if (servicePort && ref.port !== servicePort.port) {
          fail(rid, `${what}: port ${ref.port} is not the Service's ${portName} port ${servicePort.port}`);
        }
      }
    }
    for (const parent of parents) {
      if ((parent.group ?? "gateway.networking.k8s.io") !== "gateway.networking.k8s.io" || (parent.kind ?? "Gateway") !== "Gateway") continue;
      const ns = parent.namespace ?? route.metadata.namespace;
      const port = servicePort ? ports.get(portName) : undefined;
      if (port === undefined || !ns) continue;
      for (const np of policies) {
        if (!ingressAdmits(np, { "kubernetes.io/metadata.name": ns }, port, portName)) {
          fail(`${where}: NetworkPolicy/${np.metadata.name}`, `lets nothing in from the Gateway's namespace ${ns} (${rid}) on ${portName} (${port})`);
        }
      }
    }
  }
  const grpcRoutes = routes.filter((r) => r.kind === "GRPCRoute");
  const httpRoutes = routes.filter((r) => r.kind === "HTTPRoute");
  if (grpcRoutes.length > 0) {
    for (const service of api.services) {
      if (!grpcRoutes.some((r) => grpcRouteAccepts(r, service))) fail(where, `no GRPCRoute carries ${service}`);
    }
    const internal = ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"];
    for (const service of internal) {
      if (grpcRoutes.some((r) => grpcRouteAccepts(r, service))) fail(where, `a GRPCRoute carries ${service} out of the cluster`);
    }
  }
  if (httpRoutes.length > 0) {
    for (const rule of [...api.http, { method: "GET", path: "/openapi.json", template: "/openapi.json" }]) {
      if (!httpRoutes.some((r) => httpRouteAccepts(r, rule.method, rule.path))) {
        fail(where, `no HTTPRoute carries ${rule.method} ${rule.template} (e.g. ${rule.path})`);
      }
    }
    for (const p of ["/healthz", "/readyz"]) {
      if (httpRoutes.some((r) => httpRouteAccepts(r, "GET", p))) fail(where, `an HTTPRoute carries ${p} out of the cluster`);
    }
    if (api.http.length === 0) fail(where, "found no google.api.http rules in proto/vendormatch/v1");
  }

  // Autoscaling, disruption budget, scraping.
  for (const hpa of byKind("HorizontalPodAutoscaler")) {
    const hid = `${where}: HorizontalPodAutoscaler/${hpa.metadata.name}`;
    const ref = hpa.spec.scaleTargetRef;
    if (!docs.some((d) => d.kind === ref.kind && d.metadata.name === ref.name)) fail(hid, `scales ${ref.kind}/${ref.name}, which is not here`);
    if ((hpa.spec.minReplicas ?? 1) > hpa.spec.maxReplicas) fail(hid, "minReplicas > maxReplicas");
    if (!(hpa.spec.metrics ?? []).some((m) => m.resource?.name === "cpu")) fail(hid, "does not scale on CPU");
    if (isRelease && (hpa.spec.minReplicas ?? 1) < 3) fail(hid, "minReplicas < 3 in a release overlay");
  }
  if (byKind("HorizontalPodAutoscaler").length === 0) fail(where, "no HorizontalPodAutoscaler");
  if (isRelease && (deployment.spec.replicas ?? 1) < 3) fail(id, "replicas < 3 in a release overlay");
  for (const c of byKind("Cluster")) {
    if (isRelease && (c.spec?.instances ?? 0) < 3) fail(`${where}: Cluster/${c.metadata.name}`, "instances < 3 in a release overlay");
  }
  const pdbs = byKind("PodDisruptionBudget").filter((p) => selects(p.spec?.selector, podLabels));
  if (pdbs.length === 0) fail(where, "no PodDisruptionBudget selects the vendormatch pods");
  for (const pm of byKind("PodMonitor")) {
    const mid = `${where}: PodMonitor/${pm.metadata.name}`;
    if (!selects(pm.spec?.selector, podLabels)) fail(mid, "does not select the vendormatch pods");
    for (const ep of pm.spec?.podMetricsEndpoints ?? []) {
      if (!ports.has(ep.port)) fail(mid, `port ${ep.port} is no container port`);
    }
  }
}

// ------------------------------------------------------------------ main

for (const dir of overlays) {
  const where = path.relative(process.cwd(), dir) || dir;
  let first = null;
  for (const kubectl of kubectls) {
    const text = render(kubectl, dir);
    if (text === null) continue;
    const docs = parse(`${where} (${kubectl})`, text);
    if (docs.length === 0) fail(where, "renders no documents");
    if (first === null) first = { kubectl, docs };
    else if (canonical(first.docs) !== canonical(docs)) {
      fail(where, `${first.kubectl} and ${kubectl} render different manifests`);
    }
    const label = kubectls.length > 1 ? `${where} (${kubectl})` : where;
    if (mode === "schema") schemaChecks(label, docs);
    else policyChecks(label, docs, release.has(dir));
    console.log(`${mode}: ${label}: ${docs.length} documents checked`);
  }
}
if (problems > 0) {
  console.error(`${problems} problem(s)`);
  process.exit(1);
}
console.log(`${mode}: all checks passed`);
