/* Flow geometry of the page (maps/static/curves.js): bend side, scaling, loops, arrowheads. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {curves} = require("../../../maps/static/curves.js");

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const dist = (a, b) => Math.hypot(b.x - a.x, b.y - a.y);

/* How far p lies to the left of the line a -> b, in px (screen y grows downwards). */
function leftOf(a, b, p) {
  const dx = b.x - a.x, dy = b.y - a.y;
  return ((p.x - a.x) * dy - (p.y - a.y) * dx) / Math.hypot(dx, dy);
}

test("the control point lies to the left of donor -> recipient, whatever the direction", () => {
  for (let k = 0; k < 8; k++) {
    const angle = (k * Math.PI) / 4, p0 = {x: 50, y: 70};
    const p2 = {x: p0.x + 200 * Math.cos(angle), y: p0.y + 200 * Math.sin(angle)};
    const c = curves.controlPoint(p0, p2, curves.BEND);
    close(leftOf(p0, p2, c), curves.BEND * 200, 1e-9);
    // and it sits over the chord's middle
    close((c.x - p0.x) * (p2.x - p0.x) + (c.y - p0.y) * (p2.y - p0.y), 200 * 200 / 2, 1e-6);
  }
  // east on screen: left is up (smaller y)
  assert.ok(curves.controlPoint({x: 0, y: 0}, {x: 100, y: 0}, 0.2).y < 0);
});

test("a curve runs from donor to recipient and bows left in proportion to its length", () => {
  const p0 = {x: 0, y: 0};
  const offsets = [100, 200, 400].map((length) => {
    const points = curves.curve(p0, {x: length, y: 0}, 1);
    assert.equal(points.length, curves.SAMPLES + 1);
    assert.deepEqual(points[0], p0);
    assert.deepEqual(points[points.length - 1], {x: length, y: 0});
    const middle = points[curves.SAMPLES / 2];
    close(middle.x, length / 2, 1e-9);
    return leftOf(p0, {x: length, y: 0}, middle);
  });
  // a quadratic Bézier's middle lies half way to its control point
  close(offsets[0], (curves.BEND * 100) / 2, 1e-9);
  close(offsets[1], 2 * offsets[0], 1e-9);
  close(offsets[2], 4 * offsets[0], 1e-9);
});

test("A -> B and B -> A bow apart; a repeated pair bends further", () => {
  const points = [{x: 0, y: 0}, {x: 300, y: 0}];
  const [there, back, again] = curves.flowCurves(points, [0, 1, 0], [1, 0, 1], [points[1], points[0], points[1]]);
  const middle = (c) => c[curves.SAMPLES / 2];
  assert.ok(middle(there).y < 0 && middle(back).y > 0);
  assert.ok(middle(again).y < middle(there).y - 10);
});

test("a place paired with itself gets a loop above it, larger for each repeat", () => {
  const p = {x: 10, y: 10};
  const [one, two] = curves.flowCurves([p], [0, 0], [0, 0], [p, p]);
  for (const loop of [one, two]) {
    close(loop[0].x, p.x); close(loop[0].y, p.y);
    close(loop[loop.length - 1].x, p.x, 1e-9); close(loop[loop.length - 1].y, p.y, 1e-9);
  }
  const top = (loop) => Math.min(...loop.map((q) => q.y));
  close(p.y - top(one), 12, 1e-9);
  close(p.y - top(two), 24, 1e-9);
});

test("arrowheads grow with the line's width", () => {
  const thin = curves.arrowSize(1), thick = curves.arrowSize(6);
  assert.ok(thick.length > thin.length && thick.half > thin.half);
  assert.ok(thin.half > 1 / 2, "an arrowhead is wider than its line");
});

test("the arrowhead sits at the end and the line stops at its base", () => {
  const points = curves.curve({x: 0, y: 0}, {x: 400, y: 100}, 1);
  const size = curves.arrowSize(3), cut = curves.arrowhead(points, size);
  const [tip, left, right] = cut.head, base = cut.line[cut.line.length - 1];
  assert.deepEqual(tip, points[points.length - 1]);
  assert.deepEqual(cut.line[0], points[0]);
  // the base is size.length px back along the curve, the corners square to it
  let along = dist(base, points[cut.line.length - 1]);
  for (let i = cut.line.length - 1; i < points.length - 1; i++) along += dist(points[i], points[i + 1]);
  close(along, size.length, 1e-9);
  close(dist(left, base), size.half, 1e-9);
  close(dist(right, base), size.half, 1e-9);
  close((left.x + right.x) / 2, base.x, 1e-9);
  close((tip.x - base.x) * (left.x - base.x) + (tip.y - base.y) * (left.y - base.y), 0, 1e-9);
  // the line keeps every point before the base
  assert.deepEqual(cut.line.slice(0, -1), points.slice(0, cut.line.length - 1));
});

test("on a straight line the arrowhead is exactly its length long", () => {
  const points = [{x: 0, y: 0}, {x: 50, y: 0}, {x: 100, y: 0}];
  const cut = curves.arrowhead(points, {length: 20, half: 5});
  assert.deepEqual(cut.line, [{x: 0, y: 0}, {x: 50, y: 0}, {x: 80, y: 0}]);
  assert.deepEqual(cut.head, [{x: 100, y: 0}, {x: 80, y: 5}, {x: 80, y: -5}]);
});

test("a flow shorter than its arrowhead is all arrowhead", () => {
  const cut = curves.arrowhead([{x: 0, y: 0}, {x: 3, y: 4}], {length: 20, half: 5});
  assert.deepEqual(cut.line, [{x: 0, y: 0}, {x: 0, y: 0}]);
  assert.deepEqual(cut.head[0], {x: 3, y: 4});
  close(dist(cut.head[1], {x: 0, y: 0}), 5, 1e-9);
});
