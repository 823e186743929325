/* AUP Atlas: every button marked data-aup-print prints the page. A script file, not an inline onclick,
 * so the site's Content-Security-Policy (script-src 'self') lets it run. */
(function () {
  "use strict";
  function wire() {
    document.querySelectorAll("[data-aup-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
