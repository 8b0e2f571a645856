/* pairmap page: the map as one standalone SVG document (window.pairmap.svg()), for the
   SVG export. The page must draw with Leaflet's SVG renderer (window.pairmapExport.vector).
   Layers, bottom to top: the map's background; the renderer's paths (every unit and node
   a <path> with its name in a <title>, every flow a <g> of line and arrowhead with
   "donor → recipient" in a <title>); the fragments other modules register in
   lib.svgParts (labels, the inset: functions of the page state returning SVG text in
   pixels from the map's top left); then the title, legend, scale bar and source line,
   drawn again from the page's own boxes (lib.domSvg). No <image> anywhere. */
(function (lib) {
  "use strict";

  lib.svgParts = lib.svgParts || [];
  var tag = function (name, attrs, text) { return lib.domSvg.tag(name, attrs, text); };

  /* Which layer each of the renderer's <path> elements draws: Map element → info. */
  function pathInfo(page) {
    var found = new Map(), data = page.data;
    Object.keys(page.units.layers).forEach(function (adcode) {
      var layer = page.units.layers[adcode], element = layer.getElement && layer.getElement();
      if (element) found.set(element, {kind: "unit", title: layer.options.pairmap.name, key: adcode});
    });
    page.flows.layers.forEach(function (layer, i) {
      var title = lib.payload.flowLabel(data, i), line = layer.line.getElement(), head = layer.head.getElement();
      if (line) found.set(line, {kind: "flow", title: title, key: String(i), head: head});
      if (head) found.set(head, {kind: "head"});
    });
    page.nodes.layers.forEach(function (layer, k) {
      var element = layer.getElement();
      if (element) found.set(element, {kind: "node", title: data.nodes.name[k], key: data.nodes.adcode[k]});
    });
    return found;
  }

  /* One path copied with its drawing attributes (Leaflet's class dropped). */
  function copyPath(element, className, title) {
    var attrs = {"class": className};
    Array.prototype.forEach.call(element.attributes, function (attr) {
      if (attr.name !== "class" && attr.name !== "pointer-events") attrs[attr.name] = attr.value;
    });
    if (title === undefined) return tag("path", attrs);
    return tag("path", attrs, "").replace("></path>", "><title>" + lib.domSvg.xmlText(title) + "</title></path>");
  }

  function flowGroup(line, info) {
    var parts = [copyPath(line, "pairmap-flow-line")];
    if (info.head) parts.push(copyPath(info.head, "pairmap-flow-head"));
    return '<g class="pairmap-flow" data-flow="' + info.key + '"><title>' + lib.domSvg.xmlText(info.title) +
      "</title>" + parts.join("") + "</g>";
  }

  /* The renderer's <svg>, shifted so its paths sit in pixels from the map's top left. */
  function overlay(page, origin) {
    var info = pathInfo(page), first = info.keys().next().value;
    if (!first || !first.ownerSVGElement) return "";
    var svg = first.ownerSVGElement, box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    var scale = view.width ? box.width / view.width : 1, num = lib.domSvg.num;
    var out = [];
    Array.prototype.forEach.call(svg.querySelectorAll("path"), function (element) {
      var found = info.get(element);
      if (!found) out.push(copyPath(element, "pairmap-outline"));
      else if (found.kind === "flow") out.push(flowGroup(element, found));
      else if (found.kind !== "head") out.push(copyPath(element, "pairmap-" + found.kind, found.title));
    });
    var shift = "translate(" + num(box.left - origin.x - view.x * scale) + " " +
                num(box.top - origin.y - view.y * scale) + ") scale(" + num(scale) + ")";
    return '<g class="pairmap-map" transform="' + shift + '">\n' + out.join("\n") + "\n</g>";
  }

  /* What other modules registered in lib.svgParts, each in its own group. */
  function parts(page) {
    return lib.svgParts.map(function (part) {
      var text = part(page);
      return text ? '<g class="pairmap-part">' + text + "</g>" : "";
    }).filter(Boolean).join("\n");
  }

  /* The whole map as one SVG document (text), the size of the map on screen. */
  function compose(page) {
    if (!(page.renderer instanceof L.SVG)) {
      throw new Error("pairmap: SVG export needs the page drawn with Leaflet's SVG renderer " +
                      "(set window.pairmapExport = {vector: true} before the page loads)");
    }
    var container = page.map.getContainer(), frame = container.getBoundingClientRect();
    var origin = {x: frame.left, y: frame.top}, size = page.map.getSize(), title = page.data.title;
    var controls = container.querySelector(".leaflet-control-container");
    var font = getComputedStyle(container).fontFamily;
    return [
      '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="' + size.x + '" height="' + size.y +
        '" viewBox="0 0 ' + size.x + " " + size.y + '">',
      tag("title", {}, title.title),
      title.sources.length ? tag("desc", {}, title.sources.join("、")) : "",
      lib.domSvg.boxOnly(container, origin),
      overlay(page, origin),
      parts(page),
      '<g class="pairmap-furniture" font-family="' + lib.domSvg.xmlText(font) + '">',
      controls ? lib.domSvg.fromElement(controls, origin, font) : "",
      "</g>",
      "</svg>"
    ].filter(Boolean).join("\n") + "\n";
  }

  lib.svgExport = {compose: compose};
}(window.pairmapLib = window.pairmapLib || {}));
