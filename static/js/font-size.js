// A− / A+ on article pages: the reader's text size, remembered by this
// browser (localStorage). The buttons stay hidden without JavaScript.
(function () {
  "use strict";
  var KEY = "newsroom.fontSize";
  var MIN = -2;
  var MAX = 3;
  var root = document.documentElement;

  function read() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? 0 : Math.max(MIN, Math.min(MAX, value));
    } catch (error) {
      return 0; // storage blocked: sizes still change, just not remembered
    }
  }

  function apply(step) {
    root.setAttribute("data-font-size", String(step));
  }

  apply(read());

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-font-size-tools]").forEach(function (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("[data-font-size-step]");
        if (!button) return;
        var step = Math.max(MIN, Math.min(MAX, read() + parseInt(button.getAttribute("data-font-size-step"), 10)));
        try {
          window.localStorage.setItem(KEY, String(step));
        } catch (error) {
          /* not remembered */
        }
        apply(step);
      });
    });
  });
})();
