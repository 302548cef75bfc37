// The citizen's report form (随手拍) and its confirmation. Without this script the form still works
// (an address instead of a place on the map); with it: the chosen photos are shown, the place comes
// from the phone's location or a tap on the map (Leaflet; configured tiles, or a plain background
// without them), and once the category and the place are known the reports of the same category
// near it are offered, each with a "me too" that goes to that report instead of sending a new one.
(function () {
  function byId(id) { return document.getElementById(id); }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (m, i) { return args[i] === undefined ? m : args[i]; });
  }

  // --- the confirmation: copy the tracking code
  var copy = byId('copy-code');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(copy.getAttribute('data-code')).then(function () {
        copy.textContent = copy.getAttribute('data-copied');
      });
    });
  }

  var form = byId('report-form');
  if (!form) {
    return;
  }
  var lat = byId('lat');
  var lng = byId('lng');
  var category = byId('category');
  var status = byId('location-status');
  var chosen = byId('chosen-place');
  var mapEl = byId('report-map');
  var map = null;
  var marker = null;

  // --- photos: name and thumbnail of each chosen one
  var files = byId('files');
  var list = byId('chosen-photos');
  files.addEventListener('change', function () {
    list.textContent = '';
    var max = parseInt(files.getAttribute('data-max'), 10);
    Array.prototype.forEach.call(files.files, function (f) {
      var li = document.createElement('li');
      if (f.type.indexOf('image/') === 0 && window.URL) {
        var img = document.createElement('img');
        img.src = URL.createObjectURL(f);
        img.alt = '';
        li.appendChild(img);
      }
      li.appendChild(document.createTextNode(f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB)'));
      list.appendChild(li);
    });
    files.setCustomValidity(files.files.length > max ? files.getAttribute('data-too-many') : '');
    if (files.files.length > max) {
      var note = document.createElement('li');
      note.className = 'field-error';
      note.textContent = files.getAttribute('data-too-many');
      list.appendChild(note);
    }
  });

  function inside(la, ln) {
    var minLat = parseFloat(mapEl.getAttribute('data-min-lat'));
    if (isNaN(minLat)) {
      return true;
    }
    return la >= minLat && la <= parseFloat(mapEl.getAttribute('data-max-lat'))
      && ln >= parseFloat(mapEl.getAttribute('data-min-lng')) && ln <= parseFloat(mapEl.getAttribute('data-max-lng'));
  }

  function setPlace(la, ln, fromMap) {
    if (!inside(la, ln)) {
      status.textContent = status.getAttribute('data-outside');
      return;
    }
    lat.value = la.toFixed(6);
    lng.value = ln.toFixed(6);
    chosen.textContent = format(chosen.getAttribute('data-template'), lat.value, lng.value);
    if (map) {
      if (marker) {
        marker.setLatLng([la, ln]);
      } else {
        marker = L.marker([la, ln], { draggable: true }).addTo(map);
        marker.on('dragend', function () {
          var p = marker.getLatLng();
          setPlace(p.lat, p.lng, true);
        });
      }
      if (!fromMap) {
        map.setView([la, ln], 17);
      }
    }
    checkNearby();
  }

  // --- the map: a tap sets the place
  if (mapEl && typeof L !== 'undefined') {
    mapEl.hidden = false;
    byId('map-hint').hidden = false;
    var cLat = parseFloat(mapEl.getAttribute('data-center-lat'));
    var cLng = parseFloat(mapEl.getAttribute('data-center-lng'));
    map = L.map(mapEl, { zoomControl: true, attributionControl: false })
      .setView(isNaN(cLat) ? [30.4, 113.2] : [cLat, cLng], 12);
    var tiles = mapEl.getAttribute('data-tile-url');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, subdomains: '01234567' }).addTo(map);
    } else {
      var note = document.createElement('p');
      note.className = 'hint';
      note.textContent = mapEl.getAttribute('data-no-tiles');
      mapEl.parentNode.insertBefore(note, mapEl);
    }
    map.on('click', function (e) { setPlace(e.latlng.lat, e.latlng.lng, true); });
    if (lat.value && lng.value) {
      setPlace(parseFloat(lat.value), parseFloat(lng.value), false);
    }
  }

  // --- the phone's location, asked for only on the tap
  var locate = byId('use-location');
  if (navigator.geolocation) {
    locate.hidden = false;
    byId('location-why').hidden = false;
    locate.addEventListener('click', function () {
      status.textContent = status.getAttribute('data-locating');
      navigator.geolocation.getCurrentPosition(function (p) {
        status.textContent = status.getAttribute('data-located');
        setPlace(p.coords.latitude, p.coords.longitude, false);
      }, function () {
        status.textContent = status.getAttribute('data-failed');
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  // --- the same thing reported nearby
  var nearby = byId('nearby');
  var nearbyList = byId('nearby-list');
  var asked = 0;
  function checkNearby() {
    if (!category.value || !lat.value || !lng.value) {
      nearby.hidden = true;
      return;
    }
    var ask = ++asked;
    var url = form.getAttribute('data-nearby-url') + '?lat=' + encodeURIComponent(lat.value) + '&lng='
      + encodeURIComponent(lng.value) + '&category=' + encodeURIComponent(category.value);
    fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (reports) {
        if (ask !== asked) {
          return;
        }
        nearbyList.textContent = '';
        reports.forEach(function (r) { nearbyList.appendChild(item(r)); });
        nearby.hidden = reports.length === 0;
        nearby.setAttribute('data-count', String(reports.length));
      })
      .catch(function () { nearby.hidden = true; });
  }

  function item(r) {
    var li = document.createElement('li');
    li.className = 'nearby-item';
    var follow = form.getAttribute('data-follow-url') + '/' + encodeURIComponent(r.code);
    var code = document.createElement('a');
    code.className = 'nearby-code';
    code.href = follow;
    code.textContent = r.code;
    var where = document.createElement('span');
    where.className = 'hint';
    where.textContent = format(nearby.getAttribute('data-distance'), r.distanceMeters) + ' · '
      + (nearby.getAttribute('data-state-' + r.state) || r.state);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-primary';
    button.setAttribute('data-code', r.code);
    button.textContent = nearby.getAttribute('data-support');
    button.addEventListener('click', function () {
      button.disabled = true;
      fetch(form.getAttribute('data-support-url') + '/' + encodeURIComponent(r.code) + '/support',
        { method: 'POST', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (res.ok) {
            window.location.href = follow;
          } else {
            button.disabled = false;
            where.textContent = nearby.getAttribute('data-failed');
          }
        })
        .catch(function () { button.disabled = false; });
    });
    li.appendChild(code);
    li.appendChild(where);
    li.appendChild(button);
    return li;
  }

  category.addEventListener('change', checkNearby);
}());
