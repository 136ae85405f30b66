// Draws the charts described by #page-data with uPlot, then reports what it drew into #page-check (chart key ->
// points, series, markers and intervals drawn, plus any errors), which the browser test reads from the DOM.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var check = { final: false, errors: window.pageErrors || [], charts: {} };
  var palette = ['#1f6fd1', '#e8590c', '#2f9e44', '#ae3ec9', '#c92a2a', '#0c8599', '#5c940d', '#862e9c'];
  var markColours = { started: '#9aa3b0', completed: '#2f9e44', failed: '#d6336c',
    'autoscale-scale_up': '#f08c00' };
  var NINES = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%', '99.9999%'];
  var plots = [];

  var figures = {};
  Array.prototype.forEach.call(document.querySelectorAll('figure.chart'), function (f) {
    figures[f.getAttribute('data-key')] = f;
  });

  function markColour(kind) {
    if (markColours[kind]) return markColours[kind];
    return kind.indexOf('autoscale-') === 0 ? '#b8bec8' : '#f08c00';
  }

  function count(values) {
    var n = 0;
    for (var i = 0; i < values.length; i++) if (values[i] !== null) n++;
    return n;
  }

  function extent(spec) {
    var lo = Infinity, hi = -Infinity;
    spec.series.forEach(function (s) {
      s.values.forEach(function (v, j) {
        if (v === null) return;
        var hw = s.half_widths && s.half_widths[j] !== null ? s.half_widths[j] : 0;
        lo = Math.min(lo, v - hw);
        hi = Math.max(hi, v + hw);
      });
    });
    if (spec.zero_based) lo = Math.min(0, lo);
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi <= lo) { hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.1); }
    var pad = (hi - lo) * 0.06;
    return [spec.zero_based && lo >= 0 ? 0 : lo - pad, hi + pad];
  }

  function xAxis(spec, x) {
    var axis = { label: spec.x_label, grid: { stroke: '#eef0f3' } };
    if (spec.scale === 'nines') {
      axis.splits = function () { return [0, 1, 2, 3, 4, 5]; };
      axis.values = function (u, splits) { return splits.map(function (s) { return NINES[s]; }); };
    } else if (spec.scale === 'category') {
      axis.splits = function () { return x.map(function (v, i) { return i; }); };
      axis.values = function (u, splits) { return splits.map(function (s) { return spec.categories[s]; }); };
    }
    return axis;
  }

  function xRange(spec, x) {
    if (spec.scale === 'time' && data.x_max !== undefined) return [0, Math.max(data.x_max, x.length ? x[x.length - 1] : 0)];
    if (spec.scale === 'nines') return [0, 5];
    if (spec.scale === 'category') return [-0.5, x.length - 0.5];
    if (x.length === 1) return [x[0] - 1, x[0] + 1];
    var pad = (x[x.length - 1] - x[0]) * 0.04;
    return [x[0] - pad, x[x.length - 1] + pad];
  }

  function xValue(spec) {
    return function (u, v) {
      if (v === null || v === undefined) return '-';
      if (spec.scale === 'nines') return (100 * (1 - Math.pow(10, -v))).toFixed(Math.max(0, Math.ceil(v) - 2)) + '%';
      if (spec.scale === 'category') return spec.categories[v];
      return spec.scale === 'time' ? v + ' s' : String(v);
    };
  }

  function draw(spec) {
    var fig = figures[spec.key];
    if (!fig) throw new Error('no figure for chart ' + spec.key);
    var caption = document.createElement('figcaption');
    caption.textContent = spec.title;
    fig.appendChild(caption);
    var x = data.axes[spec.axis];
    var marks = spec.markers ? data.markers[spec.markers] : [];
    var entry = { points: 0, series: spec.series.length, markers: marks.length, markers_drawn: 0,
      intervals_drawn: 0, draws: 0 };
    spec.series.forEach(function (s) { entry.points += count(s.values); });
    check.charts[spec.key] = entry;
    if (x.length === 0 || spec.series.length === 0) {
      var empty = document.createElement('div');
      empty.className = 'chart-empty';
      empty.textContent = spec.series.length === 0 ? 'nothing recorded' : 'no samples';
      fig.appendChild(empty);
      return;
    }
    var note = document.createElement('div');
    note.className = 'chart-note';

    // Steps show how a sampled value holds between samples; past a few thousand samples they are narrower than a
    // pixel, and uPlot's stepped paths (unlike its linear ones) are not thinned per pixel: 100 000 samples took
    // 10-17 s to draw stepped against under 1 s linear in headless Chromium. So long series draw linear.
    var stepped = spec.steps && x.length <= 4000 ? uPlot.paths.stepped({ align: 1 }) : undefined;
    var series = [{ label: spec.x_label, value: xValue(spec) }];
    spec.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: palette[i % palette.length],
        width: 1.5,
        paths: stepped,
        points: { show: !spec.steps && x.length <= 200, size: 5 },
        value: s.half_widths ? function (u, v, si, di) {
          if (v === null || v === undefined || di === null) return '-';
          var hw = s.half_widths[di];
          return hw === null ? String(v) : v + ' ± ' + hw;
        } : undefined
      });
    });

    function drawMarks(u) {
      var ctx = u.ctx, dpr = uPlot.pxRatio, left = u.bbox.left, right = u.bbox.left + u.bbox.width;
      var n = 0;
      ctx.save();
      ctx.lineWidth = Math.max(1, dpr);
      for (var i = 0; i < marks.length; i++) {
        var m = marks[i];
        var px = Math.round(u.valToPos(m[0], 'x', true));
        if (px < left - 1 || px > right + 1) continue;
        ctx.strokeStyle = markColour(m[1]);
        ctx.beginPath();
        ctx.moveTo(px + 0.5, u.bbox.top);
        ctx.lineTo(px + 0.5, m[1].indexOf('autoscale-') === 0 ? u.bbox.top + 8 * dpr : u.bbox.top + u.bbox.height);
        ctx.stroke();
        n++;
      }
      ctx.restore();
      entry.markers_drawn = n;
    }

    function drawIntervals(u) {
      var ctx = u.ctx, dpr = uPlot.pxRatio, n = 0, k = spec.series.length;
      ctx.save();
      ctx.lineWidth = Math.max(1, dpr);
      spec.series.forEach(function (s, i) {
        if (!s.half_widths || !u.series[i + 1].show) return;
        ctx.strokeStyle = palette[i % palette.length];
        var shift = (i - (k - 1) / 2) * 4 * dpr;
        for (var j = 0; j < x.length; j++) {
          var m = s.values[j], hw = s.half_widths[j];
          if (m === null || hw === null) continue;
          var px = u.valToPos(x[j], 'x', true) + shift;
          var lo = u.valToPos(m - hw, 'y', true), hi = u.valToPos(m + hw, 'y', true);
          ctx.beginPath();
          ctx.moveTo(px, lo); ctx.lineTo(px, hi);
          ctx.moveTo(px - 4 * dpr, lo); ctx.lineTo(px + 4 * dpr, lo);
          ctx.moveTo(px - 4 * dpr, hi); ctx.lineTo(px + 4 * dpr, hi);
          ctx.stroke();
          n++;
        }
      });
      ctx.restore();
      entry.intervals_drawn = n;
    }

    function nearestMarks(u) {
      if (marks.length === 0) return;
      var left = u.cursor.left;
      if (left === undefined || left < 0) { note.textContent = ''; return; }
      var near = [];
      for (var i = 0; i < marks.length && near.length < 6; i++) {
        if (Math.abs(u.valToPos(marks[i][0], 'x') - left) <= 4) near.push(marks[i][0] + ' s ' + marks[i][2]);
      }
      note.textContent = near.join(' · ');
    }

    var yRange = extent(spec);
    var opts = {
      width: Math.max(320, fig.clientWidth || 600),
      height: 230,
      series: series,
      scales: { x: { time: false, range: xRange(spec, x) }, y: { range: function () { return yRange; } } },
      axes: [xAxis(spec, x), { label: spec.y_label, grid: { stroke: '#eef0f3' } }],
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [function (u) { entry.draws++; drawMarks(u); drawIntervals(u); }],
        setCursor: [nearestMarks]
      }
    };
    var columns = [x];
    spec.series.forEach(function (s) { columns.push(s.values); });
    var plot = new uPlot(opts, columns, fig);
    fig.appendChild(note);
    plots.push({ plot: plot, fig: fig });
  }

  data.charts.forEach(function (spec) {
    try {
      draw(spec);
    } catch (e) {
      window.pageKeepError('chart ' + spec.key + ': ' + (e && e.message ? e.message : e));
    }
  });

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: Math.max(320, p.fig.clientWidth), height: 230 }); });
    }, 100);
  });

  function writeCheck(final) {
    check.final = final;
    // Milliseconds since navigation: for reading how long a page takes to draw, never part of the file.
    check.ms = Math.round(performance.now());
    document.getElementById('page-check').textContent = JSON.stringify(check);
  }
  writeCheck(false);
  // uPlot draws in a microtask after construction; by the load event's next task every first draw is done.
  window.addEventListener('load', function () { setTimeout(function () { writeCheck(true); }, 0); });
})();
