// Charts of the reporting dashboard, drawn from the JSON the page carries (no network).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var levels = data.levels.slice(0, -1);  // the last row is the total
  new Chart(document.getElementById("chart-rates"), {
    type: "bar",
    data: { labels: levels, datasets: [
      { label: "Đúng hạn", data: data.on_time.slice(0, -1), backgroundColor: "#2e7d32" },
      { label: "Muộn", data: data.late.slice(0, -1), backgroundColor: "#f9a825" },
      { label: "Còn thiếu", data: data.missing.slice(0, -1), backgroundColor: "#c62828" } ] },
    options: { animation: false, plugins: { title: { display: true, text: "Báo cáo theo cấp" } },
               scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } }
  });
  var findings = document.getElementById("chart-findings");
  if (data.counts.length === 0) {
    var note = document.createElement("p");
    note.className = "muted";
    note.textContent = "Chưa có số liệu vi phạm, thiếu sót trong các báo cáo đã nhận năm này.";
    findings.parentNode.replaceChild(note, findings);
    return;
  }
  new Chart(findings, {
    type: "bar",
    data: { labels: data.categories, datasets: [
      { label: "Số vi phạm, thiếu sót", data: data.counts, backgroundColor: "#1565c0" } ] },
    options: { animation: false, indexAxis: "y",
               plugins: { title: { display: true, text: "Vi phạm, thiếu sót theo loại (từ báo cáo đã nhận)" } },
               scales: { x: { ticks: { precision: 0 } } } }
  });
});
