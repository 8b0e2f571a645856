/* pairmap page: building DOM nodes. Every text that comes from a table is inserted with
   textContent, never as HTML. */
(function (lib) {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* An element holding text whose web addresses are links (format.splitLinks). */
  function linkedText(tag, className, text) {
    var node = el(tag, className);
    lib.format.splitLinks(text).forEach(function (piece) {
      if (!piece.url) { node.appendChild(document.createTextNode(piece.text)); return; }
      var link = el("a", "pairmap-link", piece.text);
      link.href = piece.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      node.appendChild(link);
    });
    return node;
  }

  /* A 16 × 16 stroked SVG icon drawn by one path. */
  function icon(d) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    var path = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "#333");
    path.setAttribute("stroke-width", "2");
    svg.appendChild(path);
    return svg;
  }

  lib.dom = {el: el, linkedText: linkedText, icon: icon};
}(window.pairmapLib = window.pairmapLib || {}));
