// Progressive enhancement only: every page works without this file.

// Chart tooltips are HTML: ECharts inserts a formatter's string as markup. Every name or other
// text from data goes through this before it joins a tooltip (issue 6: a unit named
// "<img src=x onerror=...>" must stay text). Loaded in the layout's head, before any chart script.
window.escapeHtml = function (value) {
  return String(value === null || value === undefined ? '' : value).replace(/[&<>"'`]/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }[c];
  });
};
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.querySelector('.menu-toggle');
  var nav = document.getElementById('nav');
  if (toggle && nav) {
    toggle.addEventListener('click', function () {
      var open = nav.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
  // GOV.UK pattern: move focus to the error summary so screen readers announce it.
  var summary = document.querySelector('[data-autofocus]');
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        e.preventDefault();
      }
    });
  });
  // A picker's search box filters units (htmx); Enter there must not submit the whole form.
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && e.target.matches && e.target.matches('input[data-picker]')) {
      e.preventDefault();
    }
  });
  document.querySelectorAll('input[type=file][data-filename]').forEach(function (input) {
    input.addEventListener('change', function () {
      var out = document.getElementById(input.getAttribute('data-filename'));
      if (out && input.files.length) {
        var f = input.files[0];
        out.textContent = f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB)';
      }
    });
  });
});

// htmx answers bad input with 422 and the fragment showing the errors (e.g. a review row whose
// return lacks a reason): swap it in like a success instead of dropping it.
document.addEventListener('htmx:beforeSwap', function (e) {
  if (e.detail.xhr && e.detail.xhr.status === 422) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
