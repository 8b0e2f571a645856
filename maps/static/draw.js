/* pairmap page: drawing the map's layers from the data: unit polygons (filled by the
   choropleth), province outlines, flows and the donor/recipient circles. Each function
   takes the page state (see pairmap.js) and records its layers there. */
(function (lib) {
  "use strict";

  /* Flow opacity at rest; unit borders at rest. */
  var FLOW_OPACITY = 0.85, UNIT_LINE = {color: "#9a9a9a", weight: 0.5};

  /* A unit's fill: its own colour, else its prefecture's, else its province's, else paper. */
  function unitFill(fills, adcode, parent) {
    if (fills[adcode]) return {colour: fills[adcode], opacity: 0.75};
    var province = adcode.slice(0, 2) + "0000";
    if (parent && fills[parent]) return {colour: fills[parent], opacity: 0.4};
    if (fills[province]) return {colour: fills[province], opacity: 0.3};
    return {colour: "#f4f3ee", opacity: 0.9};
  }

  function toLatLng(p) { return L.latLng(p[1], p[0]); }

  /* page.units: {layers, names, opacity (at rest) by adcode; group}. */
  function units(page) {
    var data = page.data, fills = data.fill.fills;
    var found = page.units = {layers: {}, names: {}, opacity: {}, group: L.featureGroup()};
    lib.topojson.feature(page.topology, data.base.fill, toLatLng).features.forEach(function (feature) {
      var props = feature.properties, adcode = String(props.a), name = props.n || adcode;
      var fill = unitFill(fills, adcode, props.p || adcode.slice(0, 4) + "00");
      var layer = L.polygon(feature.geometry.coordinates, {
        renderer: page.renderer, color: UNIT_LINE.color, weight: UNIT_LINE.weight, opacity: 0.9,
        fillColor: fill.colour, fillOpacity: fill.opacity, noClip: true
      });
      layer.options.pairmap = {kind: "unit", adcode: adcode, name: name};
      found.opacity[adcode] = fill.opacity;
      found.layers[adcode] = layer;
      found.names[adcode] = name;
      found.group.addLayer(layer);
    });
  }

  /* The outlines of the level above (provinces), or null when the map has none. */
  function outlines(page) {
    var name = page.data.base.outline;
    if (!name || !page.topology.objects[name]) return null;
    var group = L.featureGroup(), style = {renderer: page.renderer, color: "#555", weight: 1.1,
                                           fill: false, opacity: 0.9, noClip: true, interactive: false};
    lib.topojson.feature(page.topology, name, toLatLng).features.forEach(function (f) {
      group.addLayer(L.polygon(f.geometry.coordinates, style));
    });
    return group;
  }

  /* Fit the view to the units and the nodes (before anything is drawn, so nothing is
     projected twice); a national map with the South China Sea inset to the mainland box
     decided in Python, exactly (not snapped to a coarser zoom), so China fills the frame. */
  function fitView(page, options) {
    var sea = page.data.south_china_sea, map = page.map;
    var fit = L.extend({padding: [24, 24], animate: false}, options);
    if (sea && sea.view) {
      var snap = map.options.zoomSnap;
      map.options.zoomSnap = 0;
      map.fitBounds(sea.view, fit);
      map.options.zoomSnap = snap;
      return;
    }
    var nodes = page.data.nodes, bounds = page.units.group.getBounds();
    nodes.lat.forEach(function (lat, k) { bounds.extend([lat, nodes.lon[k]]); });
    if (bounds.isValid()) map.fitBounds(bounds, fit);
  }

  /* A flow's opacity at rest: FLOW_OPACITY, unless the changes panel highlights some
     flows (page.highlight, changes.js). */
  function restOpacity(page, i) {
    return lib.changes ? lib.changes.restOpacity(page.highlight, i, FLOW_OPACITY) : FLOW_OPACITY;
  }

  function flowStyle(page, i) {
    var flows = page.data.flows;
    return {renderer: page.renderer, color: page.data.colours.drawn[flows.c[i]], weight: flows.w[i],
            opacity: FLOW_OPACITY, lineCap: "butt", dashArray: flows.dash[i] ? "7 4" : null};
  }

  function flowInfo(page, i) {
    var data = page.data, flows = data.flows, nodes = data.nodes, filters = data.filters;
    return {kind: "flow", id: i,
            donor: lib.payload.donorName(data, i), recipient: lib.payload.recipientName(data, i),
            donor_adcode: nodes.adcode[flows.d[i]], recipient_adcode: nodes.adcode[flows.r[i]],
            program_key: filters.program[flows.p[i]].key, round: filters.round[flows.ro[i]].key,
            group: flows.g[i] >= 0 ? data.groups.names[flows.g[i]] : null};
  }

  /* page.flows: {layers (one lib.FlowLine per flow, by id), group}. */
  function flows(page) {
    var layers = page.data.flows.d.map(function (d, i) {
      return new lib.FlowLine(flowStyle(page, i), flowInfo(page, i));
    });
    lib.reshapeOnZoom(page, layers);
    page.timings.curves = performance.now();
    var group = L.featureGroup(layers).addTo(page.map);
    page.flows = {group: group, layers: layers};
  }

  /* page.nodes: {layers (circles sized by their totals, by node), group}. */
  function nodes(page) {
    var data = page.data.nodes, group = L.featureGroup();
    page.nodes = {group: group, layers: data.adcode.map(function (adcode, k) {
      var marker = L.circleMarker([data.lat[k], data.lon[k]], {
        renderer: page.renderer, radius: data.radius[k], color: "#ffffff", weight: 1,
        fillColor: data.role_colours[data.role[k]], fillOpacity: 0.9
      });
      marker.options.pairmap = {kind: "node", adcode: adcode, name: data.name[k], index: k};
      group.addLayer(marker);
      return marker;
    })};
  }

  lib.draw = {FLOW_OPACITY: FLOW_OPACITY, UNIT_LINE: UNIT_LINE, restOpacity: restOpacity,
              unitFill: unitFill, units: units,
              outlines: outlines, fitView: fitView, flows: flows, nodes: nodes};
}(window.pairmapLib = window.pairmapLib || {}));
