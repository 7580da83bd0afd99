// Validates STAC API 1.0.0 responses against the response schemas of the offline STAC API OpenAPI
// documents (openapi/), and the STAC items/collections they hold against the offline STAC 1.1 and
// extension schemas (schemas/, via stac-schemas.mjs).
//
// Usage: node validate-api.mjs OPENAPI_DIR RESPONSE_KIND FILE.json...
//   RESPONSE_KIND: landing | conformance | collections | collection | items | item | search | queryables
// Prints one line per file, "valid FILE (kind)" or "INVALID FILE (kind)" followed by indented
// problems; exits 1 when any file is invalid, 2 on a usage error. STAC_SCHEMA_DIR overrides the
// directory of the offline JSON schemas (default: schemas/ next to this script).
//
// Never touches the network. Each YAML document is added to ajv as a schema whose $id is its
// upstream URL (https://api.stacspec.org/v1.0.0/<path under OPENAPI_DIR>); relative $refs are made
// absolute against it, absolute ones are mapped to offline copies (see aliases), and every $ref
// reachable from the chosen response schema is checked before compiling: one with no offline copy
// fails with "no offline copy of <url>".
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { createAjv, loadStacSchemas, validateStacDocument } from "./stac-schemas.mjs";

const usage = "usage: node validate-api.mjs OPENAPI_DIR RESPONSE_KIND FILE.json...\n" +
  "  RESPONSE_KIND: landing | conformance | collections | collection | items | item | search | queryables";

// Each kind: the operation whose 200 response schema applies (file under OPENAPI_DIR, path, method),
// and which parts of the document are STAC entities to check against the STAC JSON schemas.
const kinds = {
  landing: { file: "core/openapi.yaml", path: "/", method: "get" },
  conformance: { file: "ogcapi-features/openapi-features.yaml", path: "/conformance", method: "get" },
  collections: { file: "ogcapi-features/openapi-collections.yaml", path: "/collections", method: "get", stac: (d) => list(d?.collections, "/collections") },
  collection: { file: "ogcapi-features/openapi-collections.yaml", path: "/collections/{collectionId}", method: "get", stac: (d) => [[d, ""]] },
  items: { file: "ogcapi-features/openapi-features.yaml", path: "/collections/{collectionId}/items", method: "get", stac: (d) => list(d?.features, "/features") },
  item: { file: "ogcapi-features/openapi-features.yaml", path: "/collections/{collectionId}/items/{featureId}", method: "get", stac: (d) => [[d, ""]] },
  search: { file: "item-search/openapi.yaml", path: "/search", method: "get", stac: (d) => list(d?.features, "/features") },
  queryables: { file: "extensions/filter/openapi.yaml", path: "/queryables", method: "get", extra: queryablesProblems },
};
const list = (xs, at) => (Array.isArray(xs) ? xs.map((x, i) => [x, `${at}/${i}`]) : []);
const mediaTypes = ["application/json", "application/geo+json", "application/schema+json"];

const [openapiDir, kind, ...files] = process.argv.slice(2);
if (!openapiDir || !kind || files.length === 0 || !kinds[kind] || !existsSync(join(openapiDir, kinds[kind].file))) {
  if (kind && !kinds[kind]) console.error(`unknown RESPONSE_KIND '${kind}'`);
  else if (openapiDir && kind && files.length && !existsSync(join(openapiDir, kinds[kind].file)))
    console.error(`${join(openapiDir, kinds[kind].file)} not found: is ${openapiDir} the OpenAPI directory?`);
  console.error(usage);
  process.exit(2);
}

const base = "https://api.stacspec.org/v1.0.0/";
// Upstream URLs whose offline copy has another path: the published ogcapi-features/openapi.yaml
// is the repository's ogcapi-features/openapi-features.yaml.
const aliases = { [base + "ogcapi-features/openapi.yaml"]: base + "ogcapi-features/openapi-features.yaml" };

const ajv = createAjv();
const schemaDir = process.env.STAC_SCHEMA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "schemas");
const offlineSchemas = loadStacSchemas(ajv, schemaDir); // GeoJSON, STAC core and extension schemas by $id
const docs = new Map(); // upstream URL -> converted OpenAPI document
const sources = new Map(); // upstream URL -> file

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : /\.ya?ml$/.test(name) ? [path] : [];
});
for (const path of walk(openapiDir)) {
  const url = base + relative(openapiDir, path).split("\\").join("/");
  const doc = convert(yaml.load(readFileSync(path, "utf8")), url);
  docs.set(url, doc);
  sources.set(url, path);
  ajv.addSchema({ ...doc, $id: url }, url, undefined, false);
}

