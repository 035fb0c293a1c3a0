// The shipped configuration passes every check.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { CHECKS, analyze, runCheck } from "./lib/checks.mjs";
import { loadSources } from "./lib/hcl.mjs";

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
});
