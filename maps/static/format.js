/* pairmap page: formatting of numbers, years and text (pure; Node loads it for the tests). */
(function (lib) {
  "use strict";

  /* `value` with at most `digits` decimals and no trailing zeros. */
  function trimNumber(value, digits) { return String(Number(value.toFixed(digits))); }

  /* `value` with thousands separators (English). */
  function grouped(value, digits) {
    var parts = trimNumber(value, digits).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  /* A metric in English: yuan as CNY, in million / billion from 1,000,000; other units
     (already English words in the payload) after the number. */
  function formatMetricEn(value, unit) {
    var a = Math.abs(value), number = grouped(value, 2);
    if (a >= 1e9) number = trimNumber(value / 1e9, 2) + " billion";
    else if (a >= 1e6) number = trimNumber(value / 1e6, 2) + " million";
    if (unit === "cny") return "CNY " + number;
    return unit ? number + " " + unit : number;
  }

  /* A metric in its unit: yuan ("cny") as 元, 万元 from 10,000 and 亿元 from 100,000,000;
     any other unit (人, 个 ...) as is, with 万 from 10,000. `lang` "en" formats in English. */
  function formatMetric(value, unit, lang) {
    var a = Math.abs(value);
    if (lang === "en") return formatMetricEn(value, unit);
    if (unit === "cny") {
      if (a >= 1e8) return trimNumber(value / 1e8, 2) + "亿元";
      if (a >= 1e4) return trimNumber(value / 1e4, 2) + "万元";
      return trimNumber(value, 2) + "元";
    }
    if (a >= 1e4) return trimNumber(value / 1e4, 2) + "万" + unit;
    return trimNumber(value, 2) + unit;
  }

  /* The years of a pairing ("2021年", "2016–2020年", "2016年起", "至2020年"; in English
     "2021", "2016–2020", "from 2016", "until 2020"), "" if neither. */
  function formatYears(first, last, lang) {
    var en = lang === "en";
    if (first === null && last === null) return "";
    if (last === null) return en ? "from " + first : first + "年起";
    if (first === null) return en ? "until " + last : "至" + last + "年";
    var span = first === last ? String(first) : first + "–" + last;
    return en ? span : span + "年";
  }

  /* Text for the few places Leaflet inserts as HTML (attribution, layer names). */
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  var URL_SOURCE = "https?:\\/\\/[^\\s|，。；;、）)\"'<>]+";

  /* Text cut into pieces {text} and {text, url}: only http(s) addresses become links, so
     a source cell can never smuggle in markup or a script URL. */
  function splitLinks(text) {
    var pattern = new RegExp(URL_SOURCE, "g"), pieces = [], last = 0, match;
    text = String(text);
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) pieces.push({text: text.slice(last, match.index)});
      pieces.push({text: match[0], url: match[0]});
      last = match.index + match[0].length;
    }
    if (last < text.length) pieces.push({text: text.slice(last)});
    return pieces;
  }

  lib.format = {trimNumber: trimNumber, formatMetric: formatMetric, formatYears: formatYears,
                escapeHtml: escapeHtml, splitLinks: splitLinks};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
