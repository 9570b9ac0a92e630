// interviewtips.sphinxext: open a collapsed record when a link targets it, and every
// collapsed record before printing, so paper shows all of it.
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && (target.closest ? target.closest("details") : null);
    if (details) { details.open = true; }
  }
  function scrollable() {
    document.querySelectorAll(".interview-template-email pre, pre.interview-template-email")
      .forEach(function (pre) {
        if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) {
          pre.setAttribute("tabindex", "0");  // reachable from the keyboard when it scrolls
        }
      });
  }
  document.addEventListener("DOMContentLoaded", function () { openTarget(); scrollable(); });
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.interview-record").forEach(function (d) { d.open = true; });
  });
})();
