// decision-log's pages: keyboard, line selection and the chain panel. No framework; the pages work without it,
// this only makes reading faster. The chain panel's HTML comes from this site, escaped by its templates.
(function () {
  "use strict";

  function typing(event) {
    var t = event.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !typing(event)) {
      var box = document.getElementById("q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    }
  });

  // a shared link's #L42 survives signing in: the browser keeps it across the redirect, the form carries it on
  var next = document.querySelector("form input[name=next]");
  if (next && window.location.hash && next.value.indexOf("#") < 0) {
    next.value += window.location.hash;
  }
  var sso = document.querySelector("a[href^='/sign-in/sso']");
  if (sso && window.location.hash) {
    sso.href += encodeURIComponent(window.location.hash);
  }

  var blame = document.getElementById("blame");
  var panel = document.getElementById("chain");
  if (!blame || !panel) {
    return;
  }
  var selected = null;

  function rowOf(line) {
    return document.getElementById("L" + line);
  }

  function numberOf(row) {
    return parseInt(row.id.substring(1), 10);
  }

  function clearSelection() {
    blame.querySelectorAll("tr.sel").forEach(function (row) { row.classList.remove("sel"); });
  }

  function select(from, to, scroll) {
    clearSelection();
    for (var n = from; n <= to; n++) {
      var row = rowOf(n);
      if (row) {
        row.classList.add("sel");
      }
    }
    selected = from;
    var hash = from === to ? "#L" + from : "#L" + from + "-L" + to;
    history.replaceState(null, "", hash);
    var first = rowOf(from);
    if (scroll && first) {
      first.scrollIntoView({block: "center"});
    }
  }

  function openChain(line) {
    panel.hidden = false;
    panel.setAttribute("aria-busy", "true");
    var base = blame.dataset.chain;
    fetch(base + (base.indexOf("?") < 0 ? "?" : "&") + "line=" + line, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) {
        if (response.redirected || response.status === 401) {
          window.location.reload();
          return "";
        }
        return response.text();
      })
      .then(function (html) {
        panel.innerHTML = html;
        panel.removeAttribute("aria-busy");
        panel.scrollTop = 0;
      })
      .catch(function () {
        panel.textContent = "The chain could not be loaded; try again.";
      });
  }

  function closeChain() {
    panel.hidden = true;
    panel.innerHTML = "";
  }

  blame.addEventListener("click", function (event) {
    if (event.target.closest("a")) {
      return;
    }
    var row = event.target.closest("tr");
    if (!row || !row.id) {
      return;
    }
    var line = numberOf(row);
    if (event.shiftKey && selected !== null) {
      select(Math.min(selected, line), Math.max(selected, line), false);
      return;
    }
    select(line, line, false);
    openChain(line);
  });

  panel.addEventListener("click", function (event) {
    if (event.target.closest("[data-close]")) {
      closeChain();
    }
  });

  function groupStarts() {
    return Array.prototype.slice.call(blame.querySelectorAll("tr.gs"));
  }

  // j/k: to the next/previous change (a run of lines one commit wrote); Enter: its chain; Escape: close
  document.addEventListener("keydown", function (event) {
    if (typing(event) || event.metaKey || event.ctrlKey || event.altKey) {
      return;
    }
    if (event.key === "Escape") {
      closeChain();
      return;
    }
    if (event.key === "Enter" && selected !== null) {
      openChain(selected);
      return;
    }
    if (event.key !== "j" && event.key !== "k") {
      return;
    }
    var starts = groupStarts();
    var current = selected === null ? 0 : selected;
    var target = null;
    if (event.key === "j") {
      target = starts.find(function (row) { return numberOf(row) > current; });
    } else {
      var before = starts.filter(function (row) { return numberOf(row) < current; });
      target = before.length ? before[before.length - 1] : null;
    }
    if (target) {
      var line = numberOf(target);
      select(line, line, true);
      if (!panel.hidden) {
        openChain(line);
      }
    }
  });

  // #L42 or #L40-L48: select and scroll there, and show the first line's chain
  var match = /^#L(\d+)(?:-L(\d+))?$/.exec(window.location.hash);
  if (match) {
    var from = parseInt(match[1], 10);
    var to = match[2] ? parseInt(match[2], 10) : from;
    select(Math.min(from, to), Math.max(from, to), true);
    openChain(Math.min(from, to));
  }
})();

// the decision page's diagram, drawn by the Mermaid bundle this site serves (strict: no scripts in labels)
window.addEventListener("load", function () {
  "use strict";
  if (window.mermaid && document.querySelector("pre.mermaid")) {
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    window.mermaid.initialize({startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "neutral"});
    window.mermaid.run({querySelector: "pre.mermaid"});
  }
});
