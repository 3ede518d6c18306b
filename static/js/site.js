// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-back-to-top]");
    if (!button) return;
    var threshold = 400;
    function update() {
      button.classList.toggle("is-visible", window.scrollY > threshold);
    }
    window.addEventListener("scroll", update, { passive: true });
    update();
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: reduce ? "auto" : "smooth" });
      // Keyboard users land at the top too, not only the view.
      var top = document.getElementById("top");
      if (top) top.focus({ preventScroll: true });
    });
  });
})();
