// Loads every Terraform file of infra/ with HashiCorp's HCL parser (WebAssembly
// build, @cdktf/hcl2json), builds a per-module model and evaluates expressions
// statically (variables, locals, configured resource attributes; everything the
// provider computes stays "unknown" and remembers which address it came from).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { getExpressionAst, getReferencesInExpression, parse } from "@cdktf/hcl2json";

export const INFRA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const SKIP_DIRS = new Set(["node_modules", ".terraform", ".git", "test"]);

/**
 * The function's declaration of its EMF metrics (namespace, dimension sets, metric names), the one
 * source of truth the alarms are checked against. Its key among the sources: where it sits in the
 * repository, seen from infra/.
 */
export const EMF_METRICS_SOURCE = "../src/main/resources/emf-metrics.json";
/** Where that file is read from: EMF_METRICS_FILE, else beside infra/ in the repository. */
export const emfMetricsPath = () => process.env.EMF_METRICS_FILE || resolve(INFRA_DIR, EMF_METRICS_SOURCE);
/**
 * bench/run's memory table as committed (bench/README.md): per package and handler the memory the
 * rule chose, which the memory defaults are checked against. Its key among the sources, as above.
 */
export const MEMORY_TABLE_SOURCE = "../bench/memory-table.json";
/** Where that file is read from: MEMORY_TABLE_FILE, else beside infra/ in the repository. */
export const memoryTablePath = () => process.env.MEMORY_TABLE_FILE || resolve(INFRA_DIR, MEMORY_TABLE_SOURCE);

/**
 * Reads every *.tf, *.tftest.hcl and *.tfmock.hcl below infra/, the READMEs, the function's
 * metric declaration and the benchmark's memory table (each absent when its file is missing; the
 * checks say so): { relPath: text }.
 */
export function loadSources(root = INFRA_DIR) {
  const sources = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) {
        if (!SKIP_DIRS.has(entry)) walk(full);
      } else if (entry.endsWith(".tf") || entry.endsWith(".tftest.hcl") || entry.endsWith(".tfmock.hcl") || entry === "README.md") {
        sources[relative(root, full).split(sep).join("/")] = readFileSync(full, "utf8");
      }
    }
  };
  walk(root);
  const emf = root === INFRA_DIR ? emfMetricsPath() : resolve(root, EMF_METRICS_SOURCE);
  if (existsSync(emf)) sources[EMF_METRICS_SOURCE] = readFileSync(emf, "utf8");
  const table = root === INFRA_DIR ? memoryTablePath() : resolve(root, MEMORY_TABLE_SOURCE);
  if (existsSync(table)) sources[MEMORY_TABLE_SOURCE] = readFileSync(table, "utf8");
  return sources;
}

const parseCache = new Map();
async function parseCached(file, text) {
  const key = `${file}\u0000${text}`;
  if (!parseCache.has(key)) {
    parseCache.set(
      key,
      parse(file, text).then(
        (json) => ({ json }),
        (error) => ({ error: String(error && error.message ? error.message : error) }),
      ),
    );
  }
  return parseCache.get(key);
}

/**
 * The top-level blocks of a file as formatted by terraform fmt (a header line ending in "{" or
 * "{}" at column 0, closed by "}" at column 0), as { from, to } line ranges; null when the file
 * has anything else at the top level (it is then parsed whole).
 */
