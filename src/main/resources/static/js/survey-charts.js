// Survey results: one ECharts bar chart per element with a data-chart attribute
// ({name, labels, values, max}), drawn from the numbers the table under it shows. Without
// JavaScript the tables alone carry the results.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  var animate = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  document.querySelectorAll('.survey-chart[data-chart]').forEach(function (el) {
    var data = JSON.parse(el.getAttribute('data-chart'));
    if (!data.labels || data.labels.length === 0) {
      el.style.display = 'none';
      return;
    }
    var chart = echarts.init(el);
    var y = { type: 'value', minInterval: 1 };
    if (data.max) {
      y.max = data.max;
    }
    chart.setOption({
      animation: animate,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: y,
      yAxis: { type: 'category', inverse: true, data: data.labels,
        axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ name: data.name, type: 'bar', data: data.values, color: '#0969da',
        label: { show: true, position: 'right' } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
