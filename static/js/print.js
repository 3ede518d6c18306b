// The print view's "In" button: shown only when JavaScript can print.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
