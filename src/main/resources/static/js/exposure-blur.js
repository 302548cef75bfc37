// The regions to hide on a photo of the exposure column (faces, number plates): drag on the photo to
// draw a rectangle; each one is written into the photo's text field as "x,y,w,h" fractions of the
// photo, ";" between regions, which is also what a user without JavaScript types. The boxes drawn
// follow the field, so a region typed or cleared shows at once.
(function () {
  function parse(text) {
    return (text || '').split(/[;\n\r]+/).map(function (part) {
      var n = part.trim().split(/\s*[,\s]\s*/).map(Number);
      return n.length === 4 && n.every(isFinite) ? n : null;
    }).filter(Boolean);
  }
  function fmt(v) {
    return (Math.round(v * 10000) / 10000).toFixed(4);
  }
  function setUp(editor) {
    var field = document.getElementById(editor.getAttribute('data-for'));
    var img = editor.querySelector('img');
    var clear = document.querySelector('.blur-clear[data-for="' + field.id + '"]');
    if (!field || !img) {
      return;
    }
    if (clear) {
      clear.hidden = false;
      clear.addEventListener('click', function () {
        field.value = '';
        draw();
      });
    }
    function draw() {
      editor.querySelectorAll('.blur-box').forEach(function (b) { b.remove(); });
      parse(field.value).forEach(function (r) {
        var box = document.createElement('div');
        box.className = 'blur-box';
        box.style.left = (r[0] * 100) + '%';
        box.style.top = (r[1] * 100) + '%';
        box.style.width = (r[2] * 100) + '%';
        box.style.height = (r[3] * 100) + '%';
        editor.appendChild(box);
      });
    }
    var start = null;
    var live = null;
    function at(e) {
      var rect = img.getBoundingClientRect();
      return [Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)),
        Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height))];
    }
    img.addEventListener('pointerdown', function (e) {
      e.preventDefault();
      start = at(e);
      live = document.createElement('div');
      live.className = 'blur-box';
      editor.appendChild(live);
      img.setPointerCapture(e.pointerId);
    });
    img.addEventListener('pointermove', function (e) {
      if (!start) {
        return;
      }
      var p = at(e);
      live.style.left = (Math.min(start[0], p[0]) * 100) + '%';
      live.style.top = (Math.min(start[1], p[1]) * 100) + '%';
      live.style.width = (Math.abs(p[0] - start[0]) * 100) + '%';
      live.style.height = (Math.abs(p[1] - start[1]) * 100) + '%';
    });
    img.addEventListener('pointerup', function (e) {
      if (!start) {
        return;
      }
      var p = at(e);
      var x = Math.min(start[0], p[0]);
      var y = Math.min(start[1], p[1]);
      var w = Math.abs(p[0] - start[0]);
      var h = Math.abs(p[1] - start[1]);
      start = null;
      // a click, not a drag: no region
      if (w > 0.01 && h > 0.01) {
        var region = [fmt(x), fmt(y), fmt(Math.min(w, 1 - x)), fmt(Math.min(h, 1 - y))].join(',');
        field.value = field.value.trim() ? field.value.trim() + ';' + region : region;
        var box = field.closest('.photo-choice').querySelector('input[type=checkbox]');
        if (box) {
          box.checked = true;
        }
      }
      draw();
    });
    field.addEventListener('input', draw);
    draw();
  }
  document.querySelectorAll('.blur-editor').forEach(setUp);
}());
