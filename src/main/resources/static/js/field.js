// The inspector's pages in the street (issue 9 §3): today's points nearest first, the inspection
// form with its running provisional score, drafts kept in IndexedDB as the inspector types, and an
// outbox sent when the connection returns. Every submission carries the client id its draft got when
// it was created, so a retry after a lost answer finds the stored inspection instead of making a
// second one. Words come from the page (data-msg-* attributes), so both languages work.
(function () {
  'use strict';

  var app = document.getElementById('field-app');
  var main = document.getElementById('main');
  if (!app || !main || !window.indexedDB) {
    return;
  }
  var page = main.getAttribute('data-field');
  // the forms kept for offline use from the today list: the nearest ones, not a whole city's
  var KEEP_FORMS = 40;
  var msg = function (name, arg) {
    var text = app.getAttribute('data-msg-' + name) || '';
    return arg === undefined ? text : text.replace('{0}', arg);
  };

  // --- storage: one database per account, so two inspectors sharing a phone never mix drafts

  var dbPromise = new Promise(function (resolve, reject) {
    var open = indexedDB.open('chuangwen-field-' + app.getAttribute('data-user'), 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore('drafts', { keyPath: 'key' });
      open.result.createObjectStore('outbox', { keyPath: 'clientId' });
    };
    open.onsuccess = function () { resolve(open.result); };
    open.onerror = function () { reject(open.error); };
  });

  function store(name, mode, work) {
    return dbPromise.then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  var get = function (name, key) { return store(name, 'readonly', function (s) { return s.get(key); }); };
  var put = function (name, value) { return store(name, 'readwrite', function (s) { return s.put(value); }); };
  var remove = function (name, key) { return store(name, 'readwrite', function (s) { return s.delete(key); }); };
  var all = function (name) { return store(name, 'readonly', function (s) { return s.getAll(); }); };

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // --- the status line: offline badge, outbox counter, what the last upload did

  var offlineBadge = document.getElementById('field-offline');
  var outboxBadge = document.getElementById('field-outbox');
  var syncLine = document.getElementById('field-sync');

  function showOnline() {
    offlineBadge.hidden = navigator.onLine;
  }

  function showOutbox() {
    return all('outbox').then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state !== 'rejected'; }).length;
      var rejected = entries.length - waiting;
      outboxBadge.hidden = waiting === 0;
      outboxBadge.textContent = msg('outbox', waiting);
      outboxBadge.setAttribute('data-count', String(waiting));
      if (rejected > 0) {
        syncLine.textContent = msg('failed', rejected);
      }
      markPoints(entries);
      return entries;
    });
  }

  // --- sending the outbox

  var sending = null;

  function sync() {
    if (sending) {
      return sending;
    }
    if (!navigator.onLine) {
      return showOutbox();
    }
    sending = all('outbox').then(function (entries) {
      var due = entries.filter(function (e) { return e.state !== 'rejected'; });
      if (due.length === 0) {
        return 0;
      }
      syncLine.textContent = msg('sending');
      return token().then(function (csrf) {
        var sent = 0;
        var chain = Promise.resolve();
        due.forEach(function (entry) {
          chain = chain.then(function () { return send(entry, csrf); }).then(function (done) { sent += done ? 1 : 0; });
        });
        return chain.then(function () {
          syncLine.textContent = sent > 0 ? msg('sent', sent) : '';
          if (sent > 0 && page !== 'today') {
            // the list kept for offline use should say these points are done
            fetch(app.getAttribute('data-today'), { credentials: 'same-origin' }).catch(function () { });
          }
          return sent;
        });
      });
    }).catch(function (problem) {
      // no network after all, or a server hiccup: the outbox waits for the next chance
      syncLine.textContent = problem && problem.login ? msg('login') : '';
      return 0;
    }).then(function (sent) {
      sending = null;
      return showOutbox().then(function () { return sent; });
    });
    return sending;
  }

  // The session's token, fresh: a page from the offline cache may carry an older one.
  function token() {
    return fetch(app.getAttribute('data-token'), { credentials: 'same-origin', cache: 'no-store',
      headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok || response.redirected || (response.headers.get('Content-Type') || '').indexOf('json') < 0) {
        throw { login: true };
      }
      return response.json();
    });
  }

  function headers(csrf, json) {
    var h = { Accept: 'application/json' };
    h[csrf.header] = csrf.token;
    if (json) {
      h['Content-Type'] = 'application/json';
    }
    return h;
  }

  // The problem JSON's words: its field errors, else its detail.
  function refusal(response) {
    return response.json().then(function (problem) {
      var errors = (problem.errors || []).map(function (e) { return e.message || e.detail || ''; }).filter(Boolean);
      return errors.length ? errors.join(' ') : (problem.detail || problem.title || String(response.status));
    }, function () { return String(response.status); });
  }

  // One entry: the inspection (unless an earlier try stored it), then its photos, item by item.
  // True when the entry is done and gone from the outbox.
  function send(entry, csrf) {
    var stored = entry.inspectionId ? Promise.resolve(true) : fetch(app.getAttribute('data-submit'), {
      method: 'POST', credentials: 'same-origin', headers: headers(csrf, true), body: JSON.stringify(entry.submission)
    }).then(function (response) {
      if (response.redirected) {
        throw { login: true };
      }
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (body) {
          entry.inspectionId = body.id;
          return put('outbox', entry).then(function () { return true; });
        });
      }
      if (response.status >= 400 && response.status < 500) {
        return reject(entry, response);
      }
      throw { retry: true };
    });
    return stored.then(function (ok) {
      return ok ? sendPhotos(entry, csrf) : false;
    });
  }

  function reject(entry, response) {
    return refusal(response).then(function (text) {
      entry.state = 'rejected';
      entry.message = text;
      return put('outbox', entry).then(function () { return false; });
    });
  }

  function sendPhotos(entry, csrf) {
    var items = [];
    (entry.photos || []).forEach(function (p) {
      if (items.indexOf(p.itemId) < 0) {
        items.push(p.itemId);
      }
    });
    var chain = Promise.resolve(true);
    items.forEach(function (itemId) {
      chain = chain.then(function (ok) {
        if (!ok) {
          return false;
        }
        var photos = entry.photos.filter(function (p) { return p.itemId === itemId; });
        var body = new FormData();
        body.append('itemId', itemId);
        photos.forEach(function (p) { body.append('files', p.blob, p.name); });
        var url = app.getAttribute('data-photos').replace('_ID_', entry.inspectionId);
        return fetch(url, { method: 'POST', credentials: 'same-origin', headers: headers(csrf, false), body: body })
          .then(function (response) {
            if (response.redirected) {
              throw { login: true };
            }
            if (response.ok) {
              entry.photos = entry.photos.filter(function (p) { return p.itemId !== itemId; });
              return put('outbox', entry).then(function () { return true; });
            }
            if (response.status >= 400 && response.status < 500) {
              return reject(entry, response);
            }
            throw { retry: true };
          });
      });
    });
    return chain.then(function (ok) {
      if (!ok) {
        return false;
      }
      return remove('outbox', entry.clientId).then(function () {
        pointDone(entry);
        return true;
      });
    });
  }

  // --- the today list

  function markPoints(entries) {
    document.querySelectorAll('.field-point').forEach(function (li) {
      var entry = entries.filter(function (e) {
        return String(e.planId) === li.getAttribute('data-plan') && String(e.pointId) === li.getAttribute('data-point');
      })[0];
      if (!entry) {
        return;
      }
      var badge = li.querySelector('.field-state');
      var rejected = entry.state === 'rejected';
      badge.textContent = rejected ? msg('rejected') : msg('waiting');
      badge.className = 'field-state badge ' + (rejected ? 'badge-red' : 'badge-amber');
    });
  }

  function pointDone(entry) {
    var waiting = document.getElementById('field-waiting');
    if (page === 'form' && waiting && !waiting.hidden && Number(main.getAttribute('data-plan')) === entry.planId
        && Number(main.getAttribute('data-point')) === entry.pointId) {
      waiting.className = 'notice success';
      waiting.textContent = waiting.getAttribute('data-uploaded');
    }
    var li = document.querySelector('.field-point[data-plan="' + entry.planId + '"][data-point="' + entry.pointId + '"]');
    if (li) {
      var badge = li.querySelector('.field-state');
      badge.textContent = msg('done');
      badge.className = 'field-state badge badge-green';
      li.classList.add('is-done');
    }
  }

  function metres(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
      + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 6371008.8 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function initToday() {
    var list = document.getElementById('field-points');
    var order = document.getElementById('field-order');
    if (!list) {
      return;
    }
    // keep the forms of the nearest points left to do for a dead zone (the worker fetches only
    // those it does not hold yet)
    var keepForms = function () {
      keep(Array.prototype.slice.call(list.querySelectorAll('.field-point:not(.is-done)'), 0, KEEP_FORMS)
        .map(function (li) { return li.getAttribute('data-form'); }));
    };
    if (!navigator.geolocation) {
      keepForms();
      return;
    }
    order.textContent = order.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude;
      var lng = position.coords.longitude;
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li) {
        var d = metres(lat, lng, parseFloat(li.getAttribute('data-lat')), parseFloat(li.getAttribute('data-lng')));
        li.setAttribute('data-distance', String(d));
        li.querySelector('.field-distance').textContent = d < 1000
          ? list.getAttribute('data-m').replace('{0}', String(Math.round(d)))
          : list.getAttribute('data-km').replace('{0}', (d / 1000).toFixed(1));
      });
      // what is left to do first, nearest first; the inspected ones after it
      items.sort(function (a, b) {
        var done = (a.classList.contains('is-done') ? 1 : 0) - (b.classList.contains('is-done') ? 1 : 0);
        return done !== 0 ? done
          : parseFloat(a.getAttribute('data-distance')) - parseFloat(b.getAttribute('data-distance'));
      }).forEach(function (li) { list.appendChild(li); });
      order.textContent = order.getAttribute('data-nearest');
      keepForms();
    }, function () {
      order.textContent = order.getAttribute('data-plan-order');
      keepForms();
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 120000 });
  }

  // --- the inspection form

  // Points as thousandths (numeric(7,3)): whole numbers, so the sums are exact as on the server.
  function thousandths(text) {
    var parts = String(text).split('.');
    return parseInt(parts[0], 10) * 1000 + parseInt(((parts[1] || '') + '000').slice(0, 3), 10);
  }

  function points(t) {
    return (t / 1000).toFixed(3).replace(/\.?0+$/, '');
  }

  function initForm() {
    var form = document.getElementById('field-form');
    if (!form) {
      return;
    }
    var planId = Number(main.getAttribute('data-plan'));
    var pointId = Number(main.getAttribute('data-point'));
    var key = planId + ':' + pointId;
    var items = Array.prototype.slice.call(form.querySelectorAll('.field-item'));
    var where = document.getElementById('field-where');
    var waiting = document.getElementById('field-waiting');
    var errors = document.getElementById('field-errors');
    var draft = null;
    var saving = Promise.resolve();

    function fieldsOf(fs) {
      var id = fs.getAttribute('data-item');
      return {
        id: Number(id),
        outcome: fs.querySelector('input[name="outcome-' + id + '"]:checked'),
        count: document.getElementById('count-' + id),
        note: document.getElementById('note-' + id),
        photos: document.getElementById('photos-' + id),
        thumbs: fs.querySelector('.field-thumbs'),
        deduction: fs.querySelector('.field-deduction')
      };
    }

    function count(f) {
      var n = parseInt(f.count.value, 10);
      return isNaN(n) ? null : n;
    }

    // The same rule as PointScore: 100 × (1 − Σ deductions / Σ caps) over the applicable items,
    // each deduction min(count × per occurrence, cap), rounded half-up to two decimals.
    function score() {
      var deducted = 0;
      var possible = 0;
      items.forEach(function (fs) {
        var f = fieldsOf(fs);
        var outcome = f.outcome ? f.outcome.value : null;
        var per = thousandths(fs.getAttribute('data-per'));
        var max = thousandths(fs.getAttribute('data-max'));
        var d = 0;
        if (outcome === 'DEDUCT') {
          d = Math.min(Math.max(0, count(f) || 0) * per, max);
          f.deduction.textContent = f.deduction.getAttribute('data-text').replace('{0}', points(d));
        }
        if (outcome === 'OK' || outcome === 'DEDUCT') {
          deducted += d;
          possible += max;
        }
      });
      var out = document.getElementById('field-score-value');
      if (possible === 0) {
        out.textContent = out.getAttribute('data-none');
        return;
      }
      var x = 10000 * (possible - deducted);
      out.textContent = (Math.floor((2 * x + possible) / (2 * possible)) / 100).toFixed(2);
    }

    function save() {
      if (!draft) {
        return saving;
      }
      items.forEach(function (fs) {
        var f = fieldsOf(fs);
        draft.items[f.id] = { outcome: f.outcome ? f.outcome.value : null, count: f.count.value, note: f.note.value };
      });
      draft.updatedAt = new Date().toISOString();
      var copy = draft;
      saving = saving.then(function () { return put('drafts', copy); });
      return saving;
    }

    function restore() {
      items.forEach(function (fs) {
        var f = fieldsOf(fs);
        var saved = draft.items[f.id];
        if (saved) {
          if (saved.outcome) {
            fs.querySelector('input[name="outcome-' + f.id + '"][value="' + saved.outcome + '"]').checked = true;
          }
          f.count.value = saved.count || '1';
          f.note.value = saved.note || '';
        }
        thumbs(fs);
      });
      score();
    }

    function thumbs(fs) {
      var f = fieldsOf(fs);
      f.thumbs.textContent = '';
      draft.photos.filter(function (p) { return p.itemId === f.id; }).forEach(function (p) {
        var li = document.createElement('li');
        var img = document.createElement('img');
        img.src = p.thumb;
        img.alt = p.name;
        var drop = document.createElement('button');
        drop.type = 'button';
        drop.textContent = '×';
        drop.setAttribute('aria-label', f.thumbs.getAttribute('data-remove') + ' ' + p.name);
        drop.addEventListener('click', function () {
          draft.photos = draft.photos.filter(function (q) { return q.id !== p.id; });
          save();
          thumbs(fs);
        });
        li.appendChild(img);
        li.appendChild(drop);
        f.thumbs.appendChild(li);
      });
    }

    // A small copy for the thumbnail (data: URL: the page's policy allows no blob: images).
    function thumbnail(file) {
      if (!window.createImageBitmap) {
        return new Promise(function (resolve) {
          var reader = new FileReader();
          reader.onload = function () { resolve(reader.result); };
          reader.onerror = function () { resolve(''); };
          reader.readAsDataURL(file);
        });
      }
      return createImageBitmap(file).then(function (bitmap) {
        var side = 168;
        var canvas = document.createElement('canvas');
        canvas.width = side;
        canvas.height = side;
        var s = Math.min(bitmap.width, bitmap.height);
        canvas.getContext('2d').drawImage(bitmap, (bitmap.width - s) / 2, (bitmap.height - s) / 2, s, s, 0, 0, side, side);
        return canvas.toDataURL('image/jpeg', 0.7);
      }, function () { return ''; });
    }

    function locate() {
      if (!navigator.geolocation) {
        return;
      }
      if (!draft.position) {
        where.textContent = where.getAttribute('data-locating');
      }
      navigator.geolocation.watchPosition(function (position) {
        draft.position = {
          lat: Number(position.coords.latitude.toFixed(6)),
          lng: Number(position.coords.longitude.toFixed(6)),
          accuracy: Math.round(position.coords.accuracy)
        };
        where.textContent = where.getAttribute('data-located').replace('{0}', draft.position.accuracy);
        save();
      }, function () {
        if (!draft.position) {
          where.textContent = where.getAttribute('data-unlocated');
        }
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
    }

    function showWaiting(entry) {
      form.hidden = true;
      where.hidden = true;
      waiting.hidden = false;
      if (entry.state === 'rejected') {
        waiting.className = 'error-summary';
        waiting.textContent = waiting.getAttribute('data-rejected').replace('{0}', entry.message || '');
        var again = document.createElement('button');
        again.type = 'button';
        again.className = 'btn';
        again.textContent = waiting.getAttribute('data-edit');
        again.addEventListener('click', function () { reopen(entry); });
        var p = document.createElement('p');
        p.appendChild(again);
        waiting.appendChild(p);
      }
    }

    // A refused result goes back to being a draft; if its inspection was stored (a photo was
    // refused), the inspection stays and only the entry goes.
    function reopen(entry) {
      var back = entry.inspectionId ? Promise.resolve() : put('drafts', {
        key: key, clientId: entry.clientId, planId: planId, pointId: pointId, items: entry.draftItems || {},
        photos: entry.photos || [], position: entry.position || null, createdAt: entry.createdAt
      });
      back.then(function () { return remove('outbox', entry.clientId); }).then(function () { location.reload(); });
    }

    function problems() {
      var list = [];
      items.forEach(function (fs) {
        var f = fieldsOf(fs);
        fs.classList.remove('has-error');
        if (!f.outcome) {
          list.push({ fs: fs, text: errors.getAttribute('data-unanswered').replace('{0}', fs.querySelector('legend').textContent) });
        }
        else if (f.outcome.value === 'DEDUCT') {
          var n = count(f);
          var max = Number(f.count.getAttribute('max'));
          if (n === null || n < 1 || n > max) {
            list.push({ fs: fs, text: errors.getAttribute('data-count') });
          }
        }
      });
      return list;
    }

    function showProblems(list) {
      var ul = errors.querySelector('ul');
      ul.textContent = '';
      list.forEach(function (p) {
        p.fs.classList.add('has-error');
        var a = document.createElement('a');
        a.href = '#' + p.fs.id;
        a.textContent = p.text;
        var li = document.createElement('li');
        li.appendChild(a);
        ul.appendChild(li);
      });
      errors.hidden = list.length === 0;
      if (list.length) {
        errors.focus();
      }
    }

    function submit(event) {
      event.preventDefault();
      var list = problems();
      showProblems(list);
      if (list.length) {
        return;
      }
      save().then(function () {
        var results = items.map(function (fs) {
          var f = fieldsOf(fs);
          var deduct = f.outcome.value === 'DEDUCT';
          return { itemId: f.id, outcome: f.outcome.value, count: deduct ? count(f) : null,
            note: f.note.value.trim() === '' ? null : f.note.value.trim() };
        });
        var position = draft.position || {};
        var entry = {
          clientId: draft.clientId, planId: planId, pointId: pointId, state: 'waiting', createdAt: draft.createdAt,
          draftItems: draft.items, position: draft.position || null, photos: draft.photos,
          submission: {
            clientId: draft.clientId, planId: planId, fieldPointId: pointId,
            lat: position.lat === undefined ? null : position.lat, lng: position.lng === undefined ? null : position.lng,
            // when the inspector finished, not when the phone found a connection
            checkedAt: new Date().toISOString(), results: results
          }
        };
        draft = null;
        return put('outbox', entry).then(function () { return remove('drafts', key); }).then(function () {
          showWaiting(entry);
          return sync();
        }).then(function () {
          return get('outbox', entry.clientId);
        }).then(function (left) {
          if (!left) {
            location.assign(app.getAttribute('data-today'));
          }
          else {
            showOutbox();
          }
        });
      });
    }

    all('outbox').then(function (entries) {
      var entry = entries.filter(function (e) { return e.planId === planId && e.pointId === pointId; })[0];
      if (entry) {
        showWaiting(entry);
        return;
      }
      return get('drafts', key).then(function (saved) {
        draft = saved || { key: key, clientId: uuid(), planId: planId, pointId: pointId, items: {}, photos: [],
          position: null, createdAt: new Date().toISOString() };
        if (!saved) {
          put('drafts', draft);
        }
        form.setAttribute('data-client-id', draft.clientId);
        restore();
        locate();
        form.addEventListener('change', function (e) {
          if (e.target.type !== 'file') {
            score();
            save();
          }
        });
        form.addEventListener('input', function (e) {
          if (e.target.tagName === 'TEXTAREA' || e.target.type === 'number') {
            score();
            save();
          }
        });
        form.querySelectorAll('.stepper .step').forEach(function (button) {
          button.addEventListener('click', function () {
            var input = button.parentNode.querySelector('input');
            var n = (parseInt(input.value, 10) || 0) + Number(button.getAttribute('data-step'));
            input.value = String(Math.min(Number(input.getAttribute('max')), Math.max(1, n)));
            score();
            save();
          });
        });
        items.forEach(function (fs) {
          var f = fieldsOf(fs);
          f.photos.addEventListener('change', function () {
            var files = Array.prototype.slice.call(f.photos.files);
            var chain = Promise.resolve();
            files.forEach(function (file) {
              chain = chain.then(function () { return thumbnail(file); }).then(function (thumb) {
                draft.photos.push({ id: uuid(), itemId: f.id, name: file.name || 'photo.jpg', type: file.type,
                  blob: file, thumb: thumb });
              });
            });
            chain.then(function () {
              f.photos.value = '';
              thumbs(fs);
              return save();
            });
          });
        });
        form.addEventListener('submit', submit);
      });
    });
  }

  // --- keeping pages for offline use (the service worker does the fetching)

  function keep(urls) {
    if (!('serviceWorker' in navigator) || !navigator.onLine) {
      return;
    }
    navigator.serviceWorker.ready.then(function (registration) {
      var assets = Array.prototype.map.call(document.querySelectorAll('link[rel=stylesheet], script[src]'), function (el) {
        return el.href || el.src;
      });
      registration.active.postMessage({ type: 'keep', urls: assets.concat([app.getAttribute('data-today')], urls) });
    });
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(app.getAttribute('data-worker'), { scope: app.getAttribute('data-scope') })
      .catch(function () { /* no offline copy, the pages still work online */ });
  }
  // Signing out clears this site's storage on the phone, the outbox with it: ask first.
  var logout = document.querySelector('form.logout');
  if (logout) {
    logout.addEventListener('submit', function (event) {
      var waitingCount = outboxBadge.hidden ? 0 : Number(outboxBadge.getAttribute('data-count') || 0);
      if (waitingCount > 0 && !window.confirm(msg('logout', waitingCount))) {
        event.preventDefault();
      }
    });
  }
  window.addEventListener('online', function () { showOnline(); sync(); });
  window.addEventListener('offline', showOnline);
  showOnline();
  if (page === 'today') {
    initToday();
  }
  else if (page === 'form') {
    initForm();
    keep([]);
  }
  sync();
})();
