/* pairmap page code: draws flows, units, legend and controls from the embedded data.
   Every text that comes from a table is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var FLOW_OPACITY = 0.85, DIM_OPACITY = 0.08, FAN_RADIUS = 9, CURVE_SAMPLES = 16;
  /* While a unit is selected, the fills of units outside the selection fade to this share. */
  var DIM_FILL = 0.35;
  /* Legend: sections longer than LEGEND_LONG items may take two columns; the legend keeps
     LEGEND_MARGIN px clear of the map's edges and the top-right controls. */
  var LEGEND_LONG = 6, LEGEND_MARGIN = 40, LEGEND_MIN = 120;

  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* Text with its web addresses as links. Only http(s) addresses become links, the
     rest stays text nodes, so a source cell can never inject markup or a script URL. */
  var URL_PATTERN = /https?:\/\/[^\s|，。；;、）)"'<>]+/g;
  function linkedText(tag, className, text) {
    var node = el(tag, className), last = 0, match;
    text = String(text);
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      if (match.index > last) node.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", "pairmap-link", match[0]);
      link.href = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      node.appendChild(link);
      last = match.index + match[0].length;
    }
    if (last < text.length) node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function trimNumber(value, digits) { return String(Number(value.toFixed(digits))); }

  function formatMetric(value, unit) {
    var a = Math.abs(value);
    if (unit === "cny") {
      if (a >= 1e8) return trimNumber(value / 1e8, 2) + "亿元";
      if (a >= 1e4) return trimNumber(value / 1e4, 2) + "万元";
      return trimNumber(value, 2) + "元";
    }
    if (a >= 1e4) return trimNumber(value / 1e4, 2) + "万" + unit;
    return trimNumber(value, 2) + unit;
  }

  /* One flow: a curved polyline whose canvas drawing ends in a filled arrowhead. */
  var FlowLine = L.Polyline.extend({
    arrowSize: function () {
      var w = this.options.weight;
      return {length: 7 + 2.4 * w, half: 4 + 1.3 * w};
    },
    _updateBounds: function () {
      if (!this._rawPxBounds) return;
      var t = Math.max(this._clickTolerance(), this.arrowSize().length), p = L.point(t, t);
      this._pxBounds = L.bounds([this._rawPxBounds.min.subtract(p), this._rawPxBounds.max.add(p)]);
    },
    _updatePath: function () { this._renderer._updateFlow(this); }
  });

  L.Canvas.include({
    _updateFlow: function (layer) {
      if (!this._drawing || !layer._parts.length || !layer._rings.length) return;
      var ring = layer._rings[0], n = ring.length, ctx = this._ctx, size = layer.arrowSize();
      var tip = ring[n - 1], back = tip, walked = 0, base = null, i, j;
      for (i = n - 2; i >= 0; i--) {
        var step = ring[i].distanceTo(back);
        if (walked + step >= size.length && step > 0) {
          base = back.add(ring[i].subtract(back).multiplyBy((size.length - walked) / step));
          break;
        }
        walked += step;
        back = ring[i];
      }
      if (!base) { base = ring[0]; i = -1; }
      ctx.beginPath();
      ctx.moveTo(ring[0].x, ring[0].y);
      for (j = 1; j <= i; j++) ctx.lineTo(ring[j].x, ring[j].y);
      ctx.lineTo(base.x, base.y);
      this._fillStroke(ctx, layer);
      var dx = tip.x - base.x, dy = tip.y - base.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var nx = -dy / len * size.half, ny = dx / len * size.half;
      ctx.beginPath();
      ctx.moveTo(tip.x, tip.y);
      ctx.lineTo(base.x + nx, base.y + ny);
      ctx.lineTo(base.x - nx, base.y - ny);
      ctx.closePath();
      ctx.setLineDash([]);
      ctx.globalAlpha = layer.options.opacity;
      ctx.fillStyle = layer.options.color;
      ctx.fill();
    }
  });

  /* Curve points (latlngs) of every flow, computed once in Web Mercator pixels at zoom z:
     a quadratic Bezier bending to the left of donor -> recipient; where several flows
     meet one recipient their end points fan out around it, facing their donors. */
  function buildCurves(map, data, z) {
    var nodes = data.nodes, flows = data.flows, n = flows.d.length, i;
    var px = nodes.lon.map(function (lon, k) { return map.project([nodes.lat[k], lon], z); });
    var incoming = {};
    for (i = 0; i < n; i++) (incoming[flows.r[i]] = incoming[flows.r[i]] || []).push(i);
    var ends = new Array(n);
    Object.keys(incoming).forEach(function (key) {
      var list = incoming[key], centre = px[+key];
      if (list.length === 1) { ends[list[0]] = centre; return; }
      var items = list.map(function (f) {
        var d = px[flows.d[f]];
        return {f: f, angle: Math.atan2(d.y - centre.y, d.x - centre.x)};
      }).sort(function (a, b) { return a.angle - b.angle || a.f - b.f; });
      var gap = Math.min(0.5, 2 * Math.PI / items.length), before = 0, after = 0, k;
      for (k = 0; k < items.length; k++) before += items[k].angle;
      for (k = 1; k < items.length; k++) {
        items[k].angle = Math.max(items[k].angle, items[k - 1].angle + gap);
      }
      for (k = 0; k < items.length; k++) after += items[k].angle;
      var shift = (before - after) / items.length;
      items.forEach(function (item) {
        var a = item.angle + shift;
        ends[item.f] = L.point(centre.x + FAN_RADIUS * Math.cos(a), centre.y + FAN_RADIUS * Math.sin(a));
      });
    });
    var seen = {}, curves = new Array(n);
    for (i = 0; i < n; i++) {
      var p0 = px[flows.d[i]], p2 = ends[i], key = flows.d[i] + ">" + flows.r[i];
      var repeat = seen[key] = (seen[key] || 0) + 1;
      var dx = p2.x - p0.x, dy = p2.y - p0.y, length = Math.sqrt(dx * dx + dy * dy);
      var points = [], t, c;
      if (length < 1e-6) {
        for (t = 0; t <= CURVE_SAMPLES; t++) {
          var angle = 2 * Math.PI * t / CURVE_SAMPLES;
          points.push(L.point(p0.x + 6 * repeat * Math.sin(angle), p0.y - 6 * repeat * (1 - Math.cos(angle))));
        }
      } else {
        var bend = 0.18 + 0.1 * (repeat - 1);
        c = L.point((p0.x + p2.x) / 2 + dy * bend, (p0.y + p2.y) / 2 - dx * bend);
        for (t = 0; t <= CURVE_SAMPLES; t++) {
          var s = t / CURVE_SAMPLES, u = 1 - s;
          points.push(L.point(u * u * p0.x + 2 * u * s * c.x + s * s * p2.x,
                              u * u * p0.y + 2 * u * s * c.y + s * s * p2.y));
        }
      }
      curves[i] = points.map(function (p) { return map.unproject(p, z); });
    }
    return curves;
  }

  function flowYears(flows, i) {
    var a = flows.y0[i], b = flows.y1[i];
    if (a === null && b === null) return "";
    if (b === null) return a + "年起";
    if (a === null) return "至" + b + "年";
    return a === b ? a + "年" : a + "–" + b + "年";
  }

  function start(map) {
    var timings = {start: performance.now()};
    var data = readJson("pairmap-data"), topology = readJson("pairmap-topology");
    timings.parsed = performance.now();
    var S = data.strings, flows = data.flows, nodes = data.nodes, n = flows.d.length;
    var str = function (index) { return index >= 0 ? S[index] : ""; };
    var renderer = L.canvas({padding: 0.1, tolerance: 4});
    var api = {map: map, ready: false};
    var state = null;

    if (data.tiles) {
      L.tileLayer(data.tiles.url, {
        attribution: escapeHtml(data.tiles.attribution), maxZoom: data.tiles.max_zoom
      }).addTo(map);
    }
    map.attributionControl.setPrefix(escapeHtml(data.title.credits));

    /* Units: filled polygons of the base level, then outlines. */
    var fills = data.fill.fills, unitLayers = {}, unitNames = {}, unitOpacity = {};
    function unitFill(adcode, parent) {
      if (fills[adcode]) return {colour: fills[adcode], opacity: 0.75};
      var province = adcode.slice(0, 2) + "0000";
      if (parent && fills[parent]) return {colour: fills[parent], opacity: 0.4};
      if (fills[province]) return {colour: fills[province], opacity: 0.3};
      return {colour: "#f4f3ee", opacity: 0.9};
    }
    function unitStyle(adcode, parent) {
      var f = unitFill(adcode, parent);
      return {renderer: renderer, color: "#9a9a9a", weight: 0.5, fillColor: f.colour, noClip: true,
              fillOpacity: f.opacity, opacity: 0.9};
    }
    var toLatLng = function (p) { return L.latLng(p[1], p[0]); };
    var unitGroup = L.featureGroup();
    pairmapTopo.feature(topology, data.base.fill, toLatLng).features.forEach(function (feature) {
      var props = feature.properties, adcode = String(props.a), name = props.n || adcode;
      var parent = props.p || adcode.slice(0, 4) + "00";
      var layer = L.polygon(feature.geometry.coordinates, unitStyle(adcode, parent));
      unitOpacity[adcode] = layer.options.fillOpacity;
      layer.options.pairmap = {kind: "unit", adcode: adcode, name: name};
      unitLayers[adcode] = layer;
      unitNames[adcode] = name;
      unitGroup.addLayer(layer);
    });
    unitGroup.bindTooltip(function (layer) {
      return el("span", null, layer.options.pairmap.name);
    }, {sticky: true});
    unitGroup.on("click", function (event) {
      toggle(event.layer.options.pairmap.adcode, event.latlng);
    });
    var outlineGroup = null;
    if (data.base.outline && topology.objects[data.base.outline]) {
      outlineGroup = L.featureGroup();
      var outlineStyle = {renderer: renderer, color: "#555", weight: 1.1, fill: false, opacity: 0.9, noClip: true,
                          interactive: false};
      pairmapTopo.feature(topology, data.base.outline, toLatLng).features.forEach(function (f) {
        outlineGroup.addLayer(L.polygon(f.geometry.coordinates, outlineStyle));
      });
    }

    /* The view is set before anything is drawn, so nothing is projected twice. */
    var bounds = unitGroup.getBounds();
    nodes.lat.forEach(function (lat, k) { bounds.extend([lat, nodes.lon[k]]); });
    if (bounds.isValid()) map.fitBounds(bounds, {padding: [24, 24], animate: false});
    var z = map.getZoom();
    unitGroup.addTo(map);
    if (outlineGroup) outlineGroup.addTo(map);
    timings.units = performance.now();

    /* Flows. */
    var curves = buildCurves(map, data, z), flowLayers = new Array(n);
    timings.curves = performance.now();
    var flowGroup = L.featureGroup().addTo(map);
    var colours = data.colours.colours, groupNames = data.groups.names;
    var filters = data.filters;
    function nodeName(index) { return nodes.name[index]; }
    function flowLabel(i) {
      return (str(flows.dn[i]) || nodeName(flows.d[i])) + " → " + (str(flows.rn[i]) || nodeName(flows.r[i]));
    }
    function flowStyle(i, opacity) {
      return {renderer: renderer, color: colours[flows.c[i]], weight: flows.w[i], opacity: opacity,
              lineCap: "butt", dashArray: flows.dash[i] ? "7 4" : null, fill: false};
    }
    function flowTooltip(i) {
      var box = el("div", "pairmap-tip");
      box.appendChild(el("div", "pairmap-tip-title", flowLabel(i)));
      var program = filters.program[flows.p[i]].label, years = flowYears(flows, i);
      box.appendChild(el("div", null, [program, years].filter(Boolean).join(" · ")));
      if (flows.g[i] >= 0) box.appendChild(el("div", null, "组团：" + groupNames[flows.g[i]]));
      return box;
    }
    for (var i = 0; i < n; i++) {
      var layer = new FlowLine(curves[i], flowStyle(i, FLOW_OPACITY));
      layer.options.pairmap = {
        kind: "flow", id: i,
        donor: str(flows.dn[i]) || nodeName(flows.d[i]),
        recipient: str(flows.rn[i]) || nodeName(flows.r[i]),
        donor_adcode: nodes.adcode[flows.d[i]], recipient_adcode: nodes.adcode[flows.r[i]],
        program_key: filters.program[flows.p[i]].key, round: filters.round[flows.ro[i]].key,
        group: flows.g[i] >= 0 ? groupNames[flows.g[i]] : null
      };
      layer.bindTooltip(flowTooltip.bind(null, i), {sticky: true});
      layer.on("click", flowPopup.bind(null, i));
      flowLayers[i] = layer;
      flowGroup.addLayer(layer);
    }

    timings.flows = performance.now();
    /* Nodes: donors and recipients as circles sized by their totals. */
    var roleColours = {donor: "#b2182b", recipient: "#2166ac", both: "#762a83"};
    var roleNames = {donor: "帮扶方", recipient: "受援方", both: "帮扶方、受援方"};
    var nodeGroup = L.featureGroup();
    var nodeLayers = nodes.adcode.map(function (adcode, k) {
      var marker = L.circleMarker([nodes.lat[k], nodes.lon[k]], {
        renderer: renderer, radius: nodes.radius[k], color: "#ffffff", weight: 1,
        fillColor: roleColours[nodes.role[k]], fillOpacity: 0.9
      });
      marker.options.pairmap = {kind: "node", adcode: adcode, name: nodes.name[k], index: k};
      nodeGroup.addLayer(marker);
      return marker;
    });
    nodeGroup.bindTooltip(function (layer) {
      var k = layer.options.pairmap.index, box = el("div", "pairmap-tip");
      box.appendChild(el("div", "pairmap-tip-title", nodes.name[k]));
      if (nodes.aliases[k].length) box.appendChild(el("div", null, nodes.aliases[k].join("、")));
      box.appendChild(el("div", null, roleNames[nodes.role[k]] + " · 帮扶 " + nodes.n_out[k] +
                                       " · 受援 " + nodes.n_in[k]));
      return box;
    }, {sticky: true});
    nodeGroup.on("click", function (event) {
      toggle(event.layer.options.pairmap.adcode, event.latlng);
    });
    nodeGroup.addTo(map);

    /* Popups. An approximate figure (约, 余, 多 in the table; flows.ma) and a total that
       includes one are shown with the prefix Python chose (data.approx_prefix). */
    function isApprox(column, f) { return Boolean(flows.ma[column] && flows.ma[column][f]); }
    function figure(value, unit, approx) {
      return (approx ? data.approx_prefix : "") + formatMetric(value, unit);
    }
    function addRow(table, label, value) {
      var row = el("tr");
      row.appendChild(el("th", null, label));
      row.appendChild(el("td", null, value));
      table.appendChild(row);
    }
    /* The citations of some flows, each once: a source cell listing several citations
       (separated by " | ") is split, its date added unless the text already has it, and
       the table rows backing a citation are listed together. */
    function citationsOf(f) {
      var source = str(flows.src[f]), date = str(flows.date[f]);
      if (date && source.indexOf(date) < 0) return [[source, date].filter(Boolean).join("，")];
      return source.split(/\s+\|\s+/);
    }
    function sourceBlock(box, sourceIndices) {
      var cited = [], byText = {};
      sourceIndices.forEach(function (f) {
        var file = str(flows.file[f]), row = flows.row[f];
        citationsOf(f).forEach(function (text) {
          var entry = byText[text];
          if (!entry) {
            entry = byText[text] = {text: text, files: [], rows: {}};
            cited.push(entry);
          }
          if (!file) return;
          if (!entry.rows[file]) { entry.rows[file] = []; entry.files.push(file); }
          if (row !== null && entry.rows[file].indexOf(row) < 0) entry.rows[file].push(row);
        });
      });
      cited.forEach(function (entry) {
        if (!entry.text && !entry.files.length) return;
        var where = entry.files.map(function (file) {
          var rows = entry.rows[file].sort(function (a, b) { return a - b; });
          return file + (rows.length ? " 第" + rows.join("、") + "行" : "");
        }).join("；");
        var p = el("div", "pairmap-source");
        p.appendChild(el("span", "pairmap-source-label", "来源："));
        p.appendChild(linkedText("span", "pairmap-source-text", entry.text || "（表中未注明）"));
        if (where) p.appendChild(el("span", "pairmap-source-row", "（" + where + "）"));
        box.appendChild(p);
      });
    }
    function flowPopup(i, event) {
      flowLayers[i].closeTooltip();
      var box = el("div", "pairmap-popup");
      box.appendChild(el("div", "pairmap-popup-title", flowLabel(i)));
      var table = el("table", "pairmap-metrics");
      addRow(table, "项目", filters.program[flows.p[i]].label);
      if (filters.round[flows.ro[i]].key !== "-") addRow(table, "轮次", filters.round[flows.ro[i]].label);
      if (filters.level[flows.lv[i]].key !== "-") addRow(table, "层级", filters.level[flows.lv[i]].label);
      if (flows.g[i] >= 0) addRow(table, "组团", groupNames[flows.g[i]]);
      var years = flowYears(flows, i);
      if (years) addRow(table, "年份", years);
      data.metrics.forEach(function (m) {
        var v = flows.m[m.column][i];
        if (v !== null) addRow(table, m.label, figure(v, m.unit, isApprox(m.column, i)));
      });
      box.appendChild(table);
      if (flows.note[i] >= 0) box.appendChild(el("div", "pairmap-note", str(flows.note[i])));
      sourceBlock(box, [i]);
      L.popup({maxWidth: 420, maxHeight: 360}).setLatLng(event.latlng).setContent(box).openOn(map);
    }
    function unitPopup(adcode, latlng, selection) {
      var box = el("div", "pairmap-popup");
      var name = unitNames[adcode] || nameOf(adcode);
      box.appendChild(el("div", "pairmap-popup-title", name));
      var list = el("ul", "pairmap-partners");
      var totals = {}, sides = {};
      selection.flows.forEach(function (f) {
        sides[nodes.adcode[flows.r[f]] === adcode ? "in" : "out"] = true;
      });
      var bothSides = sides["in"] && sides["out"];
      selection.flows.forEach(function (f) {
        list.appendChild(el("li", null, flowLabel(f) + " · " + filters.program[flows.p[f]].label +
                                         (flowYears(flows, f) ? " · " + flowYears(flows, f) : "")));
        var side = nodes.adcode[flows.r[f]] === adcode ? "（受援）" : "（帮扶）";
        data.metrics.forEach(function (m) {
          var v = flows.m[m.column][f];
          if (v === null) return;
          var key = m.label + (bothSides ? side : "");
          totals[key] = totals[key] || {value: 0, unit: m.unit, approx: false};
          totals[key].value += v;
          totals[key].approx = totals[key].approx || isApprox(m.column, f);
        });
      });
      if (!selection.flows.length) box.appendChild(el("div", null, "本图没有与此地相关的结对"));
      box.appendChild(list);
      var table = el("table", "pairmap-metrics");
      if (Object.keys(totals).length) {
        var head = el("tr");
        var cell = el("th", "pairmap-metrics-head", "合计（" + selection.flows.length + "条结对中有数据者）");
        cell.colSpan = 2;
        head.appendChild(cell);
        table.appendChild(head);
      }
      Object.keys(totals).forEach(function (key) {
        addRow(table, key, figure(totals[key].value, totals[key].unit, totals[key].approx));
      });
      if (data.fill.mode === "metric" && data.fill.values[adcode] !== undefined) {
        addRow(table, data.fill.title,
               figure(data.fill.values[adcode], data.fill.unit, data.fill.approx[adcode] === 1));
      }
      box.appendChild(table);
      sourceBlock(box, selection.flows);
      L.popup({maxWidth: 440, maxHeight: 380}).setLatLng(latlng).setContent(box).openOn(map);
    }

    /* Selection: highlight a unit's partners and flows, dim the rest. */
    function nameOf(adcode) {
      var k = nodes.adcode.indexOf(adcode);
      return k >= 0 ? nodes.name[k] : (unitNames[adcode] || adcode);
    }
    function selectionOf(adcode) {
      var ids = [], partners = {};
      for (var f = 0; f < n; f++) {
        var d = nodes.adcode[flows.d[f]], r = nodes.adcode[flows.r[f]];
        if (d === adcode || r === adcode) {
          ids.push(f);
          if (d !== adcode) partners[d] = true;
          if (r !== adcode) partners[r] = true;
        }
      }
      return {adcode: adcode, partners: Object.keys(partners).sort(), flows: ids};
    }
    function restyleUnit(adcode, highlight) {
      var layer = unitLayers[adcode];
      if (!layer) return;
      layer.setStyle(highlight ? {color: "#111", weight: 2.2} : {color: "#9a9a9a", weight: 0.5});
    }
    function clear() {
      if (!state) return;
      restyleUnit(state.adcode, false);
      state.partners.forEach(function (a) { restyleUnit(a, false); });
      flowLayers.forEach(function (layer) { layer.setStyle({opacity: FLOW_OPACITY}); });
      nodeLayers.forEach(function (marker) { marker.setStyle({fillOpacity: 0.9, opacity: 1}); });
      Object.keys(unitLayers).forEach(function (a) {
        unitLayers[a].setStyle({fillOpacity: unitOpacity[a], opacity: 0.9});
      });
      state = null;
      map.closePopup();
    }
    function select(adcode, latlng) {
      adcode = String(adcode);
      if (state) clear();
      var selection = selectionOf(adcode), on = {};
      selection.flows.forEach(function (f) { on[f] = true; });
      flowLayers.forEach(function (layer, f) { layer.setStyle({opacity: on[f] ? 0.95 : DIM_OPACITY}); });
      var keep = {};
      keep[adcode] = true;
      selection.partners.forEach(function (a) { keep[a] = true; });
      nodeLayers.forEach(function (marker, k) {
        var visible = keep[nodes.adcode[k]];
        marker.setStyle({fillOpacity: visible ? 0.95 : 0.15, opacity: visible ? 1 : 0.15});
      });
      Object.keys(unitLayers).forEach(function (a) {
        if (!keep[a]) unitLayers[a].setStyle({fillOpacity: unitOpacity[a] * DIM_FILL, opacity: 0.5});
      });
      restyleUnit(adcode, true);
      selection.partners.forEach(function (a) { restyleUnit(a, true); });
      selection.flows.forEach(function (f) { if (map.hasLayer(flowLayers[f])) flowLayers[f].bringToFront(); });
      nodeLayers.forEach(function (marker) { marker.bringToFront(); });
      state = selection;
      if (!latlng) {
        var k = nodes.adcode.indexOf(adcode);
        latlng = k >= 0 ? L.latLng(nodes.lat[k], nodes.lon[k]) :
          (unitLayers[adcode] ? unitLayers[adcode].getBounds().getCenter() : map.getCenter());
      }
      unitPopup(adcode, latlng, selection);
      return api.selected();
    }
    function toggle(adcode, latlng) {
      if (state && state.adcode === adcode) clear();
      else select(adcode, latlng);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") clear();
    });

    /* Layer toggles: one overlay per programme, round and level; a flow shows when all
       three of its groups are on. */
    var active = {program: {}, round: {}, level: {}};
    var nToggles = filters.program.length + filters.round.length + filters.level.length;
    var control = L.control.layers(null, null, {collapsed: nToggles > 8, position: "topright"});
    function applyFilters() {
      for (var f = 0; f < n; f++) {
        var show = active.program[flows.p[f]] && active.round[flows.ro[f]] && active.level[flows.lv[f]];
        var has = flowGroup.hasLayer(flowLayers[f]);
        if (show && !has) flowGroup.addLayer(flowLayers[f]);
        else if (!show && has) flowGroup.removeLayer(flowLayers[f]);
      }
      nodeLayers.forEach(function (marker) { marker.bringToFront(); });
    }
    [["program", "项目"], ["round", "轮次"], ["level", "层级"]].forEach(function (pair) {
      var kind = pair[0];
      filters[kind].forEach(function (item, index) {
        var toggleLayer = L.layerGroup().addTo(map);
        active[kind][index] = true;
        toggleLayer.on("add", function () { active[kind][index] = true; applyFilters(); });
        toggleLayer.on("remove", function () { active[kind][index] = false; applyFilters(); });
        control.addOverlay(toggleLayer, escapeHtml(pair[1] + "：" + item.label));
      });
    });

    /* Controls: title, zoom, fullscreen, search, layers, legend, scale, footer. */
    var TitleControl = L.Control.extend({
      onAdd: function () {
        var box = el("div", "pairmap-title-box");
        box.appendChild(el("h1", "pairmap-title", data.title.title));
        if (data.title.subtitle) box.appendChild(el("div", "pairmap-subtitle", data.title.subtitle));
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new TitleControl({position: "topleft"}).addTo(map);
    L.control.zoom({position: "topleft"}).addTo(map);
    var FullscreenControl = L.Control.extend({
      onAdd: function () {
        var bar = el("div", "leaflet-bar");
        var button = el("a", "pairmap-fullscreen");
        var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        svg.setAttribute("viewBox", "0 0 16 16");
        svg.setAttribute("width", "16");
        svg.setAttribute("height", "16");
        var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("d", "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5");
        path.setAttribute("fill", "none");
        path.setAttribute("stroke", "#333");
        path.setAttribute("stroke-width", "2");
        svg.appendChild(path);
        button.appendChild(svg);
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
      }
    });
    new FullscreenControl({position: "topleft"}).addTo(map);
    document.addEventListener("fullscreenchange", function () {
      var button = map.getContainer().querySelector(".pairmap-fullscreen");
      if (button) button.title = document.fullscreenElement ? "退出全屏" : "全屏";
      map.invalidateSize();
    });

    var searchIndex = [], indexed = {};
    nodes.adcode.forEach(function (adcode, k) {
      [nodes.name[k]].concat(nodes.aliases[k]).forEach(function (label) {
        var key = adcode + "|" + label;
        if (indexed[key]) return;
        indexed[key] = true;
        searchIndex.push({label: label, adcode: adcode, node: k});
      });
    });
    Object.keys(unitNames).sort().forEach(function (adcode) {
      var key = adcode + "|" + unitNames[adcode];
      if (indexed[key]) return;
      indexed[key] = true;
      searchIndex.push({label: unitNames[adcode], adcode: adcode, node: -1});
    });
    function search(text) {
      text = text.trim().toLowerCase();
      if (!text) return [];
      var exact = [], starts = [], contains = [];
      searchIndex.forEach(function (entry) {
        var label = entry.label.toLowerCase(), at = label.indexOf(text);
        if (at < 0 && entry.adcode.indexOf(text) === 0) at = 0;
        if (at < 0) return;
        (label === text || entry.adcode === text ? exact : at === 0 ? starts : contains).push(entry);
      });
      return exact.concat(starts, contains).slice(0, 12);
    }
    function go(entry) {
      var latlng;
      if (entry.node >= 0) {
        latlng = L.latLng(nodes.lat[entry.node], nodes.lon[entry.node]);
      } else {
        latlng = unitLayers[entry.adcode].getBounds().getCenter();
      }
      if (unitLayers[entry.adcode]) {
        map.fitBounds(unitLayers[entry.adcode].getBounds(), {maxZoom: Math.max(map.getZoom(), 7)});
      } else {
        map.setView(latlng, Math.max(map.getZoom(), 7));
      }
      select(entry.adcode, latlng);
    }
    var SearchControl = L.Control.extend({
      onAdd: function () {
        var box = el("div", "pairmap-search-box");
        var input = el("input", "pairmap-search");
        input.type = "search";
        input.placeholder = "搜索地名…";
        input.setAttribute("aria-label", "搜索地名");
        var results = el("ul", "pairmap-search-results");
        box.appendChild(input);
        box.appendChild(results);
        var matches = [];
        function show() {
          matches = search(input.value);
          results.textContent = "";
          matches.forEach(function (entry) {
            var item = el("li", null, entry.label);
            var where = unitNames[entry.adcode] && unitNames[entry.adcode] !== entry.label ?
              unitNames[entry.adcode] : "";
            if (where) item.appendChild(el("span", "pairmap-search-where", " " + where));
            item.addEventListener("click", function () { go(entry); });
            results.appendChild(item);
          });
        }
        input.addEventListener("input", show);
        input.addEventListener("keydown", function (event) {
          if (event.key === "Enter") {
            show();
            if (matches.length) go(matches[0]);
          }
          event.stopPropagation();
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new SearchControl({position: "topright"}).addTo(map);
    control.addTo(map);

    /* Pointing at a group in the legend shows its flows and dims the others (unless a
       unit is selected). */
    function highlightOnHover(row, group) {
      if (group < 0) return;
      row.className += " pairmap-legend-group";
      L.DomEvent.on(row, "mouseenter", function () {
        if (state) return;
        flowLayers.forEach(function (layer, f) {
          layer.setStyle({opacity: flows.g[f] === group ? 0.95 : DIM_OPACITY});
        });
      });
      L.DomEvent.on(row, "mouseleave", function () {
        if (state) return;
        flowLayers.forEach(function (layer) { layer.setStyle({opacity: FLOW_OPACITY}); });
      });
    }
    var LegendControl = L.Control.extend({
      onAdd: function () {
        var box = el("div", "pairmap-legend");
        data.legend.sections.forEach(function (section) {
          var part = el("div", "pairmap-legend-section");
          part.appendChild(el("div", "pairmap-legend-title", section.title));
          var items = el("div", "pairmap-legend-items");
          if (section.items.length > LEGEND_LONG) items.className += " pairmap-legend-many";
          part.appendChild(items);
          section.items.forEach(function (item) {
            var row = el("div", "pairmap-legend-item");
            var swatch = el("span", "pairmap-swatch pairmap-swatch-" + section.kind);
            if (section.kind === "line") swatch.style.background = item.colour;
            if (section.kind === "fill") swatch.style.background = item.colour;
            if (section.kind === "group") {
              item.colours.forEach(function (colour) {
                var line = el("span", "pairmap-swatch-part");
                line.style.background = colour;
                swatch.appendChild(line);
              });
            }
            if (section.kind === "width") {
              swatch.style.height = item.width + "px";
              if (item.dash) swatch.className += " pairmap-swatch-dash";
            }
            if (section.kind !== "note") row.appendChild(swatch);
            var label = el("span", "pairmap-legend-label", item.label);
            if (item.members) {
              label.appendChild(el("span", "pairmap-legend-members", item.members));
              row.title = item.label + "：" + item.members;
              highlightOnHover(row, groupNames.indexOf(item.label));
            }
            row.appendChild(label);
            items.appendChild(row);
          });
          box.appendChild(part);
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    var legend = new LegendControl({position: "bottomright"}).addTo(map);
    /* The legend always fits beside the top-right controls: compact (smaller type, long
       sections in two columns) when it would not, then terse (group members only on
       hover), and scrolling if even that is too tall. */
    function fitLegend() {
      var box = legend.getContainer(), corner = map._controlCorners.topright;
      var room = map.getSize().y - (corner ? corner.offsetHeight : 0) - LEGEND_MARGIN;
      var steps = ["pairmap-legend-compact", "pairmap-legend-terse"];
      box.style.maxHeight = "";
      steps.forEach(function (step) { L.DomUtil.removeClass(box, step); });
      steps.forEach(function (step) {
        if (box.scrollHeight > room) L.DomUtil.addClass(box, step);
      });
      box.style.maxHeight = Math.max(room, LEGEND_MIN) + "px";
    }
    fitLegend();
    map.on("resize", fitLegend);
    L.control.scale({position: "bottomleft", imperial: false}).addTo(map);
    var FooterControl = L.Control.extend({
      onAdd: function () {
        var box = el("div", "pairmap-footer");
        var t = data.title, parts = [];
        if (t.sources.length) parts.push("数据：" + t.sources.join("、"));
        if (t.date) parts.push("日期：" + t.date);
        if (t.boundaries) parts.push("边界：" + t.boundaries);
        parts.push(n + " 条结对");
        box.textContent = parts.join(" · ");
        return box;
      }
    });
    new FooterControl({position: "bottomleft"}).addTo(map);

    api.flowLayers = function () {
      return flowLayers.filter(function (layer) { return map.hasLayer(layer); });
    };
    api.unitLayer = function (adcode) { return unitLayers[String(adcode)] || null; };
    api.select = function (adcode) { return select(adcode); };
    api.clear = clear;
    api.selected = function () {
      return state ? {adcode: state.adcode, partners: state.partners.slice(),
                      flows: state.flows.slice()} : null;
    };
    api.search = search;
    api.timings = timings;
    timings.built = performance.now();
    window.pairmap = api;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { timings.drawn = performance.now(); api.ready = true; });
    });
  }

  window.pairmapStart = function (map) {
    start(map);
  };
}());
