/* pairmap page: where flows meeting one recipient end (pure; Node loads it for the tests).
   One flow ends on its recipient; several end apart on a small circle around it, each
   on the side facing its donor, spread evenly when donors lie in one direction. */
(function (lib) {
  "use strict";

  /* Radius of the circle, px, and the widest angle kept between two neighbouring ends. */
  var RADIUS = 9, MAX_GAP = 0.5;

  /* Angles (sorted ascending) pushed at least a gap apart, keeping their mean. */
  function spread(angles) {
    var n = angles.length, gap = Math.min(MAX_GAP, 2 * Math.PI / n), out = angles.slice();
    var before = 0, after = 0, k;
    for (k = 1; k < n; k++) out[k] = Math.max(out[k], out[k - 1] + gap);
    for (k = 0; k < n; k++) { before += angles[k]; after += out[k]; }
    var shift = (before - after) / n;
    return out.map(function (a) { return a + shift; });
  }

  /* The end point of every flow: flow i runs from points[donors[i]] towards
     points[recipients[i]]. Ties between donors in one direction go by flow order. */
  function flowEnds(points, donors, recipients, radius) {
    var incoming = {}, ends = new Array(donors.length), i;
    radius = radius === undefined ? RADIUS : radius;
    for (i = 0; i < donors.length; i++) (incoming[recipients[i]] = incoming[recipients[i]] || []).push(i);
    Object.keys(incoming).forEach(function (key) {
      var list = incoming[key], centre = points[+key];
      if (list.length === 1) { ends[list[0]] = centre; return; }
      var items = list.map(function (f) {
        var d = points[donors[f]];
        return {f: f, angle: Math.atan2(d.y - centre.y, d.x - centre.x)};
      }).sort(function (a, b) { return a.angle - b.angle || a.f - b.f; });
      var angles = spread(items.map(function (item) { return item.angle; }));
      items.forEach(function (item, k) {
        ends[item.f] = {x: centre.x + radius * Math.cos(angles[k]), y: centre.y + radius * Math.sin(angles[k])};
      });
    });
    return ends;
  }

  lib.fanout = {RADIUS: RADIUS, spread: spread, flowEnds: flowEnds};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
