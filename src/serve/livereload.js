// gen serve: live reload and the error overlay. Injected into HTML that `gen serve` sends, never
// into what `gen build` writes. `cfg` comes from the server: the WebSocket's and the site root's
// URLs relative to this page (so any sub-path works), the output file this page is, and the
// version of it the server sent.
(function (cfg) {
  "use strict";
  var root = new URL(cfg.root, location.href);
  var overlayId = "gen-serve-overlay";

  function clearErrors() {
    var el = document.getElementById(overlayId);
    if (el) el.remove();
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showErrors(errors) {
    clearErrors();
    var box = el("div",
      "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "background:#2b0b0e;color:#fde8e8;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;" +
      "padding:16px 20px;border-bottom:4px solid #e5484d;box-shadow:0 4px 24px rgba(0,0,0,.5)");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    var head = el("div", "display:flex;justify-content:space-between;gap:1em;margin-bottom:8px");
    head.appendChild(el("strong", "color:#ff9592",
      "gen serve: " + errors.length + " error(s); still showing the last good build"));
    var close = el("button", "background:none;border:1px solid #fde8e8;color:inherit;cursor:pointer", "×");
    close.setAttribute("aria-label", "Hide");
    close.onclick = clearErrors;
    head.appendChild(close);
    box.appendChild(head);
    errors.forEach(function (d) {
      var item = el("div", "margin:10px 0;white-space:pre-wrap");
      item.className = "gen-serve-error";
      var where = d.file + (d.line ? ":" + d.line + (d.col ? ":" + d.col : "") : "");
      item.appendChild(el("div", "color:#ffb3b0", where + ": " + d.message));
      if (d.source_line !== null && d.source_line !== undefined) {
        var src = " " + d.line + " | " + d.source_line;
        if (d.col) src += "\n " + " ".repeat(String(d.line).length) + " | " + " ".repeat(d.col - 1) + "^";
        item.appendChild(el("div", "color:#fde8e8;opacity:.9", src));
      }
      if (d.help) item.appendChild(el("div", "color:#b4e0b0", "help: " + d.help));
      box.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheets(paths) {
    var wanted = paths.map(function (p) { return new URL(p, root).href; });
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      if (wanted.indexOf(url.origin + url.pathname) < 0) return;
      url.searchParams.set("gen-serve", String(Date.now()));
      // The new sheet loads before the old one goes, so the page never flashes unstyled.
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = fresh.onerror = function () { link.remove(); };
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }

  var delay = 250;
  function connect() {
    var url = new URL(cfg.ws, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    var ws = new WebSocket(url.href);
    ws.onopen = function () {
      delay = 250;
      ws.send(JSON.stringify({ path: cfg.path, version: cfg.version }));
    };
    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === "reload") location.reload();
      else if (m.type === "css") { clearErrors(); swapStylesheets(m.paths); }
      else if (m.type === "errors") showErrors(m.errors);
      else if (m.type === "ok") clearErrors();
    };
    ws.onclose = function () {
      // The server restarted or is rebuilding from scratch: try again, then catch up on hello.
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 4000);
    };
  }
  window.__genServe = { showErrors: showErrors, clearErrors: clearErrors };
  connect();
})
