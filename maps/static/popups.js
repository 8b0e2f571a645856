/* pairmap page: tooltips (hovering a unit, flow or circle) and popups (clicking a flow,
   selecting a unit) with the metrics and the cited sources. Roles, their words and each
   unit's totals come decided in the data (data.nodes); this module only shows them. */
(function (lib) {
  "use strict";

  var el = lib.dom.el, payload = lib.payload, format = lib.format, strings = lib.strings.of;

  function years(data, i) { return format.formatYears(data.flows.y0[i], data.flows.y1[i], data.lang); }

  function flowTooltip(page, i) {
    var data = page.data, flows = data.flows, box = el("div", "pairmap-tip"), t = strings(data);
    box.appendChild(el("div", "pairmap-tip-title", payload.flowLabel(data, i)));
    var program = data.filters.program[flows.p[i]].label;
    box.appendChild(el("div", null, [program, years(data, i)].filter(Boolean).join(" · ")));
    if (flows.g[i] >= 0) box.appendChild(el("div", null, t.group + t.colon + data.groups.names[flows.g[i]]));
    return box;
  }

  function nodeTooltip(page, k) {
    var nodes = page.data.nodes, box = el("div", "pairmap-tip"), t = strings(page.data);
    box.appendChild(el("div", "pairmap-tip-title", nodes.name[k]));
    if (nodes.aliases[k].length) box.appendChild(el("div", null, nodes.aliases[k].join(t.list)));
    box.appendChild(el("div", null, nodes.role_labels[nodes.role[k]] + " · " + t.gives + " " + nodes.n_out[k] +
                                     " · " + t.receives + " " + nodes.n_in[k]));
    return box;
  }

  /* An approximate figure (约, 余, 多 in the table; flows.ma) and a total that includes
     one carry the prefix Python chose (data.approx_prefix). */
  function isApprox(data, column, f) { return Boolean(data.flows.ma[column] && data.flows.ma[column][f]); }
  function figure(data, value, unit, approx) {
    return (approx ? data.approx_prefix : "") + format.formatMetric(value, unit, data.lang);
  }

  function addRow(table, label, value) {
    var row = el("tr");
    row.appendChild(el("th", null, label));
    row.appendChild(el("td", null, value));
    table.appendChild(row);
  }

  /* The citations of flow f: a source cell listing several (separated by " | ") is split,
     its date added unless the text already has it. */
  function citationsOf(data, f) {
    var source = payload.text(data, data.flows.src[f]), date = payload.text(data, data.flows.date[f]);
    if (date && source.indexOf(date) < 0) return [[source, date].filter(Boolean).join("，")];
    return source.split(/\s+\|\s+/);
  }

  /* Each citation of some flows once, with the table rows backing it. */
  function sourceBlock(data, box, ids) {
    var cited = [], byText = {}, t = strings(data);
    ids.forEach(function (f) {
      var file = payload.text(data, data.flows.file[f]), row = data.flows.row[f];
      citationsOf(data, f).forEach(function (text) {
        var entry = byText[text];
        if (!entry) cited.push(entry = byText[text] = {text: text, files: [], rows: {}});
        if (!file) return;
        if (!entry.rows[file]) { entry.rows[file] = []; entry.files.push(file); }
        if (row !== null && entry.rows[file].indexOf(row) < 0) entry.rows[file].push(row);
      });
    });
    cited.forEach(function (entry) {
      if (!entry.text && !entry.files.length) return;
      var where = entry.files.map(function (file) {
        var rows = entry.rows[file].sort(function (a, b) { return a - b; });
        return file + (rows.length ? t.rows(rows) : "");
      }).join(t.rowsSep);
      var p = el("div", "pairmap-source");
      p.appendChild(el("span", "pairmap-source-label", t.source));
      p.appendChild(lib.dom.linkedText("span", "pairmap-source-text", entry.text || t.noSource));
      if (where) p.appendChild(el("span", "pairmap-source-row", t.where(where)));
      box.appendChild(p);
    });
  }

  function flowPopup(page, i, latlng) {
    var data = page.data, flows = data.flows, filters = data.filters, t = strings(data);
    page.flows.layers[i].closeTooltip();
    var box = el("div", "pairmap-popup"), table = el("table", "pairmap-metrics");
    box.appendChild(el("div", "pairmap-popup-title", payload.flowLabel(data, i)));
    addRow(table, t.program, filters.program[flows.p[i]].label);
    if (filters.round[flows.ro[i]].key !== "-") addRow(table, t.round, filters.round[flows.ro[i]].label);
    if (filters.level[flows.lv[i]].key !== "-") addRow(table, t.level, filters.level[flows.lv[i]].label);
    if (flows.g[i] >= 0) addRow(table, t.group, data.groups.names[flows.g[i]]);
    if (years(data, i)) addRow(table, t.years, years(data, i));
    data.metrics.forEach(function (m) {
      var v = flows.m[m.column][i];
      if (v !== null) addRow(table, m.label, figure(data, v, m.unit, isApprox(data, m.column, i)));
    });
    box.appendChild(table);
    if (flows.note[i] >= 0) box.appendChild(el("div", "pairmap-note", payload.text(data, flows.note[i])));
    sourceBlock(data, box, [i]);
    L.popup({maxWidth: 420, maxHeight: 360}).setLatLng(latlng).setContent(box).openOn(page.map);
  }

  function unitPopup(page, adcode, latlng, selection) {
    var data = page.data, flows = data.flows, ids = selection.flows, t = strings(data);
    var box = el("div", "pairmap-popup"), list = el("ul", "pairmap-partners");
    box.appendChild(el("div", "pairmap-popup-title",
                       page.units.names[adcode] || payload.nameOf(data, page.units.names, adcode)));
    ids.forEach(function (f) {
      list.appendChild(el("li", null, payload.flowLabel(data, f) + " · " + data.filters.program[flows.p[f]].label +
                                       (years(data, f) ? " · " + years(data, f) : "")));
    });
    if (!ids.length) box.appendChild(el("div", null, t.nothingHere));
    box.appendChild(list);
    var table = el("table", "pairmap-metrics"), totals = data.nodes.totals[adcode] || [];
    if (totals.length) {
      var head = el("tr"), cell = el("th", "pairmap-metrics-head", t.totals(ids.length));
      cell.colSpan = 2;
      head.appendChild(cell);
      table.appendChild(head);
    }
    totals.forEach(function (total) {
      addRow(table, total.label, figure(data, total.value, total.unit, total.approx === 1));
    });
    if (data.fill.mode === "metric" && data.fill.values[adcode] !== undefined) {
      addRow(table, data.fill.title,
             figure(data, data.fill.values[adcode], data.fill.unit, data.fill.approx[adcode] === 1));
    }
    box.appendChild(table);
    sourceBlock(data, box, ids);
    L.popup({maxWidth: 440, maxHeight: 380}).setLatLng(latlng).setContent(box).openOn(page.map);
  }

  /* Tooltips on units, flows and circles; a click on a flow opens its popup. */
  function bind(page) {
    page.units.group.bindTooltip(function (layer) {
      return el("span", null, layer.options.pairmap.name);
    }, {sticky: true});
    page.flows.layers.forEach(function (layer, i) {
      layer.bindTooltip(function () { return flowTooltip(page, i); }, {sticky: true});
      layer.on("click", function (event) { flowPopup(page, i, event.latlng); });
    });
    page.nodes.group.bindTooltip(function (layer) {
      return nodeTooltip(page, layer.options.pairmap.index);
    }, {sticky: true});
  }

  lib.popups = {bind: bind, flowPopup: flowPopup, unitPopup: unitPopup};
}(window.pairmapLib = window.pairmapLib || {}));
