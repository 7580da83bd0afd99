// Validates recorded openEO API responses against openapi/openapi.yaml (see openapi-validator.mjs).
//
// Usage: node validate-responses.mjs FILE.json
//   FILE.json: [{"method": "GET", "path": "/collections", "status": 200, "contentType": "application/json", "body": {...}}, ...]
//   with path relative to the API root (or "/.well-known/openeo").
// Prints "valid METHOD PATH -> STATUS" or "INVALID ..." with indented problems per response; exits 1 when any
// is invalid, 2 on a usage error.
import { readFileSync } from "node:fs";
import { OpenApiValidator } from "./openapi-validator.mjs";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node validate-responses.mjs FILE.json");
  process.exit(2);
}
const responses = JSON.parse(readFileSync(file, "utf8"));
const validator = new OpenApiValidator();
let invalid = 0;
for (const r of responses) {
  const problems = validator.validate(r);
  const what = `${r.method} ${r.path} -> ${r.status}`;
  if (problems.length) {
    invalid++;
    console.log(`INVALID ${what}`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`valid ${what}`);
  }
}
process.exit(invalid ? 1 : 0);
