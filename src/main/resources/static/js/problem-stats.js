// The problem statistics page: one ECharts bar chart per dimension (by month a line), drawn from the
// data block the server rendered. The table behind each chart has the same numbers and works
// without JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  var dataEl = document.getElementById('problem-stats-data');
  if (!dataEl || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var names = document.getElementById('problem-stats-names');
  var countName = names ? names.getAttribute('data-count') : '';
  var overdueName = names ? names.getAttribute('data-overdue') : '';
  var animate = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  document.querySelectorAll('.problem-chart').forEach(function (el) {
    var rows = data[el.getAttribute('data-dimension')] || [];
    var month = el.getAttribute('data-dimension') === 'byMonth';
    var chart = echarts.init(el);
    chart.setOption({
      animation: animate,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 4, data: [countName, overdueName] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.label; }),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: countName, type: month ? 'line' : 'bar', data: rows.map(function (r) { return r.count; }), color: '#0969da' },
        { name: overdueName, type: month ? 'line' : 'bar', data: rows.map(function (r) { return r.overdue; }), color: '#cf222e' }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
