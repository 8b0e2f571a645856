/* pairmap page: place names on the map. One element per label (the nodes' short names in
   the order pairmap-data's `labels.order` gives, then its `labels.places`: provinces,
   units), measured once, placed by lib.labels.place clear of each other, of the node
   circles and of every control (title, legend, search, buttons, scale bar, footer) after
   each move, zoom and resize, so more appear as one zooms in. An element outside
   Leaflet's controls can keep labels off itself with the class `pairmap-label-obstacle`.
   Registers the placed labels as SVG text for the SVG export (lib.svgParts). */
(function (lib) {
  "use strict";

  /* The labels' pane; px kept between labels, from the map's edge and around controls. */
  var PANE = "pairmapLabels", PAD = 2, EDGE = 4, AROUND = 4;
  var OBSTACLES = ".leaflet-control, .pairmap-label-obstacle";

  function items(page) {
    var nodes = page.data.nodes, places = page.data.labels.places, found = [];
    page.data.labels.order.forEach(function (k) {
      if (!nodes.label[k]) return;
      found.push({text: nodes.label[k], kind: "node", node: k, lat: nodes.lat[k], lon: nodes.lon[k],
                  r: nodes.radius[k] + 1, owner: k, key: nodes.adcode[k]});
    });
    places.name.forEach(function (name, i) {
      found.push({text: name, kind: places.kind[i], node: -1, lat: places.lat[i],
                  lon: places.lon[i], r: 0, owner: -1, centred: true, key: places.adcode[i]});
    });
    return found;
  }

  /* Control boxes in container pixels, grown by AROUND. */
  function obstacles(map) {
    var container = map.getContainer(), frame = container.getBoundingClientRect(), boxes = [];
    Array.prototype.forEach.call(container.querySelectorAll(OBSTACLES), function (node) {
      var r = node.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) return;
      boxes.push({x0: r.left - frame.left - AROUND, y0: r.top - frame.top - AROUND,
                  x1: r.right - frame.left + AROUND, y1: r.bottom - frame.top + AROUND});
    });
    return boxes;
  }

  function circles(page) {
    var map = page.map, nodes = page.data.nodes;
    if (!map.hasLayer(page.nodes.group)) return [];
    return nodes.lat.map(function (lat, k) {
      var p = map.latLngToContainerPoint([lat, nodes.lon[k]]);
      return {x: p.x, y: p.y, r: nodes.radius[k] + 1, owner: k};
    });
  }

  /* Place every label whose point is in view; hide the others. After zooming in, the labels
     shown before go first, on their sides, so a label hidden before cannot push one out. */
  function layout(page) {
    var state = page.labels, map = page.map, size = map.getSize(), zoom = map.getZoom();
    if (!state) return;
    var frame = {x0: EDGE, y0: EDGE, x1: size.x - EDGE, y1: size.y - EDGE}, active = [];
    var zoomedIn = state.zoom !== undefined && zoom > state.zoom;
    state.zoom = zoom;
    state.items.forEach(function (item) {
      var p = map.latLngToContainerPoint([item.lat, item.lon]);
      item.keep = zoomedIn && item.box ? item.box.side : undefined;
      item.x = p.x; item.y = p.y; item.box = null;
      if (p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) active.push(item);
    });
    var placed = lib.labels.place(active, {frame: frame, obstacles: obstacles(map),
                                           circles: circles(page), pad: PAD});
    active.forEach(function (item, i) { item.box = placed[i]; });
    state.items.forEach(function (item) {
      item.el.style.display = item.box ? "" : "none";
      if (item.box) L.DomUtil.setPosition(item.el, map.containerPointToLayerPoint([item.box.x0, item.box.y0]));
    });
    state.pane.style.display = "";
  }

  /* The labels shown: {text, kind, node (index or -1), adcode (nodes only), side}. */
  function shown(page) {
    var nodes = page.data.nodes;
    return (page.labels ? page.labels.items : []).filter(function (item) { return item.box; })
      .map(function (item) {
        return {text: item.text, kind: item.kind, node: item.node, side: item.box.side,
                adcode: item.node >= 0 ? nodes.adcode[item.node] : null};
      });
  }

  /* The shown labels as SVG <text> in page pixels, haloed by a white stroke under the fill. */
  function svg(page) {
    var esc = lib.format.escapeHtml, parts = [];
    (page.labels ? page.labels.items : []).forEach(function (item) {
      if (!item.box) return;
      var r = item.el.getBoundingClientRect(), style = window.getComputedStyle(item.el);
      parts.push('<text x="' + (r.left + window.scrollX).toFixed(1) + '" y="' +
        (r.top + r.height / 2 + window.scrollY).toFixed(1) + '" dominant-baseline="central"' +
        ' font-family="' + esc(style.fontFamily) + '" font-size="' + esc(style.fontSize) +
        '" font-weight="' + esc(style.fontWeight) + '" letter-spacing="' + esc(style.letterSpacing) +
        '" fill="' + esc(style.color) + '" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"' +
        ' paint-order="stroke">' + esc(item.text) + "</text>");
    });
    return parts.length ? '<g class="pairmap-labels">' + parts.join("") + "</g>" : "";
  }

  /* Make, measure and place the labels; re-place them after every move and resize. */
  function add(page) {
    var map = page.map, pane = map.getPane(PANE) || map.createPane(PANE);
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var state = page.labels = {pane: pane, items: items(page)};
    state.items.forEach(function (item) {
      item.el = lib.dom.el("div", "pairmap-label pairmap-label-" + item.kind, item.text);
      if (item.node >= 0) item.el.setAttribute("data-node", String(item.node));
      pane.appendChild(item.el);
    });
    state.items.forEach(function (item) { item.w = item.el.offsetWidth; item.h = item.el.offsetHeight; });
    map.on("zoomstart", function () { pane.style.display = "none"; });
    map.on("moveend resize", function () { layout(page); });
    lib.svgParts = lib.svgParts || [];
    lib.svgParts.push(function () { return svg(page); });
    layout(page);
  }

  lib.placenames = {add: add, layout: layout, shown: shown, svg: svg};
}(window.pairmapLib = window.pairmapLib || {}));
