// The battle map chart: reads the data block the server rendered, draws an ECharts heat map.
// The table under it carries the same data and works without JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('battle-chart');
  var dataEl = document.getElementById('battle-data');
  if (!el || !dataEl || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var esc = window.escapeHtml;
  var order = ['SIGNED_OFF', 'ON_TRACK', 'NOT_STARTED', 'AT_RISK', 'OVERDUE'];
  var colours = { SIGNED_OFF: '#1a7f37', ON_TRACK: '#0969da', NOT_STARTED: '#6e7781', AT_RISK: '#bf8700', OVERDUE: '#cf222e' };
  var groupIndex = {}, unitIndex = {};
  data.groups.forEach(function (g, i) { groupIndex[g.code] = i; });
  data.units.forEach(function (u, i) { unitIndex[u.id] = i; });
  var points = data.cells.map(function (c) {
    return { value: [groupIndex[c.groupCode], unitIndex[c.unitId], order.indexOf(c.worst)], cell: c };
  });
  // On a phone the unit names get a narrower column (truncated; the full name is in the tooltip
  // and the table below) so the cells keep most of the width.
  var narrow = el.clientWidth < 600;
  var labelWidth = narrow ? 84 : 130;
  el.style.height = Math.max(320, 28 * data.units.length + 120) + 'px';
  var chart = echarts.init(el);
  chart.setOption({
    title: { text: data.title, left: 'center', top: 4,
      textStyle: { fontSize: 14, width: Math.max(200, el.clientWidth - 24), overflow: 'break' } },
    tooltip: {
      formatter: function (p) {
        var c = p.data.cell, u = data.units[p.value[1]], g = data.groups[p.value[0]];
        var lines = [esc(u.name) + ' · ' + esc(g.code) + ' ' + esc(g.name)];
        order.slice().reverse().forEach(function (s) {
          if (c.counts[s]) { lines.push(esc(data.states[s]) + '：' + esc(c.counts[s])); }
        });
        return lines.join('<br>');
      }
    },
    grid: { left: labelWidth + 10, right: narrow ? 8 : 16, top: 64, bottom: 60 },
    xAxis: { type: 'category', data: data.groups.map(function (g) { return g.code; }), position: 'top',
      axisLabel: { interval: 0, fontSize: narrow ? 10 : 12 } },
    yAxis: { type: 'category', data: data.units.map(function (u) { return u.name; }), inverse: true,
      axisLabel: { width: labelWidth, overflow: 'truncate', fontSize: narrow ? 11 : 12 } },
    visualMap: {
      type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0,
      itemGap: narrow ? 6 : 10, textStyle: { fontSize: narrow ? 11 : 12 },
      pieces: order.map(function (s, i) { return { value: i, label: data.states[s], color: colours[s] }; })
    },
    series: [{ type: 'heatmap', data: points, itemStyle: { borderColor: '#fff', borderWidth: 2 },
      label: { show: true, formatter: function (p) {
        var c = p.data.cell, n = 0; Object.keys(c.counts).forEach(function (k) { n += c.counts[k]; }); return n; } } }]
  });
  chart.on('click', function (p) {
    var c = p.data.cell, g = data.groups[p.value[0]];
    window.location.href = '/assignments?unitId=' + c.unitId + '&groupId=' + g.id + '&systemId=' + data.systemId;
  });
  // Follow the container, not only the window: a scrollbar that appears once the page grows narrows it too.
  if (window.ResizeObserver) {
    new ResizeObserver(function () { chart.resize(); }).observe(el);
  } else {
    window.addEventListener('resize', function () { chart.resize(); });
  }
});
