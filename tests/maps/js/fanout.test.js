/* Where flows meeting one recipient end (maps/static/fanout.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {fanout} = require("../../../maps/static/fanout.js");

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const dist = (a, b) => Math.hypot(b.x - a.x, b.y - a.y);

test("a lone flow ends on its recipient", () => {
  const points = [{x: 0, y: 0}, {x: 100, y: 0}];
  const [end] = fanout.flowEnds(points, [0], [1]);
  assert.equal(end, points[1]);
});

test("flows from one direction end apart, symmetric about it, on the circle", () => {
  // recipient at the origin, three donors due west (one of them twice)
  const points = [{x: 0, y: 0}, {x: -100, y: 0}, {x: -300, y: 0}];
  const ends = fanout.flowEnds(points, [1, 2, 1], [0, 0, 0], 9);
  for (const end of ends) close(dist(end, points[0]), 9);
  for (let i = 0; i < ends.length; i++) {
    for (let j = i + 1; j < ends.length; j++) assert.ok(dist(ends[i], ends[j]) > 3);
  }
  // the middle one faces the donors; the outer two mirror each other about that axis
  const ys = ends.map((e) => e.y).sort((a, b) => a - b);
  close(ys[1], 0);
  close(ys[0], -ys[2]);
  for (const end of ends) assert.ok(end.x < 0, "each end faces its donor");
});

test("ends far apart in angle keep facing their donors", () => {
  const points = [{x: 0, y: 0}, {x: 100, y: 0}, {x: 0, y: 100}, {x: -100, y: 0}];
  const ends = fanout.flowEnds(points, [1, 2, 3], [0, 0, 0], 10);
  assert.deepEqual(ends.map((e) => [Math.round(e.x), Math.round(e.y)]), [[10, 0], [0, 10], [-10, 0]]);
});

test("spreading keeps the mean and at least the gap between neighbours", () => {
  const angles = [0.1, 0.1, 0.2, 0.25];
  const out = fanout.spread(angles);
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  close(mean(out), mean(angles), 1e-12);
  for (let k = 1; k < out.length; k++) assert.ok(out[k] - out[k - 1] >= 0.5 - 1e-12);
  // many ends share the circle evenly instead
  const many = fanout.spread(new Array(20).fill(0));
  close(many[1] - many[0], (2 * Math.PI) / 20, 1e-12);
});

test("ends do not depend on the order recipients appear in", () => {
  const points = [{x: 0, y: 0}, {x: -50, y: 10}, {x: -50, y: -10}, {x: 40, y: 40}];
  const a = fanout.flowEnds(points, [1, 2, 3], [0, 0, 0]);
  const b = fanout.flowEnds(points, [3, 2, 1], [0, 0, 0]);
  assert.deepEqual(a, [b[2], b[1], b[0]]);
});
