// Counts the article view when the page came from a cache
// (NEWSROOM_COUNT_WITH_BEACON): one POST to /luot-xem/<id>/, then shows the
// fresh number. Without JavaScript the server-rendered number stays.
(function () {
  "use strict";
  var box = document.querySelector("[data-count-url]");
  if (!box || !window.fetch) return;
  fetch(box.getAttribute("data-count-url"), { method: "POST", credentials: "same-origin", keepalive: true })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      var number = box.querySelector("[data-views]");
      if (data && number) number.textContent = data.views;
    })
    .catch(function () {});
})();
