/* The page's own strings (maps/static/strings.js): one table per language. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {strings} = require("../../../maps/static/strings.js");

const HAN = /[\u3400-\u9fff]/;

/* Every text of a table, functions called with a sample argument. */
function texts(table) {
  const out = [];
  (function walk(value) {
    if (typeof value === "function") out.push(value([1, 2]));  /* rows, or a count */
    else if (typeof value === "object") Object.values(value).forEach(walk);
    else out.push(String(value));
  }(table));
  return out;
}

test("both languages have the same keys", () => {
  const keys = table => Object.keys(table).sort();
  assert.deepEqual(keys(strings.TABLES.en), keys(strings.TABLES.zh));
});

test("the English table has no Han character and the Chinese one no English word", () => {
  assert.deepEqual(texts(strings.TABLES.en).filter(text => HAN.test(text)), []);
  assert.deepEqual(texts(strings.TABLES.zh).filter(text => /[A-Za-z]{2,}/.test(text)), []);
});

test("the payload's lang picks the table, Chinese by default", () => {
  assert.equal(strings.of({lang: "en"}).legend, "Legend");
  assert.equal(strings.of({lang: "zh"}).legend, "图例");
  assert.equal(strings.of({}).legend, "图例");
  assert.equal(strings.of({lang: "en"}).pairings(1), "1 pairing");
  assert.equal(strings.of({lang: "zh"}).pairings(58), "58 条结对");
});
