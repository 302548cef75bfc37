// The map of a list (problems, field points): when its panel is opened, reads the located rows of the
// list as filtered (data-points) and draws one circle per row in its colour, with a link to it in the
// popup (the row's url). Tiles come from the configured server (data-tile-url); without one the markers stand
// on a plain background, so the page (and its tests) work with no tile server at all.
(function () {
  var palette = { green: '#1a7f37', blue: '#0969da', amber: '#bf8700', red: '#cf222e', grey: '#6e7781' };
  function draw(el) {
    if (el.getAttribute('data-drawn') || typeof L === 'undefined') {
      return;
    }
    el.setAttribute('data-drawn', 'true');
    var map = L.map(el, { zoomControl: true, attributionControl: false });
    var tiles = el.getAttribute('data-tile-url');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, subdomains: '01234567' }).addTo(map);
    } else {
      var note = document.createElement('p');
      note.className = 'hint';
      note.textContent = el.getAttribute('data-no-tiles');
      el.parentNode.insertBefore(note, el);
    }
    fetch(el.getAttribute('data-points'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (points) {
        if (!points.length) {
          map.setView([30.4, 113.2], 10);
          el.insertAdjacentHTML('beforebegin', '<p class="empty"></p>');
          el.previousSibling.textContent = el.getAttribute('data-empty');
          return;
        }
        var bounds = [];
        points.forEach(function (p) {
          var marker = L.circleMarker([p.lat, p.lng], { radius: 7, weight: 2, color: '#ffffff',
            fillColor: palette[p.colour] || palette.grey, fillOpacity: 0.9 }).addTo(map);
          var link = document.createElement('a');
          link.href = p.url;
          link.textContent = p.code + ' ' + p.title;
          var state = document.createElement('div');
          state.textContent = p.state;
          var box = document.createElement('div');
          box.appendChild(link);
          box.appendChild(state);
          marker.bindPopup(box);
          bounds.push([p.lat, p.lng]);
        });
        map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
        el.setAttribute('data-markers', String(points.length));
      });
  }
  // a details panel opening does not bubble: listen while it goes down
  document.addEventListener('toggle', function (e) {
    if (e.target.classList && e.target.classList.contains('problem-map-panel') && e.target.open) {
      draw(e.target.querySelector('.problem-map'));
    }
  }, true);
}());
