// The acceptance test of the silo's openEO API, driven with the real @openeo/js-client (2.12.0).
//
// Every HTTP response the client receives is validated against openapi/openapi.yaml (an axios interceptor on
// the axios instance js-client uses), and every process graph it sends is validated against the openEO process
// definitions in processes/ (@openeo/js-processgraphs), independently of what the silo says. Graphs that are
// invalid on purpose must be invalid by those definitions too, and the silo must refuse them with a
// Process*-style error code.
//
// Environment:
//   OPENEO_URL              the silo's root URL (the client connects there and finds /openeo/1.2 via /.well-known/openeo)
//   OPENEO_USER_A, OPENEO_PASSWORD_A, OPENEO_USER_B, OPENEO_PASSWORD_B   HTTP Basic credentials of two users
//   OPENEO_COLLECTION       the collection with red and nir bands (default: scenes)
//   OPENEO_SPATIAL_EXTENT   JSON {"west", "south", "east", "north"} (WGS 84)
//   OPENEO_TEMPORAL_EXTENT  JSON ["start", "end"]
//   OPENEO_OUT              a directory: sync/ (the synchronous result), batch/ (the job's downloaded results),
//                           summary.json (job ids, files, timings, every request) are written there
//
// Exit code 0 when every step passed and nothing failed validation; 1 otherwise, listing every failure.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { OpenApiValidator } from "./openapi-validator.mjs";

const require = createRequire(import.meta.url);
const { OpenEO } = require("@openeo/js-client");
// The very axios instance js-client sends with (its own require of 'axios').
const axios = createRequire(require.resolve("@openeo/js-client"))("axios");
const { ProcessGraph, ProcessRegistry, JsonSchemaValidator } = require("@openeo/js-processgraphs");

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const serverUrl = env("OPENEO_URL").replace(/\/+$/, "");
const users = {
  A: { user: env("OPENEO_USER_A"), password: env("OPENEO_PASSWORD_A") },
  B: { user: env("OPENEO_USER_B"), password: env("OPENEO_PASSWORD_B") },
};
const collectionId = env("OPENEO_COLLECTION", "scenes");
const spatialExtent = JSON.parse(env("OPENEO_SPATIAL_EXTENT"));
const temporalExtent = JSON.parse(env("OPENEO_TEMPORAL_EXTENT"));
const out = env("OPENEO_OUT");
for (const dir of ["sync", "batch"]) mkdirSync(join(out, dir), { recursive: true });

const failures = [];
const exchanges = [];
const summary = { exchanges };
let apiRoot = null; // learned from /.well-known/openeo
// Asset hrefs the results listed (without their query: signed links are signed anew on every listing), outside the
// API's paths by design.
const downloads = new Set();
const withoutQuery = (href) => href.split("?")[0];

// ---- every response against openapi.yaml ----------------------------------------------------------------
const openapi = new OpenApiValidator();

const bufferStream = (stream) => new Promise((resolve, reject) => {
  const chunks = [];
  stream.on("data", (c) => chunks.push(c));
  stream.on("error", reject);
  stream.on("end", () => resolve(Buffer.concat(chunks)));
});

function locate(config) {
  const raw = config.url ?? "";
  const full = /^https?:\/\//.test(raw) ? raw : `${(config.baseURL ?? "").replace(/\/+$/, "")}/${raw.replace(/^\/+/, "")}`;
  const url = new URL(full);
  return { full, url };
}

