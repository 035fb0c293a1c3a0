// Checker functions: each takes the analysed model (see hcl.mjs) and returns a list of
// violations (strings). The real configuration must produce none; every mutation test
// feeds a broken copy and expects the matching violation.
import { isAbsolute, relative, resolve, sep } from "node:path";
import {
  EMF_METRICS_SOURCE,
  INFRA_DIR,
  MEMORY_TABLE_SOURCE,
  Json,
  Unknown,
  EvalError,
  analyze,
  blocksOf,
  emfMetricsPath,
  evaluate,
  instancesOf,
  makeContext,
  memoryTablePath,
  referencesIn,
} from "./hcl.mjs";

export { analyze };

export const ROOT = ".";
export const EXAMPLE = "examples/complete";

/**
 * The package as a caller passes it: the build's target/function.zip at the repository root
 * (the example passes "${path.root}/../../../target/function.zip"), an absolute path.
 */
export const SAMPLE_ZIP_PATH = resolve(INFRA_DIR, "..", "target", "function.zip");
/** Values for the variables a user must set (no default) — realistic shapes. */
export const SAMPLE_REQUIRED = {
  lambda_zip_path: SAMPLE_ZIP_PATH,
  wechatpay_mchid: "1900000109",
  wechatpay_merchant_serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
  wechatpay_public_key_id: "PUB_KEY_ID_0114232134912410000000000000",
};
/**
 * With the defaults the module creates the secret, and then needs its value (PEMs) in the
 * same apply; the checks pass these unless a case says otherwise.
 */
const SAMPLE_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----";
export const SAMPLE_SECRET_VALUE = { wechatpay_private_key_pem: SAMPLE_PEM, wechatpay_public_key_pem: SAMPLE_PEM,
  wechatpay_merchant_serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", wechatpay_public_key_id: "PUB_KEY_ID_0114232134912410000000000000" };
/** What a user passes for the example's required variables. */
const { lambda_zip_path: _examplePassesItsOwn, ...SAMPLE_MERCHANT } = SAMPLE_REQUIRED;
const SAMPLE_EXAMPLE_REQUIRED = { region: "ap-southeast-1", ...SAMPLE_MERCHANT };
const SAMPLE_SECRET_ARN = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments/wechatpay-AbC123";
const SAMPLE_KMS_ARN = "arn:aws:kms:ap-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/**
 * What each package_mode deploys (the contract with the build, issues 11 and 18); the memory each
 * handler gets by default is the benchmark's choice (memoryTable).
 * zip: SAMPLE_ZIP_PATH, the caller's lambda_zip_path, as the module's folder sees it.
 */
export const PACKAGE_MODES = {
  native: { runtime: "provided.al2023", handler: "bootstrap", zip: "../target/function.zip", env: { DISABLE_SIGNAL_HANDLERS: "true" } },
  aot: { runtime: "provided.al2023", handler: "bootstrap", zip: "../target/function.zip", env: {} },
};

/**
 * bench/run's memory table as committed (bench/memory-table.json): { defaults: { "native http": MB, … } },
 * each the variant's default memory, checked here against the table's own rows and rule: the
 * cheapest size (by its cost column) that meets the rule, or, where none does, the size with the
 * soonest first close among the viable ones (peak RSS within ¾ of the memory, ready within
 * Lambda's 10 s init phase); or { error }.
 */
export function memoryTable(model) {
  const where = memoryTablePath();
  const { doc, error } = jsonSource(model, MEMORY_TABLE_SOURCE, where, "the benchmark's memory table", "bench/", "MEMORY_TABLE_FILE");
  if (error) return { error };
  const rule = doc?.rule ?? {};
  const viable = (r) => r.peak_rss_mb <= rule.peak_rss_share_of_memory * r.memory_mb && r.ready_ms <= rule.ready_ms;
  const meets = (r) => viable(r) && (r.variant.endsWith(" sqs") ? r.batch_of_10_ms <= rule.sqs_batch_of_10_ms
    : r.first_close_ms <= rule.http_first_close_ms && r.warm_p99_ms <= rule.http_warm_p99_ms);
  const defaults = {};
  const problems = [];
  for (const [variant, chosen] of Object.entries(doc?.default_memory ?? {})) {
    const rows = (doc.rows ?? []).filter((r) => r.variant === variant);
    const cheapest = rows.filter(meets).sort((a, b) => a.cost_per_million_closes_x86_64 - b.cost_per_million_closes_x86_64)[0];
    const soonest = rows.filter(viable).sort((a, b) => a.first_close_ms - b.first_close_ms)[0];
    const want = cheapest ?? soonest;
    if (!want || chosen?.memory_mb !== want.memory_mb || chosen?.meets_rule !== Boolean(cheapest)) {
      problems.push(`${variant} defaults to ${show(chosen)}, but its rows choose ${want ? `${want.memory_mb} MB (${cheapest ? "the cheapest that meets the rule" : "none meets the rule: the soonest first close"})` : "nothing"}`);
    }
    defaults[variant] = chosen?.memory_mb;
  }
  return problems.length ? { error: `${where}: ${problems.join("; ")}` } : { defaults };
}
/** The package mode deployed when none is chosen: the native executable, the production build. */
export const DEFAULT_PACKAGE_MODE = "native";
/** Variables this module sets from the package mode, or must never set (the aot bootstrap holds its JVM flags). */
const PACKAGE_ENV_NAMES = ["JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS"];

const MiB = 1024 * 1024;
/**
 * Sizes of the build output the checks assume (relative to infra/; nothing is built here): the
 * native zip, the default, is under Lambda's 50 MB direct-upload limit (the aot zip, with its own
 * runtime and AOT cache, is over it). Checks that are about the upload path set their own sizes.
 */
export const SAMPLE_PACKAGE_BYTES = { "../target/function.zip": 22 * MiB };
/** Lambda refuses a direct upload of more than 50 MiB of zip (69,905,067 bytes of base64). */
const DIRECT_UPLOAD_LIMIT_BYTES = 50 * MiB;
/**
 * The routes of the http function (README's HTTP contract): close (or schedule with close_at), and
 * cancel a scheduled close. Both stay with enable_scheduled_close = false (the function answers 501).
 */
export const CLOSE_ROUTE_KEYS = ["POST /recharges/{out_recharge_no}/close", "DELETE /recharges/{out_recharge_no}/close"];
export const REQUIRED_OUTPUTS = [
  "api_endpoint",
  "queue_url",
  "queue_arn",
  "dlq_url",
  "http_function_name",
  "http_function_arn",
  "sqs_function_name",
  "sqs_function_arn",
  "log_group_names",
  "event_source_mapping_uuid",
  "alarm_arns",
  "schedule_group_name",
  "scheduler_role_arn",
  "scheduler_dlq_url",
  "scheduler_dlq_arn",
];

/**
 * The only place a "*" resource is accepted: X-Ray's trace APIs have no resource-level
 * permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html).
 */
export const STAR_RESOURCE_ALLOWLIST = new Set([
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
]);

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const root = (model) => model.modules[ROOT];
export const rootCtx = (model, overrides = {}, fileSizes = SAMPLE_PACKAGE_BYTES) => makeContext(model, ROOT, { ...SAMPLE_REQUIRED, ...SAMPLE_SECRET_VALUE, ...overrides }, { fileSizes });
const ofType = (mod, type) => Object.values(mod?.resources ?? {}).filter((r) => r.type === type);
const show = (v) =>
  JSON.stringify(v, (_, x) => (x instanceof Unknown ? `<unknown ${[...x.refs].join(",")}>` : x instanceof Json ? { jsonencode: x.value } : x));
const refsOf = (v) => (v instanceof Unknown ? [...v.refs] : []);
const refersTo = (v, address) => v instanceof Unknown && v.has(address);
const first = (list) => (Array.isArray(list) ? list[0] : undefined);

async function safeEval(value, ctx) {
  try {
    return { value: await evaluate(value, ctx) };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.message };
    throw e;
  }
}

/** `aws_t.n` or `aws_t.n["key"]` (the address Terraform shows for an instance). */
const instanceAddress = (res, key, prefix = "") => `${prefix}${res.type}.${res.name}${key === null || key === undefined ? "" : `[${JSON.stringify(key)}]`}`;

/**
 * Every instance of every resource of a type, count / for_each expanded:
 * [{ res, key, ctx (each / count set), address }]. Use iget(inst, path) on them.
 */
async function instancesOfType(mod, type, ctx, table = "resources") {
  const out = [];
  for (const res of Object.values(mod?.[table] ?? {}).filter((r) => r.type === type)) {
    for (const inst of await instancesOf(res, ctx)) {
      out.push({ res, key: inst.key, ctx: inst.ctx, unknownCount: inst.unknownCount, address: instanceAddress(res, inst.key, table === "data" ? "data." : "") });
    }
  }
  return out;
}

/**
 * Splits a reference of an Unknown value: 'aws_iam_role.this["http"].arn' ->
 * { resource: "aws_iam_role.this", key: "http", address: 'aws_iam_role.this["http"]', attr: "arn" }.
 */
