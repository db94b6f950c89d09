// troth: small helpers on top of htmx. The pages work without JavaScript.
document.addEventListener("htmx:afterSwap", function (event) {
  // After a form comes back with errors, move focus to the first field that needs care.
  var bad = event.detail.target.querySelector('[aria-invalid="true"]');
  if (bad) { bad.focus(); return; }
  var alert = event.detail.target.querySelector('[role="alert"]');
  if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
});

// People chosen by name: a WAI-ARIA 1.2 combobox with a listbox popup on each person field
// (an input with data-suggest). The field keeps what was chosen as "Name (#12)", which the
// server reads as registry number 12; without script, a name or a number is typed instead.
(function () {
  var seq = 0;

  function partOf(input) {
    if (!input.hasAttribute("data-multiple")) { return input.value; }
    var parts = input.value.split(/[,;]/);
    return parts[parts.length - 1];
  }

  function put(input, label) {
    if (!input.hasAttribute("data-multiple")) { input.value = label; return; }
    var parts = input.value.split(/[,;]/);
    parts[parts.length - 1] = " " + label;
    input.value = parts.join(",").replace(/^\s+/, "") + ", ";
  }

  function setup(input) {
    if (input.getAttribute("data-combo") === "on") { return; }
    input.setAttribute("data-combo", "on");
    var list = document.getElementById(input.id + "-list");
    var status = document.getElementById(input.id + "-status");
    var options = [];
    var active = -1;
    var timer = null;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      put(input, options[index].getAttribute("data-label"));
      status.textContent = options[index].getAttribute("data-label") + " chosen.";
      close();
      input.focus();
    }

    function show(answer) {
      list.textContent = "";
      options = answer.results.map(function (r, i) {
        var li = document.createElement("li");
        li.id = input.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-label", r.label);
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = r.name + " (#" + r.id + ")";
        li.appendChild(name);
        if (r.detail) {
          var detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = r.detail;
          li.appendChild(document.createTextNode(" "));
          li.appendChild(detail);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.addEventListener("click", function () { choose(i); });
        list.appendChild(li);
        return li;
      });
      status.textContent = answer.message || "";
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function ask() {
      var q = partOf(input).trim();
      var url = input.getAttribute("data-suggest") + "&q=" + encodeURIComponent(q);
      (input.getAttribute("data-suggest-with") || "").split(" ").forEach(function (name) {
        var other = name && input.form && input.form.elements[name];
        if (other && other.value) { url += "&" + name + "=" + encodeURIComponent(other.value); }
      });
      var mine = ++seq;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [], message: "No suggestions could be found; give the registry number." }; })
        .then(function (answer) { if (mine === seq && document.activeElement === input) { show(answer); } })
        .catch(function () { /* the field still takes a number */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
    input.addEventListener("keydown", function (e) {
      var open = !list.hidden && options.length > 0;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (!open) { ask(); return; }
        mark(active < options.length - 1 ? active + 1 : 0);
      } else if (e.key === "ArrowUp") {
        if (!open) { return; }
        e.preventDefault();
        mark(active > 0 ? active - 1 : options.length - 1);
      } else if (e.key === "Enter") {
        if (open && active >= 0) { e.preventDefault(); choose(active); }
      } else if (e.key === "Escape") {
        if (open) { e.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function wake(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-suggest]").forEach(setup);
  }
  document.addEventListener("DOMContentLoaded", function () { wake(document); });
  document.addEventListener("htmx:load", function (event) { wake(event.detail.elt); });
})();
// Secondary panels (<details data-open-wide>) start open on a wide screen; on a phone they
// stay folded below what needs the person now.
if (window.matchMedia && window.matchMedia("(min-width: 40rem)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
}
