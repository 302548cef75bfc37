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

// A unit select's search box asks the server for the matching units (htmx); without JavaScript
// it would do nothing, so it is shown only here.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-filters-select]').forEach(function (box) {
    box.hidden = false;
  });
});