function topLevelBlocks(lines) {
  const blocks = [];
  let start = null;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (start !== null) {
      if (line === "}") {
        blocks.push({ from: start, to: i });
        start = null;
      }
    } else if (inComment) {
      if (line.includes("*/")) inComment = false;
    } else if (/^[A-Za-z_][^=]*\{\s*\}\s*$/.test(line)) blocks.push({ from: i, to: i });
    else if (/^[A-Za-z_][^=]*\{\s*$/.test(line)) start = i;
    else if (/^\s*\/\*/.test(line) && !line.includes("*/")) inComment = true;
    else if (line.trim() && !/^\s*(#|\/\/|\/\*.*\*\/\s*$)/.test(line)) return null;
  }
  return start === null && !inComment ? blocks : null;
}

/**
 * Parses a file block by block, each cached by its text (padded with the lines before it, so
 * errors keep their line numbers): a mutated copy re-parses only the block it changed.
 */
const seenFiles = new Set();
async function parseByBlocks(file, text) {
  // A file's first text is parsed whole (one call is cheaper); its edited copies block by block.
  if (!seenFiles.has(file) || parseCache.has(`${file}\u0000${text}`)) {
    seenFiles.add(file);
    return parseCached(file, text);
  }
  const lines = text.split("\n");
  const blocks = topLevelBlocks(lines);
  if (!blocks || blocks.length < 2) return parseCached(file, text);
  const results = await Promise.all(blocks.map(({ from, to }) => parseCached(file, "\n".repeat(from) + lines.slice(from, to + 1).join("\n"))));
  const failed = results.find((r) => r.error);
  if (failed) return failed;
  const json = {};
  const merge = (into, from) => {
    for (const [k, v] of Object.entries(from)) {
      if (Array.isArray(v) && Array.isArray(into[k])) into[k].push(...v);
      else if (v && typeof v === "object" && !Array.isArray(v) && into[k] && typeof into[k] === "object" && !Array.isArray(into[k])) merge(into[k], v);
      else into[k] = Array.isArray(v) ? [...v] : v && typeof v === "object" ? merge({}, v) : v;
    }
    return into;
  };
  for (const r of results) merge(json, r.json);
  return { json };
}

const KINDS = ["variable", "locals", "resource", "data", "module", "output", "provider", "terraform", "check", "moved"];

function emptyModule(dir) {
  return {
    dir,
    files: {},
    variables: {},
    locals: {},
    resources: {},
    data: {},
    modules: {},
    outputs: {},
    providers: [],
    terraform: [],
    checks: {},
    moved: [],
  };
}

/**
 * Parses the sources. Returns { modules: { dir: Module }, tests: [{ file, json }],
 * mocks: [{ file, json }] (*.tfmock.hcl), syntaxErrors: [string] }.
 */
export async function analyze(sources) {
  const model = { modules: {}, tests: [], mocks: [], syntaxErrors: [], sources };
  const entries = Object.entries(sources).sort(([a], [b]) => a.localeCompare(b));
  const parsed = await Promise.all(
    entries.map(async ([file, text]) =>
      file.endsWith(".tf") || file.endsWith(".tftest.hcl") || file.endsWith(".tfmock.hcl") ? [file, text, await parseByBlocks(file, text)] : [file, text, null],
    ),
  );
  for (const [file, text, result] of parsed) {
    if (!result) continue;
    if (result.error) {
      model.syntaxErrors.push(`${file}: ${result.error}`);
      continue;
    }
    const json = result.json;
    if (file.endsWith(".tftest.hcl")) {
      model.tests.push({ file, json, text });
      continue;
    }
    if (file.endsWith(".tfmock.hcl")) {
      for (const key of Object.keys(json)) {
        if (!["mock_data", "mock_resource", "override_data", "override_resource"].includes(key)) model.syntaxErrors.push(`${file}: unexpected top-level block "${key}"`);
      }
      model.mocks.push({ file, json, text });
      continue;
    }
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : ".";
    const mod = (model.modules[dir] ??= emptyModule(dir));
    mod.files[file] = text;
    for (const key of Object.keys(json)) {
      if (!KINDS.includes(key)) model.syntaxErrors.push(`${file}: unexpected top-level block "${key}"`);
    }
    const add = (table, name, value, what, count = 1) => {
      if (table[name]) model.syntaxErrors.push(`${file}: duplicate ${what} "${name}" (also in ${table[name].file})`);
      else if (count > 1) model.syntaxErrors.push(`${file}: duplicate ${what} "${name}" (${count} blocks in this file)`);
      table[name] = value;
    };
    for (const [name, blocks] of Object.entries(json.variable ?? {})) add(mod.variables, name, { file, block: blocks[0] }, "variable", blocks.length);
    for (const block of json.locals ?? []) {
      for (const [name, expr] of Object.entries(block)) add(mod.locals, name, { file, expr }, "local value");
    }
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) {
        add(mod.resources, `${type}.${name}`, { file, type, name, block: blocks[0] }, "resource", blocks.length);
      }
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) {
        add(mod.data, `${type}.${name}`, { file, type, name, block: blocks[0] }, "data source", blocks.length);
      }
    }
    for (const [name, blocks] of Object.entries(json.module ?? {})) add(mod.modules, name, { file, block: blocks[0] }, "module", blocks.length);
    for (const [name, blocks] of Object.entries(json.output ?? {})) add(mod.outputs, name, { file, block: blocks[0] }, "output", blocks.length);
    for (const [name, blocks] of Object.entries(json.check ?? {})) add(mod.checks, name, { file, block: blocks[0] }, "check", blocks.length);
    for (const [name, blocks] of Object.entries(json.provider ?? {})) mod.providers.push({ file, name, block: blocks[0] });
    for (const block of json.terraform ?? []) mod.terraform.push({ file, block });
    for (const block of json.moved ?? []) mod.moved.push({ file, block });
  }
  return model;
}

// ---------------------------------------------------------------------------
// Expression helpers
// ---------------------------------------------------------------------------

