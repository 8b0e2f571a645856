/* pairmap page: HTML boxes drawn again as SVG, for the SVG export. A laid-out element
   (title box, legend, scale bar, footer) becomes rectangles for its backgrounds and
   borders and <text> for its text, at the positions the browser gave them, in pixels
   from `origin` (the map container's top left). Only what the page's own styles use is
   translated: solid colours, borders, rounded corners, a dashed swatch; images never. */
(function (lib) {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var measure = null;

  /* Text for XML: characters XML 1.0 forbids dropped, markup escaped. */
  function xmlText(text) {
    return lib.format.escapeHtml(String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));
  }

  /* {colour: "rgb(r,g,b)", alpha} of a CSS colour, alpha 0 for transparent ones. */
  function paint(css) {
    var m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?/.exec(css || "");
    if (!m) return {colour: "none", alpha: 0};
    return {colour: "rgb(" + [m[1], m[2], m[3]].map(Math.round).join(",") + ")",
            alpha: m[4] === undefined ? 1 : parseFloat(m[4])};
  }

  function num(value) { return String(Math.round(value * 100) / 100); }

  /* An SVG element as text: attributes from `attrs` (values escaped), optional text. */
  function tag(name, attrs, text) {
    var out = "<" + name;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value !== null && value !== undefined && value !== "") out += " " + key + '="' + xmlText(value) + '"';
    });
    return text === undefined ? out + "/>" : out + ">" + xmlText(text) + "</" + name + ">";
  }

  function rect(box, origin, fill, extra) {
    return tag("rect", L.extend({x: num(box.left - origin.x), y: num(box.top - origin.y),
                                 width: num(box.width), height: num(box.height),
                                 fill: fill.colour, "fill-opacity": fill.alpha < 1 ? num(fill.alpha) : null},
                                extra || {}));
  }

  /* Background, box-shadow (as a faint outline), borders and a dashed swatch of one box. */
  function boxShapes(node, style, origin, out) {
    var box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    var background = paint(style.backgroundColor), radius = parseFloat(style.borderTopLeftRadius) || 0;
    var shadow = style.boxShadow && style.boxShadow !== "none";
    if (background.alpha > 0 || shadow) {
      out.push(rect(box, origin, background, {rx: radius ? num(radius) : null,
        stroke: shadow ? "#000" : null, "stroke-opacity": shadow ? "0.25" : null,
        "stroke-width": shadow ? "0.75" : null}));
    }
    borders(box, style, origin, out);
    if (/repeating-linear-gradient/.test(style.backgroundImage)) {
      var ink = paint(/rgba?\([^)]*\)/.exec(style.backgroundImage)[0]), y = box.top + box.height / 2 - origin.y;
      out.push(tag("line", {x1: num(box.left - origin.x), x2: num(box.right - origin.x), y1: num(y), y2: num(y),
                            stroke: ink.colour, "stroke-width": num(box.height), "stroke-dasharray": "5 4"}));
    }
  }

  function borders(box, style, origin, out) {
    [["Top", 0, 0, 1, 0], ["Bottom", 0, 1, 1, 0], ["Left", 0, 0, 0, 1], ["Right", 1, 0, 0, 1]].forEach(function (side) {
      var width = parseFloat(style["border" + side[0] + "Width"]) || 0, ink = paint(style["border" + side[0] + "Color"]);
      if (!width || style["border" + side[0] + "Style"] === "none" || ink.alpha === 0) return;
      var strip = {left: box.left + side[1] * (box.width - width), top: box.top + side[2] * (box.height - width),
                   width: side[3] ? box.width : width, height: side[4] ? box.height : width};
      out.push(rect(strip, origin, ink));
    });
  }

  /* The text of one text node, one <text> per line it was laid out on. */
  function textShapes(node, origin, out, baseFont) {
    if (!node.textContent.trim()) return;
    var style = getComputedStyle(node.parentNode), ink = paint(style.color);
    if (ink.alpha === 0) return;
    var font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(" ");
    lines(node).forEach(function (line) {
      measure = measure || document.createElement("canvas").getContext("2d");
      measure.font = font;
      var m = measure.measureText(line.text), content = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
      var baseline = line.box.top + (line.box.height - content) / 2 + m.fontBoundingBoxAscent;
      out.push(tag("text", {x: num(line.box.left - origin.x), y: num(baseline - origin.y),
                            fill: ink.colour, "fill-opacity": ink.alpha < 1 ? num(ink.alpha) : null,
                            "font-family": style.fontFamily === baseFont ? null : style.fontFamily, "font-size": style.fontSize,
                            "font-weight": style.fontWeight === "400" ? null : style.fontWeight,
                            "xml:space": "preserve"}, line.text));
    });
  }

  /* [{text, box}] per laid-out line of a text node (characters grouped by their top). */
  function lines(node) {
    var range = document.createRange(), text = node.textContent, found = [];
    range.selectNodeContents(node);
    if (range.getClientRects().length <= 1) {
      var box = range.getBoundingClientRect();
      return box.width ? [{text: text.trim(), box: box}] : [];
    }
    for (var i = 0; i < text.length; i += 1) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      var r = range.getBoundingClientRect(), last = found[found.length - 1];
      if (!r.width) continue;
      if (last && Math.abs(r.top - last.box.top) < r.height / 2) {
        last.text += text[i];
      } else {
        found.push({text: text[i], box: {left: r.left, top: r.top, height: r.height}});
      }
    }
    return found.map(function (line) { return {text: line.text.trim(), box: line.box}; });
  }

  /* An inline <svg> (an icon) copied where it sits. */
  function inlineSvg(node, origin) {
    var box = node.getBoundingClientRect(), copy = node.cloneNode(true);
    copy.setAttribute("x", num(box.left - origin.x));
    copy.setAttribute("y", num(box.top - origin.y));
    copy.setAttribute("width", num(box.width));
    copy.setAttribute("height", num(box.height));
    return new XMLSerializer().serializeToString(copy).replace(' xmlns="' + SVG_NS + '"', "");
  }

  function walk(node, origin, out, baseFont) {
    if (node.nodeType === 3) { textShapes(node, origin, out, baseFont); return; }
    if (node.nodeType !== 1 || node.tagName === "IMG") return;
    var style = getComputedStyle(node);
    if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return;
    if (node.namespaceURI === SVG_NS) { out.push(inlineSvg(node, origin)); return; }
    boxShapes(node, style, origin, out);
    Array.prototype.forEach.call(node.childNodes, function (child) { walk(child, origin, out, baseFont); });
  }

  /* SVG text for `element` and everything in it, in pixels from `origin` {x, y}; text in
     `baseFont` (a CSS font-family the caller sets on an enclosing group) names no font. */
  function fromElement(element, origin, baseFont) {
    var out = [];
    walk(element, origin, out, baseFont);
    return out.join("\n");
  }

  /* The background and borders of `element` alone, not its children. */
  function boxOnly(element, origin) {
    var out = [];
    boxShapes(element, getComputedStyle(element), origin, out);
    return out.join("\n");
  }

  lib.domSvg = {SVG_NS: SVG_NS, fromElement: fromElement, boxOnly: boxOnly, tag: tag, xmlText: xmlText, num: num};
}(window.pairmapLib = window.pairmapLib || {}));
