/* Where each arrowhead sits around its recipient (maps/static/fanout.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {fanout} = require("../../../maps/static/fanout.js");
const {heads} = require("../../../maps/static/heads.js");
const {curves} = require("../../../maps/static/curves.js");

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const dist = (a, b) => Math.hypot(b.x - a.x, b.y - a.y);
const TAU = 2 * Math.PI;
const norm = (a) => ((a % TAU) + TAU) % TAU;

/* Circular distance between two angles. */
const apart = (a, b) => Math.min(norm(a - b), norm(b - a));

function assertNoOverlap(ends) {
  assert.deepEqual(heads.overlapping(ends.map((e) => e.head)), []);
}

test("pool adjacent violators gives the non-decreasing least-squares fit", () => {
  assert.deepEqual(fanout.monotone([1, 2, 3]), [1, 2, 3]);
  assert.deepEqual(fanout.monotone([3, 1, 2]), [2, 2, 2]);
  assert.deepEqual(fanout.monotone([1, 4, 2, 5]), [1, 3, 3, 5]);
});

const fixed = (turn) => () => turn;

test("packing keeps angles that already have room, and keeps their order otherwise", () => {
  const wanted = [0, 2, 4];
  assert.deepEqual(fanout.pack(wanted, fixed(0.5)), wanted);
  const crowded = fanout.pack([0.1, 0, 0.05, -0.05], fixed(0.4));
  const order = [3, 1, 2, 0];
  for (let k = 1; k < 4; k++) close(crowded[order[k]] - crowded[order[k - 1]], 0.4, 1e-9);
  // the mean stays put
  close(crowded.reduce((s, a) => s + a, 0) / 4, 0.025, 1e-9);
});

test("packing uses the turn each pair of neighbours needs", () => {
  const sep = (i, j) => (i === 0 || j === 0 ? 0.6 : 0.2);
  const out = fanout.pack([0, 0.01, 0.02], sep);
  close(out[1] - out[0], 0.6, 1e-9);
  close(out[2] - out[1], 0.2, 1e-9);
});

test("packing across the -pi/pi seam works like anywhere else, near the wanted angles", () => {
  const out = fanout.pack([Math.PI - 0.05, -Math.PI + 0.05], fixed(0.6));
  close(apart(out[0], out[1]), 0.6, 1e-9);
  close(apart(out[0], Math.PI), 0.3, 1e-9);
  assert.ok(Math.abs(out[0] - (Math.PI - 0.05)) < 1 && Math.abs(out[1] - (-Math.PI + 0.05)) < 1);
});

test("a full circle spreads evenly and never wraps into the first slot", () => {
  const n = 12, out = fanout.pack(new Array(n).fill(1), fixed(TAU / n));
  const sorted = out.map(norm).sort((a, b) => a - b);
  for (let k = 0; k < n; k++) close(apart(sorted[k], sorted[(k + 1) % n]), TAU / n, 1e-9);
});

test("the turn between two arrowheads just keeps them clear", () => {
  const size = {length: 10, half: 5}, c = {x: 0, y: 0};
  for (const tip of [3, 8, 20]) {
    const turn = fanout.turn(tip, size, size) - fanout.GAP;
    assert.ok(!heads.overlap(curves.head(c, 0, tip, size), curves.head(c, turn, tip, size)));
    assert.ok(heads.overlap(curves.head(c, 0, tip, size), curves.head(c, turn - 0.01, tip, size)));
  }
  assert.ok(fanout.turn(20, size, size) < fanout.turn(3, size, size), "further out, less turn");
});

test("the ring moves out only when the circle cannot hold every arrowhead", () => {
  const size = {length: 10, half: 5};
  assert.equal(fanout.ring(3, [size, size, size], [0, 2, 4]), 3);
  const many = new Array(30).fill(size), wanted = many.map((z, k) => k / 10);
  const tip = fanout.ring(3, many, wanted);
  assert.ok(tip > 3);
  assert.ok(30 * fanout.turn(tip, size, size) <= TAU);
  assert.ok(30 * fanout.turn(tip - 1, size, size) > TAU);
});

