/* pairmap page: start. Reads the embedded data, draws the map with the other modules
   (in pairmapLib, inlined before this file) and publishes window.pairmap, the in-page
   contract of docs/design.md. All the page's state is the one `page` object built here
   and handed to every module:
     map, data (pairmap-data), topology (pairmap-topology), renderer (one canvas, or
     one SVG when exporting vectors),
     timings, units {layers, names, opacity, group}, flows {layers, group},
     nodes {layers, group}, search (entries), selected (null or the selection). */
(function (lib) {
  "use strict";

  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }

  /* One canvas draws the map; Leaflet's SVG renderer instead when an export asks for
     vector paths (window.pairmapExport.vector, set by pairmap's PDF and SVG export
     before the page loads), so that print keeps every unit and flow a path. */
  function renderer() {
    var vector = Boolean(window.pairmapExport && window.pairmapExport.vector);
    return vector ? L.svg({padding: 0.1}) : L.canvas({padding: 0.1, tolerance: 4});
  }

  function draw(page) {
    var map = page.map;
    lib.draw.units(page);
    var outlines = lib.draw.outlines(page);
    lib.draw.fitView(page);
    page.units.group.addTo(map);
    if (outlines) outlines.addTo(map);
    lib.inset.line(page);
    page.timings.units = performance.now();
    lib.draw.flows(page);
    page.timings.flows = performance.now();
    lib.draw.nodes(page);
    lib.popups.bind(page);
    lib.select.bind(page);
    page.nodes.group.addTo(map);
  }

  /* The controls and the legend, each only when the map has its element (data.controls,
     data.legend); the search index serves pairmap.search() either way. */
  function addControls(page) {
    var data = page.data, layers = null;
    if (data.controls) {
      layers = lib.controls.filters(page);
      lib.controls.topLeft(page);
      lib.search.addControl(page);
      layers.addTo(page.map);
    } else {
      page.search = lib.search.index(data.nodes, page.units.names);
    }
    lib.changes.add(page);
    lib.inset.addInset(page);
    lib.present.bind(page, data.legend ? lib.legend.addLegend(page, layers) : null);
    if (data.controls) lib.controls.bottomLeft(page);
    lib.placenames.add(page);
  }

  /* The arrowheads of the flows on the map, in container pixels: [{id, recipient (node
     index), points [[x, y] tip, corner, corner], centre [x, y] and radius (px) of the
     recipient's circle}]. */
  function arrowheads(page) {
    var map = page.map, nodes = page.data.nodes, flows = page.data.flows;
    var xy = function (latlng) { var p = map.latLngToContainerPoint(latlng); return [p.x, p.y]; };
    return page.flows.layers.filter(function (layer) { return map.hasLayer(layer); }).map(function (layer) {
      var id = layer.options.pairmap.id, k = flows.r[id];
      return {id: id, recipient: k, points: layer.headLatLngs().map(xy),
              centre: xy([nodes.lat[k], nodes.lon[k]]), radius: nodes.radius[k]};
    });
  }

  function contract(page) {
    var map = page.map;
    return {
      map: map,
      ready: false,
      flowLayers: function () {
        return page.flows.layers.filter(function (layer) { return map.hasLayer(layer); });
      },
      unitLayer: function (adcode) { return page.units.layers[String(adcode)] || null; },
      select: function (adcode) { return lib.select.select(page, adcode); },
      clear: function () { lib.select.clear(page); },
      selected: function () { return lib.select.selected(page); },
      search: function (text) { return lib.search.find(page.search, text); },
      labels: function () { return lib.placenames.shown(page); },
      arrowheads: function () { return arrowheads(page); },
      svg: function () { return lib.svgExport.compose(page); },
      timings: page.timings
    };
  }

  function start(map) {
    var timings = {start: performance.now()};
    var page = {map: map, data: readJson("pairmap-data"), topology: readJson("pairmap-topology"),
                renderer: renderer(), timings: timings, selected: null};
    timings.parsed = performance.now();
    lib.controls.base(page);
    draw(page);
    addControls(page);
    var api = contract(page);
    timings.built = performance.now();
    window.pairmap = api;
    requestAnimationFrame(function () {
      lib.placenames.layout(page);  /* the controls have their final sizes now */
      requestAnimationFrame(function () { timings.drawn = performance.now(); api.ready = true; });
    });
  }

  window.pairmapStart = function (map) { start(map); };
}(window.pairmapLib = window.pairmapLib || {}));
