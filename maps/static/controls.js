/* pairmap page: the map's furniture: optional tiles and the credits, title, zoom,
   fullscreen button, layer toggles, scale bar and footer. */
(function (lib) {
  "use strict";

  var el = lib.dom.el, escapeHtml = lib.format.escapeHtml;
  var FILTERS = ["program", "round", "level"];

  /* Background tiles when the map asks for them, and the credits line. */
  function base(page) {
    var data = page.data;
    if (data.tiles) {
      var options = {maxZoom: data.tiles.max_zoom, subdomains: data.tiles.subdomains || "abc"};
      L.tileLayer(data.tiles.url, L.extend({attribution: escapeHtml(data.tiles.attribution)}, options))
        .addTo(page.map);
      data.tiles.overlays.forEach(function (url) { L.tileLayer(url, options).addTo(page.map); });
    }
    page.map.attributionControl.setPrefix(escapeHtml(data.title.credits));
  }

  /* A control whose element `build()` makes. */
  function control(position, build) {
    var Control = L.Control.extend({onAdd: build});
    return new Control({position: position});
  }

  /* Title, zoom buttons and fullscreen button, top left. */
  function topLeft(page) {
    var map = page.map, title = page.data.title, t = lib.strings.of(page.data);
    control("topleft", function () {
      var box = el("div", "pairmap-title-box");
      box.appendChild(el("h1", "pairmap-title", title.title));
      if (title.subtitle) box.appendChild(el("div", "pairmap-subtitle", title.subtitle));
      L.DomEvent.disableClickPropagation(box);
      return box;
    }).addTo(map);
    if (!map.zoomControl) L.control.zoom({position: "topleft"}).addTo(map);  // a stock map has one
    var button = el("a", "pairmap-fullscreen");
    control("topleft", function () {
      var bar = el("div", "leaflet-bar pairmap-fullscreen-bar");
      button.appendChild(lib.dom.icon("M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"));
      button.href = "#";
      button.title = t.fullscreen;
      button.setAttribute("aria-label", t.fullscreen);
      button.setAttribute("role", "button");
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.preventDefault(event);
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      L.DomEvent.disableClickPropagation(bar);
      bar.appendChild(button);
      return bar;
    }).addTo(map);
    document.addEventListener("fullscreenchange", function () {
      button.title = document.fullscreenElement ? t.exitFullscreen : t.fullscreen;
      map.invalidateSize();
    });
  }

  /* Layer toggles: one overlay per programme, round and level; a flow shows while all
     three of its toggles are on. Returns the layers control (not yet on the map). */
  function filters(page) {
    var map = page.map, data = page.data, flows = data.flows, active = {program: {}, round: {}, level: {}};
    var t = lib.strings.of(data);
    var count = data.filters.program.length + data.filters.round.length + data.filters.level.length;
    var layers = L.control.layers(null, null, {collapsed: count > 8, position: "topright"});
    function apply() {
      var group = page.flows.group;
      page.flows.layers.forEach(function (layer, f) {
        var show = active.program[flows.p[f]] && active.round[flows.ro[f]] && active.level[flows.lv[f]];
        var has = group.hasLayer(layer);
        if (show && !has) group.addLayer(layer);
        else if (!show && has) group.removeLayer(layer);
      });
      page.nodes.layers.forEach(function (marker) { marker.bringToFront(); });
    }
    FILTERS.forEach(function (kind) {
      data.filters[kind].forEach(function (item, index) {
        var toggle = L.layerGroup().addTo(map);
        active[kind][index] = true;
        toggle.on("add", function () { active[kind][index] = true; apply(); });
        toggle.on("remove", function () { active[kind][index] = false; apply(); });
        layers.addOverlay(toggle, escapeHtml(t[kind] + t.colon + item.label));
      });
    });
    return layers;
  }

  /* Scale bar and footer (sources, date, boundaries, number of pairings), bottom left. */
  function bottomLeft(page) {
    var title = page.data.title, t = lib.strings.of(page.data);
    L.control.scale({position: "bottomleft", imperial: false}).addTo(page.map);
    control("bottomleft", function () {
      var parts = [];
      if (title.sources.length) parts.push(t.data + t.colon + title.sources.join(t.list));
      if (title.date) parts.push(t.date + t.colon + title.date);
      if (title.boundaries) parts.push(t.boundaries + t.colon + title.boundaries);
      parts.push(t.pairings(page.data.flows.d.length));
      if (page.data.tiles) parts.push(page.data.tiles.note);
      var footer = el("div", "pairmap-footer", parts.join(" · "));
      if (page.data.not_drawn.length) footer.appendChild(notDrawn(page.data.not_drawn, t));
      return footer;
    }).addTo(page.map);
  }

  /* "N 行未绘制": the rows left out (--skip-invalid), listed when clicked. */
  function notDrawn(rows, t) {
    var box = el("details", "pairmap-not-drawn"), list = el("ol");
    box.appendChild(el("summary", null, t.notDrawn(rows.length)));
    rows.forEach(function (row) { list.appendChild(el("li", null, row.where + t.colon + row.why)); });
    box.appendChild(list);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  lib.controls = {base: base, topLeft: topLeft, filters: filters, bottomLeft: bottomLeft};
}(window.pairmapLib = window.pairmapLib || {}));