/** Splits a hcl2json string ("text ${expr} text") into literal and interpolation parts. */
export function splitTemplate(s) {
  const parts = [];
  let literal = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i)) {
      literal += "${";
      i += 3;
    } else if (s.startsWith("${", i)) {
      let depth = 1;
      let j = i + 2;
      while (j < s.length && depth > 0) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}") depth--;
        j++;
      }
      if (literal) parts.push({ literal });
      literal = "";
      parts.push({ expr: s.slice(i + 2, j - 1) });
      i = j;
    } else {
      literal += s[i];
      i++;
    }
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

export const isInterpolated = (s) => typeof s === "string" && splitTemplate(s).some((p) => p.expr !== undefined);

const refCache = new Map();
/** References (var.x, local.y, aws_t.n.attr, data.t.n.attr, module.m.o ...) in a hcl2json value. */
export async function referencesIn(value) {
  const out = [];
  const visit = async (v) => {
    if (typeof v === "string") {
      if (!v.includes("${")) return;
      if (!refCache.has(v)) refCache.set(v, getReferencesInExpression("expr.tf", v).then((r) => r.map((x) => x.value)));
      out.push(...(await refCache.get(v)));
    } else if (Array.isArray(v)) {
      for (const x of v) await visit(x);
    } else if (v && typeof v === "object") {
      for (const x of Object.values(v)) await visit(x);
    }
  };
  await visit(value);
  return out;
}

const astCache = new Map();
function ast(src) {
  if (!astCache.has(src)) astCache.set(src, getExpressionAst("expr.tf", src));
  return astCache.get(src);
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/** A value only known after apply (or not modelled); `refs` names where it comes from. */
export class Unknown {
  constructor(refs = []) {
    this.refs = new Set(refs);
  }
  has(prefix) {
    return [...this.refs].some((r) => r === prefix || r.startsWith(`${prefix}.`) || r.startsWith(`${prefix}[`));
  }
}
/**
 * Result of filebase64(): only its length is modelled (what Terraform configurations use it
 * for, the file's size), so a package of tens of MB is never read into a string.
 */
export class Base64Of {
  constructor(path, bytes) {
    this.path = path;
    this.bytes = bytes;
  }
  get length() {
    return 4 * Math.ceil(this.bytes / 3);
  }
}
/** Result of jsonencode(): keeps the structure so checks can look inside. */
export class Json {
  constructor(value) {
    this.value = value;
  }
}

/**
 * One instance of a resource or data source, as a value (what `aws_t.n`, `aws_t.n["k"]`
 * or `aws_t.n[0]` evaluate to). Its attributes are resolved lazily by resolveInstance():
 * configured arguments are evaluated with that instance's each / count, everything else
 * stays Unknown and is named `aws_t.n["k"].attr`.
 */
export class InstanceRef {
  constructor(res, key, mode) {
    this.res = res;
    this.key = key;
    this.mode = mode; // "managed" or "data"
  }
  get address() {
    const base = `${this.mode === "data" ? "data." : ""}${this.res.type}.${this.res.name}`;
    return this.key === null ? base : `${base}[${JSON.stringify(this.key)}]`;
  }
  toJSON() {
    return `<${this.address}>`;
  }
}

const unknownOf = (...values) => {
  const refs = [];
  const visit = (v) => {
    if (v instanceof Unknown) refs.push(...v.refs);
    else if (v instanceof InstanceRef) refs.push(v.address);
    else if (v instanceof Json) visit(v.value);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return new Unknown(refs);
};
const containsUnknown = (v) =>
  v instanceof Unknown ||
  v instanceof InstanceRef ||
  (v instanceof Json && containsUnknown(v.value)) ||
  (Array.isArray(v) && v.some(containsUnknown)) ||
  (v && typeof v === "object" && !(v instanceof Json) && Object.values(v).some(containsUnknown));

export class EvalError extends Error {}

/**
 * Evaluation context of one module.
 * vars: values for variables (missing ones fall back to their defaults; required ones without
 * value are Unknown). fileSizes: { path relative to infra/: bytes } for files that need not
 * exist (the build output); filebase64() of any other file measures it on disk.
 */
export function makeContext(model, dir, vars = {}, { fileSizes = {} } = {}) {
  const mod = model.modules[dir];
  if (!mod) throw new Error(`no module ${dir}`);
  const values = {};
  for (const [name, { block }] of Object.entries(mod.variables)) {
    if (Object.prototype.hasOwnProperty.call(vars, name)) values[name] = vars[name];
    else if (Object.prototype.hasOwnProperty.call(block, "default")) values[name] = block.default;
    else values[name] = new Unknown([`var.${name}`]);
  }
  for (const name of Object.keys(vars)) {
    if (!(name in values)) throw new Error(`variable ${name} is not declared in ${dir}`);
  }
  const ctx = {
    model,
    mod,
    dir,
    moduleDir: dir === "." ? INFRA_DIR : join(INFRA_DIR, dir),
    vars: values,
    rawVars: vars,
    fileSizes,
    localValues: new Map(),
    scope: {},
  };
  // Variable defaults are constant expressions already (numbers, strings, null...), but
  // evaluate them anyway so "${...}" defaults work.
  return ctx;
}

const withScope = (ctx, scope) => ({ ...ctx, scope: { ...ctx.scope, ...scope } });

export async function evaluate(value, ctx) {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => evaluate(v, ctx)));
  if (typeof value === "object") {
    if (value instanceof Unknown || value instanceof Json || value instanceof InstanceRef) return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluate(v, ctx);
    return out;
  }
  if (typeof value !== "string") return value;
  const parts = splitTemplate(value);
  if (parts.length === 1 && parts[0].expr !== undefined) return evalExpr(parts[0].expr, ctx);
  if (parts.length === 1) return parts[0].literal;
  const pieces = [];
  for (const p of parts) pieces.push(p.expr !== undefined ? await evalExpr(p.expr, ctx) : p.literal);
  return concat(pieces);
}

