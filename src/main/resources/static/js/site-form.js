// The site form's "use where I stand" button: shown only where the browser can locate the phone, it
// asks for the position when tapped (never before) and fills latitude and longitude with six decimals.
(function () {
  var button = document.getElementById('use-location');
  if (!button || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  var status = document.getElementById('location-status');
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('latitude').value = p.coords.latitude.toFixed(6);
      document.getElementById('longitude').value = p.coords.longitude.toFixed(6);
      status.textContent = '';
    }, function () {
      status.textContent = button.getAttribute('data-failed');
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
}());
