/* The "changes since" panel's pure parts (maps/static/changes.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {changes} = require("../../../maps/static/changes.js");
const {strings} = require("../../../maps/static/strings.js");

test("the counts read in each language", () => {
  const counts = {added: 1, removed: 0, changed: 2};
  assert.equal(changes.countsText(strings.TABLES.zh, counts), "新增 1 · 删除 0 · 变更 2");
  assert.equal(changes.countsText(strings.TABLES.en, counts), "1 added · 0 removed · 2 changed");
});

test("the highlighted flows are a set of their ids", () => {
  assert.deepEqual(changes.flowSet([3, 0]), {0: true, 3: true});
  assert.deepEqual(changes.flowSet([]), {});
});

test("flows rest at their own opacity unless a highlight is on", () => {
  assert.equal(changes.restOpacity(null, 4, 0.85), 0.85);
  const on = changes.flowSet([4]);
  assert.equal(changes.restOpacity(on, 4, 0.85), changes.ON);
  assert.equal(changes.restOpacity(on, 5, 0.85), changes.FADED);
  assert.ok(changes.FADED < 0.85 && changes.ON > 0.85);
});