function concat(pieces) {
  if (pieces.some(containsUnknown)) {
    // Keeps the template's literal text around the unknown parts ("${bucket.arn}/*").
    const u = unknownOf(...pieces);
    u.parts = pieces.map((p) => (containsUnknown(p) ? unknownOf(p) : p));
    return u;
  }
  return pieces
    .map((p) => {
      if (p === null) throw new EvalError("null value in a string template");
      if (typeof p === "object") throw new EvalError("cannot interpolate a collection into a string");
      return String(p);
    })
    .join("");
}

export async function evalExpr(src, ctx) {
  let node;
  try {
    node = await ast(src);
  } catch (e) {
    throw new EvalError(`cannot parse expression ${src}: ${e.message}`);
  }
  return evalNode(node, ctx);
}

async function evalNode(node, ctx) {
  if (!node) return null;
  const m = node.meta ?? {};
  const kids = node.children ?? [];
  switch (node.type) {
    case "":
      if (kids.length === 1) return evalNode(kids[0], ctx);
      throw new EvalError("unsupported expression");
    case "templateWrap":
      return evalNode(kids[0], ctx);
    case "literalValue":
      if (m.type === "number") return Number(m.value);
      if (m.type === "bool") return m.value === "true";
      if (m.type === "string") return m.value;
      if (m.value === "null") return null;
      throw new EvalError(`unsupported literal ${m.value}`);
    case "template": {
      if (kids.length === 1 && kids[0].type !== "literalValue") return evalNode(kids[0], ctx);
      const pieces = [];
      // The parser leaves a template's literal text as written: \" stays two characters.
      for (const k of kids) pieces.push(k.type === "literalValue" && k.meta?.type === "string" ? unescapeTemplate(k.meta.value) : await evalNode(k, ctx));
      return concat(pieces);
    }
    case "tuple": {
      const out = [];
      for (const k of kids) out.push(await evalNode(k, ctx));
      return out;
    }
    case "object": {
      const out = {};
      for (const [rawKey, valueSrc] of Object.entries(m.items ?? {})) {
        const key = rawKey.startsWith('"') ? JSON.parse(rawKey) : rawKey;
        out[key] = await evalExpr(valueSrc, ctx);
      }
      return out;
    }
    case "scopeTraversal":
      return resolveTraversal(m.traversal, ctx);
    case "relativeTraversal": {
      // <expr>.attr[...] after an index with a computed key, e.g. aws_t.n[each.key].arn
      const src = await evalNode(kids[0], ctx);
      return applyRest(src, m.traversal.map((s) => ({ type: s.type, name: s.segment })), ctx, m.sourceExpression);
    }
    case "index": {
      const coll = await evalNode(kids[0], ctx);
      const key = await evalNode(kids[1], ctx);
      if (coll instanceof Unknown || key instanceof Unknown) return unknownOf(coll, key);
      if (coll instanceof InstanceRef) throw new EvalError(`${coll.address} has no instance key ${JSON.stringify(key)} (no count / for_each)`);
      if (coll === null || typeof coll !== "object") throw new EvalError("index into a non-collection");
      if (!(key in coll)) throw new EvalError(`no element ${key}`);
      return coll[key];
    }
    case "splat": {
      const src = await evalNode(kids[0], ctx);
      const attrPath = (m.eachExpression ?? "").replace(/^\[\*\]\.?/, "");
      if (src instanceof Unknown) return new Unknown([...src.refs].map((r) => (attrPath ? `${r}.${attrPath}` : r)));
      const list = Array.isArray(src) ? src : src === null ? [] : [src];
      return list.map((item) => attrPath.split(".").filter(Boolean).reduce((v, k) => (v instanceof Unknown ? v : v?.[k]), item));
    }
    case "conditional": {
      const cond = await evalNode(kids[0], ctx);
      if (cond instanceof Unknown) return unknownOf(cond, await evalNode(kids[1], ctx), await evalNode(kids[2], ctx));
      if (typeof cond !== "boolean") throw new EvalError("condition is not a bool");
      return evalNode(cond ? kids[1] : kids[2], ctx);
    }
    case "unaryOp": {
      const v = await evalNode(kids[0], ctx);
      if (v instanceof Unknown) return v;
      if (m.operator === "logicalNot") return !v;
      if (m.operator === "negate") return -v;
      throw new EvalError(`unsupported unary ${m.operator}`);
    }
    case "binaryOp":
      return binary(m.operator, kids, ctx);
    case "function":
      return callFunction(m.name, kids, ctx, m.expandedFinalArgument);
    case "for":
      return evalFor(m, ctx);
    default:
      throw new EvalError(`unsupported expression type "${node.type}"`);
  }
}

