/* pairmap page: a small TopoJSON decoder, quantised delta-encoded arcs -> GeoJSON features
   (pure; Node loads it for the tests). */
(function (lib) {
  "use strict";

  function arcDecoder(topology, convert) {
    var transform = topology.transform;
    var cache = new Array(topology.arcs.length);
    function decode(index) {
      if (cache[index]) return cache[index];
      var arc = topology.arcs[index], points = new Array(arc.length);
      var x = 0, y = 0, i, p;
      for (i = 0; i < arc.length; i++) {
        p = arc[i];
        if (transform) {
          x += p[0];
          y += p[1];
          points[i] = [x * transform.scale[0] + transform.translate[0],
                       y * transform.scale[1] + transform.translate[1]];
        } else {
          points[i] = [p[0], p[1]];
        }
        if (convert) points[i] = convert(points[i]);
      }
      cache[index] = points;
      return points;
    }
    return decode;
  }

  function ringOf(decode, indices) {
    var ring = [], i, j, arc, points;
    for (i = 0; i < indices.length; i++) {
      arc = indices[i];
      points = decode(arc < 0 ? ~arc : arc);
      if (arc < 0) {
        for (j = points.length - 1 - (ring.length ? 1 : 0); j >= 0; j--) ring.push(points[j]);
      } else {
        for (j = ring.length ? 1 : 0; j < points.length; j++) ring.push(points[j]);
      }
    }
    return ring;
  }

  function geometryOf(decode, geometry) {
    var type = geometry.type, arcs = geometry.arcs;
    if (type === "Polygon") {
      return {type: type, coordinates: arcs.map(function (r) { return ringOf(decode, r); })};
    }
    if (type === "MultiPolygon") {
      return {type: type, coordinates: arcs.map(function (polygon) {
        return polygon.map(function (r) { return ringOf(decode, r); });
      })};
    }
    if (type === "LineString") {
      return {type: type, coordinates: ringOf(decode, arcs)};
    }
    if (type === "MultiLineString") {
      return {type: type, coordinates: arcs.map(function (l) { return ringOf(decode, l); })};
    }
    return null;
  }

  /* Return the GeoJSON FeatureCollection of one named object of a topology. With
     `convert`, each position is convert([x, y]) instead (e.g. a Leaflet LatLng); the
     decoded arcs are shared between objects and calls with the same converter. */
  function feature(topology, name, convert) {
    var object = topology.objects[name], features = [];
    var decoders = topology.pairmapDecoders || (topology.pairmapDecoders = []), decode = null;
    for (var d = 0; d < decoders.length; d++) {
      if (decoders[d].convert === convert) decode = decoders[d].decode;
    }
    if (!decode) {
      decode = arcDecoder(topology, convert);
      decoders.push({convert: convert, decode: decode});
    }
    var geometries = object.type === "GeometryCollection" ? object.geometries : [object];
    for (var i = 0; i < geometries.length; i++) {
      var g = geometries[i], geometry = geometryOf(decode, g);
      if (geometry) {
        features.push({type: "Feature", id: g.id, properties: g.properties || {}, geometry: geometry});
      }
    }
    return {type: "FeatureCollection", features: features};
  }

  lib.topojson = {feature: feature};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
