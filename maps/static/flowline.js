/* pairmap page: one flow on the map, a curved line ending in a filled arrowhead.
   Both parts are stock Leaflet paths (a polyline ending at the arrowhead's base and a
   triangle) in one feature group, which carries the flow's style and data
   (options.pairmap) and answers getLatLngs() with the whole curve, tip included.
   Arrowheads keep their size in pixels and sit on the edge of their recipient's circle,
   so every flow is laid out again in screen pixels for each new zoom (layout,
   reshapeOnZoom; the geometry is in curves.js and fanout.js). */
(function (lib) {
  "use strict";

  function replace(target, points) {
    target.length = 0;
    Array.prototype.push.apply(target, points);
  }

  var FlowLine = L.FeatureGroup.extend({
    /* `style`: Path options (renderer, color, weight, opacity, dashArray, lineCap);
       `info`: the flow's options.pairmap. */
    initialize: function (style, info) {
      this.curve = [];
      this.shaped = false;
      this.line = L.polyline([], L.extend({}, style, {fill: false, noClip: true, smoothFactor: 0,
                                                     pairmapPart: true}));
      this.head = L.polygon([], {renderer: style.renderer, stroke: false, fill: true, pairmapPart: true,
                                 fillColor: style.color, fillOpacity: style.opacity});
      L.FeatureGroup.prototype.initialize.call(this, [this.line, this.head],
                                               L.extend({pairmap: info}, style));
    },

    getLatLngs: function () { return this.curve; },

    /* The arrowhead's corners [tip, left, right] as LatLngs. */
    headLatLngs: function () { return this.head.getLatLngs()[0]; },

    /* Give the line and the arrowhead new points (LatLngs). The first time the paths
       get them with setLatLngs; after that the new points replace those in the arrays
       the paths draw from, with no redraw of their own: a zoom reprojects and redraws
       every path anyway, and a redraw asked for here would draw the canvas twice. */
    reshape: function (line, head) {
      this.curve = line.concat([head[0]]);
      if (!this.shaped) {
        this.line.setLatLngs(line);
        this.head.setLatLngs(head);
        this.shaped = true;
      } else {
        replace(this.line.getLatLngs(), line);
        replace(this.head.getLatLngs()[0], head);
      }
      return this;
    },

    /* Style both parts (the arrowhead is filled with the line's colour and opacity). */
    setStyle: function (style) {
      L.setOptions(this, style);
      this.line.setStyle(style);
      this.head.setStyle({fillColor: this.options.color, fillOpacity: this.options.opacity});
      return this;
    }
  });

  /* Node circles' edges in px: radius plus half the white outline. */
  var OUTLINE = 0.5;

  /* Every flow's line and arrowhead as LatLngs, laid out in Web Mercator pixels at `zoom`:
     [{line, head}] by flow. */
  function layout(page, zoom) {
    var map = page.map, nodes = page.data.nodes, flows = page.data.flows;
    var px = nodes.lon.map(function (lon, k) { return map.project([nodes.lat[k], lon], zoom); });
    var edges = nodes.radius.map(function (r) { return r + OUTLINE; });
    var ends = lib.fanout.place(px, edges, flows.d, flows.r, flows.w);
    var reps = lib.curves.repeats(flows.d, flows.r);
    var back = function (p) { return map.unproject(L.point(p.x, p.y), zoom); };
    return ends.map(function (end, i) {
      var points = lib.curves.curve(px[flows.d[i]], px[flows.r[i]], reps[i], end);
      return {line: points.map(back), head: end.head.map(back)};
    });
  }

  /* Lay the flows out for the zoom now, and again whenever the zoom changes ("zoom"
     comes before Leaflet reprojects and redraws the paths at "zoomend"/"viewreset"). */
  function reshapeOnZoom(page, layers) {
    var map = page.map, shapedAt = null;
    var reshape = function () {
      var zoom = map.getZoom();
      if (zoom === shapedAt) return;
      shapedAt = zoom;
      layout(page, zoom).forEach(function (shape, i) { layers[i].reshape(shape.line, shape.head); });
    };
    reshape();
    map.on("zoom", reshape);
  }

  lib.FlowLine = FlowLine;
  lib.flowLayout = layout;
  lib.reshapeOnZoom = reshapeOnZoom;
}(window.pairmapLib = window.pairmapLib || {}));
