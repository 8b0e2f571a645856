/* pairmap page: flow geometry in screen pixels (pure; Node loads it for the tests).
   A flow is a quadratic Bézier bending to the left of donor -> recipient (so A -> B and
   B -> A bow apart), a loop when both ends meet, and ends in an arrowhead whose size in
   pixels grows with the line's width. Points are {x, y} with y growing downwards. */
(function (lib) {
  "use strict";

  /* Points per curve (minus one); bend of the first flow between two places, in chord
     lengths, and how much further each repeat bends; loop radius per repeat, px. */
  var SAMPLES = 16, BEND = 0.18, BEND_STEP = 0.1, LOOP = 6;

  function point(x, y) { return {x: x, y: y}; }

  function distance(a, b) { return Math.sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)); }

  /* The control point `bend` chord lengths to the left of the chord's middle. */
  function controlPoint(p0, p2, bend) {
    var dx = p2.x - p0.x, dy = p2.y - p0.y;
    return point((p0.x + p2.x) / 2 + dy * bend, (p0.y + p2.y) / 2 - dx * bend);
  }

  function bezier(p0, c, p2) {
    var points = [];
    for (var t = 0; t <= SAMPLES; t++) {
      var s = t / SAMPLES, u = 1 - s;
      points.push(point(u * u * p0.x + 2 * u * s * c.x + s * s * p2.x,
                        u * u * p0.y + 2 * u * s * c.y + s * s * p2.y));
    }
    return points;
  }

  /* A circle above p0, through p0, for a place paired with itself. */
  function loop(p0, repeat) {
    var points = [], r = LOOP * repeat;
    for (var t = 0; t <= SAMPLES; t++) {
      var angle = 2 * Math.PI * t / SAMPLES;
      points.push(point(p0.x + r * Math.sin(angle), p0.y - r * (1 - Math.cos(angle))));
    }
    return points;
  }

  /* The points of the `repeat`-th flow (1, 2 ...) from p0 to p2. */
  function curve(p0, p2, repeat) {
    if (distance(p0, p2) < 1e-6) return loop(p0, repeat);
    return bezier(p0, controlPoint(p0, p2, BEND + BEND_STEP * (repeat - 1)), p2);
  }

  /* Every flow's points: flow i runs from points[donors[i]] to ends[i]; a second flow
     between the same two places bends further than the first. */
  function flowCurves(points, donors, recipients, ends) {
    var seen = {}, curves = new Array(donors.length);
    for (var i = 0; i < donors.length; i++) {
      var key = donors[i] + ">" + recipients[i], repeat = seen[key] = (seen[key] || 0) + 1;
      curves[i] = curve(points[donors[i]], ends[i], repeat);
    }
    return curves;
  }

  /* Arrowhead length and half width for a line `weight` px wide. */
  function arrowSize(weight) { return {length: 7 + 2.4 * weight, half: 4 + 1.3 * weight}; }

  /* A polyline split into the line up to the arrowhead's base (`size.length` px before
     its end, measured along it) and the arrowhead [tip, left corner, right corner]. */
  function arrowhead(points, size) {
    var n = points.length, tip = points[n - 1], back = tip, walked = 0, base = null, i;
    for (i = n - 2; i >= 0; i--) {
      var step = distance(points[i], back);
      if (walked + step >= size.length && step > 0) {
        var t = (size.length - walked) / step;
        base = point(back.x + (points[i].x - back.x) * t, back.y + (points[i].y - back.y) * t);
        break;
      }
      walked += step;
      back = points[i];
    }
    if (!base) { base = points[0]; i = 0; }
    var dx = tip.x - base.x, dy = tip.y - base.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var nx = -dy / len * size.half, ny = dx / len * size.half;
    return {line: points.slice(0, i + 1).concat([base]),
            head: [tip, point(base.x + nx, base.y + ny), point(base.x - nx, base.y - ny)]};
  }

  lib.curves = {SAMPLES: SAMPLES, BEND: BEND, controlPoint: controlPoint, curve: curve,
                flowCurves: flowCurves, arrowSize: arrowSize, arrowhead: arrowhead};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
