/* Placing labels without overlaps (maps/static/labels.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {labels} = require("../../../maps/static/labels.js");

const FRAME = {x0: 0, y0: 0, x1: 1000, y1: 800};
const item = (x, y, extra = {}) => ({x, y, r: 5, w: 40, h: 16, ...extra});
const overlapping = (boxes) => {
  const shown = boxes.filter(Boolean);
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      if (labels.overlaps(shown[i], shown[j])) return [shown[i], shown[j]];
    }
  }
  return null;
};

test("a lone label goes right of its circle, vertically centred, one gap away", () => {
  const [box] = labels.place([item(100, 100)], {frame: FRAME});
  assert.equal(box.side, "right");
  assert.equal(box.x0, 100 + 5 + labels.GAP);
  assert.equal(box.y0 + box.y1, 200);
  assert.equal(box.x1 - box.x0, 40);
});

test("the candidates are right, left, above, below, then the diagonals, all clear of the circle", () => {
  const it = item(300, 300, {r: 12});
  const boxes = labels.candidates(it);
  assert.equal(boxes.length, labels.SIDES.length);
  assert.ok(boxes[0].x0 > 300 && boxes[1].x1 < 300 && boxes[2].y1 < 300 && boxes[3].y0 > 300);
  for (const b of boxes) assert.ok(!labels.hitsCircle(b, {x: 300, y: 300, r: 12}), JSON.stringify(b));
});

test("a second label at the same point takes the next free side", () => {
  const placed = labels.place([item(100, 100), item(100, 100)], {frame: FRAME});
  assert.deepEqual(placed.map((b) => b.side), ["right", "left"]);
});

test("many labels at one point: each placed one overlaps no other, the rest are left out", () => {
  const items = Array.from({length: 20}, () => item(500, 400));
  const placed = labels.place(items, {frame: FRAME});
  assert.equal(overlapping(placed), null);
  const shown = placed.filter(Boolean).length;
  assert.ok(shown >= 4 && shown <= labels.SIDES.length, `${shown} placed`);
  assert.equal(placed[0].side, "right", "the first in priority gets the best place");
});

test("a dense random field: no two placed labels overlap, and higher priority wins", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const items = Array.from({length: 400}, () => item(random() * 1000, random() * 800,
                                                      {w: 20 + random() * 60}));
  const placed = labels.place(items, {frame: FRAME, pad: 2});
  assert.equal(overlapping(placed), null);
  const shown = placed.filter(Boolean).length;
  assert.ok(shown > 50 && shown < 400, `${shown} of 400 placed`);
  const firstHalf = placed.slice(0, 200).filter(Boolean).length;
  assert.ok(firstHalf > shown - firstHalf, "earlier items are placed more often");
});

test("labels keep out of obstacle boxes and stay inside the frame", () => {
  const legend = {x0: 900, y0: 600, x1: 1000, y1: 800};
  const items = [item(880, 700), item(995, 10), item(5, 400)];
  const placed = labels.place(items, {frame: FRAME, obstacles: [legend]});
  assert.equal(placed[0].side, "left", "right of the node is the legend");
  for (const b of placed.filter(Boolean)) {
    assert.ok(!labels.overlaps(b, legend));
    assert.ok(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 1000 && b.y1 <= 800, JSON.stringify(b));
  }
  assert.equal(placed[1].side, "left");
  assert.equal(placed[2].side, "right");
});

test("a label fully inside an obstacle has no place", () => {
  const placed = labels.place([item(500, 400)], {frame: FRAME, obstacles: [{x0: 300, y0: 200, x1: 700, y1: 600}]});
  assert.equal(placed[0], null);
});

test("labels avoid other nodes' circles but not their own", () => {
  const circles = [{x: 100, y: 100, r: 5, owner: 0}, {x: 160, y: 100, r: 10, owner: 1}];
  const [box] = labels.place([item(100, 100, {owner: 0, w: 60})], {frame: FRAME, circles});
  assert.notEqual(box.side, "right", "the right side reaches into node 1's circle");
  assert.ok(!labels.hitsCircle(box, circles[1]));
});

test("a centred label sits on its point, else above or below it", () => {
  const place = {x: 500, y: 400, w: 40, h: 16, centred: true};
  const [first, second, third, fourth] = labels.place([place, place, place, place], {frame: FRAME});
  assert.deepEqual([first.side, second.side, third.side], ["centre", "above", "below"]);
  assert.equal(first.x0 + first.x1, 1000);
  assert.equal(fourth, null);
});

test("a label whose key a placed label has is left out", () => {
  const placed = labels.place([item(100, 100, {key: "450000"}), item(600, 400, {key: "450000", centred: true}),
                               item(600, 600, {key: "520000", centred: true})], {frame: FRAME});
  assert.ok(placed[0] && placed[2]);
  assert.equal(placed[1], null);
});

test("the grid finds boxes across cell borders", () => {
  const grid = new labels.Grid(10);
  grid.add({box: {x0: 5, y0: 5, x1: 25, y1: 25}});
  assert.ok(grid.hits({x0: 24, y0: 24, x1: 40, y1: 40}, -1));
  assert.ok(!grid.hits({x0: 25, y0: 0, x1: 40, y1: 40}, -1), "touching is not overlapping");
  grid.add({circle: {x: 100, y: 100, r: 10}, owner: 3});
  assert.ok(grid.hits({x0: 95, y0: 95, x1: 120, y1: 120}, -1));
  assert.ok(!grid.hits({x0: 95, y0: 95, x1: 120, y1: 120}, 3));
  assert.ok(!grid.hits({x0: 108, y0: 108, x1: 120, y1: 120}, -1), "the circle's corner is empty");
});

/* Zooming in twice about O: node A (first in priority) starts inside the big circle of node C
   and has no place; B is shown on its left. Zoomed in, C has moved off A, whose best place is
   now its left: the only room B still has by the frame's edge and a footer (the county map's
   崇左, pushed out by 隆安 and 靖西, which were hidden before). */
