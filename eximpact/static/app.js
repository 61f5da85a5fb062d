// EX Impact: small progressive enhancements. No inline scripts anywhere (CSP).
(function () {
  "use strict";

  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // Password links carry their token after "#", which no server log sees: move it into
  // the form's hidden field and drop it from the address bar and the history.
  var linkToken = document.querySelector("[data-link-token]");
  if (linkToken && window.location.hash.length > 1) {
    linkToken.value = decodeURIComponent(window.location.hash.slice(1));
    window.history.replaceState(null, "", window.location.pathname);
  }

  // Copy buttons: data-copy-target="#id" copies that input's value.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy-target"));
    if (!input) return;
    input.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Copied";
      });
    }
  });

  // Selects with data-autosubmit submit their form on change (filters).
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
})();

// Selects with data-navigate go to the URL of the chosen option.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-navigate]")) {
    window.location.assign(event.target.value);
  }
});

// Person pickers: suggest colleagues as you type ("Name <e-mail>"), from the server.
(function () {
  "use strict";
  var timers = new WeakMap();
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("input[data-person-lookup]")) return;
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () {
      var query = input.value.trim();
      if (query.length < 2 || query.indexOf("<") !== -1) return;
      fetch("/org/people/lookup?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (body) {
          list.replaceChildren.apply(list, body.items.map(function (person) {
            var option = document.createElement("option");
            option.value = person.label;
            if (person.team) option.label = person.team;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience; typing an e-mail still works */ });
    }, 150));
  });
})();

// Text areas with data-limit show how much room is left and say plainly when the text is
// too long; the browser never cuts it (the server refuses it with the same limit).
(function () {
  "use strict";
  function counterFor(area) {
    var id = area.id + "-counter";
    var counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement("div");
      counter.id = id;
      counter.className = "form-text limit-counter";
      counter.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", counter);
      var described = area.getAttribute("aria-describedby");
      area.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return counter;
  }
  function update(area) {
    var limit = parseInt(area.getAttribute("data-limit"), 10);
    var used = area.value.length;
    var counter = counterFor(area);
    var over = used > limit;
    counter.textContent = over
      ? (counter.getAttribute("data-over") || "Too long: {used} of at most {limit} characters.")
          .replace("{used}", used).replace("{limit}", limit)
      : (counter.getAttribute("data-room") || "{used} of {limit} characters.")
          .replace("{used}", used).replace("{limit}", limit);
    counter.classList.toggle("text-danger", over);
    if (over) {
      area.classList.add("is-invalid");
      area.setAttribute("data-limit-marked", "");
    } else if (area.hasAttribute("data-limit-marked")) {
      area.classList.remove("is-invalid");
      area.removeAttribute("data-limit-marked");
    }
  }
  function init() {
    document.querySelectorAll("textarea[data-limit]").forEach(update);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-limit]")) update(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// Tables wider than a phone scroll inside their `.table-responsive` box: make the box a
// keyboard stop (WCAG 2.1.1), so arrow keys can scroll it, but only when it does scroll.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();

// Text areas prefilled with an opening (data-caret-end): typing lands after it.
document.addEventListener("focusin", function (event) {
  var area = event.target;
  if (!area.matches("textarea[data-caret-end]")) return;
  area.removeAttribute("data-caret-end");
  window.setTimeout(function () {
    area.setSelectionRange(area.value.length, area.value.length);
  }, 0);
});

// Links with data-confirm-if-edited (a template that refills the form) ask first once the
// person has typed into a form marked data-track-edits; nothing typed, nothing asked.
(function () {
  "use strict";
  var edited = false;
  document.addEventListener("input", function (event) {
    if (event.target.closest("form[data-track-edits]")) edited = true;
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm-if-edited]");
    if (link && edited && !window.confirm(link.getAttribute("data-confirm-if-edited"))) {
      event.preventDefault();
    }
  });
})();

// Long person lists (select[data-searchable]): a search box above narrows the choices as
// you type, Enter picks the first match, and what is chosen shows as removable chips.
// Without JavaScript the plain select still works (Ctrl/⌘ for several people).
(function () {
  "use strict";
  function fold(text) {
    // Accents off (ż → z, ū → u), and the letters no accent makes: ł → l, ø → o, đ → d.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/ł/g, "l").replace(/ø/g, "o").replace(/đ/g, "d");
  }
  function enhance(select) {
    var search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-1";
    search.id = select.id + "-search";
    search.setAttribute("autocomplete", "off");
    search.setAttribute("aria-controls", select.id);
    search.setAttribute("aria-label", "Search " + (select.labels[0] ? select.labels[0].textContent.trim() : "the list"));
    search.placeholder = "Type to search by name or e-mail";
    var chips = document.createElement("div");
    chips.className = "d-flex flex-wrap gap-1 mb-1";
    chips.setAttribute("aria-live", "polite");
    select.insertAdjacentElement("beforebegin", search);
    select.insertAdjacentElement("beforebegin", chips);

    function showChips() {
      if (!select.multiple) return;
      chips.replaceChildren.apply(chips, Array.prototype.filter.call(select.options, function (o) {
        return o.selected;
      }).map(function (option) {
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "btn btn-sm btn-outline-primary";
        chip.textContent = option.textContent + " ×";
        chip.setAttribute("aria-label", "Remove " + option.textContent);
        chip.addEventListener("click", function () {
          option.selected = false;
          showChips();
          search.focus();
        });
        return chip;
      }));
    }
    function filter() {
      var words = fold(search.value.trim()).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.textContent);
        option.hidden = option.value !== "" && !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    }
    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Enter") {
        event.preventDefault();  // Enter picks, it does not send the form
        var first = Array.prototype.find.call(select.options, function (o) {
          return !o.hidden && o.value !== "";
        });
        if (first) {
          if (select.multiple) first.selected = true; else select.value = first.value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          search.value = "";
          filter();
        }
      }
    });
    select.addEventListener("change", showChips);
    showChips();
  }
  document.querySelectorAll("select[data-searchable]").forEach(enhance);
})();
