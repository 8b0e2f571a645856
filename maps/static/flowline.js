/* pairmap page: one flow on the map, a curved line ending in a filled arrowhead.
   Both parts are stock Leaflet paths (a polyline stopping at the arrowhead's base and a
   triangle) in one feature group, which carries the flow's style and data
   (options.pairmap) and answers getLatLngs() with the whole curve. The arrowhead keeps
   its size in pixels, so both parts are reshaped whenever the zoom changes. */
(function (lib) {
  "use strict";

  var FlowLine = L.FeatureGroup.extend({
    /* `curve`: LatLngs from donor to recipient; `style`: Path options (renderer, color,
       weight, opacity, dashArray, lineCap); `info`: the flow's options.pairmap. */
    initialize: function (curve, style, info) {
      this.curve = curve;
      this.shapedAt = null;
      this.line = L.polyline([], L.extend({}, style, {fill: false, noClip: true, smoothFactor: 0}));
      this.head = L.polygon([], {renderer: style.renderer, stroke: false, fill: true,
                                 fillColor: style.color, fillOpacity: style.opacity});
      L.FeatureGroup.prototype.initialize.call(this, [this.line, this.head],
                                               L.extend({pairmap: info}, style));
    },

    getLatLngs: function () { return this.curve; },

    getEvents: function () { return {zoomend: this.onZoomEnd}; },

    onAdd: function (map) {
      this.reshape(map);
      L.FeatureGroup.prototype.onAdd.call(this, map);
    },

    onZoomEnd: function (event) { this.reshape(event.target); },

    /* Cut the line and place the arrowhead for the map's zoom (in projected pixels). */
    reshape: function (map) {
      var zoom = map.getZoom();
      if (zoom === this.shapedAt) return this;
      var pixels = this.curve.map(function (latlng) { return map.project(latlng, zoom); });
      var shape = lib.curves.arrowhead(pixels, lib.curves.arrowSize(this.options.weight));
      var toLatLng = function (p) { return map.unproject(p, zoom); };
      this.line.setLatLngs(shape.line.map(toLatLng));
      this.head.setLatLngs(shape.head.map(toLatLng));
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

  lib.FlowLine = FlowLine;
}(window.pairmapLib = window.pairmapLib || {}));
