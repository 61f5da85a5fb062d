// The weekly timesheet: live totals, arrow-key moves between rows, and adding rows.
// Progressive enhancement only: the server checks and totals everything again.
(function () {
  "use strict";

  var form = document.getElementById("timesheet");
  if (!form) return;

  // Back from saving (#week-grid): keep working where you were, in the grid.
  if (window.location.hash === "#week-grid") {
    var first = form.querySelector("[data-hours-input]:not([disabled])");
    (first || document.getElementById("week-grid")).focus();
  }

  var CLOCK = /^(\d{1,2}):([0-5]\d)$/;

  // "1.5", "1,5" or "1:30" as hours; "" as 0; anything else NaN.
  function parseHours(text) {
    var value = (text || "").trim();
    if (value === "") return 0;
    var clock = CLOCK.exec(value);
    if (clock) return parseInt(clock[1], 10) + parseInt(clock[2], 10) / 60;
    value = value.replace(",", ".");
    if (!/^\d*\.?\d+$|^\d+\.$/.test(value)) return NaN;
    return parseFloat(value);
  }

  function format(hours) {
    return String(Math.round(hours * 100) / 100);
  }

  function cellHours(td) {
    var locked = td.querySelector("[data-hours]");
    if (locked) return parseFloat(locked.getAttribute("data-hours")) || 0;
    var input = td.querySelector("[data-hours-input]");
    if (!input || input.disabled) return 0;
    var hours = parseHours(input.value);
    return isNaN(hours) || hours < 0 ? 0 : hours;
  }

  function recompute() {
    var dayTotals = [0, 0, 0, 0, 0, 0, 0];
    form.querySelectorAll("tr[data-row]").forEach(function (row) {
      var total = 0;
      row.querySelectorAll("td[data-day]").forEach(function (td) {
        var hours = cellHours(td);
        dayTotals[parseInt(td.getAttribute("data-day"), 10)] += hours;
        total += hours;
      });
      row.querySelector("[data-row-total]").textContent = format(total);
    });
    var week = 0;
    dayTotals.forEach(function (hours, day) {
      week += hours;
      var cell = form.querySelector('[data-day-total="' + day + '"]');
      cell.textContent = format(hours);
      cell.classList.toggle("text-danger", hours > 24);
    });
    form.querySelector("[data-week-total]").textContent = format(week);
    var text = document.getElementById("week-total-text");
    if (text) text.textContent = format(week);
    var progress = document.getElementById("week-progress");
    var over = false;
    if (progress) {
      var allocation = parseFloat(progress.getAttribute("data-allocation"));
      var pct = allocation ? (week / allocation) * 100 : 0;
      over = week > allocation;
      progress.setAttribute("aria-valuenow", String(Math.round(pct)));
      var bar = progress.querySelector(".progress-bar");
      bar.style.width = Math.min(pct, 100).toFixed(1) + "%";
      bar.classList.toggle("bg-warning", over);
      bar.classList.toggle("bg-success", !over);
    }
    var warning = document.getElementById("over-allocation");
    if (warning) warning.classList.toggle("d-none", !over);
  }

  form.addEventListener("input", function (event) {
    if (!event.target.matches("[data-hours-input]")) return;
    var hours = parseHours(event.target.value);
    event.target.classList.toggle("is-invalid", isNaN(hours));
    recompute();
  });

  // Up and down move to the same day in the row above or below (skipping closed days).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    var input = event.target;
    if (!input.matches("[data-hours-input]")) return;
    var td = input.closest("td[data-day]");
    var day = td.getAttribute("data-day");
    var row = td.closest("tr");
    var step = event.key === "ArrowUp" ? "previousElementSibling" : "nextElementSibling";
    for (row = row[step]; row; row = row[step]) {
      var target = row.querySelector('td[data-day="' + day + '"] [data-hours-input]:not([disabled])');
      if (target) {
        event.preventDefault();
        target.focus();
        target.select();
        return;
      }
    }
  });

  // "Add a row": copy the last row that offers a project choice, with fresh names.
  var addButton = form.querySelector("[data-add-row]");
  var counter = form.querySelector("[data-row-count]");
  if (addButton && counter) {
    addButton.addEventListener("click", function () {
      var templates = form.querySelectorAll("tr[data-row] select");
      if (!templates.length) return;
      var source = templates[templates.length - 1].closest("tr");
      var index = parseInt(counter.value, 10);
      var copy = source.cloneNode(true);
      var old = /^r\d+-/;
      copy.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (value && old.test(value)) el.setAttribute(attribute, value.replace(old, "r" + index + "-"));
        });
        if (el.matches("input:not([type=hidden])")) el.value = "";
        if (el.matches("input[type=hidden][name$='-entry']")) el.remove();
        if (el.matches("select")) el.selectedIndex = 0;
        el.classList.remove("is-invalid");
      });
      copy.querySelectorAll(".invalid-feedback").forEach(function (el) { el.remove(); });
      copy.querySelectorAll("label").forEach(function (label) {
        label.textContent = label.textContent.replace(/row \d+/, "row " + (index + 1));
      });
      source.parentNode.appendChild(copy);
      counter.value = String(index + 1);
      copy.querySelector("select").focus();
      recompute();
    });
  }

  recompute();
})();
