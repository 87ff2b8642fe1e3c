/* A calendar beside each date field: the field stays text (typed "4/12/26" is accepted), and the
   "Lịch" button opens the browser's own date picker, whose choice is written back as dd/mm/yyyy. */
(function () {
  "use strict";
  function iso(text) {
    var m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{2}|\d{4})$/.exec(text.trim());
    if (!m) { return ""; }
    var year = m[3].length === 2 ? "20" + m[3] : m[3];
    return year + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
  }
  function attach(input) {
    var wrap = document.createElement("span");
    wrap.className = "date-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "date-picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-button outline secondary";
    button.textContent = "Lịch";
    button.setAttribute("aria-label", "Chọn ngày trên lịch");
    wrap.appendChild(picker);
    wrap.appendChild(button);
    button.addEventListener("click", function () {
      picker.value = iso(input.value);
      if (typeof picker.showPicker === "function") { picker.showPicker(); } else { picker.focus(); }
    });
    picker.addEventListener("change", function () {
      if (!picker.value) { return; }
      var parts = picker.value.split("-");
      input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input.date"), attach);
  });
})();