async function check(response) {
  const { config, status, headers } = response;
  const method = (config.method ?? "get").toUpperCase();
  const { full, url } = locate(config);
  const contentType = String(headers?.["content-type"] ?? "");
  let body = response.data;
  const isJson = /json/.test(contentType);
  if (isJson && body instanceof Readable) {
    // A JSON body asked for as a stream (errors of /result and downloads): read it, and hand js-client a fresh stream.
    const buffer = await bufferStream(body);
    response.data = Readable.from([buffer]);
    try { body = JSON.parse(buffer.toString("utf8")); } catch (e) { failures.push(`${method} ${full} -> ${status}: body is not JSON (${e.message})`); return; }
  } else if (isJson && typeof body === "string" && body.length) {
    try { body = JSON.parse(body); } catch { /* validated as is */ }
  }
  if (downloads.has(withoutQuery(full))) {
    exchanges.push({ method, url: full.split("?")[0], status, contentType, download: true });
    if (status !== 200) failures.push(`download ${full.split("?")[0]} -> ${status}`);
    return;
  }
  let path;
  if (url.pathname === "/.well-known/openeo" || url.pathname.endsWith("/.well-known/openeo")) {
    path = "/.well-known/openeo";
    // The API root the client will use: the 1.2 instance the well-known document names.
    const instance = body?.versions?.find?.((v) => String(v.api_version).startsWith("1.2"));
    if (instance?.url) apiRoot = instance.url.replace(/\/+$/, "");
  }
  else if (apiRoot && full.startsWith(apiRoot)) path = "/" + url.href.slice(apiRoot.length).split("?")[0].replace(/^\/+/, "");
  exchanges.push({ method, url: full.split("?")[0], status, contentType, code: isJson ? body?.code : undefined });
  if (path === undefined) {
    failures.push(`${method} ${full} -> ${status}: not under the API root ${apiRoot}`);
    return;
  }
  for (const problem of openapi.validate({ method, path, status, contentType, body })) failures.push(problem);
  if (status >= 400 && !(isJson && typeof body?.code === "string" && typeof body?.message === "string"))
    failures.push(`${method} ${path} -> ${status}: not an openEO error body (${contentType})`);
}

axios.interceptors.response.use(
  async (response) => { await check(response); return response; },
  async (error) => { if (error?.response) await check(error.response); throw error; });

// ---- every graph against the process definitions ---------------------------------------------------------
const definitions = readdirSync(join(here, "processes")).filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(here, "processes", f), "utf8")));
const registry = new ProcessRegistry(definitions);
const schemaValidator = new JsonSchemaValidator();
const expectedInvalid = new Set(); // JSON of graphs sent invalid on purpose

/** The problems the official definitions find in a process ({process_graph, parameters?}); [] when valid. */
async function graphProblems(process) {
  const graph = new ProcessGraph(JSON.parse(JSON.stringify(process)), registry, schemaValidator);
  graph.allowUndefinedParameters(false);
  try {
    await graph.validate(false);
  } catch (e) {
    return [e.message];
  }
  return graph.getErrors().getAll().map((e) => `${e.code ?? ""} ${e.message}`.trim());
}

axios.interceptors.request.use(async (config) => {
  let data = config.data;
  if (typeof data === "string") { try { data = JSON.parse(data); } catch { return config; } }
  const process = data?.process_graph ? data : data?.process?.process_graph ? data.process : null;
  if (!process) return config;
  const key = JSON.stringify(process.process_graph);
  const problems = await graphProblems(process);
  const where = `${(config.method ?? "").toUpperCase()} ${config.url}`;
  exchanges.push({ graph: where, valid: problems.length === 0, intended: !expectedInvalid.has(key) });
  if (expectedInvalid.has(key)) {
    if (problems.length === 0) failures.push(`${where}: a graph meant to be invalid passes the process definitions`);
  } else if (problems.length) {
    failures.push(`${where}: the graph sent is invalid by the process definitions: ${problems.join("; ")}`);
  }
  return config;
});

// ---- steps ------------------------------------------------------------------------------------------------
const log = (...args) => console.log(new Date().toISOString(), ...args);
const assert = (condition, message) => { if (!condition) throw new Error(message); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, seconds, probe, every = 250) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await sleep(every);
  }
}
async function expectError(what, action, codes, status) {
  // js-client logs an error body it read from a stream on console.error before it throws; expected errors stay quiet.
  const consoleError = console.error;
  console.error = () => {};
  try {
    await action();
  } catch (e) {
    const code = e.code ?? e.response?.data?.code;
    const got = e.response?.status;
    assert(codes.some((c) => (c instanceof RegExp ? c.test(code ?? "") : c === code)), `${what}: error code '${code}' (HTTP ${got}, ${e.message}), expected ${codes.join(" or ")}`);
    if (status) assert(got === status || (Array.isArray(status) && status.includes(got)), `${what}: HTTP ${got}, expected ${status}`);
    return { code, status: got };
  } finally {
    console.error = consoleError;
  }
  throw new Error(`${what}: succeeded, expected an error ${codes.join(" or ")}`);
}
function isTiff(file) {
  const head = readFileSync(file).subarray(0, 4);
  return (head[0] === 0x49 && head[1] === 0x49 && (head[2] === 0x2a || head[2] === 0x2b) && head[3] === 0x00)
    || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && (head[3] === 0x2a || head[3] === 0x2b));
}
const saveStream = (stream, file) => bufferStream(stream).then((b) => writeFileSync(file, b));

