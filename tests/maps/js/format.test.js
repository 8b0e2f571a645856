/* Number, year and link formatting of the page (maps/static/format.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {format} = require("../../../maps/static/format.js");

test("yuan switch to 万元 at 10,000 and to 亿元 at 100,000,000", () => {
  const cases = [
    [0, "0元"], [9999, "9999元"], [9999.5, "9999.5元"], [10000, "1万元"], [12345, "1.23万元"],
    [2e6, "200万元"], [99990000, "9999万元"], [1e8, "1亿元"], [1.6775e8, "1.68亿元"],
    [2.5e9, "25亿元"], [-3e4, "-3万元"], [-1.2e8, "-1.2亿元"]
  ];
  for (const [value, text] of cases) assert.equal(format.formatMetric(value, "cny"), text, String(value));
});

test("other units (persons, counts) take 万 from 10,000", () => {
  assert.equal(format.formatMetric(9999, "人"), "9999人");
  assert.equal(format.formatMetric(10000, "人"), "1万人");
  assert.equal(format.formatMetric(34500, "人"), "3.45万人");
  assert.equal(format.formatMetric(1.5, "人"), "1.5人");
  assert.equal(format.formatMetric(12, "个"), "12个");
});

test("numbers keep at most two decimals and no trailing zeros", () => {
  assert.equal(format.trimNumber(1.005, 2), "1");
  assert.equal(format.trimNumber(2.10, 2), "2.1");
  assert.equal(format.trimNumber(3.14159, 2), "3.14");
});

test("years read as one year, a span, an open start or an open end", () => {
  assert.equal(format.formatYears(2021, 2021), "2021年");
  assert.equal(format.formatYears(2016, 2020), "2016–2020年");
  assert.equal(format.formatYears(2016, null), "2016年起");
  assert.equal(format.formatYears(null, 2020), "至2020年");
  assert.equal(format.formatYears(null, null), "");
});

test("only http(s) addresses become links, ending at Chinese punctuation", () => {
  const pieces = format.splitLinks("见https://a.cn/x?y=1，另javascript:alert(1) http://b.org/p）完");
  assert.deepEqual(pieces, [
    {text: "见"}, {text: "https://a.cn/x?y=1", url: "https://a.cn/x?y=1"},
    {text: "，另javascript:alert(1) "}, {text: "http://b.org/p", url: "http://b.org/p"}, {text: "）完"}
  ]);
  assert.deepEqual(format.splitLinks("https://e.org/a\"onclick=\"x"),
                   [{text: "https://e.org/a", url: "https://e.org/a"}, {text: "\"onclick=\"x"}]);
  assert.deepEqual(format.splitLinks(""), []);
});

test("text for Leaflet's HTML slots is escaped", () => {
  assert.equal(format.escapeHtml("<b a='1'>&\"</b>"), "&lt;b a=&#39;1&#39;&gt;&amp;&quot;&lt;/b&gt;");
});

test("in English, yuan read as CNY with million and billion, counts with separators", () => {
  assert.equal(format.formatMetric(1.6775e8, "cny", "en"), "CNY 167.75 million");
  assert.equal(format.formatMetric(2.5e9, "cny", "en"), "CNY 2.5 billion");
  assert.equal(format.formatMetric(35000, "cny", "en"), "CNY 35,000");
  assert.equal(format.formatMetric(34500, "people", "en"), "34,500 people");
  assert.equal(format.formatMetric(12, "", "en"), "12");
  assert.equal(format.formatMetric(-3e6, "cny", "en"), "CNY -3 million");
});

test("in English, years read without 年", () => {
  assert.equal(format.formatYears(2021, 2021, "en"), "2021");
  assert.equal(format.formatYears(2016, 2020, "en"), "2016–2020");
  assert.equal(format.formatYears(2016, null, "en"), "from 2016");
  assert.equal(format.formatYears(null, 2020, "en"), "until 2020");
});
