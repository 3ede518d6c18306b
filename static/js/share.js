// "Sao chép liên kết": copies the article's address. Without JavaScript (or
// without clipboard access) the link is the address itself, to copy by hand.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var status = link.parentNode.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(link.href).then(
      function () {
        if (status) status.textContent = link.getAttribute("data-copied-label");
      },
      function () {
        window.location.href = link.href;
      }
    );
  });
})();