async function connect(who) {
  const con = await OpenEO.connect(serverUrl);
  apiRoot = con.getBaseUrl().replace(/\/+$/, "");
  await con.authenticateBasic(users[who].user, users[who].password);
  return con;
}

/** The NDVI of each scene (normalized_difference of nir and red in a bands reducer), then its maximum over time. */
function ndviMax(builder, extra = (cube) => cube) {
  let cube = builder.load_collection(collectionId, spatialExtent, temporalExtent, ["red", "nir"]);
  cube = extra(cube, builder);
  const ndvi = builder.reduce_dimension(cube, function (data) {
    return this.normalized_difference(data["nir"], data["red"]);
  }, "bands");
  const max = builder.reduce_dimension(ndvi, function (data) { return this.max(data); }, "t");
  return builder.save_result(max, "GTiff");
}

const steps = [];
// A soft step's failure is counted but does not stop the run: later steps do not depend on it.
const step = (name, run, soft = false) => steps.push({ name, run, soft });
const state = {};

step("connect, version discovery and capabilities", async () => {
  state.anonymous = await OpenEO.connect(serverUrl);
  const caps = state.anonymous.capabilities();
  assert(caps.apiVersion() === "1.2.0", `api_version ${caps.apiVersion()}`);
  for (const feature of ["listCollections", "listProcesses", "computeResult", "createJob", "startJob", "stopJob", "listResults", "deleteJob", "listJobs", "authenticateBasic", "describeAccount"])
    assert(caps.hasFeature(feature), `the capabilities do not list what ${feature} needs`);
  summary.endpoints = caps.listFeatures();
}, true);

step("wrong password is refused with CredentialsInvalid", async () => {
  const con = await OpenEO.connect(serverUrl);
  await expectError("basic with a wrong password", () => con.authenticateBasic(users.A.user, users.A.password + "-wrong"), ["CredentialsInvalid"], [401, 403]);
  assert(!con.isAuthenticated(), "authenticated with a wrong password");
}, true);

step("user A authenticates (basic) and is who /me says", async () => {
  state.a = await connect("A");
  const me = await state.a.describeAccount();
  assert(me.user_id === users.A.user, `/me user_id '${me.user_id}', expected '${users.A.user}'`);
});

step("file formats", async () => {
  const formats = await state.a.listFileTypes();
  assert(formats.getOutputType("GTiff"), "GTiff is not an output format");
  assert(formats.getOutputType("PNG"), "PNG is not an output format");
  assert(formats.getInputType("GTiff"), "GTiff is not an input format");
  schemaValidator.setFileFormats(formats.toJSON?.() ?? { input: formats.input ?? {}, output: formats.output ?? {} });
});

step("list collections; the source collection has cube:dimensions with red and nir", async () => {
  const list = await state.a.listCollections();
  const ids = list.collections.map((c) => c.id);
  assert(ids.includes(collectionId), `collection '${collectionId}' not among ${ids.join(", ")}`);
  schemaValidator.setCollections(list.collections);
  const c = await state.a.describeCollection(collectionId);
  const dims = c["cube:dimensions"] ?? {};
  const spatial = Object.values(dims).filter((d) => d.type === "spatial");
  assert(spatial.some((d) => d.axis === "x" && Array.isArray(d.extent)) && spatial.some((d) => d.axis === "y" && Array.isArray(d.extent)), "no x and y spatial dimensions with an extent");
  assert(Object.values(dims).some((d) => d.type === "temporal" && Array.isArray(d.extent)), "no temporal dimension with an extent");
  const bands = Object.values(dims).find((d) => d.type === "bands")?.values ?? [];
  assert(bands.includes("red") && bands.includes("nir"), `bands ${JSON.stringify(bands)} lack red or nir`);
  state.xStep = spatial.find((d) => d.axis === "x")?.step;
  await expectError("an unknown collection", () => state.a.describeCollection("no-such-collection"), ["CollectionNotFound"], 404);
});

