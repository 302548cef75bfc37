// The inspector's offline app (issue 9 §3, architecture "Field work offline"). Served by
// FieldWorkPages at /inspections/field/sw.js with the scope /inspections/field.
// Pages of the scope: network first, the last copy when there is no network, so the today list and
// every form the inspector opened (or the list asked to keep) open in a dead zone. Styles, scripts
// and images: the cached copy at once, refreshed behind it. Posts and the token are never cached:
// drafts and the outbox live in IndexedDB (field.js), not here.
'use strict';

var VERSION = 'v1';
var PAGES = 'field-pages-' + VERSION;
var ASSETS = 'field-assets-' + VERSION;
var SCOPE = new URL(self.registration.scope).pathname.replace(/\/$/, '');
var BASE = SCOPE.slice(0, SCOPE.length - '/inspections/field'.length);
var ASSET_DIRS = ['/css/', '/js/', '/webjars/', '/images/'].map(function (d) { return BASE + d; });
var NEVER = ['/sw.js', '/token', '/inspections'].map(function (p) { return SCOPE + p; });

self.addEventListener('install', function (event) {
  event.waitUntil(keep(PAGES, SCOPE).then(function () { return self.skipWaiting(); }, function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf('field-') === 0 && n !== PAGES && n !== ASSETS;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

// The pages ask to keep what they will need offline: their styles and scripts, today's forms.
self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type === 'keep' && Array.isArray(data.urls)) {
    var chain = Promise.resolve();
    data.urls.forEach(function (url) {
      chain = chain.then(function () { return keep(isAsset(new URL(url, self.location).pathname) ? ASSETS : PAGES, url); })
        .catch(function () { /* one page missing is no reason to drop the rest */ });
    });
    event.waitUntil(chain);
  }
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  var path = url.pathname;
  if (NEVER.some(function (p) { return path === p || path.indexOf(p + '/') === 0; })) {
    return;
  }
  if (path === SCOPE || path.indexOf(SCOPE + '/') === 0) {
    event.respondWith(networkFirst(request));
  }
  else if (isAsset(path)) {
    event.respondWith(cachedFirst(request, event));
  }
});

function isAsset(path) {
  return ASSET_DIRS.some(function (d) { return path.indexOf(d) === 0; });
}

// A page signed out (redirected to the sign-in page) or refused is shown, never kept.
function keepable(response) {
  return response && response.ok && !response.redirected && response.type === 'basic';
}

// Fetches and keeps what is not kept yet; what is kept is refreshed by the visits themselves.
function keep(cacheName, url) {
  return caches.open(cacheName).then(function (cache) {
    return cache.match(url, { ignoreVary: true }).then(function (kept) {
      if (kept) {
        return;
      }
      return fetch(url, { credentials: 'same-origin' }).then(function (response) {
        return keepable(response) ? cache.put(url, response) : undefined;
      });
    });
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (keepable(response)) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { return cache.put(request.url, copy); });
    }
    return response;
  }, function () {
    return caches.match(request.url, { ignoreVary: true }).then(function (cached) {
      if (cached) {
        return cached;
      }
      // a form never opened online: the list at least, which says what waits to upload
      return request.mode === 'navigate' ? caches.match(SCOPE, { ignoreVary: true }).then(function (list) {
        return list || Response.error();
      }) : Response.error();
    });
  });
}

function cachedFirst(request, event) {
  return caches.match(request, { ignoreVary: true }).then(function (cached) {
    var fresh = fetch(request).then(function (response) {
      if (keepable(response)) {
        var copy = response.clone();
        caches.open(ASSETS).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
    if (cached) {
      event.waitUntil(fresh.catch(function () { }));
      return cached;
    }
    return fresh;
  });
}
