/* pairmap page: placing labels without overlaps (pure; Node loads it for the tests).
   A greedy placer: labels are taken in order of priority, and each goes to the first of
   its candidate positions (right of its circle, left, above, below, then the four
   diagonals; a centred label: on its point, above, below) whose box lies inside the
   frame and overlaps no obstacle box, no other circle and no label placed before it.
   A label with no such position is left out, and so is one whose `key` (its unit) a label
   placed before has (a province named by its node is not named twice). An item with `keep`
   (the side it was shown on in the view before zooming in) goes before every item without
   and tries that side first: a label hidden before cannot take the room of one shown before
   when zooming in makes room for it. Boxes are {x0, y0, x1, y1} in pixels. */
(function (lib) {
  "use strict";

  /* Gap between a circle and its label, px; side of a cell of the spatial index, px. */
  var GAP = 3, CELL = 64;
  var SIDES = ["right", "left", "above", "below", "upper-right", "upper-left", "lower-right",
               "lower-left"];
  var CENTRED = ["centre", "above", "below"];

  function box(x, y, w, h) { return {x0: x, y0: y, x1: x + w, y1: y + h}; }

  /* The candidate boxes of one item {x, y, r, w, h, centred}, best first. */
  function candidates(item, gap) {
    var x = item.x, y = item.y, w = item.w, h = item.h, r = item.r || 0, d = r * Math.SQRT1_2;
    if (gap === undefined) gap = GAP;
    if (item.centred) {
      return [box(x - w / 2, y - h / 2, w, h), box(x - w / 2, y - h * 1.5 - gap, w, h),
              box(x - w / 2, y + h / 2 + gap, w, h)];
    }
    return [box(x + r + gap, y - h / 2, w, h), box(x - r - gap - w, y - h / 2, w, h),
            box(x - w / 2, y - r - gap - h, w, h), box(x - w / 2, y + r + gap, w, h),
            box(x + d + gap, y - d - h, w, h), box(x - d - gap - w, y - d - h, w, h),
            box(x + d + gap, y + d, w, h), box(x - d - gap - w, y + d, w, h)];
  }

  function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

  /* Whether box `a` reaches into circle {x, y, r}. */
  function hitsCircle(a, c) {
    var dx = Math.max(a.x0 - c.x, 0, c.x - a.x1), dy = Math.max(a.y0 - c.y, 0, c.y - a.y1);
    return dx * dx + dy * dy < c.r * c.r;
  }

  function inside(a, frame) {
    return a.x0 >= frame.x0 && a.y0 >= frame.y0 && a.x1 <= frame.x1 && a.y1 <= frame.y1;
  }

  function grown(a, pad) { return {x0: a.x0 - pad, y0: a.y0 - pad, x1: a.x1 + pad, y1: a.y1 + pad}; }

  /* A uniform grid of boxes and circles, so each test looks at the few nearby. */
  function Grid(cell) { this.cell = cell || CELL; this.cells = new Map(); }

  /* Call visit(list of cell) for each cell box `a` touches, until it returns true. */
  Grid.prototype.some = function (a, make, visit) {
    var c = this.cell, cells = this.cells, i, j, key, list;
    var i1 = Math.floor(a.x1 / c), j0 = Math.floor(a.y0 / c), j1 = Math.floor(a.y1 / c);
    for (i = Math.floor(a.x0 / c); i <= i1; i++) {
      for (j = j0; j <= j1; j++) {
        key = i * 65536 + j;
        list = cells.get(key);
        if (!list && make) cells.set(key, list = []);
        if (list && visit(list)) return true;
      }
    }
    return false;
  };

  /* Add an entry {box} or {circle, owner}. */
  Grid.prototype.add = function (entry) {
    var c = entry.circle, area = c ? box(c.x - c.r, c.y - c.r, 2 * c.r, 2 * c.r) : entry.box;
    this.some(area, true, function (list) { list.push(entry); return false; });
  };

  /* Whether box `a` collides with an entry (circles owned by `owner` do not count). */
  Grid.prototype.hits = function (a, owner) {
    return this.some(a, false, function (list) {
      for (var n = 0, entry; n < list.length; n++) {
        entry = list[n];
        if (entry.circle ? entry.owner !== owner && hitsCircle(a, entry.circle) : overlaps(a, entry.box)) {
          return true;
        }
      }
      return false;
    });
  };

  /* Place `items` (in order of priority) in `options.frame`, clear of `options.obstacles`
     (boxes) and `options.circles` ({x, y, r, owner}: an item does not avoid the circle
     whose owner is its own `owner`); `options.pad` keeps labels apart. Returns, per item
     (in the items' order), null or {x0, y0, x1, y1, side}. */
  function place(items, options) {
    var grid = new Grid(options.cell), pad = options.pad || 0, frame = options.frame, keys = {};
    (options.obstacles || []).forEach(function (b) { grid.add({box: b}); });
    (options.circles || []).forEach(function (c) { grid.add({circle: c, owner: c.owner === undefined ? null : c.owner}); });
    var placed = items.map(function () { return null; });
    order(items).forEach(function (i) {
      var item = items[i], boxes = candidates(item, options.gap), names = item.centred ? CENTRED : SIDES;
      var owner = item.owner === undefined ? -1 : item.owner;
      var ks = tries(boxes.length, names.indexOf(item.keep));
      if (item.key !== undefined && keys[item.key]) return;
      for (var t = 0, k, b; t < ks.length; t++) {
        k = ks[t];
        b = boxes[k];
        if (!inside(b, frame) || grid.hits(grown(b, pad), owner)) continue;
        grid.add({box: b});
        if (item.key !== undefined) keys[item.key] = true;
        placed[i] = {x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, side: names[k]};
        return;
      }
    });
    return placed;
  }

  /* The indices of `count` candidates in the order to try them: the kept one (if >= 0) first. */
  function tries(count, kept) {
    var ks = [];
    for (var k = 0; k < count; k++) if (k !== kept) ks.push(k);
    return kept < 0 ? ks : [kept].concat(ks);
  }

  /* The items' indices, those with `keep` first, each part in the items' order. */
  function order(items) {
    var kept = [], rest = [];
    items.forEach(function (item, i) { (item.keep ? kept : rest).push(i); });
    return kept.concat(rest);
  }

  lib.labels = {GAP: GAP, SIDES: SIDES, candidates: candidates, overlaps: overlaps,
                hitsCircle: hitsCircle, Grid: Grid, place: place};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
