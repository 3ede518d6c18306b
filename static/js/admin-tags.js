// Autocomplete for the comma-separated tag field: suggests existing tags for
// the word being typed (from the admin's own autocomplete endpoint) while
// still letting the editor type a new tag.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input[data-tag-autocomplete]");
    if (!input) return;
    var list = document.createElement("datalist");
    list.id = input.id + "_suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(",");
        var term = parts[parts.length - 1].trim();
        if (term.length < 2) { list.replaceChildren(); return; }
        var head = parts.slice(0, -1).map(function (p) { return p.trim(); }).filter(Boolean);
        var url = input.dataset.tagAutocomplete + "?app_label=articles&model_name=article&field_name=tags&term=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (item) {
              var option = document.createElement("option");
              option.value = head.concat([item.text]).join(", ");
              return option;
            }));
          })
          .catch(function () { list.replaceChildren(); });
      }, 200);
    });
  });
})();
