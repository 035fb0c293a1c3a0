// The shipped configuration passes every check.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { CHECKS, analyze, runCheck } from "./lib/checks.mjs";
import { EMF_METRICS_SOURCE, INFRA_DIR, MEMORY_TABLE_SOURCE, emfMetricsPath, loadSources, memoryTablePath } from "./lib/hcl.mjs";

describe("infra/ as committed", () => {
  let model;
  before(async () => {
    model = await analyze(loadSources());
  });

  test("parses every .tf and .tftest.hcl file (root module, examples/complete, tests/)", () => {
    assert.deepEqual(model.syntaxErrors, []);
    assert.ok(Object.keys(model.modules["."].resources).length > 20, "root module resources parsed");
    assert.ok(model.modules["examples/complete"], "example parsed");
    assert.ok(model.tests.length >= 3, "tftest files parsed");
  });

  for (const name of Object.keys(CHECKS)) {
    test(`check ${name} finds no violation`, async () => {
      assert.deepEqual(await runCheck(name, model), []);
    });
  }

  test("reads the function's metric declaration, and says so when it is missing", async () => {
    assert.ok(model.sources[EMF_METRICS_SOURCE], `${emfMetricsPath()} was read`);
    const { [EMF_METRICS_SOURCE]: _, ...without } = loadSources();
    const blind = await analyze(without);
    for (const name of ["onCall", "deployments"]) {
      const violations = await runCheck(name, blind);
      assert.ok(
        violations.some((x) => x.includes(emfMetricsPath()) && /is missing/.test(x) && /EMF_METRICS_FILE/.test(x)),
        `${name} must name the missing file and EMF_METRICS_FILE, got:\n${violations.join("\n")}`,
      );
    }
  });

  test("reads the benchmark's memory table, and says so when it is missing", async () => {
    assert.ok(model.sources[MEMORY_TABLE_SOURCE], `${memoryTablePath()} was read`);
    const { [MEMORY_TABLE_SOURCE]: _, ...without } = loadSources();
    const violations = await runCheck("packageModes", await analyze(without));
    assert.ok(
      violations.some((x) => x.includes(memoryTablePath()) && /is missing/.test(x) && /MEMORY_TABLE_FILE/.test(x)),
      `packageModes must name the missing file and MEMORY_TABLE_FILE, got:\n${violations.join("\n")}`,
    );
  });
});

// The module is used from wherever it is copied or fetched (a git source, a monorepo folder):
// nothing may depend on its folder being called infra/. The same checks, run in a copy elsewhere.
describe("infra/ copied into a folder of another name", { skip: process.env.INFRA_CHECKS_IN_COPY === "1" && "this is the copy" }, () => {
  test("passes every check there too", () => {
    const parent = mkdtempSync(join(tmpdir(), "recharge-close-"));
    try {
      const copy = join(parent, "terraform");
      cpSync(INFRA_DIR, copy, { recursive: true, filter: (source) => !source.startsWith(join(INFRA_DIR, "node_modules")) });
      symlinkSync(join(INFRA_DIR, "node_modules"), join(copy, "node_modules"));
      const run = spawnSync(process.execPath, ["--test", "test/config.test.mjs"], {
        cwd: copy,
        // NODE_TEST_CONTEXT would make the child report to this runner instead of running on its own
        // The copy has neither src/ nor bench/ beside it: the metric declaration and the memory table are read where they are.
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_TEST_CONTEXT")), INFRA_CHECKS_IN_COPY: "1", EMF_METRICS_FILE: emfMetricsPath(),
          MEMORY_TABLE_FILE: memoryTablePath() },
        encoding: "utf8",
      });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /# pass [1-9]/, "the copy ran its checks");
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
