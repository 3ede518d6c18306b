// Allow-listed embeds (YouTube, Facebook, TikTok, Google Maps): the page
// shows a link styled as a player and loads nothing from the provider.
// When the reader clicks it, the provider's iframe replaces the link, with
// the sandbox and permissions the server chose (articles/embeds.py).
// Without JavaScript the link opens the provider's own page.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".embed-start");
    if (!link) return;
    var box = link.parentElement;
    if (!box || !box.dataset.embedSrc) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    var src = box.dataset.embedSrc;
    if (src.indexOf("https://www.youtube-nocookie.com/embed/") === 0) src += "?autoplay=1";
    frame.src = src;
    frame.title = box.dataset.embedTitle || "";
    frame.setAttribute("sandbox", box.dataset.embedSandbox);
    frame.setAttribute("allow", box.dataset.embedAllow + "; autoplay");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    box.replaceChildren(frame);
    box.classList.add("embed-loaded");
    frame.focus();
  });
})();
