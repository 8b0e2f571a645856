/* pairmap page: what changed since the map's previous build (data.changes, every text
   decided in Python). A panel top left, under the title: its summary (the date and the
   counts) folds it; open, it lists the pairs added, removed and changed (each changed
   figure old → new) and has a toggle that highlights the added and changed flows while
   the others fade (page.highlight, read by lib.draw.restOpacity). It is a Leaflet
   control, so place names keep clear of it; they are placed again when it folds.
   Presenting (#present) only the summary shows, as a badge. Table text is inserted with
   textContent only (lib.dom.el). */
(function (lib) {
  "use strict";

  /* Opacity of the flows that did not change, and of those that did, while highlighted. */
  var FADED = 0.12, ON = 0.95;
  var KINDS = [{kind: "added", mark: "+"}, {kind: "removed", mark: "−"}, {kind: "changed", mark: "~"}];

  /* "新增 1 · 删除 0 · 变更 1" in the strings table `t` (pure). */
  function countsText(t, counts) {
    return KINDS.map(function (k) { return t[k.kind](counts[k.kind]); }).join(" · ");
  }

  /* {flow id: true} for the ids given (pure). */
  function flowSet(ids) {
    var set = {};
    ids.forEach(function (i) { set[i] = true; });
    return set;
  }

  /* A flow's opacity at rest: `normal`, or faded while other flows are highlighted (pure). */
  function restOpacity(highlight, i, normal) {
    if (!highlight) return normal;
    return highlight[i] ? ON : FADED;
  }

  /* Highlight the added and changed flows (on) or draw every flow alike (off). A
     selection keeps its own styling; clearing it restores this one. */
  function highlight(page, on) {
    page.highlight = on ? flowSet(page.data.changes.highlight) : null;
    if (page.selected) return;
    page.flows.layers.forEach(function (layer, i) {
      layer.setStyle({opacity: lib.draw.restOpacity(page, i)});
      if (on && page.highlight[i] && page.map.hasLayer(layer)) layer.bringToFront();
    });
    page.nodes.layers.forEach(function (marker) { marker.bringToFront(); });
  }

  function toggle(page, t) {
    var label = lib.dom.el("label", "pairmap-changes-toggle"), input = lib.dom.el("input");
    input.type = "checkbox";
    input.addEventListener("change", function () { highlight(page, input.checked); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(t.highlightChanges));
    return label;
  }

  /* One kind's pairs: a heading with the count, then each pair and its details. */
  function list(entry, items, t) {
    var el = lib.dom.el, box = el("div", "pairmap-changes-kind pairmap-changes-" + entry.kind);
    box.appendChild(el("div", "pairmap-changes-heading", t[entry.kind](items.length)));
    var ul = el("ul", "pairmap-changes-list");
    items.forEach(function (item) {
      var li = el("li", "pairmap-changes-item");
      li.appendChild(el("span", "pairmap-changes-mark", entry.mark));
      li.appendChild(el("span", "pairmap-changes-pair", item.pair));
      if (entry.kind === "removed") li.appendChild(el("span", "pairmap-changes-gone", t.notOnMap));
      item.details.forEach(function (text) { li.appendChild(el("div", "pairmap-changes-detail", text)); });
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function panel(page) {
    var el = lib.dom.el, data = page.data.changes, t = lib.strings.of(page.data);
    var box = el("details", "pairmap-changes"), summary = el("summary", "pairmap-changes-summary");
    box.open = true;
    summary.appendChild(el("span", "pairmap-changes-title", t.changesSince(data.since)));
    summary.appendChild(el("span", "pairmap-changes-counts", countsText(t, data.counts)));
    box.appendChild(summary);
    var body = el("div", "pairmap-changes-body");
    if (data.highlight.length) body.appendChild(toggle(page, t));
    KINDS.forEach(function (entry) {
      if (data[entry.kind].length) body.appendChild(list(entry, data[entry.kind], t));
    });
    box.appendChild(body);
    box.addEventListener("toggle", function () { if (page.labels) lib.placenames.layout(page); });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  /* The panel, when the map has changes to show. */
  function add(page) {
    if (!page.data.changes) return null;
    var Panel = L.Control.extend({onAdd: function () { return panel(page); }});
    return new Panel({position: "topleft"}).addTo(page.map);
  }

  lib.changes = {FADED: FADED, ON: ON, countsText: countsText, flowSet: flowSet,
                 restOpacity: restOpacity, highlight: highlight, add: add};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
