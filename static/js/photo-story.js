// Photo stories (phóng sự ảnh): without JavaScript the pictures are a plain
// sequence, each a link to its large version. With it, a picture opens in a
// lightbox (a <dialog>): ← and → (or a swipe) go to the previous and next
// picture, Esc or the close button closes it, focus returns to the picture.
// On the page itself, ← and → move between pictures when one has focus.
(function () {
  "use strict";
  var story = document.querySelector("[data-photo-story]");
  if (!story) return;
  var links = Array.prototype.slice.call(story.querySelectorAll(".photo-story-open"));
  if (!links.length) return;
  var t = function (s) { return window.gettext ? window.gettext(s) : s; };
  var lang = document.documentElement.lang;
  var labels = { close: "Đóng", prev: "Ảnh trước", next: "Ảnh sau", dialog: "Xem ảnh lớn" };

  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", t(labels.dialog));
  var image = document.createElement("img");
  image.className = "lightbox-image";
  image.alt = "";
  var caption = document.createElement("p");
  caption.className = "lightbox-caption";
  caption.setAttribute("aria-live", "polite");
  var button = function (cls, text, symbol) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.setAttribute("aria-label", t(text));
    b.textContent = symbol;
    return b;
  };
  var prev = button("lightbox-prev", labels.prev, "‹");
  var next = button("lightbox-next", labels.next, "›");
  var close = button("lightbox-close", labels.close, "×");
  dialog.append(close, prev, image, next, caption);
  document.body.append(dialog);
  var current = 0;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var img = link.querySelector("img");
    image.src = link.dataset.full || link.href;
    image.alt = img ? img.alt : "";
    image.width = Number(link.dataset.width) || 0;
    image.height = Number(link.dataset.height) || 0;
    var figcaption = link.closest("figure").querySelector("figcaption");
    caption.textContent = figcaption ? figcaption.textContent.trim() : "";
    dialog.dataset.index = String(current + 1);
  }
  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(index);
      dialog.showModal();
    });
    link.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      var target = links[index + (event.key === "ArrowRight" ? 1 : -1)];
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    });
  });
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
  });
  dialog.addEventListener("close", function () { links[current].focus(); });
  var startX = null;
  dialog.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
  dialog.addEventListener("touchend", function (event) {
    if (startX === null) return;
    var dx = event.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
  });
  if (lang) dialog.lang = lang;
})();
