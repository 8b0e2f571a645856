/* Flow geometry of the page (maps/static/curves.js): bend side, arrival, loops, arrowheads. */
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

test("a flow arrives from the side its bend comes from; a repeat from further round", () => {
  const p0 = {x: 0, y: 0}, p2 = {x: 300, y: 0};
  const first = curves.arrival(p0, p2, 1), second = curves.arrival(p0, p2, 2);
  // from the west, bowed left (up): the arrival angle points up and back, between pi/2 and pi
  assert.ok(first < -Math.PI / 2 && first > -Math.PI, `${first}`);
  assert.ok(second > first, "a repeat bends further, so it comes from higher up");
  close(curves.arrival(p0, p0, 1), -Math.PI / 2);
});

test("a curve leaves its donor and ends at the arrowhead's base, along the arrowhead's axis", () => {
  const p0 = {x: 0, y: 0}, p2 = {x: 400, y: 100};
  for (const angle of [curves.arrival(p0, p2, 1), Math.PI, -Math.PI / 2, 0.3]) {
    const end = {angle, base: 15};
    const points = curves.curve(p0, p2, 1, end);
    assert.equal(points.length, curves.SAMPLES + 1);
    assert.deepEqual(points[0], p0);
    const last = points[points.length - 1], before = points[points.length - 2];
    close(dist(last, p2), 15, 1e-9);
    close(Math.atan2(last.y - p2.y, last.x - p2.x), angle, 1e-9);
    // the last step heads in towards the recipient's centre, straight at it when the
    // flow arrives at its own bearing
    assert.ok(dist(before, p2) > dist(last, p2) + 1);
    const heading = Math.atan2(last.y - before.y, last.x - before.x);
    if (angle === curves.arrival(p0, p2, 1)) close(Math.cos(heading - (angle + Math.PI)), 1, 1e-3);
  }
});

test("arriving at its own bearing, a flow still bows left like a plain bend", () => {
  const p0 = {x: 0, y: 0}, p2 = {x: 400, y: 0};
  const points = curves.curve(p0, p2, 1, {angle: curves.arrival(p0, p2, 1), base: 10});
  const middle = points[curves.SAMPLES / 2];
  assert.ok(leftOf(p0, p2, middle) > 0.05 * 400, "bows to the left");
  assert.ok(points.every((p) => leftOf(p0, p2, p) >= -1e-9), "never swings to the right");
});

test("repeats count the flows between the same two places, in each direction", () => {
  assert.deepEqual(curves.repeats([0, 1, 0, 0, 2], [1, 0, 1, 1, 1]), [1, 1, 2, 3, 1]);
});

test("a place paired with itself gets a loop that comes back to its own arrowhead", () => {
  const p = {x: 10, y: 10}, end = {angle: -Math.PI / 2, base: 12};
  const one = curves.curve(p, p, 1, end), two = curves.curve(p, p, 2, end);
  for (const loop of [one, two]) {
    close(dist(loop[0], p), 12, 1e-9);
    close(loop[loop.length - 1].x, p.x, 1e-9);
    close(loop[loop.length - 1].y, p.y - 12, 1e-9);
  }
  const top = (loop) => Math.min(...loop.map((q) => q.y));
  assert.ok(top(two) < top(one) - 10, "a repeated loop is larger");
});

test("arrowheads grow with the line's width and are wider than it", () => {
  const thin = curves.arrowSize(1), thick = curves.arrowSize(6);
  assert.ok(thick.length > thin.length && thick.half > thin.half);
  for (const w of [0.5, 1, 2, 6, 12]) assert.ok(curves.arrowSize(w).half > w / 2 + 2);
});

test("an arrowhead points at the centre with its tip at the given distance", () => {
  const centre = {x: 100, y: 50}, size = {length: 10, half: 4};
  for (const angle of [0, 1, 2.5, -2]) {
    const [tip, left, right] = curves.head(centre, angle, 7, size);
    close(dist(tip, centre), 7);
    close(Math.atan2(tip.y - centre.y, tip.x - centre.x), angle);
    close(dist(left, right), 8);
    const base = {x: (left.x + right.x) / 2, y: (left.y + right.y) / 2};
    close(dist(base, centre), 17);
    close(dist(base, tip), 10);
  }
});
