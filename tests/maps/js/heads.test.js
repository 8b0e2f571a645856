/* Arrowhead triangles and their overlaps (maps/static/heads.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {heads} = require("../../../maps/static/heads.js");

const tri = (x, y, s = 10) => [{x, y}, {x: x + s, y}, {x, y: y + s}];

test("triangles that share area overlap; apart ones do not", () => {
  assert.ok(heads.overlap(tri(0, 0), tri(3, 3)));
  assert.ok(!heads.overlap(tri(0, 0), tri(20, 0)));
  // bounding boxes overlap but the triangles do not: the slanted edge separates them
  assert.ok(!heads.overlap(tri(0, 0), [{x: 10, y: 10}, {x: 10, y: 4}, {x: 4, y: 10}]));
});

test("the clearance counts: touching is no overlap, closer than the clearance is", () => {
  assert.ok(!heads.overlap(tri(0, 0), tri(10, 0), 0));
  assert.ok(heads.overlap(tri(0, 0), tri(10.5, 0), 1));
  assert.ok(!heads.overlap(tri(0, 0), tri(11.5, 0), 1));
  assert.ok(heads.overlap(tri(0, 0), tri(11, 0)), "the default clearance absorbs pixel rounding");
});

test("the grid finds a placed triangle in another cell, and only one that overlaps", () => {
  const grid = new heads.Grid();
  grid.add(tri(38, 38));
  assert.ok(grid.hits(tri(40, 40, 4)));
  assert.ok(!grid.hits(tri(100, 100)));
  assert.ok(!grid.hits(tri(20, 20, 5)));
});

test("overlapping lists every overlapping pair once", () => {
  assert.deepEqual(heads.overlapping([tri(0, 0), tri(100, 0), tri(2, 2), tri(101, 1)]), [[0, 2], [1, 3]]);
});