/** The text of a quoted template's literal part: HCL's escapes (\\n, \\", \\uXXXX...) and $${ / %%{ resolved. */
function unescapeTemplate(raw) {
  return raw.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))|\$\$\{|%%\{/gs, (match, u4, u8, c) => {
    if (match === "$${") return "${";
    if (match === "%%{") return "%{";
    if (u4 || u8) return String.fromCodePoint(parseInt(u4 ?? u8, 16));
    return { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" }[c] ?? match;
  });
}

async function binary(op, kids, ctx) {
  const l = await evalNode(kids[0], ctx);
  if (op === "logicalAnd" && l === false) return false;
  if (op === "logicalOr" && l === true) return true;
  const r = await evalNode(kids[1], ctx);
  if (op === "logicalAnd") return r === false ? false : l instanceof Unknown || r instanceof Unknown ? unknownOf(l, r) : l && r;
  if (op === "logicalOr") return r === true ? true : l instanceof Unknown || r instanceof Unknown ? unknownOf(l, r) : l || r;
  if (containsUnknown(l) || containsUnknown(r)) return unknownOf(l, r);
  const num = (v) => {
    if (typeof v !== "number") throw new EvalError(`number required, got ${JSON.stringify(v)}`);
    return v;
  };
  switch (op) {
    case "equal":
      return JSON.stringify(l) === JSON.stringify(r);
    case "notEqual":
      return JSON.stringify(l) !== JSON.stringify(r);
    case "add":
      return num(l) + num(r);
    case "subtract":
      return num(l) - num(r);
    case "multiply":
      return num(l) * num(r);
    case "divide":
      return num(l) / num(r);
    case "modulo":
      return num(l) % num(r);
    case "greaterThan":
      return num(l) > num(r);
    case "greaterThanOrEqual":
      return num(l) >= num(r);
    case "lessThan":
      return num(l) < num(r);
    case "lessThanOrEqual":
      return num(l) <= num(r);
    default:
      throw new EvalError(`unsupported operator ${op}`);
  }
}

async function evalFor(m, ctx) {
  const coll = await evalExpr(m.collectionExpression, ctx);
  if (coll instanceof Unknown) return coll;
  const condKey = Object.keys(m).find((k) => /^cond/i.test(k));
  const entries = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.entries(coll ?? {});
  const isObject = m.value.trim().startsWith("{");
  const out = isObject ? {} : [];
  for (const [k, v] of entries) {
    const scope = m.keyVar ? { [m.keyVar]: k, [m.valVar]: v } : { [m.valVar]: v };
    const inner = withScope(ctx, scope);
    if (condKey && m[condKey]) {
      const ok = await evalExpr(m[condKey], inner);
      if (ok instanceof Unknown) return ok;
      if (!ok) continue;
    }
    const value = await evalExpr(m.valueExpression, inner);
    if (isObject) out[await evalExpr(m.keyExpression, inner)] = value;
    else out.push(value);
  }
  return out;
}

const isBlockList = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === "object" && !Array.isArray(x));

const keyOf = (seg) => (seg.type === "indexTraversal" ? (seg.name.startsWith('"') ? JSON.parse(seg.name) : Number(seg.name)) : seg.name);

/** Applies the remaining traversal steps (attributes, literal indexes) to a value. */
async function applyRest(value, rest, ctx, refPrefix) {
  let v = value;
  let ref = refPrefix;
  for (let i = 0; i < rest.length; i++) {
    if (v instanceof InstanceRef) return resolveInstance(v, rest.slice(i), ctx);
    const key = keyOf(rest[i]);
    ref = `${ref}.${key}`;
    if (v instanceof Unknown) {
      v = new Unknown([...v.refs].map((r) => `${r}.${key}`));
      continue;
    }
    if (v === null || typeof v !== "object" || !(key in v)) throw new EvalError(`unsupported attribute ${ref}`);
    v = v[key];
  }
  return v;
}

