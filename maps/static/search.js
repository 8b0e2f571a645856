/* pairmap page: the place search (input.pairmap-search): every node's name and aliases
   and every unit's name, matched exactly, then by prefix, then anywhere (or by adcode
   prefix); picking one zooms to it and selects it. index() and find() are pure. */
(function (lib) {
  "use strict";

  var MAX_RESULTS = 12, MIN_ZOOM = 7;

  /* Search entries {label, adcode, node (index, or -1 for a unit without a circle)}. */
  function index(nodes, unitNames) {
    var entries = [], indexed = {};
    function add(label, adcode, node) {
      var key = adcode + "|" + label;
      if (indexed[key]) return;
      indexed[key] = true;
      entries.push({label: label, adcode: adcode, node: node});
    }
    nodes.adcode.forEach(function (adcode, k) {
      [nodes.name[k]].concat(nodes.aliases[k]).forEach(function (label) { add(label, adcode, k); });
    });
    Object.keys(unitNames).sort().forEach(function (adcode) { add(unitNames[adcode], adcode, -1); });
    return entries;
  }

  function find(entries, text) {
    text = text.trim().toLowerCase();
    if (!text) return [];
    var exact = [], starts = [], contains = [];
    entries.forEach(function (entry) {
      var label = entry.label.toLowerCase(), at = label.indexOf(text);
      if (at < 0 && entry.adcode.indexOf(text) === 0) at = 0;
      if (at < 0) return;
      (label === text || entry.adcode === text ? exact : at === 0 ? starts : contains).push(entry);
    });
    return exact.concat(starts, contains).slice(0, MAX_RESULTS);
  }

  function go(page, entry) {
    var map = page.map, nodes = page.data.nodes, unit = page.units.layers[entry.adcode];
    var latlng = entry.node >= 0 ? L.latLng(nodes.lat[entry.node], nodes.lon[entry.node]) :
      unit.getBounds().getCenter();
    if (unit) map.fitBounds(unit.getBounds(), {maxZoom: Math.max(map.getZoom(), MIN_ZOOM)});
    else map.setView(latlng, Math.max(map.getZoom(), MIN_ZOOM));
    lib.select.select(page, entry.adcode, latlng);
  }

  /* The result list under the input, refilled as the text changes. */
  function results(page, input, list) {
    var names = page.units.names, matches = find(page.search, input.value);
    list.textContent = "";
    matches.forEach(function (entry) {
      var item = lib.dom.el("li", null, entry.label);
      var where = names[entry.adcode] && names[entry.adcode] !== entry.label ? names[entry.adcode] : "";
      if (where) item.appendChild(lib.dom.el("span", "pairmap-search-where", " " + where));
      item.addEventListener("click", function () { go(page, entry); });
      list.appendChild(item);
    });
    return matches;
  }

  /* Add the search box (top right); page.search holds its entries. */
  function addControl(page) {
    page.search = index(page.data.nodes, page.units.names);
    var SearchControl = L.Control.extend({
      onAdd: function () {
        var el = lib.dom.el, box = el("div", "pairmap-search-box"), input = el("input", "pairmap-search");
        var list = el("ul", "pairmap-search-results");
        input.type = "search";
        var t = lib.strings.of(page.data);
        input.placeholder = t.searchHint;
        input.setAttribute("aria-label", t.search);
        box.appendChild(input);
        box.appendChild(list);
        input.addEventListener("input", function () { results(page, input, list); });
        input.addEventListener("keydown", function (event) {
          if (event.key === "Enter") {
            var matches = results(page, input, list);
            if (matches.length) go(page, matches[0]);
          }
          event.stopPropagation();
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    return new SearchControl({position: "topright"}).addTo(page.map);
  }

  lib.search = {index: index, find: find, addControl: addControl};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