test("arrowheads end on the recipient's edge, facing where their flows come from", () => {
  const points = [{x: 0, y: 0}, {x: -300, y: 0}, {x: 0, y: 300}, {x: 300, y: -40}];
  const ends = fanout.place(points, [6, 4, 4, 4], [1, 2, 3], [0, 0, 0], [2, 2, 2]);
  ends.forEach((end, i) => {
    close(dist(end.head[0], points[0]), 6, 1e-9);
    close(end.base - end.tip, curves.arrowSize(2).length, 1e-9);
    const wanted = curves.arrival(points[i + 1], points[0], 1);
    assert.ok(apart(end.angle, wanted) < 1e-9, "room enough: each keeps its own bearing");
  });
  assertNoOverlap(ends);
});

test("many flows from one side fan out around the node without overlapping", () => {
  const points = [{x: 0, y: 0}];
  for (let k = 0; k < 8; k++) points.push({x: -400, y: -30 + 5 * k});
  const donors = points.slice(1).map((p, k) => k + 1), recipients = donors.map(() => 0);
  const ends = fanout.place(points, [8].concat(donors.map(() => 3)), donors, recipients, donors.map(() => 1.5));
  assertNoOverlap(ends);
  for (const end of ends) close(dist(end.head[0], points[0]), 8, 1e-9);
  // they stay in the donors' order around the node (a fan, no crossings)
  const west = ends.map((e) => Math.cos(e.angle));
  assert.ok(west.filter((c) => c < 0).length >= 5, "most face west, towards the donors");
  // in the donors' order around the node (a fan, no crossings): y of the donors grows
  // southwards, and so do the arrowheads' angles seen from the west
  const fromWest = ends.map((e) => norm(e.angle));
  for (let k = 1; k < 8; k++) assert.ok(fromWest[k] < fromWest[k - 1], `${fromWest}`);
});

test("arrowheads of two close nodes keep clear of each other too", () => {
  // two recipients 14 px apart, each with flows from everywhere
  const points = [{x: 0, y: 0}, {x: 14, y: 0}];
  const donors = [], recipients = [];
  for (let k = 0; k < 10; k++) {
    const a = (k * TAU) / 10;
    points.push({x: 200 * Math.cos(a), y: 200 * Math.sin(a)});
    donors.push(k + 2, k + 2);
    recipients.push(0, 1);
  }
  const edges = points.map(() => 3), weights = donors.map((d, i) => 1 + (i % 4));
  const ends = fanout.place(points, edges, donors, recipients, weights);
  assertNoOverlap(ends);
  for (const end of ends) assert.ok(end.head.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
});

test("the layout depends on the flows, not on their order in the table", () => {
  const points = [{x: 0, y: 0}, {x: -100, y: 10}, {x: -100, y: -10}, {x: 50, y: 90}];
  const a = fanout.place(points, [3, 3, 3, 3], [1, 2, 3], [0, 0, 0], [2, 2, 2]);
  const b = fanout.place(points, [3, 3, 3, 3], [3, 2, 1], [0, 0, 0], [2, 2, 2]);
  close(a[0].angle, b[2].angle);
  close(a[1].angle, b[1].angle);
  close(a[2].angle, b[0].angle);
});

test("arrowheads shrink where nodes crowd, never below the minimum scale", () => {
  const points = [{x: 0, y: 0}, {x: 30, y: 0}, {x: 500, y: 0}, {x: 500, y: 1}];
  const s = fanout.scales(points);
  close(s[0], 30 / fanout.ROOM);
  close(s[1], 30 / fanout.ROOM);
  close(s[2], fanout.MIN_SCALE);
  const alone = fanout.scales([{x: 0, y: 0}, {x: 300, y: 0}]);
  assert.deepEqual(alone, [1, 1]);
  const small = curves.arrowSize(4, 0.2);
  assert.ok(small.half > 4 / 2, "a shrunk arrowhead is still wider than its line");
});
