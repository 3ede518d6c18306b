// Background work's progress in the admin (a printed issue's processing, a
// video's transcoding): while it waits or runs, ask the server every two
// seconds and show the answer; when it is done (or failed), offer to reload
// the page (not done by itself: the desk may be typing in the form).
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !box.dataset.progressUrl) return;
  var waiting = function (state) { return state === "queued" || state === "running"; };
  if (!waiting(box.dataset.state)) return;
  box.setAttribute("role", "status");
  var poll = function () {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        box.textContent = data.text;
        if (waiting(data.state)) { window.setTimeout(poll, 2000); return; }
        var link = document.createElement("a");
        link.href = window.location.pathname;
        link.textContent = box.dataset.reloadLabel;
        box.append(" ", link);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, 2000);
})();