/** The evaluation context of one instance of a resource (each / count set, no outer scope). */
export async function instanceContext(res, key, ctx) {
  const base = { ...ctx, each: undefined, countIndex: undefined, scope: {} };
  if (res.block.for_each !== undefined) {
    const fe = await evaluate(res.block.for_each, base);
    if (fe instanceof Unknown) return { ...base, each: { key, value: fe } };
    const items = Array.isArray(fe) ? Object.fromEntries(fe.map((v) => [v, v])) : fe;
    if (items === null || typeof items !== "object" || !Object.prototype.hasOwnProperty.call(items, key)) {
      throw new EvalError(`no instance ${JSON.stringify(key)} of ${res.type}.${res.name} (for_each keys: ${Object.keys(items ?? {}).join(", ")})`);
    }
    return { ...base, each: { key, value: items[key] } };
  }
  if (res.block.count !== undefined) return { ...base, countIndex: key ?? 0 };
  return base;
}

/** Attribute access on one instance: configured arguments are evaluated, the rest is Unknown. */
async function resolveInstance(inst, rest, ctx) {
  const { res } = inst;
  if (rest[0]?.type === "indexTraversal") throw new EvalError(`${inst.address} has no instance key ${rest[0].name} (no count / for_each)`);
  const attr = rest[0]?.name;
  if (inst.mode === "managed" && attr !== undefined && rest[0].type !== "indexTraversal" && Object.prototype.hasOwnProperty.call(res.block, attr) && !isBlockList(res.block[attr])) {
    const value = await evaluate(res.block[attr], await instanceContext(res, inst.key, ctx));
    return applyRest(value, rest.slice(1), ctx, `${inst.address}.${attr}`);
  }
  // A configured nested block (environment, scaling_config...): its arguments, as a list of
  // objects. Nested dynamic blocks are not expanded: what cannot be evaluated stays unknown.
  if (inst.mode === "managed" && attr !== undefined && isBlockList(res.block[attr]) && !res.block.dynamic?.[attr] && rest.length > 1) {
    try {
      const value = await evaluate(res.block[attr], await instanceContext(res, inst.key, ctx));
      return await applyRest(value, rest.slice(1), ctx, `${inst.address}.${attr}`);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
  }
  if (inst.mode === "data" && res.block.for_each !== undefined) await instanceContext(res, inst.key, ctx); // the key must exist
  return new Unknown([[inst.address, ...rest.map((s) => keyOf(s))].join(".")]);
}

/**
 * `aws_t.n` (or `data.aws_t.n`): one InstanceRef for a single resource, a map of them for
 * for_each, a list for count (Unknown when the keys cannot be known statically).
 */
async function resourceValue(res, mode, ctx) {
  const base = { ...ctx, each: undefined, countIndex: undefined, scope: {} };
  const label = `${mode === "data" ? "data." : ""}${res.type}.${res.name}`;
  if (res.block.for_each !== undefined) {
    const fe = await evaluate(res.block.for_each, base);
    if (fe instanceof Unknown) return new Unknown([label]);
    const keys = Array.isArray(fe) ? fe : Object.keys(fe ?? {});
    return Object.fromEntries(keys.map((k) => [k, new InstanceRef(res, k, mode)]));
  }
  if (res.block.count !== undefined) {
    const n = await evaluate(res.block.count, base);
    if (typeof n !== "number") return new Unknown([label]);
    return Array.from({ length: n }, (_, i) => new InstanceRef(res, i, mode));
  }
  return new InstanceRef(res, null, mode);
}

async function resolveTraversal(traversal, ctx) {
  const segs = traversal.map((s) => ({ type: s.type, name: s.segment }));
  const root = segs[0].name;
  if (Object.prototype.hasOwnProperty.call(ctx.scope, root)) return applyRest(ctx.scope[root], segs.slice(1), ctx, root);
  switch (root) {
    case "var": {
      const name = segs[1].name;
      if (!(name in ctx.vars)) throw new EvalError(`undeclared variable var.${name}`);
      return applyRest(await evaluate(ctx.vars[name], ctx), segs.slice(2), ctx, `var.${name}`);
    }
    case "local": {
      const name = segs[1].name;
      return applyRest(await localValue(name, ctx), segs.slice(2), ctx, `local.${name}`);
    }
    case "path":
      return ctx.moduleDir;
    case "terraform":
      return "default";
    case "each":
      return ctx.each ? applyRest(ctx.each, segs.slice(1), ctx, "each") : new Unknown([`each.${segs[1]?.name}`]);
    case "count":
      return ctx.countIndex ?? 0;
    case "self":
      return new Unknown(["self"]);
    case "module":
      return new Unknown([segs.map((s) => s.name).join(".")]);
    case "data":
    default: {
      const mode = root === "data" ? "data" : "managed";
      const head = mode === "data" ? segs.slice(1) : segs;
      const address = `${head[0]?.name}.${head[1]?.name}`;
      const res = mode === "data" ? ctx.mod.data[address] : ctx.mod.resources[address];
      if (!res) throw new EvalError(`undeclared ${mode === "data" ? "data source data." : "resource "}${address}`);
      let rest = head.slice(2);
      if (rest[0]?.type === "indexTraversal" && (res.block.for_each !== undefined || res.block.count !== undefined)) {
        // aws_t.n["key"] / aws_t.n[0]: one instance
        const inst = new InstanceRef(res, keyOf(rest[0]), mode);
        if (res.block.for_each !== undefined) await instanceContext(res, inst.key, ctx); // the key must exist
        return applyRest(inst, rest.slice(1), ctx, inst.address);
      }
      return applyRest(await resourceValue(res, mode, ctx), rest, ctx, `${mode === "data" ? "data." : ""}${address}`);
    }
  }
}

async function localValue(name, ctx) {
  if (!ctx.localValues.has(name)) {
    const local = ctx.mod.locals[name];
    if (!local) throw new EvalError(`undeclared local value local.${name}`);
    ctx.localValues.set(name, evaluate(local.expr, { ...ctx, scope: {}, each: undefined }));
  }
  return ctx.localValues.get(name);
}

async function callFunction(name, kids, ctx, expandLast) {
  if (name === "try") {
    for (const k of kids) {
      try {
        return await evalNode(k, ctx);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
    }
    throw new EvalError("no try() argument succeeded");
  }
  if (name === "can") {
    try {
      const v = await evalNode(kids[0], ctx);
      return v instanceof Unknown ? v : true;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return false;
    }
  }
  let args = [];
  for (const k of kids) args.push(await evalNode(k, ctx));
  if (expandLast && Array.isArray(args.at(-1))) args = [...args.slice(0, -1), ...args.at(-1)];
  const lazyUnknown = ["coalesce", "merge", "tomap", "tolist", "toset", "jsonencode", "concat", "compact", "length", "keys"];
  if (!lazyUnknown.includes(name) && args.some(containsUnknown)) return unknownOf(...args);
  const str = (v) => {
    if (typeof v !== "string") throw new EvalError(`${name}: string required`);
    return v;
  };
  switch (name) {
    case "max":
      return Math.max(...args);
    case "min":
      return Math.min(...args);
    case "floor":
      return Math.floor(args[0]);
    case "ceil":
      return Math.ceil(args[0]);
    case "abs":
      return Math.abs(args[0]);
    case "log":
      return Math.log(args[0]) / Math.log(args[1]);
    case "pow":
      return Math.pow(args[0], args[1]);
    case "coalesce":
      for (const a of args) {
        if (a instanceof Unknown) return a;
        if (a !== null && a !== "") return a;
      }
      throw new EvalError("coalesce: no non-null argument");
    case "merge": {
      if (args.some((a) => a instanceof Unknown)) return unknownOf(...args);
      return Object.assign({}, ...args.filter((a) => a !== null));
    }
    case "tomap":
    case "tolist":
    case "tostring":
    case "tonumber":
    case "nonsensitive":
    case "sensitive":
      if (name === "tonumber" && typeof args[0] === "string") return Number(args[0]);
      if (name === "tostring" && typeof args[0] === "number") return String(args[0]);
      return args[0];
    case "toset":
      return args[0] instanceof Unknown ? args[0] : [...new Set(args[0])];
    case "jsonencode":
      return new Json(args[0]);
    case "concat":
      return args.some((a) => a instanceof Unknown) ? unknownOf(...args) : args.flat();
    case "compact":
      return args[0] instanceof Unknown ? args[0] : args[0].filter((x) => x !== null && x !== "");
    case "length":
      if (args[0] instanceof Unknown) return args[0];
      if (args[0] instanceof Base64Of) return args[0].length;
      return typeof args[0] === "string" ? args[0].length : Array.isArray(args[0]) ? args[0].length : Object.keys(args[0]).length;
    case "keys":
      return args[0] instanceof Unknown ? args[0] : Object.keys(args[0]);
    case "values":
      return Object.values(args[0]);
    case "contains":
      return args[0].some((x) => JSON.stringify(x) === JSON.stringify(args[1]));
    case "setintersection":
      return args[0].filter((x) => args.slice(1).every((other) => other.includes(x)));
    case "lookup":
      return args[1] in args[0] ? args[0][args[1]] : args[2];
    case "one":
      if (args[0].length > 1) throw new EvalError("one: more than one element");
      return args[0].length ? args[0][0] : null;
    case "alltrue":
      return args[0].every(Boolean);
    case "anytrue":
      return args[0].some(Boolean);
    case "trimspace":
      return str(args[0]).trim();
    case "lower":
      return str(args[0]).toLowerCase();
    case "upper":
      return str(args[0]).toUpperCase();
    case "startswith":
      return str(args[0]).startsWith(str(args[1]));
    case "endswith":
      return str(args[0]).endsWith(str(args[1]));
    case "strcontains":
      return str(args[0]).includes(str(args[1]));
    case "join":
      return args[1].join(args[0]);
    case "replace":
      return str(args[0]).split(str(args[1])).join(str(args[2]));
    case "regex": {
      const match = new RegExp(str(args[0])).exec(str(args[1]));
      if (!match) throw new EvalError("regex: no match");
      return match[0];
    }
    case "file": {
      const path = str(args[0]);
      try {
        return readFileSync(resolve(ctx.moduleDir, path), "utf8");
      } catch {
        // Evaluated against the sources being checked (mutations replace them).
        const rel = relative(INFRA_DIR, resolve(ctx.moduleDir, path)).split(sep).join("/");
        if (ctx.model.sources[rel] !== undefined) return ctx.model.sources[rel];
        throw new EvalError(`file ${path} not found`);
      }
    }
    case "filebase64": {
      const path = str(args[0]);
      const rel = relative(INFRA_DIR, resolve(ctx.moduleDir, path)).split(sep).join("/");
      if (Object.prototype.hasOwnProperty.call(ctx.fileSizes ?? {}, rel)) return new Base64Of(rel, ctx.fileSizes[rel]);
      try {
        return new Base64Of(rel, statSync(resolve(ctx.moduleDir, path)).size);
      } catch {
        throw new EvalError(`file ${path} not found`);
      }
    }
    case "substr": {
      const [s, offset, length] = [str(args[0]), args[1], args[2]];
      return length === -1 ? s.slice(offset) : s.slice(offset, offset + length);
    }
    case "basename":
      return str(args[0]).split("/").filter(Boolean).at(-1) ?? "";
    case "filebase64sha256":
    case "filemd5":
    case "filesha256":
      return new Unknown([`${name}(${args[0]})`]);
    case "format":
      return new Unknown([`format(${args[0]})`]);
    default:
      throw new EvalError(`unsupported function ${name}()`);
  }
}

/** Blocks of one kind inside a resource / data block, with dynamic blocks expanded for ctx. */
export async function blocksOf(block, kind, ctx) {
  const out = [];
  for (const b of block[kind] ?? []) out.push({ body: b, ctx });
  for (const dyn of block.dynamic?.[kind] ?? []) {
    const forEach = await evaluate(dyn.for_each, ctx);
    if (forEach instanceof Unknown) {
      out.push({ body: dyn.content?.[0] ?? {}, ctx: withScope(ctx, { [dyn.iterator ?? kind]: { key: forEach, value: forEach } }), unknown: true });
      continue;
    }
    const items = Array.isArray(forEach) ? forEach.map((v, i) => [i, v]) : Object.entries(forEach ?? {});
    for (const [key, value] of items) {
      out.push({ body: dyn.content?.[0] ?? {}, ctx: withScope(ctx, { [dyn.iterator ?? kind]: { key, value } }) });
    }
  }
  return out;
}

/** Expands a resource's instances (count / for_each) into evaluation contexts. */
export async function instancesOf(res, ctx) {
  const b = res.block;
  if (b.count !== undefined) {
    const n = await evaluate(b.count, ctx);
    if (n instanceof Unknown) return [{ ctx, key: 0, unknownCount: true }];
    return Array.from({ length: n }, (_, i) => ({ ctx: { ...ctx, countIndex: i }, key: i }));
  }
  if (b.for_each !== undefined) {
    const fe = await evaluate(b.for_each, ctx);
    if (fe instanceof Unknown) return [{ ctx: { ...ctx, each: { key: fe, value: fe } }, key: null, unknownCount: true }];
    const items = Array.isArray(fe) ? fe.map((v) => [v, v]) : Object.entries(fe);
    return items.map(([key, value]) => ({ ctx: { ...ctx, each: { key, value } }, key }));
  }
  return [{ ctx, key: null }];
}

/** Evaluates an attribute of a resource instance (ctx from instancesOf). */
export const attr = (res, name, ctx) => evaluate(res.block[name], ctx);