function parseRef(ref) {
  const m = /^((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?(?:\.(.*))?$/.exec(ref);
  if (!m) return null;
  const key = m[2] === undefined ? null : JSON.parse(m[2]);
  return { resource: m[1], key, address: m[2] === undefined ? m[1] : `${m[1]}[${m[2]}]`, attr: m[3] ?? "" };
}

/** The instance a parsed reference points at (null when it is not one of this module's). */
async function instanceOfRef(mod, parsed, ctx) {
  if (!parsed) return null;
  const isData = parsed.resource.startsWith("data.");
  const res = isData ? mod.data[parsed.resource.slice(5)] : mod.resources[parsed.resource];
  if (!res) return null;
  const inst = (await instancesOf(res, ctx)).find((i) => (i.key ?? null) === parsed.key || (i.unknownCount && parsed.key !== null));
  return inst ? { res, key: parsed.key, ctx: inst.ctx, address: parsed.address } : null;
}

/** Evaluates an attribute of an instance from instancesOfType / collectFunctions. */
const iget = (inst, path) => get(inst.res, path, inst.ctx);

/** Evaluates a resource attribute; returns undefined when the attribute is absent. */
async function get(res, path, ctx) {
  let v = res.block;
  for (const key of path) {
    if (v === undefined || v === null) return undefined;
    v = Array.isArray(v) && typeof key === "string" ? v[0]?.[key] : v[key];
  }
  if (v === undefined) return undefined;
  return evaluate(v, ctx);
}

/**
 * Every failing validation and precondition for a set of root variables (what `terraform plan` would
 * refuse); `only` limits it to some variables and resources (["var.x", "aws_t.n"]).
 */
export async function rejections(model, overrides, dir = ROOT, fileSizes = SAMPLE_PACKAGE_BYTES, only = null) {
  const ctx = dir === ROOT ? rootCtx(model, overrides, fileSizes) : makeContext(model, dir, overrides, { fileSizes });
  const mod = model.modules[dir];
  const out = [];
  for (const [name, { block }] of Object.entries(mod.variables)) {
    if (only && !only.includes(`var.${name}`)) continue;
    for (const v of block.validation ?? []) {
      const r = await safeEval(v.condition, ctx);
      if (r.error || r.value === false) out.push(`var.${name}: ${r.error ?? v.error_message}`);
    }
  }
  const conditionsOf = (b) => [...(b.lifecycle?.[0]?.precondition ?? [])];
  for (const res of Object.values(mod.resources).concat(Object.values(mod.data))) {
    if (only && !only.includes(`${mod.data[`${res.type}.${res.name}`] === res ? "data." : ""}${res.type}.${res.name}`)) continue;
    const pre = conditionsOf(res.block);
    if (!pre.length) continue;
    for (const inst of await instancesOf(res, ctx)) {
      for (const p of pre) {
        const r = await safeEval(p.condition, inst.ctx);
        if (!(r.error || r.value === false)) continue;
        const message = r.error ?? (await safeEval(p.error_message, inst.ctx)).value ?? p.error_message;
        out.push(`${instanceAddress(res, inst.key, mod.data[`${res.type}.${res.name}`] === res ? "data." : "")}: ${message}`);
      }
    }
  }
  return out;
}

/** The handler keys (QUARKUS_LAMBDA_HANDLER values) of the two functions. */
export const FUNCTION_KEYS = ["http", "sqs"];

/**
 * The two functions as instances, by handler key: { http: inst, sqs: inst }. A function is
 * the instance ["<key>"] of a for_each aws_lambda_function (or a resource named <key>).
 */
async function collectFunctions(model, ctx) {
  const fns = {};
  for (const inst of await instancesOfType(root(model), "aws_lambda_function", ctx)) {
    const key = inst.key === null ? inst.res.name : inst.key;
    if (FUNCTION_KEYS.includes(key) && !fns[key]) fns[key] = inst;
  }
  return fns;
}

async function environmentOf(fn) {
  const env = await iget(fn, ["environment", "variables"]);
  return env ?? {};
}

// ---------------------------------------------------------------------------
// 1. syntax
// ---------------------------------------------------------------------------

export async function checkSyntax(model) {
  const v = [...model.syntaxErrors];
  if (!model.modules[ROOT]) v.push("syntax: no root module (infra/*.tf) parsed");
  if (!model.modules[EXAMPLE]) v.push(`syntax: no ${EXAMPLE} module parsed`);
  if (!model.tests.length) v.push("syntax: no tests/*.tftest.hcl parsed");
  return v;
}

// ---------------------------------------------------------------------------
// 2. reference integrity
// ---------------------------------------------------------------------------

function dynamicNames(value, names = new Set()) {
  if (Array.isArray(value)) value.forEach((x) => dynamicNames(x, names));
  else if (value && typeof value === "object") {
    for (const [k, x] of Object.entries(value)) {
      if (k === "dynamic" && x && typeof x === "object") {
        for (const [name, blocks] of Object.entries(x)) {
          names.add(name);
          for (const b of blocks) if (typeof b.iterator === "string") names.add(b.iterator);
        }
      }
      dynamicNames(x, names);
    }
  }
  return names;
}

function resolveModuleSource(fromDir, source) {
  if (typeof source !== "string" || !source.startsWith(".")) return null;
  const parts = fromDir === ROOT ? [] : fromDir.split("/");
  for (const seg of source.split("/").filter(Boolean)) {
    if (seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.length ? parts.join("/") : ROOT;
}

function checkRef(ref, mod, iterators, where) {
  const segs = ref.split(".");
  const [head, a, b] = segs;
  switch (head) {
    case "var":
      return mod.variables[a] ? null : `references: ${where} uses undeclared variable var.${a}`;
    case "local":
      return mod.locals[a] ? null : `references: ${where} uses undeclared local value local.${a}`;
    case "data":
      return mod.data[`${a}.${b}`] ? null : `references: ${where} uses undeclared data source data.${a}.${b}`;
    case "module":
      return mod.modules[a] ? null : `references: ${where} uses undeclared module module.${a}`;
    case "path":
    case "terraform":
    case "count":
    case "each":
    case "self":
      return null;
    default:
      if (iterators.has(head)) return null;
      return mod.resources[`${head}.${a}`] ? null : `references: ${where} uses undeclared resource ${head}.${a}`;
  }
}

export async function checkReferences(model) {
  const v = [];
  for (const mod of Object.values(model.modules)) {
    const iterators = dynamicNames(Object.values(mod.resources).concat(Object.values(mod.data)).map((r) => r.block));
    const scan = async (value, where) => {
      for (const ref of await referencesIn(value)) {
        const problem = checkRef(ref, mod, iterators, where);
        if (problem) v.push(problem);
        // aws_t.n["key"] (reported as aws_t.n."key"...): the for_each must have that key.
        const [head, a, b] = ref.split(".");
        const res = head === "data" ? undefined : mod.resources[`${head}.${a}`];
        if (!problem && res && mod.dir === ROOT && b !== undefined && /^".*"$/.test(b) && !(await hasInstanceKey(model, res, b))) {
          v.push(`references: ${where} uses undeclared instance ${head}.${a}[${b}]`);
        }
      }
    };
    for (const [name, { block }] of Object.entries(mod.variables)) {
      const { type, ...rest } = block;
      await scan(rest, `variable "${name}"`);
      // Terraform < 1.9 only allows a validation to refer to its own variable.
      for (const val of block.validation ?? []) {
        for (const ref of await referencesIn(val.condition)) {
          if (ref.startsWith("var.") && ref.split(".")[1] !== name) {
            v.push(`references: validation of variable "${name}" refers to ${ref} (needs Terraform >= 1.9; required_version is >= 1.7)`);
          }
        }
      }
    }
    for (const [name, { expr }] of Object.entries(mod.locals)) await scan(expr, `local.${name}`);
    for (const [addr, { block }] of Object.entries(mod.resources)) await scan(block, addr);
    for (const [addr, { block }] of Object.entries(mod.data)) await scan(block, `data.${addr}`);
    for (const [name, { block }] of Object.entries(mod.outputs)) await scan(block, `output "${name}"`);
    for (const [name, { block }] of Object.entries(mod.checks)) await scan(block, `check "${name}"`);
    for (const p of mod.providers) await scan(p.block, `provider "${p.name}"`);
    // moved blocks (a resource that became for_each): the new address must be one the module has.
    for (const { block, file } of mod.moved ?? []) {
      const to = /^\$\{(.*)\}$/.exec(typeof block.to === "string" ? block.to : "")?.[1];
      const m = to && /^([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?:\[("[^"]*"|\d+)\])?$/.exec(to);
      const res = m && mod.resources[m[1]];
      if (typeof block.from !== "string" || !res) v.push(`references: a moved block of ${file} moves to ${show(block.to)}, not a resource of this module`);
      else if (m[2] !== undefined && mod.dir === ROOT && !(await hasInstanceKey(model, res, m[2]))) v.push(`references: a moved block of ${file} moves to ${to}, an instance the module does not have`);
    }
    for (const [name, { block }] of Object.entries(mod.modules)) {
      await scan(block, `module "${name}"`);
      const targetDir = resolveModuleSource(mod.dir, block.source);
      const target = model.modules[targetDir];
      if (!target) {
        v.push(`references: module "${name}" in ${mod.dir} has source ${block.source} that is not a module here`);
        continue;
      }
      const meta = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);
      for (const arg of Object.keys(block)) {
        if (!meta.has(arg) && !target.variables[arg]) v.push(`references: module "${name}" passes undeclared variable ${arg}`);
      }
      for (const [vn, { block: vb }] of Object.entries(target.variables)) {
        if (!("default" in vb) && !(vn in block)) v.push(`references: module "${name}" does not set required variable ${vn}`);
      }
      // module.<name>.<output> must exist in the called module
      const allValues = [
        ...Object.values(mod.outputs).map((o) => o.block),
        ...Object.values(mod.resources).map((r) => r.block),
        ...Object.values(mod.locals).map((l) => l.expr),
      ];
      for (const ref of await referencesIn(allValues)) {
        const [head, m, out] = ref.split(".");
        if (head === "module" && m === name && out && !target.outputs[out]) {
          v.push(`references: module.${name}.${out} is not an output of ${targetDir}`);
        }
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 3. documentation: typed + described variables, described outputs, versions
// ---------------------------------------------------------------------------

export async function checkDocumentation(model) {
  const v = [];
  for (const mod of Object.values(model.modules)) {
    for (const [name, { block, file }] of Object.entries(mod.variables)) {
      if (typeof block.description !== "string" || !block.description.trim()) v.push(`documentation: variable "${name}" (${file}) has no description`);
      if (block.type === undefined) v.push(`documentation: variable "${name}" (${file}) has no type`);
    }
    for (const [name, { block, file }] of Object.entries(mod.outputs)) {
      if (typeof block.description !== "string" || !block.description.trim()) v.push(`documentation: output "${name}" (${file}) has no description`);
    }
    const tf = mod.terraform.map((t) => t.block);
    const required = tf.map((b) => b.required_version).find(Boolean);
    if (!required || !/>=\s*1\.(7|8|9|\d{2,})/.test(required)) v.push(`documentation: ${mod.dir} must declare required_version ">= 1.7" (got ${required})`);
    const aws = tf.map((b) => b.required_providers?.[0]?.aws).find(Boolean);
    if (!aws || aws.source !== "hashicorp/aws" || !/>=\s*([6-9]|\d{2,})/.test(aws.version ?? "")) {
      v.push(`documentation: ${mod.dir} must require hashicorp/aws >= 6 (got ${show(aws)})`);
    }
  }
  return v;
}

/** Every variable of every module is read somewhere (locals, resources, data, outputs, modules, providers). */
export async function checkDeadVariables(model) {
  const v = [];
  for (const mod of Object.values(model.modules)) {
    const used = new Set();
    const values = [
      ...Object.values(mod.locals).map((l) => l.expr),
      ...Object.values(mod.resources).map((r) => r.block),
      ...Object.values(mod.data).map((d) => d.block),
      ...Object.values(mod.outputs).map((o) => o.block),
      ...Object.values(mod.modules).map((m) => m.block),
      ...Object.values(mod.checks).map((c) => c.block),
      ...mod.providers.map((p) => p.block),
    ];
    for (const ref of await referencesIn(values)) if (ref.startsWith("var.")) used.add(ref.split(".")[1]);
    for (const name of Object.keys(mod.variables)) if (!used.has(name)) v.push(`deadVariables: variable "${name}" of ${mod.dir} is declared but never read`);
  }
  return v;
}

export async function checkOutputs(model) {
  const v = [];
  const mod = root(model);
  for (const name of REQUIRED_OUTPUTS) if (!mod.outputs[name]) v.push(`outputs: root module lacks output "${name}"`);
  // Every alarm reaches the operator's tools: alarm_arns names each one.
  const alarmArns = mod.outputs.alarm_arns;
  if (alarmArns) {
    const refs = await referencesIn([alarmArns.block.value]);
    for (const alarm of ofType(mod, "aws_cloudwatch_metric_alarm")) {
      if (!refs.some((r) => r === `aws_cloudwatch_metric_alarm.${alarm.name}` || r.startsWith(`aws_cloudwatch_metric_alarm.${alarm.name}.`) || r.startsWith(`aws_cloudwatch_metric_alarm.${alarm.name}[`))) {
        v.push(`outputs: alarm_arns leaves out aws_cloudwatch_metric_alarm.${alarm.name}`);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 4. package modes: runtimes, handler, env, SnapStart, same zip
// ---------------------------------------------------------------------------

/** The zip a function deploys: its filename, or the source of the aws_s3_object it takes its code from. */
async function deployedZip(model, fn) {
  const filename = await iget(fn, ["filename"]);
  if (typeof filename === "string") return filename;
  const key = await iget(fn, ["s3_key"]);
  for (const obj of await instancesOfType(root(model), "aws_s3_object", fn.ctx)) {
    if (key !== undefined && show(await iget(obj, ["key"])) === show(key)) return iget(obj, ["source"]);
  }
  return filename;
}

/** A package path as the module's directory sees it, whatever that directory is called. */
const relZip = (path) => (typeof path === "string" && isAbsolute(path) ? relative(INFRA_DIR, resolve(path)).split(sep).join("/") : path);

export async function checkPackageModes(model) {
  const v = [];
  const mod = root(model);
  if (model.sources["jvm-options.txt"] !== undefined) v.push("package: infra/jvm-options.txt is back; JVM flags live in the aot bootstrap, jvm mode uses Lambda's defaults");
  for (const [name, { expr }] of Object.entries(mod.locals)) {
    if (typeof expr === "string" && expr.includes("jvm-options.txt")) v.push(`package: local.${name} still reads jvm-options.txt`);
  }

  // Each handler's default memory is the benchmark's choice for it (bench/memory-table.json).
  const table = memoryTable(model);
  if (table.error) v.push(`package: ${table.error}`);

  const modeVar = mod.variables.package_mode;
  if (!modeVar) v.push("package: variable package_mode is missing");
  else {
    if (modeVar.block.default !== DEFAULT_PACKAGE_MODE) v.push(`package: package_mode must default to "${DEFAULT_PACKAGE_MODE}" (got ${show(modeVar.block.default)})`);
    for (const good of Object.keys(PACKAGE_MODES)) {
      if ((await rejections(model, { package_mode: good })).some((r) => r.startsWith("var.package_mode"))) v.push(`package: package_mode = "${good}" is rejected`);
    }
    for (const bad of ["graalvm", "java21"]) {
      if (!(await rejections(model, { package_mode: bad })).some((r) => r.startsWith("var.package_mode"))) {
        v.push(`package: package_mode = "${bad}" is not rejected by a validation`);
      }
    }
  }

  const override = "-XX:+UseSerialGC";
  for (const [mode, want] of Object.entries(PACKAGE_MODES)) {
    for (const arch of ["x86_64", "arm64"]) {
      const ctx = rootCtx(model, { package_mode: mode, architecture: arch });
      const fns = await collectFunctions(model, ctx);
      for (const key of FUNCTION_KEYS) {
        const fn = fns[key];
        if (!fn) {
          v.push(`package: no aws_lambda_function instance ["${key}"] (the ${key} handler) is deployed`);
          continue;
        }
        const where = `${fn.address} (${mode}, ${arch})`;
        const runtime = await iget(fn, ["runtime"]);
        const handler = await iget(fn, ["handler"]);
        const env = await environmentOf(fn);
        const archs = await iget(fn, ["architectures"]);
        const publish = await iget(fn, ["publish"]);
        const snap = await blocksOf(fn.res.block, "snap_start", fn.ctx);
        const applyOn = await Promise.all(snap.map((s) => evaluate(s.body.apply_on, s.ctx)));
        if (env.QUARKUS_LAMBDA_HANDLER !== key) v.push(`package: ${where} must set QUARKUS_LAMBDA_HANDLER=${key} (got ${show(env.QUARKUS_LAMBDA_HANDLER)})`);
        if (show(archs) !== show([arch])) v.push(`package: ${where} architectures must follow var.architecture (got ${show(archs)})`);
        if (runtime !== want.runtime) v.push(`package: ${where} runtime must be ${want.runtime} (got ${show(runtime)})`);
        if (handler !== want.handler) v.push(`package: ${where} handler must be ${want.handler} (got ${show(handler)})`);
        if (publish !== true) v.push(`package: ${where} must publish versions (publish = true): the live alias serves a published version`);
        const memory = await iget(fn, ["memory_size"]);
        if (!table.error && memory !== table.defaults[`${mode} ${key}`]) {
          v.push(`package: ${where} memory_size must default to ${table.defaults[`${mode} ${key}`]} MB, the memory table's choice for ${mode} ${key} (got ${show(memory)})`);
        }
        if (applyOn.some((a) => a !== "None")) v.push(`package: ${where} must not enable SnapStart (unsupported on ${want.runtime})`);
        for (const name of PACKAGE_ENV_NAMES) {
          if (show(env[name]) !== show(want.env[name])) v.push(`package: ${where} ${name} must be ${want.env[name] === undefined ? "unset" : want.env[name]} (got ${show(env[name])})`);
        }
      }
      if (fns.http && fns.sqs) {
        const zips = await Promise.all([fns.http, fns.sqs].map((f) => deployedZip(model, f)));
        if (show(zips[0]) !== show(zips[1])) v.push(`package: both functions must deploy the same zip (${mode}: got ${show(zips)})`);
        if (relZip(zips[0]) !== want.zip) v.push(`package: in ${mode} mode the functions must deploy the lambda_zip_path given, ${want.zip} (got ${show(relZip(zips[0]))})`);
        const hash = await Promise.all([fns.http, fns.sqs].map((f) => iget(f, ["source_code_hash"])));
        if (hash.some((h) => !refsOf(h).some((r) => r.startsWith("filebase64sha256(")))) {
          v.push(`package: both functions need source_code_hash = filebase64sha256(<zip>) so a new build is deployed and an unchanged one is not (${mode}: got ${show(hash)})`);
        }
      }
    }
    // The package is the caller's: another path, another zip (the module assumes no folder around it).
    const probe = resolve(INFRA_DIR, "..", "build", mode, "function.zip");
    const probeFns = await collectFunctions(model, rootCtx(model, { package_mode: mode, lambda_zip_path: probe }, { ...SAMPLE_PACKAGE_BYTES, [relZip(probe)]: 22 * MiB }));
    for (const fn of Object.values(probeFns)) {
      const zip = await deployedZip(model, fn);
      if (zip !== probe) v.push(`package: ${fn.address} (${mode}) must deploy var.lambda_zip_path (set ${probe}, got ${show(zip)})`);
    }
    // A memory size of the user's wins over the mode's default.
    for (const fn of Object.values(await collectFunctions(model, rootCtx(model, { package_mode: mode, http_function_memory_size: 1024, sqs_function_memory_size: 2048 })))) {
      const memory = await iget(fn, ["memory_size"]);
      const chosen = fn.key === "http" ? 1024 : 2048;
      if (memory !== chosen) v.push(`package: ${fn.address} (${mode}) must take ${fn.key}_function_memory_size = ${chosen} (got ${show(memory)})`);
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 4b. package upload: directly up to Lambda's limit, else through a safe S3 bucket
// ---------------------------------------------------------------------------

/** The functions' code source for a package of `bytes` (aot mode's zip). */
async function uploadOf(model, overrides, bytes) {
  const ctx = rootCtx(model, overrides, { ...SAMPLE_PACKAGE_BYTES, "../target/function.zip": bytes });
  const fns = await collectFunctions(model, ctx);
  const out = { ctx, fns: {}, objects: await instancesOfType(root(model), "aws_s3_object", ctx), buckets: await instancesOfType(root(model), "aws_s3_bucket", ctx) };
  for (const [key, fn] of Object.entries(fns)) {
    out.fns[key] = {
      fn,
      filename: await iget(fn, ["filename"]),
      bucket: await iget(fn, ["s3_bucket"]),
      key: await iget(fn, ["s3_key"]),
      version: await iget(fn, ["s3_object_version"]),
      hash: await iget(fn, ["source_code_hash"]),
    };
  }
  return out;
}

const isDirect = (f) => typeof f.filename === "string" && (f.bucket ?? null) === null && (f.key ?? null) === null;

/** Every instance of a bucket sub-resource (versioning, encryption...) that configures the bucket `bucketAddress`. */
async function bucketParts(model, type, bucketAddress, ctx) {
  const out = [];
  for (const inst of await instancesOfType(root(model), type, ctx)) {
    if (refersTo(await iget(inst, ["bucket"]), bucketAddress)) out.push(inst);
  }
  return out;
}

export async function checkPackageUpload(model) {
  const v = [];
  const small = 10 * MiB;
  const large = DIRECT_UPLOAD_LIMIT_BYTES;
  for (const bytes of [small, 40 * MiB]) {
    const u = await uploadOf(model, {}, bytes);
    for (const [key, f] of Object.entries(u.fns)) if (!isDirect(f)) v.push(`upload: a ${bytes / MiB} MiB package must be uploaded directly to the ${key} function (got filename ${show(f.filename)}, s3_bucket ${show(f.bucket)})`);
    if (u.objects.length || u.buckets.length) v.push(`upload: a ${bytes / MiB} MiB package needs no S3 object or bucket (got ${u.objects.length + u.buckets.length})`);
  }
  if (!(await rejections(model, { lambda_package_upload: "direct" }, ROOT, { ...SAMPLE_PACKAGE_BYTES, "../target/function.zip": large })).length) {
    v.push(`upload: lambda_package_upload = "direct" with a ${large / MiB} MiB package is not refused at plan time`);
  }
  const variants = [
    { label: `a ${large / MiB} MiB package`, overrides: {}, bytes: large },
    { label: `a ${70} MiB package`, overrides: {}, bytes: 70 * MiB },
    { label: 'lambda_package_upload = "s3"', overrides: { lambda_package_upload: "s3" }, bytes: small },
    { label: "an existing bucket", overrides: { lambda_package_bucket: "payments-artifacts" }, bytes: large, bucket: "payments-artifacts" },
  ];
  for (const variant of variants) {
    const u = await uploadOf(model, variant.overrides, variant.bytes);
    if (u.objects.length !== 1) {
      v.push(`upload: ${variant.label} must go through exactly one aws_s3_object (got ${u.objects.length})`);
      continue;
    }
    const obj = u.objects[0];
    const source = await iget(obj, ["source"]);
    const hash = (await iget(obj, ["source_hash"])) ?? (await iget(obj, ["etag"]));
    if (relZip(source) !== PACKAGE_MODES.aot.zip) v.push(`upload: ${obj.address} must upload the package (got source ${show(source)})`);
    if (!refsOf(hash).some((r) => /^file(base64sha256|md5|sha256)\(/.test(r))) v.push(`upload: ${obj.address} needs source_hash (or etag) from the package's content, or a new build is not uploaded (got ${show(hash)})`);
    for (const [key, f] of Object.entries(u.fns)) {
      const where = `the ${key} function (${variant.label})`;
      if ((f.filename ?? null) !== null) v.push(`upload: ${where} must not also upload the file directly (filename ${show(f.filename)})`);
      for (const [label, value, attr] of [["s3_bucket", f.bucket, "bucket"], ["s3_key", f.key, "key"]]) {
        const want = await iget(obj, [attr]);
        if (value === undefined || value === null || show(value) !== show(want)) v.push(`upload: ${where} ${label} must be ${obj.address}.${attr} (${show(want)}; got ${show(value)})`);
      }
      // The object version the apply uploaded, so the function runs exactly that build.
      if (!refsOf(f.version).includes(`${obj.address}.version_id`)) v.push(`upload: ${where} s3_object_version must be ${obj.address}.version_id (got ${show(f.version)})`);
      if (!refsOf(f.hash).some((r) => r.startsWith("filebase64sha256("))) v.push(`upload: ${where} must keep source_code_hash = filebase64sha256(<zip>) (got ${show(f.hash)})`);
    }
    const bucketRef = await iget(obj, ["bucket"]);
    if (variant.bucket) {
      if (bucketRef !== variant.bucket) v.push(`upload: ${obj.address} must go to lambda_package_bucket ${variant.bucket} (got ${show(bucketRef)})`);
      if (u.buckets.length) v.push(`upload: a bucket is created although lambda_package_bucket names one (${variant.label})`);
      continue;
    }
    const bucket = u.buckets.find((b) => refersTo(bucketRef, b.address));
    if (!bucket || u.buckets.length !== 1) {
      v.push(`upload: ${variant.label} must go to the one bucket this module creates (object bucket ${show(bucketRef)}, ${u.buckets.length} buckets)`);
      continue;
    }
    const where = `${bucket.address} (${variant.label})`;
    const versioning = await bucketParts(model, "aws_s3_bucket_versioning", bucket.address, u.ctx);
    const statuses = await Promise.all(versioning.map((x) => iget(x, ["versioning_configuration", "status"])));
    if (!statuses.includes("Enabled")) v.push(`upload: ${where} needs versioning Enabled (the functions pin s3_object_version; got ${show(statuses)})`);
    const sse = await bucketParts(model, "aws_s3_bucket_server_side_encryption_configuration", bucket.address, u.ctx);
    const algorithms = await Promise.all(sse.map((x) => iget(x, ["rule", "apply_server_side_encryption_by_default", "sse_algorithm"])));
    if (!algorithms.some((a) => a === "AES256" || a === "aws:kms" || a === "aws:kms:dsse")) v.push(`upload: ${where} needs default server-side encryption (got ${show(algorithms)})`);
    const pab = await bucketParts(model, "aws_s3_bucket_public_access_block", bucket.address, u.ctx);
    const flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
    let blocked = false;
    for (const x of pab) if ((await Promise.all(flags.map((f) => iget(x, [f])))).every((b) => b === true)) blocked = true;
    if (!blocked) v.push(`upload: ${where} needs a public access block with ${flags.join(", ")} all true`);
    let tlsOnly = false;
    for (const pol of await bucketParts(model, "aws_s3_bucket_policy", bucket.address, u.ctx)) {
      for (const s of await statementsOfPolicy(model, await iget(pol, ["policy"]), pol.ctx, pol.address)) {
        const denies = s.effect === "Deny" && s.actions.some((a) => a === "s3:*") && (s.conditions ?? []).some((c) => c.variable === "aws:SecureTransport" && show(c.values) === show(["false"]));
        const covers = s.resources.some((r) => refersTo(r, bucket.address) && !isObjectArn(r)) && s.resources.some((r) => refersTo(r, bucket.address) && isObjectArn(r));
        if (denies && covers) tlsOnly = true;
      }
    }
    if (!tlsOnly) v.push(`upload: ${where} needs a bucket policy denying s3:* on the bucket and its objects when aws:SecureTransport is false`);
    let expires = false;
    for (const lc of await bucketParts(model, "aws_s3_bucket_lifecycle_configuration", bucket.address, u.ctx)) {
      for (const { body, ctx: c } of await blocksOf(lc.res.block, "rule", lc.ctx)) {
        const status = await evaluate(body.status, c);
        const days = await evaluate(body.noncurrent_version_expiration?.[0]?.noncurrent_days ?? null, c);
        if (status === "Enabled" && typeof days === "number" && days > 0) expires = true;
      }
    }
    if (!expires) v.push(`upload: ${where} needs an enabled lifecycle rule expiring noncurrent versions (replaced packages)`);
  }
  return v;
}

/** An Unknown that is an interpolation "<bucket arn>/*" (the objects), not the bucket ARN itself. */
const isObjectArn = (r) => r instanceof Unknown && typeof r.parts?.at(-1) === "string" && r.parts.at(-1).endsWith("/*");

// ---------------------------------------------------------------------------
// 5. secrets: keys never in env, exactly one secret readable
// ---------------------------------------------------------------------------

export async function checkSecrets(model) {
  const v = [];
  const mod = root(model);
  const variants = [
    { label: "created secret", overrides: {}, expectRef: "aws_secretsmanager_secret.wechatpay" },
    { label: "existing secret", overrides: { create_wechatpay_secret: false, wechatpay_secret_arn: SAMPLE_SECRET_ARN, wechatpay_private_key_pem: null, wechatpay_public_key_pem: null }, expectArn: SAMPLE_SECRET_ARN },
  ];
  for (const variant of variants) {
    const ctx = rootCtx(model, variant.overrides);
    const fns = await collectFunctions(model, ctx);
    for (const fn of Object.values(fns)) {
      const env = await environmentOf(fn);
      const where = `${fn.address} (${variant.label})`;
      for (const forbidden of ["WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY", "WECHATPAY_PLATFORM_CERTIFICATES"]) {
        if (forbidden in env) v.push(`secrets: ${where} puts key material in env var ${forbidden}`);
      }
      for (const [name, value] of Object.entries(env)) {
        if (typeof value === "string" && value.includes("-----BEGIN")) v.push(`secrets: ${where} env var ${name} carries a PEM`);
        if (value instanceof Unknown && [...value.refs].some((r) => /pem|private_key|public_key_pem/.test(r))) {
          v.push(`secrets: ${where} env var ${name} is derived from key material`);
        }
      }
      const secretId = env.WECHATPAY_SECRET_ID;
      if (variant.expectArn ? secretId !== variant.expectArn : !refersTo(secretId, variant.expectRef)) {
        v.push(`secrets: ${where} WECHATPAY_SECRET_ID must be the secret's ARN (got ${show(secretId)})`);
      }
      const plain = {
        WECHATPAY_MCHID: SAMPLE_REQUIRED.wechatpay_mchid,
        WECHATPAY_MERCHANT_SERIAL_NO: SAMPLE_REQUIRED.wechatpay_merchant_serial_no,
        WECHATPAY_PUBLIC_KEY_ID: SAMPLE_REQUIRED.wechatpay_public_key_id,
        WECHATPAY_BASE_URL: "https://api.mch.weixin.qq.com",
        WECHATPAY_BACKUP_BASE_URL: "https://api2.mch.weixin.qq.com",
        WECHATPAY_TIMEOUT: "10s",
      };
      for (const [name, expected] of Object.entries(plain)) {
        if (env[name] !== expected) v.push(`secrets: ${where} env ${name} must be ${expected} (got ${show(env[name])})`);
      }
    }
    const secrets = ofType(mod, "aws_secretsmanager_secret");
    let created = 0;
    for (const s of secrets) created += (await instancesOf(s, ctx)).length;
    if (variant.expectArn && created) v.push(`secrets: an existing secret ARN was given but a secret is still created`);
    if (!variant.expectArn && created !== 1) v.push(`secrets: exactly one secret must be created (got ${created})`);
    if (!variant.expectArn) {
      let found = false;
      for (const sv of await instancesOfType(mod, "aws_secretsmanager_secret_version", ctx)) {
        const value = await iget(sv, ["secret_string"]);
        if (value instanceof Json && "merchant_serial_no" in value.value && "private_key" in value.value && ("public_keys" in value.value || "platform_certificates" in value.value)
          && refersTo(await iget(sv, ["secret_id"]), "aws_secretsmanager_secret.wechatpay")) found = true;
      }
      if (!found) v.push('secrets: the secret this module creates must get its value in the same apply, JSON {"merchant_serial_no": ..., "private_key": ..., "public_keys": {...}}');
    }
  }
  // An apply after a destroy creates the secret again, while the deleted one still holds its
  // name for the recovery window: a fixed name fails, a per-deployment prefix does not.
  for (const overrides of [{}, { name: OTHER_DEPLOYMENT }]) {
    const c = rootCtx(model, overrides);
    for (const sec of await instancesOfType(mod, "aws_secretsmanager_secret", c)) {
      const fixed = await iget(sec, ["name"]);
      const prefix = await iget(sec, ["name_prefix"]);
      const window = await iget(sec, ["recovery_window_in_days"]);
      if (typeof fixed === "string" && window !== 0) v.push(`secrets: ${sec.address} is named ${show(fixed)}: after terraform destroy Secrets Manager keeps that name for ${show(window)} days and the next apply cannot create it; use name_prefix (a generated suffix)`);
      else if ((fixed ?? null) === null && !(typeof prefix === "string" && prefix.includes(c.vars.name))) v.push(`secrets: ${sec.address} needs a name_prefix of its deployment's own, with var.name (name = ${show(c.vars.name)}; got ${show(prefix)})`);
    }
  }
  if (!(await rejections(model, { wechatpay_private_key_pem: null, wechatpay_public_key_pem: null })).length) {
    v.push("secrets: a created secret without wechatpay_private_key_pem / wechatpay_public_key_pem is accepted; its functions would start against an empty secret");
  }
  if (!(await rejections(model, { extra_environment_variables: { WECHATPAY_PRIVATE_KEY: "x" } })).length) {
    v.push("secrets: extra_environment_variables may smuggle WECHATPAY_PRIVATE_KEY into the environment");
  }
  return v;
}

// ---------------------------------------------------------------------------
// 6. IAM: separate least-privilege roles, no wildcards
// ---------------------------------------------------------------------------

/** Statements of the inline policies attached to one role instance (e.g. 'aws_iam_role.this["http"]'). */
async function policyStatementsOfRole(model, roleAddress, ctx) {
  const mod = root(model);
  const statements = [];
  for (const rp of await instancesOfType(mod, "aws_iam_role_policy", ctx)) {
    const role = await iget(rp, ["role"]);
    if (!refersTo(role, roleAddress)) continue;
    const policy = await iget(rp, ["policy"]);
    statements.push(...(await statementsOfPolicy(model, policy, rp.ctx, rp.address)));
  }
  return statements;
}

async function statementsOfPolicy(model, policy, ctx, where) {
  const mod = root(model);
  const out = [];
  if (policy instanceof Json) {
    const st = policy.value.Statement;
    for (const s of Array.isArray(st) ? st : [st]) {
      out.push({ where, sid: s.Sid, actions: [].concat(s.Action ?? []), resources: [].concat(s.Resource ?? []), notActions: s.NotAction, notResources: s.NotResource });
    }
    return out;
  }
  for (const ref of refsOf(policy)) {
    const parsed = parseRef(ref);
    if (!parsed || parsed.attr !== "json" || !/^data\.aws_iam_policy_document\./.test(parsed.resource)) continue;
    const doc = await instanceOfRef(mod, parsed, ctx);
    if (doc) out.push(...(await statementsOfDocument(doc)));
  }
  return out;
}

/** The condition blocks of a statement (dynamic ones expanded): [{ test, variable, values }]. */
async function conditionsOf(statement, ctx) {
  const out = [];
  for (const { body, ctx: c } of await blocksOf(statement, "condition", ctx)) {
    out.push({ test: await evaluate(body.test, c), variable: await evaluate(body.variable, c), values: await evaluate(body.values, c) });
  }
  return out;
}

/** Statements of one aws_iam_policy_document instance (from instancesOfType(..., "data") or instanceOfRef). */
async function statementsOfDocument(doc) {
  const out = [];
  for (const { body, ctx: c } of await blocksOf(doc.res.block, "statement", doc.ctx)) {
    out.push({
      where: doc.address,
      sid: await evaluate(body.sid ?? null, c),
      effect: await evaluate(body.effect ?? "Allow", c),
      actions: (await evaluate(body.actions ?? [], c)) ?? [],
      resources: (await evaluate(body.resources ?? [], c)) ?? [],
      notActions: body.not_actions,
      notResources: body.not_resources,
      principals: await evaluate(body.principals ?? [], c),
      conditions: await conditionsOf(body, c),
    });
  }
  return out;
}

export async function checkIam(model) {
  const v = [];
  const mod = root(model);
  const variants = [
    { label: "defaults", overrides: {} },
    { label: "kms + x-ray + package through S3", overrides: { kms_key_arn: SAMPLE_KMS_ARN, enable_xray_tracing: true, lambda_package_upload: "s3" } },
    { label: "existing secret", overrides: { create_wechatpay_secret: false, wechatpay_secret_arn: SAMPLE_SECRET_ARN } },
  ];
  // Wildcards anywhere in any policy document, with every optional statement switched on.
  for (const variant of variants) {
    const ctx = rootCtx(model, variant.overrides);
    for (const doc of await instancesOfType(mod, "aws_iam_policy_document", ctx, "data")) {
      for (const s of await statementsOfDocument(doc)) {
        if (s.notActions || s.notResources) v.push(`iam: ${s.where} ${s.sid ?? ""} uses not_actions/not_resources`);
        // A Deny only takes away: "s3:*" for principal "*" is how a bucket refuses plain HTTP.
        if (s.effect === "Deny") continue;
        for (const a of s.actions) {
          if (typeof a === "string" && a.includes("*")) v.push(`iam: ${s.where} ${s.sid ?? ""} grants wildcard action "${a}" (${variant.label})`);
        }
        for (const r of s.resources) {
          if (r === "*" && !s.actions.every((a) => STAR_RESOURCE_ALLOWLIST.has(a))) {
            v.push(`iam: ${s.where} ${s.sid ?? ""} grants ${show(s.actions)} on resource "*" (${variant.label})`);
          }
        }
        for (const p of s.principals ?? []) {
          if ([].concat(p.identifiers ?? []).includes("*")) v.push(`iam: ${s.where} trusts principal "*"`);
        }
      }
    }
    const inlinePolicies = [...(await instancesOfType(mod, "aws_iam_role_policy", ctx)), ...(await instancesOfType(mod, "aws_iam_policy", ctx))];
    for (const res of inlinePolicies) {
      const policy = await iget(res, ["policy"]);
      if (policy instanceof Json) {
        for (const s of await statementsOfPolicy(model, policy, res.ctx, res.address)) {
          for (const a of s.actions) if (a.includes("*")) v.push(`iam: ${s.where} grants wildcard action "${a}"`);
          for (const r of s.resources) if (r === "*" && !s.actions.every((a) => STAR_RESOURCE_ALLOWLIST.has(a))) v.push(`iam: ${s.where} grants on resource "*"`);
        }
      }
    }
    for (const att of ofType(mod, "aws_iam_role_policy_attachment")) {
      v.push(`iam: ${att.type}.${att.name} attaches a managed policy; use the least-privilege inline documents`);
    }

    // Per-function roles.
    const fns = await collectFunctions(model, ctx);
    const roles = {};
    for (const [key, fn] of Object.entries(fns)) {
      const role = await iget(fn, ["role"]);
      const parsed = refsOf(role).map(parseRef).find((r) => r && r.attr === "arn" && r.resource.startsWith("aws_iam_role.") && root(model).resources[r.resource]);
      if (!parsed) {
        v.push(`iam: ${fn.address} role must be an aws_iam_role of this module (got ${show(role)})`);
        continue;
      }
      roles[key] = parsed.address;
    }
    if (roles.http && roles.http === roles.sqs) v.push(`iam: both functions share ${roles.http}; each needs its own role`);
    const esm = ofType(mod, "aws_lambda_event_source_mapping")[0];
    const queueArn = esm ? await get(esm, ["event_source_arn"], ctx) : undefined;
    for (const [key, roleAddress] of Object.entries(roles)) {
      const statements = await policyStatementsOfRole(model, roleAddress, ctx);
      const where = `${roleAddress} (${variant.label})`;
      if (!statements.length) v.push(`iam: ${where} has no inline least-privilege policy`);
      const logGroup = await iget(fns[key], ["logging_config", "log_group"]);
      let ownGroupAddress;
      for (const g of await instancesOfType(mod, "aws_cloudwatch_log_group", ctx)) {
        if ((await iget(g, ["name"])) === logGroup) ownGroupAddress = g.address;
      }
      const actionsOn = (prefix) => statements.filter((s) => s.actions.some((a) => a.startsWith(prefix)));
      for (const s of actionsOn("logs:")) {
        for (const r of s.resources) {
          if (!ownGroupAddress || !(r instanceof Unknown) || ![...r.refs].every((x) => x.startsWith(`${ownGroupAddress}.`))) {
            v.push(`iam: ${where} may write logs to ${show(r)}, not only its own log group ${ownGroupAddress}`);
          }
        }
      }
      if (!actionsOn("logs:PutLogEvents").length) v.push(`iam: ${where} cannot write its logs`);
      const secretStatements = statements.filter((s) => s.actions.some((a) => a.startsWith("secretsmanager:")));
      const env = await environmentOf(fns[key]);
      if (!secretStatements.length) v.push(`iam: ${where} cannot read the WeChat Pay secret`);
      for (const s of secretStatements) {
        if (show(s.actions) !== show(["secretsmanager:GetSecretValue"])) v.push(`iam: ${where} secret access must be secretsmanager:GetSecretValue only (got ${show(s.actions)})`);
        if (s.resources.length !== 1 || show(s.resources[0]) !== show(env.WECHATPAY_SECRET_ID)) {
          v.push(`iam: ${where} may read ${show(s.resources)}, must be exactly the secret in WECHATPAY_SECRET_ID`);
        }
      }
      const kmsStatements = actionsOn("kms:");
      if (variant.overrides.kms_key_arn) {
        for (const s of kmsStatements) if (show(s.resources) !== show([SAMPLE_KMS_ARN])) v.push(`iam: ${where} kms on ${show(s.resources)}, must be the given key`);
        // Only through the services that hold this role's encrypted data, in this region.
        const want = key === "sqs" ? ["secretsmanager", "sqs"] : ["secretsmanager"];
        for (const s of kmsStatements) {
          const via = (s.conditions ?? []).filter((c) => c.variable === "kms:ViaService");
          const values = via.flatMap((c) => [].concat(c.values ?? []).map(renderTemplate));
          const services = values.map((x) => VIA_SERVICE.exec(x)?.[1] ?? x).sort();
          if (via.length !== 1 || via[0].test !== "StringEquals" || show(services) !== show(want)) {
            v.push(`iam: ${where} ${s.sid ?? ""} may use the customer key only through ${want.map((x) => `${x}.<this region>.amazonaws.com`).join(" and ")}: a StringEquals kms:ViaService condition with data.aws_region's region (got ${show(via.map((c) => ({ test: c.test, values: [].concat(c.values ?? []).map(renderTemplate) })))})`);
          }
        }
        if (!kmsStatements.length) v.push(`iam: ${where} cannot decrypt with the customer KMS key`);
      } else if (kmsStatements.length) v.push(`iam: ${where} has KMS permissions although no customer key is configured`);
      const sqsStatements = actionsOn("sqs:");
      if (key === "http" && sqsStatements.length) v.push(`iam: ${where} (http function) must not have SQS permissions`);
      if (key === "sqs") {
        const needed = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"];
        const granted = sqsStatements.flatMap((s) => s.actions);
        for (const a of needed) if (!granted.includes(a)) v.push(`iam: ${where} lacks ${a} on the command queue`);
        const rejectedArn = (await rejectedOf(model, ctx))?.arn;
        for (const s of sqsStatements) {
          const consumes = s.actions.filter((a) => a !== "sqs:SendMessage");
          const sends = s.actions.includes("sqs:SendMessage");
          if (consumes.length && (s.resources.length !== 1 || show(s.resources[0]) !== show(queueArn))) v.push(`iam: ${where} SQS permissions on ${show(s.resources)}, must be exactly the command queue`);
          if (sends && (consumes.length || s.resources.length !== 1 || show(s.resources[0]) !== show(rejectedArn))) v.push(`iam: ${where} may send to ${show(s.resources)}; sqs:SendMessage only on the rejected queue, in a statement of its own`);
        }
        if (!sqsStatements.some((s) => s.actions.includes("sqs:SendMessage"))) v.push(`iam: ${where} cannot send permanent failures to the rejected queue (sqs:SendMessage on it)`);
        if (variant.overrides.kms_key_arn && !kmsStatements.some((s) => s.actions.includes("kms:GenerateDataKey"))) v.push(`iam: ${where} cannot send to the encrypted dead-letter queue (kms:GenerateDataKey on the key)`);
      }
    }
  }
  return v;
}

/**
 * A string as Terraform would build it, with the parts known only after apply written as
 * ${address}, e.g. "${aws_apigatewayv2_api.this.execution_arn}/<stage>/POST/recharges/<id>/close".
 */
const renderTemplate = (v) =>
  v instanceof Unknown && v.parts ? v.parts.map((p) => (p instanceof Unknown ? `\${${[...p.refs].join(",")}}` : String(p))).join("") : v instanceof Unknown ? `\${${[...v.refs].join(",")}}` : typeof v === "string" ? v : show(v);
/** A service's endpoint in the deployment's region: "secretsmanager.${data.aws_region.current.region}.amazonaws.com". */
const VIA_SERVICE = /^([a-z0-9-]+)\.\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(?:region|name)\}\.amazonaws\.com$/;

// ---------------------------------------------------------------------------
// 7. API Gateway HTTP API
// ---------------------------------------------------------------------------

export async function checkApi(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const apis = ofType(mod, "aws_apigatewayv2_api");
  if (!apis.length) v.push("api: no aws_apigatewayv2_api");
  for (const api of apis) if ((await get(api, ["protocol_type"], ctx)) !== "HTTP") v.push(`api: ${api.name} must be an HTTP API`);
  const integrations = ofType(mod, "aws_apigatewayv2_integration");
  if (!integrations.length) v.push("api: no integration");
  for (const i of integrations) {
    const pf = await get(i, ["payload_format_version"], ctx);
    if (pf !== "2.0") v.push(`api: integration ${i.name} must use payload_format_version "2.0" (got ${show(pf)})`);
    if ((await get(i, ["integration_type"], ctx)) !== "AWS_PROXY") v.push(`api: integration ${i.name} must be AWS_PROXY`);
  }
  // Every route instance (for_each), by "close" or 'close["POST"]'.
  const routeLabel = (r) => (r.key === null ? r.res.name : `${r.res.name}[${JSON.stringify(r.key)}]`);
  const routes = await instancesOfType(mod, "aws_apigatewayv2_route", ctx);
  const keys = await Promise.all(routes.map((r) => iget(r, ["route_key"])));
  for (const key of CLOSE_ROUTE_KEYS) if (!keys.includes(key)) v.push(`api: no route "${key}" (got ${show(keys)})`);
  const jwtCtx = rootCtx(model, { api_authorization_type: "JWT", jwt_issuer: "https://issuer.example.com", jwt_audience: ["payments"] });
  const jwtRoutes = await instancesOfType(mod, "aws_apigatewayv2_route", jwtCtx);
  for (const route of routes) {
    const type = await iget(route, ["authorization_type"]);
    if (type !== "AWS_IAM") v.push(`api: route ${routeLabel(route)} must default to authorization_type AWS_IAM (got ${show(type)})`);
  }
  for (const route of jwtRoutes) {
    const jwtType = await iget(route, ["authorization_type"]);
    const authorizer = await iget(route, ["authorizer_id"]);
    if (jwtType !== "JWT" || !refersTo(authorizer, "aws_apigatewayv2_authorizer")) {
      v.push(`api: route ${routeLabel(route)} must offer a JWT authorizer (got ${show(jwtType)}, ${show(authorizer)})`);
    }
  }
  for (const bad of ["NONE", "CUSTOM"]) {
    if (!(await rejections(model, { api_authorization_type: bad })).length) v.push(`api: api_authorization_type = "${bad}" is accepted; every route needs an authorization type`);
  }
  if (!(await rejections(model, { api_authorization_type: "JWT", jwt_authorization_scopes: ["recharges/close"] })).length) v.push("api: JWT without issuer/audience is accepted");
  const authorizers = ofType(mod, "aws_apigatewayv2_authorizer");
  for (const a of authorizers) {
    const jwtCtx = rootCtx(model, { api_authorization_type: "JWT", jwt_issuer: "https://issuer.example.com", jwt_audience: ["payments"] });
    if ((await get(a, ["authorizer_type"], jwtCtx)) !== "JWT") v.push(`api: authorizer ${a.name} must be a JWT authorizer`);
    // Callers send "Authorization: Bearer <token>" (README); the token is read from there only.
    const sources = await get(a, ["identity_sources"], jwtCtx);
    if (show(sources) !== show(["$request.header.Authorization"])) v.push(`api: authorizer ${a.name} must take the JWT from ["$request.header.Authorization"], where callers send it (got ${show(sources)})`);
    const issuer = await get(a, ["jwt_configuration", "issuer"], jwtCtx);
    const audience = await get(a, ["jwt_configuration", "audience"], jwtCtx);
    if (issuer !== "https://issuer.example.com" || show(audience) !== show(["payments"])) v.push(`api: authorizer ${a.name} must check jwt_issuer and jwt_audience (set "https://issuer.example.com", ["payments"]; got ${show(issuer)}, ${show(audience)})`);
  }

  const stages = ofType(mod, "aws_apigatewayv2_stage");
  if (!stages.length) v.push("api: no stage");
  for (const stage of stages) {
    // No aws_apigatewayv2_deployment here: without auto_deploy the routes never go live.
    const auto = await get(stage, ["auto_deploy"], ctx);
    if (auto !== true && !ofType(mod, "aws_apigatewayv2_deployment").length) v.push(`api: stage ${stage.name} must auto_deploy (there is no aws_apigatewayv2_deployment: the route would never be deployed; got ${show(auto)})`);
    const log = stage.block.access_log_settings?.[0];
    const dest = log ? await evaluate(log.destination_arn, ctx) : undefined;
    if (!log || !refersTo(dest, "aws_cloudwatch_log_group") || !log.format) v.push(`api: stage ${stage.name} needs access logs to a CloudWatch log group`);
    const settings = [];
    for (const { body, ctx: c } of await blocksOf(stage.block, "route_settings", ctx)) {
      settings.push({
        key: await evaluate(body.route_key, c),
        burst: await evaluate(body.throttling_burst_limit ?? null, c),
        rate: await evaluate(body.throttling_rate_limit ?? null, c),
      });
    }
    for (const key of keys) {
      const s = settings.find((x) => x.key === key);
      if (!s || !(s.burst > 0) || !(s.rate > 0)) v.push(`api: stage ${stage.name} has no throttling for route "${key}" (got ${show(s)})`);
    }
  }
  const perms = [];
  for (const p of await instancesOfType(mod, "aws_lambda_permission", ctx)) if ((await iget(p, ["principal"])) === "apigateway.amazonaws.com") perms.push(p);
  const permLabel = (p) => (p.key === null ? p.res.name : `${p.res.name}[${JSON.stringify(p.key)}]`);
  if (!perms.length) v.push("api: no aws_lambda_permission for apigateway.amazonaws.com");
  for (const p of perms) {
    const src = await iget(p, ["source_arn"]);
    if (!refersTo(src, "aws_apigatewayv2_api")) v.push(`api: permission ${permLabel(p)} must be scoped with source_arn to the API (got ${show(src)})`);
  }
  // The route reaches the function: a POST integration (Lambda's Invoke), the route's target, and
  // the permission and the callers' policy for exactly the route's method and path.
  for (const i of integrations) {
    const method = await get(i, ["integration_method"], ctx);
    if (method !== "POST") v.push(`api: integration ${i.name} must call Lambda with integration_method POST (got ${show(method)})`);
  }
  for (const route of routes) {
    const target = await iget(route, ["target"]);
    const to = /^integrations\/\$\{aws_apigatewayv2_integration\.([A-Za-z0-9_-]+)\.id\}$/.exec(renderTemplate(target))?.[1];
    if (!to || !integrations.some((i) => i.name === to)) v.push(`api: route ${routeLabel(route)} must target "integrations/\${<its Lambda integration>.id}" (got ${show(renderTemplate(target))})`);
  }
  // Each route as an execute-api ARN's method and path: "POST /recharges/{out_recharge_no}/close" -> POST, /recharges/*/close.
  const wanted = CLOSE_ROUTE_KEYS.map((key) => {
    const [method, path] = key.split(" ");
    return { key, method, path: path.replace(/\{[^}]+\}/g, "*") };
  });
  const routeOf = (arn) => arn && wanted.find((w) => w.method === arn.method && w.path === arn.path);
  const routeList = wanted.map((w) => `${w.method}${w.path}`).join(", ");
  /** "<execution_arn>/<stage>/<METHOD>/<path>" of this module's API: { stage, method, path } or null. */
  const executeApi = (value) => {
    const m = /^\$\{aws_apigatewayv2_api\.[A-Za-z0-9_-]+\.execution_arn\}\/([^/]+)\/([^/]+)(\/.*)$/.exec(renderTemplate(value));
    return m && { stage: m[1], method: m[2], path: m[3] };
  };
  const fns = await collectFunctions(model, ctx);
  const httpName = fns.http && (await iget(fns.http, ["function_name"]));
  // Every route reaches the http function: a permission for its method and path (and none for
  // anything else); the callers' policy covers every route, and nothing else.
  const permitted = new Set();
  for (const p of perms) {
    const arn = await iget(p, ["source_arn"]);
    const route = routeOf(executeApi(arn));
    if (!route) v.push(`api: permission ${permLabel(p)} lets the API invoke for ${show(renderTemplate(arn))}, not one of the routes (<execution_arn>/*/ with ${routeList}): API Gateway would get 403 from Lambda`);
    const fn = await iget(p, ["function_name"]);
    if (fn !== httpName) v.push(`api: permission ${permLabel(p)} must allow invoking the http function ${show(httpName)} (got ${show(fn)})`);
    else if (route) permitted.add(route.key);
  }
  for (const w of wanted) if (keys.includes(w.key) && !permitted.has(w.key)) v.push(`api: no Lambda permission lets the API invoke the http function for the route ${w.key} (<execution_arn>/*/${w.method}${w.path}): API Gateway would get 403 from Lambda`);
  const invokable = new Set();
  let callerPolicies = 0;
  for (const doc of await instancesOfType(mod, "aws_iam_policy_document", ctx, "data")) {
    for (const st of await statementsOfDocument(doc)) {
      if (!st.actions.includes("execute-api:Invoke")) continue;
      callerPolicies++;
      for (const r of st.resources) {
        const route = routeOf(executeApi(r));
        if (!route) v.push(`api: ${st.where} ${st.sid ?? ""} grants execute-api:Invoke on ${show(renderTemplate(r))}, not one of the routes (<execution_arn>/<stage>/ with ${routeList})`);
        else invokable.add(route.key);
      }
    }
  }
  if (callerPolicies) for (const w of wanted) if (!invokable.has(w.key)) v.push(`api: the callers' policy (execute-api:Invoke) does not cover the route ${w.key} (<execution_arn>/<stage>/${w.method}${w.path}): its callers would get 403`);
  return v;
}

// ---------------------------------------------------------------------------
// 8. triggers target aliases of published versions
// ---------------------------------------------------------------------------

export async function checkAliasTriggers(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const fns = await collectFunctions(model, ctx);
  const aliasFor = {};
  for (const alias of await instancesOfType(mod, "aws_lambda_alias", ctx)) {
    const fnName = await iget(alias, ["function_name"]);
    const version = await iget(alias, ["function_version"]);
    for (const [key, fn] of Object.entries(fns)) {
      if (fnName !== (await iget(fn, ["function_name"]))) continue;
      if (!refersTo(version, fn.address) || ![...version.refs].some((r) => r.endsWith(".version"))) {
        v.push(`alias: ${alias.address} must point at the published version of ${fn.address} (got ${show(version)})`);
      }
      aliasFor[key] = alias;
    }
  }
  for (const key of FUNCTION_KEYS) if (!aliasFor[key]) v.push(`alias: no aws_lambda_alias for the ${key} function`);
  for (const i of ofType(mod, "aws_apigatewayv2_integration")) {
    const uri = await get(i, ["integration_uri"], ctx);
    if (!aliasFor.http || !refersTo(uri, aliasFor.http.address) || ![...uri.refs].every((r) => r.endsWith(".invoke_arn"))) {
      v.push(`alias: integration ${i.name} must invoke the http alias's invoke_arn (got ${show(uri)})`);
    }
  }
  for (const esm of ofType(mod, "aws_lambda_event_source_mapping")) {
    const fn = await get(esm, ["function_name"], ctx);
    if (!aliasFor.sqs || !refersTo(fn, aliasFor.sqs.address) || ![...fn.refs].every((r) => r.endsWith(".arn"))) {
      v.push(`alias: event source mapping ${esm.name} must target the sqs alias ARN (got ${show(fn)})`);
    }
  }
  for (const p of ofType(mod, "aws_lambda_permission")) {
    const q = await get(p, ["qualifier"], ctx);
    const aliasName = aliasFor.http ? await iget(aliasFor.http, ["name"]) : undefined;
    if (q === undefined || q !== aliasName) v.push(`alias: permission ${p.name} must be qualified with the alias (qualifier = ${show(q)}, alias = ${show(aliasName)})`);
  }
  return v;
}

// ---------------------------------------------------------------------------
// 9. SQS: event source mapping, DLQ + redrive, encryption, visibility timeout
// ---------------------------------------------------------------------------

/** The dead-letter queue: the redrive target of the command queue, { res, arn, url, name }. */
async function dlqOf(model, ctx) {
  const { queue } = await sqsWiring(model, ctx);
  const redrive = queue && (await get(queue, ["redrive_policy"], ctx));
  const name = refsOf(redrive?.value?.deadLetterTargetArn).map((r) => /^aws_sqs_queue\.([^.]+)\.arn$/.exec(r)).find(Boolean)?.[1];
  const res = name && root(model).resources[`aws_sqs_queue.${name}`];
  if (!res) return undefined;
  return { res, arn: new Unknown([`aws_sqs_queue.${name}.arn`]), url: `aws_sqs_queue.${name}.url`, name: await get(res, ["name"], ctx) };
}

/**
 * The rejected queue: where the sqs function sends what it judged final itself (its
 * SQS_DEAD_LETTER_QUEUE_URL), a queue of its own apart from the command queue and the redrive
 * DLQ, { res, arn, url, name }.
 */
async function rejectedOf(model, ctx) {
  const fns = await collectFunctions(model, ctx);
  const env = fns.sqs ? await environmentOf(fns.sqs) : {};
  const name = refsOf(env.SQS_DEAD_LETTER_QUEUE_URL).map((r) => /^aws_sqs_queue\.([^.]+)\.url$/.exec(r)).find(Boolean)?.[1];
  const res = name && root(model).resources[`aws_sqs_queue.${name}`];
  if (!res) return undefined;
  return { res, arn: new Unknown([`aws_sqs_queue.${name}.arn`]), url: `aws_sqs_queue.${name}.url`, name: await get(res, ["name"], ctx) };
}

async function sqsWiring(model, ctx) {
  const mod = root(model);
  const esm = ofType(mod, "aws_lambda_event_source_mapping")[0];
  if (!esm) return {};
  const arn = await get(esm, ["event_source_arn"], ctx);
  const queueName = refsOf(arn).map((r) => /^aws_sqs_queue\.([^.\[]+)\.arn$/.exec(r)).find(Boolean)?.[1];
  const queue = queueName ? mod.resources[`aws_sqs_queue.${queueName}`] : undefined;
  const target = await get(esm, ["function_name"], ctx);
  const functions = await instancesOfType(mod, "aws_lambda_function", ctx);
  const byName = async (name) => {
    for (const f of functions) if ((await iget(f, ["function_name"])) === name) return f;
    return undefined;
  };
  let fn;
  for (const parsed of refsOf(target).map(parseRef).filter(Boolean)) {
    if (parsed.resource.startsWith("aws_lambda_function.")) fn = functions.find((f) => f.address === parsed.address);
    if (parsed.resource.startsWith("aws_lambda_alias.")) {
      const alias = await instanceOfRef(mod, parsed, ctx);
      if (alias) fn = await byName(await iget(alias, ["function_name"]));
    }
  }
  if (typeof target === "string") fn = await byName(target);
  return { esm, queue, fn };
}

export async function checkEventSourceMapping(model) {
  const v = [];
  const ctx = rootCtx(model);
  const { esm, queue, fn } = await sqsWiring(model, ctx);
  if (!esm) return ["esm: no aws_lambda_event_source_mapping"];
  if (!queue) v.push("esm: the event source mapping does not read an aws_sqs_queue of this module");
  const sqsFn = (await collectFunctions(model, ctx)).sqs;
  if (!fn || !sqsFn || fn.address !== sqsFn.address) v.push(`esm: the event source mapping must invoke the sqs function (got ${fn?.address})`);
  const enabled = await get(esm, ["enabled"], ctx);
  if (enabled !== undefined && enabled !== true) v.push(`esm: the event source mapping must be enabled (got enabled = ${show(enabled)}): nothing would consume the queue`);
  const types = (await get(esm, ["function_response_types"], ctx)) ?? [];
  if (!types.includes("ReportBatchItemFailures")) v.push(`esm: function_response_types must include ReportBatchItemFailures (got ${show(types)})`);
  const follows = [
    ["batch_size", ["batch_size"], "sqs_batch_size", 7],
    ["maximum_batching_window_in_seconds", ["maximum_batching_window_in_seconds"], "sqs_maximum_batching_window_seconds", 3],
    ["scaling_config.maximum_concurrency", ["scaling_config", "maximum_concurrency"], "sqs_maximum_concurrency", 4],
  ];
  for (const [label, path, variable, probe] of follows) {
    const got = await get(esm, path, rootCtx(model, { [variable]: probe }));
    if (got !== probe) v.push(`esm: ${label} must follow var.${variable} (set ${probe}, got ${show(got)})`);
  }
  return v;
}

export async function checkDeadLetterQueue(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const { queue } = await sqsWiring(model, ctx);
  if (!queue) return ["dlq: no command queue wired to the event source mapping"];
  const redrive = await get(queue, ["redrive_policy"], ctx);
  if (!(redrive instanceof Json)) return [`dlq: aws_sqs_queue.${queue.name} needs a redrive_policy = jsonencode({...}) (got ${show(redrive)})`];
  const target = redrive.value.deadLetterTargetArn;
  const dlqName = refsOf(target).map((r) => /^aws_sqs_queue\.([^.]+)\.arn$/.exec(r)).find(Boolean)?.[1];
  if (!dlqName || dlqName === queue.name || !mod.resources[`aws_sqs_queue.${dlqName}`]) {
    v.push(`dlq: redrive deadLetterTargetArn must be another aws_sqs_queue of this module (got ${show(target)})`);
  }
  const count = redrive.value.maxReceiveCount;
  if (!(count >= 1)) v.push(`dlq: redrive maxReceiveCount must be >= 1 (got ${show(count)})`);
  const probe = await get(queue, ["redrive_policy"], rootCtx(model, { max_receive_count: 9 }));
  if (probe?.value?.maxReceiveCount !== 9) v.push("dlq: redrive maxReceiveCount must follow var.max_receive_count");
  return v;
}

export async function checkDeadLetterSend(model) {
  const v = [];
  const ctx = rootCtx(model);
  const dlq = await dlqOf(model, ctx);
  if (!dlq) return ["dlq: no dead-letter queue"];
  const fns = await collectFunctions(model, ctx);
  const sqsEnv = fns.sqs ? await environmentOf(fns.sqs) : {};
  // The function's final letters go to a queue of their own: what SQS moved after its receives (replayable) stays apart.
  const rejected = await rejectedOf(model, ctx);
  const { queue } = await sqsWiring(model, ctx);
  if (!rejected || rejected.res === dlq.res || rejected.res === queue) v.push(`dlq: the sqs function's SQS_DEAD_LETTER_QUEUE_URL must be a queue of its own, apart from the command queue and the redrive dead-letter queue ${dlq.url} (got ${show(sqsEnv.SQS_DEAD_LETTER_QUEUE_URL)})`);
  const httpEnv = fns.http ? await environmentOf(fns.http) : {};
  for (const name of ["SQS_DEAD_LETTER_QUEUE_URL", "SQS_MAX_CONCURRENCY"]) if (name in httpEnv) v.push(`dlq: the http function gets ${name}, which only the sqs handler reads`);
  return v;
}

export async function checkFifo(model) {
  const v = [];
  const mod = root(model);
  for (const fifo of [false, true]) {
    const ctx = rootCtx(model, { fifo_queue: fifo });
    const { queue } = await sqsWiring(model, ctx);
    const dlq = await dlqOf(model, ctx);
    const rejected = await rejectedOf(model, ctx);
    if (!queue || !dlq || !rejected) return ["fifo: cannot find the command queue, its dead-letter queue and the rejected queue"];
    for (const [label, q] of [["command queue", queue], ["dead-letter queue", dlq.res], ["rejected queue", rejected.res]]) {
      const name = await get(q, ["name"], ctx);
      const isFifo = (await get(q, ["fifo_queue"], ctx)) === true;
      const dedup = (await get(q, ["content_based_deduplication"], ctx)) === true;
      const where = `the ${label} aws_sqs_queue.${q.name} (fifo_queue = ${fifo})`;
      if (isFifo !== fifo) v.push(`fifo: ${where} must ${fifo ? "" : "not "}be FIFO`);
      if (typeof name !== "string" || name.endsWith(".fifo") !== fifo) v.push(`fifo: ${where} name ${show(name)} must ${fifo ? "" : "not "}end in .fifo (the function recognises FIFO batches by it)`);
      if (fifo && !dedup) v.push(`fifo: ${where} needs content_based_deduplication (producers, and the function moving failures to the DLQ, send no deduplication id)`);
    }
  }
  if (!(await rejections(model, { fifo_queue: true, sqs_maximum_batching_window_seconds: 5 })).length) v.push("fifo: fifo_queue = true with a batching window is accepted (FIFO event sources take none)");
  const ok = await rejections(model, { fifo_queue: true });
  for (const r of ok) v.push(`fifo: fifo_queue = true with the other defaults is refused: ${r}`);
  return v;
}

export async function checkSizing(model) {
  const v = [];
  const probe = 7;
  const fns = await collectFunctions(model, rootCtx(model, { sqs_max_concurrent_closes: probe }));
  const env = fns.sqs ? await environmentOf(fns.sqs) : {};
  if (env.SQS_MAX_CONCURRENCY !== String(probe)) v.push(`sizing: the sqs function's SQS_MAX_CONCURRENCY must follow var.sqs_max_concurrent_closes (set ${probe}, got ${show(env.SQS_MAX_CONCURRENCY)})`);
  // One invocation must be able to close its batch within its timeout (each round of closes
  // may take a whole upstream deadline); a batch that cannot is refused, with the reason.
  const cases = [
    { overrides: { sqs_batch_size: 100, sqs_maximum_batching_window_seconds: 1 }, refused: true },
    { overrides: { fifo_queue: true, sqs_batch_size: 10 }, refused: true },
    { overrides: { sqs_batch_size: 10, sqs_max_concurrent_closes: 2, sqs_function_timeout_seconds: 40 }, refused: true },
    { overrides: { sqs_batch_size: 50, sqs_maximum_batching_window_seconds: 1 }, refused: false },
    { overrides: { fifo_queue: true, sqs_batch_size: 10, sqs_function_timeout_seconds: 101 }, refused: false },
    { overrides: { sqs_batch_size: 1000, sqs_max_concurrent_closes: 100, sqs_maximum_batching_window_seconds: 1, sqs_function_timeout_seconds: 120 }, refused: false },
  ];
  for (const { overrides, refused } of cases) {
    const r = await rejections(model, overrides);
    if (refused && !r.length) v.push(`sizing: ${show(overrides)} cannot be closed within the sqs function's timeout and is not refused`);
    if (refused && r.length && !r.some((x) => /sqs_batch_size/.test(x) && /timeout/.test(x) && /receive/.test(x))) v.push(`sizing: the refusal of ${show(overrides)} must say why (batch, timeout, the receives used up): ${r.join("; ")}`);
    if (!refused && r.length) v.push(`sizing: ${show(overrides)} fits in the timeout but is refused: ${r.join("; ")}`);
  }
  return v;
}

/** Statements of the aws_sqs_queue_policy attached to a queue resource (by queue_url). */
async function queuePolicyStatements(model, queueRes, ctx) {
  const out = [];
  for (const qp of await instancesOfType(root(model), "aws_sqs_queue_policy", ctx)) {
    if (!refersTo(await iget(qp, ["queue_url"]), `aws_sqs_queue.${queueRes.name}`)) continue;
    out.push(...(await statementsOfPolicy(model, await iget(qp, ["policy"]), qp.ctx, qp.address)));
  }
  return out;
}

const principalIds = (s) => (s.principals ?? []).flatMap((p) => [].concat(p.identifiers ?? []));
const deniesPlainHttp = (statements, queueAddress) =>
  statements.some(
    (s) =>
      s.effect === "Deny" &&
      s.actions.includes("sqs:*") &&
      principalIds(s).includes("*") &&
      s.resources.some((r) => refersTo(r, queueAddress)) &&
      s.conditions.some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && show(c.values) === show(["false"])),
  );

export async function checkCallers(model) {
  const v = [];
  // JWT: a scope is required, and the route requires it.
  const jwt = { api_authorization_type: "JWT", jwt_issuer: "https://issuer.example.com", jwt_audience: ["payments"] };
  if (!(await rejections(model, jwt)).length) v.push("callers: api_authorization_type = JWT without jwt_authorization_scopes is accepted (any valid token could close recharges)");
  const scoped = { ...jwt, jwt_authorization_scopes: ["recharges/close"] };
  for (const r of await rejections(model, scoped)) v.push(`callers: JWT with issuer, audience and scopes is refused: ${r}`);
  for (const route of await instancesOfType(root(model), "aws_apigatewayv2_route", rootCtx(model, scoped))) {
    const scopes = await iget(route, ["authorization_scopes"]);
    if (show(scopes) !== show(["recharges/close"])) v.push(`callers: route ${route.address.replace(/^aws_apigatewayv2_route\./, "")} must require jwt_authorization_scopes (got ${show(scopes)})`);
  }
  // The command queue: TLS only; sqs:SendMessage only for the named producers and, with
  // enable_scheduled_close, the role the scheduler delivers as (the http function's SCHEDULE_ROLE_ARN).
  const producers = ["arn:aws:iam::123456789012:role/payments-producer", "arn:aws:iam::210987654321:role/partner-producer"];
  for (const scheduled of [true, false]) {
    for (const named of [producers, []]) {
      const ctx = rootCtx(model, { queue_producer_principal_arns: named, enable_scheduled_close: scheduled });
      const { queue } = await sqsWiring(model, ctx);
      if (!queue) return ["callers: no command queue"];
      const http = (await collectFunctions(model, ctx)).http;
      const schedulerRole = scheduled && http ? (await environmentOf(http)).SCHEDULE_ROLE_ARN : undefined;
      const senders = schedulerRole === undefined ? named : [...named, schedulerRole];
      const whom = scheduled ? "the named producers and the scheduler role (SCHEDULE_ROLE_ARN)" : "the named producers";
      const where = `the command queue policy (producers ${show(named)}, enable_scheduled_close = ${scheduled})`;
      const st = await queuePolicyStatements(model, queue, ctx);
      if (!deniesPlainHttp(st, `aws_sqs_queue.${queue.name}`)) v.push(`callers: ${where} must deny sqs:* to everyone when aws:SecureTransport is false`);
      const sendsOn = (s) => s.actions.includes("sqs:SendMessage") || s.actions.includes("sqs:*");
      const allowed = st.filter((x) => x.effect === "Allow" && sendsOn(x));
      for (const s of allowed) {
        if (show(principalIds(s)) !== show(senders)) v.push(`callers: ${where} allows sqs:SendMessage to ${show(principalIds(s))}, not exactly ${whom} (${show(senders)})`);
      }
      if (senders.length && !allowed.length) v.push(`callers: ${where} allows nobody sqs:SendMessage; it must allow ${whom} (${show(senders)})`);
      const denyOthers = st.find((s) => s.effect === "Deny" && s.actions.includes("sqs:SendMessage") && principalIds(s).includes("*"));
      if (!denyOthers) v.push(`callers: ${where} must deny sqs:SendMessage to every principal not named (identity policies of this account would allow it)`);
      else {
        const exempt = denyOthers.conditions.filter((c) => c.variable === "aws:PrincipalArn" && /^Arn(Not)(Equals|Like)$/.test(c.test));
        const other = denyOthers.conditions.filter((c) => !exempt.includes(c));
        if (other.length) v.push(`callers: ${where} deny of sqs:SendMessage has conditions beyond aws:PrincipalArn: ${show(other)}`);
        if (senders.length && (exempt.length !== 1 || show(exempt[0].values) !== show(senders))) v.push(`callers: ${where} must exempt exactly ${whom} from its deny (${show(senders)}; got ${show(exempt)})`);
        if (!senders.length && exempt.length) v.push(`callers: ${where} exempts ${show(exempt)} although no producer is named`);
      }
    }
  }
  // The DLQ: TLS only, and no sender (SQS's redrive is no send). The rejected queue: TLS only, and the sqs role sends its final letters.
  const ctx = rootCtx(model);
  const dlq = await dlqOf(model, ctx);
  if (dlq) {
    const st = await queuePolicyStatements(model, dlq.res, ctx);
    if (!deniesPlainHttp(st, `aws_sqs_queue.${dlq.res.name}`)) v.push("callers: the dead-letter queue policy must deny sqs:* when aws:SecureTransport is false");
    const allow = st.filter((s) => s.effect === "Allow" && s.actions.includes("sqs:SendMessage"));
    if (allow.length) v.push(`callers: the dead-letter queue policy allows sqs:SendMessage to ${show(allow.map(principalIds))}; only SQS's redrive fills it`);
  }
  const rejected = await rejectedOf(model, ctx);
  if (rejected) {
    const st = await queuePolicyStatements(model, rejected.res, ctx);
    if (!deniesPlainHttp(st, `aws_sqs_queue.${rejected.res.name}`)) v.push("callers: the rejected queue policy must deny sqs:* when aws:SecureTransport is false");
    const allow = st.filter((s) => s.effect === "Allow" && s.actions.includes("sqs:SendMessage"));
    const roleRefs = allow.flatMap((s) => principalIds(s)).flatMap((p) => refsOf(p));
    if (!roleRefs.includes('aws_iam_role.this["sqs"].arn') || roleRefs.some((r) => r !== 'aws_iam_role.this["sqs"].arn')) v.push(`callers: the rejected queue policy must allow sqs:SendMessage to the sqs role only (got ${show(allow.map(principalIds))})`);
  }
  return v;
}

export async function checkQueueEncryption(model) {
  const v = [];
  const mod = root(model);
  for (const [label, overrides] of [["defaults", {}], ["customer key", { kms_key_arn: SAMPLE_KMS_ARN }]]) {
    const ctx = rootCtx(model, overrides);
    for (const q of ofType(mod, "aws_sqs_queue")) {
      const managed = await get(q, ["sqs_managed_sse_enabled"], ctx);
      const kms = await get(q, ["kms_master_key_id"], ctx);
      if (managed !== true && !(typeof kms === "string" && kms)) v.push(`sqs: aws_sqs_queue.${q.name} is not encrypted (${label})`);
      if (overrides.kms_key_arn && kms !== overrides.kms_key_arn) v.push(`sqs: aws_sqs_queue.${q.name} ignores kms_key_arn`);
    }
  }
  return v;
}

export async function checkVisibilityTimeout(model) {
  const v = [];
  const relation = async (overrides) => {
    const ctx = rootCtx(model, overrides);
    const { queue, fn } = await sqsWiring(model, ctx);
    if (!queue || !fn) return null;
    return {
      visibility: await get(queue, ["visibility_timeout_seconds"], ctx),
      timeout: await iget(fn, ["timeout"]),
    };
  };
  // The configuration as shipped (and at the extremes) satisfies the rule...
  for (const overrides of [{}, { sqs_function_timeout_seconds: 900 }, { sqs_function_timeout_seconds: 900, sqs_maximum_batching_window_seconds: 300 }, { sqs_function_timeout_seconds: 2 }]) {
    const r = await relation(overrides);
    if (!r) return ["visibility: cannot find the command queue and its function"];
    if (typeof r.visibility !== "number" || typeof r.timeout !== "number") {
      v.push(`visibility: visibility timeout and function timeout must be plan-time numbers (got ${show(r)})`);
    } else if (r.visibility < 6 * r.timeout) {
      v.push(`visibility: with ${show(overrides)} the queue visibility timeout ${r.visibility}s is below 6 x the function timeout ${r.timeout}s`);
    }
  }
  // ...and a user cannot configure it away: such a plan is refused.
  for (const overrides of [{ queue_visibility_timeout_seconds: 300 }, { queue_visibility_timeout_seconds: 360, sqs_function_timeout_seconds: 900 }, { queue_visibility_timeout_seconds: 30 }]) {
    const r = await relation(overrides);
    if (!r || typeof r.visibility !== "number" || r.visibility >= 6 * r.timeout) continue; // the design clamps it
    if (!(await rejections(model, overrides)).length) {
      v.push(`visibility: ${show(overrides)} gives visibility ${r.visibility}s < 6 x ${r.timeout}s and no validation or precondition refuses it`);
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 10. timeouts: upstream deadline < function timeout, integration timeout
// ---------------------------------------------------------------------------

export async function checkTimeouts(model) {
  const v = [];
  const mod = root(model);
  const integration = ofType(mod, "aws_apigatewayv2_integration")[0];
  if (!integration || !(await collectFunctions(model, rootCtx(model))).http) return ["timeouts: integration or http function missing"];
  const measure = async (overrides) => {
    const ctx = rootCtx(model, overrides);
    const http = (await collectFunctions(model, ctx)).http;
    const env = await environmentOf(http);
    const upstream = /^(\d+)s$/.exec(env.WECHATPAY_TIMEOUT ?? "")?.[1];
    return {
      integration: await get(integration, ["timeout_milliseconds"], ctx),
      fnTimeout: await iget(http, ["timeout"]),
      upstreamMs: upstream === undefined ? undefined : Number(upstream) * 1000,
    };
  };
  for (const overrides of [{}, { wechatpay_timeout_seconds: 20, http_function_timeout_seconds: 25 }, { wechatpay_timeout_seconds: 5, http_function_timeout_seconds: 8 }]) {
    const m = await measure(overrides);
    const where = show(overrides);
    if (m.upstreamMs === undefined) v.push(`timeouts: WECHATPAY_TIMEOUT must be "<wechatpay_timeout_seconds>s" (${where})`);
    if (overrides.wechatpay_timeout_seconds && m.upstreamMs !== overrides.wechatpay_timeout_seconds * 1000) v.push(`timeouts: WECHATPAY_TIMEOUT does not follow var.wechatpay_timeout_seconds (${where})`);
    if (typeof m.integration !== "number") v.push(`timeouts: integration timeout_milliseconds must be set (${where}, got ${show(m.integration)})`);
    else {
      if (!(m.integration < 30000)) v.push(`timeouts: integration timeout ${m.integration} ms must be below 30000 (${where})`);
      if (!(m.integration > m.upstreamMs)) v.push(`timeouts: integration timeout ${m.integration} ms must exceed the upstream deadline ${m.upstreamMs} ms (${where})`);
    }
    if (!(m.fnTimeout * 1000 > m.upstreamMs)) v.push(`timeouts: http function timeout ${m.fnTimeout}s must exceed the upstream deadline ${m.upstreamMs} ms (${where})`);
  }
  const bad = [
    { api_integration_timeout_milliseconds: 30000 },
    { api_integration_timeout_milliseconds: 5000 },
    { wechatpay_timeout_seconds: 20, http_function_timeout_seconds: 15 },
    { wechatpay_timeout_seconds: 12 , http_function_timeout_seconds: 12 },
  ];
  for (const overrides of bad) {
    const m = await measure(overrides);
    const broken = !(m.integration < 30000 && m.integration > m.upstreamMs && m.fnTimeout * 1000 > m.upstreamMs);
    if (broken && !(await rejections(model, overrides)).length) v.push(`timeouts: ${show(overrides)} breaks the timeout ordering and is not refused`);
  }
  return v;
}

// ---------------------------------------------------------------------------
// 11. logs
// ---------------------------------------------------------------------------

export async function checkLogs(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const groups = await instancesOfType(mod, "aws_cloudwatch_log_group", ctx);
  const names = {};
  for (const g of groups) {
    const retention = await iget(g, ["retention_in_days"]);
    if (!(typeof retention === "number" && retention > 0)) v.push(`logs: ${g.address} needs retention_in_days (got ${show(retention)})`);
    names[await iget(g, ["name"])] = g;
  }
  if (!(await rejections(model, { log_retention_in_days: 0 })).length) v.push("logs: log_retention_in_days = 0 (never expire) is accepted");
  // A customer key for the logs reaches every log group (they hold caller ARNs and message ids).
  for (const g of await instancesOfType(mod, "aws_cloudwatch_log_group", rootCtx(model, { log_group_kms_key_arn: SAMPLE_KMS_ARN }))) {
    const key = await iget(g, ["kms_key_id"]);
    if (key !== SAMPLE_KMS_ARN) v.push(`logs: ${g.address} must be encrypted with log_group_kms_key_arn (set ${SAMPLE_KMS_ARN}, got kms_key_id ${show(key)})`);
  }
  const fns = await collectFunctions(model, ctx);
  for (const key of FUNCTION_KEYS) {
    const fn = fns[key];
    if (!fn) continue;
    const fnName = await iget(fn, ["function_name"]);
    const logGroup = await iget(fn, ["logging_config", "log_group"]);
    if (!names[`/aws/lambda/${fnName}`]) v.push(`logs: no log group /aws/lambda/${fnName} managed (with retention) for the ${key} function`);
    if (logGroup !== undefined && !names[logGroup]) v.push(`logs: the ${key} function logs to ${show(logGroup)}, which this module does not manage`);
  }
  return v;
}

// ---------------------------------------------------------------------------
// 12. alarms
// ---------------------------------------------------------------------------

async function alarmInstances(model, ctx) {
  const out = [];
  for (const alarm of ofType(root(model), "aws_cloudwatch_metric_alarm")) {
    for (const inst of await instancesOf(alarm, ctx)) {
      const c = inst.ctx;
      const metrics = [];
      if (alarm.block.metric_name) {
        metrics.push({
          namespace: await get(alarm, ["namespace"], c),
          name: await get(alarm, ["metric_name"], c),
          dimensions: (await get(alarm, ["dimensions"], c)) ?? {},
        });
      }
      for (const { body, ctx: qc } of await blocksOf(alarm.block, "metric_query", c)) {
        const m = body.metric?.[0];
        if (m) metrics.push({ namespace: await evaluate(m.namespace, qc), name: await evaluate(m.metric_name, qc), dimensions: (await evaluate(m.dimensions ?? {}, qc)) ?? {} });
      }
      const expressions = [];
      for (const { body, ctx: qc } of await blocksOf(alarm.block, "metric_query", c)) {
        if (body.expression !== undefined) expressions.push(await evaluate(body.expression, qc));
      }
      out.push({
        address: `aws_cloudwatch_metric_alarm.${alarm.name}${inst.key === null ? "" : `[${JSON.stringify(inst.key)}]`}`,
        metrics,
        expressions,
        threshold: await get(alarm, ["threshold"], c),
        comparison: await get(alarm, ["comparison_operator"], c),
        statistic: await get(alarm, ["statistic"], c),
        description: await get(alarm, ["alarm_description"], c),
        actions: await get(alarm, ["alarm_actions"], c),
      });
    }
  }
  return out;
}

export async function checkAlarms(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const emfNamespace = emfMetrics(model).namespace ?? "RechargeClose";
  const alarms = await alarmInstances(model, ctx);
  const { queue } = await sqsWiring(model, ctx);
  const redrive = queue && (await get(queue, ["redrive_policy"], ctx));
  const dlqName = refsOf(redrive?.value?.deadLetterTargetArn).map((r) => /^aws_sqs_queue\.([^.]+)\.arn$/.exec(r)).find(Boolean)?.[1];
  const dlq = dlqName && mod.resources[`aws_sqs_queue.${dlqName}`];
  const dlqQueueName = dlq && (await get(dlq, ["name"], ctx));
  const dlqAlarm = alarms.find(
    (a) =>
      a.metrics.some((m) => m.namespace === "AWS/SQS" && m.name === "ApproximateNumberOfMessagesVisible" && m.dimensions.QueueName !== undefined && m.dimensions.QueueName === dlqQueueName) &&
      a.threshold === 0 &&
      a.comparison === "GreaterThanThreshold",
  );
  if (!dlqAlarm) v.push(`alarms: no "dead-letter queue not empty" alarm (AWS/SQS ApproximateNumberOfMessagesVisible > 0 on ${show(dlqQueueName)})`);
  // Two kinds of letters, two alarms: the rejected queue's (decide) apart from the dead-letter queue's (replay).
  const rejectedQueueName = (await rejectedOf(model, ctx))?.name;
  const rejectedAlarm = alarms.find((a) => a !== dlqAlarm && a.threshold === 0 && a.comparison === "GreaterThanThreshold"
    && a.metrics.some((m) => m.namespace === "AWS/SQS" && m.name === "ApproximateNumberOfMessagesVisible" && m.dimensions.QueueName !== undefined && m.dimensions.QueueName === rejectedQueueName));
  if (!rejectedAlarm) v.push(`alarms: no "rejected queue not empty" alarm (AWS/SQS ApproximateNumberOfMessagesVisible > 0 on ${show(rejectedQueueName)})`);
  const fns = await collectFunctions(model, ctx);
  for (const key of FUNCTION_KEYS) {
    const fn = fns[key];
    if (!fn) continue;
    const fnName = await iget(fn, ["function_name"]);
    for (const metric of ["Errors", "Throttles"]) {
      if (!alarms.some((a) => a.metrics.some((m) => m.namespace === "AWS/Lambda" && m.name === metric && m.dimensions.FunctionName === fnName))) {
        v.push(`alarms: no ${metric} alarm for the ${key} function (${fnName})`);
      }
    }
  }
  // aot: one alarm per handler on the function's own AotCacheMisses (EMF), none in the other modes.
  for (const mode of Object.keys(PACKAGE_MODES)) {
    const modeAlarms = (await alarmInstances(model, rootCtx(model, { package_mode: mode }))).filter((a) => a.metrics.some((m) => m.name === "AotCacheMisses"));
    for (const key of mode === "aot" ? FUNCTION_KEYS : []) {
      const a = modeAlarms.find((x) => x.metrics.some((m) => m.namespace === emfNamespace && m.name === "AotCacheMisses" && m.dimensions.Handler === key));
      if (!a) v.push(`alarms: no AotCacheMisses alarm (namespace ${emfNamespace}, Handler = ${key}) in aot mode`);
      else {
        if (a.statistic !== "Sum" || a.threshold !== 0 || a.comparison !== "GreaterThanThreshold") v.push(`alarms: ${a.address} must fire on Sum > 0 (got ${show([a.statistic, a.comparison, a.threshold])})`);
        if (typeof a.description !== "string" || !/event=start/.test(a.description) || !/rebuild/i.test(a.description) || !/redeploy/i.test(a.description)) {
          v.push(`alarms: ${a.address} description must tell on-call what to do (rebuild on the same JDK build, redeploy, the log line event=start; got ${show(a.description)})`);
        }
      }
    }
    if (mode !== "aot" && modeAlarms.length) v.push(`alarms: ${mode} mode has AotCacheMisses alarms; only the aot package emits that metric`);
  }
  const apiAlarm = alarms.find((a) => a.metrics.some((m) => m.namespace === "AWS/ApiGateway" && m.name === "5xx" && refersTo(m.dimensions.ApiId, "aws_apigatewayv2_api")));
  if (!apiAlarm) v.push("alarms: no API 5xx alarm (AWS/ApiGateway 5xx with the ApiId dimension)");
  // Optional SNS topic: created or passed by ARN, every alarm notifies it.
  const withTopic = await alarmInstances(model, rootCtx(model, { create_alarm_sns_topic: true }));
  for (const a of withTopic) if (!refersTo(a.actions, "aws_sns_topic")) v.push(`alarms: ${a.address} does not notify the created SNS topic (got ${show(a.actions)})`);
  const arn = "arn:aws:sns:ap-east-1:123456789012:oncall";
  const withArn = await alarmInstances(model, rootCtx(model, { alarm_sns_topic_arn: arn }));
  for (const a of withArn) if (show(a.actions) !== show([arn])) v.push(`alarms: ${a.address} does not notify alarm_sns_topic_arn (got ${show(a.actions)})`);
  return v;
}

/**
 * A JSON file from beside infra/ in the repository, read with the sources: { doc }, or { error }
 * saying it is missing (and where else it may be read from, the variable envName) or not JSON.
 */
function jsonSource(model, key, where, what, folder, envName) {
  const text = model.sources[key];
  if (text === undefined) return { error: `${what} ${where} is missing: run the checks in a clone with ${folder} beside infra/, or set ${envName} to the file` };
  try {
    return { doc: JSON.parse(text) };
  } catch (e) {
    return { error: `${what} ${where} is not JSON: ${e.message}` };
  }
}

/**
 * The EMF metrics the function emits and their dimension sets, read from the declaration the
 * function itself writes its lines from (src/main/resources/emf-metrics.json, Telemetry):
 * { namespace, metrics: { name: [dimension...] } }, or { error } saying what is wrong.
 */
export function emfMetrics(model) {
  const where = emfMetricsPath();
  const { doc, error } = jsonSource(model, EMF_METRICS_SOURCE, where, "the function's metric declaration", "src/", "EMF_METRICS_FILE");
  if (error) return { error };
  const problems = [];
  const metrics = {};
  if (typeof doc?.namespace !== "string" || !doc.namespace) problems.push("no namespace");
  for (const [line, d] of Object.entries(doc?.documents ?? {})) {
    if (!Array.isArray(d?.dimensions) || !d.metrics || typeof d.metrics !== "object") {
      problems.push(`documents.${line} needs dimensions (a list) and metrics (name: unit)`);
      continue;
    }
    for (const name of Object.keys(d.metrics)) {
      if (metrics[name] && show([...metrics[name]].sort()) !== show([...d.dimensions].sort())) problems.push(`${name} is declared with two dimension sets`);
      metrics[name] = [...d.dimensions];
    }
  }
  if (!Object.keys(metrics).length) problems.push("no metric declared under documents");
  if (problems.length) return { error: `the function's metric declaration ${where}: ${problems.join("; ")}` };
  return { namespace: doc.namespace, metrics };
}

/** What is wrong with selecting metric m of the function's own (emf), or null: an unknown name, another dimension set. */
function emfMismatch(m, emf) {
  const dims = Object.keys(m.dimensions).sort();
  if (!emf.metrics[m.name]) return `${emf.namespace}/${show(m.name)}, which the function does not emit (${EMF_METRICS_SOURCE})`;
  const want = [...emf.metrics[m.name]].sort();
  if (show(dims) !== show(want)) return `${m.name} by ${show(dims)}; the function emits it by ${show(want)} (${EMF_METRICS_SOURCE})`;
  return null;
}
/** A description on-call can act on: long enough to say what and where, with a next step. */
const ACTIONABLE = /\b(check|look|compare|rebuild|raise|lower|put|fix|read|move|tell|ask|spread|find|rotate)\b/i;

export async function checkOnCall(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const emf = emfMetrics(model);
  if (emf.error) return [`oncall: ${emf.error}`];
  const alarms = await alarmInstances(model, ctx);
  const filters = await instancesOfType(mod, "aws_cloudwatch_log_metric_filter", ctx);
  const filterMetrics = [];
  for (const f of filters) {
    const mt = f.res.block.metric_transformation?.[0];
    filterMetrics.push({ f, group: await iget(f, ["log_group_name"]), pattern: await iget(f, ["pattern"]), namespace: mt && (await evaluate(mt.namespace, f.ctx)), name: mt && (await evaluate(mt.name, f.ctx)) });
  }
  const fromFilter = (m) => filterMetrics.some((fm) => (m.name === fm.name || refersTo(m.name, fm.f.address)) && (m.namespace === fm.namespace || refersTo(m.namespace, fm.f.address)));
  // The function's own metrics: only names and dimension sets it emits.
  for (const a of alarms) {
    for (const m of a.metrics) {
      if (m.namespace !== emf.namespace || fromFilter(m)) continue;
      const problem = emfMismatch(m, emf);
      if (problem) v.push(`oncall: ${a.address} watches ${problem}`);
    }
  }
  const find = (pred) => alarms.filter((a) => a.metrics.some(pred));
  const { queue } = await sqsWiring(model, ctx);
  const queueName = queue && (await get(queue, ["name"], ctx));
  const age = find((m) => m.namespace === "AWS/SQS" && m.name === "ApproximateAgeOfOldestMessage" && m.dimensions.QueueName === queueName);
  if (!age.length) v.push(`oncall: no alarm on the command queue's ApproximateAgeOfOldestMessage (${show(queueName)})`);
  const probedAge = (await alarmInstances(model, rootCtx(model, { queue_oldest_message_age_alarm_seconds: 1234 }))).filter((a) => a.metrics.some((m) => m.name === "ApproximateAgeOfOldestMessage"));
  if (age.length && !probedAge.some((a) => a.threshold === 1234)) v.push("oncall: the oldest-message alarm's threshold must follow var.queue_oldest_message_age_alarm_seconds");
  // Per function: its own FunctionName (the metrics of every deployment in the account share the rest).
  const names = {};
  for (const [key, fn] of Object.entries(await collectFunctions(model, ctx))) names[key] = await iget(fn, ["function_name"]);
  for (const key of FUNCTION_KEYS) {
    for (const op of ["close", "query"]) {
      const a = find((m) => m.namespace === emf.namespace && m.name === "VerificationFailures" && m.dimensions.Operation === op && m.dimensions.FunctionName === names[key]);
      if (!a.some((x) => x.threshold === 0 && x.comparison === "GreaterThanThreshold")) v.push(`oncall: no alarm on VerificationFailures > 0 for the ${key} function's (${names[key]}) Operation ${op}`);
    }
    const a = find((m) => m.namespace === emf.namespace && m.name === "Closes" && m.dimensions.Handler === key && m.dimensions.FunctionName === names[key] && m.dimensions.Outcome === "UPSTREAM_REJECTED_SIGNATURE");
    if (!a.some((x) => x.threshold === 0 && x.comparison === "GreaterThanThreshold")) v.push(`oncall: no alarm on Closes with Outcome UPSTREAM_REJECTED_SIGNATURE > 0 for the ${key} handler (FunctionName ${names[key]})`);
  }
  const bif = (probe) => alarmInstances(model, rootCtx(model, probe === undefined ? {} : { sqs_batch_item_failures_alarm_threshold: probe }));
  if (!find((m) => m.namespace === emf.namespace && m.name === "BatchItemFailures" && m.dimensions.Handler === "sqs" && m.dimensions.FunctionName === names.sqs).length) v.push(`oncall: no alarm on the sqs handler's BatchItemFailures (FunctionName ${names.sqs})`);
  else if (!(await bif(3)).some((a) => a.metrics.some((m) => m.name === "BatchItemFailures") && a.threshold === 3)) v.push("oncall: the BatchItemFailures alarm's threshold must follow var.sqs_batch_item_failures_alarm_threshold");
  // Duration near the timeout, per function: pct of that function's own timeout.
  const probe = { http_function_timeout_seconds: 20, sqs_function_timeout_seconds: 90, function_duration_alarm_percent_of_timeout: 50 };
  const pctx = rootCtx(model, probe);
  const probed = await alarmInstances(model, pctx);
  const fns = await collectFunctions(model, pctx);
  for (const key of FUNCTION_KEYS) {
    if (!fns[key]) continue;
    const fnName = await iget(fns[key], ["function_name"]);
    const want = probe[`${key}_function_timeout_seconds`] * 1000 * 0.5;
    const a = probed.filter((x) => x.metrics.some((m) => m.namespace === "AWS/Lambda" && m.name === "Duration" && show(m.dimensions.FunctionName) === show(fnName)));
    if (!a.length) v.push(`oncall: no Duration alarm for the ${key} function`);
    else if (!a.some((x) => x.threshold === want && x.comparison === "GreaterThanThreshold")) v.push(`oncall: the ${key} function's Duration alarm must fire above ${want} ms (function_duration_alarm_percent_of_timeout of its timeout; got ${show(a.map((x) => x.threshold))})`);
  }
  if (!find((m) => m.namespace === "AWS/ApiGateway" && m.name === "4xx" && refersTo(m.dimensions.ApiId, "aws_apigatewayv2_api")).length) v.push("oncall: no API 4xx rate alarm (AWS/ApiGateway 4xx with the ApiId dimension)");
  // A rate pages only over a minimum volume: one 4xx of two requests at night is no incident.
  const minimum = 37;
  for (const a of await alarmInstances(model, rootCtx(model, { api_rate_alarm_min_requests: minimum }))) {
    if (!a.metrics.some((m) => m.namespace === "AWS/ApiGateway" && m.name === "Count")) continue;
    if (!a.expressions.some((e) => typeof e === "string" && new RegExp(`^IF\\(requests >= ${minimum},`).test(e))) {
      v.push(`oncall: ${a.address} is a rate over the API's requests and must judge only periods with at least api_rate_alarm_min_requests requests (got ${show(a.expressions)})`);
    }
  }
  const accessLog = ofType(mod, "aws_apigatewayv2_stage")[0]?.block.access_log_settings?.[0];
  const accessLogGroup = accessLog && (await evaluate(accessLog.destination_arn, ctx));
  const groupAddress = refsOf(accessLogGroup).map(parseRef).find((r) => r?.resource.startsWith("aws_cloudwatch_log_group."))?.address;
  const groupInst = groupAddress && (await instanceOfRef(mod, parseRef(groupAddress), ctx));
  const groupName = groupInst && (await iget(groupInst, ["name"]));
  const on429 = filterMetrics.filter((fm) => groupAddress && (refersTo(fm.group, groupAddress) || (groupName !== undefined && show(fm.group) === show(groupName))) && typeof fm.pattern === "string" && /\$\.status\s*=\s*"?429"?/.test(fm.pattern));
  if (!on429.length) v.push("oncall: no log metric filter counting status 429 in the API access log (HTTP APIs publish no 429 metric)");
  else if (!alarms.some((a) => a.metrics.some((m) => on429.some((fm) => m.name === fm.name || refersTo(m.name, fm.f.address))))) v.push("oncall: no alarm on the API 429 metric of the access log");
  // Every alarm says what to do.
  for (const a of alarms) {
    if (typeof a.description !== "string" || a.description.length < 100 || !ACTIONABLE.test(a.description)) v.push(`oncall: ${a.address} needs a description on-call can act on (what happened, where to look, what to do; got ${show(a.description)})`);
  }
  // The dashboard shows what the alarms watch.
  const boards = await instancesOfType(mod, "aws_cloudwatch_dashboard", ctx);
  if (!boards.length) v.push("oncall: no aws_cloudwatch_dashboard");
  for (const b of boards) {
    const body = show(await iget(b, ["dashboard_body"]));
    for (const a of alarms) {
      for (const m of a.metrics) {
        const name = show(m.name).replace(/^"|"$/g, "");
        if (!body.includes(name)) v.push(`oncall: dashboard ${b.address} does not show ${name} (watched by ${a.address})`);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 13. example + terraform test files
// ---------------------------------------------------------------------------

export async function checkExample(model) {
  const v = [];
  const ex = model.modules[EXAMPLE];
  if (!ex) return [`example: ${EXAMPLE} is missing`];
  const call = Object.entries(ex.modules).find(([, m]) => resolveModuleSource(EXAMPLE, m.block.source) === ROOT);
  if (!call) return [`example: ${EXAMPLE} does not call the root module`];
  // What a user passes: the required variables, and either an existing secret or the PEMs.
  const required = Object.fromEntries(Object.entries(ex.variables).filter(([, { block }]) => !("default" in block)).map(([name]) => [name, SAMPLE_EXAMPLE_REQUIRED[name]]));
  for (const [name, value] of Object.entries(required)) if (value === undefined) v.push(`example: no sample value for the example's required variable ${name} (add it to SAMPLE_EXAMPLE_REQUIRED)`);
  for (const [label, secret] of [["existing secret", { wechatpay_secret_arn: SAMPLE_SECRET_ARN }], ["secret created with its value", SAMPLE_SECRET_VALUE]]) {
    const exCtx = makeContext(model, EXAMPLE, { ...required, ...secret });
    const args = {};
    for (const [k, value] of Object.entries(call[1].block)) {
      if (["source", "version", "providers", "depends_on"].includes(k)) continue;
      args[k] = await evaluate(value, exCtx);
    }
    if (!root(model).variables.package_mode) return v;
    for (const mode of Object.keys(PACKAGE_MODES)) {
      // Module variables the example does not pass keep their defaults (no sample PEMs).
      const refused = await rejections(model, { wechatpay_private_key_pem: null, wechatpay_public_key_pem: null, ...args, package_mode: mode });
      for (const r of refused) v.push(`example: the example configuration (${mode}, ${label}) would be refused: ${r}`);
    }
  }
  if (!ex.providers.some((p) => p.name === "aws")) v.push("example: no aws provider block");
  return v;
}

/** Mock data the plans rely on: well-formed policy JSON for the role policies, a region for the ARNs. */
const REQUIRED_MOCK_DATA = { aws_iam_policy_document: "json", aws_region: "region" };

/** Relative path (from infra/) of a mock_provider source directory, or null when it leaves infra/. */
function mockSourceDir(source) {
  const parts = [];
  for (const seg of String(source).split("/").filter(Boolean)) {
    if (seg === ".") continue;
    if (seg === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

/** Does the for_each of a resource (evaluated with the defaults) have this instance key? */
/** @param variables the test's own variable values (its file's and its run's), with which the plan runs */
async function hasInstanceKey(model, res, key, variables = {}) {
  if (res.block.for_each === undefined) return res.block.count !== undefined && /^\d+$/.test(key);
  const keys = (await instancesOf(res, rootCtx(model, variables))).map((i) => i.key);
  return keys.includes(JSON.parse(key));
}

export async function checkTerraformTests(model) {
  const v = [];
  const mod = root(model);
  if (!model.tests.length) v.push("tftest: no tests/*.tftest.hcl");
  for (const { file, json } of model.tests) {
    const mock = json.mock_provider?.aws?.[0];
    if (!mock) v.push(`tftest: ${file} has no mock_provider "aws"`);
    else {
      // Inline mock_data plus the *.tfmock.hcl files of `source` (a directory relative to infra/).
      const mockData = { ...(mock.mock_data ?? {}) };
      if (mock.source !== undefined) {
        const dir = mockSourceDir(mock.source);
        const files = dir === null ? [] : model.mocks.filter((m) => m.file.slice(0, m.file.lastIndexOf("/")) === dir);
        if (!files.length) v.push(`tftest: ${file} mock_provider "aws" source ${mock.source} has no *.tfmock.hcl (paths are relative to infra/)`);
        for (const m of files) for (const [type, blocks] of Object.entries(m.json.mock_data ?? {})) mockData[type] ??= blocks;
      }
      for (const [type, attr] of Object.entries(REQUIRED_MOCK_DATA)) {
        if (mockData[type]?.[0]?.defaults?.[attr] === undefined) v.push(`tftest: ${file} does not mock data "${type}" (defaults.${attr})`);
      }
    }
    const runs = Object.entries(json.run ?? {});
    if (!runs.length) v.push(`tftest: ${file} has no run block`);
    const fileVars = Object.keys(json.variables?.[0] ?? {});
    for (const name of fileVars) if (!mod.variables[name]) v.push(`tftest: ${file} sets undeclared variable ${name}`);
    for (const [name, blocks] of runs) {
      const run = blocks[0];
      const command = run.command ?? "${apply}";
      if (command !== "${plan}") v.push(`tftest: ${file} run "${name}" must use command = plan`);
      for (const key of Object.keys(run.variables?.[0] ?? {})) if (!mod.variables[key]) v.push(`tftest: ${file} run "${name}" sets undeclared variable ${key}`);
      const asserts = run.assert ?? [];
      if (!asserts.length && !run.expect_failures) v.push(`tftest: ${file} run "${name}" asserts nothing`);
      const refs = await referencesIn([asserts.map((a) => a.condition), run.expect_failures ?? []]);
      for (const a of asserts) if (!a.error_message) v.push(`tftest: ${file} run "${name}" has an assert without error_message`);
      for (const ref of refs) {
        const [head, a, b] = ref.split(".");
        let ok;
        if (head === "var") ok = !!mod.variables[a];
        else if (head === "local") ok = !!mod.locals[a];
        else if (head === "output") ok = !!mod.outputs[a];
        else if (head === "data") ok = !!mod.data[`${a}.${b}`];
        else if (head === "run") ok = runs.some(([n]) => n === a);
        else {
          const res = mod.resources[`${head}.${a}`];
          ok = !!res;
          // aws_t.n["key"] (reported as aws_t.n."key"): the instance must exist.
          const key = b !== undefined && (/^".*"$/.test(b) || /^\d+$/.test(b)) ? b : undefined;
          const variables = { ...(json.variables?.[0] ?? {}), ...(run.variables?.[0] ?? {}) };
          if (res && key !== undefined && !(await hasInstanceKey(model, res, key, variables))) {
            v.push(`tftest: ${file} run "${name}" refers to undeclared instance ${head}.${a}[${key}]`);
            continue;
          }
        }
        if (!ok) v.push(`tftest: ${file} run "${name}" refers to undeclared ${ref}`);
      }
      // Every assert can fail: it holds for the module as it is (evaluated where the plan is
      // known without AWS), and it compares with what the run's variables imply, not the module
      // with itself. An expected failure does happen.
      const variables = { ...(json.variables?.[0] ?? {}), ...(run.variables?.[0] ?? {}) };
      let ctx;
      try {
        ctx = makeContext(model, ROOT, variables);
      } catch {
        continue; // an undeclared variable, reported above
      }
      for (const a of asserts) {
        const text = typeof a.condition === "string" ? a.condition.replace(/^\$\{([\s\S]*)\}$/, "$1") : show(a.condition);
        const self = selfComparison(text);
        if (self) v.push(`tftest: ${file} run "${name}" asserts ${self}, which compares the module with itself: it holds whatever the module plans; compare with the value the run's variables imply`);
        const r = await safeEval(a.condition, ctx);
        if (r.value === false) v.push(`tftest: ${file} run "${name}" asserts ${text}, which the configuration does not meet ("${a.error_message}")`);
      }
      if (run.expect_failures) {
        const expected = await referencesIn(run.expect_failures);
        const refused = await rejections(model, variables, ROOT, SAMPLE_PACKAGE_BYTES, expected);
        for (const ref of expected) {
          if (!refused.some((r) => r.startsWith(`${ref}:`) || r.startsWith(`${ref}[`))) v.push(`tftest: ${file} run "${name}" expects ${ref} to refuse the plan, but it does not (refused: ${show(refused)})`);
        }
      }
    }
  }
  return v;
}

/**
 * The clause of an assert that compares two parts of the module with each other and nothing the
 * test fixes (a != b of two references, or a == a), or null.
 */
function selfComparison(condition) {
  const clauses = [];
  let depth = 0;
  let quoted = false;
  let startAt = 0;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (c === '"' && condition[i - 1] !== "\\") quoted = !quoted;
    if (quoted) continue;
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && (condition.startsWith("&&", i) || condition.startsWith("||", i))) {
      clauses.push(condition.slice(startAt, i));
      startAt = i + 2;
    }
  }
  clauses.push(condition.slice(startAt));
  const reference = /^[A-Za-z_][\w-]*(?:\.[\w-]+|\[(?:"[^"]*"|\d+)\])+$/;
  for (const clause of clauses.map((c) => c.trim())) {
    const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(clause);
    if (!m) continue;
    const [l, op, r] = [m[1].trim(), m[2], m[3].trim()];
    const isRef = (x) => reference.test(x) && !/^(true|false|null)$/.test(x) && !/^(var|run)\./.test(x);
    if ((op === "!=" && isRef(l) && isRef(r)) || l === r) return clause;
  }
  return null;
}

export async function checkReadme(model) {
  const v = [];
  const readme = model.sources["README.md"];
  if (readme === undefined) return ["readme: infra/README.md is missing"];
  const start = readme.indexOf("\n## Deploy");
  const end = start < 0 ? -1 : readme.indexOf("\n## ", start + 1);
  const deploy = start < 0 ? "" : readme.slice(start, end < 0 ? undefined : end);
  if (!deploy) v.push('readme: no "## Deploy" section');
  if (!/\.\/mvnw -B package/.test(deploy) || !/terraform apply/.test(deploy)) v.push("readme: the deploy section must show the build and terraform apply");
  for (const [name, { block }] of Object.entries(root(model).variables)) {
    const row = new RegExp(`^\\| \`${name}\` \\|`, "m");
    if (!("default" in block) && !row.test(deploy)) v.push(`readme: the deploy section does not name required variable ${name}`);
    if ("default" in block && !row.test(readme)) v.push(`readme: optional variable ${name} is not documented`);
  }
  if (!readme.includes("npm ci && npm test")) v.push("readme: the offline checks (cd infra && npm ci && npm test) are not documented");
  // No row for a variable that is gone; the example's own required variables are named too.
  const tablesStart = readme.indexOf("### Variables a user must set");
  const tablesEnd = readme.indexOf("\n## ", tablesStart);
  const tables = tablesStart < 0 ? "" : readme.slice(tablesStart, tablesEnd < 0 ? undefined : tablesEnd);
  for (const [, name] of tables.matchAll(/^\| `([a-z0-9_]+)` \| `[^`]+` \|/gm)) {
    if (!root(model).variables[name]) v.push(`readme: the variable tables document ${name}, which the module does not declare`);
  }
  for (const [name, { block }] of Object.entries(model.modules[EXAMPLE]?.variables ?? {})) {
    if (!("default" in block) && !deploy.includes(`\`${name}\``)) v.push(`readme: the deploy section does not name the example's required variable ${name}`);
  }
  if (!/export JAVA_HOME=/.test(deploy) || !/JDK 25/.test(deploy)) v.push("readme: the deploy section must say the build needs a JDK 25 as JAVA_HOME, and set it");
  // The keys: the secret made outside Terraform is the recommended path; the PEM variables' cost is said.
  const tablesAt = deploy.indexOf("\n### ");
  const paragraphs = (tablesAt < 0 ? deploy : deploy.slice(0, tablesAt)).split(/\n[ \t]*\n/); // the steps, not the variable tables
  const withNext = paragraphs.map((p, i) => `${p}\n\n${paragraphs[i + 1] ?? ""}`); // a paragraph and the command it introduces
  if (!withNext.some((p) => /\brecommended\b/i.test(p) && /create-secret|wechatpay_secret_arn/.test(p))) v.push("readme: the deploy section must recommend the secret created outside Terraform (aws secretsmanager create-secret, its ARN as wechatpay_secret_arn)");
  if (!withNext.some((p) => /TF_VAR_wechatpay_/.test(p) && /\b(?:keys|PEMs)\b[^.]{0,80}\bstate\b/i.test(p))) v.push("readme: the deploy section must warn, where it shows TF_VAR_wechatpay_*_pem, that the keys then sit in the Terraform state");
  // The module from a git source, with the package passed in (it reads nothing beside itself).
  if (!/source\s*=\s*"git::https:\/\/[^"]+\/\/[^"?]+\?ref=[^"]+"/.test(readme) || !/lambda_zip_path\s*=\s*"/.test(readme)) v.push('readme: no example of the module used from git (source = "git::https://<repository>.git//infra?ref=<tag>") with its lambda_zip_path');
  // The module and the package of one release: the same tag in both, and the package checked against its sum.
  const fromGit = sectionOf(readme, "## Using the module from git");
  const ref = /\?ref=([^"\s]+)"/.exec(fromGit)?.[1];
  const zip = /lambda_zip_path\s*=\s*"([^"]*)"/.exec(fromGit)?.[1] ?? "";
  if (!ref || !zip.includes(ref)) v.push(`readme: the module from git must take the package of its own release tag (ref=${ref}, lambda_zip_path = "${zip}")`);
  if (!/gh release download\b/.test(fromGit) || !/SHA256SUMS/.test(fromGit) || !/shasum -a 256 -c\b/.test(fromGit)) v.push("readme: the module from git must fetch the release's package with its SHA256SUMS and check it (shasum -a 256 -c)");
  return v;
}

// ---------------------------------------------------------------------------
// 15. one apply: published versions come after what their start-up reads
// ---------------------------------------------------------------------------

export async function checkOrdering(model) {
  const v = [];
  const ctx = rootCtx(model);
  for (const [key, fn] of Object.entries(await collectFunctions(model, ctx))) {
    const dependsOn = await referencesIn(fn.res.block.depends_on ?? []);
    const envRefs = refsOf(await environmentOf(fn).then((env) => unknownOfValues(env)));
    const after = (address) => dependsOn.some((r) => r === address || r.startsWith(`${address}.`) || r.startsWith(`${address}[`)) || envRefs.some((r) => r.startsWith(address));
    if (!after("aws_secretsmanager_secret_version.wechatpay")) {
      v.push(`ordering: the ${key} function must depend on aws_secretsmanager_secret_version.wechatpay, so no version is published before the secret holds its value`);
    }
    if (!after("aws_iam_role_policy.this")) v.push(`ordering: the ${key} function must depend on aws_iam_role_policy.this (its start-up reads the secret and writes logs)`);
  }
  return v;
}

/** One Unknown holding every reference inside a (partly) known value. */
function unknownOfValues(value) {
  const refs = [];
  const visit = (x) => {
    if (x instanceof Unknown) refs.push(...x.refs);
    else if (x instanceof Json) visit(x.value);
    else if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === "object") Object.values(x).forEach(visit);
  };
  visit(value);
  return new Unknown(refs);
}

/** Regions an account must opt in to before it can deploy there. */
const OPT_IN_REGIONS = ["af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1"];

// ---------------------------------------------------------------------------
// 16. defaults that work on a new account
// ---------------------------------------------------------------------------

export async function checkDefaults(model) {
  const v = [];
  const ctx = rootCtx(model);
  for (const [key, fn] of Object.entries(await collectFunctions(model, ctx))) {
    const reserved = await iget(fn, ["reserved_concurrent_executions"]);
    if (!(reserved === undefined || reserved === null || reserved === -1)) v.push(`defaults: the ${key} function reserves ${show(reserved)} concurrent executions by default; new accounts (quota 10 or 50) refuse that`);
  }
  const ex = model.modules[EXAMPLE];
  const region = ex?.variables.region?.block;
  if (region && "default" in region && (region.default === null || OPT_IN_REGIONS.includes(region.default))) v.push(`defaults: the example's region defaults to ${show(region.default)}, an opt-in region (or none at all)`);
  const call = ex && Object.values(ex.modules).find((m) => resolveModuleSource(EXAMPLE, m.block.source) === ROOT);
  if (call) {
    const exCtx = makeContext(model, EXAMPLE, SAMPLE_EXAMPLE_REQUIRED);
    for (const name of ["http_function_reserved_concurrency", "sqs_function_reserved_concurrency"]) {
      if (call.block[name] === undefined) continue;
      const value = await evaluate(call.block[name], exCtx);
      if (!(value === null || value === -1)) v.push(`defaults: the example sets ${name} = ${show(value)}; new accounts refuse a reservation`);
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 17. keys: the customer key for the functions, rotation that reaches new versions
// ---------------------------------------------------------------------------

export async function checkKeys(model) {
  const v = [];
  for (const [label, overrides, want] of [["defaults", {}, null], ["customer key", { kms_key_arn: SAMPLE_KMS_ARN }, SAMPLE_KMS_ARN]]) {
    for (const [key, fn] of Object.entries(await collectFunctions(model, rootCtx(model, overrides)))) {
      const got = (await iget(fn, ["kms_key_arn"])) ?? null;
      if (got !== want) v.push(`keys: the ${key} function's kms_key_arn (its environment) must be ${show(want)} with ${label} (got ${show(got)})`);
    }
  }
  // Keys rotate in place: the functions read the secret again as their keys age, so nothing of the
  // deployment may stand for a revision of the keys (an apply to take up new keys is the outage this avoids).
  if (root(model).variables.wechatpay_keys_revision) v.push("keys: variable wechatpay_keys_revision is back; a rotation is one put-secret-value, the functions read the secret again (WECHATPAY_KEYS_MAX_AGE)");
  const maxAge = 300;
  const existing = { create_wechatpay_secret: false, wechatpay_secret_arn: SAMPLE_SECRET_ARN, wechatpay_private_key_pem: null, wechatpay_public_key_pem: null,
    wechatpay_merchant_serial_no: null, wechatpay_public_key_id: null, wechatpay_keys_max_age_seconds: maxAge };
  for (const [key, fn] of Object.entries(await collectFunctions(model, rootCtx(model, existing)))) {
    const env = await environmentOf(fn);
    if (env.WECHATPAY_KEYS_MAX_AGE !== `${maxAge}s`) v.push(`keys: the ${key} function's WECHATPAY_KEYS_MAX_AGE must follow var.wechatpay_keys_max_age_seconds (got ${show(env.WECHATPAY_KEYS_MAX_AGE)})`);
    for (const name of ["WECHATPAY_MERCHANT_SERIAL_NO", "WECHATPAY_PUBLIC_KEY_ID"]) {
      if (name in env) v.push(`keys: the ${key} function sets ${name} without its variable: with today's secret it must come from the secret, or a renewal needs an apply`);
    }
  }
  for (const [key, fn] of Object.entries(await collectFunctions(model, rootCtx(model)))) {
    if (refsOf(unknownOfValues(await environmentOf(fn))).some((r) => r.startsWith("aws_secretsmanager_secret_version."))) {
      v.push(`keys: the ${key} function's configuration follows the secret's version: new keys must not need new versions`);
    }
  }
  // Operators hear of a secret that cannot be read, and of certificates running out, well before the end.
  const alarms = await alarmInstances(model, rootCtx(model));
  const functionNames = Object.fromEntries(await Promise.all(Object.entries(await collectFunctions(model, rootCtx(model))).map(async ([key, fn]) => [key, await iget(fn, ["function_name"])])));
  for (const [key, name] of Object.entries(functionNames)) {
    const watches = (metric, dims) => alarms.filter((a) => a.metrics.some((m) => m.name === metric && m.dimensions.FunctionName === name && Object.entries(dims).every(([d, x]) => m.dimensions[d] === x)));
    const failures = watches("KeyReadFailures", {});
    if (!failures.some((a) => a.comparison === "GreaterThanThreshold" && a.threshold === 0)) v.push(`keys: no alarm on the ${key} function's KeyReadFailures > 0`);
    for (const certificate of ["merchant", "platform"]) {
      const expiry = watches("CertificateDaysLeft", { Certificate: certificate });
      if (!expiry.some((a) => a.comparison === "LessThanThreshold" && a.threshold === 30 && a.statistic === "Minimum")) v.push(`keys: no alarm on the ${key} function's ${certificate} CertificateDaysLeft (Minimum < 30 days)`);
    }
  }
  const readme = model.sources["README.md"] ?? "";
  const section = sectionOf(readme, "## Rotating the keys");
  if (!section) v.push('keys: README has no "## Rotating the keys" section');
  else {
    if (!/aws secretsmanager put-secret-value\b/.test(section)) v.push("keys: the rotation must be one aws secretsmanager put-secret-value");
    if (/terraform apply|aws lambda delete-function|wechatpay_keys_revision/.test(section)) v.push("keys: the rotation needs no apply and no version clean-up; the README still says so");
  }
  if (!sectionOf(readme, "## Switching from platform certificates to the public key")) v.push('keys: README has no runbook "## Switching from platform certificates to the public key"');
  return v;
}

// ---------------------------------------------------------------------------
// 18. deployments: two in one account never see each other's metrics
// ---------------------------------------------------------------------------

/** A second deployment's name: everything an alarm or the dashboard selects must follow it. */
const OTHER_DEPLOYMENT = "rc-staging";

/** The dimension that names this deployment's resource in each AWS namespace the module may watch. */
const AWS_SCOPE_DIMENSION = { "AWS/Lambda": "FunctionName", "AWS/SQS": "QueueName", "AWS/ApiGateway": "ApiId", "AWS/Scheduler": "ScheduleGroup" };

/** This deployment's resources as metrics name them: functions by handler, queues, log groups, stages, metric filters. */
async function deploymentScope(model, ctx) {
  const mod = root(model);
  const functionNames = {};
  for (const [key, fn] of Object.entries(await collectFunctions(model, ctx))) functionNames[key] = await iget(fn, ["function_name"]);
  const names = async (type) => {
    const out = [];
    for (const i of await instancesOfType(mod, type, ctx)) out.push(await iget(i, ["name"]));
    return out;
  };
  const filters = [];
  for (const f of await instancesOfType(mod, "aws_cloudwatch_log_metric_filter", ctx)) {
    const mt = f.res.block.metric_transformation?.[0];
    filters.push({
      f,
      group: await iget(f, ["log_group_name"]),
      namespace: mt && (await evaluate(mt.namespace, f.ctx)),
      name: mt && (await evaluate(mt.name, f.ctx)),
      dimensions: (mt && (await evaluate(mt.dimensions ?? {}, f.ctx))) ?? {},
    });
  }
  return { mod, functionNames, queueNames: await names("aws_sqs_queue"), logGroupNames: await names("aws_cloudwatch_log_group"), stageNames: await names("aws_apigatewayv2_stage"), scheduleGroupNames: await names("aws_scheduler_schedule_group"), filters };
}

/** Whether a dimension value names this deployment's own resource; null when the check does not know the dimension. */
function ownValue(dimension, value, scope) {
  switch (dimension) {
    case "FunctionName":
      return Object.values(scope.functionNames).includes(value);
    case "QueueName":
      return scope.queueNames.includes(value);
    case "ApiId":
      return value instanceof Unknown && value.refs.size > 0 && [...value.refs].every((r) => /^aws_apigatewayv2_api\.[A-Za-z0-9_-]+\.id$/.test(r) && !!scope.mod.resources[r.slice(0, -".id".length)]);
    case "Stage":
      return scope.stageNames.includes(value) || refersTo(value, "aws_apigatewayv2_stage");
    case "ScheduleGroup":
      return scope.scheduleGroupNames.includes(value);
    default:
      return null;
  }
}

const label = (x) => (typeof x === "string" ? x : show(x));

/** What is wrong with one metric an alarm or the dashboard selects ({ namespace, name, dimensions }), seen from this deployment. */
function selectionProblems(m, scope, emf) {
  const out = [];
  const dims = m.dimensions ?? {};
  const notOwn = (d, value, whose) =>
    value === undefined ? `selects no ${d} of its own: every deployment in the account writes ${label(m.name)}` : `selects ${d} ${show(value)}, not one of this deployment's ${whose}: another deployment's ${label(m.name)} would reach it`;
  const filter = scope.filters.find((fm) => (m.name === fm.name || refersTo(m.name, fm.f.address)) && (m.namespace === fm.namespace || refersTo(m.namespace, fm.f.address)));
  if (filter) {
    // A metric this module's filter writes: its dimensions, each naming this deployment's resource.
    const want = Object.keys(filter.dimensions).sort();
    if (show(Object.keys(dims).sort()) !== show(want)) out.push(`watches ${label(filter.namespace)}/${label(filter.name)} by ${show(Object.keys(dims).sort())}; ${filter.f.address} writes it by ${show(want)}`);
    for (const d of want) if (ownValue(d, dims[d], scope) === false) out.push(notOwn(d, dims[d], "resources"));
    return out;
  }
  if (m.name in emf.metrics && m.namespace !== emf.namespace) return [`shows ${m.name} in ${show(m.namespace)}; the function writes it to ${emf.namespace} (${EMF_METRICS_SOURCE})`];
  if (m.namespace === emf.namespace) {
    const mismatch = emfMismatch(m, emf);
    if (mismatch) out.push(`watches ${mismatch}`);
    if (!ownValue("FunctionName", dims.FunctionName, scope)) out.push(notOwn("FunctionName", dims.FunctionName, `functions (${show(Object.values(scope.functionNames))})`));
    else if ("Handler" in dims) {
      const fn = scope.functionNames[dims.Handler];
      if (fn === undefined) out.push(`selects Handler ${show(dims.Handler)}, none of this module's handlers (${show(Object.keys(scope.functionNames))})`);
      else if (dims.FunctionName !== fn) out.push(`selects FunctionName ${show(dims.FunctionName)} with Handler ${show(dims.Handler)}: the ${dims.Handler} handler runs in ${show(fn)}, so it watches nothing`);
    }
    return out;
  }
  const scopeDim = typeof m.namespace === "string" ? AWS_SCOPE_DIMENSION[m.namespace] : undefined;
  if (!scopeDim) return [`watches namespace ${show(m.namespace)}: neither the function's (${emf.namespace}), a metric filter's of this module, nor one the check can tie to this deployment (${Object.keys(AWS_SCOPE_DIMENSION).join(", ")})`];
  if (!(scopeDim in dims)) out.push(`watches ${m.namespace}/${label(m.name)} without ${scopeDim}: that is the whole account's`);
  for (const [d, value] of Object.entries(dims)) {
    const own = ownValue(d, value, scope);
    if (own === null) out.push(`selects ${d} on ${m.namespace}/${label(m.name)}, a dimension the check cannot tie to this deployment`);
    else if (!own) out.push(notOwn(d, value, d === "FunctionName" ? `functions (${show(Object.values(scope.functionNames))})` : d === "QueueName" ? `queues (${show(scope.queueNames)})` : d === "ScheduleGroup" ? `schedule groups (${show(scope.scheduleGroupNames)})` : "resources"));
  }
  return out;
}

const isOptions = (x) => x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Unknown) && !(x instanceof Json);

/**
 * The metrics a SEARCH expression selects: its schema ({namespace,dimension...}) and its exact
 * terms (Name="value"); null for metric math without SEARCH. `loose` lists the dimensions matched
 * by an unquoted term, which CloudWatch matches by part: "rc-http" finds "rc-http-2" too.
 */
function parseSearch(expression) {
  if (typeof expression !== "string") return { problem: `has an expression the check cannot read (${show(expression)})` };
  const m = /SEARCH\(\s*'\{([^}]*)\}([^']*)'/.exec(expression);
  if (!m) return /SEARCH\(/.test(expression) ? { problem: `has a SEARCH the check cannot read: ${expression}` } : null;
  const [namespace, ...dims] = m[1].split(",").map((x) => x.trim().replace(/^"|"$/g, ""));
  const exact = {};
  const loose = [];
  for (const t of m[2].matchAll(/([A-Za-z]+)\s*=\s*(?:"([^"]*)"|([^\s"()]+))/g)) {
    if (t[2] !== undefined) exact[t[1]] = t[2];
    else loose.push(t[1]);
  }
  return { namespace, name: exact.MetricName, dimensions: Object.fromEntries(dims.map((d) => [d, exact[d]])), loose };
}

/** The dashboards' metric rows and SEARCH expressions: [{ where, namespace, name, dimensions }] or [{ where, problem }]. */
async function dashboardMetrics(model, ctx) {
  const out = [];
  for (const b of await instancesOfType(root(model), "aws_cloudwatch_dashboard", ctx)) {
    const body = await iget(b, ["dashboard_body"]);
    if (!(body instanceof Json) || !Array.isArray(body.value?.widgets)) {
      out.push({ where: b.address, problem: `has a dashboard_body the check cannot read (jsonencode({ widgets = [...] }) expected; got ${show(body).slice(0, 200)})` });
      continue;
    }
    for (const w of body.value.widgets) {
      const where = `${b.address} widget ${show(w?.properties?.title)}`;
      const rows = w?.properties?.metrics;
      if (rows === undefined) continue; // not a metric widget
      if (!Array.isArray(rows)) {
        out.push({ where, problem: `has metrics the check cannot read (${show(rows).slice(0, 200)})` });
        continue;
      }
      for (const row of rows) {
        if (!Array.isArray(row)) {
          out.push({ where, problem: `has a metric row the check cannot read (${show(row).slice(0, 200)})` });
          continue;
        }
        const options = row.find(isOptions);
        if (options?.expression !== undefined) {
          const search = parseSearch(options.expression);
          if (search) out.push({ where, ...search });
          continue;
        }
        const [namespace, name, ...pairs] = row.filter((x) => !isOptions(x));
        const dimensions = {};
        for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i]] = pairs[i + 1];
        out.push({ where, namespace, name, dimensions });
      }
    }
  }
  return out;
}

export async function checkDeployments(model) {
  const emf = emfMetrics(model);
  if (emf.error) return [`deployments: ${emf.error}`];
  const v = new Set();
  for (const overrides of [{}, { name: OTHER_DEPLOYMENT }, { name: OTHER_DEPLOYMENT, package_mode: "aot" }]) {
    const ctx = rootCtx(model, overrides);
    const scope = await deploymentScope(model, ctx);
    const tag = `(name = ${show(ctx.vars.name)}${overrides.package_mode ? `, ${overrides.package_mode}` : ""})`;
    const selections = [];
    for (const a of await alarmInstances(model, ctx)) for (const m of a.metrics) selections.push({ where: a.address, ...m });
    selections.push(...(await dashboardMetrics(model, ctx)));
    for (const m of selections) {
      if (m.problem) {
        v.add(`deployments: ${m.where} ${m.problem}`);
        continue;
      }
      for (const d of m.loose ?? []) if (d === "MetricName" || d in m.dimensions) v.add(`deployments: ${m.where} ${tag} matches ${d} in its SEARCH by part (unquoted); quote it (${d}="...") or another deployment's names that contain it match too`);
      for (const p of selectionProblems(m, scope, emf)) v.add(`deployments: ${m.where} ${tag} ${p}`);
    }
    // Metric filters count this deployment's own logs.
    for (const fm of scope.filters) {
      if (!scope.logGroupNames.includes(fm.group)) v.add(`deployments: ${fm.f.address} ${tag} counts log group ${show(fm.group)}, not one of this deployment's (${show(scope.logGroupNames)})`);
    }
  }
  return [...v];
}

// ---------------------------------------------------------------------------
// 19. the API's access log holds what its metric filters and alarms read
// ---------------------------------------------------------------------------

/** Access log fields the filters and alarm descriptions use, and the $context variable each must hold. */
const ACCESS_LOG_FIELDS = {
  apiId: "$context.apiId",
  requestId: "$context.requestId",
  status: "$context.status",
  routeKey: "$context.routeKey",
  callerArn: "$context.identity.userArn",
  jwtSubject: "$context.authorizer.claims.sub",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  errorMessage: "$context.error.message",
};

export async function checkAccessLog(model) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model);
  const groupNames = {};
  for (const g of await instancesOfType(mod, "aws_cloudwatch_log_group", ctx)) groupNames[g.address] = await iget(g, ["name"]);
  const stages = [];
  for (const st of await instancesOfType(mod, "aws_apigatewayv2_stage", ctx)) {
    const log = st.res.block.access_log_settings?.[0];
    if (!log) continue;
    const dest = await evaluate(log.destination_arn, st.ctx);
    const group = refsOf(dest).map(parseRef).find((r) => r?.resource.startsWith("aws_cloudwatch_log_group."))?.address;
    const format = await evaluate(log.format, st.ctx);
    if (!(format instanceof Json) || !format.value || typeof format.value !== "object") {
      v.push(`accessLog: ${st.address} must write its access log as jsonencode({ field = "$context..." }), so filters and on-call can read fields (got ${show(format).slice(0, 200)})`);
      continue;
    }
    stages.push({ st, group, groupName: groupNames[group], fields: format.value });
    // One id in both: the access log's line of a request, and the function's lines and outcome event of it.
    if (format.value.lambdaRequestId !== "$context.integration.requestId") v.push(`accessLog: ${st.address} must write lambdaRequestId = "$context.integration.requestId", the lambda_request_id of the function's lines (got ${show(format.value.lambdaRequestId)})`);
  }
  const written = (stage, field, by) => {
    const got = stage.fields[field];
    if (got === undefined) return `${by} reads $.${field}, which the access log of ${stage.st.address} does not write (its fields: ${Object.keys(stage.fields).join(", ")})`;
    if (ACCESS_LOG_FIELDS[field] && got !== ACCESS_LOG_FIELDS[field]) return `the access log field ${field}, which ${by} reads, must hold ${ACCESS_LOG_FIELDS[field]} (got ${show(got)})`;
    return null;
  };
  // Metric filters on an access log: the fields of their pattern, value and dimensions.
  for (const f of await instancesOfType(mod, "aws_cloudwatch_log_metric_filter", ctx)) {
    const group = await iget(f, ["log_group_name"]);
    const stage = stages.find((x) => (x.group && refersTo(group, x.group)) || (x.groupName !== undefined && group === x.groupName));
    if (!stage) continue;
    const mt = f.res.block.metric_transformation?.[0];
    const texts = [await iget(f, ["pattern"]), mt && (await evaluate(mt.value, f.ctx)), ...Object.values((mt && (await evaluate(mt.dimensions ?? {}, f.ctx))) ?? {})];
    const fields = new Set(texts.filter((t) => typeof t === "string").flatMap((t) => [...t.matchAll(/\$\.([A-Za-z0-9_]+)/g)].map((x) => x[1])));
    if (!fields.size) v.push(`accessLog: ${f.address} reads the access log but filters on no field of it (pattern ${show(texts[0])})`);
    for (const field of fields) {
      const problem = written(stage, field, f.address);
      if (problem) v.push(`accessLog: ${problem}`);
    }
  }
  // Alarms that send on-call to the access log name fields it must have.
  const named = Object.keys(ACCESS_LOG_FIELDS).filter((f) => /[A-Z]/.test(f)); // "status" is also a plain word
  for (const a of await alarmInstances(model, ctx)) {
    if (typeof a.description !== "string" || !/access log/i.test(a.description)) continue;
    for (const field of named) {
      if (!new RegExp(`\\b${field}\\b`).test(a.description)) continue;
      for (const stage of stages) {
        const problem = written(stage, field, `${a.address}'s description`);
        if (problem) v.push(`accessLog: ${problem}`);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 20. the module reads nothing outside its own folder (usable from git, or copied)
// ---------------------------------------------------------------------------

/** A path with a ".." segment: it leaves the folder it is relative to. */
const LEAVES_FOLDER = /(?:^|[\/"'(\s=])\.\.(?:[\/\\]|$)/;

export async function checkModulePaths(model) {
  const v = [];
  const mod = root(model);
  const visit = (value, where, key) => {
    if (key === "description" || key === "error_message") return; // prose
    if (typeof value === "string") {
      if (LEAVES_FOLDER.test(value)) v.push(`modulePaths: ${where} reads ${show(value)}, outside the module's folder: from a git source or a copy there is nothing around it; take the path as a variable (like lambda_zip_path)`);
      else if (/\bpath\.(root|cwd)\b/.test(value)) v.push(`modulePaths: ${where} uses ${/path\.(root|cwd)/.exec(value)[0]}, the caller's folder, not the module's (${show(value)}): take the path as a variable`);
    } else if (Array.isArray(value)) value.forEach((x) => visit(x, where));
    else if (value && typeof value === "object") for (const [k, x] of Object.entries(value)) visit(x, where, k);
  };
  for (const [name, { block, file }] of Object.entries(mod.variables)) visit(block, `variable "${name}" (${file})`);
  for (const [name, { expr, file }] of Object.entries(mod.locals)) visit(expr, `local.${name} (${file})`);
  for (const [addr, { block, file }] of Object.entries(mod.resources)) visit(block, `${addr} (${file})`);
  for (const [addr, { block, file }] of Object.entries(mod.data)) visit(block, `data.${addr} (${file})`);
  for (const [name, { block, file }] of Object.entries(mod.outputs)) visit(block, `output "${name}" (${file})`);
  for (const [name, { block, file }] of Object.entries(mod.modules)) visit(block, `module "${name}" (${file})`);
  for (const [name, { block, file }] of Object.entries(mod.checks)) visit(block, `check "${name}" (${file})`);
  if (!mod.variables.lambda_zip_path) v.push("modulePaths: no variable lambda_zip_path: the package comes from the caller");
  else if ("default" in mod.variables.lambda_zip_path.block) v.push(`modulePaths: lambda_zip_path has a default (${show(mod.variables.lambda_zip_path.block.default)}); a module used from git has no build beside it: make it required`);
  return v;
}

// ---------------------------------------------------------------------------
// 21. the example's state: remote, encrypted, locked, one key per deployment
// ---------------------------------------------------------------------------

/** A README section ("## Deploy") as text, "" when absent. */
function sectionOf(text, heading) {
  const start = (text ?? "").indexOf(`\n${heading}`);
  if (start < 0) return "";
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The commands of the ```sh blocks in a Markdown text: continuation lines joined, comments dropped. */
function shellCommands(markdown) {
  const out = [];
  for (const [, body] of (markdown ?? "").matchAll(/^[ \t]*```(?:sh|bash|shell|zsh)[^\n]*\n([\s\S]*?)^[ \t]*```/gm)) {
    let pending = "";
    for (const raw of body.split("\n")) {
      const line = raw.replace(/(^|\s)#(?![{!]).*$/, "$1").trimEnd();
      if (line.endsWith("\\")) {
        pending += `${line.slice(0, -1)} `;
        continue;
      }
      const command = (pending + line).trim();
      pending = "";
      if (command) out.push(command);
    }
  }
  return out;
}

/** Whether a version constraint (">= 1.10", "~> 1.11") admits only versions >= major.minor. */
function requiresAtLeast(constraint, major, minor) {
  const m = /(?:>=|~>|=)\s*v?(\d+)\.(\d+)/.exec(constraint ?? "");
  return !!m && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

export async function checkBackend(model) {
  const v = [];
  const ex = model.modules[EXAMPLE];
  if (!ex) return [`backend: ${EXAMPLE} is missing`];
  const backends = ex.terraform.flatMap(({ file, block }) => Object.entries(block.backend ?? {}).map(([type, blocks]) => ({ file, type, body: blocks?.[0] ?? {} })));
  if (backends.length !== 1 || backends[0].type !== "s3") {
    v.push(`backend: ${EXAMPLE} must keep its state in a backend "s3" (got ${show(backends.map((b) => b.type))}): the default, a local file, holds every resource's attributes (and a created secret's PEMs) on one machine`);
  } else {
    const { file, body } = backends[0];
    if (body.encrypt !== true) v.push(`backend: the backend "s3" of ${file} must set encrypt = true (got ${show(body.encrypt)})`);
    if (body.use_lockfile !== true) v.push(`backend: the backend "s3" of ${file} must set use_lockfile = true, or two applies can write the state at once (got ${show(body.use_lockfile)})`);
    for (const k of ["bucket", "key", "region"]) {
      if (k in body) v.push(`backend: the backend "s3" of ${file} sets ${k} = ${show(body[k])}; leave it to terraform init -backend-config=${k}=... (one bucket per account and region, one key per deployment)`);
    }
    const required = ex.terraform.map((t) => t.block.required_version).find(Boolean);
    if (body.use_lockfile === true && !requiresAtLeast(required, 1, 11)) v.push(`backend: use_lockfile needs Terraform >= 1.11 (experimental in 1.10), but ${EXAMPLE} requires ${show(required)}`);
  }
  const deploy = sectionOf(model.sources["README.md"], "## Deploy");
  const init = shellCommands(deploy).find((c) => /^terraform init\b/.test(c) && /-backend-config/.test(c));
  if (!init) v.push("backend: README's deploy section must run terraform init with -backend-config=bucket=..., key=... and region=... (the backend's partial configuration)");
  else {
    if (!/-backend-config[= ]"?bucket=/.test(init)) v.push(`backend: README's terraform init must give the state bucket (-backend-config=bucket=...; got ${init})`);
    if (!/-backend-config[= ]"?key=[^\s"]*\$\{?NAME\b/.test(init)) v.push(`backend: README's terraform init must give a state key of the deployment's own, with $NAME (got ${init}): two deployments sharing a key overwrite each other's state`);
    if (!/-backend-config[= ]"?region=\$\{?AWS_REGION\b/.test(init)) v.push(`backend: README's terraform init must take the region from $AWS_REGION (got ${init})`);
  }
  if (!/backend_override\.tf/.test(deploy) || !/backend "local"/.test(deploy)) v.push('backend: README\'s deploy section must spell out local state as the exception: a backend_override.tf with terraform { backend "local" {} }');
  return v;
}

// ---------------------------------------------------------------------------
// 22. README commands that run as typed on Linux and macOS, in any region, per deployment
// ---------------------------------------------------------------------------

/** Commands or flags of GNU/Linux that a Mac lacks (or takes differently), and what is wrong with each. */
const LINUX_ONLY = [
  [/\/dev\/shm\b/, "/dev/shm (macOS has none)"],
  [/\bshred\b/, "shred (not on macOS)"],
  [/\bsed\s+(?:-[A-Za-z]+\s+)*-[A-Za-z]*i(?:\s|$)/, "sed -i without a suffix (GNU and BSD sed read it differently; sed -i.bak works on both)"],
  [/\bdate\b[^|;&]*\s(?:-d\b|--date\b)/, "date -d (GNU date)"],
  [/\bdate\b[^|;&]*%N/, "date +%N (GNU date)"],
  [/\bbase64\b[^|;&]*\s(?:-w\b|--wrap\b)/, "base64 -w (GNU base64)"],
  [/\breadlink\s+-f\b/, "readlink -f (not on older macOS)"],
  [/\bstat\s+(?:-c\b|--format\b)/, "stat -c (GNU stat)"],
  [/\bgrep\s+(?:-[A-Za-z]+\s+)*-[A-Za-z]*P/, "grep -P (BSD grep has no -P)"],
  [/\bxargs\s+(?:-\S+\s+)*(?:-r\b|--no-run-if-empty\b)/, "xargs -r (GNU xargs)"],
  [/\b(?:sha256sum|sha1sum|md5sum)\b/, "sha256sum / md5sum (macOS: shasum -a 256)"],
  [/(?:^|[;&|(]\s*)timeout\s+\d/, "timeout (not on macOS)"],
  [/\bnproc\b/, "nproc (not on macOS)"],
  [/(?:^|[|;&]\s*)tac\b/, "tac (not on macOS)"],
  [/\bshuf\b/, "shuf (not on macOS)"],
  [/\bmktemp\s+--/, "mktemp --long-options (GNU mktemp)"],
  [/\becho\s+-e\b/, "echo -e (sh on macOS prints the -e; use printf)"],
  [/\b(?:apt-get|apt|yum|dnf)\s+install\b/, "a Linux package manager"],
];
/** An AWS region name typed into a command instead of $AWS_REGION. */
const REGION = /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/;

export async function checkPortability(model) {
  const v = [];
  for (const file of Object.keys(model.sources).filter((f) => f === "README.md" || f.endsWith("/README.md"))) {
    for (const command of shellCommands(model.sources[file])) {
      for (const [pattern, what] of LINUX_ONLY) if (pattern.test(command)) v.push(`portability: ${file} runs ${what}: ${command}`);
      // The one place a region is typed: where the user chooses it (or a test of that choice).
      const typed = command.replace(new RegExp(`"?\\$\\{?AWS_REGION\\}?"?\\s*!?==?\\s*"?${REGION.source}"?`, "g"), "");
      if (REGION.test(typed) && !/^(?:export\s+)?AWS_REGION=/.test(command)) v.push(`portability: ${file} types the region ${REGION.exec(typed)[0]} into a command; use "$AWS_REGION", the region the user chose: ${command}`);
      if (/^awscurl\b/.test(command) && !/--region[= ]"?\$\{?AWS_REGION\b/.test(command)) v.push(`portability: ${file} signs an awscurl call without --region "$AWS_REGION" (awscurl signs for its own default region, a 403 elsewhere): ${command}`);
    }
  }
  // Twice in one account: the deploy section's names and state follow $NAME.
  const commands = shellCommands(sectionOf(model.sources["README.md"], "## Deploy"));
  if (!commands.some((c) => /^export NAME=/.test(c))) v.push("portability: README's deploy section must set NAME, one per deployment (export NAME=...)");
  const createSecret = commands.find((c) => /aws secretsmanager create-secret\b/.test(c));
  if (!createSecret || !/--name\s+"?\$\{?NAME\b/.test(createSecret)) v.push(`portability: README's secret must be named after the deployment (aws secretsmanager create-secret --name "$NAME/..."; got ${show(createSecret)}): a second deployment, or one after a destroy, collides with a fixed name`);
  const applies = commands.filter((c) => /^terraform (?:apply|plan)\b/.test(c));
  if (!applies.length) v.push("portability: README's deploy section has no terraform apply command");
  for (const c of applies) {
    if (!/-var\s+"?name="?\$\{?NAME\b/.test(c)) v.push(`portability: README's ${c.split(" ").slice(0, 2).join(" ")} must pass -var name="$NAME" (got ${c})`);
    if (!/-var\s+"?region="?\$\{?AWS_REGION\b/.test(c)) v.push(`portability: README's ${c.split(" ").slice(0, 2).join(" ")} must pass -var region="$AWS_REGION" (got ${c})`);
  }
  return v;
}

// ---------------------------------------------------------------------------
// 23. closes scheduled at a deadline (enable_scheduled_close, scheduler.tf)
// ---------------------------------------------------------------------------

/** What the http function reads when scheduled closes are on (its ScheduleConfig); unset, the feature is off. */
export const SCHEDULE_ENV = ["SCHEDULE_GROUP_NAME", "SCHEDULE_QUEUE_ARN", "SCHEDULE_ROLE_ARN", "SCHEDULE_DEAD_LETTER_ARN", "SCHEDULE_MAX_AHEAD"];
/** What the function calls on its schedules (CloseSchedules): all of it, nothing more. */
const SCHEDULER_ACTIONS = ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:UpdateSchedule"];
/**
 * EventBridge Scheduler's metrics (namespace AWS/Scheduler, the one dimension ScheduleGroup):
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html, and the names as
 * aws-cdk-lib's ScheduleGroup.metric*() select them (packages/aws-cdk-lib/aws-scheduler/lib/schedule-group.ts).
 */
const SCHEDULER_METRICS = [
  "InvocationAttemptCount",
  "TargetErrorCount",
  "TargetErrorThrottledCount",
  "InvocationThrottleCount",
  "InvocationDroppedCount",
  "InvocationsSentToDeadLetterCount",
  "InvocationsFailedToBeSentToDeadLetterCount",
  "InvocationsSentToDeadLetterCount_Truncated_MessageSizeExceeded",
];
/** Alarmed on: a delivery the queue refused (retried for a day), and a close given up and not dead-lettered. */
const SCHEDULER_ALARMED_METRICS = ["TargetErrorCount", "InvocationsFailedToBeSentToDeadLetterCount"];
/** How long EventBridge Scheduler's dead-letter queue keeps a close that did not happen: 14 days, the most SQS keeps. */
const SCHEDULER_DLQ_RETENTION_SECONDS = 1209600;
const SCHEDULER_SERVICE = "scheduler.amazonaws.com";
/** "arn:${partition}:scheduler:${region}:${account}:schedule/<group>/*", as renderTemplate writes it: the group. */
const SCHEDULES_OF_GROUP = /^arn:\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}:scheduler:\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(?:region|name)\}:\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}:schedule\/([^/*]+)\/\*$/;
const ACCOUNT_ID = /^\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}$/;

/** The role a function runs as: 'aws_iam_role.this["http"]', or undefined. */
async function roleAddressOf(model, fn) {
  const role = await iget(fn, ["role"]);
  return refsOf(role).map(parseRef).find((r) => r && r.attr === "arn" && r.resource.startsWith("aws_iam_role.") && root(model).resources[r.resource])?.address;
}

/** The resource instance an ARN reference names ('aws_sqs_queue.x[0].arn' -> that instance), or null. */
async function instanceOfArn(model, value, type, ctx) {
  const refs = refsOf(value);
  if (refs.length !== 1) return null;
  const parsed = parseRef(refs[0]);
  if (!parsed || parsed.attr !== "arn" || !parsed.resource.startsWith(`${type}.`)) return null;
  return instanceOfRef(root(model), parsed, ctx);
}

/** The condition values of a statement for one key, rendered: [{ test, values }]. */
const conditionOn = (s, variable) => (s.conditions ?? []).filter((c) => c.variable === variable).map((c) => ({ test: c.test, values: [].concat(c.values ?? []).map(renderTemplate) }));

/** The root model with some configured attributes of one resource replaced (to probe a precondition). */
function withAttributes(model, address, attributes) {
  const mod = root(model);
  const res = mod.resources[address];
  if (!res) return null;
  const resources = { ...mod.resources, [address]: { ...res, block: { ...res.block, ...attributes } } };
  return { ...model, modules: { ...model.modules, [ROOT]: { ...mod, resources } } };
}

/** Every AWS/Scheduler metric the alarms and the dashboard select, with where. */
async function schedulerSelections(model, ctx) {
  const out = [];
  for (const a of await alarmInstances(model, ctx)) for (const m of a.metrics) if (m.namespace === "AWS/Scheduler") out.push({ where: a.address, ...m });
  for (const m of await dashboardMetrics(model, ctx)) if (m.namespace === "AWS/Scheduler") out.push(m);
  return out;
}

/**
 * With scheduled closes on: the group, the http function's settings and permissions, the scheduler
 * role, its DLQ, and (watch: the alarms and the dashboard, once is enough) what watches them.
 */
async function scheduledCloseOn(model, overrides, tag, watch) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model, { ...overrides, enable_scheduled_close: true });
  const fns = await collectFunctions(model, ctx);
  if (!fns.http || !fns.sqs) return [`scheduled: ${tag} cannot find the http and sqs functions`];
  const env = await environmentOf(fns.http);
  const { queue } = await sqsWiring(model, ctx);
  const dlq = await dlqOf(model, ctx);
  if (!queue || !dlq) return [`scheduled: ${tag} cannot find the command queue and its dead-letter queue`];
  const queueArn = `aws_sqs_queue.${queue.name}.arn`;

  // The function's own schedule group, named after the deployment; the http function gets its name.
  const groups = await instancesOfType(mod, "aws_scheduler_schedule_group", ctx);
  if (groups.length !== 1) return [`scheduled: ${tag} needs exactly one aws_scheduler_schedule_group, the function's own (got ${groups.length})`];
  const group = groups[0];
  const groupName = await iget(group, ["name"]);
  if (typeof groupName !== "string" || !groupName.includes(ctx.vars.name)) v.push(`scheduled: ${tag} ${group.address} must be named after the deployment, with var.name ${show(ctx.vars.name)} (got ${show(groupName)}): another deployment's group would get its schedules`);
  if (show(env.SCHEDULE_GROUP_NAME) !== show(groupName)) v.push(`scheduled: ${tag} the http function's SCHEDULE_GROUP_NAME must be ${group.address}'s name ${show(groupName)} (got ${show(env.SCHEDULE_GROUP_NAME)})`);
  if (show(refsOf(env.SCHEDULE_QUEUE_ARN)) !== show([queueArn])) v.push(`scheduled: ${tag} the http function's SCHEDULE_QUEUE_ARN must be the command queue's ARN, ${queueArn}, the schedules' target (got ${show(env.SCHEDULE_QUEUE_ARN)})`);
  if (env.SCHEDULE_MAX_AHEAD !== ctx.vars.scheduled_close_max_ahead) v.push(`scheduled: ${tag} the http function's SCHEDULE_MAX_AHEAD must be var.scheduled_close_max_ahead ${show(ctx.vars.scheduled_close_max_ahead)} (got ${show(env.SCHEDULE_MAX_AHEAD)})`);
  const sqsEnv = await environmentOf(fns.sqs);
  for (const name of SCHEDULE_ENV) if (name in sqsEnv) v.push(`scheduled: ${tag} the sqs function gets ${name}, which only the http handler reads`);

  // The role the scheduler delivers as: of its own, trusted by the scheduler for this account's schedules.
  const functionRoles = [await roleAddressOf(model, fns.http), await roleAddressOf(model, fns.sqs)];
  const role = await instanceOfArn(model, env.SCHEDULE_ROLE_ARN, "aws_iam_role", ctx);
  if (!role || functionRoles.includes(role.address)) v.push(`scheduled: ${tag} the http function's SCHEDULE_ROLE_ARN must be the ARN of an aws_iam_role of this module for the scheduler alone, not a function's (got ${show(env.SCHEDULE_ROLE_ARN)})`);
  const deadLetters = await instanceOfArn(model, env.SCHEDULE_DEAD_LETTER_ARN, "aws_sqs_queue", ctx);
  if (!deadLetters || deadLetters.res === queue || deadLetters.res === dlq.res) v.push(`scheduled: ${tag} the http function's SCHEDULE_DEAD_LETTER_ARN must be the ARN of a queue of the scheduler's own, neither the command queue nor its dead-letter queue (got ${show(env.SCHEDULE_DEAD_LETTER_ARN)})`);
  const deadLettersArn = deadLetters && `${deadLetters.address}.arn`;
  if (role) {
    const trust = await statementsOfPolicy(model, await iget(role, ["assume_role_policy"]), role.ctx, role.address);
    const allows = trust.filter((s) => s.effect !== "Deny");
    if (!allows.length) v.push(`scheduled: ${tag} ${role.address} needs a trust policy (aws_iam_policy_document) letting ${SCHEDULER_SERVICE} assume it`);
    for (const s of allows) {
      const principals = (s.principals ?? []).map((p) => ({ type: p.type, identifiers: [].concat(p.identifiers ?? []) }));
      if (show(principals) !== show([{ type: "Service", identifiers: [SCHEDULER_SERVICE] }]) || show(s.actions) !== show(["sts:AssumeRole"])) v.push(`scheduled: ${tag} ${role.address} must let only the service ${SCHEDULER_SERVICE} assume it (sts:AssumeRole; got ${show(s.actions)} for ${show(principals)})`);
      const account = conditionOn(s, "aws:SourceAccount");
      if (account.length !== 1 || account[0].test !== "StringEquals" || account[0].values.length !== 1 || !ACCOUNT_ID.test(account[0].values[0])) v.push(`scheduled: ${tag} ${role.address} must trust the scheduler for this account's schedules only: a StringEquals aws:SourceAccount condition with data.aws_caller_identity's account_id (confused deputy; got ${show(account)})`);
    }
    // It sends the command to the command queue, and what it cannot deliver to its own DLQ: nothing else.
    const statements = await policyStatementsOfRole(model, role.address, ctx);
    const sendTo = [];
    for (const s of statements) {
      for (const a of s.actions) if (!["sqs:SendMessage", "kms:GenerateDataKey", "kms:Decrypt"].includes(a)) v.push(`scheduled: ${tag} ${role.address} may ${a}; it only sends to the command queue and its dead-letter queue`);
      if (s.actions.includes("sqs:SendMessage")) sendTo.push(...s.resources);
    }
    const sendRefs = sendTo.map((r) => (refsOf(r).length === 1 ? refsOf(r)[0] : show(r))).sort();
    if (show(sendRefs) !== show([queueArn, deadLettersArn].sort())) v.push(`scheduled: ${tag} ${role.address} may send to ${show(sendRefs)}; sqs:SendMessage only on the command queue (${queueArn}) and the scheduler's dead-letter queue (${deadLettersArn})`);
    const kms = statements.filter((s) => s.actions.some((a) => a.startsWith("kms:")));
    if (overrides.kms_key_arn) {
      if (!kms.some((s) => s.actions.includes("kms:GenerateDataKey") && s.actions.includes("kms:Decrypt"))) v.push(`scheduled: ${tag} ${role.address} cannot send to queues encrypted with the customer key (kms:GenerateDataKey and kms:Decrypt on it)`);
      for (const s of kms) {
        if (show(s.resources) !== show([overrides.kms_key_arn])) v.push(`scheduled: ${tag} ${role.address} kms on ${show(s.resources)}, must be the given key`);
        const via = conditionOn(s, "kms:ViaService");
        const services = via.flatMap((c) => c.values.map((x) => VIA_SERVICE.exec(x)?.[1] ?? x));
        if (via.length !== 1 || via[0].test !== "StringEquals" || show(services) !== show(["sqs"])) v.push(`scheduled: ${tag} ${role.address} may use the customer key only through sqs.<this region>.amazonaws.com (a StringEquals kms:ViaService condition; got ${show(via)})`);
      }
    } else if (kms.length) v.push(`scheduled: ${tag} ${role.address} has KMS permissions although no customer key is configured`);
  }

  // The http function: its group's schedules and passing that role to the scheduler; the sqs function neither.
  const httpStatements = await policyStatementsOfRole(model, functionRoles[0], ctx);
  const scheduleStatements = httpStatements.filter((s) => s.actions.some((a) => a.startsWith("scheduler:")));
  const granted = [...new Set(scheduleStatements.flatMap((s) => s.actions))].sort();
  if (show(granted) !== show(SCHEDULER_ACTIONS)) v.push(`scheduled: ${tag} the http role's scheduler actions must be exactly ${show(SCHEDULER_ACTIONS)}, what the function calls (got ${show(granted)})`);
  for (const s of scheduleStatements) {
    const own = s.resources.map(renderTemplate).map((r) => SCHEDULES_OF_GROUP.exec(r)?.[1]);
    if (!own.length || own.some((g) => g !== groupName)) v.push(`scheduled: ${tag} the http role may manage schedules on ${show(s.resources.map(renderTemplate))}; only those of its group, arn:<partition>:scheduler:<region>:<account>:schedule/${groupName}/*`);
  }
  const iamStatements = httpStatements.filter((s) => s.actions.some((a) => a.startsWith("iam:")));
  if (!iamStatements.length) v.push(`scheduled: ${tag} the http role cannot pass the scheduler role (iam:PassRole): every CreateSchedule would be refused`);
  for (const s of iamStatements) {
    const passedTo = conditionOn(s, "iam:PassedToService");
    if (show(s.actions) !== show(["iam:PassRole"]) || show(s.resources) !== show([env.SCHEDULE_ROLE_ARN])) v.push(`scheduled: ${tag} the http role may ${show(s.actions)} on ${show(s.resources.map(renderTemplate))}; only iam:PassRole on the scheduler role (SCHEDULE_ROLE_ARN)`);
    if (passedTo.length !== 1 || passedTo[0].test !== "StringEquals" || show(passedTo[0].values) !== show([SCHEDULER_SERVICE])) v.push(`scheduled: ${tag} the http role's iam:PassRole needs a StringEquals iam:PassedToService = ${SCHEDULER_SERVICE} condition (got ${show(passedTo)})`);
  }
  const sqsStatements = await policyStatementsOfRole(model, functionRoles[1], ctx);
  if (sqsStatements.some((s) => s.actions.some((a) => a.startsWith("scheduler:") || a.startsWith("iam:")))) v.push(`scheduled: ${tag} the sqs role has scheduler or iam permissions; only the http function schedules closes`);

  // The scheduler's dead-letter queue: standard (EventBridge Scheduler takes no FIFO one), 14 days, TLS only.
  if (deadLetters) {
    const name = await iget(deadLetters, ["name"]);
    if ((await iget(deadLetters, ["fifo_queue"])) === true || (typeof name === "string" && name.endsWith(".fifo"))) v.push(`scheduled: ${tag} ${deadLetters.address} must be a standard queue whatever fifo_queue says: EventBridge Scheduler takes no FIFO dead-letter queue (got ${show(name)})`);
    const retention = await iget(deadLetters, ["message_retention_seconds"]);
    if (retention !== SCHEDULER_DLQ_RETENTION_SECONDS) v.push(`scheduled: ${tag} ${deadLetters.address} must keep messages ${SCHEDULER_DLQ_RETENTION_SECONDS} s (14 days: each is a close that did not happen; got ${show(retention)})`);
    const st = await queuePolicyStatements(model, deadLetters.res, deadLetters.ctx);
    if (!deniesPlainHttp(st, `aws_sqs_queue.${deadLetters.res.name}`)) v.push(`scheduled: ${tag} ${deadLetters.address}'s policy must deny sqs:* when aws:SecureTransport is false`);
    const allowed = st.filter((s) => s.effect === "Allow").flatMap((s) => principalIds(s));
    if (show(allowed) !== show([env.SCHEDULE_ROLE_ARN])) v.push(`scheduled: ${tag} ${deadLetters.address}'s policy must allow sqs:SendMessage to the scheduler role only (got ${show(allowed)})`);
  }

  // A FIFO command queue: the scheduled sends carry a message group id and no deduplication id.
  if (overrides.fifo_queue && (await get(queue, ["content_based_deduplication"], ctx)) !== true) v.push(`scheduled: ${tag} the FIFO command queue aws_sqs_queue.${queue.name} needs content_based_deduplication: the scheduled sends carry a message group id but no deduplication id`);

  // Alarms: the scheduler's dead-letter queue not empty, its target errors, closes lost.
  if (!watch) return v;
  const alarms = await alarmInstances(model, ctx);
  const dlqName = deadLetters && (await iget(deadLetters, ["name"]));
  if (!alarms.some((a) => a.threshold === 0 && a.comparison === "GreaterThanThreshold" && a.metrics.some((m) => m.namespace === "AWS/SQS" && m.name === "ApproximateNumberOfMessagesVisible" && m.dimensions.QueueName !== undefined && m.dimensions.QueueName === dlqName))) {
    v.push(`scheduled: ${tag} no alarm on the scheduler's dead-letter queue (AWS/SQS ApproximateNumberOfMessagesVisible > 0 on ${show(dlqName)})`);
  }
  for (const metric of SCHEDULER_ALARMED_METRICS) {
    const a = alarms.filter((x) => x.metrics.some((m) => m.namespace === "AWS/Scheduler" && m.name === metric && m.dimensions.ScheduleGroup === groupName));
    if (!a.some((x) => x.statistic === "Sum" && x.threshold === 0 && x.comparison === "GreaterThanThreshold")) v.push(`scheduled: ${tag} no alarm on AWS/Scheduler ${metric} (Sum > 0) of the schedule group ${show(groupName)}`);
  }
  for (const m of await schedulerSelections(model, ctx)) {
    if (!SCHEDULER_METRICS.includes(m.name)) v.push(`scheduled: ${tag} ${m.where} watches AWS/Scheduler ${show(m.name)}, which EventBridge Scheduler does not publish (${SCHEDULER_METRICS.join(", ")})`);
    if (show(Object.keys(m.dimensions ?? {}).sort()) !== show(["ScheduleGroup"])) v.push(`scheduled: ${tag} ${m.where} watches AWS/Scheduler ${show(m.name)} by ${show(Object.keys(m.dimensions ?? {}).sort())}; EventBridge Scheduler publishes it by ["ScheduleGroup"]`);
  }
  return v;
}

/** With scheduled closes off: none of it (the DELETE route stays: the function answers 501). */
async function scheduledCloseOff(model, overrides, tag) {
  const v = [];
  const mod = root(model);
  const ctx = rootCtx(model, { ...overrides, enable_scheduled_close: false });
  const fns = await collectFunctions(model, ctx);
  const { queue } = await sqsWiring(model, ctx);
  const dlq = await dlqOf(model, ctx);
  for (const g of await instancesOfType(mod, "aws_scheduler_schedule_group", ctx)) v.push(`scheduled: ${tag} still creates ${g.address}`);
  const rejected = await rejectedOf(model, ctx);
  for (const q of await instancesOfType(mod, "aws_sqs_queue", ctx)) if (q.res !== queue && q.res !== dlq?.res && q.res !== rejected?.res) v.push(`scheduled: ${tag} still creates ${q.address}`);
  const functionRoles = await Promise.all(Object.values(fns).map((fn) => roleAddressOf(model, fn)));
  for (const r of await instancesOfType(mod, "aws_iam_role", ctx)) if (!functionRoles.includes(r.address)) v.push(`scheduled: ${tag} still creates ${r.address}; without scheduled closes the functions' roles are all`);
  for (const [key, fn] of Object.entries(fns)) {
    const env = await environmentOf(fn);
    for (const name of SCHEDULE_ENV) if (name in env) v.push(`scheduled: ${tag} the ${key} function still gets ${name}: unset, the function answers 501 SCHEDULED_CLOSE_DISABLED`);
    const statements = await policyStatementsOfRole(model, await roleAddressOf(model, fn), ctx);
    for (const s of statements) if (s.actions.some((a) => a.startsWith("scheduler:") || a.startsWith("iam:"))) v.push(`scheduled: ${tag} the ${key} role still may ${show(s.actions)}`);
  }
  for (const m of await schedulerSelections(model, ctx)) v.push(`scheduled: ${tag} ${m.where} still watches AWS/Scheduler ${show(m.name)}`);
  const keys = await Promise.all((await instancesOfType(mod, "aws_apigatewayv2_route", ctx)).map((r) => iget(r, ["route_key"])));
  if (!keys.includes(CLOSE_ROUTE_KEYS[1])) v.push(`scheduled: ${tag} the route ${CLOSE_ROUTE_KEYS[1]} must stay (the function answers it 501 SCHEDULED_CLOSE_DISABLED; the API and its callers' policy do not change with the switch): got ${show(keys)}`);
  return v;
}

export async function checkScheduledClose(model) {
  const v = [];
  const mod = root(model);
  const variable = mod.variables.enable_scheduled_close;
  if (!variable) return ["scheduled: no variable enable_scheduled_close"];
  // On by default (README: the HTTP contract includes scheduling; off, clients get 501), and in the example.
  if (variable.block.default !== true) v.push(`scheduled: enable_scheduled_close must default to true, as infra/README.md says (got ${show(variable.block.default)})`);
  const ex = model.modules[EXAMPLE];
  const call = ex && Object.values(ex.modules).find((m) => resolveModuleSource(EXAMPLE, m.block.source) === ROOT);
  if (call) {
    const value = call.block.enable_scheduled_close === undefined ? variable.block.default : await evaluate(call.block.enable_scheduled_close, makeContext(model, EXAMPLE, SAMPLE_EXAMPLE_REQUIRED));
    if (value !== true) v.push(`scheduled: ${EXAMPLE} must enable scheduled closes (enable_scheduled_close = ${show(value)})`);
  }
  v.push(...(await scheduledCloseOn(model, {}, "(enabled, defaults)", true)));
  const other = { name: OTHER_DEPLOYMENT, fifo_queue: true, kms_key_arn: SAMPLE_KMS_ARN, scheduled_close_max_ahead: "PT12H" };
  v.push(...(await scheduledCloseOn(model, other, `(enabled, name = "${OTHER_DEPLOYMENT}", FIFO, customer key)`, false)));
  v.push(...(await scheduledCloseOff(model, { fifo_queue: true, kms_key_arn: SAMPLE_KMS_ARN }, "(enable_scheduled_close = false, FIFO, customer key)")));
  // SCHEDULE_MAX_AHEAD: what the function's java.time.Duration takes, positive; the rest refused at plan time.
  const only = ["var.scheduled_close_max_ahead"];
  for (const good of ["P30D", "PT12H", "P1DT12H", "PT90M"]) for (const r of await rejections(model, { scheduled_close_max_ahead: good }, ROOT, SAMPLE_PACKAGE_BYTES, only)) v.push(`scheduled: scheduled_close_max_ahead = "${good}" is refused: ${r}`);
  for (const bad of ["30 days", "P0D", "P1M", "P2W", "PT", "P1DT", "30D"]) if (!(await rejections(model, { scheduled_close_max_ahead: bad }, ROOT, SAMPLE_PACKAGE_BYTES, only)).length) v.push(`scheduled: scheduled_close_max_ahead = "${bad}" is accepted; the function would refuse to start on it`);
  for (const name of SCHEDULE_ENV) {
    if (!(await rejections(model, { extra_environment_variables: { [name]: "x" } }, ROOT, SAMPLE_PACKAGE_BYTES, ["var.extra_environment_variables"])).length) v.push(`scheduled: extra_environment_variables may set ${name}, which this module manages`);
  }
  // A FIFO command queue without content-based deduplication is refused while scheduled closes are on.
  const { queue } = await sqsWiring(model, rootCtx(model));
  const forced = queue && withAttributes(model, `aws_sqs_queue.${queue.name}`, { content_based_deduplication: false });
  if (forced && !(await rejections(forced, { fifo_queue: true, enable_scheduled_close: true })).some((r) => /deduplication/.test(r))) {
    v.push("scheduled: a FIFO command queue without content_based_deduplication is not refused at plan time with enable_scheduled_close (the scheduled sends carry no deduplication id)");
  }
  return [...new Set(v)];
}

// ---------------------------------------------------------------------------

export const CHECKS = {
  syntax: checkSyntax,
  references: checkReferences,
  documentation: checkDocumentation,
  outputs: checkOutputs,
  deadVariables: checkDeadVariables,
  packageModes: checkPackageModes,
  packageUpload: checkPackageUpload,
  secrets: checkSecrets,
  iam: checkIam,
  api: checkApi,
  aliasTriggers: checkAliasTriggers,
  eventSourceMapping: checkEventSourceMapping,
  deadLetterQueue: checkDeadLetterQueue,
  deadLetterSend: checkDeadLetterSend,
  fifo: checkFifo,
  callers: checkCallers,
  sizing: checkSizing,
  queueEncryption: checkQueueEncryption,
  visibilityTimeout: checkVisibilityTimeout,
  timeouts: checkTimeouts,
  logs: checkLogs,
  alarms: checkAlarms,
  onCall: checkOnCall,
  example: checkExample,
  terraformTests: checkTerraformTests,
  readme: checkReadme,
  ordering: checkOrdering,
  defaults: checkDefaults,
  keys: checkKeys,
  deployments: checkDeployments,
  accessLog: checkAccessLog,
  modulePaths: checkModulePaths,
  backend: checkBackend,
  portability: checkPortability,
  scheduledClose: checkScheduledClose,
  outcomeEvents: checkOutcomeEvents,
  backlog: checkBacklog,
};

// ---------------------------------------------------------------------------
// 24. Outcome events: every close's outcome on the deployment's bus, nowhere else, watched
// ---------------------------------------------------------------------------

export async function checkOutcomeEvents(model) {
  const v = [];
  const variable = root(model).variables.enable_outcome_events;
  if (!variable) return ["outcomeEvents: variable enable_outcome_events is missing"];
  if (variable.block.default !== true) v.push(`outcomeEvents: enable_outcome_events must default to true: the platform learns of every close (got ${show(variable.block.default)})`);
  for (const enabled of [true, false]) {
    const ctx = rootCtx(model, { enable_outcome_events: enabled });
    const buses = await instancesOfType(root(model), "aws_cloudwatch_event_bus", ctx);
    if (buses.length !== (enabled ? 1 : 0)) v.push(`outcomeEvents: ${enabled ? "one bus" : "no bus"} with enable_outcome_events = ${enabled} (got ${buses.length})`);
    const busName = enabled && buses.length ? await iget(buses[0], ["name"]) : undefined;
    const archives = await instancesOfType(root(model), "aws_cloudwatch_event_archive", ctx);
    if (enabled && !(archives.length === 1 && refersTo(await iget(archives[0], ["event_source_arn"]), "aws_cloudwatch_event_bus.outcomes")
      && (await iget(archives[0], ["retention_days"])) === 400)) v.push("outcomeEvents: the bus's events must be archived, for outcome_events_archive_retention_days (400 by default)");
    const alarms = await alarmInstances(model, ctx);
    for (const [key, fn] of Object.entries(await collectFunctions(model, ctx))) {
      const env = await environmentOf(fn);
      if (enabled && (env.EVENTS_BUS_NAME === undefined || env.EVENTS_BUS_NAME !== busName)) v.push(`outcomeEvents: the ${key} function's EVENTS_BUS_NAME must be the bus's name (got ${show(env.EVENTS_BUS_NAME)})`);
      if (!enabled && "EVENTS_BUS_NAME" in env) v.push(`outcomeEvents: the ${key} function puts events with enable_outcome_events = false`);
      const puts = (await policyStatementsOfRole(model, `aws_iam_role.this[${JSON.stringify(key)}]`, ctx)).filter((st) => st.actions.some((a) => /^events:/.test(a)));
      if (enabled && !(puts.length === 1 && show(puts[0].actions) === show(["events:PutEvents"]) && puts[0].resources.length === 1 && refersTo(puts[0].resources[0], "aws_cloudwatch_event_bus.outcomes"))) {
        v.push(`outcomeEvents: the ${key} role must have events:PutEvents on the outcome bus only (got ${show(puts.map((st) => [st.actions, st.resources]))})`);
      }
      if (!enabled && puts.length) v.push(`outcomeEvents: the ${key} role may put events with enable_outcome_events = false`);
      const name = await iget(fn, ["function_name"]);
      const watched = alarms.some((a) => a.comparison === "GreaterThanThreshold" && a.threshold === 0
        && a.metrics.some((m) => m.name === "OutcomeEventFailures" && m.dimensions.FunctionName === name && m.dimensions.Handler === key));
      if (enabled !== watched) v.push(`outcomeEvents: ${enabled ? "no" : "an"} alarm on the ${key} function's OutcomeEventFailures > 0 with enable_outcome_events = ${enabled}`);
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// 25. A backlog outlives a WeChat Pay outage of queue_outage_budget_seconds
// ---------------------------------------------------------------------------

/** The least a message waits over its first `receives` receives, by the function's rule (HandBack: at least half of min(max, first * 2^(n-1))). */
function leastWait(receives, first, max) {
  let total = 0;
  for (let n = 1; n <= receives; n++) total += Math.min(max, first * 2 ** (n - 1)) / 2;
  return total;
}

export async function checkBacklog(model) {
  const v = [];
  const ctx = rootCtx(model);
  const functions = await collectFunctions(model, ctx);
  const env = await environmentOf(functions.sqs);
  if (env.SQS_BACKOFF_FIRST !== "60s") v.push(`backlog: the sqs function's SQS_BACKOFF_FIRST must be 60s, from sqs_backoff_first_seconds (got ${show(env.SQS_BACKOFF_FIRST)})`);
  if (env.SQS_BACKOFF_MAX !== "3600s") v.push(`backlog: the sqs function's SQS_BACKOFF_MAX must be 3600s, from sqs_backoff_max_seconds (got ${show(env.SQS_BACKOFF_MAX)})`);
  if ("SQS_BACKOFF_FIRST" in (await environmentOf(functions.http))) v.push("backlog: the http function has no queue to hand messages back to");
  const queue = ofType(root(model), "aws_sqs_queue").find((q) => q.name === "commands");
  for (const [budget, first, max] of [[86400, 60, 3600], [3600, 60, 3600], [604800, 30, 43200], [600, 1, 1]]) {
    const probe = rootCtx(model, { queue_outage_budget_seconds: budget, sqs_backoff_first_seconds: first, sqs_backoff_max_seconds: max, queue_message_retention_seconds: 1209600 });
    const count = (await get(queue, ["redrive_policy"], probe))?.value?.maxReceiveCount;
    // Every receive but the last is spent waiting; the last closes once WeChat Pay is back.
    if (!(count >= 1) || leastWait(count - 1, first, max) < budget) v.push(`backlog: maxReceiveCount ${show(count)} runs out before a ${budget} s outage (waits from ${first} s to ${max} s)`);
    if (count > 1 && leastWait(count - 2, first, max) >= budget) v.push(`backlog: maxReceiveCount ${count} is more than a ${budget} s outage needs (waits from ${first} s to ${max} s)`);
  }
  // Set by hand, the count and the retention are held to the budget at plan time.
  const refusals = async (overrides) => (await rejections(model, overrides)).join("\n");
  if (!/runs out before queue_outage_budget_seconds/.test(await refusals({ max_receive_count: 10 }))) v.push("backlog: max_receive_count = 10 with a 86400 s budget must be refused at plan time");
  if (!/queue_message_retention_seconds must outlast/.test(await refusals({ queue_message_retention_seconds: 86400 }))) v.push("backlog: a retention of 86400 s with a 86400 s budget must be refused at plan time");
  if (!/must be shorter than queue_outage_budget_seconds/.test(await refusals({ queue_oldest_message_age_alarm_seconds: 86400 }))) v.push("backlog: an oldest-message alarm of 86400 s with a 86400 s budget must be refused at plan time: it would page after the backlog ran out");
  return v;
}

/** Runs one check, turning evaluation errors into violations (a broken config must never pass by crashing). */
export async function runCheck(name, model) {
  try {
    return await CHECKS[name](model);
  } catch (e) {
    return [`${name}: cannot evaluate the configuration: ${e instanceof EvalError ? e.message : e.stack}`];
  }
}
