/* pairmap page: one flow on the map, a curved line ending in a filled arrowhead.
   Both parts are stock Leaflet paths (a polyline stopping at the arrowhead's base and a
   triangle) in one feature group, which carries the flow's style and data
   (options.pairmap) and answers getLatLngs() with the whole curve. The arrowhead keeps
   its size in pixels, so both parts are reshaped for each new zoom (reshapeOnZoom). */
(function (lib) {
  "use strict";

  function replace(target, points) {
    target.length = 0;
    Array.prototype.push.apply(target, points);
  }

  var FlowLine = L.FeatureGroup.extend({
    /* `curve`: LatLngs from donor to recipient; `style`: Path options (renderer, color,
       weight, opacity, dashArray, lineCap); `info`: the flow's options.pairmap. */
    initialize: function (curve, style, info) {
      this.curve = curve;
      this.shapedAt = null;
      this.line = L.polyline([], L.extend({}, style, {fill: false, noClip: true, smoothFactor: 0,
                                                     pairmapPart: true}));
      this.head = L.polygon([], {renderer: style.renderer, stroke: false, fill: true, pairmapPart: true,
                                 fillColor: style.color, fillOpacity: style.opacity});
      L.FeatureGroup.prototype.initialize.call(this, [this.line, this.head],
                                               L.extend({pairmap: info}, style));
    },

    getLatLngs: function () { return this.curve; },

    onAdd: function (map) {
      this.reshape(map, map.getZoom());
      L.FeatureGroup.prototype.onAdd.call(this, map);
    },

    /* Cut the line and place the arrowhead for `zoom` (in projected pixels). The first
       time the paths get their points with setLatLngs (they are not on the map yet);
       after that the new points replace those in the arrays the paths draw from
       (getLatLngs()), with no redraw of their own: a zoom reprojects and redraws every
       path anyway, and a redraw asked for here would draw the whole canvas twice. */
    reshape: function (map, zoom) {
      if (zoom === this.shapedAt) return this;
      var pixels = this.curve.map(function (latlng) { return map.project(latlng, zoom); });
      var shape = lib.curves.arrowhead(pixels, lib.curves.arrowSize(this.options.weight));
      var kept = shape.line.length - 1;
      var line = this.curve.slice(0, kept).concat([map.unproject(shape.line[kept], zoom)]);
      var head = shape.head.map(function (p) { return map.unproject(p, zoom); });
      if (this.shapedAt === null) {
        this.line.setLatLngs(line);
        this.head.setLatLngs(head);
      } else {
        replace(this.line.getLatLngs(), line);
        replace(this.head.getLatLngs()[0], head);
      }
      this.shapedAt = zoom;
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

  /* Reshape the flows on the map whenever the zoom changes ("zoom" comes before Leaflet
     reprojects and redraws the paths at "zoomend"/"viewreset"). */
  function reshapeOnZoom(map, layers) {
    map.on("zoom", function () {
      var zoom = map.getZoom();
      layers.forEach(function (layer) { if (map.hasLayer(layer)) layer.reshape(map, zoom); });
    });
  }

  lib.FlowLine = FlowLine;
  lib.reshapeOnZoom = reshapeOnZoom;
}(window.pairmapLib = window.pairmapLib || {}));
