// Validates Kubernetes manifests (multi-document YAML, as `helm template` prints them) against the API's
// schemas with kubernetes-models: types, formats and required fields of every built-in kind, and KEDA's
// ScaledObject and TriggerAuthentication with @kubernetes-models/keda. Unknown fields are not this validator's
// business (the C# test loads the same manifests strictly for that). Reads the files named as arguments, or
// standard input; prints one line per document and exits 1 when any document fails or has an unknown kind.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packageOf = (group) => (group === "keda.sh" ? "@kubernetes-models/keda" : "kubernetes-models");

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "" ? `${version}/${kind}` : `${group}/${version}/${kind}`;
  const module = await import(`${packageOf(group)}/${path}`);
  return module[kind];
}

const sources = process.argv.length > 2 ? process.argv.slice(2).map((f) => [f, readFileSync(f, "utf8")]) : [["stdin", readFileSync(0, "utf8")]];
let failures = 0;
let documents = 0;
for (const [source, text] of sources) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      console.log(`FAIL ${source}: YAML: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null || manifest === undefined) continue;
    documents++;
    const name = `${manifest.kind}/${manifest.metadata?.name}`;
    try {
      const Model = await modelOf(manifest.apiVersion, manifest.kind);
      new Model(manifest).validate();
      console.log(`ok ${name}`);
    } catch (error) {
      console.log(`FAIL ${name}: ${error.code === "ERR_MODULE_NOT_FOUND" ? `no schema for ${manifest.apiVersion} ${manifest.kind}` : error.message}`);
      failures++;
    }
  }
}
console.log(`${documents} documents, ${failures} failed`);
process.exit(failures > 0 || documents === 0 ? 1 : 0);
