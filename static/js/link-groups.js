// "Liên kết website": with JavaScript each group is a dropdown whose first
// option is "--- Website khác ---"; choosing a site opens it in a new tab.
// Without JavaScript the plain list of links stays.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-link-group]").forEach(function (group) {
      var select = group.querySelector("[data-link-select]");
      var list = group.querySelector("[data-link-list]");
      if (!select) return;
      select.hidden = false;
      if (list) list.hidden = true;
      select.addEventListener("change", function () {
        var url = select.value;
        if (url) window.open(url, "_blank", "noopener");
        select.selectedIndex = 0;
      });
    });
  });
})();
