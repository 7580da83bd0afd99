// Shared by validate.mjs and validate-api.mjs: one ajv instance loaded with the offline STAC 1.1,
// STAC extension and GeoJSON schemas (schemas/), and the check of one STAC document (item or
// collection) against its core schema plus every extension schema it declares in stac_extensions.
// Never touches the network: a $ref to a schema that is not offline fails to compile, except
// PROJJSON (proj:projjson, which we never emit) which is stubbed as an empty schema.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

// ajv with the formats our schemas use. strict: false because the STAC/OpenAPI schemas carry
// annotation keywords ajv does not know.
export function createAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Internationalised IRIs: accept as ajv-formats has no checker for them (our hrefs are plain URIs or paths).
  ajv.addFormat("iri", true);
  ajv.addFormat("iri-reference", true);
  // OpenAPI documents (STAC API commons.yaml) use the non-standard "url": an absolute URI.
  ajv.addFormat("url", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  return ajv;
}

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : name.endsWith(".json") ? [path] : [];
});

const itemSpec = "https://schemas.stacspec.org/v1.1.0/item-spec/json-schema/";

// Adds every *.json schema with an $id under schemaDir to ajv, keyed by its $id (without a
// trailing '#'). Returns a Map from each id to the file it came from.
export function loadStacSchemas(ajv, schemaDir) {
  const ids = new Map();
  for (const path of walk(schemaDir)) {
    const schema = JSON.parse(readFileSync(path, "utf8"));
    if (!schema.$id) continue;
    const id = schema.$id.replace(/#$/, "");
    // The published common.json says "$id": ".../commonjson"; items refer to it as common.json.
    const alias = id.startsWith(itemSpec) ? itemSpec + path.split("/").pop() : id;
    const { $id, ...body } = schema;
    ajv.addSchema({ $id: alias, ...body }, alias);
    ids.set(alias, path);
  }
  const projjson = "https://proj.org/schemas/v0.7/projjson.schema.json";
  ajv.addSchema({}, projjson);
  ids.set(projjson, "(empty stub)");
  return ids;
}

export const coreSchemas = {
  Feature: "https://schemas.stacspec.org/v1.1.0/item-spec/json-schema/item.json",
  Collection: "https://schemas.stacspec.org/v1.1.0/collection-spec/json-schema/collection.json",
};

// Validates one STAC item or collection against the core schema for its type and each declared
// extension schema. Returns { schemas, problems }: the schema ids used and one string per
// problem, "<schema id>: <instance path> <message>", instance paths prefixed with `at`.
export function validateStacDocument(ajv, doc, at = "") {
  const type = doc && typeof doc === "object" ? doc.type : undefined;
  const extensions = Array.isArray(doc?.stac_extensions) ? doc.stac_extensions : [];
  const schemas = [coreSchemas[type], ...extensions].filter(Boolean);
  const problems = [];
  if (!coreSchemas[type]) problems.push(`${at ? at + " " : ""}unknown STAC type '${type}'`);
  for (const id of schemas) {
    const validate = ajv.getSchema(String(id).replace(/#$/, ""));
    if (!validate) { problems.push(`no offline schema for ${id}`); continue; }
    if (!validate(doc)) problems.push(...validate.errors.map((e) => `${id}: ${at + e.instancePath || "/"} ${e.message}`));
  }
  return { schemas, problems };
}
