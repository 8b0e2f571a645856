/* pairmap page: the map's furniture: optional tiles and the credits, title, zoom,
   fullscreen button, layer toggles, scale bar and footer. */
(function (lib) {
  "use strict";

  var el = lib.dom.el, escapeHtml = lib.format.escapeHtml;
  var FILTERS = [["program", "项目"], ["round", "轮次"], ["level", "层级"]];

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
    var map = page.map, title = page.data.title;
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
      var bar = el("div", "leaflet-bar");
      button.appendChild(lib.dom.icon("M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"));
      button.href = "#";
      button.title = "全屏";
      button.setAttribute("aria-label", "全屏");
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
      button.title = document.fullscreenElement ? "退出全屏" : "全屏";
      map.invalidateSize();
    });
  }

  /* Layer toggles: one overlay per programme, round and level; a flow shows while all
     three of its toggles are on. Returns the layers control (not yet on the map). */
  function filters(page) {
    var map = page.map, data = page.data, flows = data.flows, active = {program: {}, round: {}, level: {}};
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
    FILTERS.forEach(function (pair) {
      var kind = pair[0];
      data.filters[kind].forEach(function (item, index) {
        var toggle = L.layerGroup().addTo(map);
        active[kind][index] = true;
        toggle.on("add", function () { active[kind][index] = true; apply(); });
        toggle.on("remove", function () { active[kind][index] = false; apply(); });
        layers.addOverlay(toggle, escapeHtml(pair[1] + "：" + item.label));
      });
    });
    return layers;
  }

  /* Scale bar and footer (sources, date, boundaries, number of pairings), bottom left. */
  function bottomLeft(page) {
    var title = page.data.title;
    L.control.scale({position: "bottomleft", imperial: false}).addTo(page.map);
    control("bottomleft", function () {
      var parts = [];
      if (title.sources.length) parts.push("数据：" + title.sources.join("、"));
      if (title.date) parts.push("日期：" + title.date);
      if (title.boundaries) parts.push("边界：" + title.boundaries);
      parts.push(page.data.flows.d.length + " 条结对");
      if (page.data.tiles) parts.push(page.data.tiles.note);
      var footer = el("div", "pairmap-footer", parts.join(" · "));
      if (page.data.not_drawn.length) footer.appendChild(notDrawn(page.data.not_drawn));
      return footer;
    }).addTo(page.map);
  }

  /* "N 行未绘制": the rows left out (--skip-invalid), listed when clicked. */
  function notDrawn(rows) {
    var box = el("details", "pairmap-not-drawn"), list = el("ol");
    box.appendChild(el("summary", null, rows.length + " 行未绘制（点击查看原因）"));
    rows.forEach(function (row) { list.appendChild(el("li", null, row.where + "：" + row.why)); });
    box.appendChild(list);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  lib.controls = {base: base, topLeft: topLeft, filters: filters, bottomLeft: bottomLeft};
}(window.pairmapLib = window.pairmapLib || {}));
