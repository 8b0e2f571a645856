/* Reading the map data (maps/static/payload.js) and the place search (maps/static/search.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {payload} = require("../../../maps/static/payload.js");
const {search} = require("../../../maps/static/search.js");

const data = {
  strings: ["茂名市教育局"],
  nodes: {adcode: ["440902", "451324", "440904"], name: ["茂南区", "金秀瑶族自治县", "电白区"],
          aliases: [[], ["金秀"], []]},
  flows: {d: [0, 2, 1], r: [1, 1, 0], dn: [0, -1, -1], rn: [-1, -1, -1]}
};

test("flows are labelled by the names the table wrote, else their units'", () => {
  assert.equal(payload.flowLabel(data, 0), "茂名市教育局 → 金秀瑶族自治县");
  assert.equal(payload.flowLabel(data, 1), "电白区 → 金秀瑶族自治县");
  assert.equal(payload.text(data, -1), "");
});

test("a unit's selection holds its flows either way and its partners, sorted", () => {
  assert.deepEqual(payload.selectionOf(data, "451324"),
                   {adcode: "451324", partners: ["440902", "440904"], flows: [0, 1, 2]});
  assert.deepEqual(payload.selectionOf(data, "440904"),
                   {adcode: "440904", partners: ["451324"], flows: [1]});
  assert.deepEqual(payload.selectionOf(data, "110000"), {adcode: "110000", partners: [], flows: []});
});

test("names come from the nodes, then the unit polygons, then the adcode", () => {
  const units = {"451324": "金秀县", "451322": "象州县"};
  assert.equal(payload.nameOf(data, units, "451324"), "金秀瑶族自治县");
  assert.equal(payload.nameOf(data, units, "451322"), "象州县");
  assert.equal(payload.nameOf(data, units, "000000"), "000000");
});

test("search ranks exact matches, then prefixes, then the rest, each place once", () => {
  const entries = search.index(data.nodes, {"451324": "金秀瑶族自治县", "451322": "象州县"});
  assert.equal(entries.filter((e) => e.adcode === "451324").length, 2, "name and alias, once each");
  assert.deepEqual(search.find(entries, " 金秀 ").map((e) => e.label), ["金秀", "金秀瑶族自治县"]);
  assert.deepEqual(search.find(entries, "南").map((e) => e.label), ["茂南区"]);
  assert.deepEqual(search.find(entries, "4513").map((e) => e.adcode), ["451324", "451324", "451322"]);
  assert.deepEqual(search.find(entries, "  "), []);
});