step("list processes: each is the official definition of its id", async () => {
  const { processes } = await state.a.listProcesses();
  const ids = processes.map((p) => p.id);
  for (const needed of ["load_collection", "reduce_dimension", "normalized_difference", "array_element", "max", "save_result"])
    assert(ids.includes(needed), `process ${needed} is not listed`);
  for (const p of processes) {
    const official = definitions.find((d) => d.id === p.id);
    assert(official, `process '${p.id}' is not an openEO process`);
    const names = (ps) => (ps ?? []).map((x) => `${x.name}${x.optional ? "?" : ""}`).join(",");
    assert(names(p.parameters) === names(official.parameters), `process '${p.id}' parameters ${names(p.parameters)} differ from the definition's ${names(official.parameters)}`);
    assert(JSON.stringify(p.returns?.schema) === JSON.stringify(official.returns?.schema), `process '${p.id}' returns differ from the definition`);
  }
  summary.processes = ids;
});

step("build the NDVI-and-max-over-time graph and validate it on the silo", async () => {
  state.builder = await state.a.buildProcess();
  state.graph = ndviMax(state.builder);
  state.graph.result = true; // what js-client does when it sends a builder node
  state.process = state.builder.toJSON();
  const local = await graphProblems(state.process);
  assert(local.length === 0, `the graph is invalid by the definitions: ${local.join("; ")}`);
  const errors = await state.a.validateProcess(state.graph);
  assert(errors.length === 0, `the silo finds the valid graph invalid: ${JSON.stringify(errors)}`);
});

step("invalid graphs are refused with Process*-style errors", async () => {
  const base = JSON.parse(JSON.stringify(state.process.process_graph));
  const loadId = Object.keys(base).find((k) => base[k].process_id === "load_collection");
  const resultId = Object.keys(base).find((k) => base[k].result);
  const cases = {
    "an unknown process": { ...base, bogus: { process_id: "no_such_process", arguments: {} } },
    "a missing required argument": { ...base, [loadId]: { ...base[loadId], arguments: Object.fromEntries(Object.entries(base[loadId].arguments).filter(([k]) => k !== "id")) } },
    "a reference to a missing node": { ...base, [resultId]: { ...base[resultId], arguments: { ...base[resultId].arguments, data: { from_node: "nowhere" } } } },
  };
  // The unknown process must be the result node's input, or a graph checker may skip it as unreachable.
  cases["an unknown process"][resultId] = { ...base[resultId], arguments: { ...base[resultId].arguments, data: { from_node: "bogus" } } };
  for (const [what, graph] of Object.entries(cases)) {
    const process = { process_graph: graph };
    expectedInvalid.add(JSON.stringify(graph));
    const errors = await state.a.validateProcess(process);
    assert(errors.length > 0 && errors.every((e) => typeof e.code === "string" && typeof e.message === "string"), `/validation of ${what}: ${JSON.stringify(errors)}`);
    assert(errors.some((e) => /^Process/.test(e.code)), `/validation of ${what}: codes ${errors.map((e) => e.code)}, expected Process*`);
    await expectError(`/result with ${what}`, () => state.a.computeResult(process), [/^Process/], 400);
    await expectError(`/jobs with ${what}`, () => state.a.createJob(process, "invalid"), [/^Process/], 400);
  }
});

