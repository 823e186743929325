/* AUP Atlas: every button marked data-aup-print prints the page, and a declaration page's roster form
 * (data-aup-roster-form) fills in one sheet, or one roster row, per person of a pasted roster CSV (read by
 * roster.js, window.AupRoster). Script files, not inline handlers, so the site's Content-Security-Policy
 * (script-src 'self') lets them run. Names are set as text, never as markup, and stay in the browser. */
(function () {
  "use strict";

  function cell(tag, text, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* One sheet per person: copies of the blank sheet with the name and designation (and role) filled in. */
  function fillSheets(blank, place, people) {
    document.querySelectorAll("section.sheet").forEach(function (s) { s.remove(); });
    var parent = place.parentNode, anchor = place.nextSibling;
    (people.length ? people : [null]).forEach(function (person) {
      var sheet = blank.cloneNode(true);
      if (person) {
        var rows = sheet.querySelectorAll("table.fields tr");
        var name = rows[0].querySelector("td"), designation = rows[1].querySelector("td");
        name.className = "filled";
        name.textContent = person.name;
        designation.className = "filled";
        designation.textContent = person.designation;
        if (person.role) {
          var role = cell("tr");
          role.appendChild(cell("th", "Role")).setAttribute("scope", "row");
          role.appendChild(cell("td", person.role, "filled"));
          rows[1].parentNode.insertBefore(role, rows[1].nextSibling);
        }
      }
      parent.insertBefore(sheet, anchor);
    });
  }

  /* The roster: a row per person above the blank rows, which make room for them. */
  function fillRoster(body, blankRows, people) {
    body.textContent = "";
    people.forEach(function (person) {
      var row = cell("tr"), name = cell("td", person.name);
      if (person.role) name.appendChild(cell("span", person.role, "role"));
      row.appendChild(name);
      row.appendChild(cell("td", person.designation));
      row.appendChild(cell("td"));
      row.appendChild(cell("td"));
      body.appendChild(row);
    });
    for (var i = people.length; i < blankRows.length; i++) body.appendChild(blankRows[i].cloneNode(true));
  }

  function wireRoster(form) {
    var layout = form.getAttribute("data-layout");
    var sheets = document.querySelectorAll("section.sheet"), blank = sheets.length ? sheets[0].cloneNode(true) : null;
    var place = sheets.length ? document.createComment("sheets") : null;  // where the sheets go, whatever they become
    if (place) sheets[0].parentNode.insertBefore(place, sheets[0]);
    var body = document.querySelector(".roster-table tbody");
    var blankRows = body ? Array.prototype.slice.call(body.querySelectorAll("tr.empty")).map(function (r) { return r.cloneNode(true); }) : [];
    var status = form.querySelector("[data-aup-roster-status]"), problems = form.querySelector("[data-aup-roster-problems]");
    form.querySelector("[data-aup-roster-make]").addEventListener("click", function () {
      var parsed = window.AupRoster.parse(form.querySelector("[data-aup-roster]").value);
      problems.textContent = "";
      parsed.problems.forEach(function (p) { problems.appendChild(cell("li", p)); });
      if (parsed.problems.length) {
        status.textContent = "The roster has problems; nothing was changed.";
        return;
      }
      if (layout === "sheet" && blank) fillSheets(blank, place, parsed.people);
      if (layout === "roster" && body) fillRoster(body, blankRows, parsed.people);
      var n = parsed.people.length;
      status.textContent = n ? (layout === "sheet" ? n + " sheet" + (n === 1 ? "" : "s") + " ready to print, one per person."
                                                   : n + " name" + (n === 1 ? "" : "s") + " on the roster, ready to print.")
                             : "Cleared: " + (layout === "sheet" ? "one blank sheet." : "blank rows only.");
    });
  }

  function wire() {
    document.querySelectorAll("[data-aup-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    if (window.AupRoster) document.querySelectorAll("[data-aup-roster-form]").forEach(wireRoster);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
