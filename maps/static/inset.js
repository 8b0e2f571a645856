/* pairmap page: the South China Sea on national maps (data.south_china_sea, decided in
   maps/inset.py): the maritime line's dashes on the map, and the framed 南海诸岛 inset,
   a fixed SVG in the bottom-right corner under the legend. The inset is projected in
   Python; the page only places it. Its SVG is also offered to the SVG export through
   lib.svgParts (page-pixel coordinates). */
(function (lib) {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var LINE_STYLE = {color: "#4d4d4d", weight: 1.6, opacity: 0.95, lineCap: "round",
                    interactive: false, noClip: true};

  /* The maritime line on the map (a group of one polyline per dash), or null. */
  function line(page) {
    var sea = page.data.south_china_sea;
    if (!sea) return null;
    var group = L.featureGroup(), style = L.extend({renderer: page.renderer}, LINE_STYLE);
    sea.line.forEach(function (dash) {
      group.addLayer(L.polyline(dash.map(function (p) { return L.latLng(p[1], p[0]); }), style));
    });
    return group.addTo(page.map);
  }

  /* The inset's outer <svg>, sized by the payload; its content is the payload's markup. */
  function svgOf(inset) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + inset.width + " " + inset.height);
    svg.setAttribute("width", inset.width);
    svg.setAttribute("height", inset.height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", inset.label);
    svg.innerHTML = inset.body;
    return svg;
  }

  /* The inset as an SVG fragment at its place on the page, for the SVG export. */
  function fragment(svg, inset) {
    var r = svg.getBoundingClientRect();
    if (!r.width || !r.height) return "";
    return '<svg x="' + r.left + '" y="' + r.top + '" width="' + r.width + '" height="' +
      r.height + '" viewBox="0 0 ' + inset.width + " " + inset.height + '">' + inset.body + "</svg>";
  }

  /* The inset control (bottom right; added before the legend, so it sits under it), or null. */
  function addInset(page) {
    var sea = page.data.south_china_sea, inset = sea && sea.inset;
    if (!inset) return null;
    var svg = svgOf(inset);
    var Inset = L.Control.extend({
      onAdd: function () {
        var box = lib.dom.el("div", "pairmap-inset");
        box.appendChild(svg);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    var control = new Inset({position: "bottomright"}).addTo(page.map);
    lib.svgParts = lib.svgParts || [];
    lib.svgParts.push(function () { return fragment(svg, inset); });
    return control;
  }

  lib.inset = {line: line, addInset: addInset};
}(window.pairmapLib = window.pairmapLib || {}));
