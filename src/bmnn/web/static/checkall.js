// A box in a table's header that ticks or clears every record box of its form (a clerk
// checking a page of 50 paper lines against the files at once).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[type=checkbox][data-check-all]").forEach(function (all) {
    var form = all.closest("form");
    if (!form) { return; }
    all.addEventListener("change", function () {
      form.querySelectorAll('input[type=checkbox][name="record"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
});