// OpenAPI 3.0 schema dialect -> JSON Schema for ajv, over a whole document: drops the OpenAPI-only
// keywords example, discriminator, xml, externalDocs and x-* extensions; turns nullable: true into
// a type (or enum) that admits null; makes every $ref absolute (against the document URL) and maps
// it to its offline copy. Keys of a properties/patternProperties map are names, not keywords.
function convert(node, url, names = false) {
  if (Array.isArray(node)) return node.map((x) => convert(x, url));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!names && (["example", "discriminator", "xml", "externalDocs", "nullable"].includes(key) || key.startsWith("x-"))) continue;
    if (!names && key === "$ref" && typeof value === "string") { out.$ref = absolute(value, url); continue; }
    out[key] = convert(value, url, !names && (key === "properties" || key === "patternProperties"));
  }
  if (names || node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

function absolute(ref, url) {
  const resolved = new URL(ref, url).href;
  const [doc, fragment] = split(resolved);
  return (aliases[doc] ?? doc) + (fragment === undefined ? "" : "#" + fragment);
}
function split(ref) {
  const i = ref.indexOf("#");
  return i < 0 ? [ref, undefined] : [ref.slice(0, i), ref.slice(i + 1)];
}
const pointer = (parts) => "/" + parts.map((p) => encodeURIComponent(String(p).replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

// The value a $ref points to in the loaded OpenAPI documents, or a loud error.
function deref(ref) {
  const [docUrl, fragment = ""] = split(ref);
  let value = docs.get(docUrl);
  if (value === undefined) throw new Error(`no offline copy of ${ref}`);
  for (const part of fragment.split("/").slice(1)) {
    value = value?.[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")];
    if (value === undefined) throw new Error(`no offline copy of ${ref} (${sources.get(docUrl)} has no ${fragment})`);
  }
  return value;
}

// Follows every $ref reachable from ref before ajv compiles it, so that a missing offline copy is
// named rather than fetched or reported as an ajv resolution error.
function checkReachable(ref, seen = new Set()) {
  if (seen.has(ref)) return;
  seen.add(ref);
  const [docUrl] = split(ref);
  if (!docs.has(docUrl)) {
    if (offlineSchemas.has(docUrl.replace(/#$/, ""))) return; // ajv holds it; its own refs are checked at compile
    throw new Error(`no offline copy of ${ref}`);
  }
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") checkReachable(value, seen);
      else visit(value);
    }
  };
  visit(deref(ref));
}

// The absolute ref of the 200 response schema of kinds[kind]'s operation.
function responseSchemaRef({ file, path, method }) {
  const docUrl = base + file;
  let ref = docUrl + "#" + pointer(["paths", path, method, "responses", "200"]);
  let response = deref(ref);
  while (response && typeof response.$ref === "string") response = deref((ref = response.$ref));
  const mediaType = mediaTypes.find((m) => response?.content?.[m]?.schema);
  if (!mediaType) throw new Error(`${ref} has no ${mediaTypes.join(" or ")} schema`);
  const schema = response.content[mediaType].schema;
  return typeof schema.$ref === "string" ? schema.$ref : `${ref}/content/${pointer([mediaType]).slice(1)}/schema`;
}

function queryablesProblems(doc) {
  const problems = [];
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return ["/ queryables must be a JSON object"];
  if (doc.type !== "object") problems.push(`/type must be "object" (is ${JSON.stringify(doc.type)})`);
  if (!doc.properties || typeof doc.properties !== "object" || Array.isArray(doc.properties))
    problems.push("/ must have property 'properties' holding an object");
  return problems;
}

const spec = kinds[kind];
let schemaRef, validate;
try {
  schemaRef = responseSchemaRef(spec);
  checkReachable(schemaRef);
  validate = ajv.compile({ $ref: schemaRef });
} catch (e) {
  console.error(`cannot build the ${kind} response schema: ${e.message}`);
  process.exit(2);
}

const describe = (e) => {
  const at = e.instancePath || "/";
  const extra = e.keyword === "enum" ? ` (allowed: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`
    : e.keyword === "const" ? ` (${JSON.stringify(e.params.allowedValue)})` : "";
  return `${at} ${e.message}${extra}`;
};

let failed = 0;
for (const file of files) {
  const problems = [];
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`cannot read JSON: ${e.message}`);
  }
  if (!problems.length) {
    if (!validate(doc)) problems.push(...validate.errors.map((e) => `${schemaRef.slice(base.length)}: ${describe(e)}`));
    for (const [entity, at] of spec.stac?.(doc) ?? []) problems.push(...validateStacDocument(ajv, entity, at).problems);
    if (spec.extra) problems.push(...spec.extra(doc));
  }
  if (problems.length) {
    failed++;
    console.log(`INVALID ${file} (${kind})`);
    for (const p of [...new Set(problems)]) console.log(`  ${p}`);
  } else {
    console.log(`valid ${file} (${kind})`);
  }
}
process.exit(failed ? 1 : 0);
