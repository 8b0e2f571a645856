/* pairmap page: the legend (bottom right), built from data.legend. Pointing at a group
   shows its flows and dims the others (unless a unit is selected). The legend always
   fits beside the top-right controls: compact (smaller type, long sections in two
   columns) when it would not, then terse (group members only on hover), and scrolling
   if even that is too tall. */
(function (lib) {
  "use strict";

  var el = lib.dom.el;
  /* Sections longer than LONG items may take two columns; the legend keeps MARGIN px
     clear of the map's edges and the top-right controls, and is never below MIN px. */
  var LONG = 6, MARGIN = 40, MIN = 120;
  var STEPS = ["pairmap-legend-compact", "pairmap-legend-terse"];

  /* `groups`: indices of the groups the row stands for (several for the groups' 其他). */
  function highlightOnHover(page, row, groups) {
    groups = groups.filter(function (g) { return g >= 0; });
    if (!groups.length) return;
    var flows = page.data.flows;
    row.className += " pairmap-legend-group";
    L.DomEvent.on(row, "mouseenter", function () {
      if (page.selected) return;
      page.flows.layers.forEach(function (layer, f) {
        layer.setStyle({opacity: groups.indexOf(flows.g[f]) >= 0 ? 0.95 : lib.select.DIM_OPACITY});
      });
    });
    L.DomEvent.on(row, "mouseleave", function () {
      if (page.selected) return;
      page.flows.layers.forEach(function (layer, f) { layer.setStyle({opacity: lib.draw.restOpacity(page, f)}); });
    });
  }

  function swatch(kind, item) {
    var box = el("span", "pairmap-swatch pairmap-swatch-" + kind);
    if (kind === "line" || kind === "group" || kind === "fill") box.style.background = item.colour;
    if (kind === "width") {
      box.style.height = item.width + "px";
      if (item.dash) box.className += " pairmap-swatch-dash";
    }
    return box;
  }

  function section(page, part) {
    var box = el("div", "pairmap-legend-section"), items = el("div", "pairmap-legend-items");
    box.appendChild(el("div", "pairmap-legend-title", part.title));
    if (part.items.length > LONG) items.className += " pairmap-legend-many";
    box.appendChild(items);
    part.items.forEach(function (item) {
      var row = el("div", "pairmap-legend-item"), label = el("span", "pairmap-legend-label", item.label);
      if (part.kind !== "note") row.appendChild(swatch(part.kind, item));
      if (item.members) {
        label.appendChild(el("span", "pairmap-legend-members", item.members));
        row.title = item.label + "：" + item.members;
        highlightOnHover(page, row, item.groups || [page.data.groups.names.indexOf(item.label)]);
      }
      row.appendChild(label);
      items.appendChild(row);
    });
    return box;
  }

  /* Height of the controls under the legend in its corner (the inset, the credits). */
  function below(box) {
    var height = 0;
    Array.prototype.forEach.call(box.parentNode.children, function (other) {
      if (other !== box) height += other.offsetHeight + (parseFloat(getComputedStyle(other).marginBottom) || 0);
    });
    return height;
  }

  /* Fit the legend into the height the top-right controls (in `corner`) and the
     controls under it leave. */
  function fit(page, box, corner) {
    var room = page.map.getSize().y - (corner ? corner.offsetHeight : 0) - below(box) - MARGIN;
    box.style.maxHeight = "";
    STEPS.forEach(function (step) { L.DomUtil.removeClass(box, step); });
    STEPS.forEach(function (step) {
      if (box.scrollHeight > room) L.DomUtil.addClass(box, step);
    });
    box.style.maxHeight = Math.max(room, MIN) + "px";
  }

  /* Add the legend; `topRight` is a control in the top-right corner (whose height it
     must leave free), or null when there is none. */
  function addLegend(page, topRight) {
    var LegendControl = L.Control.extend({
      onAdd: function () {
        var box = el("div", "pairmap-legend");
        page.data.legend.sections.forEach(function (part) { box.appendChild(section(page, part)); });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    var legend = new LegendControl({position: "bottomright"}).addTo(page.map);
    var corner = topRight ? topRight.getContainer().parentNode : null;
    var refit = function () { fit(page, legend.getContainer(), corner); };
    refit();
    page.map.on("resize", refit);
    return legend;
  }

  lib.legend = {addLegend: addLegend};
}(window.pairmapLib = window.pairmapLib || {}));
