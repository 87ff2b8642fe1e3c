/* A search box over a long <select> (the catalog items of a proposal): typing narrows the options,
   without diacritics ("de thi" finds "Đề thi"); chosen options always stay in view. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase();
  }
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = select.getAttribute("data-search");
    box.setAttribute("aria-label", select.getAttribute("data-search"));
    box.className = "select-search";
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.text + " " + (option.parentNode.label || ""));
        option.hidden = !option.selected && !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-search]"), attach);
  });
})();
