/* pairmap page: flow geometry in screen pixels (pure; Node loads it for the tests).
   A flow bends to the left of donor -> recipient (so A -> B and B -> A bow apart), or is
   a loop when both ends meet, and runs into its arrowhead's base along the arrowhead's
   axis: the arrowhead points at the recipient's centre, its tip on the node's edge
   (fanout.js chooses where). Points are {x, y} with y growing downwards. */
(function (lib) {
  "use strict";

  /* Points per curve (minus one); bend of the first flow between two places, in chord
     lengths, and how much further each repeat bends; loop size per repeat, px. */
  var SAMPLES = 16, BEND = 0.18, BEND_STEP = 0.06, LOOP = 14;
  /* Length of the straight approach into the arrowhead, in chord lengths at most. */
  var HANDLE = 0.2;

  function point(x, y) { return {x: x, y: y}; }

  function distance(a, b) { return Math.sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)); }

  function along(p, angle, length) { return point(p.x + length * Math.cos(angle), p.y + length * Math.sin(angle)); }

  /* The control point `bend` chord lengths to the left of the chord's middle. */
  function controlPoint(p0, p2, bend) {
    var dx = p2.x - p0.x, dy = p2.y - p0.y;
    return point((p0.x + p2.x) / 2 + dy * bend, (p0.y + p2.y) / 2 - dx * bend);
  }

  function cubic(p0, c1, c2, p3) {
    var points = [];
    for (var t = 0; t <= SAMPLES; t++) {
      var s = t / SAMPLES, u = 1 - s, a = u * u * u, b = 3 * u * u * s, c = 3 * u * s * s, d = s * s * s;
      points.push(point(a * p0.x + b * c1.x + c * c2.x + d * p3.x, a * p0.y + b * c1.y + c * c2.y + d * p3.y));
    }
    return points;
  }

  function bendOf(repeat) { return BEND + BEND_STEP * (repeat - 1); }

  /* The angle (from the recipient p2) at which the `repeat`-th flow from p0 would like to
     arrive: towards its bend's control point; straight up for a loop. */
  function arrival(p0, p2, repeat) {
    if (distance(p0, p2) < 1e-6) return -Math.PI / 2;
    var c = controlPoint(p0, p2, bendOf(repeat));
    return Math.atan2(c.y - p2.y, c.x - p2.x);
  }

  /* The points of the `repeat`-th flow from p0 to the base of its arrowhead, which lies at
     `end.angle`, `end.base` px from the recipient p2. The curve leaves p0 as the plain
     bend would and arrives along the arrowhead's axis. */
  function curve(p0, p2, repeat, end) {
    var base = along(p2, end.angle, end.base);
    if (distance(p0, p2) < 1e-6) {
      var size = LOOP * repeat, start = end.angle - 0.9;
      return cubic(along(p2, start, end.base), along(p2, start, end.base + 2.5 * size),
                   along(p2, end.angle, end.base + 2.5 * size), base);
    }
    var c = controlPoint(p0, p2, bendOf(repeat));
    var c1 = point(p0.x + 2 / 3 * (c.x - p0.x), p0.y + 2 / 3 * (c.y - p0.y));
    var handle = Math.min(2 / 3 * distance(c, p2), HANDLE * distance(p0, base));
    return cubic(p0, c1, along(base, end.angle, handle), base);
  }

  /* Which repeat (1, 2 ...) of its pair each flow is: flow i runs from donors[i] to
     recipients[i]; a second flow between the same two places bends further. */
  function repeats(donors, recipients) {
    var seen = {}, out = new Array(donors.length);
    for (var i = 0; i < donors.length; i++) {
      var key = donors[i] + ">" + recipients[i];
      out[i] = seen[key] = (seen[key] || 0) + 1;
    }
    return out;
  }

  /* Arrowhead length and half width for a line `weight` px wide, `scale` (<= 1) times the
     full size where nodes crowd; always wider than its line. */
  function arrowSize(weight, scale) {
    scale = scale === undefined ? 1 : scale;
    return {length: (6 + 1.8 * weight) * scale, half: Math.max((3.5 + weight) * scale, weight / 2 + 1.5)};
  }

  /* The arrowhead [tip, left corner, right corner] pointing at `centre` from `angle`,
     its tip `tip` px from the centre. */
  function head(centre, angle, tip, size) {
    var t = along(centre, angle, tip), b = along(centre, angle, tip + size.length);
    var nx = -Math.sin(angle) * size.half, ny = Math.cos(angle) * size.half;
    return [t, point(b.x + nx, b.y + ny), point(b.x - nx, b.y - ny)];
  }

  lib.curves = {SAMPLES: SAMPLES, BEND: BEND, controlPoint: controlPoint, arrival: arrival,
                curve: curve, repeats: repeats, arrowSize: arrowSize, head: head, distance: distance};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