step("compute the graph synchronously: a GeoTIFF comes back", async () => {
  const started = Date.now();
  const result = await state.a.computeResult(state.graph);
  assert(/^image\/tiff/.test(result.type ?? ""), `content type '${result.type}'`);
  const file = join(out, "sync", "ndvi-max.tif");
  await saveStream(result.data, file);
  assert(isTiff(file), "the synchronous result is not a TIFF");
  assert(statSync(file).size > 1024, `the synchronous result has only ${statSync(file).size} bytes`);
  summary.sync = { file, seconds: (Date.now() - started) / 1000 };
});

step("create and start a batch job, follow it to finished", async () => {
  const job = await state.a.createJob(state.graph, "NDVI max", "NDVI of each scene, its maximum over time");
  assert(job.status === "created", `a new job is '${job.status}'`);
  const listed = await state.a.listJobs();
  assert(listed.some((j) => j.id === job.id), "the new job is not in the list");
  await job.updateJob({ title: "NDVI maximum" });
  assert((await job.describeJob()).title === "NDVI maximum", "the title did not change");
  const estimate = await job.estimateJob();
  assert(estimate && typeof estimate === "object", "no estimate");
  await job.startJob();
  const seen = new Set();
  const done = await until("the job to finish", 180, async () => {
    const d = await job.describeJob();
    seen.add(d.status);
    return ["finished", "error", "canceled"].includes(d.status) ? d : null;
  }, 500);
  if (done.status !== "finished") {
    const logs = await job.debugJob().nextLogs().catch(() => []);
    throw new Error(`the job ended '${done.status}': ${JSON.stringify(logs).slice(0, 2000)}`);
  }
  state.job = job;
  summary.job = { id: job.id, statuses: [...seen], progress: done.progress, usage: done.usage ?? null };
});

step("list and download the job's results", async () => {
  const stac = await state.job.getResultsAsStac();
  const assets = Object.values(stac.assets ?? {});
  assert(assets.length > 0, "the results have no assets");
  const tiffs = assets.filter((a) => (a.roles ?? []).includes("data") && /^image\/tiff/.test(a.type ?? ""));
  assert(tiffs.length > 0, `no GeoTIFF data asset among ${JSON.stringify(assets.map((a) => a.type))}`);
  for (const a of assets) downloads.add(withoutQuery(a.href));
  const files = await state.job.downloadResults(join(out, "batch"));
  assert(files.length === assets.length, `downloaded ${files.length} of ${assets.length} assets`);
  for (const f of files.filter((f) => /\.tiff?$/i.test(f))) assert(isTiff(f), `${f} is not a TIFF`);
  const logs = await state.job.debugJob().nextLogs();
  assert(Array.isArray(logs), "no logs");
  summary.job.files = files;
  summary.job.assets = assets.map((a) => a.href);
});

step("store the graph as a user-defined process", async () => {
  const udp = await state.a.setUserProcess("ndvi_max", state.process);
  const mine = await state.a.listUserProcesses();
  assert(mine.some((p) => p.id === "ndvi_max"), "the stored process is not listed");
  state.udp = udp;
});

step("a second job is canceled within 5 s and computes nothing after", async () => {
  // Heavier: the scenes resampled to a quarter of their pixel size first, so the job is still at work when canceled.
  const resolution = typeof state.xStep === "number" ? state.xStep / 4 : 2.5;
  const builder = await state.a.buildProcess();
  const graph = ndviMax(builder, (cube, b) => b.resample_spatial(cube, resolution, undefined, "near"));
  const job = await state.a.createJob(graph, "to be canceled");
  await job.startJob();
  const before = (await job.describeJob()).status;
  const asked = Date.now();
  await job.stopJob();
  await until("the job to be canceled", 5, async () => (await job.describeJob()).status === "canceled", 100);
  const cancelSeconds = (Date.now() - asked) / 1000;
  const snapshot = async () => {
    const d = await job.describeJob();
    const logs = await job.debugJob().nextLogs();
    let results;
    try { results = Object.keys((await job.getResultsAsStac()).assets ?? {}).sort(); } catch (e) { results = `error ${e.code ?? e.message}`; }
    return JSON.stringify({ status: d.status, progress: d.progress ?? null, usage: d.usage ?? null, updated: d.updated ?? null, logs: logs.length, results });
  };
  const first = await snapshot();
  await sleep(3000); // the observation window: a computation that went on would change these
  const second = await snapshot();
  assert(first === second, `the canceled job changed: ${first} then ${second}`);
  summary.canceled = { id: job.id, statusWhenCanceled: before, cancelSeconds, snapshot: JSON.parse(second) };
  state.canceled = job;
});

