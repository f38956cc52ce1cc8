// Validates Kubernetes manifests (multi-document YAML, e.g. `kubectl kustomize` output) against
// the Kubernetes OpenAPI schemas carried by the npm package kubernetes-models.
//   node validate.mjs FILE...
// Prints one line per object ("ok Kind/name" or "INVALID Kind/name: ...") and exits 1 if any
// object is invalid, has an apiVersion/kind the package does not know, or a file does not parse.
// DeploymentManifestsTest (system-tests) runs it on every overlay.
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

const modules = new Map();

async function modelFor(apiVersion, kind) {
  // "v1" is the core group; "apps/v1", "networking.k8s.io/v1", ... are modules of the same name.
  const path = apiVersion.includes("/") ? `kubernetes-models/${apiVersion}` : `kubernetes-models/${apiVersion}`;
  if (!modules.has(path)) {
    modules.set(path, await import(path).catch(() => null));
  }
  const mod = modules.get(path);
  return mod && typeof mod[kind] === "function" ? mod[kind] : null;
}

function describe(error) {
  if (Array.isArray(error?.errors)) {
    return error.errors
      .map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
      .join("; ");
  }
  return String(error?.message ?? error);
}

let failures = 0;
let objects = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(await readFile(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      failures++;
      console.log(`INVALID ${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    objects++;
    const name = `${object.kind}/${object.metadata?.name ?? "?"}`;
    const Model = object.apiVersion && object.kind ? await modelFor(object.apiVersion, object.kind) : null;
    if (!Model) {
      failures++;
      console.log(`INVALID ${name}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`ok ${name}`);
    } catch (error) {
      failures++;
      console.log(`INVALID ${name}: ${describe(error)}`);
    }
  }
}
console.log(`${objects} objects, ${failures} invalid`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
