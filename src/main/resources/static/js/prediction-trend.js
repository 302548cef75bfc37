// The predicted score's weekly trend: an ECharts line (estimate) with the range as two thin lines,
// drawn from the data block the server rendered. The table behind it has the same numbers and
// works without JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  var dataEl = document.getElementById('prediction-trend-data');
  var el = document.getElementById('prediction-chart');
  if (!dataEl || !el || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var animate = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  var chart = echarts.init(el);
  chart.setOption({
    animation: animate,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 4, data: [data.names.total, data.names.low, data.names.high] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: data.weeks, axisLabel: { rotate: data.weeks.length > 6 ? 40 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { name: data.names.total, type: 'line', data: data.total, color: '#0969da', lineStyle: { width: 3 } },
      { name: data.names.low, type: 'line', data: data.low, color: '#8c959f', lineStyle: { type: 'dashed', width: 1 }, symbol: 'none' },
      { name: data.names.high, type: 'line', data: data.high, color: '#8c959f', lineStyle: { type: 'dotted', width: 1 }, symbol: 'none' }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
