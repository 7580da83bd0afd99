// Validates STAC items and collections against the offline schemas: STAC 1.1 core plus every
// extension the document declares. Usage: node validate.mjs SCHEMA_DIR FILE.json...
// Prints one line per document and exits 1 when any is invalid. Never touches the network: a
// $ref to a schema that is not offline fails, except PROJJSON (proj:projjson, which we never emit).
// The schema loading and per-document check live in stac-schemas.mjs (shared with validate-api.mjs).
import { readFileSync } from "node:fs";
import { createAjv, loadStacSchemas, validateStacDocument } from "./stac-schemas.mjs";

const [schemaDir, ...files] = process.argv.slice(2);
if (!schemaDir || files.length === 0) {
  console.error("usage: node validate.mjs SCHEMA_DIR FILE.json...");
  process.exit(2);
}

const ajv = createAjv();
loadStacSchemas(ajv, schemaDir);

let failed = 0;
for (const file of files) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const { schemas, problems } = validateStacDocument(ajv, doc);
  if (problems.length) {
    failed++;
    console.log(`INVALID ${file} (${doc.id})`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`valid ${file} (${doc.id}) against ${schemas.length} schemas`);
  }
}
process.exit(failed ? 1 : 0);