const O = {x: 200, y: 150};
const zoomed = (x, y, s) => [O.x + s * (x - O.x), O.y + s * (y - O.y)];
const zoomPair = (s, keep = []) => {
  const [ax, ay] = zoomed(150, 150, s), [bx, by] = zoomed(106, 155, s), [cx, cy] = zoomed(170, 150, s);
  const circles = [{x: ax, y: ay, r: 5, owner: 0}, {x: bx, y: by, r: 5, owner: 1},
                   {x: cx, y: cy, r: 40, owner: 2}];
  const items = [item(ax, ay, {owner: 0, keep: keep[0]}), item(bx, by, {owner: 1, keep: keep[1]})];
  return labels.place(items, {frame: {x0: 0, y0: 0, x1: 400, y1: 300}, circles,
                              obstacles: [{x0: 0, y0: 170, x1: 400, y1: 300}]});
};

test("by priority alone, a label hidden before zooming in can push out one shown before", () => {
  const before = zoomPair(1), after = zoomPair(2);
  assert.equal(before[0], null);
  assert.equal(before[1].side, "left");
  assert.equal(after[0].side, "left");
  assert.equal(after[1], null);
});

test("zooming in, the labels shown before go first, on their sides, and none is lost", () => {
  const before = zoomPair(1), after = zoomPair(2, before.map((b) => b && b.side));
  assert.ok(after[0] && after[1], JSON.stringify(after));
  assert.equal(overlapping(after), null);
  assert.equal(after[1].side, "right", "its side before is off the frame now; the next free one");
});

test("a kept side is tried first, then the usual order", () => {
  const [kept, plain] = labels.place([item(100, 100, {keep: "below"}), item(300, 100)], {frame: FRAME});
  assert.equal(kept.side, "below");
  assert.equal(plain.side, "right");
  const [centred] = labels.place([item(500, 400, {centred: true, keep: "above"})], {frame: FRAME});
  assert.equal(centred.side, "above");
});
