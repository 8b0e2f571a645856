/* pairmap page: every text the page itself writes, one table per language, chosen by the
   payload's `lang` ("zh" unless it says "en") (pure; Node loads it for the tests).
   Texts from the tables (names, notes, sources) come in the payload, never from here. */
(function (lib) {
  "use strict";

  var TABLES = {
    zh: {
      program: "项目", round: "轮次", level: "层级", group: "组团", years: "年份",
      colon: "：", list: "、", rowsSep: "；",
      gives: "帮扶", receives: "受援",
      fullscreen: "全屏", exitFullscreen: "退出全屏",
      search: "搜索地名", searchHint: "搜索地名…",
      legend: "图例", closeLegend: "收起图例",
      data: "数据", date: "日期", boundaries: "边界",
      pairings: function (n) { return n + " 条结对"; },
      notDrawn: function (n) { return n + " 行未绘制（点击查看原因）"; },
      source: "来源：", noSource: "（表中未注明）",
      rows: function (rows) { return " 第" + rows.join("、") + "行"; },
      where: function (text) { return "（" + text + "）"; },
      nothingHere: "本图没有与此地相关的结对",
      totals: function (n) { return "合计（" + n + "条结对中有数据者）"; },
      side: {"in": "（受援）", out: "（帮扶）"},
      changesSince: function (date) { return "自 " + date + " 以来的变化"; },
      added: function (n) { return "新增 " + n; },
      removed: function (n) { return "删除 " + n; },
      changed: function (n) { return "变更 " + n; },
      highlightChanges: "突出显示变化的结对", notOnMap: "（已不在图上）"
    },
    en: {
      program: "Programme", round: "Round", level: "Level", group: "Group", years: "Years",
      colon: ": ", list: ", ", rowsSep: "; ",
      gives: "gives", receives: "receives",
      fullscreen: "Full screen", exitFullscreen: "Exit full screen",
      search: "Search places", searchHint: "Search places…",
      legend: "Legend", closeLegend: "Hide legend",
      data: "Data", date: "Date", boundaries: "Boundaries",
      pairings: function (n) { return n + (n === 1 ? " pairing" : " pairings"); },
      notDrawn: function (n) { return n + (n === 1 ? " row" : " rows") + " not drawn (click for why)"; },
      source: "Source: ", noSource: "(not given in the table)",
      rows: function (rows) { return (rows.length > 1 ? " rows " : " row ") + rows.join(", "); },
      where: function (text) { return " (" + text + ")"; },
      nothingHere: "No pairing on this map involves this place",
      totals: function (n) { return "Totals (of " + n + (n === 1 ? " pairing" : " pairings") + " with data)"; },
      side: {"in": " (received)", out: " (given)"},
      changesSince: function (date) { return "Changes since " + date; },
      added: function (n) { return n + " added"; },
      removed: function (n) { return n + " removed"; },
      changed: function (n) { return n + " changed"; },
      highlightChanges: "Highlight the changed pairings", notOnMap: "(no longer on the map)"
    }
  };

  /* The table of the payload's language. */
  function of(data) { return TABLES[data && data.lang] || TABLES.zh; }

  lib.strings = {TABLES: TABLES, of: of};
}(typeof window === "undefined" ? module.exports : (window.pairmapLib = window.pairmapLib || {})));
