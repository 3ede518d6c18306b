// Vietnamese slugs in the admin, replacing Django's urlify.js (which turns
// "Đ" into "dj"). Mirrors newsroom.text.slugify_vi; the server makes the slug
// anyway when the field is left empty.
(function () {
  "use strict";
  function slugifyVi(text, maxLength) {
    var s = text.normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D");
    s = s.normalize("NFKD").replace(/[\u0300-\u036f\u031b]/g, "");
    s = s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (s.length > maxLength) {
      var cut = s.slice(0, maxLength);
      if (s.charAt(maxLength) !== "-" && cut.indexOf("-") !== -1) cut = cut.slice(0, cut.lastIndexOf("-"));
      s = cut.replace(/-+$/g, "");
    }
    return s;
  }
  window.newsroomSlugifyVi = slugifyVi;

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-slug-from]").forEach(function (slugInput) {
      var source = document.getElementById("id_" + slugInput.dataset.slugFrom);
      if (!source) return;
      var maxLength = parseInt(slugInput.getAttribute("maxlength"), 10) || 200;
      // Follow the title only while the slug is empty or was made by us.
      var auto = slugInput.value === "" || slugInput.value === slugifyVi(source.value, maxLength);
      slugInput.addEventListener("input", function () { auto = slugInput.value === ""; });
      source.addEventListener("input", function () {
        if (auto) slugInput.value = slugifyVi(source.value, maxLength);
      });
    });
  });
})();
