/* pairmap page: selecting a unit (click, search, window.pairmap.select): its flows and
   partners stay bright, the rest fades, and a popup sums its pairings. Esc clears.
   The selection lives in page.selected (null or payload.selectionOf's answer). */
(function (lib) {
  "use strict";

  /* Opacity of flows outside the selection; share of fill kept by units outside it. */
  var DIM_OPACITY = 0.08, DIM_FILL = 0.35, ON_OPACITY = 0.95;

  function outline(page, adcode, highlight) {
    var layer = page.units.layers[adcode];
    if (layer) layer.setStyle(highlight ? {color: "#111", weight: 2.2} : lib.draw.UNIT_LINE);
  }

  function eachUnit(page, callback) {
    Object.keys(page.units.layers).forEach(function (a) { callback(page.units.layers[a], a); });
  }

  function clear(page) {
    var state = page.selected;
    if (!state) return;
    outline(page, state.adcode, false);
    state.partners.forEach(function (a) { outline(page, a, false); });
    page.flows.layers.forEach(function (layer, f) { layer.setStyle({opacity: lib.draw.restOpacity(page, f)}); });
    page.nodes.layers.forEach(function (marker) { marker.setStyle({fillOpacity: 0.9, opacity: 1}); });
    eachUnit(page, function (layer, a) { layer.setStyle({fillOpacity: page.units.opacity[a], opacity: 0.9}); });
    page.selected = null;
    page.map.closePopup();
  }

  /* Where a unit's popup opens when no click says so: its circle, else its middle. */
  function anchorOf(page, adcode) {
    var nodes = page.data.nodes, k = nodes.adcode.indexOf(adcode), unit = page.units.layers[adcode];
    if (k >= 0) return L.latLng(nodes.lat[k], nodes.lon[k]);
    return unit ? unit.getBounds().getCenter() : page.map.getCenter();
  }

  function dim(page, selection) {
    var on = {}, keep = {};
    selection.flows.forEach(function (f) { on[f] = true; });
    page.flows.layers.forEach(function (layer, f) { layer.setStyle({opacity: on[f] ? ON_OPACITY : DIM_OPACITY}); });
    keep[selection.adcode] = true;
    selection.partners.forEach(function (a) { keep[a] = true; });
    page.nodes.layers.forEach(function (marker, k) {
      var visible = keep[page.data.nodes.adcode[k]];
      marker.setStyle({fillOpacity: visible ? 0.95 : 0.15, opacity: visible ? 1 : 0.15});
    });
    eachUnit(page, function (layer, a) {
      if (!keep[a]) layer.setStyle({fillOpacity: page.units.opacity[a] * DIM_FILL, opacity: 0.5});
    });
  }

  function select(page, adcode, latlng) {
    adcode = String(adcode);
    clear(page);
    var selection = lib.payload.selectionOf(page.data, adcode);
    dim(page, selection);
    outline(page, adcode, true);
    selection.partners.forEach(function (a) { outline(page, a, true); });
    selection.flows.forEach(function (f) {
      var layer = page.flows.layers[f];
      if (page.map.hasLayer(layer)) layer.bringToFront();
    });
    page.nodes.layers.forEach(function (marker) { marker.bringToFront(); });
    page.selected = selection;
    lib.popups.unitPopup(page, adcode, latlng || anchorOf(page, adcode), selection);
    return selected(page);
  }

  function toggle(page, adcode, latlng) {
    if (page.selected && page.selected.adcode === adcode) clear(page);
    else select(page, adcode, latlng);
  }

  /* A copy of the selection for window.pairmap.selected(). */
  function selected(page) {
    var state = page.selected;
    return state ? {adcode: state.adcode, partners: state.partners.slice(), flows: state.flows.slice()} : null;
  }

  /* Clicking a unit or a circle toggles its selection; Esc clears it. */
  function bind(page) {
    [page.units.group, page.nodes.group].forEach(function (group) {
      group.on("click", function (event) { toggle(page, event.layer.options.pairmap.adcode, event.latlng); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") clear(page);
    });
  }

  lib.select = {DIM_OPACITY: DIM_OPACITY, select: select, clear: clear, selected: selected, bind: bind};
}(window.pairmapLib = window.pairmapLib || {}));
