// Validates STAC items and collections against the offline schemas: STAC 1.1 core plus every
// extension the document declares. Usage: node validate.mjs SCHEMA_DIR FILE.json...
// Prints one line per document and exits 1 when any is invalid. Never touches the network: a
// $ref to a schema that is not offline fails, except PROJJSON (proj:projjson, which we never emit).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [schemaDir, ...files] = process.argv.slice(2);
if (!schemaDir || files.length === 0) {
  console.error("usage: node validate.mjs SCHEMA_DIR FILE.json...");
  process.exit(2);
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Internationalised IRIs: accept as ajv-formats has no checker for them (our hrefs are plain URIs or paths).
ajv.addFormat("iri", true);
ajv.addFormat("iri-reference", true);
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : name.endsWith(".json") ? [path] : [];
});
const itemSpec = "https://schemas.stacspec.org/v1.1.0/item-spec/json-schema/";
for (const path of walk(schemaDir)) {
  const schema = JSON.parse(readFileSync(path, "utf8"));
  if (!schema.$id) continue;
  const id = schema.$id.replace(/#$/, "");
  // The published common.json says "$id": ".../commonjson"; items refer to it as common.json.
  const alias = id.startsWith(itemSpec) ? itemSpec + path.split("/").pop() : id;
  const { $id, ...body } = schema;
  ajv.addSchema({ $id: alias, ...body }, alias);
}
ajv.addSchema({}, "https://proj.org/schemas/v0.7/projjson.schema.json");

const core = {
  Feature: "https://schemas.stacspec.org/v1.1.0/item-spec/json-schema/item.json",
  Collection: "https://schemas.stacspec.org/v1.1.0/collection-spec/json-schema/collection.json",
};
let failed = 0;
for (const file of files) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const schemas = [core[doc.type], ...(doc.stac_extensions ?? [])].filter(Boolean);
  const problems = [];
  if (!core[doc.type]) problems.push(`unknown STAC type '${doc.type}'`);
  for (const id of schemas) {
    const validate = ajv.getSchema(id.replace(/#$/, ""));
    if (!validate) { problems.push(`no offline schema for ${id}`); continue; }
    if (!validate(doc)) problems.push(...validate.errors.map((e) => `${id}: ${e.instancePath || "/"} ${e.message}`));
  }
  if (problems.length) {
    failed++;
    console.log(`INVALID ${file} (${doc.id})`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`valid ${file} (${doc.id}) against ${schemas.length} schemas`);
  }
}
process.exit(failed ? 1 : 0);
