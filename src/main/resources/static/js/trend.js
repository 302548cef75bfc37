// The progress trend on home and city pages: reads the data block the server rendered and draws an
// ECharts chart. Mode "states": a stacked area chart (assignments per state, day by day) with the
// signed-off percent on a second axis. Mode "cities": per city, the signed-off percent (solid) and
// the overdue assignments (dashed, second axis). The table under it (behind a toggle) carries the
// same data and works without JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('trend-chart');
  var dataEl = document.getElementById('trend-data');
  if (!el || !dataEl || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var animate = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  if (data.mode === 'cities') {
    drawCities(el, data, animate);
    return;
  }
  var esc = window.escapeHtml;
  // The shared state colours (docs/ui.md), by the colour name each state carries.
  var palette = { green: '#1a7f37', blue: '#0969da', amber: '#bf8700', red: '#cf222e', grey: '#6e7781' };

  // Runs of consecutive estimated days, shaded and labelled in the chart.
  var areas = [], start = null;
  data.sources.forEach(function (s, i) {
    if (s === 'ESTIMATED' && start === null) { start = i; }
    if (start !== null && (s !== 'ESTIMATED' || i === data.sources.length - 1)) {
      var end = s === 'ESTIMATED' ? i : i - 1;
      areas.push([{ xAxis: data.days[start] }, { xAxis: data.days[end] }]);
      start = null;
    }
  });

  var series = data.order.map(function (s) {
    return {
      name: data.states[s], type: 'line', stack: 'assignments', areaStyle: { opacity: 0.8 },
      symbol: data.days.length > 1 ? 'none' : 'circle', lineStyle: { width: 1 },
      color: palette[data.colours[s]], emphasis: { focus: 'series' }, data: data.counts[s]
    };
  });
  series.push({
    name: data.percentName, type: 'line', yAxisIndex: 1, data: data.signedOffPercent, color: '#1f2328',
    symbol: 'circle', symbolSize: 4, lineStyle: { type: 'dashed', width: 2 }
  });
  if (areas.length) {
    series.push({
      name: data.estimatedLabel, type: 'line', color: '#afb8c1', symbol: 'none',
      data: data.days.map(function () { return null; }),
      markArea: { silent: true, itemStyle: { color: 'rgba(110, 119, 129, 0.15)' },
        label: { show: true, position: 'insideTop', color: '#57606a', formatter: data.sourceNames.ESTIMATED },
        data: areas }
    });
  }

  var chart = echarts.init(el);
  chart.setOption({
    animation: animate,
    title: { text: data.title, left: 'center', top: 4,
      textStyle: { fontSize: 14, width: Math.max(200, el.clientWidth - 24), overflow: 'break' } },
    tooltip: {
      trigger: 'axis',
      formatter: function (items) {
        if (!items.length) { return ''; }
        var i = items[0].dataIndex;
        var lines = [esc(data.days[i]) + ' · ' + esc(data.sourceNames[data.sources[i]])];
        data.order.slice().reverse().forEach(function (s) {
          lines.push(esc(data.states[s]) + '：' + esc(data.counts[s][i]));
        });
        lines.push(esc(data.percentName) + '：' + esc(data.signedOffPercent[i]) + '%');
        return lines.join('<br>');
      }
    },
    legend: { type: 'scroll', bottom: 0, left: 'center' },
    grid: { left: 16, right: 16, top: 64, bottom: 84, containLabel: true },
    xAxis: {
      type: 'category', boundaryGap: false, data: data.days, name: data.xName,
      nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: function (v) { return v.slice(5); } }
    },
    yAxis: [
      { type: 'value', name: data.yName, minInterval: 1 },
      { type: 'value', name: data.percentName, min: 0, max: 100, axisLabel: { formatter: '{value}%' },
        splitLine: { show: false } }
    ],
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
});


// Cities side by side: one colour per city, percent solid on the left axis, overdue dashed on the right.
function drawCities(el, data, animate) {
  var colours = ['#0969da', '#8250df', '#1a7f37', '#bf3989', '#953800'];
  var series = [];
  data.cities.forEach(function (c, i) {
    var colour = colours[i % colours.length];
    series.push({ name: c.name + ' ' + data.percentSuffix, type: 'line', yAxisIndex: 0, color: colour,
      symbol: 'circle', symbolSize: 4, connectNulls: true, data: c.signedOffPercent });
    series.push({ name: c.name + ' ' + data.overdueSuffix, type: 'line', yAxisIndex: 1, color: colour,
      symbol: 'none', connectNulls: true, lineStyle: { type: 'dashed' }, data: c.overdue });
  });
  var chart = echarts.init(el);
  chart.setOption({
    animation: animate,
    title: { text: data.title, left: 'center', top: 4,
      textStyle: { fontSize: 14, width: Math.max(200, el.clientWidth - 24), overflow: 'break' } },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0, left: 'center' },
    grid: { left: 16, right: 16, top: 64, bottom: 84, containLabel: true },
    xAxis: {
      type: 'category', boundaryGap: false, data: data.days, name: data.xName,
      nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: function (v) { return v.slice(5); } }
    },
    yAxis: [
      { type: 'value', name: data.percentName, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: data.overdueName, minInterval: 1, splitLine: { show: false } }
    ],
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
}
