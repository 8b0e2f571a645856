/* pairmap page: where each flow's arrowhead sits around its recipient (pure; Node loads it
   for the tests). Arrowheads point at the recipient's centre with their tips on its
   circle's edge, in the order their flows arrive, each as close to its flow's own
   bearing as the others allow (a least-squares packing of angular slots). When a node
   has more arrowheads than its circle holds, they move out to a ring that holds them
   all. Nodes with most arrows go first; an arrowhead that would touch one already
   placed (also one of another node) turns to the nearest free angle, or moves out. */
(function (lib) {
  "use strict";

  var curves = lib.curves || require("./curves.js").curves;
  var heads = lib.heads || require("./heads.js").heads;
  var TAU = 2 * Math.PI;
  /* Angle kept free between neighbouring arrowheads beyond their clearance, rad; search
     step for a free angle, rad; step outwards, px; rings tried before giving up. */
  var GAP = 0.04, TURN = Math.PI / 36, STEP = 3, RINGS = 20;
  /* Arrowheads are full size at a node whose nearest neighbour is ROOM px away or more,
     smaller (down to MIN_SCALE) where nodes crowd. */
  var ROOM = 40, MIN_SCALE = 0.45;

  function norm(a) { return ((a % TAU) + TAU) % TAU; }

  /* The smallest turn between an arrowhead `a` and one `b` on its left, both tips `tip` px
     from the centre, that keeps them clear of each other (bisection; cached by size). */
  var turns = {};
  function turn(tip, a, b) {
    var key = [tip, a.length, a.half, b.length, b.half].join(" ");
    if (turns[key] !== undefined) return turns[key];
    var c = {x: 0, y: 0}, lo = 0, hi = Math.PI, first = curves.head(c, 0, tip, a);
    for (var k = 0; k < 24; k++) {
      var mid = (lo + hi) / 2;
      if (heads.overlap(first, curves.head(c, mid, tip, b))) lo = mid; else hi = mid;
    }
    return (turns[key] = hi + GAP);
  }

  /* Indices of `wanted` in circular order, starting after the widest gap. */
  function circular(wanted) {
    var n = wanted.length, order = wanted.map(function (a, i) { return i; }).sort(function (i, j) {
      return norm(wanted[i]) - norm(wanted[j]) || i - j;
    });
    var start = 0, widest = -1;
    order.forEach(function (f, k) {
      var next = norm(wanted[order[(k + 1) % n]]) + (k === n - 1 ? TAU : 0), gap = next - norm(wanted[f]);
      if (gap > widest) { widest = gap; start = (k + 1) % n; }
    });
    return order.slice(start).concat(order.slice(0, start));
  }

  /* The turns between neighbours of `order` (the last one: back to the first). */
  function steps(order, sep) {
    return order.map(function (f, k) { return sep(f, order[(k + 1) % order.length]); });
  }

  /* The smallest tip distance >= edge at which all arrowheads of `sizes` fit around,
     in the circular order of the angles `wanted`. */
  function ring(edge, sizes, wanted) {
    var order = circular(wanted), tip = edge, total = function () {
      return sizes.length < 2 ? 0 : steps(order, function (i, j) { return turn(tip, sizes[i], sizes[j]); })
        .reduce(function (sum, step) { return sum + step; }, 0);
    };
    while (total() > TAU) tip += 1;
    return tip;
  }

  /* Non-decreasing least-squares fit of `values` (pool adjacent violators). */
  function monotone(values) {
    var blocks = [];
    values.forEach(function (v) {
      blocks.push({sum: v, n: 1});
      while (blocks.length > 1) {
        var b = blocks[blocks.length - 1], a = blocks[blocks.length - 2];
        if (a.sum / a.n <= b.sum / b.n) break;
        blocks.pop();
        a.sum += b.sum; a.n += b.n;
      }
    });
    var out = [];
    blocks.forEach(function (b) { for (var k = 0; k < b.n; k++) out.push(b.sum / b.n); });
    return out;
  }

  /* Angles as close to `wanted` as the turns sep(i, j) between neighbours allow (their
     sum around the circle <= 2 pi), in the same circular order; each within pi of its
     wanted angle. */
  function pack(wanted, sep) {
    var n = wanted.length;
    if (n < 2) return wanted.slice();
    var order = circular(wanted), gaps = steps(order, sep), offsets = [0], base = norm(wanted[order[0]]);
    for (var k = 1; k < n; k++) offsets.push(offsets[k - 1] + gaps[k - 1]);
    var unwrapped = order.map(function (f) { return base + norm(wanted[f] - base); });
    var fit = monotone(unwrapped.map(function (a, k) { return a - offsets[k]; }));
    var angles = fit.map(function (y, k) { return y + offsets[k]; });
    if (angles[0] + TAU - angles[n - 1] < gaps[n - 1]) {
      var slack = (TAU - offsets[n - 1] - gaps[n - 1]) / n, shift = 0;
      angles = offsets.map(function (o, k) { return o + k * slack; });
      angles.forEach(function (a, k) { shift += (unwrapped[k] - a) / n; });
      angles = angles.map(function (a) { return a + shift; });
    }
    var out = new Array(n);
    order.forEach(function (f, k) {
      out[f] = angles[k] - TAU * Math.round((angles[k] - wanted[f]) / TAU);
    });
    return out;
  }

  /* The first free place for an arrowhead near `angle`: turning both ways, then further out. */
  function settle(grid, centre, angle, tip, size) {
    for (var r = 0; r < RINGS; r++) {
      for (var k = 0; k <= 2 * Math.PI / TURN; k++) {
        var a = angle + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * TURN;
        var triangle = curves.head(centre, a, tip + r * STEP, size);
        if (!grid.hits(triangle)) {
          grid.add(triangle);
          return {angle: a, tip: tip + r * STEP, base: tip + r * STEP + size.length, head: triangle};
        }
      }
    }
    var last = curves.head(centre, angle, tip, size);
    grid.add(last);
    return {angle: angle, tip: tip, base: tip + size.length, head: last};
  }

  /* The arrowhead scale at each node: the distance to its nearest neighbour over ROOM. */
  function scales(points) {
    var grid = {}, cell = function (p) { return Math.floor(p.x / ROOM) + "," + Math.floor(p.y / ROOM); };
    points.forEach(function (p, k) { (grid[cell(p)] = grid[cell(p)] || []).push(k); });
    return points.map(function (p, k) {
      var nearest = ROOM, cx = Math.floor(p.x / ROOM), cy = Math.floor(p.y / ROOM);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          (grid[(cx + dx) + "," + (cy + dy)] || []).forEach(function (j) {
            var d = curves.distance(p, points[j]);
            if (j !== k && d > 1e-6 && d < nearest) nearest = d;
          });
        }
      }
      return Math.max(MIN_SCALE, nearest / ROOM);
    });
  }

  /* Every flow's end {angle, tip, base, head}: flow i runs from points[donors[i]] to
     points[recipients[i]], is weights[i] px wide; node k's circle reaches edges[k] px. */
  function place(points, edges, donors, recipients, weights) {
    var reps = curves.repeats(donors, recipients), incoming = {}, ends = new Array(donors.length);
    var grid = new heads.Grid(), scale = scales(points);
    donors.forEach(function (d, i) { (incoming[recipients[i]] = incoming[recipients[i]] || []).push(i); });
    Object.keys(incoming).sort(function (a, b) {
      return incoming[b].length - incoming[a].length || a - b;
    }).forEach(function (key) {
      var list = incoming[key], centre = points[+key];
      var sizes = list.map(function (f) { return curves.arrowSize(weights[f], scale[+key]); });
      var wanted = list.map(function (f) { return curves.arrival(points[donors[f]], centre, reps[f]); });
      var tip = ring(edges[+key], sizes, wanted);
      var angles = pack(wanted, function (i, j) { return turn(tip, sizes[i], sizes[j]); });
      list.forEach(function (f, k) { ends[f] = settle(grid, centre, angles[k], tip, sizes[k]); });
    });
    return ends;
  }

  lib.fanout = {GAP: GAP, ROOM: ROOM, MIN_SCALE: MIN_SCALE, scales: scales, turn: turn, ring: ring, monotone: monotone, pack: pack, place: place};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
