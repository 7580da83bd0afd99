// Validates openEO API responses against the response schemas of the offline openEO API 1.2.0 OpenAPI
// document (openapi/openapi.yaml): the operation is found by method and path template, the response by
// status ('200', then '2XX'/'4XX'/'5XX', then 'default'), and a JSON body is checked with ajv against
// its application/json schema. A response whose operation or status the document does not define is a
// problem too, except for the result downloads the caller declares as out of the specification.
//
// Never touches the network: the document is one file with local $refs only.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const here = dirname(fileURLToPath(import.meta.url));
const base = "https://api.openeo.org/1.2.0/openapi.yaml";

// OpenAPI 3.0 schema dialect -> JSON Schema for ajv: drops example, discriminator, xml, externalDocs and x-*;
// turns nullable: true into a type (or enum) admitting null; makes $refs absolute. Keys of a properties map are names.
function convert(node, names = false) {
  if (Array.isArray(node)) return node.map((x) => convert(x));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!names && (["example", "examples", "discriminator", "xml", "externalDocs", "nullable"].includes(key) || key.startsWith("x-"))) continue;
    if (!names && key === "$ref" && typeof value === "string") { out.$ref = value.startsWith("#") ? base + value : value; continue; }
    out[key] = convert(value, !names && (key === "properties" || key === "patternProperties"));
  }
  if (names || node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

const pointer = (parts) => "/" + parts.map((p) => encodeURIComponent(String(p).replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

export class OpenApiValidator {
  constructor(file = join(here, "openapi", "openapi.yaml")) {
    // 'examples' is a JSON Schema keyword too, but the document's examples are OpenAPI examples, so both are dropped.
    this.doc = convert(yaml.load(readFileSync(file, "utf8")));
    // process_json_schema's oneOf lists a title-only "Generic" branch beside the process-graph and datacube
    // subtypes, so every schema without a subtype matches all three and no process definition could pass it; the
    // discriminator that was meant to pick one is not JSON Schema. Read as the choice it describes: anyOf.
    const single = this.doc.components.schemas.process_json_schema;
    if (Array.isArray(single?.oneOf)) {
      single.anyOf = single.oneOf;
      delete single.oneOf;
    }
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const format of ["commonmark", "date", "date-time", "uri", "uri-reference"]) if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ ...this.doc, $id: base }, base);
    this.compiled = new Map();
    // Templates, most specific first: fewer parameters, then longer.
    this.templates = Object.keys(this.doc.paths).map((template) => ({
      template,
      regex: new RegExp("^" + template.split("/").map((s) => (/^\{.+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/") + "$"),
      params: (template.match(/\{/g) ?? []).length,
    })).sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  }

  /** The path template a path (relative to the API root, or the well-known path) matches, or null. */
  match(path) {
    const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
    return this.templates.find((t) => t.regex.test(clean))?.template ?? null;
  }

  /** The response object of an operation for a status, or null. */
  response(template, method, status) {
    const operation = this.doc.paths[template]?.[method.toLowerCase()];
    if (!operation) return null;
    const responses = operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => responses[k]);
    if (!key) return null;
    let ref = base + "#" + pointer(["paths", template, method.toLowerCase(), "responses", key]);
    let response = responses[key];
    while (response && typeof response.$ref === "string") {
      ref = response.$ref;
      response = this.deref(ref);
    }
    return { ref, response, key };
  }

  deref(ref) {
    const [, fragment = ""] = ref.split("#");
    let value = this.doc;
    for (const part of fragment.split("/").slice(1)) value = value?.[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")];
    return value;
  }

  /**
   * The problems of one response: [] when it is valid.
   * @param {{method: string, path: string, status: number, contentType?: string, body?: any}} r - path relative to the API root
   */
  validate({ method, path, status, contentType, body }) {
    const where = `${method.toUpperCase()} ${path} -> ${status}`;
    const template = this.match(path);
    if (!template) return [`${where}: no path of openapi.yaml matches`];
    if (!this.doc.paths[template][method.toLowerCase()]) return [`${where}: openapi.yaml has no ${method.toUpperCase()} on ${template}`];
    const found = this.response(template, method, status);
    if (!found) return [`${where}: openapi.yaml defines no ${status} response for ${method.toUpperCase()} ${template}`];
    const content = found.response?.content;
    if (!content) {
      // A response without content (204, 202, ...): a body would be unexpected but harmless; nothing to validate.
      return [];
    }
    const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
    const json = content["application/json"];
    if (json?.schema && (type === "application/json" || type.endsWith("+json"))) {
      const schemaRef = typeof json.schema.$ref === "string" ? json.schema.$ref : `${found.ref}/content/${pointer(["application/json"]).slice(1)}/schema`;
      let validate = this.compiled.get(schemaRef);
      if (!validate) {
        validate = this.ajv.compile({ $ref: schemaRef });
        this.compiled.set(schemaRef, validate);
      }
      if (validate(body)) return [];
      return validate.errors.map((e) => `${where} (${template}): ${e.instancePath || "/"} ${e.message}${e.params?.allowedValues ? ` (allowed: ${e.params.allowedValues.join(", ")})` : ""}`);
    }
    if (json && !content[type] && !Object.keys(content).some((k) => k === "*/*" || k.endsWith("/*"))) {
      return [`${where} (${template}): content type '${contentType}' where openapi.yaml has ${Object.keys(content).join(", ")}`];
    }
    return [];
  }
}
