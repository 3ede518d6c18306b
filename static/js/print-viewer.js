// The print edition's page viewer (templates/editions/page_detail.html).
// Without JavaScript the page works with plain links: previous/next page,
// "Phóng to" opens the large image. With it: the arrow keys turn pages, a
// horizontal swipe on the page turns it, "Phóng to" enlarges the page in
// place (drag or scroll to move around), + / − / Esc zoom in and out.
(function () {
  "use strict";
  var viewer = document.querySelector("[data-viewer]");
  if (!viewer) return;
  var frame = viewer.querySelector("[data-viewer-frame]");
  var zoom = viewer.querySelector("[data-viewer-zoom]");
  var prev = viewer.querySelector("[data-viewer-prev]");
  var next = viewer.querySelector("[data-viewer-next]");
  var help = viewer.querySelector("[data-viewer-help]");
  var images = frame.querySelectorAll("img, source");
  var normalSizes = images[0].getAttribute("sizes");
  if (help) help.hidden = false;

  var zoomed = function () { return viewer.classList.contains("is-zoomed"); };
  var setZoom = function (on) {
    viewer.classList.toggle("is-zoomed", on);
    images.forEach(function (el) { el.setAttribute("sizes", on ? "2000px" : normalSizes); });
    zoom.textContent = on ? zoom.dataset.labelUnzoom : zoom.dataset.labelZoom;
    zoom.setAttribute("aria-pressed", on ? "true" : "false");
    // Zoomed, the frame scrolls: reachable and named for keyboard users.
    if (on) {
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", zoom.dataset.labelFrame);
    } else {
      ["tabindex", "role", "aria-label"].forEach(function (name) { frame.removeAttribute(name); });
      frame.scrollTo(0, 0);
    }
  };
  zoom.setAttribute("role", "button");
  zoom.setAttribute("aria-pressed", "false");
  zoom.addEventListener("click", function (event) {
    event.preventDefault();
    setZoom(!zoomed());
  });
  zoom.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); setZoom(!zoomed()); }
  });

  var go = function (link) { if (link) window.location.href = link.href; };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "+" || event.key === "=") { setZoom(true); }
    else if (event.key === "-" || event.key === "Escape") { if (zoomed()) setZoom(false); }
    else if (!zoomed() && event.key === "ArrowLeft") { go(prev); }
    else if (!zoomed() && event.key === "ArrowRight") { go(next); }
  });

  // A swipe turns the page (not while zoomed: then a drag moves the page).
  var start = null;
  frame.addEventListener("touchstart", function (event) {
    if (event.touches.length === 1) start = { x: event.touches[0].clientX, y: event.touches[0].clientY };
  }, { passive: true });
  frame.addEventListener("touchend", function (event) {
    if (!start || zoomed()) { start = null; return; }
    var touch = event.changedTouches[0];
    var dx = touch.clientX - start.x, dy = touch.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 60 && Math.abs(dy) < Math.abs(dx) / 2) go(dx < 0 ? next : prev);
  });

  // Zoomed with a mouse: drag to move around the page.
  var drag = null;
  frame.addEventListener("mousedown", function (event) {
    if (!zoomed() || event.button !== 0) return;
    event.preventDefault();
    drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    frame.classList.add("is-dragging");
  });
  window.addEventListener("mousemove", function (event) {
    if (!drag) return;
    frame.scrollLeft = drag.left - (event.clientX - drag.x);
    frame.scrollTop = drag.top - (event.clientY - drag.y);
  });
  window.addEventListener("mouseup", function () {
    drag = null;
    frame.classList.remove("is-dragging");
  });
})();
