/* pairmap page: arrowheads as triangles in screen pixels, and whether two overlap (pure;
   Node loads it for the tests). A triangle is [tip, corner, corner] of {x, y} points. */
(function (lib) {
  "use strict";

  /* Two arrowheads are placed at least CLEAR px apart (Leaflet draws paths at whole
     layer pixels, which moves each corner by up to 0.71 px); the grid's cell size, px. */
  var CLEAR = 1.5, CELL = 40;

  function project(points, ax, ay) {
    var lo = Infinity, hi = -Infinity;
    points.forEach(function (p) {
      var v = p.x * ax + p.y * ay;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    });
    return [lo, hi];
  }

  /* Whether convex polygons a and b come closer than `clear` px (separating axes: they
     are apart when, along one edge normal of either, their shadows leave that gap). */
  function overlap(a, b, clear) {
    clear = clear === undefined ? CLEAR : clear;
    var polygons = [a, b];
    for (var k = 0; k < 2; k++) {
      var poly = polygons[k];
      for (var i = 0; i < poly.length; i++) {
        var p = poly[i], q = poly[(i + 1) % poly.length];
        var ex = q.x - p.x, ey = q.y - p.y, len = Math.sqrt(ex * ex + ey * ey);
        if (len < 1e-9) continue;
        var sa = project(a, -ey / len, ex / len), sb = project(b, -ey / len, ex / len);
        if (sa[1] + clear <= sb[0] || sb[1] + clear <= sa[0]) return false;
      }
    }
    return true;
  }

  function bounds(poly) {
    var xs = poly.map(function (p) { return p.x; }), ys = poly.map(function (p) { return p.y; });
    return {x0: Math.min.apply(null, xs), y0: Math.min.apply(null, ys),
            x1: Math.max.apply(null, xs), y1: Math.max.apply(null, ys)};
  }

  /* The triangles placed so far, in a grid of CELL px squares for quick look-ups. */
  function Grid() { this.cells = {}; }

  Grid.prototype.keys = function (poly) {
    var box = bounds(poly), keys = [];
    for (var cx = Math.floor((box.x0 - CLEAR) / CELL); cx <= Math.floor((box.x1 + CLEAR) / CELL); cx++) {
      for (var cy = Math.floor((box.y0 - CLEAR) / CELL); cy <= Math.floor((box.y1 + CLEAR) / CELL); cy++) {
        keys.push(cx + "," + cy);
      }
    }
    return keys;
  };

  Grid.prototype.add = function (poly) {
    var cells = this.cells;
    this.keys(poly).forEach(function (key) { (cells[key] = cells[key] || []).push(poly); });
  };

  /* Whether `poly` overlaps a triangle already placed. */
  Grid.prototype.hits = function (poly) {
    var cells = this.cells;
    return this.keys(poly).some(function (key) {
      return (cells[key] || []).some(function (other) { return overlap(poly, other); });
    });
  };

  /* Every pair (i < j) of `polys` that overlap (more than touching). */
  function overlapping(polys) {
    var pairs = [];
    for (var i = 0; i < polys.length; i++) {
      for (var j = i + 1; j < polys.length; j++) if (overlap(polys[i], polys[j], 0)) pairs.push([i, j]);
    }
    return pairs;
  }

  lib.heads = {CLEAR: CLEAR, overlap: overlap, Grid: Grid, overlapping: overlapping};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
