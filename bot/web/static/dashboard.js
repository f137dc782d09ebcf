/* The dashboard's charts, drawn from the tables beside them (so chart, table and CSV agree).

   Each <div class="chart" data-chart="stack|bar|combo|hbar" data-table="ID"> reads table#ID:
   the row headers are the categories, every <th data-series="bar|stack|line"> column a series,
   the numbers come from the cells' data-v. data-reverse: rows are newest first, draw oldest first.
   Without this script (or without ECharts) the tables still say everything. */
(function () {
  "use strict";

  // A table wider than its box says so (the cue), rather than hiding columns without a word.
  function markOverflow() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (w) {
      w.classList.toggle("overflows", w.scrollWidth > w.clientWidth + 1);
    });
  }
  markOverflow();
  window.addEventListener("resize", markOverflow);

  if (typeof window.echarts === "undefined") return;

  var narrow = window.matchMedia("(max-width: 600px)");
  // Twelve colours that stay apart (ECharts' default nine repeat on the eleven topics); grey last,
  // for 「其他」.
  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
                 "#ff9da7", "#9c755f", "#2f4b7c", "#8cd17d", "#a0a7b0"];

  function readTable(table, reverse) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (reverse) rows.reverse();
    var categories = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var series = [];
    heads.forEach(function (th, i) {
      var kind = th.getAttribute("data-series");
      if (!kind) return;
      series.push({
        name: th.textContent.trim(),
        kind: kind,
        unit: th.getAttribute("data-unit") || "",
        data: rows.map(function (r) {
          var v = r.cells[i + 1].getAttribute("data-v");
          return v === null ? null : Number(v);
        })
      });
    });
    return { categories: categories, series: series };
  }

  function option(kind, t) {
    var small = narrow.matches;
    var horizontal = kind === "hbar";
    var hasRate = t.series.some(function (s) { return s.unit === "%"; });
    var category = {
      type: "category",
      data: t.categories,
      // A few categories (age groups, statuses) are all labelled; a month of days thins out.
      axisLabel: { hideOverlap: true, interval: t.categories.length <= 8 ? 0 : "auto",
                   fontSize: small ? 10 : 12 },
      axisTick: { alignWithLabel: true }
    };
    var value = { type: "value", minInterval: 1, axisLabel: { fontSize: small ? 10 : 12 } };
    var yAxis = horizontal ? [category] : [value];
    if (hasRate) {
      yAxis.push({ type: "value", min: 0, max: 100, splitLine: { show: false },
                   axisLabel: { formatter: "{value}%", fontSize: small ? 10 : 12 } });
    }
    if (horizontal) category.inverse = true;
    var colors = PALETTE.slice(0, t.series.length);
    if (t.series.length && t.series[t.series.length - 1].name === "其他") {
      colors[t.series.length - 1] = PALETTE[PALETTE.length - 1];
    }
    return {
      animation: false,
      color: colors,
      aria: { enabled: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        confine: true
      },
      legend: {
        type: "scroll",
        top: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: small ? 11 : 12 }
      },
      grid: { left: 8, right: hasRate ? 8 : 16, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? [value] : [category],
      yAxis: yAxis,
      series: t.series.map(function (s) {
        var line = s.kind === "line";
        return {
          name: s.name,
          type: line ? "line" : "bar",
          stack: s.kind === "stack" || horizontal ? "total" : undefined,
          yAxisIndex: s.unit === "%" ? 1 : 0,
          data: s.data,
          connectNulls: true,
          symbolSize: 5,
          barMaxWidth: 36,
          emphasis: { focus: "series" },
          tooltip: s.unit ? { valueFormatter: function (v) { return v == null ? "—" : v + s.unit; } } : undefined
        };
      })
    };
  }

  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll(".chart[data-table]"), function (el) {
    var table = document.getElementById(el.getAttribute("data-table"));
    if (!table) return;
    var data = readTable(table, el.hasAttribute("data-reverse"));
    if (!data.series.length || !data.categories.length) return;
    el.classList.add("drawn"); // shown first: ECharts takes its size from the laid-out box
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(el.getAttribute("data-chart"), data));
    charts.push({ chart: chart, el: el, data: data });
  });

  // For the benchmark and the browser's performance panel: when the last chart was drawn.
  if (window.performance && performance.mark) performance.mark("dashboard-charts-drawn");

  function redraw() {
    charts.forEach(function (c) {
      c.chart.setOption(option(c.el.getAttribute("data-chart"), c.data), true);
      c.chart.resize();
    });
  }
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(redraw, 150);
  });
})();
