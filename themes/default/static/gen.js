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
})();
