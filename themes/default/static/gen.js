// gen default theme: progressive enhancement only. Reading never needs this file.
(function () {
  "use strict";
  // Opened straight from disk: directory links need an explicit index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var h = a.getAttribute("href");
      if (!/^[a-z]+:/i.test(h) && !h.startsWith("#")) {
        var parts = h.split("#");
        if (parts[0] === "" || parts[0].endsWith("/")) {
          parts[0] = parts[0] + "index.html";
          a.setAttribute("href", parts.join("#"));
        }
      }
    });
  }

  // Language switcher: keep the section the reader is looking at.
  document.querySelectorAll("a[data-lang-link]").forEach(function (a) {
    a.addEventListener("click", function () {
      if (location.hash) a.setAttribute("href", a.getAttribute("href").split("#")[0] + location.hash);
    });
  });

  // The print view's button.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // Progress: checkboxes keyed by roadmap id + unit id, stored in localStorage.
  var STORE = "gen.progress.v1";
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage full or disabled */ }
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.progress[data-key]"));
  var state = load();
  function summary() {
    var el = document.querySelector(".progress-summary");
    if (!el) return;
    var tasks = boxes.filter(function (b) { return !b.classList.contains("week-done"); });
    var done = tasks.filter(function (b) { return b.checked; }).length;
    el.textContent = el.getAttribute("data-template").replace("{done}", done).replace("{total}", tasks.length);
  }
  boxes.forEach(function (b) {
    b.checked = !!state[b.dataset.key];
    b.addEventListener("change", function () {
      var s = load();
      if (b.checked) s[b.dataset.key] = Date.now(); else delete s[b.dataset.key];
      save(s);
      summary();
    });
  });
  var tools = document.querySelector(".progress-tools");
  if (tools) {
    tools.hidden = false;
    summary();
    var exp = tools.querySelector("[data-progress=export]");
    exp.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify({ format: "gen-progress", version: 1, progress: load() }, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "progress.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    var imp = tools.querySelector("[data-progress=import]");
    imp.addEventListener("change", function () {
      var f = imp.files && imp.files[0];
      if (!f) return;
      f.text().then(function (text) {
        var data = JSON.parse(text);
        var incoming = data && data.format === "gen-progress" ? data.progress : data;
        var s = load();
        Object.keys(incoming || {}).forEach(function (k) { if (typeof k === "string") s[k] = incoming[k]; });
        save(s);
        boxes.forEach(function (b) { b.checked = !!s[b.dataset.key]; });
        summary();
      }).catch(function () { /* not a progress file */ });
    });
  }
  // Search (src/search/mod.rs describes the index and the ranking). The index of the form's
  // language is fetched the first time the box is focused or typed in, never before.
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var LATIN = /[\u00C0-\u024F\u1E00-\u1EFF]/;
  // The same cuts and folds as src/search/analyze.rs: a test runs both over the same words.
  function words(text) {
    return (text.normalize("NFC").toLowerCase().match(WORD) || [])
      .filter(function (w) { return Array.from(w).length > 1 || /^\p{N}+$/u.test(w); })
      .map(function (w) { return w.replace(/ё/g, "е"); });
  }
  function fold(w) {
    var out = "";
    Array.from(w).forEach(function (c) {
      if (c === "đ") out += "d";
      else if (c === "ё") out += "е";
      else if (LATIN.test(c)) out += c.normalize("NFD").replace(/\p{M}/gu, "");
      else out += c;
    });
    return out;
  }
  function prepare(ix) {
    ix.variantKey = new Map();
    ix.keyList = Object.keys(ix.keys);
    ix.keyList.forEach(function (k) {
      if (typeof ix.keys[k][0] === "number") ix.keys[k] = [[k, ix.keys[k]]];
      ix.keys[k].forEach(function (vp) {
        ix.variantKey.set(vp[0], k);
        // Postings are written as differences from the one before (src/search/mod.rs).
        var p = vp[1];
        for (var i = 1; i < p.length; i++) p[i] += p[i - 1];
      });
    });
    return ix;
  }
  // Ranks sections for a query: every word must match; per word, the exact spelling scores 4,
  // the same key (other tones, other inflection) 3, the longest key the word starts with 2, keys
  // that start with the last word (still being typed) 1; a hit in a title counts double.
  function search(ix, query) {
    var qs = words(query);
    var total = null;
    qs.forEach(function (q, i) {
      var got = new Map();
      function take(key, weight) {
        ix.keys[key].forEach(function (vp) {
          var w = vp[0] === q ? weight + 1 : weight;
          vp[1].forEach(function (p) {
            var s = w * (p & 1 ? 2 : 1), d = p >> 1;
            if (!(got.get(d) >= s)) got.set(d, s);
          });
        });
      }
      var f = fold(q);
      var key = ix.variantKey.get(q) || (ix.keys[f] ? f : null);
      if (key) take(key, 3);
      else {
        var best = null;
        ix.keyList.forEach(function (k) {
          if (k.length >= 3 && f.length - k.length <= 5 && f.startsWith(k) && (!best || k.length > best.length)) best = k;
        });
        if (best) take(best, 2);
      }
      if (i === qs.length - 1) ix.keyList.forEach(function (k) { if (k !== key && k.startsWith(f)) take(k, 1); });
      if (total === null) { total = got; return; }
      var both = new Map();
      total.forEach(function (s, d) { if (got.has(d)) both.set(d, s + got.get(d)); });
      total = both;
    });
    if (!total) return [];
    return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).map(function (e) { return e[0]; });
  }
  // For tests (tests/js/): the search functions without a page.
  window.genSearch = { words: words, fold: fold, prepare: prepare, search: search };
  var indexes = {};
  function loadIndex(url) {
    if (!indexes[url]) {
      indexes[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(prepare);
    }
    return indexes[url];
  }
  document.querySelectorAll("form.search[data-index]").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    var panel = form.querySelector(".search-panel");
    var list = form.querySelector(".search-results");
    var status = form.querySelector(".search-status");
    var full = form.hasAttribute("data-full");
    var root = form.getAttribute("data-root");
    var timer = 0;
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    function close() { if (!full) panel.hidden = true; }
    function show(ix, query) {
      var docs = search(ix, query);
      list.textContent = "";
      (full ? docs : docs.slice(0, 8)).forEach(function (d) {
        var doc = ix.docs[d];
        var a = document.createElement("a");
        var href = root + ix.pages[doc[0]];
        if (location.protocol === "file:") href += "index.html";
        a.href = href + (doc[1] ? "#" + doc[1] : "");
        var t = document.createElement("span");
        t.className = "search-title";
        t.textContent = doc[2];
        var c = document.createElement("span");
        c.className = "search-context";
        c.textContent = ix.contexts[doc[3]];
        a.appendChild(t);
        a.appendChild(c);
        var li = document.createElement("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      status.textContent = docs.length ? form.getAttribute("data-count").replace("{n}", docs.length) : form.getAttribute("data-none");
      panel.hidden = !full && !words(query).length;
    }
    function run() {
      var query = input.value;
      if (!words(query).length) { list.textContent = ""; status.textContent = ""; close(); return; }
      if (!indexes[form.dataset.index]) { status.textContent = form.getAttribute("data-loading"); panel.hidden = false; }
      loadIndex(form.dataset.index).then(function (ix) { if (input.value === query) show(ix, query); })
        .catch(function () {
          // Browsers do not fetch files from disk: search needs the site served.
          status.textContent = form.getAttribute(location.protocol === "file:" ? "data-offline" : "data-none");
        });
    }
    input.addEventListener("focus", function () { loadIndex(form.dataset.index).catch(function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    form.addEventListener("submit", function (e) {
      if (!full) return; // the search page shows every result
      e.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run();
    });
    // Keyboard: ↓ from the box into the results, ↑/↓ between them, Esc closes them.
    form.addEventListener("keydown", function (e) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && all.length) {
        e.preventDefault();
        panel.hidden = false; // reopens results closed with Esc
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        if (at === 0) input.focus(); else all[at - 1].focus();
      } else if (e.key === "Escape" && !panel.hidden && !full) {
        // The first Esc closes the results and keeps the query; a second one clears the box
        // (what a search field does by itself).
        e.preventDefault();
        close();
        input.focus();
      }
    });
    form.addEventListener("focusout", function () {
      setTimeout(function () { if (!form.contains(document.activeElement)) close(); }, 0);
    });
    if (full) {
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; run(); }
    }
  });

  // 404: put the reader's language (from the address) first.
  var nf = document.querySelector(".not-found");
  var nfForm = nf && nf.querySelector("form.search");
  if (nfForm) {
    var base = nfForm.getAttribute("data-root");
    var seg = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length).split("/")[0] : "";
    var mine = seg && nf.querySelector(":scope > li[lang=\"" + seg.replace(/[^a-zA-Z-]/g, "") + "\"]");
    if (mine) nf.insertBefore(mine, nf.firstChild);
  }
})();
