/* pairmap page: presentation and narrow frames. `map.html#present` hides the controls
   (search, toggles, zoom, fullscreen), enlarges the text and fits the map to the window
   again on every resize; leaving the hash restores the page. In a frame or window
   narrower than NARROW px the legend folds into a button that opens it. */
(function (lib) {
  "use strict";

  var NARROW = 700, PRESENT_HASH = "#present";
  var PRESENT = "pairmap-present", FOLDED = "pairmap-legend-folded", OPEN = "pairmap-legend-open";

  function isPresenting() { return window.location.hash === PRESENT_HASH; }

  /* The default view; presenting, the map also keeps clear of the (larger) legend. */
  function fit(page) {
    var legend = page.legendButton && page.legendButton.parentNode.querySelector(".pairmap-legend");
    var right = isPresenting() && legend ? legend.offsetWidth + 24 : 24;
    lib.draw.fitView(page, {paddingBottomRight: [right, 24]});
  }

  /* Turn presentation on or off to match the address; refit once the text has grown. */
  function applyPresent(page) {
    var on = isPresenting(), root = page.map.getContainer();
    if (on === L.DomUtil.hasClass(root, PRESENT)) return;
    if (on) L.DomUtil.addClass(root, PRESENT);
    else L.DomUtil.removeClass(root, PRESENT);
    var size = page.map.getSize();
    page.map.invalidateSize({animate: false});
    page.map.fire("resize", {oldSize: size, newSize: page.map.getSize()});
    fit(page);
  }

  /* The button standing in for the legend when the map is narrow. */
  function legendButton(page, legend) {
    var box = legend.getContainer(), strings = lib.strings.of(page.data);
    var button = lib.dom.el("button", "leaflet-control pairmap-legend-button", strings.legend);
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.stop(event);
      var open = !L.DomUtil.hasClass(box, OPEN);
      if (open) {
        /* the button below the open legend takes some of the legend's room */
        L.DomUtil.addClass(box, OPEN);
        box.style.maxHeight = Math.max(parseFloat(box.style.maxHeight) - button.offsetHeight - 10, 80) + "px";
      } else {
        L.DomUtil.removeClass(box, OPEN);
      }
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? strings.closeLegend : strings.legend;
    });
    box.parentNode.insertBefore(button, box.nextSibling);  /* below it: it stays in reach */
    return button;
  }

  /* Fold the legend (class on its box) when the map is narrower than NARROW px. */
  function applyNarrow(page, legend) {
    var box = legend.getContainer(), narrow = page.map.getSize().x < NARROW;
    if (narrow) L.DomUtil.addClass(box, FOLDED);
    else L.DomUtil.removeClass(box, FOLDED);
    L.DomUtil.removeClass(box, OPEN);
    page.legendButton.style.display = narrow ? "" : "none";
    page.legendButton.textContent = lib.strings.of(page.data).legend;
  }

  /* Watch the address and the window; `legend` is the legend control. */
  function bind(page, legend) {
    page.legendButton = legend ? legendButton(page, legend) : null;
    if (legend) applyNarrow(page, legend);
    applyPresent(page);
    window.addEventListener("hashchange", function () { applyPresent(page); });
    page.map.on("resize", function () {
      if (legend) applyNarrow(page, legend);
      if (isPresenting()) fit(page);
    });
  }

  lib.present = {NARROW: NARROW, bind: bind, isPresenting: isPresenting};
}(window.pairmapLib = window.pairmapLib || {}));
