/* Fill in an agreement in the page: what is typed only changes the page, nothing is sent or stored. */
(function () {
  "use strict";

  function setUp(form) {
    var text = document.querySelector(".guide-agreement");
    if (!text) return;

    function update() {
      form.querySelectorAll("[data-champ]").forEach(function (input) {
        var value = input.value.trim();
        text.querySelectorAll('.guide-blank[data-champ="' + input.dataset.champ + '"]').forEach(function (blank) {
          blank.textContent = value || blank.dataset.libelle;
          blank.classList.toggle("guide-blank--filled", value !== "");
        });
      });
      form.querySelectorAll("[data-garder]").forEach(function (box) {
        var section = text.querySelector('[data-section="' + box.dataset.garder + '"]');
        if (section) section.hidden = !box.checked;
      });
      // Sections left out do not leave a gap in the numbering.
      var number = 0;
      text.querySelectorAll("[data-section]").forEach(function (section) {
        if (section.hidden) return;
        number += 1;
        section.querySelectorAll(".guide-num").forEach(function (span) {
          span.textContent = String(number);
        });
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", function () {
      window.setTimeout(update, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var print = form.querySelector('[data-action="imprimer"]');
    if (print) {
      print.addEventListener("click", function () {
        window.print();
      });
    }
    update();
  }

  document.querySelectorAll("form.guide-fill").forEach(setUp);
})();
