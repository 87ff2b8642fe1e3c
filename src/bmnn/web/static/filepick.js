// File inputs in Vietnamese whatever the browser's language: the native control (whose button
// and "no file chosen" text the browser writes in its own language) is hidden behind a button
// and a line naming the chosen files.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('input[type="file"]').forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "outline secondary file-pick";
    button.textContent = input.multiple ? "Chọn các tệp…" : "Chọn tệp…";
    var names = document.createElement("span");
    names.className = "file-names muted";
    names.textContent = "Chưa chọn tệp nào";
    input.classList.add("visually-hidden");
    input.insertAdjacentElement("afterend", names);
    input.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var list = Array.prototype.map.call(input.files, function (f) { return f.name; });
      names.textContent = list.length ? list.join(", ") : "Chưa chọn tệp nào";
    });
  });
});
