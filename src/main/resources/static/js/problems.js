// Problem entry: "使用当前位置" fills the latitude and longitude from the device. Progressive
// enhancement only: the button stays hidden where the browser cannot locate, the fields can be
// typed by hand, and the permission is asked only when the user taps the button.
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('use-location');
  var status = document.getElementById('location-status');
  if (!button || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    var lat = document.getElementById(button.getAttribute('data-lat'));
    var lng = document.getElementById(button.getAttribute('data-lng'));
    status.textContent = status.getAttribute('data-locating');
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      // six decimals (about 0.1 m) is what the server keeps
      lat.value = position.coords.latitude.toFixed(6);
      lng.value = position.coords.longitude.toFixed(6);
      status.textContent = status.getAttribute('data-located')
        .replace('{0}', Math.round(position.coords.accuracy));
      button.disabled = false;
    }, function () {
      status.textContent = status.getAttribute('data-failed');
      button.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
});

// A long select of units gets a search box (shown only with JavaScript): typing narrows the
// options to the units whose name contains the words, so nobody scrolls through a city's units.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-filters-select]').forEach(function (box) {
    var select = document.getElementById(box.getAttribute('data-filters-select'));
    var input = box.querySelector('input');
    if (!select || !input) {
      return;
    }
    box.hidden = false;
    input.addEventListener('input', function () {
      var words = input.value.trim();
      select.querySelectorAll('optgroup').forEach(function (group) {
        var any = false;
        group.querySelectorAll('option').forEach(function (option) {
          var show = !words || option.selected || option.textContent.indexOf(words) >= 0;
          option.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
    });
    // Enter in the search box narrows, it does not send the form
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
      }
    });
  });
});
