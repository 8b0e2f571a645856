/* pairmap page: reading the embedded map data ("pairmap-data", built by maps/flowmap.py)
   (pure; Node loads it for the tests). Flows and nodes are columns: flows.d[i] is the
   donor node of flow i, nodes.adcode[k] the adcode of node k; texts are indices into
   data.strings, -1 for none. */
(function (lib) {
  "use strict";

  function text(data, index) { return index >= 0 ? data.strings[index] : ""; }

  /* Donor and recipient of flow i as the table wrote them, else their units' names. */
  function donorName(data, i) { return text(data, data.flows.dn[i]) || data.nodes.name[data.flows.d[i]]; }
  function recipientName(data, i) { return text(data, data.flows.rn[i]) || data.nodes.name[data.flows.r[i]]; }
  function flowLabel(data, i) { return donorName(data, i) + " → " + recipientName(data, i); }

  /* The flows of a unit and its partners' adcodes (sorted). */
  function selectionOf(data, adcode) {
    var flows = data.flows, nodes = data.nodes, ids = [], partners = {};
    for (var f = 0; f < flows.d.length; f++) {
      var d = nodes.adcode[flows.d[f]], r = nodes.adcode[flows.r[f]];
      if (d === adcode || r === adcode) {
        ids.push(f);
        if (d !== adcode) partners[d] = true;
        if (r !== adcode) partners[r] = true;
      }
    }
    return {adcode: adcode, partners: Object.keys(partners).sort(), flows: ids};
  }

  /* A unit's name: its node's, else its polygon's (`unitNames`), else the adcode. */
  function nameOf(data, unitNames, adcode) {
    var k = data.nodes.adcode.indexOf(adcode);
    return k >= 0 ? data.nodes.name[k] : (unitNames[adcode] || adcode);
  }

  lib.payload = {text: text, donorName: donorName, recipientName: recipientName,
                 flowLabel: flowLabel, selectionOf: selectionOf, nameOf: nameOf};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
