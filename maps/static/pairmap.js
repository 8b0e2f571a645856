/* pairmap page: start. Reads the embedded data, draws the map with the other modules
   (in pairmapLib, inlined before this file) and publishes window.pairmap, the in-page
   contract of docs/design.md. All the page's state is the one `page` object built here
   and handed to every module:
     map, data (pairmap-data), topology (pairmap-topology), renderer (one canvas),
     timings, units {layers, names, opacity, group}, flows {layers, group},
     nodes {layers, group}, search (entries), selected (null or the selection). */
(function (lib) {
  "use strict";

  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }

  function draw(page) {
    var map = page.map;
    lib.draw.units(page);
    var outlines = lib.draw.outlines(page);
    lib.draw.fitView(page);
    page.units.group.addTo(map);
    if (outlines) outlines.addTo(map);
    page.timings.units = performance.now();
    lib.draw.flows(page);
    page.timings.flows = performance.now();
    lib.draw.nodes(page);
    lib.popups.bind(page);
    lib.select.bind(page);
    page.nodes.group.addTo(map);
  }

  function addControls(page) {
    var layers = lib.controls.filters(page);
    lib.controls.topLeft(page);
    lib.search.addControl(page);
    layers.addTo(page.map);
    lib.present.bind(page, lib.legend.addLegend(page, layers));
    lib.controls.bottomLeft(page);
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
      timings: page.timings
    };
  }

  function start(map) {
    var timings = {start: performance.now()};
    var page = {map: map, data: readJson("pairmap-data"), topology: readJson("pairmap-topology"),
                renderer: L.canvas({padding: 0.1, tolerance: 4}), timings: timings, selected: null};
    timings.parsed = performance.now();
    lib.controls.base(page);
    draw(page);
    addControls(page);
    var api = contract(page);
    timings.built = performance.now();
    window.pairmap = api;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { timings.drawn = performance.now(); api.ready = true; });
    });
  }

  window.pairmapStart = function (map) { start(map); };
}(window.pairmapLib = window.pairmapLib || {}));
