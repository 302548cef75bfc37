// The civilization index's history: an ECharts line of the city's index per published quarter, from
// the data block the server rendered. The table under it has the same numbers and works without
// JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  var dataEl = document.getElementById('index-data');
  var el = document.getElementById('index-chart');
  if (!dataEl || !el || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var animate = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  var chart = echarts.init(el);
  chart.setOption({
    animation: animate,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: data.periods },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ name: data.name, type: 'line', data: data.values, color: '#0969da', lineStyle: { width: 3 },
      showSymbol: true, symbolSize: 8, label: { show: true, position: 'top' } }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