step("delete a job", async () => {
  const id = state.canceled.id;
  await state.canceled.deleteJob();
  await expectError("the deleted job", () => state.a.getJob(id), ["JobNotFound"], 404);
  assert(!(await state.a.listJobs()).some((j) => j.id === id), "the deleted job is still listed");
  summary.deleted = id;
});

step("user B sees none of user A's work", async () => {
  const b = await connect("B");
  assert((await b.listJobs()).length === 0, "user B lists jobs");
  const id = state.job.id;
  await expectError("B reads A's job", () => b.getJob(id), ["JobNotFound"], 404);
  const { Job } = require("@openeo/js-client");
  const theirs = new Job(b, id);
  await expectError("B reads A's results", () => theirs.getResultsAsStac(), ["JobNotFound"], 404);
  await expectError("B reads A's logs", () => theirs.debugJob().nextLogs(), ["JobNotFound"], 404);
  await expectError("B starts A's job", () => theirs.startJob(), ["JobNotFound"], 404);
  await expectError("B cancels A's job", () => theirs.stopJob(), ["JobNotFound"], 404);
  await expectError("B deletes A's job", () => theirs.deleteJob(), ["JobNotFound"], 404);
  // The result files: a signed link is the owner's to share; without its signature B's credentials get nothing.
  // (Plain fetch: these probes are not the client's traffic.)
  for (const href of summary.job.assets) {
    const bare = withoutQuery(href);
    const asB = await fetch(bare, { headers: { Authorization: `Bearer basic//${users.B.password}` } });
    assert(asB.status === 404 || asB.status === 403, `B downloads A's result ${bare} without a signature: HTTP ${asB.status}`);
    const tampered = await fetch(href.replace(/signature=([0-9a-f])/, (m, c) => `signature=${c === "0" ? "1" : "0"}`));
    assert(tampered.status >= 400 && tampered.status < 500, `a tampered signature downloads: HTTP ${tampered.status}`);
  }
  assert((await b.listUserProcesses()).length === 0, "user B lists process graphs");
  await expectError("B reads A's process graph", () => b.getUserProcess("ndvi_max"), ["ProcessGraphNotFound"], 404);
  // A's results are still there for A.
  assert((await state.job.describeJob()).status === "finished", "A's job changed");
});

step("the owner downloads the results with credentials instead of the signed link", async () => {
  for (const href of summary.job.assets) {
    const bare = withoutQuery(href);
    const asA = await fetch(bare, { headers: { Authorization: `Bearer basic//${users.A.password}` } });
    // The body is read once: as bytes, and as the error text only when the answer is not the file.
    const bytes = Buffer.from(await asA.arrayBuffer());
    assert(asA.status === 200, `A downloads A's result ${bare} with A's credentials: HTTP ${asA.status} ${bytes.toString("utf8", 0, 500)}`);
    assert(bytes.equals(readFileSync(summary.job.files.find((f) => f.endsWith("/" + bare.split("/").pop())))), `${bare} differs from the signed download`);
  }
}, true);

for (const { name, run, soft } of steps) {
  const started = Date.now();
  try {
    await run();
    log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failures.push(`step '${name}': ${e.message}`);
    log(`FAIL  ${name}: ${e.message}`);
    if (!soft) break; // later steps build on this one
  }
}

summary.failures = failures;
writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2));
const checked = exchanges.filter((e) => e.status !== undefined).length;
const graphs = exchanges.filter((e) => e.graph).length;
if (failures.length) {
  console.log(`\n${failures.length} failure(s) (${checked} responses validated, ${graphs} graphs checked):`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log(`\nall passed: ${steps.length} steps, ${checked} responses valid against openapi.yaml, ${graphs} graphs checked against the process definitions`);
